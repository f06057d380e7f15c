package hours

import (
	"slices"
	"time"

	"nowrongdoor/directory"
)

// These are private copies of the few week constants and interval helpers
// the domain package keeps for itself (directory/hours.go). They are small
// and settled, and copying them keeps the reader's arithmetic out of the
// domain's exported API.

const (
	minutesPerDay  = 24 * 60
	minutesPerWeek = 7 * minutesPerDay

	everyDay  uint8 = 1<<7 - 1
	monToFri  uint8 = 1<<time.Monday | 1<<time.Tuesday | 1<<time.Wednesday | 1<<time.Thursday | 1<<time.Friday
	satAndSun uint8 = 1<<time.Saturday | 1<<time.Sunday
)

// wholeDay is the interval of a day open around the clock.
var wholeDay = directory.Interval{Start: 0, End: minutesPerDay}

// mergeIntervals sorts one day's intervals and joins those that overlap or
// touch, in place.
func mergeIntervals(ivs []directory.Interval) []directory.Interval {
	if len(ivs) < 2 {
		return ivs
	}
	slices.SortFunc(ivs, func(a, b directory.Interval) int { return a.Start - b.Start })
	out := ivs[:1]
	for _, iv := range ivs[1:] {
		last := &out[len(out)-1]
		if iv.Start <= last.End {
			last.End = max(last.End, iv.End)
			continue
		}
		out = append(out, iv)
	}
	return out
}

// subtractInterval removes the minutes of cut from one day's intervals.
func subtractInterval(ivs []directory.Interval, cut directory.Interval) []directory.Interval {
	var out []directory.Interval
	for _, iv := range ivs {
		if cut.End <= iv.Start || iv.End <= cut.Start {
			out = append(out, iv)
			continue
		}
		if iv.Start < cut.Start {
			out = append(out, directory.Interval{Start: iv.Start, End: cut.Start})
		}
		if cut.End < iv.End {
			out = append(out, directory.Interval{Start: cut.End, End: iv.End})
		}
	}
	return out
}
