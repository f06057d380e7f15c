package ui

import (
	"math"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
)

// clock formats an instant as desk staff read a time: "8:00am".
func clock(t time.Time) string {
	return t.In(directory.Denver).Format("3:04pm")
}

// dayName is the full name of a weekday, translated.
func dayName(d time.Weekday) string {
	return lang.L(d.String())
}

// dayShort is the short name of a weekday, translated: "Mon".
func dayShort(d time.Weekday) string {
	return lang.L(d.String()[:3])
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
		return t.Format("Jan 2") + " " + clock(t)
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
		return text + "?", widget.WarningImportance
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
		t := s.DayText(day)
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
	var out []dayGroup
	for i := 0; i < 7; {
		first := time.Weekday((i + 1) % 7)
		text := s.DayText(first)
		j := i
		for j+1 < 7 && s.DayText(time.Weekday((j+2)%7)) == text {
			j++
		}
		last := time.Weekday((j + 1) % 7)
		g := dayGroup{days: dayShort(first), hours: text}
		if j > i {
			g.days += "–" + dayShort(last)
		}
		for k := i; k <= j; k++ {
			if time.Weekday((k+1)%7) == today {
				g.today = true
			}
		}
		out = append(out, g)
		i = j + 1
	}
	if len(out) == 1 {
		out[0].days = lang.L("Every day")
	}
	return out
}
