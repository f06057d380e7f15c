package hsds

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"nowrongdoor/directory"
)

// byday names the days of the week as iCal does, indexed by time.Weekday.
var byday = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// weekOrder is the order days are written in: HSDS weeks start on Monday.
var weekOrder = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// Part is one HSDS schedule record: an opening period and its days.
type Part struct{ Byday, OpensAt, ClosesAt string }

// Parts lays a schedule out as HSDS schedule records, one per distinct period in
// the order the week first has it, with every day that has it. A schedule
// with no periods is one row with no days.
func Parts(s directory.Schedule) ([]Part, error) {
	var periods []directory.Interval
	var days [][]string
	for _, d := range weekOrder {
		for _, iv := range s.Week[d] {
			if iv.Start < 0 || iv.Start >= 24*60 || iv.End <= iv.Start || iv.End > 48*60 {
				return nil, fmt.Errorf("%s period %v cannot be stored: it must start within the day and end within the next", byday[d], iv)
			}
			i := slices.Index(periods, iv)
			if i < 0 {
				i = len(periods)
				periods = append(periods, iv)
				days = append(days, nil)
			}
			days[i] = append(days[i], byday[d])
		}
	}
	if len(periods) == 0 {
		return []Part{{}}, nil
	}
	out := make([]Part, len(periods))
	for i, iv := range periods {
		out[i] = Part{strings.Join(days[i], ","), HHMM(iv.Start), HHMM(iv.End)}
	}
	return out, nil
}

// HHMM writes minutes after midnight as HH:MM, reading on past 24:00 for a
// time the next day.
func HHMM(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// ParseHHMM reads what HHMM writes.
func ParseHHMM(s string) (int, error) {
	if len(s) != 5 || s[2] != ':' {
		return 0, fmt.Errorf("time %q is not HH:MM", s)
	}
	n := 0
	for i, c := range []byte(s) {
		if i == 2 {
			continue
		}
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("time %q is not HH:MM", s)
		}
		n = n*10 + int(c-'0')
	}
	return n/100*60 + n%100, nil
}

// AddPart adds the periods of one HSDS schedule record (its byday, opens_at
// and closes_at, as Parts writes them) to s. A record with no days adds
// nothing.
func AddPart(s *directory.Schedule, days, opensAt, closesAt string) error {
	if days == "" {
		return nil
	}
	opens, err := ParseHHMM(opensAt)
	if err != nil {
		return fmt.Errorf("opens_at: %w", err)
	}
	closes, err := ParseHHMM(closesAt)
	if err != nil {
		return fmt.Errorf("closes_at: %w", err)
	}
	for code := range strings.SplitSeq(days, ",") {
		d := slices.Index(byday[:], code)
		if d < 0 {
			return fmt.Errorf("byday %q is not days like MO,TU", days)
		}
		s.Week[d] = append(s.Week[d], directory.Interval{Start: opens, End: closes})
		if n := len(s.Week[d]); n > 1 && s.Week[d][n-2].Start > opens {
			slices.SortFunc(s.Week[d], func(a, b directory.Interval) int { return a.Start - b.Start })
		}
	}
	return nil
}
