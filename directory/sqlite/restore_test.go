package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"nowrongdoor/directory"
)

// listingCount opens the database at path and counts its listings.
func listingCount(t *testing.T, path string) int {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%s) = %v", path, err)
	}
	defer s.Close()
	n, err := s.Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// seededAt makes a database at path holding the default directory, closed.
func seededAt(t *testing.T, path string) {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.SeedIfEmpty(context.Background(), defaultListings(t)); err != nil {
		t.Fatal(err)
	}
}

// addSample imports one more listing into the database at path.
func addSample(t *testing.T, path, id string) {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Import(context.Background(), []directory.Listing{sample(id, "Sample "+id)}, ImportOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
}

var restoreTime = time.Date(2026, time.November, 30, 22, 42, 7, 0, time.UTC) // 3:42:07pm in Denver

func TestRestoreReplacesAndKeeps(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "nowrongdoor.db")
	seededAt(t, path)
	backup := filepath.Join(t.TempDir(), "monday.db")
	s := openStoreAt(t, path)
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	s.Close()
	addSample(t, path, "after-the-backup")
	def := len(defaultListings(t))

	done, err := Restore(ctx, path, backup, restoreTime, "Ana")
	if err != nil {
		t.Fatalf("Restore = %v", err)
	}
	if want := path + ".replaced-2026-11-30-154207"; done.Listings != def || done.Replaced != want {
		t.Errorf("Restore = %+v, want %d listings and the old database kept as %s", done, def, want)
	}
	if n := listingCount(t, path); n != def {
		t.Errorf("restored database holds %d listings, want the backup's %d", n, def)
	}
	if n := listingCount(t, done.Replaced); n != def+1 {
		t.Errorf("kept database holds %d listings, want %d", n, def+1)
	}
	if left, _ := filepath.Glob(path + ".restoring*"); len(left) > 0 {
		t.Errorf("Restore left %v", left)
	}
	bs, err := Backups(path)
	if err != nil || len(bs) != 1 || bs[0].Kind != BackupReplaced || bs[0].Path != done.Replaced {
		t.Errorf("Backups after a restore = %+v, %v; want the replaced database", bs, err)
	}
	// The restore is on record in the restored directory: who, when, from
	// which backup, and where the replaced one is kept; the chain holds.
	restored := openStoreAt(t, path)
	defer restored.Close()
	events, err := restored.AuditEntries(ctx, "")
	if err != nil || len(events) == 0 {
		t.Fatalf("AuditEntries after a restore = %v, %v", events, err)
	}
	e := events[0]
	if e.Action != directory.ActionRestoreBackup || e.Actor != "Ana" || e.Note != "monday.db" || !e.At.Equal(restoreTime) ||
		!strings.Contains(string(e.Detail), done.Replaced) || !strings.Contains(string(e.Detail), backup) {
		t.Errorf("the newest event after a restore = %+v; want Ana's restore of monday.db, naming the kept database", e)
	}
	if err := restored.VerifyAudit(ctx); err != nil {
		t.Errorf("VerifyAudit after a restore = %v", err)
	}
}

func TestRestoreRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	foreign := filepath.Join(dir, "other.db")
	sqlExecFile(t, foreign, `CREATE TABLE notes (body TEXT)`)
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, []byte(strings.Repeat("not a database ", 400)), 0o600)

	for _, c := range []struct {
		name, from string
		want       error
	}{{"another program's", foreign, ErrForeign}, {"garbage", garbage, ErrCorrupt}, {"missing", filepath.Join(dir, "none.db"), os.ErrNotExist}} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "nowrongdoor.db")
			seededAt(t, path)
			before, _ := os.ReadFile(path)
			if _, err := Restore(ctx, path, c.from, restoreTime, "Ana"); !errors.Is(err, c.want) {
				t.Errorf("Restore(%s) = %v, want %v", c.name, err, c.want)
			}
			if after, _ := os.ReadFile(path); string(after) != string(before) {
				t.Error("a refused restore changed the database")
			}
			if left, _ := filepath.Glob(path + ".*"); len(left) > 0 {
				t.Errorf("a refused restore left %v", left)
			}
		})
	}

	t.Run("a desk has it open", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "nowrongdoor.db")
		seededAt(t, path)
		backup := path + ".copy"
		desk := openStoreAt(t, path)
		if err := desk.Backup(ctx, backup); err != nil {
			t.Fatal(err)
		}
		if _, err := desk.Listings(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := Restore(ctx, path, backup, restoreTime, "Ana"); !errors.Is(err, ErrInUse) {
			t.Errorf("Restore under an open desk = %v, want ErrInUse", err)
		}
		if left, _ := filepath.Glob(path + ".re*"); len(left) > 0 {
			t.Errorf("a refused restore left %v", left)
		}
	})
}

// TestRestoreAfterAStoppedOne: what a restore killed part way leaves (a
// staged copy with a log, a kept copy half written) is cleared by the
// next, which restores the backup and nothing of the leftovers.
func TestRestoreAfterAStoppedOne(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "nowrongdoor.db")
	seededAt(t, path)
	backup := filepath.Join(t.TempDir(), "b.db")
	s := openStoreAt(t, path)
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// A log of another database left beside the staged name: were it read
	// into the new copy, the restored file would hold its changes.
	other := path + ".restoring"
	seededAt(t, other)
	o, err := Open(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.db.Exec(`PRAGMA wal_autocheckpoint = 0`); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Import(ctx, []directory.Listing{sample("from-a-stale-log", "Stale")}, ImportOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	wal, err := os.ReadFile(other + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	if err := os.WriteFile(other+"-wal", wal, 0o600); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path+".replaced-2026-11-29-120000.partial", []byte("half a copy"), 0o600)

	if _, err := Restore(ctx, path, backup, restoreTime, "Ana"); err != nil {
		t.Fatalf("Restore after a stopped one = %v", err)
	}
	r := openStoreAt(t, path)
	if _, err := r.Listing(ctx, "from-a-stale-log"); !errors.Is(err, ErrNotFound) {
		t.Errorf("the restored database holds a listing from a stale log: %v", err)
	}
	if err := r.CheckIntegrity(ctx); err != nil {
		t.Error(err)
	}
	left, _ := filepath.Glob(path + ".*")
	if slices.ContainsFunc(left, func(f string) bool { return !strings.Contains(f, ".replaced-2026-11-30-154207") }) {
		t.Errorf("left beside the database: %v", left)
	}
}

// sqlExecFile runs statements on a database file as another program would.
func sqlExecFile(t *testing.T, path string, stmts ...string) {
	t.Helper()
	err := withConn(context.Background(), dsn(path), func(c *sql.Conn) error {
		for _, q := range stmts {
			if _, err := c.ExecContext(context.Background(), q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBackupBeforeImport: each import's backup is named for its time and
// opens with the directory in it; a week's worth of them are kept, the
// oldest going first, and daily backups and others' files are left alone.
// The backup of an import that changed nothing goes.
func TestBackupBeforeImport(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	if _, err := s.SeedIfEmpty(ctx, defaultListings(t)); err != nil {
		t.Fatal(err)
	}
	dir := BackupFolder(s.Path())
	daily, _, err := s.DailyBackup(ctx, restoreTime.Add(-48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(dir, "before-import-of-the-county-file.db")
	os.WriteFile(mine, []byte("an admin's own copy"), 0o600)
	// Left by a backup before an import that a crash stopped.
	stopped := filepath.Join(dir, "before-import-2026-11-29-090000.db.partial")
	os.WriteFile(stopped, []byte("half a copy"), 0o600)
	os.WriteFile(stopped+"-journal", []byte("its journal"), 0o600)

	first, err := s.BackupBeforeImport(ctx, restoreTime)
	if err != nil || filepath.Base(first) != "before-import-2026-11-30-154207.db" {
		t.Fatalf("BackupBeforeImport = %q, %v", first, err)
	}
	if n := listingCount(t, first); n != len(defaultListings(t)) {
		t.Errorf("backup before import holds %d listings, want %d", n, len(defaultListings(t)))
	}
	second, err := s.BackupBeforeImport(ctx, restoreTime)
	if err != nil || second == first {
		t.Errorf("a second backup in the same second = %q, %v; want a name of its own", second, err)
	}
	var made []string
	for i := range 9 {
		p, err := s.BackupBeforeImport(ctx, restoreTime.Add(time.Duration(i+1)*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.ImportBackupDone(p, true); err != nil {
			t.Fatal(err)
		}
		made = append(made, p)
	}
	// An import that failed, or changed nothing, leaves no backup and
	// removes none: the real ones are not pushed out.
	failed, err := s.BackupBeforeImport(ctx, restoreTime.Add(12*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ImportBackupDone(failed, false); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(failed); err == nil {
		t.Errorf("the backup of an import that changed nothing, %s, is still there", filepath.Base(failed))
	}
	var kept []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if _, ok := isBeforeImport(e.Name()); ok {
			kept = append(kept, filepath.Join(dir, e.Name()))
		}
	}
	if want := made[len(made)-BackupGenerations:]; !slices.Equal(kept, want) {
		t.Errorf("kept %v, want the newest %d: %v", kept, BackupGenerations, want)
	}
	for _, f := range []string{daily, mine} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("pruning removed %s: %v", f, err)
		}
	}
	for _, f := range []string{stopped, stopped + "-journal"} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s, left by a stopped backup, is still there", filepath.Base(f))
		}
	}

	bs, err := Backups(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	var kinds []BackupKind
	for i, b := range bs {
		kinds = append(kinds, b.Kind)
		if i > 0 && b.Taken.After(bs[i-1].Taken) {
			t.Errorf("Backups not newest first: %v after %v", b.Taken, bs[i-1].Taken)
		}
		if b.Path == mine {
			t.Errorf("Backups lists %s, which no backup wrote", mine)
		}
	}
	if len(bs) != BackupGenerations+1 || slices.Index(kinds, BackupDaily) < 0 {
		t.Errorf("Backups = %v, want %d before imports and the daily one", kinds, BackupGenerations)
	}
}
