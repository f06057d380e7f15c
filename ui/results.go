package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
)

// resultItem is one row of the results pane: a listing to show, or a
// category to open.
type resultItem struct {
	listing  *directory.Listing
	category directory.CategoryCount
}

// resultsPane is the left side of the window: a heading that says what the
// list holds, a way back to the categories, and the list itself.
type resultsPane struct {
	now        func() time.Time
	onActivate func(resultItem)
	onBack     func()

	heading *widget.Label
	hint    *widget.Label
	back    *widget.Button
	list    *widget.List

	items []resultItem
	// cursor is the row Down and Up have reached, -1 for none.
	cursor widget.ListItemID
	// selecting is set while the pane selects a row itself, so the list's
	// OnSelected does not take it for a click.
	selecting bool
}

func (p *resultsPane) buildUI() fyne.CanvasObject {
	p.cursor = -1
	p.heading = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	p.hint = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.hint.Hide()
	p.back = &widget.Button{Text: lang.L("Categories"), Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance, OnTapped: p.onBackTapped}
	p.back.Hide()
	p.list = &widget.List{
		Length:     func() int { return len(p.items) },
		CreateItem: func() fyne.CanvasObject { return newResultRow() },
		UpdateItem: p.updateItem,
		OnSelected: p.onSelected,
	}
	p.list.ExtendBaseWidget(p.list)
	header := container.NewVBox(container.NewBorder(nil, nil, p.back, nil, p.heading), p.hint)
	return container.NewBorder(header, nil, nil, nil, p.list)
}

// show replaces the list. back offers the way back to the categories; hint
// is advice shown above the list, such as what to try after no matches.
func (p *resultsPane) show(heading string, items []resultItem, back bool, hint string) {
	p.items = items
	p.cursor = -1
	p.heading.SetText(heading)
	p.back.Hidden = !back
	p.back.Refresh()
	p.hint.Text = hint
	p.hint.Hidden = hint == ""
	p.hint.Refresh()
	p.selecting = true
	p.list.UnselectAll()
	p.selecting = false
	p.list.ScrollToOffset(0)
	p.list.Refresh()
}

// markShown selects the row of the listing on show, if it is in the list, so
// staff can see which result they are reading.
func (p *resultsPane) markShown(id string) {
	for i, it := range p.items {
		if it.listing != nil && it.listing.ID == id {
			p.selecting = true
			p.list.Select(i)
			p.selecting = false
			return
		}
	}
	p.selecting = true
	p.list.UnselectAll()
	p.selecting = false
}

// move steps the cursor down (+1) or up (-1), keeping it on screen.
func (p *resultsPane) move(delta int) {
	if len(p.items) == 0 {
		return
	}
	old := p.cursor
	switch {
	case p.cursor < 0:
		p.cursor = 0
	default:
		p.cursor = max(0, min(len(p.items)-1, p.cursor+delta))
	}
	if old == p.cursor {
		return
	}
	if old >= 0 {
		p.list.RefreshItem(old)
	}
	p.list.RefreshItem(p.cursor)
	p.list.ScrollTo(p.cursor)
}

// activateCursor shows the row under the cursor, or the top row when the
// cursor has not moved yet.
func (p *resultsPane) activateCursor() {
	if len(p.items) == 0 {
		return
	}
	if p.cursor < 0 {
		p.move(1)
	}
	id := p.cursor
	p.selecting = true
	p.list.Select(id)
	p.selecting = false
	p.onActivate(p.items[id])
}

func (p *resultsPane) onSelected(id widget.ListItemID) {
	if p.selecting || id < 0 || id >= len(p.items) {
		return
	}
	old := p.cursor
	p.cursor = id
	if old >= 0 && old != id {
		p.list.RefreshItem(old)
	}
	p.list.RefreshItem(id)
	p.onActivate(p.items[id])
}

func (p *resultsPane) onBackTapped() {
	if p.onBack != nil {
		p.onBack()
	}
}

func (p *resultsPane) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	row, ok := o.(*resultRow)
	if !ok || id < 0 || id >= len(p.items) {
		return
	}
	it := p.items[id]
	c := rowContent{cursor: id == p.cursor}
	if it.listing == nil {
		c.title = it.category.Name
		c.subtitle = lang.N("{{.Count}} listing", it.category.Count, map[string]any{"Count": it.category.Count})
		row.set(c)
		return
	}
	l, now := it.listing, p.now()
	c.title = l.Name
	c.subtitle = l.Organization
	if ph, ok := l.MainPhone(); ok {
		c.subtitle = ph.String()
		if l.Organization != "" {
			c.subtitle += " · " + l.Organization
		}
	}
	c.badge, c.badgeImportance = openBadge(l, now)
	c.marker, c.markerImportance = statusMarker(l, now)
	c.note = verifyNote(l, now)
	row.set(c)
}
