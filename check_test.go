package main

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nowrongdoor/directory/sqlite"
)

// sqlExec runs statements on a database file behind the store's back, as
// a damaged file or a hand edit would.
func sqlExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func TestCheckHealthy(t *testing.T) {
	path := seededDB(t)
	r := runCLI(t, nil, "", "check", "--db", path)
	if r.code != exitOK || !strings.HasSuffix(r.stdout, "Healthy.\n") {
		t.Fatalf("check of the default directory = %+v, want healthy", r)
	}
	for _, want := range []string{"Listings: 210 on the desk, 0 archived", "Invalid: none",
		"Without a phone: 60: ", "Without hours: 135: ", "Never verified: 210: ", "and 198 more",
		"Audit trail: ", "File: integrity check passed"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("check says:\n%s\nwant a line with %q", r.stdout, want)
		}
	}
}

func TestCheckFindsWhatIsBroken(t *testing.T) {
	t.Run("an invalid listing", func(t *testing.T) {
		path := seededDB(t)
		sqlExec(t, path, `UPDATE phone SET number = '555' WHERE service_id = (SELECT id FROM service WHERE listing_id = 'utah-food-bank')`)
		r := runCLI(t, nil, "", "check", "--db", path)
		if r.code != exitFail || !strings.Contains(r.stdout, "  utah-food-bank: ") || !strings.Contains(r.stdout, "Not healthy") {
			t.Errorf("check with a bad phone = %+v, want exit 1 naming utah-food-bank", r)
		}
	})
	t.Run("an unreadable listing", func(t *testing.T) {
		path := seededDB(t)
		sqlExec(t, path, `UPDATE service SET services = 'not json' WHERE listing_id = 'utah-food-bank'`)
		r := runCLI(t, nil, "", "check", "--db", path)
		if r.code != exitFail || !strings.Contains(r.stdout, `listing "utah-food-bank": its services`) ||
			!strings.Contains(r.stdout, "(field services)") || !strings.Contains(r.stdout, "Listings: 209 on the desk") {
			t.Errorf("check with an unreadable row = %+v, want exit 1 naming utah-food-bank and services, the other 209 read", r)
		}
		if r := runCLI(t, nil, "", "search", "--db", path, "food", "bank"); r.code != exitOK {
			t.Errorf("search beside an unreadable listing = %+v, want the others searched", r)
		}
	})
	t.Run("a tampered audit trail", func(t *testing.T) {
		path := seededDB(t)
		sqlExec(t, path, `DROP TRIGGER audit_is_append_only_update`, `UPDATE audit SET actor = 'someone else'`)
		r := runCLI(t, nil, "", "check", "--db", path)
		if r.code != exitFail || !strings.Contains(r.stdout, "Audit trail: BROKEN") {
			t.Errorf("check with a rewritten event = %+v, want exit 1 and the chain broken", r)
		}
	})
}

func TestCheckAndBackupNeedADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.db")
	for _, args := range [][]string{{"check", "--db", path}, {"backup", "--db", path, path + ".bak"}} {
		r := runCLI(t, nil, "", args...)
		if r.code != exitFail || !strings.Contains(r.stderr, "no database at") {
			t.Errorf("%s on no database = %+v, want exit 1 saying so", args[0], r)
		}
		if _, err := os.Stat(path); err == nil {
			t.Errorf("%s created the database it was to look after", args[0])
		}
	}
	if r := runCLI(t, nil, "", "check", "extra"); r.code != exitUsage {
		t.Errorf("check with an argument = %+v, want exit 2", r)
	}
	if r := runCLI(t, nil, "", "backup"); r.code != exitUsage {
		t.Errorf("backup without a file = %+v, want exit 2", r)
	}
}

func TestBackup(t *testing.T) {
	path := seededDB(t)
	out := filepath.Join(t.TempDir(), "backup.db")
	if r := runCLI(t, nil, "", "backup", "--db", path, out); r.code != exitOK {
		t.Fatalf("backup = %+v", r)
	}
	if got, want := dbListings(t, out), dbListings(t, path); got != want {
		t.Error("the backup holds other listings than the database")
	}
	if r := runCLI(t, nil, "", "check", "--db", out); r.code != exitOK {
		t.Errorf("check of the backup = %+v, want healthy", r)
	}
	before, _ := os.ReadFile(out)
	if r := runCLI(t, nil, "", "backup", "--db", path, out); r.code != exitFail || !strings.Contains(r.stderr, "exists already") {
		t.Errorf("backup over an existing file = %+v, want exit 1", r)
	}
	if after, _ := os.ReadFile(out); string(after) != string(before) {
		t.Error("a refused backup changed the file it would have overwritten")
	}
}

// dbListings fingerprints the listings of a database file.
func dbListings(t *testing.T, path string) string {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ls, err := s.Listings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, l := range ls {
		b.WriteString(l.ID + "|" + l.Name + "|" + l.Description + "\n")
	}
	return b.String()
}

// The window opens with the listings it can read, and its log says that
// others were left off and how to find them.
func TestWindowLoadSaysWhatItLeftOff(t *testing.T) {
	path := seededDB(t)
	sqlExec(t, path, `UPDATE service SET services = 'not json' WHERE listing_id = 'utah-food-bank'`)
	var errOut bytes.Buffer
	c := &cli{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &errOut, getenv: func(string) string { return "" }}
	ls, ix, err := c.loadDirectory(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer ls.close()
	if n := len(ix.Search("food bank", 300)); n == 0 {
		t.Error("the other listings cannot be searched")
	}
	if want := "nowrongdoor: listings with rows that cannot be read are not on the desk (1 problem); nowrongdoor check names them\n"; errOut.String() != want {
		t.Errorf("the window's log = %q, want %q", errOut.String(), want)
	}
}
