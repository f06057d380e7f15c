package ui

import (
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
	"nowrongdoor/directory/search"
)

// resultItem is one row of the results pane: a listing to show, a
// category to open, or the heading of a group of rows on the start page
// ("Recently viewed"), which the highlight passes over.
type resultItem struct {
	listing  *directory.Listing
	category search.CategoryCount
	// heading names a group of the rows below it; note says more about
	// it on the row's second line.
	heading, note string
}

// resultsPane is the left side of the window: a heading that says what the
// list holds, a way back to the categories, and the list itself.
type resultsPane struct {
	now func() time.Time
	// onActivate opens a category or shows a listing, from a click or
	// Enter; onHighlight shows the row Down or Up has reached, so the
	// middle pane always follows the highlighted row.
	onActivate  func(resultItem)
	onHighlight func(resultItem)
	onBack      func()

	heading *widget.Label
	hint    *widget.Label
	back    *widget.Button
	// crisis tells staff to call 911 above results the search put first
	// because the customer may be in danger.
	crisis *banner
	list   *widget.List

	items []resultItem
	// cursor is the highlighted row, the one on show in the middle pane,
	// -1 for none. The list's selection follows it.
	cursor widget.ListItemID
	// selecting is set while the pane selects a row itself, so the list's
	// OnSelected does not take it for a click.
	selecting bool
	// measure is a row kept to measure rows with; heights is the height
	// given each row whose name wraps, and each given one before, by id.
	measure *resultRow
	heights map[widget.ListItemID]float32
}

func (p *resultsPane) buildUI() fyne.CanvasObject {
	p.cursor = -1
	p.heading = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	p.hint = &widget.Label{Wrapping: fyne.TextWrapWord}
	p.hint.Hide()
	p.back = &widget.Button{Text: lang.L("Categories"), Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance, OnTapped: p.onBackTapped}
	p.back.Hide()
	p.crisis = newBanner(lang.L("If someone is in danger now, call 911."), widget.DangerImportance)
	p.crisis.Hide()
	p.list = &widget.List{
		Length:     func() int { return len(p.items) },
		CreateItem: func() fyne.CanvasObject { return newResultRow() },
		UpdateItem: p.updateItem,
		OnSelected: p.onSelected,
	}
	p.list.ExtendBaseWidget(p.list)
	header := container.NewVBox(container.NewBorder(nil, nil, p.back, nil, p.heading), p.crisis, p.hint)
	return container.NewBorder(header, nil, nil, nil, container.New(&rowsLayout{pane: p}, p.list))
}

// rowsLayout fills its space with the results list, and has the rows
// measured again when the list's width or the text size changes: a name
// wraps onto more or fewer lines.
type rowsLayout struct {
	pane            *resultsPane
	width, textSize float32
}

func (l *rowsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	if size.Width != l.width || theme.TextSize() != l.textSize {
		l.width, l.textSize = size.Width, theme.TextSize()
		l.pane.fitRows()
	}
}

func (l *rowsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// fitRows gives each row whose name wraps at the list's width the height
// it needs, and the others the template row's height again. The list
// redraws itself for each height that changes, so rows are given a height
// only when it changes: typing on, most keep theirs.
func (p *resultsPane) fitRows() {
	width := p.list.Size().Width
	if width <= 0 {
		return
	}
	if p.measure == nil {
		p.measure = newResultRow()
		p.heights = map[widget.ListItemID]float32{}
	}
	now := p.now()
	base := p.measure.MinSize().Height
	for i, it := range p.items {
		h := base
		if it.listing != nil {
			c := rowContent{title: it.listing.Name}
			c.marker, _ = statusMarker(it.listing, now)
			h = p.measure.rowHeight(c, width)
		}
		if old, ok := p.heights[i]; ok && old == h || !ok && h == base {
			continue
		}
		p.heights[i] = h
		p.list.SetItemHeight(i, h)
	}
}

// show replaces the list, scrolled to the top, with row cursor highlighted
// (-1 for none). back offers the way back to the categories; hint is advice
// shown above the list, such as what to try after no matches.
func (p *resultsPane) show(heading string, items []resultItem, back bool, hint string, cursor widget.ListItemID) {
	p.setCrisis(false)
	p.items = items
	p.cursor = -1
	if cursor >= 0 && cursor < len(items) {
		p.cursor = cursor
	}
	p.heading.SetText(heading)
	p.back.Hidden = !back
	p.back.Refresh()
	p.setHint(hint)
	p.fitRows()
	p.list.ScrollToOffset(0)
	p.selectCursor()
	p.list.Refresh()
}

// setHint shows advice above the list, or none for "".
func (p *resultsPane) setHint(hint string) {
	p.hint.Text = hint
	p.hint.Hidden = hint == ""
	p.hint.Refresh()
}

// setCrisis shows or hides the call-911 banner above the list. Every
// show takes it away; the desk puts it back for results the search pinned.
func (p *resultsPane) setCrisis(shown bool) {
	switch {
	case shown && !p.crisis.Visible():
		p.crisis.Show()
	case !shown && p.crisis.Visible():
		p.crisis.Hide()
	}
}

// markShown highlights the row of the listing on show, or none when it is
// not in the list, so staff can see which result they are reading.
func (p *resultsPane) markShown(id string) {
	p.setCursor(p.indexOf(id))
}

func (p *resultsPane) indexOf(id string) widget.ListItemID {
	for i, it := range p.items {
		if it.listing != nil && it.listing.ID == id {
			return i
		}
	}
	return -1
}

// move steps the highlight down (+1) or up (-1), keeping it on screen, and
// shows the row it reaches. With nothing highlighted either key starts at
// the top row. Headings are passed over.
func (p *resultsPane) move(delta int) {
	if len(p.items) == 0 {
		return
	}
	next := max(0, min(len(p.items)-1, p.cursor+delta))
	if p.cursor < 0 {
		next, delta = 0, 1
	}
	for next >= 0 && next < len(p.items) && p.items[next].heading != "" {
		next += delta
	}
	if next < 0 || next >= len(p.items) || next == p.cursor {
		return
	}
	p.setCursor(next)
	p.list.ScrollTo(next)
	if p.onHighlight != nil {
		p.onHighlight(p.items[next])
	}
}

// clearCursor takes the highlight off the list.
func (p *resultsPane) clearCursor() {
	p.setCursor(-1)
}

// setCursor moves the highlight to row id (-1 for none), redrawing only
// the rows it leaves and reaches.
func (p *resultsPane) setCursor(id widget.ListItemID) {
	old := p.cursor
	p.cursor = id
	p.selectCursor()
	if old == id {
		return
	}
	if old >= 0 {
		p.list.RefreshItem(old)
	}
	if id >= 0 {
		p.list.RefreshItem(id)
	}
}

// selectCursor makes the list's selection the highlighted row, without
// taking it for a click. A category is never left selected: the list
// ignores a click on its selected row, and a click on a highlighted
// category must still open it.
func (p *resultsPane) selectCursor() {
	p.selecting = true
	if p.cursor >= 0 && p.cursor < len(p.items) && p.items[p.cursor].listing != nil {
		p.list.Select(p.cursor)
	} else {
		p.list.UnselectAll()
	}
	p.selecting = false
}

// activateCursor opens or shows the highlighted row, or the top row when
// nothing is highlighted (the first below a heading).
func (p *resultsPane) activateCursor() {
	id := max(p.cursor, 0)
	for id < len(p.items) && p.items[id].heading != "" {
		id++
	}
	if id >= len(p.items) {
		return
	}
	p.setCursor(id)
	p.onActivate(p.items[id])
}

func (p *resultsPane) onSelected(id widget.ListItemID) {
	if p.selecting || id < 0 || id >= len(p.items) {
		return
	}
	if p.items[id].heading != "" {
		// A heading is not a row to show; the highlight stays put.
		p.selectCursor()
		return
	}
	p.setCursor(id)
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
	if it.heading != "" {
		c.title, c.subtitle, c.heading = it.heading, it.note, true
		row.set(c)
		return
	}
	if it.listing == nil {
		c.title = it.category.Name
		c.subtitle = lang.N("{{.Count}} listing", it.category.Count, map[string]any{"Count": it.category.Count})
		row.set(c)
		return
	}
	l, now := it.listing, p.now()
	c.title = l.Name
	c.subtitle, c.keep = rowSubtitle(l)
	c.badge, c.badgeImportance = openBadge(l, now)
	c.marker, c.markerImportance = statusMarker(l, now)
	c.note, c.noteImportance = checkedNote(l, now)
	row.set(c)
}

// rowSubtitle is a listing's second line in the results: its main phone,
// then its organization, and how many characters of it are the phone,
// which the row never cuts for the rest. A listing with neither says
// where it is, its city or else its website, rather than leave the line
// blank.
func rowSubtitle(l *directory.Listing) (string, int) {
	ph, ok := l.MainPhone()
	switch {
	case ok && ph.String() != "":
		phone := ph.String()
		return joinNonEmpty(" · ", phone, l.Organization), utf8.RuneCountInString(phone)
	case l.Organization != "":
		return l.Organization, 0
	case l.Address.City != "":
		return l.Address.City, 0
	}
	if u, ok := webURL(l.Website); ok {
		return strings.TrimPrefix(u.Host, "www."), 0
	}
	return l.Website, 0
}
