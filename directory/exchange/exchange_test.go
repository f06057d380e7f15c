package exchange

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"nowrongdoor/data"
	"nowrongdoor/directory"
	"nowrongdoor/directory/jsonfile"
)

func defaultListings(t *testing.T) []directory.Listing {
	t.Helper()
	ls, err := jsonfile.ParseListings(bytes.NewReader(data.Agencies))
	if err != nil {
		t.Fatal(err)
	}
	return ls
}

func writeTemp(t *testing.T, name string, content []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDetect(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(t.TempDir(), "feed")
	hasFifo := makeFifo(t, fifo)
	utf16 := func(s string, big bool) []byte {
		var b []byte
		for _, c := range []byte(s) {
			if big {
				b = append(b, 0, c)
			} else {
				b = append(b, c, 0)
			}
		}
		return b
	}
	tests := []struct {
		name string
		path string
		want Format
		err  string // a substring of the error, when it is refused
	}{
		{"the default data", writeTemp(t, "agencies.json", data.Agencies), JSON, ""},
		{"an HSDS service", writeTemp(t, "s.json", []byte(`{"id": "x", "name": "Y", "status": "active"}`)), HSDSJSON, ""},
		{"a list of HSDS services", writeTemp(t, "l.json", []byte(`[{"id": "x", "name": "Y", "status": "active", "url": "https://x.org", "organization": {}}]`)), HSDSJSON, ""},
		{"our records", writeTemp(t, "o.json", []byte(`[{"id": "x", "name": "Y", "level": "county", "website": "https://x.org"}]`)), JSON, ""},
		{"a record cut short", writeTemp(t, "c.json", []byte(`[{"id": "x", "name": "Y", "parent": "Z", "le`)), JSON, ""},
		{"a folder", dir, HSDSCSV, ""},
		{"a zip", writeTemp(t, "p.zip", []byte("PK\x03\x04rest")), HSDSCSV, ""},
		{"one CSV table", writeTemp(t, "services.csv", []byte("id,name\n")), "", "the folder or .zip that holds datapackage.json"},
		{"UTF-16 LE without BOM", writeTemp(t, "u.json", utf16(`[{"id": "x"}]`, false)), "", "UTF-16 text (little-endian, no byte order mark)"},
		{"UTF-16 BE without BOM", writeTemp(t, "u.json", utf16(`[{"id": "x"}]`, true)), "", "UTF-16 text (big-endian, no byte order mark)"},
		{"UTF-16 LE with BOM", writeTemp(t, "u.json", append([]byte{0xFF, 0xFE}, utf16(`[]`, false)...)), "", "UTF-16 text (little-endian, with a byte order mark)"},
		{"UTF-32 LE", writeTemp(t, "u.json", []byte("[\x00\x00\x00]\x00\x00\x00")), "", "UTF-32 text (little-endian)"},
		{"UTF-32 BE with BOM", writeTemp(t, "u.json", []byte("\x00\x00\xFE\xFF\x00\x00\x00[")), "", "UTF-32 text (big-endian)"},
		{"gzip", writeTemp(t, "a.json.gz", []byte{0x1F, 0x8B, 8, 0}), "", "gzip"},
		{"a database", writeTemp(t, "a.db", []byte("SQLite format 3\x00....")), "", "use restore"},
		{"a device", "/dev/zero", "", "is a device"},
		{"a pipe", fifo, "", "is a pipe"},
		{"nothing", filepath.Join(dir, "missing.json"), "", "does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if (tt.path == fifo && !hasFifo) || (tt.path == "/dev/zero" && runtime.GOOS == "windows") {
				t.Skip("no such file on this system")
			}
			got, err := Detect(tt.path)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("Detect = %q, %v; want an error saying %q", got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("Detect = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// A dry run's report: what passes and what does not, by record.
func TestReadSplitsInvalidRecords(t *testing.T) {
	def := defaultListings(t)
	bad := def[3]
	bad.Phones = []directory.Phone{{Label: "Main", Number: "801-555-01"}}
	var file bytes.Buffer
	if err := jsonfile.Write(&file, []directory.Listing{def[0], bad, def[5]}); err != nil {
		t.Fatal(err)
	}
	res, err := Read(context.Background(), writeTemp(t, "x.json", file.Bytes()), JSON)
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 3 || len(res.Listings) != 2 || res.InvalidRecords() != 1 || res.Listings[1].ID != def[5].ID {
		t.Errorf("Read = %d records, %d listings, %d invalid; want 3, 2 (the first and third), 1", res.Records, len(res.Listings), res.InvalidRecords())
	}
	if len(res.Invalid) != 1 || res.Invalid[0].Index != 1 || res.Invalid[0].Field != "phones[0].number" {
		t.Errorf("Invalid = %+v, want record 1's phones[0].number", res.Invalid)
	}
}

func TestReadStopsWhenInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Read(ctx, writeTemp(t, "a.json", data.Agencies), JSON)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Read(cancelled) = %v, want context.Canceled", err)
	}
}

// The directory's own JSON, exported and read again, is the directory.
func TestWriteJSONRoundTrip(t *testing.T) {
	def := defaultListings(t)
	path := filepath.Join(t.TempDir(), "export.json")
	if err := Write(context.Background(), path, JSON, def, false); err != nil {
		t.Fatal(err)
	}
	res, err := Read(context.Background(), path, JSON)
	if err != nil || len(res.Invalid) > 0 {
		t.Fatalf("Read(export) = %v, %v", err, res.Invalid)
	}
	if !reflect.DeepEqual(res.Listings, def) {
		t.Errorf("the export read back differs from the directory")
	}
	if err := Write(context.Background(), path, JSON, def, false); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("Write(over an export) = %v, want it refused", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files, want only the export", len(entries))
	}
}

func TestWriteInterruptedLeavesNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	if err := Write(ctx, filepath.Join(dir, "x.csv"), CSV, defaultListings(t), false); !errors.Is(err, context.Canceled) {
		t.Errorf("Write(cancelled) = %v, want context.Canceled", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("an interrupted export left %d files", len(entries))
	}
}

// The spreadsheet export opens in Excel as UTF-8, one row per listing,
// with every field, and a partner's formula stays text.
func TestWriteSheet(t *testing.T) {
	def := defaultListings(t)
	evil := def[0]
	evil.ID, evil.Name = "evil", `=HYPERLINK("http://x.example","click")`
	path := filepath.Join(t.TempDir(), "directory.csv")
	if err := Write(context.Background(), path, CSV, append(def[:len(def):len(def)], evil), false); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte("\xEF\xBB\xBFid,name,parent,")) || !bytes.Contains(raw, []byte("\r\n")) {
		t.Errorf("the sheet starts %q, want a UTF-8 byte order mark, the header and CRLF lines", raw[:min(40, len(raw))])
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(def)+2 {
		t.Fatalf("the sheet has %d rows, want a header and %d listings", len(rows), len(def)+1)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	for _, name := range []string{"id", "name", "phones", "address.street", "schedules", "languages", "notes_for_staff", "updated_at"} {
		if _, ok := col[name]; !ok {
			t.Errorf("the sheet has no %s column", name)
		}
	}
	first := rows[1]
	if first[col["id"]] != def[0].ID || first[col["name"]] != def[0].Name || !strings.Contains(first[col["phones"]], def[0].Phones[0].Number) {
		t.Errorf("row 1 = %q, want %s with its name and phone", first[:3], def[0].ID)
	}
	if got := rows[len(rows)-1][col["name"]]; got != "'"+evil.Name {
		t.Errorf("a formula name is written %q, want it kept as text with a leading apostrophe", got)
	}
}

// Every format an import reads gives back the directory it was exported
// from, detected by its shape alone.
func TestExportReadBackEveryFormat(t *testing.T) {
	def := defaultListings(t)
	for _, format := range []Format{HSDSJSON, HSDSCSV, JSON} {
		t.Run(string(format), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "export")
			if err := Write(context.Background(), path, format, def, false); err != nil {
				t.Fatal(err)
			}
			detected, err := Detect(path)
			if err != nil || detected != format {
				t.Fatalf("Detect(export) = %q, %v; want %q", detected, err, format)
			}
			res, err := Read(context.Background(), path, format)
			if err != nil || len(res.Invalid) > 0 || res.Records != len(def) {
				t.Fatalf("Read(export) = %d records, %v, %v", res.Records, res.Invalid, err)
			}
			want := def
			if format != JSON {
				// HSDS exports list services in the order of their ids.
				byID := func(a, b directory.Listing) int { return strings.Compare(a.ID, b.ID) }
				slices.SortFunc(res.Listings, byID)
				want = slices.Clone(def)
				slices.SortFunc(want, byID)
			}
			if !reflect.DeepEqual(res.Listings, want) {
				for i := range want {
					if !reflect.DeepEqual(res.Listings[i], want[i]) {
						got, exp := reflect.ValueOf(res.Listings[i]), reflect.ValueOf(want[i])
						for f := range got.NumField() {
							if !reflect.DeepEqual(got.Field(f).Interface(), exp.Field(f).Interface()) {
								t.Errorf("%s: %s = %#v, want %#v", want[i].ID, got.Type().Field(f).Name, got.Field(f).Interface(), exp.Field(f).Interface())
							}
						}
						t.FailNow()
					}
				}
			}
			// An export again, over the first, when the admin has agreed.
			if err := Write(context.Background(), path, format, def[:3], true); err != nil {
				t.Fatalf("Write(replace) = %v", err)
			}
			if res, err := Read(context.Background(), path, format); err != nil || res.Records != 3 {
				t.Errorf("Read(replaced export) = %d records, %v; want 3", res.Records, err)
			}
		})
	}
}

// An HSDS file with one bad record: the others are there for the report.
func TestReadHSDSSplitsInvalidRecords(t *testing.T) {
	def := defaultListings(t)[:4]
	def[2].Email = "not an address"
	path := filepath.Join(t.TempDir(), "hsds.json")
	if err := Write(context.Background(), path, HSDSJSON, def, false); err != nil {
		t.Fatal(err)
	}
	res, err := Read(context.Background(), path, HSDSJSON)
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 4 || len(res.Listings) != 3 || len(res.Invalid) != 1 || res.Invalid[0].Index != 2 {
		t.Errorf("Read = %d records, %d listings, problems %+v; want 4, 3 and record 2's email", res.Records, len(res.Listings), res.Invalid)
	}
}
