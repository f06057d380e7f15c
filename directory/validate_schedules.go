package directory

import (
	"fmt"
	"strings"
	"time"
)

// MaxSchedules is the most weekly schedules a listing may have: one per
// part of a service with hours of its own ("Shelter", "Office").
const MaxSchedules = 20

// schedules checks the weekly hours an admin entered or an import
// proposed: each day's periods start within the day, end after they start
// and within a day of it, and do not overlap; the dates a schedule holds
// run forwards; its label and description are texts like any other. Each
// day's problem names the day ("schedules[0].monday"), where the editor
// shows it.
func (v *validator) schedules() {
	l := v.l
	if len(l.Schedules) > MaxSchedules {
		v.addText("schedules", "schedules has %d entries, more than %d; keep one for each part of the service with hours of its own", len(l.Schedules), MaxSchedules)
		return
	}
	for i, s := range l.Schedules {
		field := fmt.Sprintf("schedules[%d]", i)
		v.text(field+".label", s.Label, MaxNameLength, false)
		v.text(field+".description", s.Description, MaxTextLength, true)
		if !s.ValidFrom.IsZero() && !s.ValidTo.IsZero() && s.ValidTo.Before(s.ValidFrom) {
			v.add(field+".valid_to", "%s ends %s, before it starts %s; give the last day it holds, on or after the first", field, s.ValidTo, s.ValidFrom)
		}
		for d := range s.Week {
			if msg := periodsProblem(s.Week[d]); msg != "" {
				day := time.Weekday(d)
				v.add(field+"."+strings.ToLower(day.String()), "%s %s: %s", field, day, msg)
			}
		}
	}
}

// periodsProblem says what is wrong with one day's periods, or "".
func periodsProblem(ivs []Interval) string {
	if len(ivs) > MaxListLength {
		return fmt.Sprintf("%d periods in one day; a day has a few at most", len(ivs))
	}
	for i, iv := range ivs {
		switch {
		case iv.Start < 0 || iv.Start >= minutesPerDay:
			return fmt.Sprintf("a period starts at minute %d, outside the day; start it between 12:00am and 11:59pm", iv.Start)
		case iv.End <= iv.Start:
			return fmt.Sprintf("%s ends before it starts; give a closing time after the opening", iv)
		case iv.End-iv.Start > minutesPerDay:
			return fmt.Sprintf("%s is longer than a day; a period ends within 24 hours of its start", iv)
		case i > 0 && iv.Start < ivs[i-1].End:
			return fmt.Sprintf("%s overlaps %s; put the periods in order, one after the other", iv, ivs[i-1])
		}
	}
	return ""
}
