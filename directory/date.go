package directory

import (
	"fmt"
	"time"
	// Windows desk PCs have no zoneinfo database; embed it so America/Denver
	// always loads.
	_ "time/tzdata"
)

// Denver is the time zone of Salt Lake County. Opening hours, alert end dates
// and "today" are all reckoned in it, whatever the PC's own zone is.
var Denver = mustLoadLocation("America/Denver")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// time/tzdata is embedded, so this cannot happen in a built binary.
		panic(fmt.Sprintf("load time zone %s: %v", name, err))
	}
	return loc
}

// Date is a calendar day in Salt Lake County, written YYYY-MM-DD in files.
// The zero Date means "not set".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the day instant t falls on in America/Denver.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Denver).Date()
	return Date{y, m, d}
}

// ParseDate reads a YYYY-MM-DD date. An empty string is the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns the start of the day in America/Denver.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, Denver) }

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// String formats the date as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText writes the date as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a YYYY-MM-DD date.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
