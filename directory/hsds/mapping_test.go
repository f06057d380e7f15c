package hsds

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"nowrongdoor/data"
	"nowrongdoor/directory"
	"nowrongdoor/directory/jsonfile"
)

// defaultListings returns the default directory as the store takes it in.
func defaultListings(t testing.TB) []directory.Listing {
	t.Helper()
	ls, err := jsonfile.ParseListings(bytes.NewReader(data.Agencies))
	if err != nil {
		t.Fatalf("parse the default directory: %v", err)
	}
	return ls
}

// richListing has every field set, and every flag of phones and schedules.
func richListing() directory.Listing {
	week := func(d time.Weekday, ivs ...directory.Interval) [7][]directory.Interval {
		var w [7][]directory.Interval
		w[d] = ivs
		return w
	}
	shelter := week(time.Friday, directory.Interval{Start: 19*60 + 30, End: 26*60 + 30})
	shelter[time.Saturday] = []directory.Interval{{Start: 8 * 60, End: 12 * 60}, {Start: 19*60 + 30, End: 26*60 + 30}}
	return directory.Listing{
		ID: "rich-listing", Name: "Rich Listing", Organization: "Salt Lake County", Level: directory.LevelCounty,
		Description: "Everything set.\nTwo lines.", Services: []string{"Food", "Shelter"}, Keywords: []string{"comida", "bed"},
		Categories: []string{"Housing"}, Email: "a@slco.org (general: b@slco.org)", Website: "https://slco.org/rich",
		Phones: []directory.Phone{
			{Label: "Main line", Number: "385-468-7300", Ext: "0123", Note: "From a flyer; confirm", Open247: true},
			{Label: "Desk", Number: "801-555-1234", Ext: "42"},
			{Number: "211"},
		},
		Address: directory.Address{Street: "2001 S State St", City: "Salt Lake City", State: "UT", Zip: "84190-1000"},
		Hours:   "Shelter Fri-Sat 7:30pm-2:30am", Eligibility: "Adults", Fees: "None", Languages: []string{"English", "Spanish"},
		Documents: "ID", SourceURLs: []string{"https://slco.org/a", "https://slco.org/b"}, SourceDate: "2024-06",
		Status: directory.StatusTemporarilyClosed, Alert: "Closed for remodel", AlertUntil: directory.Date{Year: 2026, Month: 3, Day: 31},
		VerifiedOn: directory.Date{Year: 2025, Month: 1, Day: 2}, VerifiedBy: "Ana", StaffNotes: "Call first.",
		UpdatedAt: time.Date(2025, 1, 2, 15, 4, 5, 123456789, time.UTC), Archived: true,
		Schedules: []directory.Schedule{
			{Label: "Shelter", Week: shelter, Unconfirmed: true, Proposed: true, Description: "closed holidays",
				ValidFrom: directory.Date{Year: 2025, Month: 1, Day: 1}, ValidTo: directory.Date{Year: 2025, Month: 12, Day: 31}},
			{Week: week(time.Monday, directory.Interval{Start: 0, End: 24 * 60})},
			{Week: week(time.Tuesday, directory.Interval{Start: 8 * 60, End: 32 * 60})},
			{Description: "by appointment"},
		},
	}
}

// throughJSON writes a service as JSON and reads it back, as a file
// carries it.
func throughJSON(t *testing.T, s Service) Service {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Service
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	return back
}

func TestListingRoundTrip(t *testing.T) {
	ls := append(defaultListings(t), richListing())
	ls[len(ls)-1].Normalize()
	for i := range ls {
		want := ls[i]
		s, err := FromListing(&want)
		if err != nil {
			t.Fatalf("FromListing(%s): %v", want.ID, err)
		}
		back := throughJSON(t, s)
		got, problems, notKept := ToListing(&back)
		if len(problems) > 0 || len(notKept) > 0 {
			t.Errorf("ToListing(%s): problems %v, not kept %v", want.ID, problems, notKept)
		}
		got.Normalize()
		if diff := listingDiff(got, want); diff != "" {
			t.Errorf("round trip of %s: %s", want.ID, diff)
		}
	}
}

// listingDiff names the fields where two listings differ and how, or
// returns "". Times compare by instant; an empty list equals a missing one.
func listingDiff(a, b directory.Listing) string {
	if !a.UpdatedAt.Equal(b.UpdatedAt) {
		return fmt.Sprintf("UpdatedAt %v, want %v", a.UpdatedAt, b.UpdatedAt)
	}
	a.UpdatedAt, b.UpdatedAt = time.Time{}, time.Time{}
	for _, l := range []*directory.Listing{&a, &b} {
		if len(l.Phones) == 0 {
			l.Phones = nil
		}
		l.Schedules = slices.Clone(l.Schedules)
		if len(l.Schedules) == 0 {
			l.Schedules = nil
		}
		for i := range l.Schedules {
			for d := range l.Schedules[i].Week {
				if len(l.Schedules[i].Week[d]) == 0 {
					l.Schedules[i].Week[d] = nil
				}
			}
		}
	}
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	var diffs []string
	for i := range va.NumField() {
		if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			diffs = append(diffs, fmt.Sprintf("%s %#v, want %#v", va.Type().Field(i).Name, va.Field(i).Interface(), vb.Field(i).Interface()))
		}
	}
	return strings.Join(diffs, "; ")
}
