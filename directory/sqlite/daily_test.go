package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestDailyBackup: one backup a day, under the day's name, that opens
// with the directory in it; a week of them kept, the oldest going first;
// files it did not make left alone.
func TestDailyBackup(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	if _, err := s.SeedIfEmpty(ctx, defaultListings(t)); err != nil {
		t.Fatal(err)
	}
	dir := BackupFolder(s.Path())
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(dir, "nowrongdoor-before-the-move.db")
	if err := os.WriteFile(mine, []byte("an admin's own copy"), 0o600); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, time.November, 20, 18, 0, 0, 0, time.UTC) // 11am in Denver
	path, made, err := s.DailyBackup(ctx, day)
	if err != nil || !made || filepath.Base(path) != "nowrongdoor-2026-11-20.db" {
		t.Fatalf("DailyBackup = %q, %v, %v; want today's made", path, made, err)
	}
	if again, made, err := s.DailyBackup(ctx, day.Add(time.Hour)); err != nil || made || again != path {
		t.Errorf("a second DailyBackup the same day = %q, %v, %v; want today's kept as it is", again, made, err)
	}
	b, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	n, err := b.Count(ctx)
	b.Close()
	if err != nil || n != len(defaultListings(t)) {
		t.Errorf("the backup holds %d listings, %v; want the directory's %d", n, err, len(defaultListings(t)))
	}
	for i := 1; i <= 10; i++ {
		if _, _, err := s.DailyBackup(ctx, day.AddDate(0, 0, i)); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := filepath.Glob(filepath.Join(dir, "nowrongdoor-2026-*.db"))
	var names []string
	for _, p := range got {
		names = append(names, filepath.Base(p))
	}
	slices.Sort(names)
	if len(names) != BackupGenerations || names[0] != "nowrongdoor-2026-11-24.db" || names[len(names)-1] != "nowrongdoor-2026-11-30.db" {
		t.Errorf("backups kept: %q, want the last %d days", names, BackupGenerations)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("a file the daily backup did not make was removed: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*.partial")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}
