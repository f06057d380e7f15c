package hsds

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"nowrongdoor/directory"
)

// problemsOf reads a file and returns its problems as "index field:
// message" lines, or fails the test when it reads without any.
func problemsOf(t *testing.T, file string) []directory.Problem {
	t.Helper()
	_, err := readJSON(strings.NewReader(file), testNow)
	var ve *directory.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("ReadJSON(%s) = %v, want a *directory.ValidationError", shortFile(file), err)
	}
	if !errors.Is(err, directory.ErrInvalidFile) {
		t.Errorf("ReadJSON(%s) error does not match directory.ErrInvalidFile", shortFile(file))
	}
	return ve.Problems
}

func shortFile(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}

// pantry is a small valid service of a partner's file.
const pantry = `{"id": "11111111-2222-4333-8444-555555555555", "name": "Food Pantry", "status": "active", "url": "https://example.org"}`

func TestReadJSONFileProblems(t *testing.T) {
	twoListings := string(export(t, defaultListings(t)[:2]))
	for _, c := range []struct {
		name, file, want string
	}{
		{"empty", "", "the file is empty"},
		{"blank", " \n\t ", "the file is empty"},
		{"byte order mark only", "\xEF\xBB\xBF", "the file is empty"},
		{"truncated", twoListings[:len(twoListings)/2], "cut short"},
		{"truncated after [", "[", "cut short"},
		{"not JSON", "name,phone\nFood Pantry,211\n", "the file is not JSON"},
		{"a string", `"services"`, "holds a string, not HSDS services"},
		{"a number", `42`, "holds a number, not HSDS services"},
		{"null", `null`, "holds null, not HSDS services"},
		{"true", `true`, "holds true or false, not HSDS services"},
		{"syntax error", "[" + pantry + " " + pantry + "]", "JSON syntax error at byte"},
		{"more after the end", "[" + pantry + "] x", "JSON"},
		{"a second value", "[" + pantry + "] []", "goes on after its JSON ends"},
		{"a trailing comma", "[" + pantry + ",]", "JSON syntax error at byte"},
		{"no colon", `[{"name" "x"}]`, "JSON syntax error at byte 9 (in record 1): invalid character '\"' after object key"},
		{"no comma in a list", `{"contents": [] "total_items": 1}`, "JSON syntax error at byte 16"},
		{"a bad escape", `[{"name": "x\u12"}]`, "JSON syntax error"},
		{"a line break in a string", "[{\"name\": \"x\ny\"}]", "invalid character '\\n' in string literal"},
		{"a misspelled literal", `[{"name": tru}]`, "invalid character 't' in literal true"},
		{"a leading zero", `[{"minimum_age": 012}]`, "JSON syntax error"},
		{"a percent sign", `[{"name": %}]`, "invalid character '%' looking for beginning of value"},
		{"a stray bracket", `[{"name": "x"}}]`, "JSON syntax error"},
		{"no services", "[]", "holds no services"},
		{"a list with no services", `{"contents": [], "total_items": 0}`, "holds no services"},
		{"a list's contents not an array", `{"contents": {}}`, "contents should be an array"},
		{"nested deeper than 10000 levels", strings.Repeat("[", 100000) + strings.Repeat("]", 100000), "nests more than 10000 levels deep"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ps := problemsOf(t, c.file)
			if len(ps) != 1 || ps[0].Index != -1 || !strings.Contains(ps[0].Message, c.want) {
				t.Errorf("ReadJSON(%q) = %v, want one problem with the file saying %q", shortFile(c.file), ps, c.want)
			}
		})
	}
}

func TestReadJSONRecordProblems(t *testing.T) {
	long := strings.Repeat("x", 301)
	for _, c := range []struct {
		name, file string
		want       []string // "index field: start of message"
	}{
		{"10,000 levels deep in an array", strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
			[]string{"0 : the record is an array, not a service object"}},
		{"10,000 levels deep in a field", `[{"name": "x", "url": "https://example.org", "organization": ` + strings.Repeat(`{"a": `, 9990) + `1` + strings.Repeat("}", 9990) + `}]`,
			[]string{`0 organization.a: unknown field "organization.a"`}},
		{"not an object", `["Food Pantry", ` + pantry + `]`, []string{"0 : the record is a string, not a service object"}},
		{"unknown field", `[` + pantry + `, {"id": "food-bank", "nmae": "Food Bank", "url": "https://example.org"}]`,
			[]string{`1 nmae: unknown field "nmae"; did you mean "name"?`, "1 name: name is empty"}},
		{"unknown nested field", `[{"name": "Food Bank", "phones": [{"id": "p", "numbr": "211"}]}]`,
			[]string{`0 phones[0].numbr: unknown field "phones[0].numbr"; did you mean "phones[0].number"?`, "0 : the listing has no phone, website, email or address"}},
		{"unknown field of a list", `{"contents": [` + pantry + `], "totl_items": 1}`,
			[]string{`-1 totl_items: unknown field "totl_items" of the list; did you mean "total_items"?`}},
		{"a field twice", `[{"name": "Food Bank", "name": "Food Pantry", "url": "https://example.org"}]`,
			[]string{`0 name: field "name" appears more than once; keep one`}},
		{"a field twice in one service", `{"name": "Food Bank", "url": "https://example.org", "name": "Food Pantry"}`,
			[]string{`0 name: field "name" appears more than once; keep one`}},
		{"wrong types", `[` + pantry + `, {"name": 5, "phones": [{"id": "p", "number": "211", "extension": "12"}], "languages": {"name": "Spanish"}, "url": "https://example.org"}]`,
			[]string{"1 name: name should be a string in double quotes, not a number",
				"1 phones[0].extension: phones[0].extension should be a number, not a string",
				"1 languages: languages should be an array [ ... ], not an object"}},
		{"an array entry not an object", `[{"name": "Food Bank", "url": "https://example.org", "phones": ["211"]}]`,
			[]string{"0 phones[0]: phones[0] should be an object { ... }, not a string"}},
		{"an extension that is no extension", `[{"name": "Food Bank", "phones": [{"id": "p", "number": "211", "extension": 12.5}]}]`,
			[]string{"0 phones[0].extension: phones[0].extension 12.5 is not an extension's digits"}},
		{"over the limits", `[{"name": "` + strings.Repeat("n", 201) + `", "url": "https://example.org", "phones": [{"id": "p", "number": "211", "description": "` + long + `"}]}]`,
			[]string{"0 name: name is 201 characters long, longer than 200", "0 phones[0].description: phones[0].description is 301 characters long"}},
		{"our rules, by HSDS path", `[{"name": "Food Bank", "url": "example.org", "email": "mailto:a@b.org", "service_at_locations": [{"id": "s", "location": {"id": "l", "location_type": "physical", "addresses": [{"id": "a", "address_1": "1 Main", "city": "Sandy", "state_province": "Utah", "postal_code": "8409", "country": "US", "address_type": "physical"}]}}]}]`,
			[]string{"0 email: email \"mailto:a@b.org\" starts with mailto:",
				"0 url: url \"example.org\" is not a web address",
				`0 service_at_locations[0].location.addresses[0].state_province: service_at_locations[0].location.addresses[0].state_province "Utah" should be the two capital letters`,
				`0 service_at_locations[0].location.addresses[0].postal_code: service_at_locations[0].location.addresses[0].postal_code "8409" is not a ZIP code`}},
		{"a time it cannot read", `[{"name": "Food Bank", "url": "https://example.org", "schedules": [{"id": "s", "freq": "WEEKLY", "byday": "MO", "opens_at": "9am", "closes_at": "17:00"}]}]`,
			[]string{`0 schedules[0].opens_at: schedules[0].opens_at "9am" is not a time of day like 09:00`}},
		{"days it cannot read", `[{"name": "Food Bank", "url": "https://example.org", "schedules": [{"id": "s", "freq": "WEEKLY", "byday": "1MO", "opens_at": "09:00", "closes_at": "17:00"}]}]`,
			[]string{`0 schedules[0].byday: schedules[0].byday "1MO" is not days of the week`}},
		{"days without times", `[{"name": "Food Bank", "url": "https://example.org", "service_at_locations": [{"id": "x", "schedules": [{"id": "s", "byday": "MO"}]}]}]`,
			[]string{`0 service_at_locations[0].schedules[0]: service_at_locations[0].schedules[0] gives days (byday) but no opens_at and closes_at`}},
		{"overlapping periods", `[{"name": "Food Bank", "url": "https://example.org", "schedules": [{"id": "s", "byday": "MO", "opens_at": "09:00", "closes_at": "17:00"}, {"id": "t", "byday": "MO", "opens_at": "12:00", "closes_at": "13:00"}]}]`,
			[]string{`0 schedules[0]: schedules[0] Monday: 12:00pm-1:00pm overlaps`}},
		{"a bad status and dates", `[{"name": "Food Bank", "url": "https://example.org", "status": "open", "assured_date": "yesterday", "last_modified": "2024-13-01"}]`,
			[]string{`0 status: status "open" is not one of active, inactive, defunct, temporarily closed`,
				`0 assured_date: assured_date "yesterday" is not a date`,
				`0 last_modified: last_modified "2024-13-01" is not a date and time`}},
		{"duplicate service ids", `[` + pantry + `, ` + pantry + `]`,
			[]string{`1 id: service id "11111111-2222-4333-8444-555555555555" is also used by record 1`}},
		{"duplicate listing ids", `[{"id": "a0000000-0000-4000-8000-000000000000", "name": "Food Bank", "url": "https://example.org", "attributes": [{"id": "x", "value": "food-bank", "taxonomy_term": {"id": "t", "code": "listing_id", "name": "Listing id", "description": "", "taxonomy": "No Wrong Door"}}]},
			{"id": "b0000000-0000-4000-8000-000000000000", "name": "Food Bank 2", "url": "https://example.org", "attributes": [{"id": "y", "value": "food-bank", "taxonomy_term": {"id": "t", "code": "listing_id", "name": "Listing id", "description": "", "taxonomy": "No Wrong Door"}}]}]`,
			[]string{`1 id: id is also used by record 1`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ps := problemsOf(t, c.file)
			var got []string
			for _, p := range ps {
				got = append(got, fmt.Sprintf("%d %s: %s", p.Index, p.Field, p.Message))
			}
			if len(got) != len(c.want) {
				t.Fatalf("ReadJSON(%s) problems:\n%s\nwant %d:\n%s", shortFile(c.file), strings.Join(got, "\n"), len(c.want), strings.Join(c.want, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], c.want[i]) {
					t.Errorf("ReadJSON(%s) problem %d = %q, want it to start %q", shortFile(c.file), i, got[i], c.want[i])
				}
			}
		})
	}
}

func TestReadJSONPartnerFile(t *testing.T) {
	file := "\xEF\xBB\xBF" + `[` + pantry + `,
	{"name": "Food Pantry", "status": "defunct", "url": "https://example.org", "alternate_name": "Despensa",
	 "phones": [{"id": "p1", "number": "801-555-1234", "type": "fax"}],
	 "schedules": [
	  {"id": "s1", "freq": "WEEKLY", "byday": "MO,WE", "opens_at": "09:00:00", "closes_at": "17:00:00", "description": "closed holidays"},
	  {"id": "s2", "freq": "WEEKLY", "byday": "FR", "opens_at": "22:00", "closes_at": "06:00", "description": "closed holidays"},
	  {"id": "s3", "freq": "MONTHLY", "byday": "1TU", "description": "First Tuesday: mobile pantry"}],
	 "service_at_locations": [
	  {"id": "l1", "location": {"id": "x", "location_type": "postal", "addresses": [{"id": "a1", "address_1": "PO Box 1", "city": "Sandy", "state_province": "UT", "postal_code": "84070", "country": "US", "address_type": "postal"}]}},
	  {"id": "l2", "location": {"id": "y", "location_type": "physical", "addresses": [{"id": "a2", "address_1": "1 Main St", "city": "Sandy", "state_province": "UT", "postal_code": "84070", "country": "US", "address_type": "physical"}]}}]},
	{"name": "Food Pantry", "url": "https://slco.org", "organization": {"id": "o", "name": "Salt Lake County Aging Services", "description": ""}}]`
	res, err := readJSON(strings.NewReader(file), testNow)
	if err != nil {
		t.Fatalf("ReadJSON(partner file): %v", err)
	}
	if len(res.Listings) != 3 {
		t.Fatalf("ReadJSON(partner file) read %d listings, want 3", len(res.Listings))
	}
	ls := res.Listings
	if got := []string{ls[0].ID, ls[1].ID, ls[2].ID}; got[0] != "11111111-2222-4333-8444-555555555555" || got[1] != "food-pantry" || got[2] != "food-pantry-2" {
		t.Errorf("ids %q, want the service's id, then ids made from the name, unique", got)
	}
	l := ls[1]
	if l.Status != directory.StatusInactive {
		t.Errorf("defunct read as %q, want inactive", l.Status)
	}
	if l.Keywords[0] != "Despensa" {
		t.Errorf("keywords %q, want alternate_name first", l.Keywords)
	}
	if l.Phones[0].Label != "fax" {
		t.Errorf("a fax's label %q, want fax", l.Phones[0].Label)
	}
	if l.Address.Street != "1 Main St" {
		t.Errorf("address %v, want the physical one", l.Address)
	}
	if len(l.Schedules) != 2 {
		t.Fatalf("schedules %v, want one weekly (two records alike) and the monthly one's description", l.Schedules)
	}
	s := l.Schedules[0]
	if got := fmt.Sprint(s.Week[1], s.Week[3], s.Week[5]); got != "[9:00am-5:00pm] [9:00am-5:00pm] [10:00pm-6:00am]" {
		t.Errorf("Monday, Wednesday, Friday %s; want 9-5, 9-5 and overnight 10pm-6am", got)
	}
	if s.Week[5][0].End != 30*60 {
		t.Errorf("overnight period %+v, want it to end at 06:00 the next day (minute %d)", s.Week[5][0], 30*60)
	}
	if l.Schedules[1].Description != "First Tuesday: mobile pantry" {
		t.Errorf("the monthly schedule became %+v, want its description kept", l.Schedules[1])
	}
	if ls[0].Level != directory.LevelNonprofit || ls[2].Level != directory.LevelCounty {
		t.Errorf("levels inferred %q and %q, want nonprofit and county", ls[0].Level, ls[2].Level)
	}
	for f, n := range map[string]int{"level inferred": 3, "schedules[] (MONTHLY)": 1, "service_at_locations[].location.addresses[]": 1} {
		if res.NotKept[f] != n {
			t.Errorf("NotKept[%q] = %d, want %d (all: %v)", f, res.NotKept[f], n, res.NotKept)
		}
	}
}

func TestReadJSONOneService(t *testing.T) {
	want := defaultListings(t)[:1]
	file := export(t, want)
	one := bytes.TrimSuffix(bytes.TrimPrefix(bytes.TrimSpace(file), []byte("[")), []byte("]"))
	res, err := readJSON(bytes.NewReader(one), testNow)
	if err != nil {
		t.Fatalf("ReadJSON(one service object): %v", err)
	}
	if len(res.Listings) != 1 || listingDiff(res.Listings[0], want[0]) != "" {
		t.Errorf("ReadJSON(one service object) = %d listings, want %s back", len(res.Listings), want[0].ID)
	}
}
