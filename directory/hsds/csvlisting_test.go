package hsds

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"nowrongdoor/data"
	"nowrongdoor/directory"
	"nowrongdoor/directory/jsonfile"
)

// csvDefaultListings returns the default directory as the store takes it
// in: hours proposed, normalized, validated.
func csvDefaultListings(t testing.TB) []directory.Listing {
	t.Helper()
	ls, err := jsonfile.ParseListings(bytes.NewReader(data.Agencies))
	if err != nil {
		t.Fatalf("parse the default directory: %v", err)
	}
	return ls
}

// writeTestPackage exports listings as a package in a new folder.
func csvWriteTestPackage(t testing.TB, ls []directory.Listing) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "export")
	if err := WritePackage(dir, pointers(ls)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestPackageRoundTripsTheDefaultDirectory(t *testing.T) {
	// The default directory, and a listing with every field and flag set
	// (the mapping's tests' richListing).
	rich := richListing()
	rich.Normalize()
	want := append(csvDefaultListings(t), rich)
	// An edited listing has its time of change.
	want[0].UpdatedAt = time.Date(2026, 3, 4, 5, 6, 7, 8000, time.UTC)
	dir := csvWriteTestPackage(t, want)
	res, err := readPackage(dir, time.Date(2026, 11, 30, 12, 0, 0, 0, directory.Denver))
	if err != nil {
		t.Fatalf("ReadPackage(an export of the default directory): %v", err)
	}
	if len(res.NotKept) > 0 {
		t.Errorf("ReadPackage(an export) did not keep %v", res.NotKept)
	}
	if len(res.Listings) != len(want) {
		t.Fatalf("ReadPackage(an export of %d listings) = %d listings", len(want), len(res.Listings))
	}
	for i := range want {
		got, w := res.Listings[i], want[i]
		if !got.UpdatedAt.Equal(w.UpdatedAt) {
			t.Errorf("listing %s: UpdatedAt %v, want %v", w.ID, got.UpdatedAt, w.UpdatedAt)
		}
		got.UpdatedAt, w.UpdatedAt = time.Time{}, time.Time{}
		if len(got.Phones) == 0 && len(w.Phones) == 0 {
			got.Phones, w.Phones = nil, nil // no phones, however the slice is made
		}
		if !reflect.DeepEqual(got, w) {
			gv, wv := reflect.ValueOf(got), reflect.ValueOf(w)
			for f := range gv.NumField() {
				if !reflect.DeepEqual(gv.Field(f).Interface(), wv.Field(f).Interface()) {
					t.Errorf("listing %s: %s = %#v, want %#v", w.ID, gv.Type().Field(f).Name, gv.Field(f).Interface(), wv.Field(f).Interface())
				}
			}
		}
	}
}

func TestReadPackageOfTheSpecExample(t *testing.T) {
	dir := filepath.Join(csvSpecDir(t), "examples", "csv")
	res, err := readPackage(dir, time.Date(2026, 11, 30, 12, 0, 0, 0, directory.Denver))
	var invalid *directory.ValidationError
	if !errors.As(err, &invalid) {
		t.Fatalf("ReadPackage(examples/csv) = %v; want the problems of its British phone and postal code", err)
	}
	// Our rules refuse a British phone number, postal code and county; each
	// problem names the service, the file, row and column to fix.
	var where []string
	for _, p := range invalid.Problems {
		if p.Index != 0 {
			t.Errorf("problem %q: record %d, want 0 (the one service)", p, p.Index)
		}
		where = append(where, p.Field)
	}
	slices.Sort(where)
	if want := []string{"addresses.csv row 2, column postal_code", "addresses.csv row 2, column state_province", "phones.csv row 2, column number"}; !slices.Equal(where, want) {
		t.Errorf("ReadPackage(examples/csv) problems at %q, want %q; problems:\n%v", where, want, err)
	}
	for _, p := range invalid.Problems {
		if !strings.HasPrefix(p.Message, p.Field) {
			t.Errorf("problem %q does not start with the cell it names, %q", p.Message, p.Field)
		}
	}
	// What was read, before the rules: the services with their records.
	var services []*Service
	read, err := readCSVServices(dir, func(_ int, s *Service, _ *csvTaken) { services = append(services, s) })
	if err != nil || len(read.Problems) > 0 {
		t.Fatalf("reading examples/csv's tables: %v %v", err, read.Problems)
	}
	if len(services) != 1 {
		t.Fatalf("examples/csv has %d services, want 1", len(services))
	}
	l, _, _ := ToListing(services[0])
	if l.Name != "Community Counselling" || l.Organization != "Example Organization Inc." {
		t.Errorf("examples/csv read as %q of %q, want Community Counselling of Example Organization Inc.", l.Name, l.Organization)
	}
	if len(l.Phones) != 1 || l.Phones[0].Number != `"+44 1234 234567"` || l.Phones[0].Ext != "100" {
		t.Errorf("examples/csv phones = %+v, want \"+44 1234 234567\" (quotes and all, as the file has it) ext 100", l.Phones)
	}
	thFr := directory.Schedule{}
	thFr.Week[time.Thursday] = []directory.Interval{{Start: 10 * 60, End: 18 * 60}}
	thFr.Week[time.Friday] = []directory.Interval{{Start: 10 * 60, End: 18 * 60}}
	if len(l.Schedules) != 1 || !reflect.DeepEqual(l.Schedules[0].Week, thFr.Week) {
		t.Errorf("examples/csv schedules = %+v, want Thursday and Friday 10:00-18:00", l.Schedules)
	}
	if want := (directory.Address{Street: "1-30 Main Street, MyVillage", City: "MyCity", State: "MyState", Zip: "ABC 1234"}); l.Address != want &&
		(l.Address.City != want.City || l.Address.Zip != want.Zip || !strings.HasPrefix(l.Address.Street, "1-30 Main Street")) {
		t.Errorf("examples/csv address = %+v, want 1-30 Main Street, MyCity, ABC 1234", l.Address)
	}
	if !slices.Contains(l.Languages, "Urdu") {
		t.Errorf("examples/csv languages = %q, want Urdu", l.Languages)
	}
	// Tables and columns the directory has no place for are named.
	for _, k := range []string{"services.csv column wait_time", "schedules.csv column attending_type"} {
		if res.NotKept[k] != 1 {
			t.Errorf("not kept %q = %d, want 1; not kept: %v", k, res.NotKept[k], res.NotKept)
		}
	}
	// The spec's datapackage.json is a pointer to a descriptor elsewhere:
	// the tables are found by their names, and the admin is told.
	if !strings.Contains(res.Note, "datapackage.json") {
		t.Errorf("ReadPackage(examples/csv) note = %q, want it to say datapackage.json was not used", res.Note)
	}
	var others bool
	for k := range res.NotKept {
		others = others || strings.HasPrefix(k, "contacts.csv")
	}
	if !others {
		t.Errorf("not kept %v does not name contacts.csv", res.NotKept)
	}
}
