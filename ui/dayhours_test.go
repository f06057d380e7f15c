package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"nowrongdoor/directory"
)

func iv(start, end int) directory.Interval { return directory.Interval{Start: start, End: end} }

func TestParseDayPeriods(t *testing.T) {
	test.NewTempApp(t)
	h := func(hour, minute int) int { return hour*60 + minute }
	for _, tc := range []struct {
		text string
		want []directory.Interval
	}{
		{"", nil},
		{"  Closed ", nil},
		{"24 hours", []directory.Interval{allDay}},
		{"Open 24 hours", []directory.Interval{allDay}},
		{"24/7", []directory.Interval{allDay}},
		{"9:00am-5:00pm", []directory.Interval{iv(h(9, 0), h(17, 0))}},
		{"9am - 5pm", []directory.Interval{iv(h(9, 0), h(17, 0))}},
		{"9 AM to 5 PM", []directory.Interval{iv(h(9, 0), h(17, 0))}},
		{"9a-5p", []directory.Interval{iv(h(9, 0), h(17, 0))}},
		{"9:30 a.m. – 4:30 p.m.", []directory.Interval{iv(h(9, 30), h(16, 30))}},
		{"8:00 a.m. a 5:00 p.m.", []directory.Interval{iv(h(8, 0), h(17, 0))}}, // as the Spanish window writes it
		{"9-12, 1-5pm", []directory.Interval{iv(h(9, 0), h(12, 0)), iv(h(13, 0), h(17, 0))}},
		{"1-5pm, 9-12", []directory.Interval{iv(h(9, 0), h(12, 0)), iv(h(13, 0), h(17, 0))}},
		{"9-9", []directory.Interval{iv(h(9, 0), h(21, 0))}},
		{"9-5", []directory.Interval{iv(h(9, 0), h(17, 0))}},
		{"11-2pm", []directory.Interval{iv(h(11, 0), h(14, 0))}},
		{"9am-5", []directory.Interval{iv(h(9, 0), h(17, 0))}},
		{"9am-noon", []directory.Interval{iv(h(9, 0), h(12, 0))}},
		{"noon-4", []directory.Interval{iv(h(12, 0), h(16, 0))}},
		{"12-1pm", []directory.Interval{iv(h(12, 0), h(13, 0))}},
		{"9:00-17:30", []directory.Interval{iv(h(9, 0), h(17, 30))}},
		{"09:00-12:00", []directory.Interval{iv(h(9, 0), h(12, 0))}},
		{"7:30pm-8:30am", []directory.Interval{iv(h(19, 30), h(32, 30))}}, // overnight
		{"10pm-6", []directory.Interval{iv(h(22, 0), h(30, 0))}},
		{"22:00-06:00", []directory.Interval{iv(h(22, 0), h(30, 0))}},
		{"8pm-midnight", []directory.Interval{iv(h(20, 0), h(24, 0))}},
		{"8pm-12am", []directory.Interval{iv(h(20, 0), h(24, 0))}},
		{"6pm-24:00", []directory.Interval{iv(h(18, 0), h(24, 0))}},
		{"9-11 and 1-3pm", []directory.Interval{iv(h(9, 0), h(11, 0)), iv(h(13, 0), h(15, 0))}},
	} {
		got, err := parseDayPeriods(tc.text)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("parseDayPeriods(%q) = %v, %v, want %v", tc.text, got, err, tc.want)
		}
	}
	for _, bad := range []string{
		"9 to fiv", "9", "9-", "-5pm", "9-5pm 6", "13pm-2pm", "9:75-5", "9am-9am", "25:00-26:00",
		"9am-1pm, 12-3pm", // overlap
		"by appointment", "9am-5pm (closed holidays)", "9am--5pm",
	} {
		if got, err := parseDayPeriods(bad); err == nil {
			t.Errorf("parseDayPeriods(%q) = %v, want an error", bad, got)
		}
	}
}

// TestDayPeriodsRoundTrip: what the editor writes for a day, it reads
// back as the same intervals, in English and in Spanish.
func TestDayPeriodsRoundTrip(t *testing.T) {
	test.NewTempApp(t)
	days := [][]directory.Interval{
		nil,
		{allDay},
		{iv(540, 1020)},
		{iv(540, 720), iv(780, 1020)},
		{iv(1170, 1950)},
		{iv(0, 360), iv(1200, 1440)},
	}
	check := func(language string) {
		for _, ivs := range days {
			text := dayPeriodsText(ivs)
			got, err := parseDayPeriods(text)
			if err != nil || !slices.Equal(got, ivs) {
				t.Errorf("%s: parseDayPeriods(dayPeriodsText(%v) = %q) = %v, %v", language, ivs, text, got, err)
			}
		}
	}
	check("English")
	useSpanish(t)
	check("Spanish")
}
