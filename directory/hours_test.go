package directory_test

import (
	"testing"
	"time"

	"nowrongdoor/directory"
)

// week builds a schedule open during iv on each of days.
func week(iv directory.Interval, days ...time.Weekday) directory.Schedule {
	var s directory.Schedule
	for _, d := range days {
		s.Week[d] = append(s.Week[d], iv)
	}
	return s
}

var (
	allWeek    = []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}
	monFri     = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	officeDays = week(directory.Interval{Start: 8 * 60, End: 17 * 60}, monFri...)
	alwaysOpen = week(directory.Interval{Start: 0, End: 24 * 60}, allWeek...)
	// An overnight shelter open 7:30pm-8:30am every night.
	shelter = week(directory.Interval{Start: 19*60 + 30, End: 24*60 + 8*60 + 30}, allWeek...)
	// Open only Sunday night into Monday morning.
	sundayNight = week(directory.Interval{Start: 19*60 + 30, End: 24*60 + 8*60 + 30}, time.Sunday)
	// Open only Saturday night into Sunday morning, across the week's end.
	saturdayNight = week(directory.Interval{Start: 22 * 60, End: 24*60 + 2*60}, time.Saturday)
)

// denver returns a wall-clock time in Salt Lake County.
func denver(y int, m time.Month, d, h, min, sec int) time.Time {
	return time.Date(y, m, d, h, min, sec, 0, directory.Denver)
}

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func TestScheduleOpenAt(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	// June 2025: Mon 2, Fri 6, Sat 7, Sun 8, Mon 9. DST: spring forward on
	// Sunday 2025-03-09 at 2:00am (MST -7 to MDT -6), fall back on Sunday
	// 2025-11-02 at 2:00am.
	tests := []struct {
		name  string
		sched directory.Schedule
		at    time.Time
		want  bool
	}{
		{"office opens at 8:00 exactly", officeDays, denver(2025, 6, 2, 8, 0, 0), true},
		{"office closed a second before 8:00", officeDays, denver(2025, 6, 2, 7, 59, 59), false},
		{"office open a second before 17:00", officeDays, denver(2025, 6, 2, 16, 59, 59), true},
		{"office closed at 17:00 exactly", officeDays, denver(2025, 6, 2, 17, 0, 0), false},
		{"office closed Saturday", officeDays, denver(2025, 6, 7, 12, 0, 0), false},
		{"office closed Sunday", officeDays, denver(2025, 6, 8, 12, 0, 0), false},
		{"office Friday afternoon", officeDays, denver(2025, 6, 6, 16, 0, 0), true},
		{"instant in UTC is read in Denver (8:00 MDT)", officeDays, utc(2025, 6, 2, 14, 0), true},
		{"instant in UTC is read in Denver (7:59 MDT)", officeDays, utc(2025, 6, 2, 13, 59), false},
		{"instant in Tokyo is read in Denver", officeDays, time.Date(2025, 6, 2, 23, 0, 0, 0, tokyo), true},
		{"UTC Saturday is still Friday in Denver", officeDays, utc(2025, 6, 7, 0, 30), false},
		{"late UTC evening is office hours in Denver", officeDays, utc(2025, 6, 2, 22, 30), true},

		{"shelter open at 2am after midnight", shelter, denver(2025, 6, 4, 2, 0, 0), true},
		{"shelter open at 19:30", shelter, denver(2025, 6, 4, 19, 30, 0), true},
		{"shelter closed at 19:29", shelter, denver(2025, 6, 4, 19, 29, 0), false},
		{"shelter open at 8:29", shelter, denver(2025, 6, 4, 8, 29, 0), true},
		{"shelter closed at 8:30", shelter, denver(2025, 6, 4, 8, 30, 0), false},
		{"shelter closed at noon", shelter, denver(2025, 6, 4, 12, 0, 0), false},
		{"shelter open at midnight", shelter, denver(2025, 6, 4, 0, 0, 0), true},

		{"Sunday night open Monday 2am", sundayNight, denver(2025, 6, 9, 2, 0, 0), true},
		{"Sunday night open Sunday 23:59", sundayNight, denver(2025, 6, 8, 23, 59, 0), true},
		{"Sunday night closed Monday 8:30", sundayNight, denver(2025, 6, 9, 8, 30, 0), false},
		{"Sunday night closed Sunday 2am", sundayNight, denver(2025, 6, 8, 2, 0, 0), false},
		{"Sunday night closed Tuesday 2am", sundayNight, denver(2025, 6, 10, 2, 0, 0), false},
		{"Saturday night open Sunday 1am", saturdayNight, denver(2025, 6, 8, 1, 0, 0), true},
		{"Saturday night closed Sunday 2am", saturdayNight, denver(2025, 6, 8, 2, 0, 0), false},

		{"24/7 at midnight", alwaysOpen, denver(2025, 6, 8, 0, 0, 0), true},
		{"24/7 Sunday late", alwaysOpen, denver(2025, 6, 8, 23, 59, 59), true},
		{"24/7 during spring-forward gap", alwaysOpen, utc(2025, 3, 9, 9, 30), true},
		{"24/7 during fall-back repeat", alwaysOpen, utc(2025, 11, 2, 8, 30), true},

		// Spring forward: 14:15 UTC is 8:15 MDT (open); 15:15 UTC is 9:15
		// MDT (closed), though it would be 8:15 in standard time.
		{"spring forward: shelter open 8:15 MDT", shelter, utc(2025, 3, 9, 14, 15), true},
		{"spring forward: shelter closed 9:15 MDT", shelter, utc(2025, 3, 9, 15, 15), false},
		{"spring forward: shelter open 3:15 MDT", shelter, utc(2025, 3, 9, 9, 15), true},
		{"spring forward: office Monday 8:00 MDT", officeDays, utc(2025, 3, 10, 14, 0), true},
		{"spring forward: office Monday 7:59 MDT", officeDays, utc(2025, 3, 10, 13, 59), false},
		// Fall back: 15:15 UTC is 8:15 MST (open); it would be 9:15 in
		// daylight time.
		{"fall back: shelter open 8:15 MST", shelter, utc(2025, 11, 2, 15, 15), true},
		{"fall back: shelter closed 8:30 MST", shelter, utc(2025, 11, 2, 15, 30), false},
		{"fall back: office Monday 8:00 MST", officeDays, utc(2025, 11, 3, 15, 0), true},
		{"fall back: office Monday 7:59 MST", officeDays, utc(2025, 11, 3, 14, 59), false},
		{"fall back: office Monday 16:59 MST", officeDays, utc(2025, 11, 3, 23, 59), true},
		{"fall back: office Monday 17:00 MST", officeDays, utc(2025, 11, 4, 0, 0), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.sched.OpenAt(tc.at); got != tc.want {
				t.Errorf("%v.OpenAt(%v) = %v, want %v", tc.sched, tc.at, got, tc.want)
			}
		})
	}
}

func TestScheduleNext(t *testing.T) {
	tueMorning := week(directory.Interval{Start: 10 * 60, End: 11 * 60}, time.Tuesday)
	monSat24 := week(directory.Interval{Start: 0, End: 24 * 60}, time.Monday, time.Tuesday, time.Wednesday,
		time.Thursday, time.Friday, time.Saturday)
	tests := []struct {
		name     string
		sched    directory.Schedule
		at       time.Time
		wantOpen bool
		wantNext time.Time
	}{
		{"open office closes at 5pm", officeDays, denver(2025, 6, 2, 10, 0, 0), true, denver(2025, 6, 2, 17, 0, 0)},
		{"before opening opens at 8am", officeDays, denver(2025, 6, 2, 7, 0, 0), false, denver(2025, 6, 2, 8, 0, 0)},
		{"Friday 5pm opens Monday", officeDays, denver(2025, 6, 6, 17, 0, 0), false, denver(2025, 6, 9, 8, 0, 0)},
		{"Saturday opens Monday", officeDays, denver(2025, 6, 7, 12, 0, 0), false, denver(2025, 6, 9, 8, 0, 0)},
		{"Sunday night opens Monday", officeDays, denver(2025, 6, 8, 23, 59, 0), false, denver(2025, 6, 9, 8, 0, 0)},
		{"asked from UTC", officeDays, utc(2025, 6, 7, 18, 0), false, utc(2025, 6, 9, 14, 0)},
		{"overnight closes next morning", shelter, denver(2025, 6, 4, 21, 0, 0), true, denver(2025, 6, 5, 8, 30, 0)},
		{"overnight after midnight closes this morning", shelter, denver(2025, 6, 5, 2, 0, 0), true, denver(2025, 6, 5, 8, 30, 0)},
		{"overnight closed opens tonight", shelter, denver(2025, 6, 5, 12, 0, 0), false, denver(2025, 6, 5, 19, 30, 0)},
		{"Sunday night into Monday closes Monday", sundayNight, denver(2025, 6, 9, 2, 0, 0), true, denver(2025, 6, 9, 8, 30, 0)},
		{"Sunday night opens next Sunday", sundayNight, denver(2025, 6, 9, 9, 0, 0), false, denver(2025, 6, 15, 19, 30, 0)},
		{"weekly hour: just closed opens next week", tueMorning, denver(2025, 6, 3, 11, 0, 0), false, denver(2025, 6, 10, 10, 0, 0)},
		{"weekly hour: open closes at 11", tueMorning, denver(2025, 6, 3, 10, 59, 0), true, denver(2025, 6, 3, 11, 0, 0)},
		{"24/7 never closes", alwaysOpen, denver(2025, 6, 3, 11, 0, 0), true, time.Time{}},
		{"24 hours Mon-Sat closes Saturday midnight", monSat24, denver(2025, 6, 2, 10, 0, 0), true, denver(2025, 6, 8, 0, 0, 0)},
		{"24 hours Mon-Sat opens Monday midnight", monSat24, denver(2025, 6, 8, 10, 0, 0), false, denver(2025, 6, 9, 0, 0, 0)},
		{"never open", directory.Schedule{}, denver(2025, 6, 3, 11, 0, 0), false, time.Time{}},
		// 22:00 MST Saturday to 8:30 MDT Sunday is 9h30m, not 10h30m.
		{"spring forward: closes 8:30 MDT", shelter, denver(2025, 3, 8, 22, 0, 0), true, utc(2025, 3, 9, 14, 30)},
		{"fall back: closes 8:30 MST", shelter, denver(2025, 11, 1, 22, 0, 0), true, utc(2025, 11, 2, 15, 30)},
		{"spring forward: office opens Monday 8:00 MDT", officeDays, denver(2025, 3, 8, 12, 0, 0), false, utc(2025, 3, 10, 14, 0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			open, next := tc.sched.Next(tc.at)
			if open != tc.wantOpen || !next.Equal(tc.wantNext) {
				t.Errorf("%v.Next(%v) = %v, %v, want %v, %v", tc.sched, tc.at, open, next, tc.wantOpen, tc.wantNext)
			}
		})
	}
}

func TestIntervalString(t *testing.T) {
	tests := []struct {
		iv   directory.Interval
		want string
	}{
		{directory.Interval{Start: 480, End: 1020}, "8:00am-5:00pm"},
		{directory.Interval{Start: 555, End: 1005}, "9:15am-4:45pm"},
		{directory.Interval{Start: 0, End: 1440}, "24 hours"},
		{directory.Interval{Start: 1170, End: 1950}, "7:30pm-8:30am"},
		{directory.Interval{Start: 720, End: 1440}, "12:00pm-12:00am"},
		{directory.Interval{Start: 0, End: 30}, "12:00am-12:30am"},
		{directory.Interval{Start: 120, End: 1425}, "2:00am-11:45pm"},
	}
	for _, tc := range tests {
		if got := tc.iv.String(); got != tc.want {
			t.Errorf("Interval%v.String() = %q, want %q", [2]int{tc.iv.Start, tc.iv.End}, got, tc.want)
		}
	}
}

func TestScheduleDayText(t *testing.T) {
	split := week(directory.Interval{Start: 540, End: 720}, time.Monday)
	split.Week[time.Monday] = append(split.Week[time.Monday], directory.Interval{Start: 780, End: 1020})
	tests := []struct {
		name  string
		sched directory.Schedule
		day   time.Weekday
		want  string
	}{
		{"office day", officeDays, time.Monday, "8:00am-5:00pm"},
		{"office weekend", officeDays, time.Sunday, "Closed"},
		{"24 hours", alwaysOpen, time.Wednesday, "Open 24 hours"},
		{"overnight", shelter, time.Friday, "7:30pm-8:30am"},
		{"morning after an overnight", sundayNight, time.Monday, "Until 8:30am"},
		{"two periods", split, time.Monday, "9:00am-12:00pm, 1:00pm-5:00pm"},
		{"never open", directory.Schedule{}, time.Monday, "Closed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.sched.DayText(tc.day); got != tc.want {
				t.Errorf("%v.DayText(%v) = %q, want %q", tc.sched, tc.day, got, tc.want)
			}
		})
	}
}

func TestScheduleWeekText(t *testing.T) {
	library := week(directory.Interval{Start: 600, End: 1200}, time.Monday, time.Tuesday, time.Wednesday, time.Thursday)
	library.Week[time.Friday] = []directory.Interval{{Start: 600, End: 1080}}
	library.Week[time.Saturday] = []directory.Interval{{Start: 600, End: 1080}}
	library.Week[time.Sunday] = []directory.Interval{{Start: 660, End: 1020}}
	mwf := week(directory.Interval{Start: 540, End: 1020}, time.Monday, time.Wednesday, time.Friday)
	tests := []struct {
		name  string
		sched directory.Schedule
		want  string
	}{
		{"office", officeDays, "Mon-Fri 8:00am-5:00pm"},
		{"library", library, "Mon-Thu 10:00am-8:00pm; Fri-Sat 10:00am-6:00pm; Sun 11:00am-5:00pm"},
		{"24/7", alwaysOpen, "24 hours, 7 days a week"},
		{"daily", shelter, "Daily 7:30pm-8:30am"},
		{"scattered days", mwf, "Mon, Wed, Fri 9:00am-5:00pm"},
		{"one night", sundayNight, "Sun 7:30pm-8:30am"},
		{"never open", directory.Schedule{}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.sched.WeekText(); got != tc.want {
				t.Errorf("WeekText() = %q, want %q", got, tc.want)
			}
		})
	}
	if !alwaysOpen.AlwaysOpen() || officeDays.AlwaysOpen() {
		t.Errorf("AlwaysOpen: 24/7 = %v, office = %v, want true, false", alwaysOpen.AlwaysOpen(), officeDays.AlwaysOpen())
	}
}

// TestStaffNotesDoubtHours: hours whose provenance staff notes doubt are
// unconfirmed, so the badge and the pane say they may have changed; notes
// about other things, or hours notes that do not ask to confirm, leave
// them as they are.
func TestStaffNotesDoubtHours(t *testing.T) {
	tests := []struct {
		notes string
		want  bool
	}{
		{"Hours as of 2011; confirm before sharing.", true},
		{"Landfill hours as of 2020; confirm before sharing. Address: undated third-party page; confirm", true},
		{"Meal times not found; hours as of 2021; confirm before sharing.", true},
		{"Phone hours from the company FAQ and a 2014 company letter.", false},
		{"Address: opened July 2023; confirm before sharing", false},
		{"", false},
	}
	for _, tt := range tests {
		l := directory.Listing{ID: "x", Name: "X", Hours: "Monday-Friday 8:00am-5:00pm", StaffNotes: tt.notes,
			Schedules: []directory.Schedule{officeDays}}
		l.Normalize()
		if len(l.Schedules) != 1 || l.Schedules[0].Unconfirmed != tt.want {
			t.Errorf("Normalize with notes %q: schedules %+v, want one with Unconfirmed %v", tt.notes, l.Schedules, tt.want)
		}
	}
}
