package search_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestNeedsNameListings: every listing a need or the crisis rail names is
// in the default directory, so a renamed id cannot silently drop a need's
// best answer.
func TestNeedsNameListings(t *testing.T) {
	listings, _ := searchDefaults(t)
	have := map[string]bool{}
	for _, l := range listings {
		have[l.ID] = true
	}
	tables, err := filepath.Glob("needs/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range append(tables, "crisis.txt") {
		b, err := os.ReadFile(table)
		if err != nil {
			t.Fatal(err)
		}
		for n, line := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(line, "[") {
				continue
			}
			_, ids, _ := strings.Cut(line, "]")
			for _, id := range strings.Fields(strings.ReplaceAll(ids, "|", " ")) {
				if !have[id] {
					t.Errorf("%s:%d names %q, which is not in the default directory", table, n+1, id)
				}
			}
		}
	}
}

// TestNeedExamples: each phrasing in needs/examples/ ("need: what
// a customer says") has its need. The phrasings are written apart from the
// desk question sets, as examples of each need's meaning.
func TestNeedExamples(t *testing.T) {
	_, ix := searchDefaults(t)
	files, err := filepath.Glob("needs/examples/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no need examples: %v", err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for n, line := range strings.Split(string(b), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			need, phrase, ok := strings.Cut(line, ":")
			if !ok {
				t.Errorf("%s:%d: want need: phrasing", file, n+1)
				continue
			}
			need, phrase = strings.TrimSpace(need), strings.TrimSpace(phrase)
			if got := ix.Needs(phrase); !slices.Contains(got, need) {
				t.Errorf("Needs(%q) = %v, want %s (%s:%d)", phrase, got, need, file, n+1)
			}
		}
	}
}
