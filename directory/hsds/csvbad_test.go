package hsds

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nowrongdoor/directory"
)

// csvTestNow is the instant verified_on may not pass in these tests.
var csvTestNow = time.Date(2026, 11, 30, 12, 0, 0, 0, directory.Denver)

// csvGood are the tables of a small valid package.
func csvGood() map[string]string {
	return map[string]string{
		"services.csv": "id,name,organization_id,status\n" +
			"11111111-1111-4111-8111-111111111111,Food Pantry,22222222-2222-4222-8222-222222222222,active\n",
		"organizations.csv": "id,name,description\n22222222-2222-4222-8222-222222222222,Good Neighbors,\n",
		"phones.csv":        "id,service_id,number\n33333333-3333-4333-8333-333333333333,11111111-1111-4111-8111-111111111111,801-555-0100\n",
	}
}

// makePackage writes files into a new folder.
func csvMakePackage(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// makeZip writes entries (name -> content) as a zip in a new folder.
func csvMakeZip(t *testing.T, entries map[string]string) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "package.zip")
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for n, content := range entries {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, content)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// csvProblemsOf reads a package that must be refused and returns its
// problems, one a line.
func csvProblemsOf(t *testing.T, path string) string {
	t.Helper()
	res, err := readPackage(path, csvTestNow)
	var invalid *directory.ValidationError
	if !errors.As(err, &invalid) {
		t.Fatalf("ReadPackage = %d listings, err %v; want a ValidationError", len(res.Listings), err)
	}
	if !errors.Is(err, directory.ErrInvalidFile) {
		t.Errorf("ReadPackage error does not match ErrInvalidFile")
	}
	return err.Error()
}

func TestReadPackageGood(t *testing.T) {
	res, err := readPackage(csvMakePackage(t, csvGood()), csvTestNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Listings) != 1 || res.Listings[0].Name != "Food Pantry" || res.Listings[0].Organization != "Good Neighbors" ||
		len(res.Listings[0].Phones) != 1 || res.Listings[0].Phones[0].Number != "801-555-0100" {
		t.Errorf("ReadPackage(a small package) = %+v", res.Listings)
	}
	if res.Listings[0].ID != "11111111-1111-4111-8111-111111111111" {
		t.Errorf("a foreign service's listing id = %q, want its HSDS id", res.Listings[0].ID)
	}
}

func TestReadPackageBadInput(t *testing.T) {
	with := func(changes map[string]string) map[string]string {
		files := csvGood()
		for k, v := range changes {
			if v == "" {
				delete(files, k)
			} else {
				files[k] = v
			}
		}
		return files
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string // each in the problems
	}{
		{"empty folder", map[string]string{}, []string{"the package is empty", "services.csv"}},
		{"no services.csv", with(map[string]string{"services.csv": ""}), []string{"no services.csv"}},
		{"empty services.csv", with(map[string]string{"services.csv": "\n"}), []string{"services.csv is empty", "header row"}},
		{"a row with a field too many", with(map[string]string{"phones.csv": "id,service_id,number\na,b,c,d\n"}),
			[]string{"phones.csv line 2", "4 fields and the header row 3", "double quotes"}},
		{"a bare quote", with(map[string]string{"organizations.csv": "id,name,description\n22222222-2222-4222-8222-222222222222,Good \"Neighbors\",\n"}),
			[]string{"organizations.csv line 2, column 43", "double quote"}},
		{"an unclosed quote", with(map[string]string{"phones.csv": "id,service_id,number\n33333333-3333-4333-8333-333333333333,\"11111111\n"}),
			[]string{"phones.csv line 2", "not closed"}},
		{"an unknown column", with(map[string]string{"phones.csv": "id,service_id,nubmer\n33333333-3333-4333-8333-333333333333,11111111-1111-4111-8111-111111111111,801-555-0100\n"}),
			[]string{`phones.csv: unknown column "nubmer"; did you mean "number"?`}},
		{"a column named twice", with(map[string]string{"phones.csv": "id,number,number\n"}), []string{"names column number twice"}},
		{"no id column", with(map[string]string{"phones.csv": "service_id,number\n"}), []string{"phones.csv has no id column"}},
		{"an orphan phone", with(map[string]string{"phones.csv": "id,service_id,number\n" +
			"33333333-3333-4333-8333-333333333333,11111111-1111-4111-8111-111111111111,801-555-0100\n" +
			"44444444-4444-4444-8444-444444444444,99999999-9999-4999-8999-999999999999,801-555-0101\n"}),
			[]string{`phones.csv row 3, column service_id: "99999999-9999-4999-8999-999999999999" names no record of services.csv`}},
		{"an address of no location", with(map[string]string{"addresses.csv": "id,location_id,address_1,city,state_province,postal_code,country,address_type\n1,nowhere,1 Main,Sandy,UT,84070,US,physical\n"}),
			[]string{`addresses.csv row 2, column location_id: "nowhere" names no record of locations.csv`}},
		{"a service of no organization", with(map[string]string{"organizations.csv": ""}),
			[]string{`record 1 (id "11111111-1111-4111-8111-111111111111"): services.csv row 2, column organization_id: "22222222-2222-4222-8222-222222222222" names no organization`}},
		{"a duplicate service id", with(map[string]string{"services.csv": "id,name,status\nx1,A,active\nx1,B,active\n"}),
			[]string{`services.csv row 3, column id: id "x1" is also row 2's`}},
		{"an extension that is not a number", with(map[string]string{"phones.csv": "id,service_id,number,extension\n3,11111111-1111-4111-8111-111111111111,801-555-0100,twelve\n"}),
			[]string{`phones.csv row 2, column extension: "twelve" is not a number`}},
		{"a bad phone number", with(map[string]string{"phones.csv": "id,service_id,number\n3,11111111-1111-4111-8111-111111111111,555-0100\n"}),
			[]string{`record 1 (id "11111111-1111-4111-8111-111111111111"): phones.csv row 2, column number`}},
		{"UTF-16", with(map[string]string{"services.csv": "\xff\xfei\x00d\x00"}), []string{"services.csv is UTF-16 text; save it as UTF-8"}},
		{"UTF-32 with no byte order mark", with(map[string]string{"services.csv": "i\x00\x00\x00d\x00\x00\x00"}), []string{"UTF-32 (with no byte order mark)"}},
		{"Latin-1", with(map[string]string{"services.csv": "id,name,status\nx1,Caf\xe9,active\n"}), []string{"services.csv line 2 is not UTF-8 text"}},
		{"a descriptor naming a missing file", with(map[string]string{"datapackage.json": `{"resources":[{"name":"service","path":"services.csv"},{"name":"phone","path":"telephones.csv"}]}`}),
			[]string{`datapackage.json names telephones.csv for resource "phone", and the package has no such file`}},
		{"a descriptor path out of the package", with(map[string]string{"datapackage.json": `{"resources":[{"name":"service","path":"../services.csv"}]}`}),
			[]string{`resource "service" has path "../services.csv", which is not a file in the package`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := csvProblemsOf(t, csvMakePackage(t, tc.files))
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("problems do not say %q:\n%s", w, msg)
				}
			}
		})
	}
}

func TestReadPackageByDescriptor(t *testing.T) {
	// A descriptor may give a table any file name.
	files := csvGood()
	files["numbers.csv"] = files["phones.csv"]
	delete(files, "phones.csv")
	files["datapackage.json"] = `{"resources":[{"name":"service","path":"services.csv"},{"name":"organization","path":"organizations.csv"},{"name":"phone","path":"numbers.csv"}]}`
	res, err := readPackage(csvMakePackage(t, files), csvTestNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Listings) != 1 || len(res.Listings[0].Phones) != 1 {
		t.Errorf("ReadPackage(phones in numbers.csv, as datapackage.json says) = %+v", res.Listings)
	}
	delete(res.NotKept, "level inferred") // HSDS has no level
	if len(res.NotKept) != 0 {
		t.Errorf("not kept %v", res.NotKept)
	}
}

func TestReadPackageZip(t *testing.T) {
	// A zip of the package's folder, or of its files, reads as the folder.
	for name, prefix := range map[string]string{"files": "", "one folder": "export/"} {
		entries := map[string]string{}
		for n, c := range csvGood() {
			entries[prefix+n] = c
		}
		if prefix != "" {
			entries[prefix] = ""
			entries["__MACOSX/._services.csv"] = "finder data"
		}
		res, err := readPackage(csvMakeZip(t, entries), csvTestNow)
		if err != nil || len(res.Listings) != 1 || len(res.Listings[0].Phones) != 1 {
			t.Errorf("ReadPackage(a zip of %s) = %+v, %v", name, res.Listings, err)
		}
	}
	for _, tc := range []struct {
		name    string
		entries map[string]string
		want    string
	}{
		{"a path out of the zip", map[string]string{"services.csv": "id,name\n", "../../etc/cron.d/x": "boom"}, `"../../etc/cron.d/x", which points outside the package`},
		{"an absolute path", map[string]string{"/etc/passwd": "x"}, "points outside the package"},
		{"a folder within a folder", map[string]string{"export/data/services.csv": "id,name\n"}, "a folder within a folder"},
		{"two folders", map[string]string{"a/services.csv": "id,name\n", "b/services.csv": "id,name\n"}, "folders beside the package's files"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readPackage(csvMakeZip(t, tc.entries), csvTestNow)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ReadPackage = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestReadPackageRefusesAZipBomb(t *testing.T) {
	// A zip bomb is small and unpacks to gigabytes, as its headers say
	// (archive/zip refuses to unpack more than they say): three entries of
	// 400 MB of zeros each, deflated to 400 KB. It is refused before a
	// byte is unpacked.
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 400 {
		fw.Write(zeros)
	}
	fw.Close()
	sum := crc32.NewIEEE()
	for range 400 {
		sum.Write(zeros)
	}
	name := filepath.Join(t.TempDir(), "bomb.zip")
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	for i := range 3 {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: strings.Repeat("x", i+1) + ".csv", Method: zip.Deflate,
			CRC32: sum.Sum32(), CompressedSize64: uint64(deflated.Len()), UncompressedSize64: 400 << 20})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(deflated.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, zb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := readPackage(name, csvTestNow)
	if err == nil || !strings.Contains(err.Error(), "unpacks to more than 1024 MB") {
		t.Errorf("ReadPackage(a zip of 1.2 GB of zeros) = %v, want a refusal", err)
	}
	// An entry whose header claims less than it holds is cut off by
	// archive/zip, and named.
	var b bytes.Buffer
	zw = zip.NewWriter(&b)
	var body bytes.Buffer
	cw := csv.NewWriter(&body)
	cw.Write([]string{"id", "name", "status"})
	for i := range 1000 {
		cw.Write([]string{"x" + strings.Repeat("0", i%7), "A", "active"})
	}
	cw.Flush()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "services.csv", Method: zip.Store, UncompressedSize64: 20, CompressedSize64: uint64(body.Len())})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body.Bytes())
	zw.Close()
	liar := filepath.Join(t.TempDir(), "liar.zip")
	os.WriteFile(liar, b.Bytes(), 0o644)
	msg := csvProblemsOf(t, liar)
	if !strings.Contains(msg, "services.csv") {
		t.Errorf("ReadPackage(a zip entry larger than its header says) = %s; want services.csv named", msg)
	}
}

func TestReadPackageNotAPackage(t *testing.T) {
	file := filepath.Join(t.TempDir(), "agencies.json")
	os.WriteFile(file, []byte(`[{"id":"x"}]`), 0o644)
	if _, err := readPackage(file, csvTestNow); err == nil || !strings.Contains(err.Error(), "neither a folder nor a zip file") {
		t.Errorf("ReadPackage(a JSON file) = %v, want it named not a package", err)
	}
	if _, err := readPackage(filepath.Join(t.TempDir(), "missing"), csvTestNow); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ReadPackage(a missing folder) = %v, want not exist", err)
	}
}
