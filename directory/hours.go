package directory

import "time"

// Interval is one opening period within a day, in minutes after midnight.
// End may pass 24*60 when the period runs past midnight (an overnight
// shelter open 7:30pm-8:30am is {1170, 1950}).
type Interval struct {
	Start, End int
}

// Schedule is the weekly opening hours parsed from a listing's hours text.
type Schedule struct {
	// Label names what the hours are for when the text gives several
	// ("Shelter", "Animal control dispatch"); empty when there is one.
	Label string
	// Week holds each day's intervals, indexed by time.Weekday.
	Week [7][]Interval
}

// ParseHours reads the weekly schedules stated in an hours text. Text that
// states no weekly hours ("By appointment only") gives none.
func ParseHours(text string) []Schedule {
	return nil
}

// OpenAt reports whether the schedule is open at instant t in America/Denver.
func (s Schedule) OpenAt(t time.Time) bool {
	return false
}
