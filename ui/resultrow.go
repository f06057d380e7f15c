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
// row has the same two lines, and is as high as the list's template row,
// but for a name too long for one line: it wraps onto up to
// maxTitleLines, and the list gives its row the height (rowHeight). The
// name has the first line to itself, but for a closure or alert; the open
// badge goes on the second, after the phone.
type resultRow struct {
	widget.BaseWidget

	title    *fitText
	badge    *fitText // left out, not drawn, when the phone needs its room
	subtitle *fitText
	marker   *widget.Label // closed or alert: needs attention
	tick     *widget.Icon  // before note, when staff have checked the listing
	note     *fitText      // when staff checked it: worth knowing
	// freshTick and staleTick are the tick in the success and the warning
	// colour, made once per row.
	freshTick, staleTick fyne.Resource
	// cursor marks the highlighted row, the one on show in the middle
	// pane, with a bar down its edge.
	cursor *canvas.Rectangle
	// shown is what the row last drew.
	shown *rowContent
}

// maxTitleLines is how many lines a listing's name may take in the
// results. Names of county programs run to a hundred characters, and one
// line of a 1024-pixel window's results shows forty; cut to one, a dozen
// "Salt Lake County Health Department - ..." read alike.
const maxTitleLines = 3

func newResultRow() *resultRow {
	title := newFitText(fyne.TextStyle{Bold: true})
	title.MaxLines = maxTitleLines
	r := &resultRow{
		title:     title,
		badge:     newFitText(fyne.TextStyle{}),
		subtitle:  newFitText(fyne.TextStyle{}),
		marker:    &widget.Label{TextStyle: fyne.TextStyle{Bold: true}},
		tick:      &widget.Icon{},
		note:      newFitText(fyne.TextStyle{}),
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
	line1 := container.New(&rowLineLayout{}, r.title, r.marker)
	line2 := container.New(&rowLineLayout{spare: 2, lastResort: 1}, r.subtitle, r.badge, r.tick, r.note)
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
	// keep is how many of the subtitle's first characters, the phone
	// number, are never cut for the organization after them.
	keep            int
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
	// heading marks the heading of a group of rows: its title in the
	// primary colour and its subtitle muted.
	heading bool
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
	r.subtitle.Text, r.subtitle.Hidden, r.subtitle.Keep = c.subtitle, c.subtitle == "", c.keep
	r.title.Importance, r.subtitle.Importance = widget.MediumImportance, widget.MediumImportance
	if c.heading {
		r.title.Importance, r.subtitle.Importance = widget.HighImportance, widget.LowImportance
	}
	r.badge.Text, r.badge.Importance, r.badge.Hidden = c.badge, c.badgeImportance, c.badge == ""
	setLabel(r.marker, c.marker, c.markerImportance)
	r.note.Text, r.note.Importance, r.note.Hidden = c.note, c.noteImportance, c.note == ""
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

// rowLineLayout lays out one line of a row: the first object, a fitText,
// at the leading edge, and the rest packed against the trailing edge at
// their own widths, in order. The first object takes the room the others
// leave and is cut to it, down to the part it keeps (Keep). When even that
// does not fit, the last spare objects are left out, given no room, and
// then, as a last resort, the lastResort objects before them, before the
// kept part is cut too: a phone number matters more than when the listing
// was last checked, and, in large text in a narrow pane, more than the
// open badge, which the listing's page says too.
type rowLineLayout struct {
	// spare is how many of the last objects the line may leave out;
	// lastResort how many more before them it may leave out after them.
	spare, lastResort int
}

func (l *rowLineLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) == 0 {
		return
	}
	lead, _ := objs[0].(*fitText)
	gap := theme.Padding()
	widths := make([]float32, len(objs))
	trailing := func(upTo int) float32 {
		var w float32
		for i := 1; i < upTo; i++ {
			if objs[i].Visible() {
				widths[i] = objs[i].MinSize().Width
				if t, ok := objs[i].(*fitText); ok {
					widths[i] = t.fullWidth()
				}
				w += widths[i] + gap
			}
		}
		return w
	}
	kept := objs[0].MinSize().Width
	if lead != nil && lead.Visible() {
		kept = lead.keptWidth()
	}
	upTo := len(objs)
	used := trailing(upTo)
	for _, drop := range []int{l.spare, l.spare + l.lastResort} {
		if kept+used <= size.Width || drop == 0 || len(objs)-drop >= upTo {
			continue
		}
		upTo = max(1, len(objs)-drop)
		for i := upTo; i < len(objs); i++ {
			widths[i] = 0
		}
		used = trailing(upTo)
	}
	x := size.Width
	for i := len(objs) - 1; i >= 1; i-- {
		o := objs[i]
		if !o.Visible() {
			continue
		}
		h := size.Height
		if _, ok := o.(*widget.Icon); ok {
			h = min(o.MinSize().Height, size.Height)
		}
		if widths[i] == 0 {
			h = 0 // left out: nothing to draw
		}
		x -= widths[i]
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(widths[i], h))
		if widths[i] > 0 {
			x -= gap
		}
	}
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(max(size.Width-used, 0), size.Height))
}

// MinSize is the tallest object's height, and the width of the trailing
// objects beside the narrowest the first one can be.
func (l *rowLineLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		s.Height = max(s.Height, m.Height)
		if i > 0 && i < len(objs)-l.spare-l.lastResort {
			s.Width += m.Width + theme.Padding()
		} else if i == 0 {
			s.Width += m.Width
		}
	}
	return s
}

// linesLayout stacks a row's lines closer than a VBox would: each label
// carries its own inner padding, so overlapping most of it keeps the lines
// readable while more rows fit on a 768-pixel-high screen. The first line
// takes any height the row has beyond its minimum, for a wrapped name.
type linesLayout struct{}

func (*linesLayout) overlap() float32 { return theme.InnerPadding() * 1.25 }

func (l *linesLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	extra := max(size.Height-l.MinSize(objs).Height, 0)
	y := float32(0)
	for i, o := range objs {
		h := o.MinSize().Height
		if i == 0 {
			h += extra
		}
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

// titleLines is how many lines a row's name takes in a row of width: the
// room the first line leaves it beside the cursor bar and the marker.
func (r *resultRow) titleLines(c rowContent, width float32) int {
	if c.title == "" {
		return 1
	}
	avail := width - theme.Padding() // the cursor bar's inset (rowInsetLayout)
	if c.marker != "" {
		m := fyne.MeasureText(c.marker, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding()
		avail -= m + theme.Padding()
	}
	r.title.Text, r.title.Keep = c.title, 0
	return r.title.lines(avail)
}

// rowHeight is the height of a row showing c at width: the template row's,
// and a line more for each more line its name needs. r is a row kept to
// measure with; what it shows is left alone.
func (r *resultRow) rowHeight(c rowContent, width float32) float32 {
	shown := r.title.Text
	defer func() { r.title.Text = shown }()
	base := r.MinSize().Height
	if n := r.titleLines(c, width); n > 1 {
		return base + float32(n-1)*r.title.lineHeight()
	}
	return base
}
