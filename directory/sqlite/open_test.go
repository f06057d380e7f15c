package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
	"nowrongdoor/directory/search"
)

// foreignDB makes another program's SQLite database, in the given journal
// mode, and returns its path.
func foreignDB(t *testing.T, journal string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "places.sqlite")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode("+journal+")")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{`CREATE TABLE places (url TEXT)`, `INSERT INTO places VALUES ('https://example.org/')`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestOpenRefusesForeignUntouched(t *testing.T) {
	// Another program's database is refused before anything in it
	// changes: its journal mode above all, which Open once switched to
	// WAL before it looked.
	for _, tt := range []struct {
		journal string
		header  byte // file format bytes 18 and 19: 1 rollback journal, 2 WAL
	}{{"DELETE", 1}, {"WAL", 2}} {
		t.Run(tt.journal, func(t *testing.T) {
			path := foreignDB(t, tt.journal)
			before := directorytest.Untouchable(t, path)
			if got := before.Bytes()[18:20]; got[0] != tt.header || got[1] != tt.header {
				t.Fatalf("the foreign database's header says journal format %v, want %d", got, tt.header)
			}
			s, err := Open(context.Background(), path)
			if err == nil {
				s.Close()
				t.Fatalf("Open(another program's database) = nil error, want ErrForeign")
			}
			if !errors.Is(err, ErrForeign) {
				t.Errorf("Open(another program's database) = %v, want ErrForeign", err)
			}
			directorytest.CheckUntouched(t, "Open", path, before)
		})
	}
}

// currentDB makes a database of this release holding a few listings,
// closed, and returns its path.
func currentDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "nowrongdoor.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.SeedIfEmpty(context.Background(), defaultListings(t)[:5]); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpenCurrentWritesNothing(t *testing.T) {
	ctx := context.Background()
	path := currentDB(t)
	before := directorytest.Untouchable(t, path)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open(%q) = %v", path, err)
	}
	if n, err := s.Count(ctx); err != nil || n != 5 {
		t.Errorf("Count() = %d, %v, want 5", n, err)
	}
	if _, err := s.Listings(ctx); err != nil {
		t.Errorf("Listings() = %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close() = %v", err)
	}
	directorytest.CheckUntouched(t, "Open, read and Close of an up-to-date database", path, before)
}

// holdWriteLock begins a write in another connection, as an import in
// another process does, and returns the function that ends it.
func holdWriteLock(t *testing.T, path string) (release func()) {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path, pragmasOurs))
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ExecContext(context.Background(), `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ExecContext(context.Background(), `DELETE FROM service`); err != nil {
		t.Fatal(err)
	}
	return func() {
		c.ExecContext(context.Background(), `ROLLBACK`)
		c.Close()
		db.Close()
	}
}

func TestOpenCurrentNeedsNoWriteLock(t *testing.T) {
	// A desk opening to search while another process holds the write lock
	// opens at once: waiting for the lock would fail after busy_timeout.
	ctx := context.Background()
	path := currentDB(t)
	release := holdWriteLock(t, path)
	defer release()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open while another process writes = %v, want it opened", err)
	}
	defer s.Close()
	ls, _, err := s.SearchListings(ctx)
	if err != nil || len(ls) != 5 {
		t.Errorf("SearchListings() while another process writes = %d listings, %v, want the 5 committed", len(ls), err)
	}
	if got := search.NewIndex(ls).Search(ls[0].Name, 1); len(got) == 0 || got[0].Listing.ID != ls[0].ID {
		t.Errorf("Search(%q) = %v, want %s first", ls[0].Name, got, ls[0].ID)
	}
}

func TestBusyIsExplained(t *testing.T) {
	// A write that waited its fill for another process's lock says what
	// happened and what to do, not "database is locked".
	path := currentDB(t)
	release := holdWriteLock(t, path)
	defer release()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err == nil {
		tx.Rollback()
		t.Fatal("Begin() while another connection writes = nil error, want SQLITE_BUSY")
	}
	err = classify(err)
	if !errors.Is(err, ErrBusy) || strings.Contains(err.Error(), "locked") || !strings.Contains(err.Error(), "try again") {
		t.Errorf("classify(SQLITE_BUSY) = %q, want ErrBusy saying to try again, without \"locked\"", err)
	}
}

func TestSnapshot(t *testing.T) {
	ctx := context.Background()
	t.Run("closed database", func(t *testing.T) {
		path := currentDB(t)
		before := directorytest.Untouchable(t, path)
		out := filepath.Join(t.TempDir(), "copy.db")
		if err := Snapshot(ctx, path, out); err != nil {
			t.Fatalf("Snapshot() = %v", err)
		}
		directorytest.CheckUntouched(t, "Snapshot", path, before)
		if n, err := openStoreAt(t, out).Count(ctx); err != nil || n != 5 {
			t.Errorf("the copy's Count() = %d, %v, want 5", n, err)
		}
	})
	t.Run("open by another desk", func(t *testing.T) {
		// A change committed by a desk that still has the file open is in
		// the WAL, not yet in the file: the copy has it.
		path := currentDB(t)
		desk := openStoreAt(t, path)
		l := defaultListings(t)[0]
		l.Name = "Renamed by the other desk"
		if _, err := desk.Import(ctx, []directory.Listing{l}, ImportOptions{Actor: "Ana"}); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "copy.db")
		if err := Snapshot(ctx, path, out); err != nil {
			t.Fatalf("Snapshot() = %v", err)
		}
		if got, err := openStoreAt(t, out).Listing(ctx, l.ID); err != nil || got.Name != l.Name {
			t.Errorf("the copy's Listing(%q) = %q, %v, want %q", l.ID, got.Name, err, l.Name)
		}
	})
	t.Run("older release", func(t *testing.T) {
		path := gunzip(t, "testdata/release-0.1.0.db.gz")
		before := directorytest.Untouchable(t, path)
		out := filepath.Join(t.TempDir(), "copy.db")
		if err := Snapshot(ctx, path, out); err != nil {
			t.Fatalf("Snapshot() = %v", err)
		}
		directorytest.CheckUntouched(t, "Snapshot", path, before)
		if _, err := openStoreAt(t, out).Listing(ctx, "release-fixture-office"); err != nil {
			t.Errorf("the migrated copy's Listing(release-fixture-office) = %v", err)
		}
		directorytest.CheckUntouched(t, "migrating the copy", path, before)
	})
	t.Run("another program's database", func(t *testing.T) {
		path := foreignDB(t, "DELETE")
		before := directorytest.Untouchable(t, path)
		out := filepath.Join(t.TempDir(), "copy.db")
		if err := Snapshot(ctx, path, out); !errors.Is(err, ErrForeign) {
			t.Errorf("Snapshot(another program's database) = %v, want ErrForeign", err)
		}
		directorytest.CheckUntouched(t, "Snapshot", path, before)
		if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Snapshot(another program's database) wrote %s (%v), want nothing", out, err)
		}
	})
	t.Run("copy exists", func(t *testing.T) {
		out := writeFile(t, filepath.Join(t.TempDir(), "copy.db"), []byte("keep me"))
		if err := Snapshot(ctx, currentDB(t), out); !errors.Is(err, fs.ErrExist) {
			t.Errorf("Snapshot() onto an existing file = %v, want fs.ErrExist", err)
		}
		if b, _ := os.ReadFile(out); string(b) != "keep me" {
			t.Errorf("Snapshot() onto an existing file changed it to %q", b)
		}
	})
}
