package hours_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"nowrongdoor/data"
	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
	"nowrongdoor/directory/hours"
)

// render writes schedules the way the failure messages show them:
// "Shelter: Mon-Sat 10:00am-6:00pm | Animal control dispatch: 24 hours, 7
// days a week"; "" when the text is kept as text.
func render(ss []directory.Schedule) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = s.String()
	}
	return strings.Join(parts, " | ")
}

// defaultHours is the expected reading of every distinct hours text in the
// default data. "" means the text states no weekly hours we can be sure of
// and stays text only.
var defaultHours = []struct{ text, want string }{
	{"Monday-Friday 8:00am-5:00pm; closed state and federal holidays",
		"Mon-Fri 8:00am-5:00pm"},
	{"By appointment only",
		""},
	{"Monday-Friday 8:00am-5:00pm; closed weekends and state/federal holidays",
		"Mon-Fri 8:00am-5:00pm"},
	{"Monday-Friday 8:00am-5:00pm",
		"Mon-Fri 8:00am-5:00pm"},
	{"Appeal filing period August 1 - September 15 (next business day if the 15th falls on a weekend or holiday)",
		""},
	{"Walk-ins accepted until 3:00pm at county immunization clinics; appointments guarantee being seen",
		""},
	{"Monday-Friday 8:00am-5:00pm; after hours the line offers environmental emergency and infectious disease emergency options",
		"Mon-Fri 8:00am-5:00pm"},
	{"Service window Monday-Friday 8:00am-5:00pm; requests after 4:30pm processed next business day",
		"Service window: Mon-Fri 8:00am-5:00pm"},
	{"Shelter Monday-Saturday 10:00am-6:00pm; animal control dispatch 24 hours a day, 7 days a week",
		"Shelter: Mon-Sat 10:00am-6:00pm | Animal control dispatch: 24 hours, 7 days a week"},
	{"Main Library: Monday-Thursday 10:00am-8:00pm; Friday-Saturday 10:00am-6:00pm; Sunday 11:00am-5:00pm",
		"Main Library: Mon-Thu 10:00am-8:00pm; Fri-Sat 10:00am-6:00pm; Sun 11:00am-5:00pm"},
	{"24 hours a day, 7 days a week, including holidays",
		"24 hours, 7 days a week"},
	{"24 hours a day, 7 days a week",
		"24 hours, 7 days a week"},
	{"24 hours a day, 7 days a week, walk-in (opened March 31, 2025)",
		"24 hours, 7 days a week"},
	{"365 days a year, 9:00am-10:00pm",
		"Daily 9:00am-10:00pm"},
	{"24 hours a day, 7 days a week",
		"24 hours, 7 days a week"},
	{"All branches: Monday-Thursday 11:00am-7:00pm; Friday-Saturday 11:00am-5:00pm; Sunday closed",
		"All branches: Mon-Thu 11:00am-7:00pm; Fri-Sat 11:00am-5:00pm"},
	{"Online filing site available 2:00am-11:45pm, 7 days a week",
		"Online filing site: Daily 2:00am-11:45pm"},
	{"Phone intake Monday-Friday 9:00am-2:00pm; online eligibility interview available 24/7",
		"Phone intake: Mon-Fri 9:00am-2:00pm | Online eligibility interview: 24 hours, 7 days a week"},
	{"Help line Monday-Thursday 11:00am-5:00pm",
		"Help line: Mon-Thu 11:00am-5:00pm"},
	{"Monday-Friday 9:00am-4:30pm; closed federal and state holidays",
		"Mon-Fri 9:00am-4:30pm"},
	{"Monday-Friday 8:00am-5:00pm (general hours)",
		"Mon-Fri 8:00am-5:00pm"},
	{"Monday-Friday 8:00am-5:00pm; payments accepted until 4:30pm",
		"Mon-Fri 8:00am-5:00pm"},
	{"Courthouse Monday-Friday 8:00am-5:00pm; main phone line Monday-Friday 8:30am-4:00pm",
		"Courthouse: Mon-Fri 8:00am-5:00pm | Main phone line: Mon-Fri 8:30am-4:00pm"},
	{"24 hours a day",
		"24 hours, 7 days a week"},
	{"Crisis shelter open 24 hours a day, 7 days a week",
		"Crisis shelter: 24 hours, 7 days a week"},
	{"Protective-order intake Monday-Friday 8:00am-5:00pm, walk-in (no appointment) at the Matheson and West Jordan courthouses; online intake also available",
		"Protective-order intake: Mon-Fri 8:00am-5:00pm"},
	{"24 hours a day",
		"24 hours, 7 days a week"},
	{"Lunch and dinner served daily",
		""},
	{"Monday-Friday 9:00am-5:00pm",
		"Mon-Fri 9:00am-5:00pm"},
	{"Enrollment and drop-in 8:30am-6:00pm; overnight emergency shelter 7:30pm-8:30am; services 24 hours a day once enrolled",
		""},
	{"Monday-Thursday, regular business hours; voicemail returned next business day",
		""},
	{"Appointments required for originals, renewals, duplicates, ID cards, CDLs, reinstatements, driving records, skills tests and refugee/asylee services",
		""},
	{"Monday-Friday 8:00am-5:00pm; appointments encouraged; no drive-up window at Taylorsville",
		"Mon-Fri 8:00am-5:00pm"},
	{"Toll-free line 7am-7pm on business days; local field offices typically weekdays 9am-4pm; appointments strongly recommended",
		"Toll-free line: Mon-Fri 7:00am-7:00pm | Local field offices: Mon-Fri 9:00am-4:00pm (unconfirmed)"},
	{"Mostly by appointment; hours vary by office",
		""},
	{"Administrative staff by phone 8:30am-5:00pm",
		""},
	{"Visiting generally 9:00am-9:00pm by housing unit (no visits 11:00am-12:30pm and 4:00pm-5:30pm); prisoner funds desk daily until 11:30pm (closed 3:30pm-4:00pm); property release at Jail Administration Office daily 8:00am-8:00pm",
		"Property release at Jail Administration Office: Daily 8:00am-8:00pm"},
	{"Open 24 hours a day, 7 days a week",
		"24 hours, 7 days a week"},
	{"Monday-Friday 8:00am-8:00pm",
		"Mon-Fri 8:00am-8:00pm"},
	{"Monday-Saturday 7:00am-5:00pm",
		"Mon-Sat 7:00am-5:00pm"},
	{"Landfill Monday-Saturday 7:00am-6:00pm; transfer station Monday-Saturday 7:00am-5:00pm (Saturdays residents only); closed Sundays, New Year's Day, Independence Day, Thanksgiving and Christmas",
		"Landfill: Mon-Sat 7:00am-6:00pm | Transfer station: Mon-Sat 7:00am-5:00pm"},
	{"Permits office open by appointment only (scheduled 24 hours ahead)",
		""},
	{"Monday-Saturday 8:00am-4:00pm at the Salt Lake Valley Landfill and Trans-Jordan sites; closed on county-observed holidays",
		"Mon-Sat 8:00am-4:00pm"},
	{"Open 7 days a week",
		""},
	{"ArtTix phone: Monday-Friday 10:00am-6:00pm; Saturday 10:00am-2:00pm",
		"ArtTix phone: Mon-Fri 10:00am-6:00pm; Sat 10:00am-2:00pm"},
	{"Phone reports Monday-Friday 8:00am-5:00pm; online reporting 24/7",
		"Phone reports: Mon-Fri 8:00am-5:00pm | Online reporting: 24 hours, 7 days a week"},
	{"Monday-Thursday 7:30am-5:30pm; Friday 7:30am-5:00pm",
		"Mon-Thu 7:30am-5:30pm; Fri 7:30am-5:00pm"},
	{"Grounds open daily dawn to dusk; office Monday-Friday 9:00am-5:00pm",
		"Office: Mon-Fri 9:00am-5:00pm"},
	{"24 hours a day",
		"24 hours, 7 days a week"},
	{"By appointment only; no walk-ins",
		""},
	{"Normal business hours",
		""},
	{"Crisis intervention 24 hours a day; two nurseries open 24 hours a day, 7 days a week; Sugar House nursery 8:00am-8:00pm",
		"Crisis intervention: 24 hours, 7 days a week | Two nurseries: 24 hours, 7 days a week"},
	{"Walk-ins Tuesdays and Wednesdays 8:00am-4:00pm; specialty clinics on other days",
		"Walk-ins: Tue-Wed 8:00am-4:00pm"},
	{"Mentor phone line Monday-Friday 9:00am-4:15pm",
		"Mentor phone line: Mon-Fri 9:00am-4:15pm"},
	{"Phone line Monday-Thursday 8:00am-6:00pm",
		"Phone line: Mon-Thu 8:00am-6:00pm"},
	{"Appointments required; appointments are free (Mi Consulado line: Monday-Friday 8:00am-9:00pm; weekends and holidays 9:00am-6:00pm)",
		"Mi Consulado line: Mon-Fri 8:00am-9:00pm; Sat-Sun 9:00am-6:00pm"},
	{"Adoption Center walk-ins daily 10:00am-7:00pm (except some holidays); admissions daily 11:00am-6:00pm",
		"Adoption Center walk-ins: Daily 10:00am-7:00pm | Admissions: Daily 11:00am-6:00pm"},
	{"Marketplace open enrollment typically November 1 - December 15; Medicaid/CHIP year-round",
		""},
	{"24 hours a day, 7 days a week (opened July 28, 2025)",
		"24 hours, 7 days a week"},
	{"Monday-Friday 8:30am-4:00pm, walk-ins accommodated when possible",
		"Mon-Fri 8:30am-4:00pm"},
	{"Online DBA registration processed within about 24 hours; paper filings can take up to 7 business days",
		""},
	{"Customer Service weekdays 8:00am-5:00pm",
		"Customer Service: Mon-Fri 8:00am-5:00pm"},
	{"Phone lines answer anytime; outages can be reported anytime by text (OUT to 759677)",
		"Phone lines: 24 hours, 7 days a week | Outages: 24 hours, 7 days a week"},
	{"Monday-Thursday 10:00am-9:00pm; Friday-Saturday 10:00am-6:00pm; Sunday closed",
		"Mon-Thu 10:00am-9:00pm; Fri-Sat 10:00am-6:00pm"},
	{"Office Monday-Friday 10:00am-5:00pm (appointments encouraged); closed major holidays",
		"Office: Mon-Fri 10:00am-5:00pm"},
	{"Classes twice a week, 2.5 hours each, for 11 weeks; can be repeated",
		""},
	{"Legal Aid Society intake Monday-Friday 8:00am-5:00pm, walk-in",
		"Legal Aid Society intake: Mon-Fri 8:00am-5:00pm"},
}

func loadDefaultListings(t testing.TB) []directory.Listing {
	t.Helper()
	var ls []directory.Listing
	if err := json.Unmarshal(data.Agencies, &ls); err != nil {
		t.Fatalf("decode default data: %v", err)
	}
	return ls
}

// TestParseDefaultData walks every default listing, logs which hours
// were parsed and which kept as text, and checks each distinct text against
// its expected reading so that a regression fails.
func TestParseDefaultData(t *testing.T) {
	want := make(map[string]string, len(defaultHours))
	for _, tc := range defaultHours {
		want[tc.text] = tc.want
	}
	seen := make(map[string]bool)
	var parsed, text, empty int
	for _, l := range loadDefaultListings(t) {
		if l.Hours == "" {
			empty++
			continue
		}
		got := hours.Parse(l.Hours)
		if len(got) > 0 {
			parsed++
			t.Logf("parsed  %-45s %s", l.ID, render(got))
		} else {
			text++
			t.Logf("text    %-45s %q", l.ID, l.Hours)
		}
		w, ok := want[l.Hours]
		if !ok {
			t.Errorf("listing %s: no expected reading for hours %q (got %q); add one to defaultHours", l.ID, l.Hours, render(got))
			continue
		}
		seen[l.Hours] = true
		if g := render(got); g != w {
			t.Errorf("Parse(%q) = %q, want %q", l.Hours, g, w)
		}
		// Propose then Normalize, as an import does, must give the same
		// schedules, doubted when the staff notes doubt the hours
		// (TestStaffNotesDoubtHours in directory).
		n := l
		n.Schedules = hours.Propose(l.Hours)
		n.Normalize()
		doubt := func(s string) string { return strings.ReplaceAll(s, " (unconfirmed)", "") }
		if g := render(n.Schedules); g != w && (!strings.Contains(strings.ToLower(l.StaffNotes), "hours") || doubt(g) != doubt(w)) {
			t.Errorf("Propose+Normalize: listing %s Schedules = %q, want %q", l.ID, g, w)
		}
	}
	for _, tc := range defaultHours {
		if !seen[tc.text] {
			t.Errorf("defaultHours has %q, which no default listing uses any more", tc.text)
		}
	}
	t.Logf("%d listings with hours parsed, %d kept as text, %d with no hours", parsed, text, empty)
	if parsed+text != 75 {
		t.Errorf("default data has %d listings with hours text, want 75", parsed+text)
	}
}

// TestParseFormats covers the ways admins are likely to type hours.
func TestParseFormats(t *testing.T) {
	tests := []struct{ text, want string }{
		{"8am-5pm Mon-Fri", "Mon-Fri 8:00am-5:00pm"},
		{"Mon-Fri 8:00 am - 5:00 pm", "Mon-Fri 8:00am-5:00pm"},
		{"MON-FRI 8:00AM\u20135:00PM", "Mon-Fri 8:00am-5:00pm"},
		{"Monday\u2013Friday 8:00am \u2014 5:00pm", "Mon-Fri 8:00am-5:00pm"},
		{"M-F 9am-noon, 1pm-5pm", "Mon-Fri 9:00am-12:00pm, 1:00pm-5:00pm"},
		{"M-Th 9am-5pm", "Mon-Thu 9:00am-5:00pm"},
		{"Sat 10am-2pm", "Sat 10:00am-2:00pm"},
		{"Sun noon to midnight", "Sun 12:00pm-12:00am"},
		{"Mon, Wed, Fri 9-11am", "Mon, Wed, Fri 9:00am-11:00am"},
		{"Sat/Sun 10 a.m. - 2 p.m.", "Sat-Sun 10:00am-2:00pm"},
		{"Monday through Friday 8am to 5pm", "Mon-Fri 8:00am-5:00pm"},
		{"Mon thru Fri 8-5pm", "Mon-Fri 8:00am-5:00pm"},
		{"Mon. - Fri. 8.30am-4.30pm", "Mon-Fri 8:30am-4:30pm"},
		{"Mon-Fri 08:00-17:00", "Mon-Fri 8:00am-5:00pm"},
		{"Hours: weekdays 8am-5pm, weekends 10am-2pm", "Mon-Fri 8:00am-5:00pm; Sat-Sun 10:00am-2:00pm"},
		{"9am-5pm weekdays; 10am-1pm Saturday", "Mon-Fri 9:00am-5:00pm; Sat 10:00am-1:00pm"},
		{"Mon-Fri 9am-5pm and Sat 10am-1pm", "Mon-Fri 9:00am-5:00pm; Sat 10:00am-1:00pm"},
		{"daily 10:00am-7:00pm", "Daily 10:00am-7:00pm"},
		{"every day 6am-10pm", "Daily 6:00am-10:00pm"},
		{"7 days a week, 8am-11pm", "Daily 8:00am-11:00pm"},
		{"365 days a year, 9:00am-10:00pm", "Daily 9:00am-10:00pm"},
		{"Tuesdays and Wednesdays 8:00am-4:00pm", "Tue-Wed 8:00am-4:00pm"},
		{"7am-7pm on business days", "Mon-Fri 7:00am-7:00pm"},
		{"24/7", "24 hours, 7 days a week"},
		{"24x7 crisis line", "24 hours, 7 days a week"},
		{"Open 24 hours", "24 hours, 7 days a week"},
		{"Open around the clock", "24 hours, 7 days a week"},
		{"24 hours Monday-Saturday", "Mon-Sat 24 hours"},
		{"Nightly 7:30pm-8:30am", "Daily 7:30pm-8:30am"},
		{"daily except Sunday 9am-5pm", "Mon-Sat 9:00am-5:00pm"},
		{"Mon-Sun 9am-5pm, closed Wednesday", "Mon-Tue, Thu-Sun 9:00am-5:00pm"},
		{"Mon-Fri 8am-5pm, closed noon-1pm", "Mon-Fri 8:00am-12:00pm, 1:00pm-5:00pm"},
		{"Mon-Fri 8am-5pm; closed noon-1pm for lunch", "Mon-Fri 8:00am-12:00pm, 1:00pm-5:00pm"},
		{"Closed Wednesdays; daily 9am-5pm", "Mon-Tue, Thu-Sun 9:00am-5:00pm"},
		{"Fri-Mon 10am-4pm", "Mon, Fri-Sun 10:00am-4:00pm"},
		{"Mon-Fri 8am-5pm except holidays", "Mon-Fri 8:00am-5:00pm"},
		{"Front desk: Mon-Fri 9am-5pm; Sat 10am-noon; phones 24/7",
			"Front desk: Mon-Fri 9:00am-5:00pm; Sat 10:00am-12:00pm | Phones: 24 hours, 7 days a week"},
		{"Mon-Fri 9am-5pm (as of 2019; confirm)", "Mon-Fri 9:00am-5:00pm (unconfirmed)"},
		{"Mon-Fri 9am-5pm; the office is closed Wednesdays", "Mon-Tue, Thu-Fri 9:00am-5:00pm"},
		{"Shelter daily 10am-6pm; dispatch 24/7; shelter closed Sundays",
			"Shelter: Mon-Sat 10:00am-6:00pm | Dispatch: 24 hours, 7 days a week"},
		{"Mon-Fri 9am-5pm (as of 2019)", "Mon-Fri 9:00am-5:00pm (unconfirmed)"},
		{"Mon-Fri 9am-5pm (per third-party guide)", "Mon-Fri 9:00am-5:00pm (unconfirmed)"},
		{"Usually Mon-Fri 9am-5pm", "Mon-Fri 9:00am-5:00pm (unconfirmed)"},
		// Sources that disagree: only the hours they share, unconfirmed.
		{"Site: daily 9am-10pm; report: 7 days a week, 8am-11pm (hours differ by source)", "Daily 9:00am-10:00pm (unconfirmed)"},
		{"A: 24/7; B: Mon-Fri 9am-5pm (sources differ)", "Mon-Fri 9:00am-5:00pm (unconfirmed)"},
		{"A: Saturday 10pm-2am; B: daily 11pm-3am (hours differ by source)", "Sat 11:00pm-2:00am (unconfirmed)"},
		{"A: 24/7; B: 24 hours a day (hours differ by source)", "24 hours, 7 days a week (unconfirmed)"},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			if got := render(hours.Parse(tc.text)); got != tc.want {
				t.Errorf("Parse(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestParseKeepsText covers text that must not become a schedule:
// anything that would make an "Open now" badge a guess.
func TestParseKeepsText(t *testing.T) {
	for _, text := range []string{
		"",
		"   ",
		"By appointment only",
		"Mon-Fri 9am-5pm by appointment only",
		"Mon-Fri 9am-5pm; appointments required",
		"Mon-Fri 9am-5pm; by appointment only",
		"By appointment only; no walk-ins; Mon-Fri 9am-5pm",
		"Normal business hours",
		"Monday-Friday, regular business hours",
		"8:30am-6:00pm",
		"Walk-ins accepted until 3:00pm",
		"Open 7 days a week",
		"Mon-Fri 9-5",
		"Mon-Fri 1:00-5:00",
		"Mon-Fri 13pm-5pm",
		"Mon-Fri 8am-8am",
		"Mon-Fri 8am-5pm every other week",
		"first Saturday 9am-noon",
		"1st and 3rd Saturday 9am-noon",
		"Summer: Mon-Fri 9am-5pm",
		"Mon-Fri 8am-5pm until June 1",
		"Mon-Fri 8am-5pm (except Wednesdays)",
		"Mon-Fri 8am-5pm (closed noon-1pm)",
		"Mon-Fri 8am-5pm (lunch 12-1)",
		"Mon-Fri 8am-5pm, lunch 12-1",
		"Mon-Fri 8am-5pm, closed for lunch",
		"Mon 9am-5pm Tue",
		"Closed for remodel; Mon-Fri 9am-5pm",
		"Temporarily closed",
		"Classes twice a week, 2.5 hours each, for 11 weeks",
		"Open enrollment November 1 - December 15",
		"processed within about 24 hours; up to 7 business days",
		"Hours vary; call ahead",
		"Services 24 hours a day once enrolled",
		"W 9am-5pm",
		"Office Mon-Fri 9am-5pm, phone line 24/7",
		"A: Mon 9am-5pm; B: Tue 9am-5pm (hours differ by source)",
		"A: Mon-Fri 9am-5pm; B: by appointment only (hours differ by source)",
	} {
		t.Run(text, func(t *testing.T) {
			if got := hours.Parse(text); len(got) != 0 {
				t.Errorf("Parse(%q) = %q, want no schedule", text, render(got))
			}
		})
	}
}

func TestParseWeek(t *testing.T) {
	// Check the parsed intervals themselves, not only their formatting.
	got := hours.Parse("Overnight shelter daily 7:30pm-8:30am; office M-F 8am-noon, 1pm-5pm")
	if len(got) != 2 {
		t.Fatalf("Parse = %q, want 2 schedules", render(got))
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		want := []directory.Interval{{Start: 1170, End: 1950}}
		if g := got[0].Week[d]; len(g) != 1 || g[0] != want[0] {
			t.Errorf("shelter %v = %v, want %v", d, g, want)
		}
		var wantOffice []directory.Interval
		if d != time.Saturday && d != time.Sunday {
			wantOffice = []directory.Interval{{Start: 480, End: 720}, {Start: 780, End: 1020}}
		}
		if g := got[1].Week[d]; !slices.Equal(g, wantOffice) {
			t.Errorf("office %v = %v, want %v", d, g, wantOffice)
		}
	}
	if got[0].Label != "Overnight shelter" || got[1].Label != "Office" {
		t.Errorf("labels = %q, %q, want %q, %q", got[0].Label, got[1].Label, "Overnight shelter", "Office")
	}
}

func TestListingOpenAt(t *testing.T) {
	friday5pm := denver(2025, 6, 6, 17, 0, 0)
	monday10am := denver(2025, 6, 9, 10, 0, 0)
	tests := []struct {
		name  string
		hours string
		state directory.Status
		at    time.Time
		want  directory.OpenState
	}{
		{"no hours", "", "", monday10am, directory.OpenState{}},
		{"text only", "By appointment only", "", monday10am, directory.OpenState{}},
		{"open until 5pm", "Monday-Friday 8:00am-5:00pm", directory.StatusActive, monday10am,
			directory.OpenState{Known: true, Open: true, Closes: denver(2025, 6, 9, 17, 0, 0)}},
		{"closed over the weekend opens Monday", "Monday-Friday 8:00am-5:00pm", directory.StatusActive, friday5pm,
			directory.OpenState{Known: true, Opens: denver(2025, 6, 9, 8, 0, 0)}},
		{"24/7 never closes", "24 hours a day, 7 days a week", directory.StatusActive, friday5pm,
			directory.OpenState{Known: true, Open: true}},
		{"first schedule and its label", "Shelter Monday-Saturday 10:00am-6:00pm; animal control dispatch 24 hours a day, 7 days a week",
			directory.StatusActive, denver(2025, 6, 8, 12, 0, 0),
			directory.OpenState{Known: true, Label: "Shelter", Opens: denver(2025, 6, 9, 10, 0, 0)}},
		{"unconfirmed hours say so", "Monday-Friday 8:00am-8:00pm (as of 2020; confirm)", directory.StatusActive, monday10am,
			directory.OpenState{Known: true, Open: true, Closes: denver(2025, 6, 9, 20, 0, 0), Unconfirmed: true}},
		{"temporarily closed is closed", "Monday-Friday 8:00am-5:00pm", directory.StatusTemporarilyClosed, monday10am,
			directory.OpenState{Known: true}},
		{"Main Library Sunday", "Main Library: Monday-Thursday 10:00am-8:00pm; Friday-Saturday 10:00am-6:00pm; Sunday 11:00am-5:00pm",
			directory.StatusActive, denver(2025, 6, 8, 16, 59, 0),
			directory.OpenState{Known: true, Open: true, Label: "Main Library", Closes: denver(2025, 6, 8, 17, 0, 0)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := directory.Listing{ID: "x", Name: "X", Hours: tc.hours, Status: tc.state, Schedules: hours.Propose(tc.hours)}
			l.Normalize()
			got := l.OpenAt(tc.at)
			if got.Known != tc.want.Known || got.Open != tc.want.Open || got.Label != tc.want.Label ||
				got.Unconfirmed != tc.want.Unconfirmed || !got.Closes.Equal(tc.want.Closes) || !got.Opens.Equal(tc.want.Opens) {
				t.Errorf("Listing{Hours: %q}.OpenAt(%v) = %+v, want %+v", tc.hours, tc.at, got, tc.want)
			}
		})
	}
}

// BenchmarkParse parses the hours text of every default listing, and
// of a 100,000-listing synthetic directory made from it: the work the index
// does on each rebuild, which must stay well under a second.
func BenchmarkParse(b *testing.B) {
	base := loadDefaultListings(b)
	for _, bc := range []struct {
		name     string
		listings []directory.Listing
	}{
		{"default", base},
		{"listings=100000", directorytest.Synthetic(base, 100000)},
	} {
		texts := make([]string, len(bc.listings))
		for i, l := range bc.listings {
			texts[i] = l.Hours
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, s := range texts {
					hours.Parse(s)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(texts)), "ns/listing")
		})
	}
}

// FuzzParse checks that any text, however odd, parses without panicking
// into well-formed schedules: each day's intervals sorted, apart, starting
// within the day and lasting at most a day.
func FuzzParse(f *testing.F) {
	for _, tc := range defaultHours {
		f.Add(tc.text)
	}
	for _, s := range []string{"M-F 9-noon", "24/7", "Mon\u2013Fri 8:00AM\u20135:00PM", "(((", "12 midnight-12 noon", "\xff\xfe8am-5pm daily"} {
		f.Add(s)
	}
	at := denver(2025, 3, 9, 2, 30, 0)
	f.Fuzz(func(t *testing.T, text string) {
		for _, s := range hours.Parse(text) {
			for d, ivs := range s.Week {
				for i, iv := range ivs {
					if iv.Start < 0 || iv.Start >= 24*60 || iv.End <= iv.Start || iv.End-iv.Start > 24*60 {
						t.Fatalf("Parse(%q): %v has interval %v", text, time.Weekday(d), [2]int{iv.Start, iv.End})
					}
					if i > 0 && iv.Start <= ivs[i-1].End {
						t.Fatalf("Parse(%q): %v intervals %v not sorted and apart", text, time.Weekday(d), ivs)
					}
				}
			}
			_ = s.String()
			s.OpenAt(at)
			s.Next(at)
		}
	})
}

// denver returns a wall-clock time in Salt Lake County.
func denver(y int, m time.Month, d, h, min, sec int) time.Time {
	return time.Date(y, m, d, h, min, sec, 0, directory.Denver)
}

// TestPropose: what the reader proposes is what it reads, each schedule
// marked for an admin to confirm; text it cannot read proposes nothing.
func TestPropose(t *testing.T) {
	text := "Shelter daily 7:30pm-8:30am; office Mon-Fri 8am-5pm"
	got, read := hours.Propose(text), hours.Parse(text)
	if len(got) != 2 || len(read) != 2 {
		t.Fatalf("Propose(%q) = %q, Parse = %q, want 2 schedules each", text, render(got), render(read))
	}
	for i := range got {
		if !got[i].Proposed || read[i].Proposed {
			t.Errorf("schedule %d: Propose marks Proposed %v, Parse %v; want true, false", i, got[i].Proposed, read[i].Proposed)
		}
		got[i].Proposed = false
	}
	if render(got) != render(read) || !slices.Equal(got[0].Week[time.Monday], read[0].Week[time.Monday]) {
		t.Errorf("Propose(%q) = %q, want what Parse reads, %q", text, render(got), render(read))
	}
	if got := hours.Propose("By appointment only"); got != nil {
		t.Errorf("Propose(%q) = %q, want none", "By appointment only", render(got))
	}
	if got, want := render(hours.Parse("  Mon-Fri 8am-5pm \n")), "Mon-Fri 8:00am-5:00pm"; got != want {
		t.Errorf("Parse with spaces around = %q, want %q", got, want)
	}
}
