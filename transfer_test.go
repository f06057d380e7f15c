package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"nowrongdoor/data"
	"nowrongdoor/directory/hsds"
	"nowrongdoor/directory/sqlite"
)

// An export in every format reads back as the directory it came from,
// into the same database and into a new one: ids are the same in every
// export.
func TestExportThenImport(t *testing.T) {
	path := seededDB(t)
	n := len(defaultRecords(t))
	for _, format := range []string{"hsds-json", "hsds-csv", "json"} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "export."+format)
			r := runCLI(t, nil, "", "export", "--db", path, "--format", format, out)
			if r.code != exitOK || !strings.HasPrefix(r.stdout, "exported "+strconv.Itoa(n)+" listings to ") || r.stderr != "" {
				t.Fatalf("export --format %s = %+v", format, r)
			}
			r = runCLI(t, nil, "", "import", "--db", path, "--dry-run", out)
			if want := "added 0, updated 0, unchanged " + strconv.Itoa(n) + " (dry run: nothing was written)\n"; r.code != exitOK || r.stdout != want {
				t.Errorf("import --dry-run of the export = %+v, want %q", r, want)
			}
			// A second desk, seeded by an import of the first's export.
			other := filepath.Join(t.TempDir(), "other.db")
			r = runCLI(t, admin, "", "import", "--db", other, out)
			if r.code != exitOK || !strings.HasPrefix(r.stdout, "added 0, updated 0, unchanged "+strconv.Itoa(n)) {
				t.Errorf("import of the export into a new database = %+v, want every listing unchanged", r)
			}
		})
	}
}

func TestExportSheet(t *testing.T) {
	path := seededDB(t)
	out := filepath.Join(t.TempDir(), "directory.csv")
	// The format is taken from the name when it is a .csv.
	if r := runCLI(t, nil, "", "export", "--db", path, out); r.code != exitOK {
		t.Fatalf("export directory.csv = %+v", r)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBFid,name,")) {
		t.Errorf("the sheet starts %q, want a byte order mark and the header", b[:20])
	}
}

func TestExportRefuses(t *testing.T) {
	path := seededDB(t)
	exists := writeImport(t, []byte("keep me"))
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no file", []string{"--format", "json"}, exitUsage, "give the file to write"},
		{"no format", []string{filepath.Join(t.TempDir(), "x.json")}, exitUsage, "give --format hsds-json, hsds-csv, csv or json"},
		{"unknown format", []string{"--format", "xml", "x.xml"}, exitUsage, `unknown format "xml"`},
		{"an existing file", []string{"--format", "json", exists}, exitFail, "already exists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(t, nil, "", append([]string{"export", "--db", path}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("export %q = %+v, want exit %d and %q", tt.args, r, tt.code, tt.want)
			}
		})
	}
	if b, _ := os.ReadFile(exists); string(b) != "keep me" {
		t.Error("export wrote over an existing file")
	}
}

// A dry run says what it would do to which listing, and which records
// stop the import, by number and field; the real import then refuses the
// file and writes nothing.
func TestImportDryRunReport(t *testing.T) {
	path := adminDB(t)
	recs := defaultRecords(t)[:3]
	recs[1]["name"] = "Renamed Office"
	recs = append(recs,
		map[string]any{"id": "new-office", "name": "New Office", "level": "city",
			"phones": []any{map[string]any{"label": "Main", "number": "801-535-6000"}}},
		map[string]any{"id": "bad-office", "name": "Bad Office", "level": "city",
			"phones": []any{map[string]any{"label": "Main", "number": "801-535-600"}}})
	file := writeImport(t, marshalRecords(t, recs))
	before := dbState(t, path)
	r := runCLI(t, nil, "", "import", "--db", path, "--dry-run", file)
	wantOut := "added 1, updated 1, unchanged 2, invalid 1 (dry run: nothing was written)\n" +
		"  changed: " + recs[1]["id"].(string) + " (Renamed Office): name\n" +
		"  new: new-office (New Office)\n"
	if r.code != exitFail || r.stdout != wantOut {
		t.Errorf("import --dry-run = %d, stdout %q; want exit 1 and\n%s", r.code, r.stdout, wantOut)
	}
	for _, want := range []string{`record 5 (id "bad-office"): phones[0] ("Main") number "801-535-600" has 9 digits`, "1 problem in 1 of 5 records"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("import --dry-run stderr = %q, want %q", r.stderr, want)
		}
	}
	r = runCLI(t, admin, "", "import", "--db", path, file)
	if r.code != exitFail || r.stdout != "" || !strings.Contains(r.stderr, "nothing was imported") {
		t.Errorf("import of a file with an invalid record = %+v, want it refused", r)
	}
	if dbState(t, path) != before {
		t.Error("a refused import changed the database")
	}
	// The backup taken before it is gone too: the database is as it was,
	// and a run of refused imports must not push the real backups out.
	if bs, err := sqlite.Backups(path); err != nil || len(bs) != 0 {
		t.Errorf("after a refused import the backups are %v, %v; want none", bs, err)
	}
}

// Ctrl-C during an import says so, and nothing is imported.
func TestImportInterrupted(t *testing.T) {
	path := adminDB(t)
	before := dbState(t, path)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	env := func(k string) string { return admin[k] }
	code := run(ctx, []string{"import", "--db", path, writeImport(t, data.Agencies)}, strings.NewReader(""), &out, &errOut, env)
	if code != exitFail || errOut.String() != "nowrongdoor: import: interrupted; nothing imported\n" {
		t.Errorf("import, interrupted = %d, %q; want exit 1 and the message", code, errOut.String())
	}
	if dbState(t, path) != before {
		t.Error("an interrupted import changed the database")
	}
}

// An import keeps the database as it was before it, beside the daily
// backups, and says where.
func TestImportTakesABackupFirst(t *testing.T) {
	path := seededDB(t)
	recs := defaultRecords(t)[:1]
	recs[0]["name"] = "Renamed Office"
	r := runCLI(t, admin, "", "import", "--db", path, writeImport(t, marshalRecords(t, recs)))
	if r.code != exitOK || !strings.Contains(r.stderr, "as it was before the import is kept in ") {
		t.Fatalf("import = %+v, want it to name its backup", r)
	}
	backup := strings.TrimSpace(r.stderr[strings.LastIndex(r.stderr, "kept in ")+len("kept in "):])
	if filepath.Dir(backup) != sqlite.BackupFolder(path) {
		t.Errorf("the backup is at %s, want it in %s", backup, sqlite.BackupFolder(path))
	}
	s, err := sqlite.Open(context.Background(), backup)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if l, err := s.Listing(context.Background(), recs[0]["id"].(string)); err != nil || l.Name == "Renamed Office" {
		t.Errorf("the backup holds %q, %v; want the listing as it was before the import", l.Name, err)
	}
}

// A partner's HSDS file, which knows nothing of this desk's staff notes,
// updates a listing and leaves its notes as they were; the directory's
// own JSON is the whole listing, and an empty note there removes it.
func TestImportHSDSKeepsStaffNotes(t *testing.T) {
	path := seededDB(t)
	out := filepath.Join(t.TempDir(), "partner.json")
	if r := runCLI(t, nil, "", "export", "--db", path, "--format", "hsds-json", out); r.code != exitOK {
		t.Fatalf("export = %+v", r)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var services []map[string]any
	if err := json.Unmarshal(raw, &services); err != nil {
		t.Fatal(err)
	}
	notesTerm := hsds.TermID("notes_for_staff")
	var id, notes string
	for _, svc := range services {
		attrs, _ := svc["attributes"].([]any)
		kept := attrs[:0]
		for _, a := range attrs {
			a := a.(map[string]any)
			term, _ := a["taxonomy_term"].(map[string]any)
			if a["taxonomy_term_id"] == notesTerm || (term != nil && term["id"] == notesTerm) {
				notes = a["value"].(string)
				continue
			}
			if term != nil && term["code"] == "listing_id" && notes == "" {
				id = a["value"].(string)
			}
			kept = append(kept, a)
		}
		svc["attributes"] = kept
		if notes != "" {
			svc["description"] = "A partner's new description."
			break
		}
	}
	if notes == "" {
		t.Fatal("no exported listing has staff notes")
	}
	raw, _ = json.Marshal(services)
	r := runCLI(t, admin, "", "import", "--db", path, writeImport(t, raw))
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "added 0, updated 1,") {
		t.Fatalf("import of the partner's file = %+v, want one listing updated", r)
	}
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	l, err := s.Listing(context.Background(), id)
	if err != nil || l.Description != "A partner's new description." || l.StaffNotes != notes {
		t.Errorf("after the partner's file %s has description %q, notes %q, %v; want the new description and the desk's notes %q",
			id, l.Description, l.StaffNotes, err, notes)
	}
}
