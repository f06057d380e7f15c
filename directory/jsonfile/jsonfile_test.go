package jsonfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"nowrongdoor/data"
	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
)

// validRecord returns a record that passes every check, as a map so tests
// can break one field at a time.
func validRecord() map[string]any {
	return map[string]any{
		"id":          "slco-wic",
		"name":        "Salt Lake County WIC",
		"parent":      "Salt Lake County Health Department",
		"level":       "county",
		"description": "Food and nutrition help for women, infants and children.",
		"services":    []any{"WIC benefits"},
		"keywords":    []any{"wic", "formula"},
		"categories":  []any{"Food"},
		"phones":      []any{map[string]any{"label": "Main line", "number": "385-468-4100"}},
		"email":       "wic@slco.org",
		"website":     "https://saltlakecounty.gov/health/wic",
		"address":     map[string]any{"street": "610 S 200 E", "city": "Salt Lake City", "state": "UT", "zip": "84111"},
		"hours":       "Monday-Friday 8:00am-5:00pm",
		"eligibility": "", "fees": "", "documents": "",
		"languages":   []any{"English", "Spanish"},
		"source_urls": []any{"https://saltlakecounty.gov/health/wic"},
		"source_date": "2025-10",
	}
}

func fileOf(t *testing.T, records ...map[string]any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(records, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseListingsDefaultData(t *testing.T) {
	listings, err := ParseListings(bytes.NewReader(data.Agencies))
	if err != nil {
		t.Fatalf("ParseListings(default data) = %v, want every record valid", err)
	}
	var raw []struct {
		ID      string `json:"id"`
		Website string `json:"website"`
	}
	if err := json.Unmarshal(data.Agencies, &raw); err != nil {
		t.Fatal(err)
	}
	if len(listings) != len(raw) || len(listings) < 200 {
		t.Fatalf("ParseListings(default data) gave %d listings, want %d", len(listings), len(raw))
	}
	for i, l := range listings {
		if l.ID != raw[i].ID {
			t.Errorf("listing %d id = %q, want %q (ids are stable)", i, l.ID, raw[i].ID)
		}
		if l.Status != directory.StatusActive {
			t.Errorf("listing %q status = %q, want %q", l.ID, l.Status, directory.StatusActive)
		}
		if raw[i].Website != "" && !strings.HasPrefix(l.Website, "http") {
			t.Errorf("listing %q website = %q, want a full http(s) address", l.ID, l.Website)
		}
	}
}

func TestParseListingsTidiesBareWebsite(t *testing.T) {
	rec := validRecord()
	rec["website"] = "IRS.gov"
	rec["source_urls"] = []any{"www.utahlegalhelp.org/vlc", "http://example.org/"}
	got, err := ParseListings(bytes.NewReader(fileOf(t, rec)))
	if err != nil {
		t.Fatalf("ParseListings = %v, want ok", err)
	}
	if got[0].Website != "https://IRS.gov" {
		t.Errorf("website = %q, want %q", got[0].Website, "https://IRS.gov")
	}
	want := []string{"https://www.utahlegalhelp.org/vlc", "http://example.org/"}
	if !reflect.DeepEqual(got[0].SourceURLs, want) {
		t.Errorf("source_urls = %q, want %q", got[0].SourceURLs, want)
	}
}

func TestParseListingsAccepts(t *testing.T) {
	tests := []struct {
		name  string
		field string
		value any
	}{
		{"local phone", "phones", []any{map[string]any{"label": "x", "number": "801-535-6000"}}},
		{"toll-free phone", "phones", []any{map[string]any{"label": "x", "number": "1-800-662-4545"}}},
		{"bare toll-free phone", "phones", []any{map[string]any{"label": "x", "number": "800-371-7897"}}},
		{"988", "phones", []any{map[string]any{"label": "x", "number": "988"}}},
		{"211", "phones", []any{map[string]any{"label": "x", "number": "211"}}},
		{"911", "phones", []any{map[string]any{"label": "x", "number": "911"}}},
		{"extension", "phones", []any{map[string]any{"label": "x", "number": "385-468-7300", "ext": "1234"}}},
		{"no phones", "phones", []any{}},
		{"null phones", "phones", nil},
		{"email with note", "email", "discrimination@utah.gov (fair housing: fh@utah.gov)"},
		{"no email", "email", ""},
		{"http website", "website", "http://slco.org/treasurer/"},
		{"status", "status", "temporarily_closed"},
		{"status in capitals", "status", "Inactive"},
		{"level in capitals", "level", "Nonprofit"},
		{"business level", "level", "business"},
		{"phone note", "phones", []any{map[string]any{"label": "Main line", "number": "385-468-4100", "note": "From a 2020 county page; confirm before sharing"}}},
		{"staff notes", "notes_for_staff", "Hours from a 2023 article.\nConfirm before sharing."},
		{"staff notes under their old name", "staff_notes", "Ask for Pat."},
		{"alert date", "alert_until", "2026-03-31"},
		{"verified", "verified_on", "2025-12-01"},
		{"year source date", "source_date", "2019"},
		{"day source date", "source_date", "2019-02-07"},
		{"multi-line description", "description", "First line.\nSecond line.\tTabbed."},
		{"Spanish", "name", "Consulado de México en Salt Lake City"},
		{"updated_at from an export", "updated_at", "2026-01-02T03:04:05Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := validRecord()
			rec[tt.field] = tt.value
			if _, err := ParseListings(bytes.NewReader(fileOf(t, rec))); err != nil {
				t.Errorf("ParseListings(%s = %v) = %v, want ok", tt.field, tt.value, err)
			}
		})
	}
}

func TestParseListingsByteOrderMark(t *testing.T) {
	file := append([]byte("\xEF\xBB\xBF"), fileOf(t, validRecord())...)
	if _, err := ParseListings(bytes.NewReader(file)); err != nil {
		t.Errorf("ParseListings(UTF-8 with BOM) = %v, want ok", err)
	}
}

func TestParseListingsFileProblems(t *testing.T) {
	tests := []struct {
		name string
		file string
		want string // substring of the one problem
	}{
		{"empty", "", "the file is empty"},
		{"blank", " \n\t\n", "the file is empty"},
		{"not JSON", "id,name\nslco-wic,WIC\n", "the file is not JSON (line 1, column 1"},
		{"truncated", `[{"id": "slco-wic", "name": "WI`, "ends in the middle of the JSON (line 1, column 32)"},
		{"truncated after record", "[\n{\"id\": \"a\"},\n", "ends in the middle of the JSON (line 3, column 1)"},
		{"syntax error", "[\n {\"id\": \"a\" \"name\": \"b\"}\n]", "JSON syntax error at line 2, column 13"},
		{"trailing garbage", `[{"id": "a"}] x`, "JSON syntax error at line 1, column 15"},
		{"object", `{"id": "slco-wic", "name": "WIC"}`, "holds a JSON object, not an array of listings"},
		{"string", `"slco-wic"`, "holds a JSON string, not an array"},
		{"number", `42`, "holds a JSON number, not an array"},
		{"empty array", `[]`, "empty array"},
		{"invalid UTF-8", "[{\"id\": \"a\", \"name\": \"caf\xe9\"}]", "not valid UTF-8 text (line 1, column 26)"},
		{"UTF-16", "\xFF\xFE[\x00]\x00", "UTF-16"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseListings(strings.NewReader(tt.file))
			if got != nil {
				t.Errorf("ParseListings(%q) returned %d listings, want none", tt.file, len(got))
			}
			if !errors.Is(err, directory.ErrInvalidFile) {
				t.Fatalf("ParseListings(%q) = %v, want an error matching ErrInvalidFile", tt.file, err)
			}
			var ve *directory.ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Index != -1 {
				t.Fatalf("ParseListings(%q) = %#v, want one file problem", tt.file, err)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.want) || strings.Contains(msg, "\n") {
				t.Errorf("ParseListings(%q) = %q, want one line containing %q", tt.file, msg, tt.want)
			}
		})
	}
}

func TestParseListingsRecordProblems(t *testing.T) {
	tests := []struct {
		name  string
		field string
		value any // nil deletes the field
		path  string
		want  string
	}{
		{"no id", "id", nil, "id", `id is empty; give the listing a unique id of lower-case letters, digits and dashes, like "salt-lake-county-wic"`},
		{"blank id", "id", "  ", "id", "id is empty"},
		{"id with capitals", "id", "SLCO WIC", "id", `id "SLCO WIC" may use only lower-case letters, digits and single dashes between them; use "slco-wic"`},
		{"id with trailing dash", "id", "slco-wic-", "id", "single dashes"},
		{"long id", "id", strings.Repeat("a", 101), "id", "longer than 100"},
		{"numeric id", "id", 12, "id", "id should be a string in double quotes, not a number"},
		{"no name", "name", nil, "name", "name is empty; give the listing a name"},
		{"blank name", "name", " \t", "name", "name is empty"},
		{"no level", "level", nil, "level", "level is empty; set it to one of county, city, state, federal, nonprofit, business"},
		{"unknown level", "level", "tribal", "level", `level "tribal" is not one of county, city, state, federal, nonprofit, business`},
		{"unknown status", "status", "closed", "status", `status "closed" is not one of active, temporarily_closed, inactive`},
		{"phone without number", "phones", []any{map[string]any{"label": "Main"}}, "phones[0].number", `phones[0] ("Main") has no number; add it or remove the phone`},
		{"phone in brackets", "phones", []any{map[string]any{"label": "Main", "number": "(801) 535-6000"}}, "phones[0].number", `write "801-535-6000"`},
		{"phone with dots", "phones", []any{map[string]any{"label": "Main", "number": "1.800.662.4545"}}, "phones[0].number", `write "1-800-662-4545"`},
		{"phone with extension", "phones", []any{map[string]any{"label": "Main", "number": "801-535-6000 x12"}}, "phones[0].number", `put the extension in "ext"`},
		{"phone words", "phones", []any{map[string]any{"label": "Main", "number": "call the front desk"}}, "phones[0].number", "is not a phone number"},
		{"phone ext letters", "phones", []any{map[string]any{"label": "Main", "number": "801-535-6000", "ext": "x12"}}, "phones[0].ext", "digits only"},
		{"phone as string", "phones", "801-535-6000", "phones", "phones should be an array of phones"},
		{"phone number as number", "phones", []any{map[string]any{"number": 8015356000}}, "phones", "phones.number is a number"},
		{"misspelled phone field", "phones", []any{map[string]any{"label": "Main", "numbr": "801-535-6000"}}, "phones[0].numbr", `unknown field "phones[0].numbr"; did you mean "phones[0].number"?`},
		{"misspelled phone note", "phones", []any{map[string]any{"label": "Main", "number": "801-535-6000", "notes": "x"}}, "phones[0].notes", `did you mean "phones[0].note"?`},
		{"phone note as number", "phones", []any{map[string]any{"label": "Main", "number": "801-535-6000", "note": 2020}}, "phones", "phones.note is a number"},
		{"control character in phone note", "phones", []any{map[string]any{"label": "Main", "number": "801-535-6000", "note": "per\athe guide"}}, "phones[0].note", "phones[0].note contains the control character U+0007 at character 4; remove it"},
		{"line break in phone note", "phones", []any{map[string]any{"label": "Main", "number": "801-535-6000", "note": "per\nthe guide"}}, "phones[0].note", "U+000A"},
		{"control character in staff notes", "notes_for_staff", "a\x00b", "notes_for_staff", "notes_for_staff contains the control character U+0000 at character 2; remove it"},
		{"control character in staff notes under their old name", "staff_notes", "a\x00b", "staff_notes", "staff_notes contains the control character U+0000 at character 2; remove it"},
		{"staff notes as array", "notes_for_staff", []any{"a"}, "notes_for_staff", "notes_for_staff should be a string in double quotes, not an array"},
		{"misspelled staff notes", "notes_for_stafff", "x", "notes_for_stafff", `did you mean "notes_for_staff"?`},
		{"bad email", "email", "wic at slco.org", "email", `email "wic at slco.org" does not start with an address`},
		{"email without domain", "email", "wic@", "email", "does not start with an address"},
		{"ftp website", "website", "ftp://slco.org/", "website", `website "ftp://slco.org/" is not a web address`},
		{"javascript website", "website", "javascript:alert(1)", "website", "is not a web address"},
		{"website words", "website", "see the county site", "website", "is not a web address"},
		{"relative source", "source_urls", []any{"/health/wic"}, "source_urls[0]", `source_urls[0] "/health/wic" is not a web address`},
		{"bad source date", "source_date", "March 2024", "source_date", "should be YYYY, YYYY-MM or YYYY-MM-DD"},
		{"bad alert date", "alert_until", "03/31/2026", "alert_until", `alert_until "03/31/2026" is not a date; write it as YYYY-MM-DD`},
		{"impossible date", "verified_on", "2026-02-30", "verified_on", "is not a date"},
		{"date as number", "verified_on", 20260101, "verified_on", "is not a date"},
		{"control character in name", "name", "WIC\aoffice", "name", "name contains the control character U+0007 at character 4; remove it"},
		{"line break in name", "name", "WIC\noffice", "name", "U+000A"},
		{"escape in keyword", "keywords", []any{"wic", "for\x1bmula"}, "keywords[1]", "keywords[1] contains the control character U+001B"},
		{"NUL in description", "description", "a\x00b", "description", "U+0000"},
		{"keywords as string", "keywords", "wic, formula", "keywords", "keywords should be an array of strings"},
		{"address as string", "address", "610 S 200 E", "address", "address should be an object"},
		{"misspelled address field", "address", map[string]any{"streeet": "x"}, "address.streeet", `did you mean "address.street"?`},
		{"unknown field", "phone", "801-535-6000", "phone", `unknown field "phone"; did you mean "phones"?`},
		{"field in capitals", "Name", "WIC", "Name", `unknown field "Name"; did you mean "name"?`},
		{"strange field", "zzzzzzzz", 1, "zzzzzzzz", "the fields are id, name, parent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := validRecord()
			if tt.value == nil {
				delete(rec, tt.field)
			} else {
				rec[tt.field] = tt.value
			}
			other := validRecord()
			other["id"] = "slco-other"
			file := fileOf(t, other, rec)
			_, err := ParseListings(bytes.NewReader(file))
			var ve *directory.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, directory.ErrInvalidFile) {
				t.Fatalf("ParseListings(%s = %v) = %v, want a *ValidationError", tt.field, tt.value, err)
			}
			var found bool
			for _, p := range ve.Problems {
				if p.Index == 1 && p.Field == tt.path && strings.Contains(p.Message, tt.want) {
					found = true
				}
				if p.Index != 1 {
					t.Errorf("problem %+v is about record %d, want only record 1", p, p.Index)
				}
			}
			if !found {
				t.Errorf("ParseListings(%s = %v) = %q, want a problem at record 1 field %q containing %q", tt.field, tt.value, err, tt.path, tt.want)
			}
		})
	}
}

func TestParseListingsStaffNotesOldName(t *testing.T) {
	// Files made for earlier releases call the staff notes "staff_notes".
	const head = `[{"id": "slco-wic", "name": "WIC", "level": "county", "phones": [{"label": "Main", "number": "211"}], `
	tests := []struct {
		name   string
		fields string
		want   string // the staff notes, if the record is valid
		err    string // the whole error, if it is not
	}{
		{"old name", `"staff_notes": "Ask for Pat."`, "Ask for Pat.", ""},
		{"new name", `"notes_for_staff": "Ask for Pat."`, "Ask for Pat.", ""},
		{"both, same text", `"staff_notes": "Ask for Pat.", "notes_for_staff": " Ask for Pat. "`, "Ask for Pat.", ""},
		{"both, different text", `"notes_for_staff": "Ask for Pat.", "staff_notes": "Ask for Sam."`, "",
			`record 1 (id "slco-wic"): notes_for_staff and staff_notes give different text; they are one field (staff_notes is its name in files made for earlier releases), so keep one`},
		{"both, different text, old name first", `"staff_notes": "Ask for Pat.", "notes_for_staff": "Ask for Sam."`, "",
			`record 1 (id "slco-wic"): staff_notes and notes_for_staff give different text; they are one field (staff_notes is its name in files made for earlier releases), so keep one`},
		{"old name twice", `"staff_notes": "Ask for Pat.", "staff_notes": "Ask for Pat."`, "",
			`record 1 (id "slco-wic"): field "staff_notes" appears more than once; keep one`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := head + tt.fields + `}]`
			got, err := ParseListings(strings.NewReader(file))
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Errorf("ParseListings(%s) = %v, want %q", file, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseListings(%s) = %v, want ok", file, err)
			}
			if got[0].StaffNotes != tt.want {
				t.Errorf("ParseListings(%s) staff notes = %q, want %q", file, got[0].StaffNotes, tt.want)
			}
		})
	}
}

func TestParseListingsPhoneNote(t *testing.T) {
	rec := validRecord()
	rec["phones"] = []any{map[string]any{"label": "Main line", "number": "385-468-4100", "note": " From a 2020 county page "}}
	got, err := ParseListings(bytes.NewReader(fileOf(t, rec)))
	if err != nil {
		t.Fatalf("ParseListings(phone with a note) = %v, want ok", err)
	}
	want := []directory.Phone{{Label: "Main line", Number: "385-468-4100", Note: "From a 2020 county page"}}
	if !reflect.DeepEqual(got[0].Phones, want) {
		t.Errorf("ParseListings(phone with a note) phones = %+v, want %+v", got[0].Phones, want)
	}
}

func TestParseListingsDuplicateKey(t *testing.T) {
	file := `[{"id": "slco-wic", "name": "WIC", "level": "county", "website": "https://slco.org", "name": "WIC again"}]`
	_, err := ParseListings(strings.NewReader(file))
	want := `record 1 (id "slco-wic"): field "name" appears more than once; keep one`
	if err == nil || err.Error() != want {
		t.Errorf("ParseListings(%s) = %v, want %q", file, err, want)
	}
}

func TestParseListingsReportsEveryProblem(t *testing.T) {
	noName := validRecord()
	noName["id"] = "slco-food"
	delete(noName, "name")
	dup := validRecord()
	notObject := "slco-wic"
	badPhone := validRecord()
	badPhone["id"] = "slco-phone"
	badPhone["phones"] = []any{map[string]any{"label": "Main", "number": "555"}}
	badPhone["level"] = "galactic"

	records := []any{validRecord(), noName, dup, notObject, badPhone}
	file, err := json.Marshal(records)
	if err != nil {
		t.Fatal(err)
	}
	_, err = ParseListings(bytes.NewReader(file))
	want := strings.Join([]string{
		`record 2 (id "slco-food"): name is empty; give the listing a name`,
		`record 3 (id "slco-wic"): id is also used by record 1; give each listing its own id`,
		`record 4 (no id): the record is a string, not a listing object { ... }`,
		`record 5 (id "slco-phone"): level "galactic" is not one of county, city, state, federal, nonprofit, business`,
		`record 5 (id "slco-phone"): phones[0] ("Main") number "555" is not a three-digit number in service here; those are 211, 311, 511, 711, 811, 911, 988`,
	}, "\n")
	if err == nil || err.Error() != want {
		t.Errorf("ParseListings = %v\nwant %s", err, want)
	}
}

// importNow is the clock of the tests that need one: verified_on may not be
// later than 2026-03-15 in Salt Lake County.
var importNow = time.Date(2026, time.March, 15, 10, 0, 0, 0, directory.Denver)

// TestParseListingsHugeDescription: a 10 MB description, which froze the
// window for minutes, is refused naming the record, with what to do.
func TestParseListingsHugeDescription(t *testing.T) {
	rec := validRecord()
	rec["description"] = strings.Repeat("Help with food. ", 10<<20/16) + "Call first."
	_, err := ParseListings(bytes.NewReader(fileOf(t, rec)))
	want := `record 1 (id "slco-wic"): description is 10485771 characters long, longer than 4000; shorten it`
	if err == nil || err.Error() != want {
		t.Errorf("ParseListings(10 MB description) = %.200v, want %q", err, want)
	}
}

// TestImportNamesRecordAndField: the importer reports Validate's problems
// naming the record and the field as the file writes them.
func TestImportNamesRecordAndField(t *testing.T) {
	rec := validRecord()
	rec["staff_notes"] = "call \u202Eback"
	rec["address"] = map[string]any{"street": "610 S 200 E", "city": "Salt Lake City", "state": "Utah", "zip": "84111"}
	rec["verified_on"] = "2026-03-16"
	_, err := readListings(bytes.NewReader(fileOf(t, validRecord(), rec)), importNow)
	want := strings.Join([]string{
		`record 2 (id "slco-wic"): staff_notes contains U+202E (right-to-left override), an invisible character, at character 6; remove it`,
		`record 2 (id "slco-wic"): address.state "Utah" should be the two capital letters of the state's code: "UT"`,
		`record 2 (id "slco-wic"): verified_on 2026-03-16 is in the future; give the day a person last checked the listing, today (2026-03-15) or earlier`,
		`record 2 (id "slco-wic"): id is also used by record 1; give each listing its own id`,
	}, "\n")
	if err == nil || err.Error() != want {
		t.Errorf("parseListings = %v\nwant %s", err, want)
	}
}

// An import streams the file, and still places a problem the way editors
// count: by line and character, even past the part it keeps.
func TestPositionReaderLineCol(t *testing.T) {
	long := strings.Repeat("x", 3*keepBytes) + "\né" + strings.Repeat("y", 3*keepBytes)
	tests := []struct {
		data      string
		offset    int64
		line, col int
	}{
		{"abc", 0, 1, 1},
		{"abc", 2, 1, 3},
		{"a\nbc", 2, 2, 1},
		{"a\nbc", 4, 2, 3},
		{"é\né", 5, 2, 2},
		{"abc", 99, 1, 4},
		{long, int64(len(long)), 2, 3*keepBytes + 2},
		{long, int64(len(long)) - 10, 2, 3*keepBytes - 8},
	}
	for _, tt := range tests {
		pr := newPositionReader(strings.NewReader(tt.data))
		if _, err := io.Copy(io.Discard, pr); err != nil {
			t.Fatal(err)
		}
		if line, col := pr.lineCol(tt.offset); line != tt.line || col != tt.col {
			t.Errorf("lineCol(%.20q, %d) = %d, %d, want %d, %d", tt.data, tt.offset, line, col, tt.line, tt.col)
		}
	}
}

func FuzzParseListings(f *testing.F) {
	// Two real records rather than the whole default file: the fuzzer
	// mutates and minimizes seeds, which is slow on 300 KB.
	var def []json.RawMessage
	if err := json.Unmarshal(data.Agencies, &def); err != nil {
		f.Fatal(err)
	}
	two, err := json.Marshal(def[:2])
	if err != nil {
		f.Fatal(err)
	}
	f.Add(two)
	f.Add([]byte(`[{"id":"a","name":"b","level":"city","phones":[{"label":"x","number":"211","ext":"1"}]}]`))
	f.Add([]byte(`[{"id":"a","name":" b ","level":"State","status":"","alert_until":"2026-01-01","website":"x.org"}]`))
	f.Add([]byte(`[{"id":"a","name":"b","level":"city","updated_at":"2026-01-02T03:04:05+07:00"}]`))
	f.Add([]byte(`[null, 1, "x", [], {}]`))
	f.Add([]byte(`[{"id":"a","name":"b\u0000","level":"city"}]`))
	f.Add([]byte("\xEF\xBB\xBF[{\"id\":\"a\"}"))
	f.Add([]byte(`{"id":"a"}`))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, file []byte) {
		got, err := ParseListings(bytes.NewReader(file))
		if err != nil {
			if got != nil {
				t.Fatalf("ParseListings returned listings and error %v", err)
			}
			if !errors.Is(err, directory.ErrInvalidFile) {
				t.Fatalf("ParseListings error %v does not match ErrInvalidFile", err)
			}
			return
		}
		if len(got) == 0 {
			t.Fatal("ParseListings accepted a file with no listings")
		}
		out, err := json.Marshal(got)
		if err != nil {
			t.Fatalf("json.Marshal(accepted listings) = %v", err)
		}
		again, err := ParseListings(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("ParseListings(json.Marshal(accepted)) = %v\nfile: %s", err, out)
		}
		for i := range got {
			if !got[i].UpdatedAt.Equal(again[i].UpdatedAt) {
				t.Fatalf("record %d updated_at %v became %v", i, got[i].UpdatedAt, again[i].UpdatedAt)
			}
			got[i].UpdatedAt = again[i].UpdatedAt
		}
		if !reflect.DeepEqual(got, again) {
			t.Fatalf("round trip changed the listings:\n%+v\n%+v", got, again)
		}
	})
}

// A dry run's report needs the records that are fine beside those that
// are not: ReadListings returns every record, in file order, with the
// problems.
func TestReadListingsKeepsTheValidRecords(t *testing.T) {
	bad := validRecord()
	bad["id"] = "slco-other"
	bad["level"] = "galactic"
	got, err := ReadListings(bytes.NewReader(fileOf(t, validRecord(), bad)))
	var ve *directory.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Index != 1 {
		t.Fatalf("ReadListings = %v, want one problem, with record 1", err)
	}
	if len(got) != 2 || got[0].ID != "slco-wic" || got[1].ID != "slco-other" {
		t.Errorf("ReadListings gave %d listings, want both records in file order", len(got))
	}
	if got, err := ParseListings(bytes.NewReader(fileOf(t, validRecord(), bad))); got != nil || err == nil {
		t.Errorf("ParseListings = %d listings, %v; want none and the problem", len(got), err)
	}
}

// BenchmarkReadListings100k reads a statewide file of 100,000 listings as
// an import does, a record at a time. Peak memory is measured on the
// whole command (/usr/bin/time -v nowrongdoor import), where it counts.
func BenchmarkReadListings100k(b *testing.B) {
	var def []directory.Listing
	if err := json.Unmarshal(data.Agencies, &def); err != nil {
		b.Fatal(err)
	}
	file, err := json.Marshal(directorytest.Synthetic(def, 100_000))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	for b.Loop() {
		ls, err := ReadListings(bytes.NewReader(file))
		if err != nil || len(ls) != 100_000 {
			b.Fatalf("ReadListings = %d, %v", len(ls), err)
		}
	}
}

// A large file is checked a batch at a time while the next is read: the
// listings still come back in file order, and a problem names its record.
func TestReadListingsManyBatches(t *testing.T) {
	var def []directory.Listing
	if err := json.Unmarshal(data.Agencies, &def); err != nil {
		t.Fatal(err)
	}
	ls := directorytest.Synthetic(def, 2*batchSize+500)
	bad := 2*batchSize + 7
	ls[bad].Name = ""
	file, err := json.Marshal(ls)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadListings(bytes.NewReader(file))
	var ve *directory.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Index != bad || ve.Problems[0].ID != ls[bad].ID {
		t.Fatalf("ReadListings = %v, want record %d's empty name", err, bad+1)
	}
	if len(got) != len(ls) {
		t.Fatalf("ReadListings gave %d listings, want %d", len(got), len(ls))
	}
	for i := range ls {
		if got[i].ID != ls[i].ID {
			t.Fatalf("listing %d is %q, want %q: the file's order is lost", i, got[i].ID, ls[i].ID)
		}
	}
}
