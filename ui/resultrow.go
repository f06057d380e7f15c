package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// resultRow is one row of the results list: a listing (name, phone and
// organization, open badge, markers) or a category (name and count). Every
// row has the same two lines, so the list's rows stay uniform.
type resultRow struct {
	widget.BaseWidget

	title    *fitText
	badge    *widget.Label
	subtitle *fitText
	marker   *widget.Label // closed or alert: needs attention
	tick     *widget.Icon  // before note, when staff have checked the listing
	note     *widget.Label // when staff checked it: worth knowing
	// freshTick and staleTick are the tick in the success and the warning
	// colour, made once per row.
	freshTick, staleTick fyne.Resource
	// cursor marks the highlighted row, the one on show in the middle
	// pane, with a bar down its edge.
	cursor *canvas.Rectangle
	// shown is what the row last drew.
	shown *rowContent
}

func newResultRow() *resultRow {
	r := &resultRow{
		title:     newFitText(fyne.TextStyle{Bold: true}),
		badge:     &widget.Label{Alignment: fyne.TextAlignTrailing},
		subtitle:  newFitText(fyne.TextStyle{}),
		marker:    &widget.Label{TextStyle: fyne.TextStyle{Bold: true}},
		tick:      &widget.Icon{},
		note:      &widget.Label{},
		cursor:    &canvas.Rectangle{},
		freshTick: theme.NewSuccessThemedResource(theme.ConfirmIcon()),
		staleTick: theme.NewWarningThemedResource(theme.ConfirmIcon()),
	}
	r.tick.Hide()
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer lays the row out as two lines with the badge and markers on
// the right, where they line up down the list.
func (r *resultRow) CreateRenderer() fyne.WidgetRenderer {
	line1 := container.NewBorder(nil, nil, nil, r.badge, r.title)
	line2 := container.NewBorder(nil, nil, nil, container.NewHBox(r.marker, container.NewCenter(r.tick), r.note), r.subtitle)
	bar := container.New(&cursorBarLayout{}, r.cursor)
	rr := &resultRowRenderer{
		WidgetRenderer: widget.NewSimpleRenderer(container.NewStack(bar, container.New(&rowInsetLayout{}, container.New(&linesLayout{}, line1, line2)))),
		row:            r,
	}
	rr.applyTheme()
	return rr
}

// rowContent is what one row shows.
type rowContent struct {
	title, subtitle string
	badge           string
	badgeImportance widget.Importance
	// marker is a closure or an alert; note is a quieter remark, when
	// staff last checked the listing ("checked 3 weeks ago"), shown after
	// a tick in its colour.
	marker           string
	markerImportance widget.Importance
	note             string
	noteImportance   widget.Importance
	cursor           bool
}

// set fills the row and lays it out again, since a new badge or marker
// changes how much room the name has. Rows are refilled on every keystroke,
// so an unchanged row is left alone.
func (r *resultRow) set(c rowContent) {
	if r.shown != nil && *r.shown == c {
		return
	}
	r.shown = &c
	r.title.Text, r.title.Hidden = c.title, c.title == ""
	r.subtitle.Text, r.subtitle.Hidden = c.subtitle, c.subtitle == ""
	setLabel(r.badge, c.badge, c.badgeImportance)
	setLabel(r.marker, c.marker, c.markerImportance)
	setLabel(r.note, c.note, c.noteImportance)
	r.tick.Hidden = c.note == ""
	r.tick.Resource = r.freshTick
	if c.noteImportance == widget.WarningImportance {
		r.tick.Resource = r.staleTick
	}
	r.cursor.Hidden = !c.cursor
	r.Refresh()
}

// setLabel sets a label's text; an empty text hides the label so it takes
// no room. A changed label is measured again at once: the row lays itself
// out before it refreshes its children, and would otherwise leave the name
// the room of the old badge.
func setLabel(l *widget.Label, text string, imp widget.Importance) {
	if l.Text == text && l.Importance == imp && l.Hidden == (text == "") {
		return
	}
	l.Text, l.Importance = text, imp
	l.Hidden = text == ""
	if !l.Hidden {
		l.Refresh()
	}
}

type resultRowRenderer struct {
	fyne.WidgetRenderer
	row *resultRow
}

// Refresh re-reads the theme colour of the cursor bar, so it follows a
// switch between light and dark.
func (r *resultRowRenderer) Refresh() {
	r.applyTheme()
	r.WidgetRenderer.Refresh()
}

func (r *resultRowRenderer) applyTheme() {
	th := r.row.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.row.cursor.FillColor = th.Color(theme.ColorNamePrimary, v)
	r.row.cursor.CornerRadius = th.Size(theme.SizeNameSelectionRadius)
}

// cursorBarLayout draws the cursor as a bar down the row's leading edge.
type cursorBarLayout struct{}

func (*cursorBarLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := theme.Padding()
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}

func (*cursorBarLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }

// rowInsetLayout leaves room for the cursor bar before the text.
type rowInsetLayout struct{}

func (*rowInsetLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	in := theme.Padding()
	for _, o := range objs {
		o.Move(fyne.NewPos(in, 0))
		o.Resize(fyne.NewSize(size.Width-in, size.Height))
	}
}

func (*rowInsetLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s.Add(fyne.NewSize(theme.Padding(), 0))
}

// linesLayout stacks a row's lines closer than a VBox would: each label
// carries its own inner padding, so overlapping most of it keeps the lines
// readable while more rows fit on a 768-pixel-high screen.
type linesLayout struct{}

func (*linesLayout) overlap() float32 { return theme.InnerPadding() * 1.25 }

func (l *linesLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - l.overlap()
	}
}

func (l *linesLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		if i > 0 {
			s.Height -= l.overlap()
		}
	}
	return s
}
