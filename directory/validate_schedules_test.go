package directory

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestValidateSchedules: each rule of the weekly hours, by the day or
// field the editor shows it beside.
func TestValidateSchedules(t *testing.T) {
	week := func(d time.Weekday, ivs ...Interval) [7][]Interval {
		var w [7][]Interval
		w[d] = ivs
		return w
	}
	tests := []struct {
		name      string
		schedules []Schedule
		field     string // "" when valid
		says      string
	}{
		{"a plain week", []Schedule{{Week: week(time.Monday, Interval{540, 1020})}}, "", ""},
		{"a lunch break", []Schedule{{Week: week(time.Monday, Interval{540, 720}, Interval{780, 1020})}}, "", ""},
		{"overnight", []Schedule{{Label: "Shelter", Week: week(time.Friday, Interval{1170, 1950})}}, "", ""},
		{"around the clock", []Schedule{{Week: week(time.Sunday, Interval{0, 1440})}}, "", ""},
		{"ends before it starts", []Schedule{{Week: week(time.Tuesday, Interval{1020, 540})}},
			"schedules[0].tuesday", "ends before it starts"},
		{"starts after the day", []Schedule{{Week: week(time.Monday, Interval{1500, 1600})}},
			"schedules[0].monday", "outside the day"},
		{"longer than a day", []Schedule{{Week: week(time.Monday, Interval{60, 1600})}},
			"schedules[0].monday", "longer than a day"},
		{"overlapping", []Schedule{{}, {Week: week(time.Saturday, Interval{540, 780}, Interval{720, 1020})}},
			"schedules[1].saturday", "overlaps"},
		{"dates backwards", []Schedule{{ValidFrom: Date{2026, time.June, 1}, ValidTo: Date{2026, time.May, 1}}},
			"schedules[0].valid_to", "before it starts"},
		{"a label too long", []Schedule{{Label: strings.Repeat("x", MaxNameLength+1)}},
			"schedules[0].label", "longer than"},
		{"a zero-width character in the description", []Schedule{{Description: "closed\u200b holidays"}},
			"schedules[0].description", ""},
		{"too many", make([]Schedule, MaxSchedules+1), "schedules", "more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := validListing()
			l.Schedules = tt.schedules
			var found []Problem
			for _, p := range l.Validate(validateNow) {
				if strings.HasPrefix(p.Field, "schedules") {
					found = append(found, p)
				}
			}
			if tt.field == "" {
				if len(found) > 0 {
					t.Errorf("problems %+v, want none", found)
				}
				return
			}
			if len(found) != 1 || found[0].Field != tt.field || !strings.Contains(found[0].Message, tt.says) {
				t.Errorf("problems %+v, want one at %s saying %q", found, tt.field, tt.says)
			}
		})
	}
}

// FuzzValidateSchedules: whatever weekly hours an editor or an import
// hands over, Validate answers with problems at a day or field of the
// schedule, in short valid messages, and never panics; hours it accepts
// can be asked whether they are open without panicking.
func FuzzValidateSchedules(f *testing.F) {
	f.Add(540, 1020, 780, 1020, "Office", "Closed holidays", 1)
	f.Add(1170, 1950, 0, 0, "Shelter", "", 5)
	f.Add(-5, 99999, 10, 5, "\u202e", "a\x00b", 0)
	f.Add(0, 1440, 1440, 2880, strings.Repeat("x", MaxNameLength+1), "", 6)
	f.Fuzz(func(t *testing.T, s1, e1, s2, e2 int, label, description string, day int) {
		l := validListing()
		var week [7][]Interval
		week[((day%7)+7)%7] = []Interval{{s1, e1}, {s2, e2}}
		l.Schedules = []Schedule{{Label: label, Description: description, Week: week}}
		got := l.Validate(validateNow)
		ok := true
		for _, p := range got {
			if !strings.HasPrefix(p.Field, "schedules[0]") {
				continue
			}
			ok = false
			if p.Message == "" || len(p.Message) > 600 || !utf8.ValidString(p.Message) {
				t.Errorf("problem %+v: want a short, valid message", p)
			}
		}
		if ok {
			l.Schedules[0].OpenAt(validateNow)
			l.Schedules[0].Next(validateNow)
		}
	})
}
