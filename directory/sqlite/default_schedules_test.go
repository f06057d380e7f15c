package sqlite

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"nowrongdoor/data"
)

var updateSchedules = flag.Bool("update-schedules", false, "rewrite testdata/default_schedules.txt from the store")

// TestDefaultDirectorySchedules seeds the default directory and compares
// every listing's stored schedules (labels, days and times, Proposed,
// Unconfirmed, description) with those recorded when the hours reader
// still ran inside Listing.Normalize, so that moving the reader to its
// own package, called at import, changes nothing a desk shows.
func TestDefaultDirectorySchedules(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	if _, err := s.SyncDefault(ctx, data.Agencies); err != nil {
		t.Fatalf("SyncDefault = %v", err)
	}
	ls, err := s.Listings(ctx)
	if err != nil {
		t.Fatalf("Listings() = %v", err)
	}
	var lines []string
	for _, l := range ls {
		for _, sc := range l.Schedules {
			lines = append(lines, fmt.Sprintf("%s\t%s\tproposed=%v\tdescription=%q\tvalid=%s..%s",
				l.ID, sc, sc.Proposed, sc.Description, sc.ValidFrom, sc.ValidTo))
		}
	}
	slices.Sort(lines)
	got := strings.Join(lines, "\n") + "\n"
	path := filepath.Join("testdata", "default_schedules.txt")
	if *updateSchedules {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	file, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSuffix(string(file), "\n"), "\n")
	if len(lines) != len(want) {
		t.Errorf("the default directory has %d schedules, want %d", len(lines), len(want))
	}
	for i := range min(len(lines), len(want)) {
		if lines[i] != want[i] {
			t.Errorf("schedule %d = %q, want %q", i, lines[i], want[i])
		}
	}
}
