package directory

import "time"

// Interval is one opening period within a day, in minutes after midnight.
// End may pass 24*60 when the period runs past midnight (an overnight
// shelter open 7:30pm-8:30am is {1170, 1950}).
type Interval struct {
	Start, End int
}

// String formats the interval as staff read it: "8:00am-5:00pm", or
// "24 hours" for a whole day.
func (iv Interval) String() string {
	return ""
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

// DayText formats one weekday's hours: "8:00am-5:00pm", "Closed" or
// "Open 24 hours".
func (s Schedule) DayText(day time.Weekday) string {
	return ""
}

// OpenState is whether a listing is open at an instant, for the results
// badge ("Open until 5:00pm", "Closed - opens Mon 8:00am").
type OpenState struct {
	// Known is false when the listing has no parsed weekly schedule.
	Known bool
	Open  bool
	// Label is the label of the schedule the state comes from.
	Label string
	// Closes is when an open listing next closes (zero when open around the
	// clock); Opens is when a closed listing next opens (zero if never).
	Closes, Opens time.Time
}

// OpenAt computes the listing's open state at instant t from its first
// schedule.
func (l *Listing) OpenAt(t time.Time) OpenState {
	return OpenState{}
}
