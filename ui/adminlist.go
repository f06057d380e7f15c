package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// adminList is the list of the review queue and of the archived listings:
// a row of two lines per listing, Down and Up to move, Enter or a double
// click to open one.
type adminList struct {
	widget.List
	// rows gives each row's two lines; onOpen opens a row, onEscape
	// closes the dialog the list is in.
	rows     func() (n int, line func(i int) (title, sub string))
	onOpen   func(i int)
	onEscape func()
	// cursor is the selected row, -1 for none.
	cursor int
}

func newAdminList(rows func() (int, func(int) (string, string)), onOpen func(int)) *adminList {
	l := &adminList{rows: rows, onOpen: onOpen, cursor: -1}
	l.Length = func() int { n, _ := l.rows(); return n }
	l.CreateItem = func() fyne.CanvasObject { return newAdminRow(l) }
	l.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		_, line := l.rows()
		title, sub := line(i)
		r := o.(*adminRow)
		r.id = i
		r.title.SetText(title)
		r.sub.SetText(sub)
	}
	l.OnSelected = func(i widget.ListItemID) { l.cursor = i }
	l.OnUnselected = func(i widget.ListItemID) {
		if l.cursor == i {
			l.cursor = -1
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

// reset shows the rows again with the cursor on row cursor (-1 for none).
func (l *adminList) reset(cursor int) {
	l.UnselectAll()
	l.cursor = -1
	l.Refresh()
	if n, _ := l.rows(); cursor >= 0 && cursor < n {
		l.Select(cursor)
		l.ScrollTo(cursor)
	}
}

// TypedKey moves the cursor on Down and Up and opens its row on Enter.
func (l *adminList) TypedKey(ev *fyne.KeyEvent) {
	n, _ := l.rows()
	switch ev.Name {
	case fyne.KeyDown, fyne.KeyUp:
		if n == 0 {
			return
		}
		next := l.cursor + 1
		if ev.Name == fyne.KeyUp {
			next = l.cursor - 1
		}
		next = max(0, min(n-1, next))
		l.Select(next)
		l.ScrollTo(next)
	case fyne.KeyReturn, fyne.KeyEnter:
		if l.cursor >= 0 && l.cursor < n {
			l.onOpen(l.cursor)
		}
	case fyne.KeyEscape:
		if l.onEscape != nil {
			l.onEscape()
		}
	default:
		l.List.TypedKey(ev)
	}
}

// adminRow is one row of an adminList: the listing's name, and a line
// about it below.
type adminRow struct {
	widget.BaseWidget
	list       *adminList
	id         int
	title, sub *widget.Label
}

func newAdminRow(l *adminList) *adminRow {
	r := &adminRow{list: l, title: &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
		sub: &widget.Label{Truncation: fyne.TextTruncateEllipsis}}
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer stacks the two lines.
func (r *adminRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(&tightRows{}, r.title, r.sub))
}

// Tapped selects the row, and keeps the keys on the list.
func (r *adminRow) Tapped(*fyne.PointEvent) {
	r.list.Select(r.id)
	if c := fyne.CurrentApp().Driver().CanvasForObject(r.list); c != nil {
		c.Focus(r.list)
	}
}

// DoubleTapped opens the row.
func (r *adminRow) DoubleTapped(*fyne.PointEvent) {
	r.list.Select(r.id)
	r.list.onOpen(r.id)
}

// tightRows stacks objects without padding between them.
type tightRows struct{}

func (tightRows) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h
	}
}

func (tightRows) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
	}
	return s
}

// openListDialog opens a dialog of admin mode holding a list of listings
// under a heading and a hint, with Close and the given buttons, and the
// keys in the list. When it closes, forget lets go of it and the search
// box takes the keys again.
func (d *Desk) openListDialog(title string, heading, hint fyne.CanvasObject, list *adminList, forget func(), buttons ...fyne.CanvasObject) *dialog.CustomDialog {
	dlg := dialog.NewCustomWithoutButtons(title,
		container.NewBorder(container.NewVBox(heading, hint), nil, nil, nil, list), d.win)
	list.onEscape = dlg.Hide
	dlg.SetButtons(append([]fyne.CanvasObject{newDialogButton(lang.L("Close"), dlg.Hide)}, buttons...))
	dlg.Resize(fyne.NewSize(720, 560))
	d.openDialog(dlg, list)
	dlg.SetOnClosed(func() {
		forget()
		if d.extra.open == dlg {
			d.extra.open = nil
		}
		d.win.Canvas().Focus(d.search)
	})
	return dlg
}
