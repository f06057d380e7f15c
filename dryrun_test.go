package main

import (
	"compress/gzip"
	"database/sql"
	"io"
	"nowrongdoor/directory/directorytest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// releaseDB returns a copy of the database release 0.1.0 made (see
// TestOpenReleaseDatabase in directory/sqlite): the default directory of
// its day and one imported listing, at an older schema.
func releaseDB(t *testing.T) string {
	t.Helper()
	f, err := os.Open(filepath.Join("directory", "sqlite", "testdata", "release-0.1.0.db.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "nowrongdoor.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestImportDryRunWritesNothing: a dry run on an existing database reports
// what an import would do and writes nothing: not the file, not its
// modification time, no -wal or -shm beside it; an older database is
// migrated only in a scratch copy.
func TestImportDryRunWritesNothing(t *testing.T) {
	recs := defaultRecords(t)[:3]
	recs[1]["name"] = "Renamed Office"
	recs = append(recs, map[string]any{"id": "new-office", "name": "New Office", "level": "city",
		"phones": []any{map[string]any{"label": "Main", "number": "801-535-6000"}}})
	file := writeImport(t, marshalRecords(t, recs))
	for _, tt := range []struct {
		name string
		db   func(t *testing.T) string
	}{
		{"current", seededDB},
		{"older release", releaseDB},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.db(t)
			before := directorytest.Untouchable(t, path)
			r := runCLI(t, nil, "", "import", "--db", path, "--dry-run", file)
			if r.code != exitOK || !strings.HasPrefix(r.stdout, "added 1, updated 1, unchanged 2 (dry run: nothing was written)\n") || r.stderr != "" {
				t.Errorf("import --dry-run = %+v, want the counts, nothing on stderr and exit 0", r)
			}
			directorytest.CheckUntouched(t, "import --dry-run", path, before)
		})
	}
}

func TestImportDryRunForeignDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "places.sqlite")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE places (url TEXT)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := directorytest.Untouchable(t, path)
	r := runCLI(t, nil, "", "import", "--db", path, "--dry-run", writeImport(t, marshalRecords(t, defaultRecords(t)[:1])))
	if r.code != exitFail || !strings.Contains(r.stderr, "a database of another program; choose a No Wrong Door database with --db") {
		t.Errorf("import --dry-run on another program's database = %+v, want exit 1 and why", r)
	}
	checkMessages(t, "import --dry-run", r)
	directorytest.CheckUntouched(t, "import --dry-run", path, before)
}
