package hsds

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"nowrongdoor/directory"
)

// csvSpecDir returns the HSDS reference folder (the specification's
// schemas and examples): $NOWRONGDOOR_HSDS, or shared/hsds in a folder
// above this package. The test is skipped, saying where it looked, when
// there is none: CI has it, and the spec's files are never copied into the
// project.
func csvSpecDir(t testing.TB) string {
	t.Helper()
	dir, looked := csvSpecPath()
	if dir == "" {
		t.Skipf("the HSDS reference (schemas and examples) is missing: set NOWRONGDOOR_HSDS or put it in shared/hsds above the repository; looked in %s", strings.Join(looked, ", "))
	}
	return dir
}

// csvSpecPath finds the HSDS reference folder, or returns "" and where it
// looked.
func csvSpecPath() (string, []string) {
	if d := os.Getenv("NOWRONGDOOR_HSDS"); d != "" {
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", []string{err.Error()}
	}
	var looked []string
	for d := wd; ; d = filepath.Dir(d) {
		cand := filepath.Join(d, "shared", "hsds")
		if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
			return cand, nil
		}
		looked = append(looked, cand)
		if filepath.Dir(d) == d {
			return "", looked
		}
	}
}

func csvPtr(f float64) *float64 { return &f }

// csvTestServices are two services that use every part of a Service the
// package writes, sharing an organization, a location and a taxonomy
// term, with the ids and links a read fills in.
func csvTestServices() []*Service {
	term := &TaxonomyTerm{ID: "t1", Code: "keyword", Name: "keyword", Description: "A word customers use", Taxonomy: TaxonomyName}
	attr := func(id, link, entity, value string) Attribute {
		return Attribute{ID: id, LinkID: link, TaxonomyTermID: term.ID, LinkEntity: entity, Value: value, TaxonomyTerm: term}
	}
	loc := &Location{ID: "l1", LocationType: "physical", Name: "Main office", Addresses: []Address{{
		ID: "a1", LocationID: "l1", Address1: "2001 S State St", Address2: "Suite S1-600", City: "Salt Lake City",
		StateProvince: "UT", PostalCode: "84190", Country: "US", AddressType: "physical"}}}
	org := Organization{ID: "o1", Name: "Salt Lake County", Description: "", Email: "info@slco.org", Website: "https://slco.org"}
	org2 := org
	return []*Service{{
		ID: "s1", OrganizationID: "o1", Name: "WIC, \"Women, Infants\"\nand Children", AlternateName: "WIC",
		Description: "Food, and more.", URL: "https://slco.org/wic", Email: "wic@slco.org", Status: "active",
		InterpretationServices: "Spanish", ApplicationProcess: "Call", FeesDescription: "Free",
		EligibilityDescription: "Pregnant women", AssuredDate: "2025-01-02", Alert: "Closed Monday",
		LastModified: "2025-01-02T03:04:05Z", Organization: &org,
		Phones: []Phone{{ID: "p1", ServiceID: "s1", Number: "385-468-4000", Extension: csvPtr(12), Type: "voice", Description: "Front desk",
			Languages:  []Language{{ID: "pl1", Name: "Spanish", Code: "es"}},
			Attributes: []Attribute{attr("pa1", "p1", "phone", "From the county site")}},
			{ID: "p2", ServiceID: "s1", Number: "801-555-0100"}},
		Schedules: []Schedule{{ID: "h1", ServiceID: "s1", Freq: "WEEKLY", Wkst: "MO", Byday: "MO,TU", OpensAt: "08:00", ClosesAt: "17:00",
			ValidFrom: "2025-01-01", ValidTo: "2025-12-31", Description: "closed holidays", Interval: csvPtr(1),
			Attributes: []Attribute{attr("ha1", "h1", "schedule", "Proposed")}}},
		ServiceAtLocations: []ServiceAtLocation{{ID: "sal1", ServiceID: "s1", LocationID: "l1", Location: loc}},
		Languages:          []Language{{ID: "lang1", ServiceID: "s1", Name: "English"}, {ID: "lang2", ServiceID: "s1", Name: "Spanish"}},
		RequiredDocuments:  []RequiredDocument{{ID: "d1", ServiceID: "s1", Document: "ID, proof of address"}},
		Attributes:         []Attribute{attr("sa1", "s1", "service", "food"), attr("sa2", "s1", "service", "comida")},
	}, {
		ID: "s2", OrganizationID: "o1", Name: "Second", Status: "inactive", Organization: &org2,
		ServiceAtLocations: []ServiceAtLocation{{ID: "sal2", ServiceID: "s2", LocationID: "l1", Location: loc}},
		Attributes:         []Attribute{attr("sa3", "s2", "service", "dos")},
	}}
}

// writeTestServices writes services as a package in a new folder.
func csvWriteTestServices(t *testing.T, services []*Service) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "pkg")
	err := writeCSVServices(dir, func(write func(*Service) error) error {
		for _, s := range services {
			if err := write(s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// readTestServices reads the services of a package.
func csvReadTestServices(t *testing.T, name string) ([]*Service, csvRead) {
	t.Helper()
	var got []*Service
	res, err := readCSVServices(name, func(_ int, s *Service, _ *csvTaken) { got = append(got, s) })
	if err != nil {
		t.Fatal(err)
	}
	return got, res
}

func TestCSVServicesRoundTrip(t *testing.T) {
	want := csvTestServices()
	dir := csvWriteTestServices(t, want)
	got, res := csvReadTestServices(t, dir)
	if len(res.Problems) > 0 || len(res.NotKept) > 0 {
		t.Errorf("reading an export: problems %v, not kept %v", res.Problems, res.NotKept)
	}
	if !reflect.DeepEqual(got, want) {
		for i := range max(len(got), len(want)) {
			if i >= len(got) || i >= len(want) || !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("service %d read back differs:\n got %+v\nwant %+v", i, csvAt(got, i), csvAt(want, i))
			}
		}
	}
	// Shared records are written once.
	for file, rows := range map[string]int{"organizations.csv": 1, "locations.csv": 1, "taxonomy_terms.csv": 1, "attributes.csv": 5} {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(data), "\n") - 1; n != rows {
			t.Errorf("%s has %d rows, want %d", file, n, rows)
		}
	}
}

func csvAt(ss []*Service, i int) any {
	if i < len(ss) {
		return *ss[i]
	}
	return nil
}

func TestCSVEveryTableHasItsHeader(t *testing.T) {
	dir := csvWriteTestServices(t, nil)
	for _, name := range csvWritten {
		tbl := csvTableByName[name]
		data, err := os.ReadFile(filepath.Join(dir, tbl.Path))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(data), strings.Join(tbl.columnNames(), ",")+"\n"; got != want {
			t.Errorf("%s of an empty export = %q, want the header %q", tbl.Path, got, want)
		}
	}
	got, res := csvReadTestServices(t, dir)
	if len(got) != 0 || len(res.Problems) != 0 {
		t.Errorf("an empty export reads as %d services, problems %v", len(got), res.Problems)
	}
}

func TestWriteCSVRefusesAFolderWithFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeCSVServices(dir, func(func(*Service) error) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "already holds files") {
		t.Errorf("export into a folder with files: err = %v, want a refusal", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "keep.txt")); string(data) != "mine" {
		t.Error("the folder's file was changed")
	}
	// A failed export leaves nothing behind, not even its temporary folder.
	parent := t.TempDir()
	out := filepath.Join(parent, "pkg")
	err = writeCSVServices(out, func(write func(*Service) error) error {
		if err := write(csvTestServices()[0]); err != nil {
			return err
		}
		return os.ErrDeadlineExceeded // any failure half way
	})
	if err == nil {
		t.Fatal("a failing export reported no error")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("a failed export left %v", entries)
	}
	// An existing empty folder is used.
	empty := t.TempDir()
	if err := writeCSVServices(empty, func(func(*Service) error) error { return nil }); err != nil {
		t.Errorf("export into an empty folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(empty, "datapackage.json")); err != nil {
		t.Errorf("export into an empty folder: %v", err)
	}
}

var _ = slices.Contains[[]string]
var _ = directory.Problem{}

func TestCSVUUIDPacking(t *testing.T) {
	for _, id := range []string{"3874e84c-ae83-5d50-b112-8bec19c2e16a", "00000000-0000-0000-0000-000000000001"} {
		u, ok := csvParseUUID(id)
		if !ok || csvFormatUUID(u) != id {
			t.Errorf("csvParseUUID(%q) = %v, %v; formatted back %q", id, u, ok, csvFormatUUID(u))
		}
	}
	// Anything that would not be written back exactly stays as written.
	for _, id := range []string{"", "sa1", "3874E84C-AE83-5D50-B112-8BEC19C2E16A", "3874e84c-ae83-5d50-b112-8bec19c2e16", "3874e84cae835d50b1128bec19c2e16a0000",
		"00000000-0000-0000-0000-000000000000", "3874e84c+ae83-5d50-b112-8bec19c2e16a", "3874e84c-ae83-5d50-b112-8bec19c2e1g6"} {
		if u, ok := csvParseUUID(id); ok {
			t.Errorf("csvParseUUID(%q) = %v, want it kept as written", id, u)
		}
	}
}
