package directory

import (
	"testing"
	"time"
)

// TestWeekRuns: days with the same hours join into one run from Monday, and
// the run holding today says so.
func TestWeekRuns(t *testing.T) {
	weekdays := func(d time.Weekday) string {
		if d == time.Saturday || d == time.Sunday {
			return "Closed"
		}
		return "9-5"
	}
	got := WeekRuns(weekdays, time.Sunday)
	want := []DayRun{{time.Monday, time.Friday, false}, {time.Saturday, time.Sunday, true}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("WeekRuns(weekdays) = %v, want %v", got, want)
	}
	if got := WeekRuns(func(time.Weekday) string { return "24h" }, time.Monday); len(got) != 1 || got[0].First != time.Monday || got[0].Last != time.Sunday || !got[0].Today {
		t.Errorf("WeekRuns(every day) = %v, want one run Mon–Sun with today", got)
	}
	wednesdayOff := func(d time.Weekday) string {
		if d == time.Wednesday {
			return "Closed"
		}
		return "9-5"
	}
	if got := WeekRuns(wednesdayOff, time.Thursday); len(got) != 3 || got[1].First != time.Wednesday || got[1].Last != time.Wednesday || !got[2].Today {
		t.Errorf("WeekRuns(Wednesday off) = %v, want Mon–Tue, Wed, Thu–Sun with today last", got)
	}
}
