package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
)

func at(day, hour, minute int) time.Time {
	// November 2026: the 23rd is a Monday.
	return time.Date(2026, time.November, day, hour, minute, 0, 0, directory.Denver)
}

func TestOpenBadge(t *testing.T) {
	test.NewTempApp(t)
	addTranslations()
	weekdays := &directory.Listing{Hours: "Monday-Friday 8:00am-5:00pm"}
	directorytest.Prepare(weekdays)
	allDay := &directory.Listing{Hours: "24 hours a day, 7 days a week"}
	directorytest.Prepare(allDay)
	closed := &directory.Listing{Hours: "Monday-Friday 8:00am-5:00pm", Status: directory.StatusTemporarilyClosed}
	directorytest.Prepare(closed)
	appointment := &directory.Listing{Hours: "By appointment only"}
	directorytest.Prepare(appointment)
	// Offices whose phone answers around the clock.
	lineWeekdays := &directory.Listing{Hours: "Monday-Friday 8:00am-5:00pm", Phones: []directory.Phone{{Label: "Office", Number: "801-555-0100"}, {Label: "24-hour crisis line", Number: "801-587-3000"}}}
	directorytest.Prepare(lineWeekdays)
	lineNoHours := &directory.Listing{Phones: []directory.Phone{{Label: "Call or text (24/7)", Number: "988"}}}
	directorytest.Prepare(lineNoHours)
	lineAppointment := &directory.Listing{Hours: "By appointment only", Phones: []directory.Phone{{Label: "Línea 24 horas", Number: "801-555-0100"}}}
	directorytest.Prepare(lineAppointment)
	lineClosed := &directory.Listing{Hours: "Monday-Friday 8:00am-5:00pm", Status: directory.StatusTemporarilyClosed, Phones: []directory.Phone{{Label: "Customer service (call anytime)", Number: "1-800-538-4228"}}}
	directorytest.Prepare(lineClosed)
	noteOnly := &directory.Listing{Hours: "Monday-Friday 8:00am-5:00pm", Phones: []directory.Phone{{Label: "Office", Number: "801-555-0100", Note: "A guide says 24/7; confirm"}}}
	directorytest.Prepare(noteOnly)
	for _, tc := range []struct {
		name string
		l    *directory.Listing
		now  time.Time
		want string
		imp  widget.Importance
	}{
		{"open", weekdays, at(25, 10, 30), "Open until 5:00pm", widget.SuccessImportance},
		{"before opening", weekdays, at(25, 7, 0), "Closed - opens 8:00am", widget.MediumImportance},
		{"evening", weekdays, at(25, 18, 0), "Closed - opens tomorrow 8:00am", widget.MediumImportance},
		{"weekend", weekdays, at(28, 12, 0), "Closed - opens Mon 8:00am", widget.MediumImportance},
		{"around the clock", allDay, at(25, 3, 0), "Open 24 hours", widget.SuccessImportance},
		{"temporarily closed", closed, at(25, 10, 30), "Closed", widget.MediumImportance},
		{"no weekly hours", appointment, at(25, 10, 30), "", widget.MediumImportance},
		{"24/7 line, office open", lineWeekdays, at(25, 10, 30), "Open until 5:00pm", widget.SuccessImportance},
		{"24/7 line, office closed", lineWeekdays, at(28, 12, 0), "24/7 line", widget.SuccessImportance},
		{"24/7 line, no hours", lineNoHours, at(25, 3, 0), "24/7 line", widget.SuccessImportance},
		{"24/7 line, hours not weekly", lineAppointment, at(25, 10, 30), "24/7 line", widget.SuccessImportance},
		{"24/7 line, temporarily closed", lineClosed, at(25, 10, 30), "Closed", widget.MediumImportance},
		{"24/7 only in the staff note", noteOnly, at(28, 12, 0), "Closed - opens Mon 8:00am", widget.MediumImportance},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, imp := openBadge(tc.l, tc.now)
			if got != tc.want || imp != tc.imp {
				t.Errorf("openBadge(%q, %v) = %q, %v; want %q, %v", tc.l.Hours, tc.now, got, imp, tc.want, tc.imp)
			}
		})
	}
}

func TestWeekGroups(t *testing.T) {
	test.NewTempApp(t)
	addTranslations()
	l := &directory.Listing{Hours: "Monday-Friday 8:00am-5:00pm; Saturday 10:00am-2:00pm"}
	directorytest.Prepare(l)
	if len(l.Schedules) == 0 {
		t.Fatalf("hours.Propose(%q) found no schedule", l.Hours)
	}
	var got []string
	for _, g := range weekGroups(l.Schedules[0], time.Saturday) {
		s := g.days + " " + g.hours
		if g.today {
			s += " (today)"
		}
		got = append(got, s)
	}
	want := "Mon–Fri 8:00am-5:00pm | Sat 10:00am-2:00pm (today) | Sun Closed"
	if strings.Join(got, " | ") != want {
		t.Errorf("weekGroups = %q, want %q", strings.Join(got, " | "), want)
	}
}

func TestWebURL(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"https://saltlakecounty.gov/clerk", true},
		{"http://www.slco.org/", true},
		{" https://example.org/path ", true},
		{"https://", false},
		{"javascript:alert(1)", false},
		{"file:///C:/Windows/System32/calc.exe", false},
		{"www.example.org", false},
		{"mailto:someone@example.org", false},
		{"", false},
	} {
		if _, ok := webURL(tc.in); ok != tc.ok {
			t.Errorf("webURL(%q) ok = %v, want %v", tc.in, ok, tc.ok)
		}
	}
}

func TestMapURL(t *testing.T) {
	got := mapURL(directory.Address{Street: "2001 S State St", City: "Salt Lake City", State: "UT", Zip: "84190"}).String()
	want := "https://www.google.com/maps/search/?api=1&query=2001+S+State+St%2C+Salt+Lake+City%2C+UT+84190"
	if got != want {
		t.Errorf("mapURL = %s, want %s", got, want)
	}
}

func TestMarkers(t *testing.T) {
	test.NewTempApp(t)
	addTranslations()
	l := &directory.Listing{ID: "x", Alert: "Moved", AlertUntil: directory.Date{Year: 2026, Month: time.November, Day: 24}}
	if m, _ := statusMarker(l, testNow); m != "" {
		t.Errorf("an alert that ended yesterday still shows: %q", m)
	}
	l.AlertUntil = directory.Date{}
	if m, imp := statusMarker(l, testNow); m != "Alert" || imp != widget.WarningImportance {
		t.Errorf("statusMarker = %q, %v; want Alert in the warning colour", m, imp)
	}
}

func TestCheckedNote(t *testing.T) {
	test.NewTempApp(t)
	addTranslations()
	// testNow is Wednesday, November 25, 2026.
	for _, tc := range []struct {
		name     string
		verified directory.Date
		want     string
		imp      widget.Importance
	}{
		{"never", directory.Date{}, "", widget.MediumImportance},
		{"today", directory.Date{Year: 2026, Month: time.November, Day: 25}, "checked today", widget.MediumImportance},
		{"yesterday", directory.Date{Year: 2026, Month: time.November, Day: 24}, "checked yesterday", widget.MediumImportance},
		{"days", directory.Date{Year: 2026, Month: time.November, Day: 20}, "checked 5 days ago", widget.MediumImportance},
		{"two weeks", directory.Date{Year: 2026, Month: time.November, Day: 11}, "checked 2 weeks ago", widget.MediumImportance},
		{"weeks", directory.Date{Year: 2026, Month: time.November, Day: 4}, "checked 3 weeks ago", widget.MediumImportance},
		{"two months", directory.Date{Year: 2026, Month: time.September, Day: 25}, "checked 2 months ago", widget.MediumImportance},
		{"months", directory.Date{Year: 2026, Month: time.June, Day: 1}, "checked 6 months ago", widget.MediumImportance},
		{"a year", directory.Date{Year: 2025, Month: time.November, Day: 26}, "checked 12 months ago", widget.MediumImportance},
		{"over a year", directory.Date{Year: 2025, Month: time.October, Day: 1}, "checked 14 months ago", widget.WarningImportance},
		{"years", directory.Date{Year: 2024, Month: time.January, Day: 5}, "checked 2 years ago", widget.WarningImportance},
		{"in the future", directory.Date{Year: 2026, Month: time.December, Day: 1}, "checked today", widget.MediumImportance},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &directory.Listing{ID: "x", VerifiedOn: tc.verified}
			got, imp := checkedNote(l, testNow)
			if got != tc.want || imp != tc.imp {
				t.Errorf("checkedNote(verified %v) = %q, %v; want %q, %v", tc.verified, got, imp, tc.want, tc.imp)
			}
		})
	}
	builtin := builtinListing(emergencyID)
	if got, _ := checkedNote(builtin, testNow); got != "" {
		t.Errorf("checkedNote(911 stand-in) = %q, want nothing", got)
	}
}

func TestLevelName(t *testing.T) {
	test.NewTempApp(t)
	addTranslations()
	want := map[directory.Level]string{
		directory.LevelCounty:    "County",
		directory.LevelCity:      "City",
		directory.LevelState:     "State",
		directory.LevelFederal:   "Federal",
		directory.LevelNonprofit: "Nonprofit",
		directory.LevelBusiness:  "Business",
	}
	for _, lv := range directory.Levels {
		if got := levelName(lv); got != want[lv] {
			t.Errorf("levelName(%q) = %q, want %q", lv, got, want[lv])
		}
	}
	if got := levelName("galactic"); got != "" {
		t.Errorf("levelName(%q) = %q, want nothing", "galactic", got)
	}
}
