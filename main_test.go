package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"nowrongdoor/data"
	"nowrongdoor/directory"
	"nowrongdoor/directory/adminauth"
	"nowrongdoor/directory/jsonfile"
	"nowrongdoor/directory/search"
	"nowrongdoor/directory/sqlite"
)

// result is what one run of the command printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the command with args and the environment env (nothing of
// the real environment leaks in), reading stdin.
func runCLI(t testing.TB, env map[string]string, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut, getenv)
	return result{code, out.String(), errOut.String()}
}

// testPassword is the admin password the tests' imports give; the first
// import into a database sets it.
const testPassword = "reference desk 1923"

// admin is the environment of an admin who gives the password.
var admin = map[string]string{envAdminPassword: testPassword}

// seededDB returns the path of a database holding the default directory.
func seededDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "nowrongdoor.db")
	if r := runCLI(t, nil, "", "search", "--db", path, "passport"); r.code != exitOK {
		t.Fatalf("search on a new database = %+v, want it seeded and searched", r)
	}
	return path
}

// adminDB is seededDB with the admin password set, as a database an
// admin imports into has it: an import asks for the password before it
// reads the file, and the first one given is kept.
func adminDB(t *testing.T) string {
	t.Helper()
	path := seededDB(t)
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := (&adminauth.Gate{Store: s}).SetFirst(ctx, testPassword, "test"); err != nil {
		t.Fatal(err)
	}
	return path
}

// dbState fingerprints everything a command could change in the database:
// every listing and the audit trail.
func dbState(t *testing.T, path string) string {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("Open(%q) = %v", path, err)
	}
	defer s.Close()
	ls, err := s.Listings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.AuditEntries(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var audit []sqlite.AuditEntry
	for _, l := range ls {
		lh, err := s.AuditEntries(ctx, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		audit = append(audit, lh...)
	}
	b, err := json.Marshal([]any{ls, h, audit})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// checkMessages checks that stderr holds lines (one per message) of
// messages prefixed "nowrongdoor: ", with no trace of a panic.
func checkMessages(t *testing.T, what string, r result) {
	t.Helper()
	if r.stderr == "" {
		t.Errorf("%s printed nothing on stderr, want a message", what)
	}
	for _, line := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
		if !strings.HasPrefix(line, "nowrongdoor: ") {
			t.Errorf("%s stderr line %q, want it to start with \"nowrongdoor: \"", what, line)
		}
	}
	for _, bad := range []string{"panic", "goroutine ", ".go:"} {
		if strings.Contains(r.stderr, bad) {
			t.Errorf("%s stderr = %q, want no %q", what, r.stderr, bad)
		}
	}
}

func TestSearchPassport(t *testing.T) {
	path := seededDB(t)
	r := runCLI(t, nil, "", "search", "--db", path, "passport")
	if r.code != exitOK {
		t.Fatalf("search passport = %+v, want exit 0", r)
	}
	first, _, _ := strings.Cut(r.stdout, "\n")
	for _, want := range []string{"1.", "Salt Lake County Clerk - Passport Acceptance", "Salt Lake County Clerk", "385-468-7300"} {
		if !strings.Contains(first, want) {
			t.Errorf("search passport first line = %q, want it to contain %q", first, want)
		}
	}

	r = runCLI(t, nil, "", "search", "--db", path, "--json", "passport")
	var hits []struct {
		ID    string  `json:"id"`
		Name  string  `json:"name"`
		Score float64 `json:"score"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &hits); err != nil || r.code != exitOK {
		t.Fatalf("search --json passport = %+v, %v, want a JSON array", r, err)
	}
	if len(hits) == 0 || hits[0].ID != "slco-clerk-passports" {
		t.Errorf("search --json passport = %+v, want slco-clerk-passports first", hits)
	}
}

func TestSearchJSON(t *testing.T) {
	path := seededDB(t)
	r := runCLI(t, nil, "", "search", "--db", path, "--json", "--limit", "3", "library")
	var raw []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &raw); err != nil || r.code != exitOK {
		t.Fatalf("search --json library = %+v, %v, want a JSON array", r, err)
	}
	if len(raw) != 3 {
		t.Errorf("search --limit 3 gave %d results, want 3", len(raw))
	}
	for i, h := range raw {
		if len(h) != 3 || h["id"] == nil || h["name"] == nil || h["score"] == nil {
			t.Errorf("result %d = %v, want exactly id, name and score", i, h)
		}
		if i > 0 && h["score"].(float64) > raw[i-1]["score"].(float64) {
			t.Errorf("result %d scores %v above result %d's %v, want best first", i, h["score"], i-1, raw[i-1]["score"])
		}
	}
}

// TestSearchCrisisFirst: a question that reads as someone in danger puts
// the crisis lines first on the command line too, says to call 911, and
// marks them in JSON.
func TestSearchCrisisFirst(t *testing.T) {
	path := seededDB(t)
	r := runCLI(t, nil, "", "search", "--db", path, "i can't do this anymore")
	lines := strings.Split(r.stdout, "\n")
	if r.code != exitOK || len(lines) < 2 || !strings.Contains(lines[0], "911") || !strings.Contains(lines[1], "988") {
		t.Errorf("search \"i can't do this anymore\" = %+v, want the 911 line, then 988 first", r)
	}
	r = runCLI(t, nil, "", "search", "--db", path, "--json", "scared to go home")
	var hits []struct {
		ID     string `json:"id"`
		Pinned bool   `json:"pinned"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &hits); err != nil || len(hits) == 0 {
		t.Fatalf("search --json \"scared to go home\" = %+v, %v, want a JSON array", r, err)
	}
	if hits[0].ID != "udvc-linkline" || !hits[0].Pinned {
		t.Errorf("search --json \"scared to go home\" first = %+v, want udvc-linkline pinned", hits[0])
	}
	r = runCLI(t, nil, "", "search", "--db", path, "--json", "passport")
	if strings.Contains(r.stdout, "pinned") {
		t.Errorf("search --json passport = %s, want nothing pinned", r.stdout)
	}
}

func TestSearchFlagsAnywhere(t *testing.T) {
	path := seededDB(t)
	a := runCLI(t, nil, "", "search", "--db", path, "--limit", "2", "marriage", "license")
	b := runCLI(t, nil, "", "search", "marriage", "--limit=2", "license", "--db", path)
	if a.code != exitOK || a != b {
		t.Errorf("flags after the words gave %+v, want the same as before them: %+v", b, a)
	}
	if n := strings.Count(a.stdout, "\n"); n != 2 {
		t.Errorf("search --limit 2 printed %d lines, want 2", n)
	}
	// After "--" everything is a word, even one that looks like a flag.
	if r := runCLI(t, nil, "", "search", "--db", path, "--", "--limit"); r.code == exitUsage {
		t.Errorf("search -- --limit = %+v, want --limit searched as a word", r)
	}
}

func TestDatabasePath(t *testing.T) {
	dir := t.TempDir()
	envDB, flagDB := filepath.Join(dir, "env.db"), filepath.Join(dir, "flag.db")
	env := map[string]string{"NOWRONGDOOR_DB": envDB}
	if r := runCLI(t, env, "", "search", "passport"); r.code != exitOK {
		t.Fatalf("search with NOWRONGDOOR_DB = %+v", r)
	}
	if _, err := os.Stat(envDB); err != nil {
		t.Errorf("search did not use NOWRONGDOOR_DB: %v", err)
	}
	if r := runCLI(t, env, "", "search", "--db", flagDB, "passport"); r.code != exitOK {
		t.Fatalf("search --db = %+v", r)
	}
	if _, err := os.Stat(flagDB); err != nil {
		t.Errorf("search did not prefer --db to NOWRONGDOOR_DB: %v", err)
	}
	if runtime.GOOS == "linux" {
		t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "xdg"))
		if r := runCLI(t, nil, "", "search", "passport"); r.code != exitOK {
			t.Fatalf("search with the default path = %+v", r)
		}
		if _, err := os.Stat(filepath.Join(dir, "xdg", "nowrongdoor", "nowrongdoor.db")); err != nil {
			t.Errorf("search did not create the database in the data folder: %v", err)
		}
	}
}

// pdfPages is the page count a PDF's page tree gives, or -1 when the
// bytes are not a PDF. The slip's own tests check the structure in full.
func pdfPages(b []byte) int {
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("%%EOF")) {
		return -1
	}
	i := bytes.Index(b, []byte("/Type /Pages"))
	if i < 0 {
		return -1
	}
	j := bytes.Index(b[i:], []byte("/Count "))
	if j < 0 {
		return -1
	}
	n, err := strconv.Atoi(strings.Fields(string(b[i+j+len("/Count "):]))[0])
	if err != nil {
		return -1
	}
	return n
}

func TestSlip(t *testing.T) {
	path := seededDB(t)
	before := dbState(t, path)
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want string // on stdout
	}{
		{"one", []string{"slip", "--db", path, "slco-clerk-passports", filepath.Join(dir, "one.pdf")},
			"a referral slip of 1 listing (English)"},
		{"Spanish, large print, flags anywhere", []string{"slip", "slco-clerk-passports", "--lang", "es", "mexican-consulate-salt-lake-city", "--large", "--db", path, filepath.Join(dir, "two.PDF")},
			"a referral slip of 2 listings (Spanish, large print)"},
		{"four, one repeated", []string{"slip", "--db", path, "--lang=en", "slco-clerk-passports", "utah-food-bank", "slco-clerk-passports", "slco-animal-services", "mexican-consulate-salt-lake-city", filepath.Join(dir, "four.pdf")},
			"a referral slip of 4 listings (English)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(t, nil, "", tc.args...)
			out := tc.args[len(tc.args)-1]
			if r.code != exitOK || r.stderr != "" || r.stdout != "wrote "+out+": "+tc.want+"\n" {
				t.Fatalf("%q = %+v, want exit 0 and %q", tc.args, r, tc.want)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if n := pdfPages(b); n != 1 {
				t.Errorf("%s has %d pages, want a PDF of 1", out, n)
			}
		})
	}
	// "-" writes the PDF itself to standard output, and nothing else.
	r := runCLI(t, nil, "", "slip", "--db", path, "slco-clerk-passports", "-")
	if r.code != exitOK || r.stderr != "" || pdfPages([]byte(r.stdout)) != 1 {
		t.Errorf("slip ID - = exit %d, stderr %q, stdout %.20q; want a PDF on stdout", r.code, r.stderr, r.stdout)
	}
	if after := dbState(t, path); after != before {
		t.Error("printing slips changed the database")
	}
}

// TestSlipProblems: an unknown id, a file that cannot be written and a
// folder given as the file each say what to do, and write nothing.
func TestSlipProblems(t *testing.T) {
	path := seededDB(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "slip.pdf")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown id", []string{"slco-clerk-passports", "pasport", out},
			`slip: no listing has the id "pasport"; did you mean slco-clerk-passports (Salt Lake County Clerk - Passport Acceptance)?`},
		{"unknown id, no likeness", []string{"zzqqxx", out},
			`slip: no listing has the id "zzqqxx"; find ids with: nowrongdoor search --json WORDS`},
		{"no such folder", []string{"slco-clerk-passports", filepath.Join(dir, "missing", "slip.pdf")},
			"slip: cannot write " + filepath.Join(dir, "missing", "slip.pdf") + ": no such file or directory; check the folder exists"},
		{"a folder", []string{"slco-clerk-passports", filepath.Join(dir, "folder.pdf")},
			"slip: " + filepath.Join(dir, "folder.pdf") + " is a folder; give a file name ending in .pdf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.MkdirAll(filepath.Join(dir, "folder.pdf"), 0o755); err != nil {
				t.Fatal(err)
			}
			r := runCLI(t, nil, "", append([]string{"slip", "--db", path}, tc.args...)...)
			if r.code != exitFail || r.stdout != "" || !strings.Contains(r.stderr, tc.want) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("slip %q = %+v, want exit 1 and one line containing %q", tc.args, r, tc.want)
			}
			checkMessages(t, "slip "+tc.name, r)
			if _, err := os.Stat(out); err == nil {
				t.Errorf("slip %q wrote %s", tc.args, out)
			}
		})
	}
	if runtime.GOOS != "windows" && os.Geteuid() != 0 {
		ro := filepath.Join(dir, "read-only")
		if err := os.Mkdir(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		r := runCLI(t, nil, "", "slip", "--db", path, "slco-clerk-passports", filepath.Join(ro, "slip.pdf"))
		if r.code != exitFail || !strings.Contains(r.stderr, "permission denied; check the folder exists and you may write to it") {
			t.Errorf("slip into a read-only folder = %+v, want exit 1 saying so", r)
		}
	}
}

func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}, {"search", "--help"}, {"import", "-h"}, {"slip", "--help"}} {
		r := runCLI(t, nil, "", args...)
		if r.code != exitOK || !strings.Contains(r.stdout, "nowrongdoor search") || !strings.Contains(r.stdout, "nowrongdoor import") ||
			!strings.Contains(r.stdout, "nowrongdoor slip") || r.stderr != "" {
			t.Errorf("%q = %+v, want the usage on stdout and exit 0", args, r)
		}
	}
	r := runCLI(t, nil, "", "version")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "nowrongdoor ") {
		t.Errorf("version = %+v, want \"nowrongdoor VERSION\" and exit 0", r)
	}
}

func TestBadUsage(t *testing.T) {
	path := seededDB(t)
	before := dbState(t, path)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"serch", "passport"}, `unknown command "serch"`},
		{[]string{"--db", path, "search"}, `unknown command "search"`},
		{[]string{"--bogus"}, "flag provided but not defined: -bogus"},
		{[]string{"search", "--db", path, "--bogus", "passport"}, "search: flag provided but not defined: -bogus"},
		{[]string{"search", "--db", path}, "search: give the words to search for"},
		{[]string{"search", "--db"}, "flag needs an argument: -db"},
		{[]string{"search", "--db", path, "--limit", "many", "passport"}, `invalid value "many" for flag -limit`},
		{[]string{"search", "--db", path, "--limit", "0", "passport"}, "--limit 0: give a number of results above 0"},
		{[]string{"search", "--db", path, "--limit", "-3", "passport"}, "--limit -3"},
		{[]string{"search", "--db", path, "--json=maybe", "passport"}, "invalid boolean value"},
		{[]string{"import", "--db", path}, "import: give the file to import"},
		{[]string{"import", "--db", path, "a.json", "b.json"}, "import: give one file, not 2"},
		{[]string{"import", "--db", path, "--force", "a.json"}, "import: flag provided but not defined: -force"},
		{[]string{"import", "--db", path, "a.json"}, "import: an import needs the admin password and there is no terminal to ask on; set NOWRONGDOOR_ADMIN_PASSWORD"},
		{[]string{"import", "--db", path, "--as", "  ", "a.json"}, "import: --as is blank; give the admin's name"},
		{[]string{"import", "--db", path, "--as", "Ana\u202eDA", "a.json"}, "import: --as contains the invisible character U+202E"},
		{[]string{"import", "--db", path, "--as", strings.Repeat("x", 101), "a.json"}, "import: --as is 101 characters long"},
		{[]string{"import", "--db", path, "--as"}, "flag needs an argument: -as"},
		{[]string{"version", "now"}, "version takes no arguments"},
		{[]string{"slip", "--db", path}, "slip: give the listing ids and then the PDF to write"},
		{[]string{"slip", "--db", path, "slco-clerk-passports"}, "slip: give the listing ids and then the PDF to write"},
		{[]string{"slip", "--db", path, "slco-clerk-passports", "utah-food-bank"}, `the last argument, "utah-food-bank", is the PDF to write`},
		{[]string{"slip", "--db", path, "--lang", "fr", "slco-clerk-passports", "out.pdf"}, "slip: --lang fr: use en (English) or es (Spanish)"},
		{[]string{"slip", "--db", path, "a", "b", "c", "d", "e", "out.pdf"}, "slip: 5 listings do not fit one page; give at most 4 (2 with --large)"},
		{[]string{"slip", "--db", path, "--large", "a", "b", "c", "out.pdf"}, "slip: 3 listings do not fit one page; give at most 2 in large print"},
		{[]string{"slip", "--db", path, "--big", "a", "out.pdf"}, "slip: flag provided but not defined: -big"},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(strings.Join(tt.args, " "), path, "DB"), func(t *testing.T) {
			r := runCLI(t, nil, "", tt.args...)
			if r.code != exitUsage || r.stdout != "" || !strings.Contains(r.stderr, tt.want) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("run(%q) = %+v, want exit 2 and one line containing %q", tt.args, r, tt.want)
			}
			checkMessages(t, strings.Join(tt.args, " "), r)
		})
	}
	if after := dbState(t, path); after != before {
		t.Error("bad usage changed the database")
	}
}

func TestBadQueries(t *testing.T) {
	path := seededDB(t)
	before := dbState(t, path)
	tests := []struct {
		name  string
		words []string
		code  int    // -1: found (0) or nothing found (1) are both fine
		want  string // in stderr when the search is refused
	}{
		{"10,000 characters", []string{strings.Repeat("passport ", 1111) + "x"}, exitFail, "characters long; use at most 1000"},
		{"bell", []string{"pass\aport"}, exitFail, "control character U+0007"},
		{"escape", []string{"\x1b[31mpassport"}, exitFail, "control character U+001B"},
		{"NUL", []string{"pass\x00port"}, exitFail, "control character U+0000"},
		{"invalid UTF-8", []string{"pasaporte \xff\xfe"}, exitFail, "not valid UTF-8"},
		{"tab and newline", []string{"passport\tclerk\n"}, -1, ""},
		{"double quote", []string{`"`}, -1, ""},
		{"quoted phrase", []string{`"passport`}, -1, ""},
		{"star", []string{"*"}, -1, ""},
		{"prefix star", []string{"pass*"}, -1, ""},
		{"colon", []string{":"}, -1, ""},
		{"column filter", []string{"name:passport"}, -1, ""},
		{"NEAR", []string{"NEAR"}, -1, ""},
		{"NEAR group", []string{"NEAR(passport", "clerk)"}, -1, ""},
		{"boolean", []string{"passport", "AND", "NOT", "clerk", "OR"}, -1, ""},
		{"SQL", []string{"'; DROP TABLE listings; --"}, -1, ""},
		{"SQL comment", []string{"passport'", "/*", "*/", "--"}, -1, ""},
		{"only spaces", []string{"   "}, exitFail, "no listings match"},
		{"punctuation", []string{"?!.,;()[]{}"}, -1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, asJSON := range []bool{false, true} {
				args := append([]string{"search", "--db", path}, tt.words...)
				if asJSON {
					args = append([]string{"search", "--json", "--db", path}, tt.words...)
				}
				r := runCLI(t, nil, "", args...)
				switch {
				case tt.code >= 0 && r.code != tt.code:
					t.Errorf("search %q = %+v, want exit %d", tt.words, r, tt.code)
				case tt.code < 0 && r.code != exitOK && r.code != exitFail:
					t.Errorf("search %q = %+v, want exit 0 or 1", tt.words, r)
				}
				if !strings.Contains(r.stderr, tt.want) {
					t.Errorf("search %q stderr = %q, want it to contain %q", tt.words, r.stderr, tt.want)
				}
				if r.code != exitOK {
					checkMessages(t, "search "+tt.name, r)
					if strings.Count(r.stderr, "\n") != 1 {
						t.Errorf("search %q stderr = %q, want one line", tt.words, r.stderr)
					}
				}
				if asJSON && r.stdout != "" && !json.Valid([]byte(r.stdout)) {
					t.Errorf("search --json %q printed %q, want JSON", tt.words, r.stdout)
				}
			}
		})
	}
	if after := dbState(t, path); after != before {
		t.Error("searching changed the database")
	}
	// The listings table survived every query.
	if r := runCLI(t, nil, "", "search", "--db", path, "passport"); r.code != exitOK || !strings.Contains(r.stdout, "Passport") {
		t.Errorf("search passport after the bad queries = %+v", r)
	}
}

func TestNoMatch(t *testing.T) {
	path := seededDB(t)
	r := runCLI(t, nil, "", "search", "--db", path, "--json", "zzqxjv")
	if r.code != exitFail || strings.TrimSpace(r.stdout) != "[]" || !strings.Contains(r.stderr, `no listings match "zzqxjv"`) {
		t.Errorf("search --json zzqxjv = %+v, want [] and exit 1 with a message", r)
	}
}

// writeImport writes an import file and returns its path.
func writeImport(t *testing.T, content []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "import.json")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func marshalRecords(t *testing.T, records []map[string]any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(records, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// defaultRecords returns the default directory as editable records.
func defaultRecords(t *testing.T) []map[string]any {
	t.Helper()
	var recs []map[string]any
	if err := json.Unmarshal(data.Agencies, &recs); err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestImport(t *testing.T) {
	path := seededDB(t)
	recs := defaultRecords(t)[:3]
	recs[1]["name"] = "Renamed Office"
	recs = append(recs, map[string]any{"id": "new-office", "name": "New Office", "level": "city",
		"phones": []any{map[string]any{"label": "Main", "number": "801-535-6000", "ext": "12"}}})
	file := writeImport(t, marshalRecords(t, recs))

	before := dbState(t, path)
	r := runCLI(t, nil, "", "import", "--db", path, "--dry-run", file)
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "added 1, updated 1, unchanged 2 (dry run: nothing was written)\n") {
		t.Errorf("import --dry-run = %+v, want the counts and exit 0", r)
	}
	if dbState(t, path) != before {
		t.Error("import --dry-run changed the database")
	}

	r = runCLI(t, admin, "", "import", "--db", path, file)
	if r.code != exitOK || r.stdout != "added 1, updated 1, unchanged 2\n" ||
		!strings.HasPrefix(r.stderr, "nowrongdoor: the admin password of this database is now set from NOWRONGDOOR_ADMIN_PASSWORD; every change will need it\n") {
		t.Errorf("import = %+v, want the counts, the password set, and exit 0", r)
	}
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for id, want := range map[string]string{"new-office": "New Office", recs[1]["id"].(string): "Renamed Office"} {
		if l, err := s.Listing(context.Background(), id); err != nil || l.Name != want {
			t.Errorf("Listing(%q) after import = %q, %v, want %q", id, l.Name, err, want)
		}
	}
	if n, _ := s.Count(context.Background()); n != len(defaultRecords(t))+1 {
		t.Errorf("Count() after import = %d, want the default listings kept and one added", n)
	}

	// Standard input works too.
	r = runCLI(t, admin, string(marshalRecords(t, recs)), "import", "--db", path, "-")
	if r.code != exitOK || r.stdout != "added 0, updated 0, unchanged 4\n" || r.stderr != "" {
		t.Errorf("import - = %+v, want everything unchanged", r)
	}
}

func TestImportBadFiles(t *testing.T) {
	path := adminDB(t)
	before := dbState(t, path)
	noName := defaultRecords(t)[:3]
	delete(noName[2], "name")
	dup := defaultRecords(t)[:3]
	dup[2]["id"] = dup[0]["id"]
	tests := []struct {
		name    string
		content []byte // nil: use file as the path
		file    string
		want    []string // each in its own stderr line
	}{
		{"empty", []byte{}, "", []string{"the file is empty", "1 problem; fix it and import again, nothing was imported"}},
		{"blank", []byte("\n\n  \n"), "", []string{"the file is empty"}},
		{"truncated", data.Agencies[:len(data.Agencies)/2], "", []string{"ends in the middle of the JSON (line"}},
		{"not JSON", []byte("id,name,phone\nslco-wic,WIC,385-468-4100\n"), "", []string{"the file is not JSON (line 1, column 1"}},
		// One object is one HSDS service.
		{"object", []byte(`{"id": "x", "name": "y"}`), "", []string{`record 1 (id "x"): the listing has no phone`, "1 problem in 1 of 1 records"}},
		{"invalid UTF-8", []byte("[{\"id\": \"x\", \"name\": \"caf\xe9\"}]"), "", []string{"not valid UTF-8"}},
		{"duplicate ids", marshalRecords(t, dup), "", []string{
			`record 3 (id "slco-clerk-marriage-licenses"): id is also used by record 1`}},
		{"no name", marshalRecords(t, noName), "", []string{
			`record 3 (id "slco-treasurer"): name is empty; give the listing a name`}},
		{"several problems", marshalRecords(t, append(dup, noName[2])), "", []string{
			"record 3 (id", "record 4 (id", "2 problems in 2 of 4 records; fix them and import again, nothing was imported"}},
		{"missing file", nil, filepath.Join(t.TempDir(), "nope.json"), []string{"nope.json does not exist; check the name"}},
		// A folder is an HSDS CSV data package.
		{"folder", nil, t.TempDir(), []string{"the package is empty; an HSDS CSV data package holds datapackage.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if tt.content != nil {
				file = writeImport(t, tt.content)
			}
			r := runCLI(t, admin, "", "import", "--db", path, file)
			if r.code != exitFail || r.stdout != "" {
				t.Errorf("import %s = %+v, want exit 1 and nothing on stdout", tt.name, r)
			}
			checkMessages(t, "import "+tt.name, r)
			lines := strings.Split(r.stderr, "\n")
			for _, want := range tt.want {
				var found bool
				for _, l := range lines {
					found = found || strings.Contains(l, want)
				}
				if !found {
					t.Errorf("import %s stderr = %q, want a line containing %q", tt.name, r.stderr, want)
				}
			}
		})
	}
	if after := dbState(t, path); after != before {
		t.Error("a bad import file changed the database")
	}
}

// TestImportDryRunCreatesNoDatabase: a dry run against a database that
// does not exist yet reports against the built-in directory, and leaves no
// file behind.
func TestImportDryRunCreatesNoDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nowrongdoor.db")
	recs := defaultRecords(t)[:2]
	recs = append(recs, map[string]any{"id": "new-office", "name": "New Office", "level": "city",
		"phones": []any{map[string]any{"label": "Main", "number": "801-535-6000"}}})
	r := runCLI(t, nil, "", "import", "--db", path, "--dry-run", writeImport(t, marshalRecords(t, recs)))
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "added 1, updated 0, unchanged 2 (dry run: nothing was written)\n  new: new-office (New Office)\n") ||
		!strings.Contains(r.stderr, "does not exist yet") {
		t.Errorf("import --dry-run = %+v, want the counts against the built-in directory, and exit 0", r)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("import --dry-run created the database (%v), want nothing written", err)
	}
}

// TestImportBadFileCreatesNoDatabase: an import into a database that does
// not exist yet, of a file cut short or with a bad record at its end
// (found after thousands of listings were written), leaves no file.
func TestImportBadFileCreatesNoDatabase(t *testing.T) {
	var recs []map[string]any
	for n := range 12 {
		for _, r := range defaultRecords(t) {
			r["id"] = fmt.Sprintf("%s-%d", r["id"], n)
			recs = append(recs, r)
		}
	}
	recs = append(recs, map[string]any{"id": "bad-office", "name": "Bad Office", "level": "city",
		"phones": []any{map[string]any{"label": "Main", "number": "801-535-600"}}})
	for name, file := range map[string][]byte{"cut short": []byte("["), "bad last record": marshalRecords(t, recs)} {
		dir := t.TempDir()
		path := filepath.Join(dir, "nowrongdoor.db")
		r := runCLI(t, admin, "", "import", "--db", path, writeImport(t, file))
		if r.code != exitFail || !strings.Contains(r.stderr, "nothing was imported") {
			t.Errorf("import of a file %s = %+v, want exit 1 and nothing imported", name, r)
		}
		if left, _ := os.ReadDir(dir); len(left) > 0 {
			t.Errorf("import of a file %s into a new database left %v, want nothing written", name, left)
		}
	}
}

func TestBadDatabase(t *testing.T) {
	garbage := bytes.Repeat([]byte("this is not a database\n"), 300)
	tests := []struct {
		name  string
		setup func(t *testing.T) string
		want  string
	}{
		{"garbage", func(t *testing.T) string {
			path := filepath.Join(t.TempDir(), "nowrongdoor.db")
			if err := os.WriteFile(path, garbage, 0o600); err != nil {
				t.Fatal(err)
			}
			return path
		}, "the file is damaged or is not a database"},
		{"folder", func(t *testing.T) string { return t.TempDir() }, "it is a folder; give the path of a database file"},
		{"under a file", func(t *testing.T) string {
			file := filepath.Join(t.TempDir(), "file")
			if err := os.WriteFile(file, nil, 0o600); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(file, "nowrongdoor.db")
		}, "choose another location with --db"},
		{"read-only folder", func(t *testing.T) string {
			if os.Geteuid() == 0 || runtime.GOOS == "windows" {
				t.Skip("permissions do not bind root, nor work this way on Windows")
			}
			dir := filepath.Join(t.TempDir(), "locked")
			if err := os.Mkdir(dir, 0o500); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(dir, 0o700) })
			return filepath.Join(dir, "nowrongdoor.db")
		}, "choose another location with --db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.setup(t)
			for _, args := range [][]string{
				{"search", "--db", path, "passport"},
				{"import", "--db", path, writeImport(t, data.Agencies)},
			} {
				r := runCLI(t, admin, "", args...)
				if r.code != exitFail || !strings.Contains(r.stderr, tt.want) || strings.Count(r.stderr, "\n") != 1 {
					t.Errorf("%s = %+v, want exit 1 and one line containing %q", args[0], r, tt.want)
				}
				checkMessages(t, args[0]+" "+tt.name, r)
			}
			if tt.name == "garbage" {
				if b, err := os.ReadFile(path); err != nil || !bytes.Equal(b, garbage) {
					t.Error("a damaged database file was changed, want it left for recovery")
				}
			}
		})
	}
}

func TestDefaultDataImportsUnchanged(t *testing.T) {
	// The default directory, imported over a seeded database, is the same
	// data: the importer and the seed agree.
	path := seededDB(t)
	r := runCLI(t, admin, "", "import", "--db", path, writeImport(t, data.Agencies))
	want, err := jsonfile.ParseListings(bytes.NewReader(data.Agencies))
	if err != nil {
		t.Fatal(err)
	}
	if r.code != exitOK || r.stdout != "added 0, updated 0, unchanged "+strconv.Itoa(len(want))+"\n" {
		t.Errorf("import of the default data = %+v, want all unchanged", r)
	}
}

// TestOpenRefreshesDefaultDirectory: a desk whose database an earlier
// release seeded gets this release's default listings when it next opens,
// except where an admin has changed one.
func TestOpenRefreshesDefaultDirectory(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "nowrongdoor.db")
	older := defaultRecords(t)
	var passports, edited map[string]any
	for _, r := range older {
		switch r["id"] {
		case "slco-clerk-passports":
			passports = r
		case "slco-treasurer":
			edited = r
		}
	}
	for _, r := range []map[string]any{passports, edited} {
		p := r["phones"].([]any)[0].(map[string]any)
		p["label"] = p["label"].(string) + " (per a 2019 flyer; confirm)"
	}
	earlier, err := jsonfile.ParseListings(bytes.NewReader(marshalRecords(t, older)))
	if err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SeedIfEmpty(ctx, earlier); err != nil {
		t.Fatal(err)
	}
	edited["name"] = "Treasurer, as the admin named it"
	mine, err := jsonfile.ParseListings(bytes.NewReader(marshalRecords(t, []map[string]any{edited})))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, mine, sqlite.ImportOptions{Actor: "admin"}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	if r := runCLI(t, nil, "", "search", "--db", path, "passport"); r.code != exitOK || r.stderr != "" {
		t.Fatalf("search on an older database = %+v, want exit 0", r)
	}
	want := map[string]directory.Listing{}
	def, err := jsonfile.ParseListings(bytes.NewReader(data.Agencies))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range def {
		want[l.ID] = l
	}
	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for id, label := range map[string]string{
		"slco-clerk-passports": want["slco-clerk-passports"].Phones[0].Label,
		"slco-treasurer":       mine[0].Phones[0].Label,
	} {
		if l, err := s.Listing(ctx, id); err != nil || l.Phones[0].Label != label {
			t.Errorf("Listing(%q) first label = %q, %v, want %q", id, l.Phones[0].Label, err, label)
		}
	}
	if h, err := s.AuditEntries(ctx, "slco-clerk-passports"); err != nil || len(h) != 1 || h[0].Action != "refresh" || h[0].Actor != "default directory" {
		t.Errorf("History(slco-clerk-passports) = %+v, %v, want one refresh by the default directory", h, err)
	}
	s.Close()

	before := dbState(t, path)
	if r := runCLI(t, nil, "", "search", "--db", path, "passport"); r.code != exitOK {
		t.Fatalf("search again = %+v, want exit 0", r)
	}
	if dbState(t, path) != before {
		t.Error("opening the refreshed database again changed it")
	}
}

// FuzzSearchCommand feeds arbitrary words to the search command: it must
// never panic, answer with a JSON array or one line saying why not, and
// exit 0 or 1.
func FuzzSearchCommand(f *testing.F) {
	path := filepath.Join(f.TempDir(), "nowrongdoor.db")
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"search", "--db", path, "passport"}, nil, &out, &errOut, func(string) string { return "" }); code != exitOK {
		f.Fatalf("seeding search = %d, %s", code, errOut.String())
	}
	for _, q := range []string{
		"passport", "marr", "food stamps", "licencia de matrimonio", `"`, "*", ":", "NEAR(passport clerk)",
		"'; DROP TABLE listings; --", "pass\x00port", "\xff\xfe", strings.Repeat("a", 1001), "",
		"-", "--limit", "ñ", "\u2028", "ａｂｃ", "🙂",
	} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		r := runCLI(t, nil, "", "search", "--json", "--db", path, "--", q)
		switch r.code {
		case exitOK:
			var hits []map[string]any
			if err := json.Unmarshal([]byte(r.stdout), &hits); err != nil || len(hits) == 0 || r.stderr != "" {
				t.Fatalf("search %q = %+v, want a JSON array of results", q, r)
			}
		case exitFail:
			if r.stdout != "" && strings.TrimSpace(r.stdout) != "[]" {
				t.Fatalf("search %q = %+v, want no results printed", q, r)
			}
			if strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, "nowrongdoor: ") {
				t.Fatalf("search %q stderr = %q, want one line", q, r.stderr)
			}
		default:
			t.Fatalf("search %q = %+v, want exit 0 or 1", q, r)
		}
	})
}

// TestNoLocaleNoise: on a machine whose locale is C.UTF-8 (most Debian and
// Ubuntu servers), a command prints nothing but its own output: no "Fyne
// error" lines about the locale on standard error.
func TestNoLocaleNoise(t *testing.T) {
	if os.Getenv("NOWRONGDOOR_LOCALE_CHILD") == "1" {
		return // the child only needs to start: the noise comes at init
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoLocaleNoise$")
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "LANG") && !strings.HasPrefix(kv, "LC_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "LANG=C.UTF-8", "NOWRONGDOOR_LOCALE_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child test run: %v\n%s", err, out)
	}
	if bytes.Contains(out, []byte("Fyne error")) {
		t.Errorf("start-up with LANG=C.UTF-8 printed:\n%s", out)
	}
}

// TestVersionMatchesFyneApp: the version the command line prints is the one
// packaged builds carry, from FyneApp.toml.
func TestVersionMatchesFyneApp(t *testing.T) {
	b, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	want := ""
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok && strings.TrimSpace(k) == "Version" {
			want = strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	if want == "" || version != want {
		t.Errorf("version = %q, FyneApp.toml says %q; keep them equal", version, want)
	}
}

// TestSearchKeepsItsIndex: a search keeps the index it built in the
// database, the next search loads it and answers the same, and after an
// import a search answers from the directory as it is now.
func TestSearchKeepsItsIndex(t *testing.T) {
	path := seededDB(t) // searched once: the index is kept
	if err := keptIndexFinds(t, path, "passport"); err != nil {
		t.Fatalf("after a search the database keeps no index that finds: %v", err)
	}

	first := runCLI(t, nil, "", "search", "--db", path, "--json", "passport")
	again := runCLI(t, nil, "", "search", "--db", path, "--json", "passport")
	if first.code != exitOK || again != first {
		t.Errorf("a search from the kept index = %+v, want %+v", again, first)
	}

	recs := []map[string]any{{"id": "zz-passport-photos", "name": "Passport Photos Kiosk", "level": "city",
		"phones": []any{map[string]any{"label": "Main", "number": "801-535-6000"}}}}
	if r := runCLI(t, admin, "", "import", "--db", path, writeImport(t, marshalRecords(t, recs))); r.code != exitOK {
		t.Fatalf("import = %+v", r)
	}
	r := runCLI(t, nil, "", "search", "--db", path, "--json", "passport photos")
	if !strings.Contains(r.stdout, `"id": "zz-passport-photos"`) {
		t.Errorf("search after an import = %+v, want the new listing", r)
	}
}

// TestSearchBuildsAgainADamagedIndex: a kept index that cannot be read,
// its head or its terms, is only derived data: the search answers from
// the listings, and keeps a sound index again.
func TestSearchBuildsAgainADamagedIndex(t *testing.T) {
	for _, damage := range []string{
		`UPDATE search_index SET head = x'00'`,
		`UPDATE search_term SET record = x'0102'`,
	} {
		path := seededDB(t) // keeps the index
		want := runCLI(t, nil, "", "search", "--db", path, "--json", "passport")
		sqlExec(t, path, damage)
		got := runCLI(t, nil, "", "search", "--db", path, "--json", "passport")
		if got != want {
			t.Errorf("after %s: search = %+v, want %+v", damage, got, want)
		}
		if err := keptIndexFinds(t, path, "passport"); err != nil {
			t.Errorf("after %s no sound index is kept again: %v", damage, err)
		}
	}
}

// keptIndexFinds loads the index the database at path keeps and searches
// it for query: an error when it keeps none, or one that cannot be read.
func keptIndexFinds(t *testing.T, path, query string) error {
	t.Helper()
	ctx := context.Background()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	kept, err := s.OpenSearchIndex(ctx, search.Format())
	if err != nil {
		return err
	}
	defer kept.Close()
	ix, err := search.Load(kept.Head(), kept)
	if err != nil {
		return err
	}
	rs, err := ix.Find(query, 3)
	if err == nil && len(rs) == 0 {
		err = errors.New("it finds nothing")
	}
	return err
}
