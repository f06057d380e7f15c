package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"nowrongdoor/data"
	"nowrongdoor/directory"
	"nowrongdoor/directory/jsonfile"
)

// openStore opens a store on a new file in a temporary folder and closes it
// when the test ends.
func openStore(t testing.TB) *Store {
	t.Helper()
	return openStoreAt(t, filepath.Join(t.TempDir(), "nowrongdoor.db"))
}

func openStoreAt(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%q) = %v", path, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close() = %v", err)
		}
	})
	return s
}

// defaultListings parses the embedded default directory.
func defaultListings(t testing.TB) []directory.Listing {
	t.Helper()
	ls, err := jsonfile.ParseListings(bytes.NewReader(data.Agencies))
	if err != nil {
		t.Fatalf("ParseListings(default data) = %v", err)
	}
	return ls
}

func TestDefaultDirectoryRoundTrip(t *testing.T) {
	// Every field of every default listing, the staff-only notes included,
	// reads back as it was seeded, whichever way it is read.
	ctx := context.Background()
	def := defaultListings(t)
	var notes, staffNotes, business int
	for _, l := range def {
		for _, p := range l.Phones {
			if p.Note != "" {
				notes++
			}
		}
		if l.StaffNotes != "" {
			staffNotes++
		}
		if l.Level == directory.LevelBusiness {
			business++
		}
	}
	if notes == 0 || staffNotes == 0 || business == 0 {
		t.Fatalf("default data has %d phone notes, %d staff notes, %d businesses; the test needs some of each", notes, staffNotes, business)
	}
	s := openStore(t)
	if _, err := s.SeedIfEmpty(ctx, def); err != nil {
		t.Fatal(err)
	}
	all, err := s.Listings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lean, _, err := s.SearchListings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(def) || len(lean) != len(def) {
		t.Fatalf("Listings() = %d, SearchListings() = %d listings, want %d", len(all), len(lean), len(def))
	}
	got, leanByID := byID(withoutTimes(all)), byID(lean)
	for _, want := range def {
		if !reflect.DeepEqual(got[want.ID], want) {
			t.Errorf("Listings() has %q = %+v, want %+v", want.ID, got[want.ID], want)
		}
		one, err := s.Listing(ctx, want.ID)
		if err != nil {
			t.Fatalf("Listing(%q) = %v", want.ID, err)
		}
		if one = withoutTimes([]directory.Listing{one})[0]; !reflect.DeepEqual(one, want) {
			t.Errorf("Listing(%q) = %+v, want %+v", want.ID, one, want)
		}
		if l := leanByID[want.ID]; !reflect.DeepEqual(l.Phones, want.Phones) || l.Level != want.Level {
			t.Errorf("SearchListings() has %q phones %+v level %q, want %+v %q", want.ID, l.Phones, l.Level, want.Phones, want.Level)
		}
	}
}

func TestOpenCreatesFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "folder", "nowrongdoor.db")
	s := openStoreAt(t, path)
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("Open(%q) did not create the file: %v", path, err)
	}
}

func TestOpenPathNeedsEscaping(t *testing.T) {
	// A URI filename gives ?, #, % and spaces meanings; the path must
	// still be taken literally.
	dir := filepath.Join(t.TempDir(), "Jane Doe's 100% #1 ?folder")
	path := filepath.Join(dir, "nowrongdoor.db")
	s := openStoreAt(t, path)
	if _, err := s.SeedIfEmpty(context.Background(), defaultListings(t)[:1]); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("Open(%q) wrote somewhere else: %v", path, err)
	}
}

func TestOpenSetsPragmasOnEveryConnection(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	want := map[string]string{"busy_timeout": "5000", "journal_mode": "wal", "synchronous": "2", "foreign_keys": "1"}
	for name, db := range map[string]*sql.DB{"write": s.db, "read": s.rdb} {
		// Hold several connections at once so the pool must open new ones.
		n := 3
		if name == "write" {
			n = 1 // one writer connection: a second would wait forever
		}
		var conns []*sql.Conn
		for range n {
			c, err := db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			conns = append(conns, c)
		}
		for i, c := range conns {
			for pragma, v := range want {
				var got string
				if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
					t.Fatal(err)
				}
				if got != v {
					t.Errorf("%s connection %d: PRAGMA %s = %s, want %s", name, i, pragma, got, v)
				}
			}
		}
		for _, c := range conns {
			c.Close()
		}
	}
	if got := s.db.Stats().MaxOpenConnections; got != 1 {
		t.Errorf("write pool MaxOpenConnections = %d, want 1", got)
	}
	if _, err := s.rdb.ExecContext(ctx, `DELETE FROM meta`); err == nil {
		t.Error("read pool wrote to the database, want it query-only")
	}
}

func TestOpenRejectsBadFiles(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) string // returns the path to open
		is    error
		want  string
	}{
		{"garbage", func(t *testing.T, dir string) string {
			return writeFile(t, filepath.Join(dir, "x.db"), bytes.Repeat([]byte("not a database "), 400))
		}, ErrCorrupt, "not a database"},
		{"short garbage", func(t *testing.T, dir string) string {
			return writeFile(t, filepath.Join(dir, "x.db"), []byte("hello"))
		}, ErrCorrupt, "not a database"},
		{"damaged header", func(t *testing.T, dir string) string {
			path := filepath.Join(dir, "x.db")
			s, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			copy(b[:16], "SQLite format 4\x00")
			return writeFile(t, path, b)
		}, ErrCorrupt, "not a database"},
		{"folder", func(t *testing.T, dir string) string {
			return dir
		}, nil, "is a folder"},
		{"folder under a file", func(t *testing.T, dir string) string {
			return filepath.Join(writeFile(t, filepath.Join(dir, "file"), []byte("x")), "sub", "x.db")
		}, ErrUnwritable, "create folder"},
		{"another program's database", func(t *testing.T, dir string) string {
			path := filepath.Join(dir, "places.sqlite")
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(`CREATE TABLE places (url TEXT)`); err != nil {
				t.Fatal(err)
			}
			return path
		}, ErrForeign, "another program"},
		{"newer schema", func(t *testing.T, dir string) string {
			path := filepath.Join(dir, "x.db")
			s, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.db.Exec(`INSERT INTO schema_migrations VALUES (999, '0999_future.sql', '')`); err != nil {
				t.Fatal(err)
			}
			return path
		}, ErrNewerSchema, "update the app"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.setup(t, t.TempDir())
			s, err := Open(ctx, path)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%q) = nil, want an error", path)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("Open(%q) = %v, want an error matching %v", path, err, tt.is)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.want) || !strings.HasPrefix(msg, "open ") || strings.Contains(msg, "\n") {
				t.Errorf("Open(%q) = %q, want one line starting \"open \" containing %q", path, msg, tt.want)
			}
		})
	}
}

func writeFile(t *testing.T, path string, b []byte) string {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpenEmptyFileIsNewDatabase(t *testing.T) {
	// A zero-byte file is what some tools leave when asked to create one;
	// SQLite treats it as a new database.
	path := writeFile(t, filepath.Join(t.TempDir(), "x.db"), nil)
	s := openStoreAt(t, path)
	if n, err := s.Count(context.Background()); err != nil || n != 0 {
		t.Errorf("Count() = %d, %v, want 0, nil", n, err)
	}
}

func TestMigrationsAppliedOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.db")
	ctx := context.Background()
	for range 2 { // the second Open finds them applied
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("Open(%q) = %v", path, err)
		}
		s.Close()
	}
	s := openStoreAt(t, path)
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	var n, newest int
	if err := s.db.QueryRow(`SELECT count(*), max(version) FROM schema_migrations`).Scan(&n, &newest); err != nil {
		t.Fatal(err)
	}
	if n != len(ms) || newest != len(ms) {
		t.Errorf("schema_migrations has %d rows up to version %d, want %d", n, newest, len(ms))
	}
}

func TestDefaultPath(t *testing.T) {
	home := func() (string, error) { return "/home/jane", nil }
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		goos string
		env  map[string]string
		want string
	}{
		{"windows", map[string]string{"LOCALAPPDATA": "C:/Users/jane/AppData/Local", "APPDATA": "C:/Users/jane/AppData/Roaming"},
			filepath.Join("C:/Users/jane/AppData/Local", "NoWrongDoor", "nowrongdoor.db")},
		{"darwin", nil, filepath.Join("/home/jane", "Library", "Application Support", "NoWrongDoor", "nowrongdoor.db")},
		{"linux", nil, filepath.Join("/home/jane", ".local", "share", "nowrongdoor", "nowrongdoor.db")},
		{"linux", map[string]string{"XDG_DATA_HOME": "/data"}, filepath.Join("/data", "nowrongdoor", "nowrongdoor.db")},
		{"linux", map[string]string{"XDG_DATA_HOME": "relative"}, filepath.Join("/home/jane", ".local", "share", "nowrongdoor", "nowrongdoor.db")},
		{"freebsd", nil, filepath.Join("/home/jane", ".local", "share", "nowrongdoor", "nowrongdoor.db")},
	}
	for _, tt := range tests {
		got, err := defaultPath(tt.goos, env(tt.env), home)
		if err != nil || got != tt.want {
			t.Errorf("defaultPath(%s, %v) = %q, %v, want %q", tt.goos, tt.env, got, err, tt.want)
		}
	}
	if _, err := defaultPath("windows", env(nil), home); err == nil {
		t.Error("defaultPath(windows) without LOCALAPPDATA = nil error, want one")
	}
	if _, err := DefaultPath(); err != nil {
		t.Errorf("DefaultPath() = %v", err)
	}
}
