package hsds

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"nowrongdoor/directory"
)

// FuzzReadPackageCSV reads packages whose services.csv and phones.csv are
// anything: the reader never panics, refuses with a ValidationError whose
// problems each say something, or reads listings that are valid and come
// back the same through an export.
func FuzzReadPackageCSV(f *testing.F) {
	good := csvGood()
	f.Add([]byte(good["services.csv"]), []byte(good["phones.csv"]))
	f.Add([]byte("\uFEFFid,name,status,description\ns1,\"A, \"\"quoted\"\"\nname\",active,\n"), []byte("id,service_id,number,extension\np1,s1,801-555-0100,12\np2,s1,,\n"))
	f.Add([]byte("id,name\ns1,A,extra\n"), []byte("id,service_id,number\np1,nowhere,1\n"))
	f.Add([]byte("id,name\ns1,a\"b\n"), []byte("id,service_id,nubmer\n"))
	f.Add([]byte("\xff\xfei\x00d\x00"), []byte(""))
	f.Add([]byte("id,name,status\ns1,A,active\ns1,B,active\n"), []byte("service_id\n"))
	if spec, _ := csvSpecPath(); spec != "" {
		// The spec's example, when the reference is at hand.
		s, err1 := os.ReadFile(filepath.Join(spec, "examples", "csv", "services.csv"))
		p, err2 := os.ReadFile(filepath.Join(spec, "examples", "csv", "phones.csv"))
		if err1 == nil && err2 == nil {
			f.Add(s, p)
		}
	}
	org := []byte(good["organizations.csv"])
	f.Fuzz(func(t *testing.T, services, phones []byte) {
		dir := t.TempDir()
		for name, data := range map[string][]byte{"services.csv": services, "phones.csv": phones, "organizations.csv": org} {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		res, err := readPackage(dir, csvTestNow)
		if err != nil {
			var invalid *directory.ValidationError
			if !errors.As(err, &invalid) {
				t.Fatalf("ReadPackage = %v, want nil or a ValidationError", err)
			}
			for _, p := range invalid.Problems {
				if p.Message == "" || p.Index < -1 {
					t.Fatalf("problem %+v says nothing or names no record", p)
				}
			}
			return
		}
		for i := range res.Listings {
			if ps := res.Listings[i].Validate(csvTestNow); len(ps) > 0 {
				t.Fatalf("ReadPackage read listing %d with problems %v", i, ps)
			}
		}
		out := filepath.Join(t.TempDir(), "again")
		if err := WritePackage(out, pointers(res.Listings)); err != nil {
			t.Fatalf("WritePackage(what ReadPackage read): %v", err)
		}
		back, err := readPackage(out, csvTestNow)
		if err != nil {
			t.Fatalf("ReadPackage(an export of what it read): %v", err)
		}
		if len(back.Listings) != len(res.Listings) {
			t.Fatalf("read back %d listings, want %d", len(back.Listings), len(res.Listings))
		}
		for i := range res.Listings {
			a, b := back.Listings[i], res.Listings[i]
			if len(a.Phones) == 0 && len(b.Phones) == 0 {
				a.Phones, b.Phones = nil, nil
			}
			if !a.UpdatedAt.Equal(b.UpdatedAt) {
				t.Fatalf("listing %d: UpdatedAt %v read back as %v", i, b.UpdatedAt, a.UpdatedAt)
			}
			a.UpdatedAt = b.UpdatedAt
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("listing %d read back differs:\n got %+v\nwant %+v", i, a, b)
			}
		}
	})
}
