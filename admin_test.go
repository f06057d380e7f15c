package main

import (
	"bytes"
	"context"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"nowrongdoor/directory/adminauth"
	"nowrongdoor/directory/sqlite"
)

// testClock is the delay's clock in these tests: it moves only when the
// command sleeps, and remembers each sleep, so no test waits for real.
type testClock struct {
	now    time.Time
	sleeps []time.Duration
}

func (c *testClock) sleep(ctx context.Context, d time.Duration) error {
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return ctx.Err()
}

// terminal stands in for the admin at a terminal: it answers each
// password prompt with the next of answers, and remembers the prompts.
type terminal struct {
	answers []string
	prompts []string
}

func (tt *terminal) ask(_ context.Context, prompt string) (string, error) {
	tt.prompts = append(tt.prompts, prompt)
	if len(tt.answers) == 0 {
		return "", io.EOF
	}
	a := tt.answers[0]
	tt.answers = tt.answers[1:]
	return a, nil
}

// runAdmin runs the command with the clock c, the environment env and, if
// tty is not nil, a terminal.
func runAdmin(t *testing.T, c *testClock, env map[string]string, tty *terminal, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	cl := &cli{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut,
		getenv: func(k string) string { return env[k] },
		now:    func() time.Time { return c.now }, sleep: c.sleep}
	if tty != nil {
		cl.askPassword = tty.ask
	}
	code := cl.run(context.Background(), args)
	return result{code, out.String(), errOut.String()}
}

func adminState(t *testing.T, path string) adminauth.State {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.AdminState(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func newClock() *testClock { return &testClock{now: time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)} }

// TestImportWrongPassword: a wrong password says so, changes nothing, exits
// 1, and waits longer each time in a row (the count is kept in the
// database, so each run, a new process, knows the last); the right one
// imports and clears the count.
func TestImportWrongPassword(t *testing.T) {
	path := seededDB(t)
	file := writeImport(t, marshalRecords(t, []map[string]any{{"id": "new-office", "name": "New Office", "level": "city",
		"phones": []any{map[string]any{"label": "Main", "number": "801-535-6000"}}}}))
	c := newClock()
	if r := runAdmin(t, c, admin, nil, "import", "--db", path, "--dry-run", file); r.code != exitOK {
		t.Fatalf("import --dry-run = %+v", r)
	}
	if adminState(t, path).IsSet() {
		t.Fatal("import --dry-run set the admin password, want nothing written")
	}
	if r := runAdmin(t, c, admin, nil, "import", "--db", path, writeImport(t, renamedFile(t))); r.code != exitOK {
		t.Fatalf("first import = %+v, want the password set", r)
	}
	before := dbState(t, path)
	wrong := map[string]string{envAdminPassword: "reference desk 1924"}
	var waits []string
	for i := 1; i <= 4; i++ {
		r := runAdmin(t, c, wrong, nil, "import", "--db", path, file)
		want := "nowrongdoor: import: wrong admin password (from NOWRONGDOOR_ADMIN_PASSWORD); nothing was changed"
		if r.code != exitFail || r.stdout != "" || !strings.HasPrefix(r.stderr, want) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("import with wrong password #%d = %+v, want exit 1 and one line starting %q", i, r, want)
		}
		checkMessages(t, "import with a wrong password", r)
		_, wait, _ := strings.Cut(strings.TrimSuffix(r.stderr, "\n"), "changed")
		waits = append(waits, wait)
		if st := adminState(t, path); st.Failures != i {
			t.Errorf("after wrong password #%d the database counts %d failures", i, st.Failures)
		}
	}
	wantWaits := []string{"", " (2 wrong in a row: waiting 1 s, so guessing is slow)",
		" (3 wrong in a row: waiting 2 s, so guessing is slow)", " (4 wrong in a row: waiting 4 s, so guessing is slow)"}
	if !reflect.DeepEqual(waits, wantWaits) {
		t.Errorf("wrong passwords said %q, want %q", waits, wantWaits)
	}
	if want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}; !reflect.DeepEqual(c.sleeps, want) {
		t.Errorf("wrong passwords slept %v, want %v", c.sleeps, want)
	}
	if dbState(t, path) != before {
		t.Error("imports with a wrong password changed the listings or the audit trail")
	}

	// A restart does not skip the delay: a run that comes back before it
	// is over (here, at once) waits the rest first.
	c.now = c.now.Add(-3 * time.Second)
	c.sleeps = nil
	r := runAdmin(t, c, admin, nil, "import", "--db", path, file)
	if r.code != exitOK || r.stdout != "added 1, updated 0, unchanged 0\n" {
		t.Fatalf("import with the right password = %+v, want it imported", r)
	}
	if want := "nowrongdoor: 4 wrong admin passwords in a row: waiting 3 s before trying this one\n"; !strings.HasPrefix(r.stderr, want) {
		t.Errorf("import after wrong passwords stderr = %q, want %q", r.stderr, want)
	}
	if want := []time.Duration{3 * time.Second}; !reflect.DeepEqual(c.sleeps, want) {
		t.Errorf("import after wrong passwords slept %v, want %v", c.sleeps, want)
	}
	if st := adminState(t, path); st.Failures != 0 {
		t.Errorf("after the right password the database counts %d failures, want 0", st.Failures)
	}
}

// TestImportNeedsPassword: without the variable and without a terminal,
// an import stops before doing anything (exit 2) and says what to set;
// a dry run needs no password.
func TestImportNeedsPassword(t *testing.T) {
	path := seededDB(t)
	before := dbState(t, path)
	file := writeImport(t, renamedFile(t))
	r := runAdmin(t, newClock(), nil, nil, "import", "--db", path, file)
	if r.code != exitUsage || r.stdout != "" || !strings.Contains(r.stderr, "set NOWRONGDOOR_ADMIN_PASSWORD") {
		t.Errorf("import with no password = %+v, want exit 2 saying to set NOWRONGDOOR_ADMIN_PASSWORD", r)
	}
	checkMessages(t, "import with no password", r)
	r = runAdmin(t, newClock(), nil, nil, "import", "--db", path, "--dry-run", file)
	if r.code != exitOK || !strings.Contains(r.stdout, "(dry run: nothing was written)\n") || r.stderr != "" {
		t.Errorf("import --dry-run with no password = %+v, want it to report and exit 0", r)
	}
	if dbState(t, path) != before || adminState(t, path).IsSet() {
		t.Error("imports without a password changed the database")
	}
}

// renamedFile returns a small import file: the first default listing renamed.
func renamedFile(t *testing.T) []byte {
	recs := defaultRecords(t)[:1]
	recs[0]["name"] = "Renamed Office"
	return marshalRecords(t, recs)
}

// TestImportFirstPasswordOnTerminal: on a terminal, the first import into
// a database asks for a new password twice; a short one or two that differ
// set nothing and import nothing.
func TestImportFirstPasswordOnTerminal(t *testing.T) {
	path := seededDB(t)
	before := dbState(t, path)
	file := writeImport(t, renamedFile(t))
	for _, tc := range []struct {
		name    string
		answers []string
		prompts []string
		want    string
	}{
		{"too short", []string{"hunter2"}, []string{"New admin password: "},
			"import: the admin password is too weak: it has 7 characters; use at least 10; nothing was changed"},
		{"differ", []string{testPassword, testPassword + "!"}, []string{"New admin password: ", "Type it again: "},
			"import: the two passwords typed differ; no password was set and nothing was changed"},
		{"nothing typed", nil, []string{"New admin password: "}, "import: no admin password was typed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tty := &terminal{answers: tc.answers}
			r := runAdmin(t, newClock(), nil, tty, "import", "--db", path, file)
			if r.code != exitFail || r.stdout != "" || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("import = %+v, want exit 1 saying %q", r, tc.want)
			}
			checkMessages(t, "import "+tc.name, r)
			if !reflect.DeepEqual(tty.prompts, tc.prompts) {
				t.Errorf("import asked %q, want %q", tty.prompts, tc.prompts)
			}
		})
	}
	if dbState(t, path) != before || adminState(t, path).IsSet() {
		t.Fatal("failed first passwords changed the database")
	}

	tty := &terminal{answers: []string{testPassword, testPassword}}
	r := runAdmin(t, newClock(), nil, tty, "import", "--db", path, "--as", "Ana Admin", file)
	if r.code != exitOK || r.stdout != "added 0, updated 1, unchanged 0\n" || !strings.Contains(r.stderr, "no admin password yet") ||
		!strings.Contains(r.stderr, "the admin password of this database is now set; every change will need it") {
		t.Fatalf("first import on a terminal = %+v, want the password set and the file imported", r)
	}
	// From now on it asks once, and the environment's password is the same one.
	tty = &terminal{answers: []string{testPassword}}
	if r := runAdmin(t, newClock(), nil, tty, "import", "--db", path, file); r.code != exitOK || r.stderr != "" {
		t.Errorf("second import on a terminal = %+v, want it unlocked", r)
	}
	if !reflect.DeepEqual(tty.prompts, []string{"Admin password: "}) {
		t.Errorf("second import asked %q, want one Admin password prompt", tty.prompts)
	}
	if r := runAdmin(t, newClock(), admin, nil, "import", "--db", path, file); r.code != exitOK {
		t.Errorf("import with the variable = %+v, want the password typed before accepted", r)
	}
	tty = &terminal{answers: []string{"not the password"}}
	if r := runAdmin(t, newClock(), nil, tty, "import", "--db", path, file); r.code != exitFail ||
		!strings.Contains(r.stderr, "import: wrong admin password; nothing was changed") {
		t.Errorf("import with a wrong password typed = %+v, want exit 1 saying so", r)
	}
}

// TestImportAs: the admin's name from --as, else NOWRONGDOOR_ADMIN_NAME,
// goes on the audit rows of the password and of the import.
func TestImportAs(t *testing.T) {
	path := seededDB(t)
	env := map[string]string{envAdminPassword: testPassword, envAdminName: "Bo Librarian"}
	if r := runAdmin(t, newClock(), env, nil, "import", "--db", path, "--as", " Ana Admin ", writeImport(t, renamedFile(t))); r.code != exitOK {
		t.Fatalf("import --as = %+v", r)
	}
	recs := defaultRecords(t)[1:2]
	recs[0]["name"] = "Renamed Again"
	if r := runAdmin(t, newClock(), env, nil, "import", "--db", path, writeImport(t, marshalRecords(t, recs))); r.code != exitOK {
		t.Fatalf("import with NOWRONGDOOR_ADMIN_NAME = %+v", r)
	}
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	h, err := s.History(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range h {
		got = append(got, e.Action+" by "+e.Actor)
	}
	want := []string{"import by Bo Librarian", "import by Ana Admin", "set-admin-password by Ana Admin", "seed by nowrongdoor"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("History(\"\") = %q, want %q", got, want)
	}
}
