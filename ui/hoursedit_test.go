package ui

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
)

// TestHoursEditorRoundTrip: a week typed day by day, with a lunch break,
// an overnight period and a second labelled schedule, comes out in
// Listing().Schedules, and a form opened on it shows and gives back the
// same week.
func TestHoursEditorRoundTrip(t *testing.T) {
	f, _ := newTestForm(t, passportListing(), false)
	office := f.hours.scheds[0]
	office.label.SetText("Office")
	office.days[time.Monday].SetText("")
	test.Type(office.days[time.Monday], "9-12, 1-5pm")
	test.Tap(copyButton(t, f.hours))
	office.days[time.Saturday].SetText("10am-2pm")
	f.hours.onAdd()
	shelter := f.hours.scheds[1]
	shelter.label.SetText("Shelter")
	for _, d := range mondayFirst {
		shelter.days[d].SetText("7:30pm-8:30am")
	}
	shelter.days[time.Sunday].SetText("24 hours")

	got := f.Listing().Schedules
	split := []directory.Interval{iv(540, 720), iv(780, 1020)}
	var wantOffice, wantShelter [7][]directory.Interval
	for _, d := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday} {
		wantOffice[d] = split
	}
	wantOffice[time.Saturday] = []directory.Interval{iv(600, 840)}
	for d := range wantShelter {
		wantShelter[d] = []directory.Interval{iv(1170, 1950)}
	}
	wantShelter[time.Sunday] = []directory.Interval{allDay}
	if len(got) != 2 || got[0].Label != "Office" || !reflect.DeepEqual(got[0].Week, wantOffice) || got[1].Label != "Shelter" || !reflect.DeepEqual(got[1].Week, wantShelter) {
		t.Fatalf("Schedules = %v, want Office %v and Shelter %v", got, wantOffice, wantShelter)
	}
	if ps := f.Problems(); len(ps) != 0 {
		t.Errorf("Problems() = %v", ps)
	}
	// Monday's split day reads back normalised beside what was typed.
	if got := office.shown[time.Monday].Text; got != "9:00am-12:00pm, 1:00pm-5:00pm" {
		t.Errorf("beside Monday: %q", got)
	}
	if got := office.shown[time.Sunday].Text; got != "" {
		t.Errorf("beside a closed Sunday: %q, want nothing (the entry says Closed)", got)
	}

	l := f.Listing()
	again, _ := newTestForm(t, l, false)
	if got := again.hours.scheds[1].days[time.Tuesday].Text; got != "7:30pm-8:30am" {
		t.Errorf("the reopened Shelter's Tuesday shows %q", got)
	}
	again.hours.scheds[0].label.SetText("Office ") // touched, the same once read
	if got := again.Listing().Schedules; !reflect.DeepEqual(got, l.Schedules) {
		t.Errorf("reopened: Schedules = %v, want %v", got, l.Schedules)
	}
}

func TestHoursEditorUnreadableDay(t *testing.T) {
	f, _ := newTestForm(t, passportListing(), false)
	wed := f.hours.scheds[0]
	wed.days[time.Wednesday].SetText("9 to fiv")
	if got := wed.shown[time.Wednesday]; !strings.Contains(got.Text, "Cannot read these hours") || got.Importance != widget.DangerImportance {
		t.Errorf("beside Wednesday: %q", got.Text)
	}
	if !slices.ContainsFunc(f.Problems(), func(p directory.Problem) bool { return p.Field == "schedules[0].wednesday" }) {
		t.Errorf("Problems() = %v, want one for Wednesday", f.Problems())
	}
	wed.days[time.Wednesday].SetText("9 to 5")
	if got := wed.shown[time.Wednesday].Text; got != "9:00am-5:00pm" {
		t.Errorf("beside the fixed Wednesday: %q", got)
	}
	if ps := f.Problems(); len(ps) != 0 {
		t.Errorf("Problems() = %v", ps)
	}
}

func TestHoursEditorFillFromPublished(t *testing.T) {
	f, _ := newTestForm(t, directory.Listing{Name: "Shelter", Website: "https://example.org"}, true)
	f.field(t, "hours").entry.SetText("Shelter Monday-Saturday 7:30pm-8:30am")
	f.hours.onFill()
	got := f.Listing().Schedules
	if len(got) != 1 || !slices.Equal(got[0].Week[time.Monday], []directory.Interval{iv(1170, 1950)}) || got[0].Week[time.Sunday] != nil {
		t.Errorf("filled in: %v", got)
	}
}

func copyButton(t *testing.T, h *hoursEditor) *widget.Button {
	t.Helper()
	for _, o := range visibleObjects(h.box) {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "Copy Monday") {
			return b
		}
	}
	t.Fatal("no Copy Monday button")
	return nil
}

// TestHoursEditorConfirmsProposedHours: hours the import's reader
// proposed come back proposed while untouched; "The hours are right"
// confirms them unchanged, and so does any edit.
func TestHoursEditorConfirmsProposedHours(t *testing.T) {
	week := [7][]directory.Interval{}
	for _, d := range []time.Weekday{time.Monday, time.Tuesday} {
		week[d] = []directory.Interval{iv(540, 1020)}
	}
	proposed := []directory.Schedule{{Week: week, Proposed: true}}
	l := directory.Listing{ID: "x", Name: "Office", Website: "https://example.org", Hours: "Mon-Tue 9-5", Schedules: proposed}

	f, _ := newTestForm(t, l, false)
	if got := f.Listing().Schedules; len(got) != 1 || !got[0].Proposed {
		t.Fatalf("untouched: %+v, want the proposed schedule as it came", got)
	}
	if !slices.Contains(visibleObjects(f.hours.box), fyne.CanvasObject(f.hours.confirm)) {
		t.Error("the editor does not offer to confirm the proposed hours")
	}
	test.Tap(f.hours.confirm)
	got := f.Listing().Schedules
	if len(got) != 1 || got[0].Proposed || !reflect.DeepEqual(got[0].Week, week) {
		t.Errorf("after confirming: %+v, want the same week, not proposed", got)
	}
	if !f.Changed() {
		t.Error("confirming the hours is a change to save, but Changed() is false")
	}

	f, _ = newTestForm(t, l, false)
	f.hours.scheds[0].days[time.Wednesday].SetText("9-5")
	if got := f.Listing().Schedules; len(got) != 1 || got[0].Proposed || len(got[0].Week[time.Wednesday]) != 1 {
		t.Errorf("after editing Wednesday: %+v, want confirmed with Wednesday open", got)
	}
}

// TestHoursEditorConfirmedHoursSayNothing: confirmed hours show no
// request to confirm them.
func TestHoursEditorConfirmedHoursSayNothing(t *testing.T) {
	l := directory.Listing{ID: "x", Name: "Office", Website: "https://example.org",
		Schedules: []directory.Schedule{{Week: [7][]directory.Interval{time.Monday: {iv(540, 1020)}}}}}
	f, _ := newTestForm(t, l, false)
	if slices.Contains(visibleObjects(f.hours.box), fyne.CanvasObject(f.hours.confirm)) {
		t.Error("confirmed hours still offer to confirm them")
	}
}
