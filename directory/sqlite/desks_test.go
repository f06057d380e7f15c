package sqlite

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/search"
)

// desksDuration is how long TestTwoDesks runs its two desks. A few seconds
// in an ordinary run; the real measurement is a minute:
//
//	go test ./directory/sqlite -run TestTwoDesks -v -desks-duration=1m
//
// or NOWRONGDOOR_DESKS_DURATION=1m.
var desksDuration = flag.Duration("desks-duration", 0, "how long TestTwoDesks runs (default 3s, or $NOWRONGDOOR_DESKS_DURATION)")

// The environment of a desk process of TestTwoDesks: its role, the
// database and how long to run.
const (
	deskRoleEnv     = "NOWRONGDOOR_TEST_DESK"
	deskDBEnv       = "NOWRONGDOOR_TEST_DESK_DB"
	deskDurationEnv = "NOWRONGDOOR_TEST_DESK_DURATION"
)

// deskWatched is the listing the writing desk keeps changing and the
// reading desk watches; deskMark ends its description with the change's
// number.
const (
	deskWatched = "slco-clerk-passports"
	deskMark    = " [desk change "
	// deskEdited is the listing the reading desk edits.
	deskEdited = "utah-food-bank"
	// deskReportPrefix marks the line a desk process reports on.
	deskReportPrefix = "desk report: "
)

// deskReport is what one desk process did and what went wrong.
type deskReport struct {
	Role   string
	Opens  int // stores opened
	Writes int // changes saved (the writer)
	Loads  int // directories loaded and searched (the reader)
	Edits  int // edits the reader's admin saved between searches
	// Errors counts every error of any kind; Locked those that were
	// SQLITE_BUSY or said "locked".
	Errors, Locked int
	First          []string // the first few errors
	// Changes is how many different changes of the writer the reader saw,
	// in a store it kept open and in stores it opened afresh; Last the
	// newest change number seen (the reader) or saved (the writer).
	ChangesKept, ChangesFresh int
	Last                      int
}

func (r *deskReport) fail(what string, err error) {
	if err == nil {
		return
	}
	r.Errors++
	if errors.Is(err, ErrBusy) || strings.Contains(err.Error(), "locked") {
		r.Locked++
	}
	if len(r.First) < 5 {
		r.First = append(r.First, what+": "+err.Error())
	}
}

// TestTwoDesks runs two processes on one database file, as two desks of a
// branch do: one keeps saving changes to a listing (and now and then
// closes and reopens its store), the other keeps opening the store,
// loading the listings and searching, both in a store it keeps open (the
// window) and in one it opens each time (the command line). No error of
// any kind is allowed, "database is locked" least of all, and the reader
// must see the writer's changes as they are saved.
func TestTwoDesks(t *testing.T) {
	if role := os.Getenv(deskRoleEnv); role != "" {
		runDesk(t, role)
		return
	}
	d := *desksDuration
	if env := os.Getenv("NOWRONGDOOR_DESKS_DURATION"); d == 0 && env != "" {
		var err error
		if d, err = time.ParseDuration(env); err != nil {
			t.Fatalf("NOWRONGDOOR_DESKS_DURATION=%s: %v", env, err)
		}
	}
	if d <= 0 {
		d = 3 * time.Second
	}
	path := newCrashDB(t, defaultListings(t))

	ctx, cancel := context.WithTimeout(context.Background(), d+5*time.Minute)
	defer cancel()
	type outcome struct {
		rep deskReport
		err error
	}
	results := make(chan outcome, 2)
	for _, role := range []string{"writer", "reader"} {
		cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestTwoDesks$", "-test.count=1")
		cmd.Env = append(os.Environ(), deskRoleEnv+"="+role, deskDBEnv+"="+path, deskDurationEnv+"="+d.String())
		cmd.Stderr = os.Stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() {
			var o outcome
			o.rep.Role = role
			found := false
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if line, ok := strings.CutPrefix(sc.Text(), deskReportPrefix); ok {
					found = true
					if err := json.Unmarshal([]byte(line), &o.rep); err != nil {
						o.err = err
					}
				}
			}
			if err := cmd.Wait(); err != nil && o.err == nil {
				o.err = fmt.Errorf("%s desk: %w", role, err)
			}
			if !found && o.err == nil {
				o.err = fmt.Errorf("%s desk reported nothing", role)
			}
			results <- o
		}()
	}
	reps := map[string]deskReport{}
	for range 2 {
		o := <-results
		if o.err != nil {
			t.Error(o.err)
		}
		reps[o.rep.Role] = o.rep
	}
	w, r := reps["writer"], reps["reader"]
	t.Logf("%v, two processes on one file:", d)
	t.Logf("writer: %d changes saved, %d opens, %d errors (%d locked)", w.Writes, w.Opens, w.Errors, w.Locked)
	t.Logf("reader: %d loads and searches, %d edits saved, %d opens, %d errors (%d locked); saw %d of the writer's changes in the store it kept open, %d in stores opened afresh, the last number %d of %d",
		r.Loads, r.Edits, r.Opens, r.Errors, r.Locked, r.ChangesKept, r.ChangesFresh, r.Last, w.Last)
	for _, rep := range []deskReport{w, r} {
		if rep.Errors > 0 {
			t.Errorf("the %s desk had %d errors (%d locked), want none; the first: %s", rep.Role, rep.Errors, rep.Locked, strings.Join(rep.First, " | "))
		}
	}
	if w.Writes == 0 || r.Loads == 0 || r.Edits == 0 {
		t.Errorf("the writer saved %d changes and the reader loaded %d times and saved %d edits; the test measured nothing", w.Writes, r.Loads, r.Edits)
	}
	if r.ChangesKept < 2 || r.ChangesFresh < 2 {
		t.Errorf("the reader saw %d of the writer's changes in its open store and %d in new ones, want at least 2 each", r.ChangesKept, r.ChangesFresh)
	}
}

// runDesk is a desk process of TestTwoDesks: it runs its role and prints
// its report.
func runDesk(t *testing.T, role string) {
	d, err := time.ParseDuration(os.Getenv(deskDurationEnv))
	if err != nil {
		t.Fatal(err)
	}
	path := os.Getenv(deskDBEnv)
	var rep deskReport
	switch role {
	case "writer":
		rep = writerDesk(t, path, d)
	case "reader":
		rep = readerDesk(path, d)
	default:
		t.Fatalf("unknown desk role %q", role)
	}
	rep.Role = role
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(deskReportPrefix + string(b))
}

// writerDesk saves a change to the watched listing over and over, through
// the store's write methods, for d, closing and reopening its store every
// few changes.
func writerDesk(t *testing.T, path string, d time.Duration) deskReport {
	ctx := context.Background()
	var rep deskReport
	var watched directory.Listing
	for _, l := range defaultListings(t) {
		if l.ID == deskWatched {
			watched = l
		}
	}
	base := watched.Description
	var s *Store
	for end := time.Now().Add(d); time.Now().Before(end); {
		if s == nil {
			var err error
			if s, err = Open(ctx, path); err != nil {
				rep.fail("open", err)
				s = nil
				continue
			}
			rep.Opens++
		}
		// Every other change is an admin's edit in the window (Load,
		// change, Save against what was loaded), the rest imports.
		if rep.Writes%2 == 0 {
			l, err := s.Load(ctx, deskWatched)
			if err != nil {
				rep.fail("load", err)
				continue
			}
			l.Description = base + deskMark + strconv.Itoa(rep.Last+1) + "]"
			if _, _, err := s.Save(ctx, l, l.UpdatedAt, "desk 1"); err != nil {
				rep.fail("save", err)
				continue
			}
		} else {
			watched.Description = base + deskMark + strconv.Itoa(rep.Last+1) + "]"
			if _, err := s.Import(ctx, []directory.Listing{watched}, ImportOptions{Actor: "desk 1", Source: "TestTwoDesks"}); err != nil {
				rep.fail("import", err)
				continue
			}
		}
		rep.Writes++
		rep.Last++
		if rep.Writes%25 == 0 {
			rep.fail("close", s.Close())
			s = nil
		}
	}
	if s != nil {
		rep.fail("close", s.Close())
	}
	return rep
}

// readerDesk loads and searches the directory for d, and on until it has
// seen two of the writer's changes both ways (or d and a minute more have
// passed): in a store it keeps open, as the window does, and in one it
// opens each time, as the command line does.
func readerDesk(path string, d time.Duration) deskReport {
	ctx := context.Background()
	var rep deskReport
	kept, fresh := map[int]bool{}, map[int]bool{}
	var window *Store
	end, giveUp := time.Now().Add(d), time.Now().Add(d+time.Minute)
	for time.Now().Before(end) || (len(kept) < 2 || len(fresh) < 2) && time.Now().Before(giveUp) {
		if window == nil {
			var err error
			if window, err = Open(ctx, path); err != nil {
				rep.fail("open", err)
				window = nil
				continue
			}
			rep.Opens++
		}
		readDesk(ctx, window, &rep, kept)
		editDesk(ctx, window, &rep)

		s, err := Open(ctx, path)
		if err != nil {
			rep.fail("open", err)
			continue
		}
		rep.Opens++
		readDesk(ctx, s, &rep, fresh)
		rep.fail("close", s.Close())
	}
	if window != nil {
		rep.fail("close", window.Close())
	}
	rep.ChangesKept, rep.ChangesFresh = len(kept), len(fresh)
	return rep
}

// editDesk is the second desk's admin saving an edit of another listing
// than the writer's, so both desks write as well as read.
func editDesk(ctx context.Context, s *Store, rep *deskReport) {
	l, err := s.Load(ctx, deskEdited)
	if err != nil {
		rep.fail("load", err)
		return
	}
	l.StaffNotes = "Desk 2 edit " + strconv.Itoa(rep.Edits+1)
	if _, _, err := s.Save(ctx, l, l.UpdatedAt, "desk 2"); err != nil {
		rep.fail("save", err)
		return
	}
	rep.Edits++
}

// readDesk loads the listings, searches them, and notes which of the
// writer's changes the watched listing shows.
func readDesk(ctx context.Context, s *Store, rep *deskReport, seen map[int]bool) {
	ls, err := s.Listings(ctx)
	if err != nil {
		rep.fail("listings", err)
		return
	}
	rep.Loads++
	if got := search.NewIndex(ls).Search("passport", 5); len(got) == 0 {
		rep.fail("search", errors.New("Search(passport) found nothing"))
	}
	for _, l := range ls {
		if l.ID != deskWatched {
			continue
		}
		if _, after, ok := strings.Cut(l.Description, deskMark); ok {
			n, err := strconv.Atoi(strings.TrimSuffix(after, "]"))
			if err != nil {
				rep.fail("watched listing", fmt.Errorf("description ends %q", after))
				return
			}
			seen[n] = true
			rep.Last = max(rep.Last, n)
		}
	}
}
