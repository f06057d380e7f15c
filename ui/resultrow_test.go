package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
	"nowrongdoor/directory/search"
)

// drawnText is what a fitText draws after cutting it to its width.
func drawnText(t *fitText) string {
	for _, o := range test.WidgetRenderer(t).Objects() {
		if txt, ok := o.(*canvas.Text); ok {
			return txt.Text
		}
	}
	return ""
}

// drawnLines is every line a fitText draws, joined by spaces.
func drawnLines(t *fitText) string {
	var lines []string
	for _, o := range test.WidgetRenderer(t).Objects() {
		if txt, ok := o.(*canvas.Text); ok && txt.Text != "" {
			lines = append(lines, txt.Text)
		}
	}
	return strings.Join(lines, " ")
}

// layRow lays a row out at width, as the results list does, at the height
// the list gives it.
func layRow(row *resultRow, width float32) {
	size := fyne.NewSize(width, newResultRow().rowHeight(*row.shown, width))
	row.Resize(size)
	test.WidgetRenderer(row).Layout(size)
}

// TestResultRowKeepsNameAndPhone lays out a row as narrow as the results
// pane of a 1024-pixel window: the open badge must not take the room of
// the name, the phone is never cut for the organization, and when there
// is no room for when staff last checked the listing, that is what goes.
func TestResultRowKeepsNameAndPhone(t *testing.T) {
	test.NewTempApp(t)
	row := newResultRow()
	w := test.NewWindow(row)
	defer w.Close()
	c := rowContent{
		title:           "Salt Lake County Library (The County Library) - system administration",
		subtitle:        "801-943-4636 · Salt Lake County",
		keep:            len("801-943-4636"),
		badge:           "Closed - opens 11:00am?",
		badgeImportance: widget.WarningImportance,
		note:            "checked 3 weeks ago",
	}
	row.set(c)
	layRow(row, 345)

	title := drawnText(row.title)
	if !strings.HasPrefix(title, "Salt Lake County Library (The") {
		t.Errorf("at 345 wide the name is cut to %q, want it to have the line to itself", title)
	}
	if sub := drawnText(row.subtitle); !strings.HasPrefix(sub, "801-943-4636") {
		t.Errorf("at 345 wide the phone line reads %q, want the whole number", sub)
	}
	if row.badge.Size().Width < row.badge.fullWidth() || drawnText(row.badge) != c.badge {
		t.Errorf("the badge %q is %v wide and draws %q, less than it needs (%v)", row.badge.Text, row.badge.Size().Width, drawnText(row.badge), row.badge.fullWidth())
	}
	if got := drawnText(row.note); got != "" || row.tick.Size().Width != 0 {
		t.Errorf("at 345 wide the checked note draws %q and its tick is %v wide; want both left out for the phone", got, row.tick.Size().Width)
	}

	// Narrower still, as in large text: the phone keeps its room, and the
	// open badge, which the listing's page shows too, goes.
	layRow(row, 200)
	if sub := drawnText(row.subtitle); !strings.HasPrefix(sub, "801-943-4636") {
		t.Errorf("at 200 wide the phone line reads %q, want the whole number", sub)
	}
	if got := drawnText(row.badge); got != "" {
		t.Errorf("at 200 wide the badge draws %q, want it left out for the phone", got)
	}

	layRow(row, 700)
	if got := drawnText(row.title); got != c.title {
		t.Errorf("at 700 wide the name is cut to %q", got)
	}
	if got := drawnText(row.note); got != c.note || row.tick.Size().Width == 0 {
		t.Errorf("at 700 wide the checked note draws %q with a tick %v wide; want %q and a tick", got, row.tick.Size().Width, c.note)
	}
	if sub := drawnText(row.subtitle); !strings.HasPrefix(sub, "801-943-4636 · Salt") {
		t.Errorf("at 700 wide the phone line reads %q, want the organization after the number", sub)
	}
}

// TestResultRowMarkerBesideName: a closure or alert stays on the name's
// line, where staff look first, and the name wraps beside it.
func TestResultRowMarkerBesideName(t *testing.T) {
	test.NewTempApp(t)
	row := newResultRow()
	w := test.NewWindow(row)
	defer w.Close()
	row.set(rowContent{
		title:            "Westside Food Pantry at the Westside Community Church",
		subtitle:         "801-555-0100",
		keep:             len("801-555-0100"),
		marker:           "Temporarily closed",
		markerImportance: widget.DangerImportance,
	})
	layRow(row, 345)
	if row.marker.Size().Width < row.marker.MinSize().Width {
		t.Errorf("the marker is %v wide, less than it needs (%v)", row.marker.Size().Width, row.marker.MinSize().Width)
	}
	if got, want := drawnLines(row.title), "Westside Food Pantry at the Westside Community Church"; got != want {
		t.Errorf("beside the marker the name reads %q, want it whole, wrapped", got)
	}
	if drawnText(row.title) == "Westside Food Pantry at the Westside Community Church" {
		t.Errorf("at 345 wide beside the marker, the name is on one line")
	}
	if row.title.Position().Y != row.marker.Position().Y {
		t.Errorf("the marker is at y=%v, the name at y=%v; want one line", row.marker.Position().Y, row.title.Position().Y)
	}
}

func TestFitKeepsPhone(t *testing.T) {
	test.NewTempApp(t)
	size, style := float32(14), fyne.TextStyle{}
	phone := "801-943-4636"
	text := phone + " · Salt Lake County"
	width := func(s string) float32 { return fyne.MeasureText(s, size, style).Width }
	for _, c := range []struct {
		width float32
		want  string
	}{
		{width(text), text},
		{width(phone), phone},
		{width(phone+" · S…") - 1, phone},
		{width(phone + " · Salt…"), phone + " · Salt…"},
		{width("801-9…"), "801-9…"}, // too narrow for the number: it is cut too
		{0, ""},
	} {
		if got := fit(text, len(phone), c.width, size, style); got != c.want {
			t.Errorf("fit(%q, keep %d, %v) = %q, want %q", text, len(phone), c.width, got, c.want)
		}
	}
	if got := fit("Salt Lake County Library", 0, width("Salt Lake County …"), size, style); got != "Salt Lake County…" {
		t.Errorf("fit cut at a space = %q, want the space dropped before the ellipsis", got)
	}
}

// TestRowSubtitle: a result's second line says how to reach the listing,
// phone first, and is never blank while the listing says where it is.
func TestRowSubtitle(t *testing.T) {
	for _, c := range []struct {
		l        directory.Listing
		want     string
		wantKeep int
	}{
		{directory.Listing{Organization: "Salt Lake County", Phones: []directory.Phone{{Number: "801-943-4636"}}}, "801-943-4636 · Salt Lake County", 12},
		{directory.Listing{Phones: []directory.Phone{{Number: "385-468-7400", Ext: "12"}}}, "385-468-7400 ext. 12", 20},
		{directory.Listing{Organization: "Westside Churches"}, "Westside Churches", 0},
		{directory.Listing{Address: directory.Address{Street: "Office in West Jordan City Hall", City: "West Jordan"}, Website: "https://example.org/"}, "West Jordan", 0},
		{directory.Listing{Website: "https://www.utahdisputeresolution.org/programs"}, "utahdisputeresolution.org", 0},
		{directory.Listing{Website: "dmv.utah.gov"}, "dmv.utah.gov", 0},
		{directory.Listing{}, "", 0},
	} {
		got, keep := rowSubtitle(&c.l)
		if got != c.want || keep != c.wantKeep {
			t.Errorf("rowSubtitle(%+v) = %q, %d; want %q, %d", c.l, got, keep, c.want, c.wantKeep)
		}
	}
}

// TestNamesWrapAt1024 searches in a 1024-pixel window, at the usual text
// size and the largest: every name in the results is drawn whole, wrapped
// onto as many lines as it needs, above the phone line and not over it.
func TestNamesWrapAt1024(t *testing.T) {
	for _, size := range []string{textNormal, textLarger} {
		t.Run("text "+size, func(t *testing.T) {
			a := test.NewTempApp(t)
			base := a.Settings().Theme()
			t.Cleanup(func() { a.Settings().SetTheme(base) })
			a.Preferences().SetString(prefTextSize, size)
			td := newTestDeskOn(t, a, search.NewIndex(defaultListings(t)))
			td.win.Resize(fyne.NewSize(1024, 768))
			td.typeText("salt lake county")
			td.frame()
			rows := 0
			wrapped := 0
			for _, o := range visibleObjects(td.results.list) {
				r, ok := o.(*resultRow)
				if !ok || r.shown == nil || r.Size().Height == 0 {
					continue
				}
				rows++
				name := r.shown.title
				if got := drawnLines(r.title); got != name && len(name) < 100 {
					t.Errorf("the row of %q draws %q", name, got)
				}
				if drawnText(r.title) != name {
					wrapped++
				}
				d := fyne.CurrentApp().Driver()
				titleBottom := d.AbsolutePositionForObject(r.title).Y + float32(r.title.lines(r.title.Size().Width))*r.title.lineHeight()
				if sub := d.AbsolutePositionForObject(r.subtitle).Y + theme.InnerPadding(); titleBottom > sub+1 {
					t.Errorf("the name %q ends at y=%v, below the top of the phone line's text (%v)", name, titleBottom, sub)
				}
			}
			if rows < 5 || wrapped == 0 {
				t.Errorf("drew %d rows, %d of them wrapped; want several, some wrapped", rows, wrapped)
			}
		})
	}
}
