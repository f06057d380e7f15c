package ui

import (
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"

	"nowrongdoor/directory"
)

// The weekly hours editor reads one day's hours as an admin types them,
// strictly: the import's free-text reader (directory/hours) guesses its
// way through whole paragraphs, but a day typed in the editor is either
// read exactly or refused with a message, so nothing is saved that the
// admin did not mean.

const minutesPerDay = 24 * 60

// allDay is the interval of a day open around the clock.
var allDay = directory.Interval{Start: 0, End: minutesPerDay}

// dayPeriodsText writes one day's intervals the way parseDayPeriods reads
// them back: "" for a closed day, "24 hours", or periods in the window's
// language separated by commas ("9:00am-12:00pm, 1:00pm-5:00pm").
func dayPeriodsText(ivs []directory.Interval) string {
	if len(ivs) == 1 && ivs[0] == allDay {
		return lang.L("24 hours")
	}
	parts := make([]string, len(ivs))
	for i, iv := range ivs {
		parts[i] = intervalText(iv)
	}
	return strings.Join(parts, ", ")
}

// suffix is how a typed time says which half of the day it is in.
type suffix int

const (
	noSuffix suffix = iota
	am
	pm
)

// clockTime is one time as typed: "9", "9:30", "5pm", "17:00", "noon".
type clockTime struct {
	hour, minute int
	suffix       suffix
	// fixed is set for noon and midnight, whose minutes are known.
	fixed bool
	// twentyFour is set for times only a 24-hour clock writes: an hour
	// over 12, or a leading zero ("09:00").
	twentyFour bool
}

// dayToken is a piece of a day's text.
type dayToken struct {
	kind int // tokTime, tokRange, tokList
	t    clockTime
}

const (
	tokTime = iota
	tokRange
	tokList
)

// parseDayPeriods reads one day's hours: empty or "closed" for a closed
// day; "24 hours" for a day open around the clock; or one or more periods
// separated by commas, like "9:00am-5:00pm" or "9-12, 1-5pm". A time
// without am or pm takes the half of the day that makes its period read
// forwards ("9-5pm" is 9am to 5pm); a period that ends before it starts
// runs past midnight ("7:30pm-8:30am"). The error says what to fix.
func parseDayPeriods(text string) ([]directory.Interval, error) {
	s := strings.ToLower(strings.TrimSpace(text))
	switch s {
	case "", "closed", strings.ToLower(lang.L("Closed")):
		return nil, nil
	}
	if fullDayWords[s] || s == strings.ToLower(lang.L("24 hours")) || s == strings.ToLower(lang.L("Open 24 hours")) {
		return []directory.Interval{allDay}, nil
	}
	toks, err := lexDay(s)
	if err != nil {
		return nil, err
	}
	var out []directory.Interval
	for i := 0; i < len(toks); {
		if toks[i].kind == tokList {
			i++
			continue
		}
		if i+2 >= len(toks) || toks[i].kind != tokTime || toks[i+1].kind != tokRange || toks[i+2].kind != tokTime {
			return nil, errors.New(lang.L("Write each period as a start and an end, like 9am-5pm; separate periods with commas"))
		}
		iv, err := period(toks[i].t, toks[i+2].t)
		if err != nil {
			return nil, err
		}
		out = append(out, iv)
		i += 3
	}
	if len(out) == 0 {
		return nil, errors.New(lang.L("Write each period as a start and an end, like 9am-5pm; separate periods with commas"))
	}
	slices.SortFunc(out, func(a, b directory.Interval) int { return a.Start - b.Start })
	for i := 1; i < len(out); i++ {
		if out[i].Start < out[i-1].End {
			return nil, errors.New(lang.L("Two periods overlap; check the times"))
		}
	}
	return out, nil
}

// fullDayWords are the ways to say a day is open around the clock.
var fullDayWords = map[string]bool{
	"24 hours": true, "24 hrs": true, "24h": true, "24/7": true, "open 24 hours": true,
	"all day": true, "24 horas": true, "abierto 24 horas": true,
}

// lexDay splits a day's text into times, range dashes and list commas.
// Spanish writes "8:00 a.m. a 5:00 p.m.": a lone "a" between times is a
// range, while "9a" or "9 a-" is the morning.
func lexDay(s string) ([]dayToken, error) {
	var toks []dayToken
	unreadable := func() error {
		return errors.New(lang.L("Cannot read these hours; write them like 9am-5pm, or 9-12, 1-5pm"))
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c >= '0' && c <= '9':
			t, next, ok := lexClock(s, i)
			if !ok {
				return nil, unreadable()
			}
			toks = append(toks, dayToken{kind: tokTime, t: t})
			i = next
		case c == '-':
			toks = append(toks, dayToken{kind: tokRange})
			i++
		case c == ',' || c == ';' || c == '/':
			toks = append(toks, dayToken{kind: tokList})
			i++
		case strings.HasPrefix(s[i:], "–"), strings.HasPrefix(s[i:], "—"):
			toks = append(toks, dayToken{kind: tokRange})
			i += len("–")
		default:
			j := i
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] == '.' || s[j] >= 0x80) &&
				!strings.HasPrefix(s[j:], "–") && !strings.HasPrefix(s[j:], "—") {
				j++
			}
			if j == i {
				return nil, unreadable()
			}
			word := s[i:j]
			switch word {
			case "noon", "mediodía", "mediodia":
				toks = append(toks, dayToken{kind: tokTime, t: clockTime{hour: 12, suffix: pm, fixed: true}})
			case "midnight", "medianoche":
				toks = append(toks, dayToken{kind: tokTime, t: clockTime{hour: 12, suffix: am, fixed: true}})
			case "to", "a", "until", "till", "hasta":
				toks = append(toks, dayToken{kind: tokRange})
			case "and", "y":
				toks = append(toks, dayToken{kind: tokList})
			default:
				return nil, unreadable()
			}
			i = j
		}
	}
	return toks, nil
}

// lexClock reads a time starting at s[i]: hours, optional minutes after a
// colon, and an optional am or pm (with or without dots or a space).
func lexClock(s string, i int) (clockTime, int, bool) {
	start := i
	var t clockTime
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		t.hour = t.hour*10 + int(s[i]-'0')
		i++
		if i-start > 2 {
			return t, i, false
		}
	}
	t.twentyFour = t.hour > 12 || t.hour == 0 || i-start == 2 && s[start] == '0'
	if i < len(s) && s[i] == ':' {
		i++
		if i+2 > len(s) || !isDigitByte(s[i]) || !isDigitByte(s[i+1]) {
			return t, i, false
		}
		t.minute = int(s[i]-'0')*10 + int(s[i+1]-'0')
		i += 2
		if t.minute > 59 {
			return t, i, false
		}
	}
	// An am or pm, which may follow after a space.
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j < len(s) && (s[j] == 'a' || s[j] == 'p') {
		half := am
		if s[j] == 'p' {
			half = pm
		}
		k := j + 1
		switch {
		case strings.HasPrefix(s[k:], ".m."):
			k += 3
		case strings.HasPrefix(s[k:], ".m"), strings.HasPrefix(s[k:], "m."):
			k += 2
		case strings.HasPrefix(s[k:], "m"):
			k++
		}
		// A lone "a" followed by a time is Spanish for "to": "9 a 5".
		lone := k == j+1 && s[j] == 'a' && nextIsTime(s, k)
		if !lone && (k >= len(s) || !isLetterByte(s[k])) {
			t.suffix = half
			i = k
		}
	}
	if t.suffix != noSuffix && (t.hour < 1 || t.hour > 12) {
		return t, i, false
	}
	if t.hour > 24 || t.hour == 24 && t.minute != 0 {
		return t, i, false
	}
	return t, i, true
}

// nextIsTime reports whether a time follows s[k] after spaces.
func nextIsTime(s string, k int) bool {
	for k < len(s) && s[k] == ' ' {
		k++
	}
	return k < len(s) && (isDigitByte(s[k]) || strings.HasPrefix(s[k:], "noon") || strings.HasPrefix(s[k:], "mid") || strings.HasPrefix(s[k:], "medi"))
}

func isDigitByte(c byte) bool  { return c >= '0' && c <= '9' }
func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 0x80 }

// minutes is the time's minutes after midnight with the given half of the
// day, or on a 24-hour clock when half is noSuffix.
func (t clockTime) minutes(half suffix) int {
	h := t.hour
	switch half {
	case am:
		h %= 12
	case pm:
		h = h%12 + 12
	}
	return h*60 + t.minute
}

// period resolves a start and an end into an interval: times without am or
// pm take the half of the day that makes the period read forwards, and an
// end before the start is on the next day.
func period(a, b clockTime) (directory.Interval, error) {
	var start, end int
	switch {
	case a.twentyFour || b.twentyFour:
		// A 24-hour clock ("9-17:30"); a time with am or pm beside it
		// is read as written.
		start, end = a.minutes(a.suffix), b.minutes(b.suffix)
	case a.suffix != noSuffix && b.suffix != noSuffix:
		start, end = a.minutes(a.suffix), b.minutes(b.suffix)
	case b.suffix != noSuffix:
		end = b.minutes(b.suffix)
		start = forwardOf(a, b.suffix, func(m int) bool { return m < end })
	case a.suffix != noSuffix:
		start = a.minutes(a.suffix)
		end = forwardOf(b, a.suffix, func(m int) bool { return m > start })
	default:
		// Business hours: 7 to 11 are mornings, 12 is noon, 1 to 6
		// afternoons; the end is the first such time after the start.
		half := pm
		if a.hour >= 7 && a.hour <= 11 {
			half = am
		}
		start = a.minutes(half)
		end = forwardOf(b, half, func(m int) bool { return m > start })
	}
	if b.fixed && b.hour == 12 && b.suffix == am || b.hour == 24 {
		end = minutesPerDay // midnight ends the day
	}
	if end == start {
		return directory.Interval{}, errors.New(lang.L("A period starts and ends at the same time; for a day open around the clock, type 24 hours"))
	}
	if end < start {
		end += minutesPerDay // runs past midnight
	}
	return directory.Interval{Start: start, End: end}, nil
}

// forwardOf reads t in half if that satisfies ok, else in the other half.
func forwardOf(t clockTime, half suffix, ok func(int) bool) int {
	if t.fixed {
		return t.minutes(t.suffix)
	}
	if m := t.minutes(half); ok(m) {
		return m
	}
	other := am
	if half == am {
		other = pm
	}
	return t.minutes(other)
}
