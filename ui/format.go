package ui

import (
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
)

// clock formats an instant as desk staff read a time: "8:00am".
func clock(t time.Time) string {
	t = t.In(directory.Denver)
	return clockText(t.Hour()*60 + t.Minute())
}

// clockText formats minutes after midnight in the window's language:
// "8:00am", "8:00 a.m.". Midnight is "12:00am" and noon "12:00pm", the way
// the source pages write them; a period running past midnight ends at its
// time on the next day.
func clockText(m int) string {
	m %= 24 * 60
	if m < 0 {
		m += 24 * 60
	}
	h, min := m/60, m%60
	h12 := h % 12
	if h12 == 0 {
		h12 = 12
	}
	c := strconv.Itoa(h12) + ":" + string(rune('0'+min/10)) + string(rune('0'+min%10))
	if h < 12 {
		return lang.L("{{.Clock}}am", map[string]any{"Clock": c})
	}
	return lang.L("{{.Clock}}pm", map[string]any{"Clock": c})
}

// intervalText is one opening period: "8:00am-5:00pm", "8:00 a.m. a 5:00
// p.m.".
func intervalText(iv directory.Interval) string {
	return lang.L("{{.Opens}}-{{.Closes}}", map[string]any{"Opens": clockText(iv.Start), "Closes": clockText(iv.End)})
}

// dayHours is one weekday's hours of a schedule, in the window's language:
// "8:00am-5:00pm", "Closed" or "Open 24 hours". A day whose only opening
// is a period running on from the night before reads "Until 8:30am", not
// "Closed". It is worded here, from the schedule's intervals, rather than
// by directory.Schedule.DayText, which speaks English for logs and tests.
func dayHours(s directory.Schedule, day time.Weekday) string {
	ivs := s.Week[day]
	if len(ivs) == 0 {
		for _, iv := range s.Week[(day+6)%7] {
			if iv.End > 24*60 {
				return lang.L("Until {{.Time}}", map[string]any{"Time": clockText(iv.End)})
			}
		}
		return lang.L("Closed")
	}
	if len(ivs) == 1 && ivs[0] == (directory.Interval{Start: 0, End: 24 * 60}) {
		return lang.L("Open 24 hours")
	}
	parts := make([]string, len(ivs))
	for i, iv := range ivs {
		parts[i] = intervalText(iv)
	}
	return strings.Join(parts, ", ")
}

// dayName is the full name of a weekday, translated: "Monday", "lunes".
func dayName(d time.Weekday) string {
	switch d {
	case time.Monday:
		return lang.L("Monday")
	case time.Tuesday:
		return lang.L("Tuesday")
	case time.Wednesday:
		return lang.L("Wednesday")
	case time.Thursday:
		return lang.L("Thursday")
	case time.Friday:
		return lang.L("Friday")
	case time.Saturday:
		return lang.L("Saturday")
	}
	return lang.L("Sunday")
}

// dayShort is the short name of a weekday, translated: "Mon", "lun".
func dayShort(d time.Weekday) string {
	switch d {
	case time.Monday:
		return lang.L("Mon")
	case time.Tuesday:
		return lang.L("Tue")
	case time.Wednesday:
		return lang.L("Wed")
	case time.Thursday:
		return lang.L("Thu")
	case time.Friday:
		return lang.L("Fri")
	case time.Saturday:
		return lang.L("Sat")
	}
	return lang.L("Sun")
}

// monthNames are the months, short and long, for dates in the window's
// language. Each translation picks the one it writes: English "Nov 30,
// 2026", Spanish "30 de noviembre de 2026".
func monthNames(m time.Month) (short, long string) {
	switch m {
	case time.January:
		return lang.L("Jan"), lang.L("January")
	case time.February:
		return lang.L("Feb"), lang.L("February")
	case time.March:
		return lang.L("Mar"), lang.L("March")
	case time.April:
		return lang.L("Apr"), lang.L("April")
	case time.May:
		return lang.L("May"), lang.L("May")
	case time.June:
		return lang.L("Jun"), lang.L("June")
	case time.July:
		return lang.L("Jul"), lang.L("July")
	case time.August:
		return lang.L("Aug"), lang.L("August")
	case time.September:
		return lang.L("Sep"), lang.L("September")
	case time.October:
		return lang.L("Oct"), lang.L("October")
	case time.November:
		return lang.L("Nov"), lang.L("November")
	}
	return lang.L("Dec"), lang.L("December")
}

// dateData is a day for a date template: its month short and long, day
// and year.
func dateData(t time.Time) map[string]any {
	short, long := monthNames(t.Month())
	return map[string]any{"Month": short, "MonthLong": long, "Day": t.Day(), "Year": t.Year()}
}

// longDate is a day with its year, as staff and customers read it: "Nov
// 30, 2026", "30 de noviembre de 2026". t is read in its own location:
// pass a time already in Salt Lake time, or a directory.Date's Time.
func longDate(t time.Time) string {
	return lang.L("{{.Month}} {{.Day}}, {{.Year}}", dateData(t))
}

// monthDay is a day in the coming weeks: "Dec 2", "2 dic".
func monthDay(t time.Time) string {
	return lang.L("{{.Month}} {{.Day}}", dateData(t))
}

// when says an instant relative to now: "5:00pm" today, "tomorrow 8:00am",
// or "Mon 8:00am" later in the week.
func when(t, now time.Time) string {
	t, now = t.In(directory.Denver), now.In(directory.Denver)
	day := func(x time.Time) time.Time {
		return time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, directory.Denver)
	}
	switch days := int(day(t).Sub(day(now)).Hours()/24 + 0.5); {
	case days <= 0:
		return clock(t)
	case days == 1:
		return lang.L("tomorrow {{.Time}}", map[string]any{"Time": clock(t)})
	case days < 7:
		return dayShort(t.Weekday()) + " " + clock(t)
	default:
		return monthDay(t) + " " + clock(t)
	}
}

// openBadge is the results badge for a listing's open state at now: "Open
// until 5:00pm", "Closed - opens Mon 8:00am", or "24/7 line" when the
// office is closed (or keeps no hours) but a phone answers around the
// clock. It is empty when the listing's hours are not a weekly schedule
// and no phone answers at all hours. Hours the source itself doubts end in
// a question mark and take the warning colour.
func openBadge(l *directory.Listing, now time.Time) (string, widget.Importance) {
	st := l.OpenAt(now)
	if phoneLineOpen(l, st) {
		return lang.L("24/7 line"), widget.SuccessImportance
	}
	var text string
	imp := widget.MediumImportance
	switch {
	case !st.Known:
		return "", widget.MediumImportance
	case st.Open && st.Closes.IsZero():
		text, imp = lang.L("Open 24 hours"), widget.SuccessImportance
	case st.Open:
		text, imp = lang.L("Open until {{.Time}}", map[string]any{"Time": when(st.Closes, now)}), widget.SuccessImportance
	case st.Opens.IsZero():
		text = lang.L("Closed")
	default:
		text = lang.L("Closed - opens {{.Time}}", map[string]any{"Time": when(st.Opens, now)})
	}
	if st.Unconfirmed {
		// Spanish opens a question as well as closing it.
		return lang.L("{{.State}}?", map[string]any{"State": text}), widget.WarningImportance
	}
	return text, imp
}

// phoneLineOpen reports whether a listing that is not open in state st
// has a phone that answers around the clock ("24/7", "24-hour crisis
// line"), so staff can offer the call while the office is closed. A
// listing that is temporarily closed or no longer offered has none.
func phoneLineOpen(l *directory.Listing, st directory.OpenState) bool {
	if st.Open || l.Status == directory.StatusTemporarilyClosed || l.Status == directory.StatusInactive {
		return false
	}
	_, ok := l.AroundTheClockPhone()
	return ok
}

// statusMarker is the warning a listing carries in the results: closed, or
// an active alert. It is empty for a listing staff can refer to as usual.
func statusMarker(l *directory.Listing, now time.Time) (string, widget.Importance) {
	var parts []string
	imp := widget.WarningImportance
	switch l.Status {
	case directory.StatusTemporarilyClosed:
		parts, imp = append(parts, lang.L("Temporarily closed")), widget.DangerImportance
	case directory.StatusInactive:
		parts, imp = append(parts, lang.L("No longer offered")), widget.DangerImportance
	}
	if l.AlertActive(now) {
		parts = append(parts, lang.L("Alert"))
	}
	return strings.Join(parts, " · "), imp
}

// checkedNote is what the results say about when staff last checked a
// listing against its sources, "checked 3 weeks ago", in the warning
// colour once it is older than directory.StaleAfter. It is empty for a
// listing nobody has checked yet: in the results, where every row would
// say so, it would tell staff nothing. The detail pane says it instead.
func checkedNote(l *directory.Listing, now time.Time) (string, widget.Importance) {
	if isBuiltin(l) || !l.Verified() {
		return "", widget.MediumImportance
	}
	imp := widget.MediumImportance
	if l.Stale(now) {
		imp = widget.WarningImportance
	}
	return checkedAgo(l.VerifiedOn, now), imp
}

// checkedAgo says how long ago a day was, as staff say it: "checked
// today", "checked 5 days ago", "checked 3 weeks ago", "checked 4 months
// ago", "checked 2 years ago".
func checkedAgo(d directory.Date, now time.Time) string {
	days := int(math.Round(directory.DateOf(now).Time().Sub(d.Time()).Hours() / 24))
	n := func(key string, count int) string {
		return lang.N(key, count, map[string]any{"Count": count})
	}
	switch {
	case days <= 0:
		return lang.L("checked today")
	case days == 1:
		return lang.L("checked yesterday")
	case days < 14:
		return n("checked {{.Count}} day ago", days)
	case days < 60:
		return n("checked {{.Count}} week ago", days/7)
	case days < 730:
		return n("checked {{.Count}} month ago", int(math.Round(float64(days)/30.44)))
	}
	return n("checked {{.Count}} year ago", days/365)
}

// todayHours is today's hours from the listing's weekly schedules,
// "8:00am-5:00pm" or "Closed", each labelled when there are several. It
// reports false when the hours are not a weekly schedule.
func todayHours(l *directory.Listing, now time.Time) (string, bool) {
	day := now.In(directory.Denver).Weekday()
	var parts []string
	for _, s := range l.Schedules {
		t := dayHours(s, day)
		if t == "" {
			continue
		}
		if s.Label != "" {
			t = s.Label + ": " + t
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, "; "), len(parts) > 0
}

// webURL parses a website or source address, accepting only http and https
// so a bad entry can never launch another program.
func webURL(s string) (*url.URL, bool) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, false
	}
	return u, true
}

// mapURL is a map search for an address, opened in the browser.
func mapURL(a directory.Address) *url.URL {
	u, _ := url.Parse("https://www.google.com/maps/search/")
	u.RawQuery = url.Values{"api": {"1"}, "query": {a.String()}}.Encode()
	return u
}

// levelName is the kind of body that runs a listing, for the detail header.
func levelName(l directory.Level) string {
	switch l {
	case directory.LevelCounty:
		return lang.L("County")
	case directory.LevelCity:
		return lang.L("City")
	case directory.LevelState:
		return lang.L("State")
	case directory.LevelFederal:
		return lang.L("Federal")
	case directory.LevelNonprofit:
		return lang.L("Nonprofit")
	case directory.LevelBusiness:
		return lang.L("Business")
	}
	return ""
}

// dayGroup is a run of weekdays with the same hours: "Mon-Fri 8:00am-5:00pm".
type dayGroup struct {
	days  string
	hours string
	today bool
}

// weekGroups writes a schedule's week from Monday, joining runs of days with
// the same hours, so a week reads in two or three lines.
func weekGroups(s directory.Schedule, today time.Weekday) []dayGroup {
	hours := func(d time.Weekday) string { return dayHours(s, d) }
	runs := directory.WeekRuns(hours, today)
	out := make([]dayGroup, 0, len(runs))
	for _, r := range runs {
		g := dayGroup{days: dayShort(r.First), hours: hours(r.First), today: r.Today}
		if r.Last != r.First {
			g.days += "–" + dayShort(r.Last)
		}
		out = append(out, g)
	}
	if len(out) == 1 {
		out[0].days = lang.L("Every day")
	}
	return out
}
