package directory

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// minutesPerDay is the length of a day in the minutes Interval counts.
// The hours reader (directory/hours) keeps its own copy.
const minutesPerDay = 24 * 60

// wholeDay is the interval of a day open around the clock.
var wholeDay = Interval{0, minutesPerDay}

// Interval is one opening period within a day, in minutes after midnight.
// End may pass 24*60 when the period runs past midnight (an overnight
// shelter open 7:30pm-8:30am is {1170, 1950}).
type Interval struct {
	Start, End int
}

// String formats the interval as staff read it: "8:00am-5:00pm", or
// "24 hours" for a whole day.
func (iv Interval) String() string {
	if iv == wholeDay {
		return "24 hours"
	}
	return clock(iv.Start) + "-" + clock(iv.End)
}

// clock formats minutes after midnight as "8:00am"; midnight is "12:00am"
// and noon "12:00pm", the way the source pages write them.
func clock(m int) string {
	m %= minutesPerDay
	if m < 0 {
		m += minutesPerDay
	}
	h, min := m/60, m%60
	suffix := "am"
	if h >= 12 {
		suffix = "pm"
	}
	if h %= 12; h == 0 {
		h = 12
	}
	b := make([]byte, 0, 8)
	b = strconv.AppendInt(b, int64(h), 10)
	b = append(b, ':', byte('0'+min/10), byte('0'+min%10))
	return string(append(b, suffix...))
}

// Schedule is a listing's weekly opening hours, one HSDS schedule. It is
// stored with the listing; the hours reader (directory/hours) only proposes
// one at import, for an admin to confirm.
type Schedule struct {
	// Label names what the hours are for when the text gives several
	// ("Shelter", "Animal control dispatch"); empty when there is one.
	Label string
	// Week holds each day's intervals, indexed by time.Weekday.
	Week [7][]Interval
	// Unconfirmed is set when the text itself doubts the hours: "(as of
	// 2011; confirm)", a third-party guide or article, "typically", or
	// sources that disagree; or when the listing's staff notes do ("Hours
	// as of 2011; confirm before sharing."). The window says the hours may
	// have changed.
	Unconfirmed bool
	// Proposed is set on a schedule the hours reader read from the hours
	// text, until an admin confirms it.
	Proposed bool
	// Description says in words what the days and times do not ("closed
	// state holidays"), as HSDS's schedule description.
	Description string
	// ValidFrom and ValidTo bound the days the schedule holds, inclusive;
	// zero when it holds until changed.
	ValidFrom, ValidTo Date
}

// OpenAt reports whether the schedule is open at instant t in America/Denver.
func (s Schedule) OpenAt(t time.Time) bool {
	lt := t.In(Denver)
	return s.openMinute(int(lt.Weekday()), lt.Hour()*60+lt.Minute())
}

// openMinute reports whether the schedule is open at minute m of weekday
// day, counting periods that ran past midnight from the day before.
func (s *Schedule) openMinute(day, m int) bool {
	for _, iv := range s.Week[day] {
		if iv.Start <= m && m < iv.End {
			return true
		}
	}
	for _, iv := range s.Week[(day+6)%7] {
		if iv.End > minutesPerDay && iv.Start <= m+minutesPerDay && m+minutesPerDay < iv.End {
			return true
		}
	}
	return false
}

// Next reports whether the schedule is open at instant t and when that next
// changes, in America/Denver: the closing time when open, the next opening
// when closed. next is zero when the schedule is open around the clock, or
// when nothing opens within a week.
func (s Schedule) Next(t time.Time) (open bool, next time.Time) {
	lt := t.In(Denver)
	y, mo, d := lt.Date()
	now := lt.Hour()*60 + lt.Minute()
	today := int(lt.Weekday())

	// Periods from yesterday (which may run past midnight into today) to
	// eight days ahead, in wall-clock minutes from today's midnight. Wall
	// clock, not elapsed time, so that 8:00am stays 8:00am across a DST
	// change.
	var buf [32]span
	spans := buf[:0]
	for k := -1; k <= 8; k++ {
		for _, iv := range s.Week[(today+k+7)%7] {
			spans = append(spans, span{k*minutesPerDay + iv.Start, k*minutesPerDay + iv.End})
		}
	}
	merged := mergeSpans(spans)
	wall := func(m int) time.Time { return time.Date(y, mo, d, 0, m, 0, 0, Denver) }
	for _, sp := range merged {
		if sp.end <= now {
			continue
		}
		if sp.start <= now {
			if sp.end >= 9*minutesPerDay {
				// Open from now past the horizon: a weekly schedule open
				// that long never closes.
				return true, time.Time{}
			}
			return true, wall(sp.end)
		}
		if sp.start <= now+7*minutesPerDay {
			return false, wall(sp.start)
		}
		break
	}
	return false, time.Time{}
}

// AlwaysOpen reports whether the schedule is open 24 hours, 7 days a week.
func (s Schedule) AlwaysOpen() bool {
	for _, ivs := range s.Week {
		if len(ivs) != 1 || ivs[0] != wholeDay {
			return false
		}
	}
	return true
}

// DayText formats one weekday's hours: "8:00am-5:00pm", "Closed" or
// "Open 24 hours". A day whose only opening is a period running on from
// the night before reads "Until 8:30am", not "Closed".
func (s Schedule) DayText(day time.Weekday) string {
	ivs := s.Week[day]
	if len(ivs) == 0 {
		for _, iv := range s.Week[(day+6)%7] {
			if iv.End > minutesPerDay {
				return "Until " + clock(iv.End)
			}
		}
		return "Closed"
	}
	if len(ivs) == 1 && ivs[0] == wholeDay {
		return "Open 24 hours"
	}
	return joinIntervals(ivs)
}

func joinIntervals(ivs []Interval) string {
	parts := make([]string, len(ivs))
	for i, iv := range ivs {
		parts[i] = iv.String()
	}
	return strings.Join(parts, ", ")
}

// weekOrder is the order the week is written in on US listings.
var weekOrder = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

var dayAbbr = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// WeekText formats the whole week compactly, days with the same hours
// together: "Mon-Fri 8:00am-5:00pm", "Mon-Thu 10:00am-8:00pm; Fri-Sat
// 10:00am-6:00pm; Sun 11:00am-5:00pm", "Daily 9:00am-10:00pm" or
// "24 hours, 7 days a week". Closed days are left out; a schedule never
// open gives "".
func (s Schedule) WeekText() string {
	if s.AlwaysOpen() {
		return "24 hours, 7 days a week"
	}
	var groups []string
	var done [7]bool
	for i, d := range weekOrder {
		if done[i] || len(s.Week[d]) == 0 {
			continue
		}
		var same [7]bool
		n := 0
		for j := i; j < 7; j++ {
			if !done[j] && slices.Equal(s.Week[weekOrder[j]], s.Week[d]) {
				same[j], done[j] = true, true
				n++
			}
		}
		hours := joinIntervals(s.Week[d])
		if n == 7 {
			return "Daily " + hours
		}
		groups = append(groups, dayRuns(&same)+" "+hours)
	}
	return strings.Join(groups, "; ")
}

// dayRuns writes a set of days (in weekOrder) as runs: "Mon-Fri", "Tue, Thu".
func dayRuns(in *[7]bool) string {
	var b strings.Builder
	for i := 0; i < 7; {
		if !in[i] {
			i++
			continue
		}
		j := i
		for j+1 < 7 && in[j+1] {
			j++
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(dayAbbr[weekOrder[i]])
		if j > i {
			b.WriteString("-")
			b.WriteString(dayAbbr[weekOrder[j]])
		}
		i = j + 1
	}
	return b.String()
}

// String formats the schedule for logs and tests: "Shelter: Mon-Sat
// 10:00am-6:00pm", with " (unconfirmed)" when the text doubts it.
func (s Schedule) String() string {
	out := s.WeekText()
	if s.Label != "" {
		out = s.Label + ": " + out
	}
	if s.Unconfirmed {
		out += " (unconfirmed)"
	}
	return out
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
	// clock); Opens is when a closed listing next opens (zero when nothing
	// opens within a week).
	Closes, Opens time.Time
	// Unconfirmed is set when the hours may have changed (see
	// Schedule.Unconfirmed); the badge should say so.
	Unconfirmed bool
}

// OpenAt computes the listing's open state at instant t from its first
// schedule. A listing that is temporarily closed or inactive is closed
// whatever its hours say, with no next opening.
func (l *Listing) OpenAt(t time.Time) OpenState {
	if len(l.Schedules) == 0 {
		return OpenState{}
	}
	s := &l.Schedules[0]
	st := OpenState{Known: true, Label: s.Label, Unconfirmed: s.Unconfirmed}
	if l.Status == StatusTemporarilyClosed || l.Status == StatusInactive {
		return st
	}
	open, next := s.Next(t)
	st.Open = open
	if open {
		st.Closes = next
	} else {
		st.Opens = next
	}
	return st
}

// span is a period of the week in minutes after Sunday midnight.
type span struct{ start, end int }

// mergeSpans sorts spans and joins those that overlap or touch, in place.
func mergeSpans(spans []span) []span {
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	out := spans[:0]
	for _, sp := range spans {
		if n := len(out); n > 0 && sp.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, sp.end)
			continue
		}
		out = append(out, sp)
	}
	return out
}
