package directory_test

import (
	"testing"

	"nowrongdoor/directory"
)

func TestPhoneAroundTheClock(t *testing.T) {
	for _, tc := range []struct {
		label string
		want  bool
	}{
		{"Call or text (24/7)", true},
		{"LINKLine 24/7 (1-800-897-LINK)", true},
		{"Domestic Violence LINKline 24 / 7", true},
		{"24-hour crisis line (TTY 711)", true},
		{"Crisis line, 24 hours a day", true},
		{"24 hour hotline", true},
		{"Customer service (call anytime)", true},
		{"Outages: report any time", true},
		{"Línea de crisis 24 horas", true},
		{"Animal control dispatch (24/7, bites, strays, lost pet reports)", true},
		{"Customer service", false},
		{"Calls returned within 24 hours", false},
		{"Leave a message; we reply in 24 hours", false},
		{"Suite 247", false},
		{"Route 24 office", false},
		{"", false},
	} {
		if got := (directory.Phone{Label: tc.label, Number: "801-555-0100"}).AroundTheClock(); got != tc.want {
			t.Errorf("Phone{Label: %q}.AroundTheClock() = %v, want %v", tc.label, got, tc.want)
		}
	}
}

func TestAroundTheClockIgnoresNote(t *testing.T) {
	p := directory.Phone{Label: "Front desk", Number: "801-555-0100", Note: "A 2019 guide says it answers 24/7; confirm"}
	if p.AroundTheClock() {
		t.Errorf("Phone{Note: %q}.AroundTheClock() = true; the staff note must not decide it", p.Note)
	}
}

func TestListingAroundTheClockPhone(t *testing.T) {
	l := &directory.Listing{Phones: []directory.Phone{
		{Label: "Shelter", Number: "385-468-7387"},
		{Label: "Animal control dispatch (24/7)", Number: "801-840-4000"},
	}}
	p, ok := l.AroundTheClockPhone()
	if !ok || p.Number != "801-840-4000" {
		t.Errorf("AroundTheClockPhone() = %v, %v; want the dispatch line", p, ok)
	}
	if _, ok := (&directory.Listing{}).AroundTheClockPhone(); ok {
		t.Errorf("AroundTheClockPhone() of a listing without phones = true")
	}
}

func TestAsksToConfirm(t *testing.T) {
	for _, tc := range []struct {
		note string
		want bool
	}{
		{"From third-party guides; confirm before sharing", true},
		{"Hours as of 2011; Confirm before sharing.", true},
		{"Staff must verify eligibility directly with the applicant.", true},
		{"Address: a 2024 article gives 529 W. 9th Ave.; confirm", true},
		{"Worth a re-check after the move", true},
		{"Listed on the Optum Salt Lake County page", false},
		{"Confirmed by phone, October 2026", false},
		{"Verified against the county page", false},
		{"", false},
	} {
		if got := directory.AsksToConfirm(tc.note); got != tc.want {
			t.Errorf("AsksToConfirm(%q) = %v, want %v", tc.note, got, tc.want)
		}
	}
}
