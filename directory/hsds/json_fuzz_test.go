package hsds

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nowrongdoor/directory"
)

// FuzzReadJSON feeds ReadJSON anything: it must never panic, and must
// either read listings that are valid or say what is wrong with the file;
// what it reads, written again and read back, is the same.
func FuzzReadJSON(f *testing.F) {
	// Small seeds: the fuzzer minimizes every input that finds new code,
	// and a large one takes it minutes.
	ls := defaultListings(f)
	smallest := ls[0]
	for _, l := range ls {
		if len(export(f, []directory.Listing{l})) < len(export(f, []directory.Listing{smallest})) {
			smallest = l
		}
	}
	f.Add(export(f, []directory.Listing{smallest}))
	rich := richListing()
	rich.Normalize()
	f.Add(export(f, []directory.Listing{rich}))
	for _, s := range []string{"", "[", "[]", "{}", `{"contents": []}`, "null", `"x"`, "[" + pantry + "]", pantry,
		`[{"name": 5}]`, `[{"nmae": "x"}]`, strings.Repeat("[", 200),
		`[{"name": "x", "url": "https://e.org", "schedules": [{"id": "s", "byday": "MO", "opens_at": "22:00", "closes_at": "02:00"}]}]`} {
		f.Add([]byte(s))
	}
	// The specification's examples, when they are beside the repository.
	if wd, err := os.Getwd(); err == nil {
		for dir := wd; filepath.Dir(dir) != dir; dir = filepath.Dir(dir) {
			for _, name := range []string{"service_full.json", "service_list.json"} {
				if b, err := os.ReadFile(filepath.Join(dir, "shared", "hsds", "examples", name)); err == nil {
					f.Add(b)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, file []byte) {
		res, err := readJSON(bytes.NewReader(file), testNow)
		// The reader's own JSON scanner agrees with encoding/json.
		valid := json.Valid(bytes.TrimPrefix(file, []byte("\xEF\xBB\xBF")))
		if err != nil {
			var ve *directory.ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 {
				t.Fatalf("ReadJSON error %v is not a list of problems", err)
			}
			if msg := ve.Problems[0].Message; valid && (strings.Contains(msg, "syntax error") || strings.Contains(msg, "not JSON") || strings.Contains(msg, "cut short")) {
				t.Fatalf("ReadJSON says valid JSON is not: %s", msg)
			}
			return
		}
		if !valid {
			t.Fatal("ReadJSON read a file that is not JSON")
		}
		if len(res.Listings) == 0 {
			t.Fatal("ReadJSON read no listings and said nothing was wrong")
		}
		if err := directory.ValidateListings(res.Listings, testNow); err != nil {
			t.Fatalf("ReadJSON read listings that are not valid: %v", err)
		}
		again, err := readJSON(bytes.NewReader(export(t, res.Listings)), testNow)
		if err != nil {
			t.Fatalf("what ReadJSON read does not read back: %v", err)
		}
		for i := range res.Listings {
			if diff := listingDiff(again.Listings[i], res.Listings[i]); diff != "" {
				t.Fatalf("listing %d changed on a round trip: %s", i, diff)
			}
		}
	})
}
