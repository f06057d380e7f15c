package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory/search"
)

// TestWeekRowsSitClose shows a listing with two schedules and checks that
// the week reads as a table: each run of days on the line of its hours,
// the rows as close as lines of text rather than a form's spacing apart,
// and no row drawn over the one above.
func TestWeekRowsSitClose(t *testing.T) {
	td := newTestDesk(t, search.NewIndex(defaultListings(t)))
	td.show()
	l, ok := td.dir.Listing("slco-animal-services")
	if !ok || len(l.Schedules) < 2 {
		t.Fatalf("the default directory has no animal services with two schedules")
	}
	td.showListing(l)
	td.frame()

	pos := map[string]fyne.Position{}
	for _, o := range visibleObjects(td.detail.box) {
		if lbl, ok := o.(*widget.Label); ok {
			pos[lbl.Text] = fyne.CurrentApp().Driver().AbsolutePositionForObject(lbl)
		}
	}
	for _, want := range []string{"Shelter", "Mon–Sat", "10:00am-6:00pm", "Sun", "Animal control dispatch", "Every day", "Open 24 hours"} {
		if _, ok := pos[want]; !ok {
			t.Fatalf("the week does not show %q", want)
		}
	}
	if pos["Mon–Sat"].Y != pos["10:00am-6:00pm"].Y {
		t.Errorf("Mon–Sat at y=%v, its hours at y=%v; want one line", pos["Mon–Sat"].Y, pos["10:00am-6:00pm"].Y)
	}
	line := fyne.MeasureText("Mon", theme.TextSize(), fyne.TextStyle{}).Height
	pitch := pos["Sun"].Y - pos["Mon–Sat"].Y
	if pitch < line || pitch > line+2*theme.Padding() {
		t.Errorf("week rows are %v apart, want a line of text (%v) and at most %v between them", pitch, line, 2*theme.Padding())
	}
	if gap := pos["Every day"].Y - pos["Animal control dispatch"].Y; gap < line || gap > line+2*theme.Padding() {
		t.Errorf("a schedule's first row is %v below its label, want about a line (%v)", gap, line)
	}
	if pos["Animal control dispatch"].Y <= pos["Sun"].Y+line {
		t.Errorf("the second schedule's label (y=%v) overlaps the first schedule's last row (y=%v)", pos["Animal control dispatch"].Y, pos["Sun"].Y)
	}
}
