package directory

import (
	"strings"
	"testing"
	"time"
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
