package directory

import (
	"reflect"
	"testing"
	"time"
)

func TestDiff(t *testing.T) {
	base := Listing{
		ID: "slco-wic", Name: "WIC", Organization: "Salt Lake County Health", Level: LevelCounty,
		Services: []string{"Food vouchers", "Nutrition classes"},
		Phones:   []Phone{{Label: "Main", Number: "385-468-4100"}},
		Address:  Address{Street: "2001 S State St", City: "Salt Lake City", State: "UT", Zip: "84190"},
		Hours:    "Mon-Fri 8am-5pm",
		// What the hours reader proposes from the text at import.
		Schedules: []Schedule{proposed(8*60, 17*60, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday)},
		Status:    StatusActive,
	}
	base.Normalize()
	tests := []struct {
		name   string
		change func(*Listing)
		want   []FieldChange
	}{
		{"nothing", func(*Listing) {}, nil},
		{"only the update time", func(l *Listing) { l.UpdatedAt = time.Now() }, nil},
		{"name", func(l *Listing) { l.Name = "WIC Program" },
			[]FieldChange{{"name", "WIC", "WIC Program"}}},
		{"organization by its JSON name", func(l *Listing) { l.Organization = "" },
			[]FieldChange{{"parent", "Salt Lake County Health", ""}}},
		{"a list entry added", func(l *Listing) { l.Services = append(l.Services, "Breastfeeding help") },
			[]FieldChange{{"services", "Food vouchers\nNutrition classes", "Food vouchers\nNutrition classes\nBreastfeeding help"}}},
		{"a phone with extension and note", func(l *Listing) {
			l.Phones = append(l.Phones, Phone{Label: "Spanish", Number: "801-555-1234", Ext: "2", Note: "from the flyer"}, Phone{Number: "211"})
		}, []FieldChange{{"phones", "Main: 385-468-4100",
			"Main: 385-468-4100\nSpanish: 801-555-1234 ext. 2 (from the flyer)\n211"}}},
		{"an address part", func(l *Listing) { l.Address.Zip = "84115" },
			[]FieldChange{{"address.zip", "84190", "84115"}}},
		{"hours and the schedule read from them", func(l *Listing) {
			l.Hours = "Mon-Thu 8am-6pm"
			// proposed anew from the new text
			l.Schedules = []Schedule{proposed(8*60, 18*60, time.Monday, time.Tuesday, time.Wednesday, time.Thursday)}
		}, []FieldChange{
			{"hours", "Mon-Fri 8am-5pm", "Mon-Thu 8am-6pm"},
			{"schedules", "Mon-Fri 8:00am-5:00pm", "Mon-Thu 8:00am-6:00pm"},
		}},
		{"dates as YYYY-MM-DD", func(l *Listing) {
			l.AlertUntil = Date{2026, time.March, 1}
			l.VerifiedOn = Date{2025, time.December, 24}
			l.VerifiedBy = "Ana"
		}, []FieldChange{
			{"alert_until", "", "2026-03-01"},
			{"verified_on", "", "2025-12-24"},
			{"verified_by", "", "Ana"},
		}},
		{"several fields in the import format's order", func(l *Listing) {
			l.StaffNotes = "confirm fees"
			l.Status = StatusTemporarilyClosed
			l.Name = "WIC office"
			l.Archived = true
		}, []FieldChange{
			{"name", "WIC", "WIC office"},
			{"status", "active", "temporarily_closed"},
			{"notes_for_staff", "", "confirm fees"},
			{"archived", "", "yes"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := base
			l.Services = append([]string(nil), base.Services...)
			l.Phones = append([]Phone(nil), base.Phones...)
			tt.change(&l)
			if got := Diff(base, l); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Diff(old, new) = %q, want %q", got, tt.want)
			}
			// The other way round, every change is reversed.
			var back []FieldChange
			for _, c := range tt.want {
				back = append(back, FieldChange{c.Field, c.New, c.Old})
			}
			if got := Diff(l, base); !reflect.DeepEqual(got, back) {
				t.Errorf("Diff(new, old) = %q, want %q", got, back)
			}
		})
	}
}

func TestDiffFromNothing(t *testing.T) {
	// A new listing's event lists every field it has, and only those.
	l := Listing{ID: "x", Name: "X", Phones: []Phone{{Number: "911"}}, Status: StatusActive}
	want := []FieldChange{{"id", "", "x"}, {"name", "", "X"}, {"phones", "", "911"}, {"status", "", "active"}}
	if got := Diff(Listing{}, l); !reflect.DeepEqual(got, want) {
		t.Errorf("Diff(zero, l) = %q, want %q", got, want)
	}
}

// proposed is a schedule open from start to end (minutes after midnight)
// on days, as the hours reader proposes it.
func proposed(start, end int, days ...time.Weekday) Schedule {
	s := Schedule{Proposed: true}
	for _, d := range days {
		s.Week[d] = []Interval{{Start: start, End: end}}
	}
	return s
}
