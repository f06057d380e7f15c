package directory

import "time"

// DayRun is a run of weekdays, Monday first, whose hours read the same.
type DayRun struct {
	First, Last time.Weekday
	// Today is set when the run holds today.
	Today bool
}

// WeekRuns splits the week from Monday into runs of days that hours says
// the same of, so a week reads in two or three lines ("Mon–Fri 8:00am-5:00pm",
// "Sat–Sun Closed"). The window and the printed slip word the days and
// hours in their own language; the grouping is the same for both.
func WeekRuns(hours func(time.Weekday) string, today time.Weekday) []DayRun {
	var out []DayRun
	for i := 0; i < 7; {
		text := hours(time.Weekday((i + 1) % 7))
		j := i
		for j+1 < 7 && hours(time.Weekday((j+2)%7)) == text {
			j++
		}
		r := DayRun{First: time.Weekday((i + 1) % 7), Last: time.Weekday((j + 1) % 7)}
		for k := i; k <= j; k++ {
			r.Today = r.Today || time.Weekday((k+1)%7) == today
		}
		out = append(out, r)
		i = j + 1
	}
	return out
}
