package hsds

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"nowrongdoor/directory"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// hsdsReference returns the folder of the HSDS 3.0 specification's schemas
// and examples: $NOWRONGDOOR_HSDS, else shared/hsds beside the repository
// (found by walking up from the package). It skips the test, saying where
// it looked, when there is none: CI has it; the project never copies it.
func hsdsReference(t *testing.T) string {
	t.Helper()
	if dir := os.Getenv("NOWRONGDOOR_HSDS"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "schema", "compiled", "service.json")); err != nil {
			t.Fatalf("NOWRONGDOOR_HSDS=%s holds no schema/compiled/service.json: %v", dir, err)
		}
		return dir
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	var looked []string
	for dir := wd; ; dir = filepath.Dir(dir) {
		ref := filepath.Join(dir, "shared", "hsds")
		looked = append(looked, ref)
		if _, err := os.Stat(filepath.Join(ref, "schema", "compiled", "service.json")); err == nil {
			return ref
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	t.Skipf("skipped: the HSDS 3.0 reference (schema/compiled/service.json and examples/) is missing; looked in %v; set NOWRONGDOOR_HSDS to its folder", looked)
	return ""
}

// TestExportConformsToHSDS validates the export of the default directory,
// and of a listing with every field set, against the specification's
// compiled service schema, formats (uuid, uri, email, date-time) asserted.
func TestExportConformsToHSDS(t *testing.T) {
	ref := hsdsReference(t)
	schemaFile := filepath.Join(ref, "schema", "compiled", "service.json")
	f, err := os.Open(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(f)
	f.Close()
	if err != nil {
		t.Fatalf("read %s: %v", schemaFile, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	// The compiled schema is self-contained: no $ref leaves the file, so
	// nothing is fetched.
	c.UseLoader(nil)
	if err := c.AddResource("file:///hsds/service.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("file:///hsds/service.json")
	if err != nil {
		t.Fatalf("compile %s: %v", schemaFile, err)
	}

	// The schema has teeth: a service HSDS refuses is refused.
	for _, bad := range []string{
		`{"id": "not-a-uuid", "name": "x", "status": "active"}`,
		`{"id": "ac148810-d857-441c-9679-408f346de14b", "name": "x", "status": "closed"}`,
		`{"id": "ac148810-d857-441c-9679-408f346de14b", "name": "x", "status": "active", "phones": [{"id": "1554f2e2-a373-45db-a3fa-9fc48a61c15e", "number": "211", "extension": "12"}]}`,
	} {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(bad)))
		if err != nil {
			t.Fatal(err)
		}
		if schema.Validate(v) == nil {
			t.Errorf("the schema accepts %s, which HSDS refuses; the conformance check checks nothing", bad)
		}
	}

	ls := append(defaultListings(t), richListing())
	ls[len(ls)-1].Normalize()
	file := export(t, ls)
	var services []json.RawMessage
	if err := json.Unmarshal(file, &services); err != nil {
		t.Fatalf("the export is not a JSON array: %v", err)
	}
	if len(services) != len(ls) {
		t.Fatalf("the export holds %d services, want %d", len(services), len(ls))
	}
	for i, raw := range services {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(v); err != nil {
			t.Errorf("the export of %s does not conform to HSDS 3.0: %v", ls[i].ID, err)
		}
	}
}

// readExample reads one of the specification's examples with ReadJSON,
// and decodes it as a service for ToListing.
func readExample(t *testing.T, name string) (ReadResult, []byte, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(hsdsReference(t), "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	res, err := readJSON(bytes.NewReader(data), testNow)
	return res, data, err
}

// TestImportServiceFull reads the specification's service_full.json: a
// British service, whose phone, state and postcode our rules refuse.
func TestImportServiceFull(t *testing.T) {
	res, data, err := readExample(t, "service_full.json")
	var ve *directory.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("ReadJSON(service_full.json) = %v, want the problems our rules find", err)
	}
	var got []string
	for _, p := range ve.Problems {
		got = append(got, fmt.Sprintf("%d %s", p.Index, p.Field))
	}
	want := []string{
		"0 phones[0].number",
		"0 service_at_locations[0].location.addresses[0].state_province",
		"0 service_at_locations[0].location.addresses[0].postal_code",
	}
	if !slices.Equal(got, want) {
		t.Errorf("ReadJSON(service_full.json) problems at %q, want %q\n%v", got, want, err)
	}
	for _, f := range []string{"wait_time", "service_areas", "contacts", "phones[].languages", "schedules[].byweekno",
		"schedules[].dtstart", "organization.description", "funding", "cost_options", "level inferred"} {
		if res.NotKept[f] != 1 {
			t.Errorf("ReadJSON(service_full.json).NotKept[%q] = %d, want 1", f, res.NotKept[f])
		}
	}
	for f := range res.NotKept {
		if strings.HasPrefix(f, "attributes") || strings.Contains(f, "location.schedules") {
			t.Errorf("ReadJSON(service_full.json).NotKept has %q; that was read", f)
		}
	}

	var s Service
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	l, problems, notKept := ToListing(&s)
	if len(problems) > 0 {
		t.Errorf("ToListing(service_full.json) problems %v, want none: the record is good HSDS", problems)
	}
	if !slices.Contains(notKept, "phones[0].languages") || !slices.Contains(notKept, "schedules[0].byweekno") {
		t.Errorf("ToListing(service_full.json) not kept %q, want phones[0].languages and schedules[0].byweekno among them", notKept)
	}
	var week [7][]directory.Interval
	week[time.Thursday] = []directory.Interval{{Start: 10 * 60, End: 18 * 60}}
	week[time.Friday] = []directory.Interval{{Start: 10 * 60, End: 18 * 60}}
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"id", l.ID, "ac148810-d857-441c-9679-408f346de14b"},
		{"name", l.Name, "Community Counselling"},
		{"organization", l.Organization, "Example Organization Inc."},
		{"level", l.Level, directory.LevelNonprofit},
		{"phones", l.Phones, []directory.Phone{{Number: `"+44 1234 234567"`, Ext: "100",
			Label: "Our main reception phone number. The phones will be available from 0800 (8am) until 1800 (6pm) local time. There may be some slight delays in answering your call if we are busy."}}},
		{"schedules", len(l.Schedules), 1},
		{"week", l.Schedules[0].Week, week},
		{"unconfirmed (weeks 41 and 42 only)", l.Schedules[0].Unconfirmed, true},
		{"schedule description", l.Schedules[0].Description, "The service is available from 10 am to 6pm weekdays. The service is not available on public holidays."},
		{"valid", [2]directory.Date{l.Schedules[0].ValidFrom, l.Schedules[0].ValidTo}, [2]directory.Date{{Year: 2005, Month: 1, Day: 1}, {Year: 2005, Month: 1, Day: 1}}},
		{"address", l.Address, directory.Address{Street: "1-30 Main Street", City: "MyCity", State: "MyState", Zip: "ABC 1234"}},
		{"languages", l.Languages, []string{"Urdu"}},
		{"keywords", l.Keywords, []string{"MyCity Counselling Services", "name"}},
		{"email", l.Email, "email@example.com"},
		{"website", l.Website, "http://example.com/counselling"},
		{"verified on", l.VerifiedOn, directory.Date{Year: 2005, Month: 1, Day: 1}},
		{"updated at", l.UpdatedAt.Equal(time.Date(2023, 3, 15, 10, 30, 45, 123e6, time.UTC)), true},
		{"status", l.Status, directory.StatusActive},
		{"how to apply", strings.Contains(l.Description, "\n\nHow to apply: If you are an NHS patient"), true},
		{"interpretation", strings.HasSuffix(l.Description, "\n\nInterpretation: Interpretation services are available in Urdu, Polish, and Slovak"), true},
		{"documents", strings.HasPrefix(l.Documents, "Any official identification document"), true},
		{"fees", strings.HasPrefix(l.Fees, "Non-NHS patients"), true},
		{"eligibility", strings.HasPrefix(l.Eligibility, "This service is intended for all people aged 12"), true},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("ToListing(service_full.json) %s = %#v, want %#v", c.what, c.got, c.want)
		}
	}
}

// TestImportServiceList reads the specification's service_list.json, the
// first page of a list of ten.
func TestImportServiceList(t *testing.T) {
	res, _, err := readExample(t, "service_list.json")
	if err != nil {
		t.Fatalf("ReadJSON(service_list.json): %v", err)
	}
	if len(res.Listings) != 1 {
		t.Fatalf("ReadJSON(service_list.json) read %d listings, want the page's 1", len(res.Listings))
	}
	l := res.Listings[0]
	if l.Name != "Community Counselling" || l.Organization != "Example Organization Inc." || l.ID != "ac148810-d857-441c-9679-408f346de14b" {
		t.Errorf("ReadJSON(service_list.json) = %q of %q (id %q), want Community Counselling of Example Organization Inc.", l.Name, l.Organization, l.ID)
	}
	if !strings.Contains(res.Note, "page 1 of 10") {
		t.Errorf("ReadJSON(service_list.json).Note = %q, want it to say the file is page 1 of 10", res.Note)
	}
	for _, f := range []string{"wait_time", "program", "organization.tax_status", "level inferred"} {
		if res.NotKept[f] != 1 {
			t.Errorf("ReadJSON(service_list.json).NotKept[%q] = %d, want 1", f, res.NotKept[f])
		}
	}
}
