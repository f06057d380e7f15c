package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nowrongdoor/directory"
	"nowrongdoor/directory/sqlite"
)

// TestRestore: a backup taken before a bad change brings the directory
// back, and the database it replaced is kept with the change in it.
func TestRestore(t *testing.T) {
	path := seededDB(t)
	backup := filepath.Join(t.TempDir(), "monday.db")
	if r := runCLI(t, nil, "", "backup", "--db", path, backup); r.code != exitOK {
		t.Fatalf("backup = %+v", r)
	}
	good := dbListings(t, path)
	file := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(file, []byte(`[{"id": "utah-food-bank", "name": "Wrong name", "level": "nonprofit", "website": "https://utahfoodbank.org"}]`), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, admin, "", "import", "--db", path, file); r.code != exitOK {
		t.Fatalf("import = %+v", r)
	}
	bad := dbListings(t, path)
	backupBytes, _ := os.ReadFile(backup)

	r := runCLI(t, nil, "", "restore", "--db", path, "--as", "Ana Pérez", backup)
	if r.code != exitOK || !strings.Contains(r.stdout, "(210 listings)") {
		t.Fatalf("restore = %+v", r)
	}
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	events, err := s.AuditEntries(context.Background(), "")
	s.Close()
	if err != nil || len(events) == 0 || events[0].Action != directory.ActionRestoreBackup || events[0].Actor != "Ana Pérez" ||
		events[0].Note != "monday.db" {
		t.Errorf("after the restore the newest event is %+v, %v; want Ana Pérez's restore of monday.db", events, err)
	}
	if dbListings(t, path) != good {
		t.Error("after the restore the directory is not the backup's")
	}
	kept, _ := filepath.Glob(path + ".replaced-*")
	if len(kept) != 1 || dbListings(t, kept[0]) != bad {
		t.Errorf("replaced database kept as %v, want one file holding the bad change", kept)
	}
	if after, _ := os.ReadFile(backup); string(after) != string(backupBytes) {
		t.Error("restoring changed the backup file")
	}
	if r := runCLI(t, nil, "", "check", "--db", path); r.code != exitOK {
		t.Errorf("check after the restore = %+v", r)
	}
}

// TestRestoreRefusesAndChangesNothing: a file that is not a backup of
// ours, or a database a desk has open, is refused with the directory as it
// was and nothing left behind.
func TestRestoreRefusesAndChangesNothing(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, []byte(strings.Repeat("not a database ", 100)), 0o600)
	foreign := filepath.Join(dir, "other.db")
	sqlExec(t, foreign, `CREATE TABLE notes (body TEXT)`)

	for name, from := range map[string]string{"garbage": garbage, "another program's": foreign, "missing": filepath.Join(dir, "none.db")} {
		t.Run(name, func(t *testing.T) {
			path := seededDB(t)
			before, _ := os.ReadFile(path)
			r := runCLI(t, nil, "", "restore", "--db", path, from)
			if r.code != exitFail {
				t.Errorf("restore of a %s file = %+v, want exit 1", name, r)
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
		path := seededDB(t)
		backup := filepath.Join(t.TempDir(), "b.db")
		if r := runCLI(t, nil, "", "backup", "--db", path, backup); r.code != exitOK {
			t.Fatal(r)
		}
		desk, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer desk.Close()
		if _, err := desk.Listings(context.Background()); err != nil {
			t.Fatal(err)
		}
		r := runCLI(t, nil, "", "restore", "--db", path, backup)
		if r.code != exitFail || !strings.Contains(r.stderr, "close them all") {
			t.Errorf("restore under an open desk = %+v, want exit 1 asking to close the desks", r)
		}
		if left, _ := filepath.Glob(path + ".re*"); len(left) > 0 {
			t.Errorf("a refused restore left %v", left)
		}
	})
}
