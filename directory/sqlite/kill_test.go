package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
)

// The kill tests of a large import and of a restore: a child process (this
// test binary run again) does the work and is killed with SIGKILL at a
// random moment; the parent then opens what is left.
const (
	bigImportChildEnv = "NOWRONGDOOR_TEST_BIG_IMPORT_CHILD_DB"
	restoreChildEnv   = "NOWRONGDOOR_TEST_RESTORE_CHILD" // "DB BACKUP"
	bigImportListings = 20000
	revisedAgain      = " (revised again)"
)

// killIterations is how many kills a test makes: fewer in short mode and
// under the race detector, which makes each child many times slower and
// finds nothing in a killed one.
func killIterations(full int) int {
	if testing.Short() || raceEnabled {
		return 3
	}
	return full
}

// bigImport is what the large import brings: the default listings revised
// (updates) and synthetic ones (adds), 20,000 in all.
func bigImport(t testing.TB, mark string) []directory.Listing {
	def := defaultListings(t)
	ls := directorytest.Synthetic(def, bigImportListings)
	for i := range def {
		ls[i].Description += mark
	}
	return ls
}

// TestLargeImportSurvivesKill: an import of 20,000 listings killed at
// random moments leaves a database that opens, passes the integrity check
// and its audit chain, and holds all of the import or none of it.
func TestLargeImportSurvivesKill(t *testing.T) {
	if path := os.Getenv(bigImportChildEnv); path != "" {
		ctx := context.Background()
		ls := bigImport(t, revisedAgain)
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Println("begin")
		// As the command line imports a file: handed on a batch at a
		// time, written while the rest is read.
		if _, err := s.ImportStream(ctx, batchesOf(ls, 512, nil), ImportOptions{Actor: "kill test", Source: "synthetic"}); err != nil {
			t.Fatal(err)
		}
		fmt.Println("done")
		s.Close()
		return
	}
	if raceEnabled {
		// 20,000 listings under the race detector take minutes and find
		// nothing a killed child could race on; CI runs it without -race.
		t.Skip("run without -race (.ci/run does)")
	}
	iterations := killIterations(12)
	ctx := context.Background()
	def := defaultListings(t)
	updates, adds := len(def), bigImportListings-len(def)
	seed := rand.Uint64()
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("random seed %d", seed)

	dur, _ := runKillChild(t, "TestLargeImportSurvivesKill", bigImportChildEnv, newCrashDB(t, def), -1)
	t.Logf("an uninterrupted import of %d listings took %v", bigImportListings, dur)

	var none, all, finished int
	for i := range iterations {
		path := newCrashDB(t, def)
		// A little past the end too, so some kills land at the commit.
		delay := time.Duration(rng.Int64N(int64(dur) * 11 / 10))
		_, done := runKillChild(t, "TestLargeImportSurvivesKill", bigImportChildEnv, path, delay)

		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("kill %d after %v: Open = %v", i, delay, err)
		}
		if err := s.CheckIntegrity(ctx); err != nil {
			t.Errorf("kill %d after %v: %v", i, delay, err)
		}
		if err := s.VerifyAudit(ctx); err != nil {
			t.Errorf("kill %d after %v: %v", i, delay, err)
		}
		var total, revisedN, addRows, updateRows, imports int
		err = s.rdb.QueryRow(`SELECT
			(SELECT count(*) FROM service),
			(SELECT count(*) FROM service WHERE description LIKE ?),
			(SELECT count(*) FROM audit WHERE action = 'add'),
			(SELECT count(*) FROM audit WHERE action = 'update'),
			(SELECT count(*) FROM audit WHERE action = 'import')`, "%"+revisedAgain).
			Scan(&total, &revisedN, &addRows, &updateRows, &imports)
		ls, lerr := s.Listings(ctx)
		s.Close()
		if err != nil || lerr != nil {
			t.Fatalf("kill %d: %v, %v", i, err, lerr)
		}
		got := [5]int{total - len(def), revisedN, addRows, updateRows, imports}
		switch {
		case got == [5]int{} && len(ls) == len(def):
			none++
		case got == [5]int{adds, updates, adds, updates, 1} && len(ls) == bigImportListings:
			all++
			if done {
				finished++
			}
		default:
			t.Errorf("kill %d after %v left part of the import: added %d of %d, revised %d of %d, audit adds %d, updates %d, imports %d; %d listings load",
				i, delay, got[0], adds, got[1], updates, got[2], got[3], got[4], len(ls))
		}
	}
	t.Logf("%d kills during an import of %d listings: %d left none of it, %d all of it (%d of those after the child said it was done); none left part",
		iterations, bigImportListings, none, all, finished)
	if none == 0 && !testing.Short() && !raceEnabled {
		t.Errorf("no kill landed mid-import in %d tries; the test measured nothing", iterations)
	}
}

// TestRestoreSurvivesKill: a restore killed at random moments leaves the
// database as it was or as the backup, whole (it opens, passes the
// integrity check and its audit chain), and nothing that stops the next
// restore or leaves a half copy beside it.
func TestRestoreSurvivesKill(t *testing.T) {
	if arg := os.Getenv(restoreChildEnv); arg != "" {
		path, backup, _ := strings.Cut(arg, " ")
		fmt.Println("begin")
		if _, err := Restore(context.Background(), path, backup, time.Now(), "kill test"); err != nil {
			t.Fatal(err)
		}
		fmt.Println("done")
		return
	}
	if raceEnabled {
		// 20,000 listings under the race detector take minutes and find
		// nothing a killed child could race on; CI runs it without -race.
		t.Skip("run without -race (.ci/run does)")
	}
	iterations := killIterations(12)
	ctx := context.Background()
	def := defaultListings(t)
	seed := rand.Uint64()
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("random seed %d", seed)

	// The database holds the import revised once, the backup the same
	// listings revised again: large enough that a restore takes a while,
	// and told apart by their descriptions.
	dir := t.TempDir()
	current, backup := filepath.Join(dir, "current.db"), filepath.Join(dir, "backup.db")
	for _, f := range []struct{ path, mark string }{{current, revised}, {backup, revisedAgain}} {
		seededAt(t, f.path)
		s, err := Open(ctx, f.path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Import(ctx, bigImport(t, f.mark), ImportOptions{Actor: "setup"}); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	fresh := func() string {
		path := filepath.Join(t.TempDir(), "nowrongdoor.db")
		copyFile(t, current, path)
		return path
	}
	marked := func(path, mark string) int {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("Open(%s) = %v", path, err)
		}
		defer s.Close()
		var n int
		if err := s.rdb.QueryRow(`SELECT count(*) FROM service WHERE description LIKE ?`, "%"+mark).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	restoreArg := func(path string) string { return path + " " + backup }
	dur, _ := runKillChild(t, "TestRestoreSurvivesKill", restoreChildEnv, restoreArg(fresh()), -1)
	t.Logf("an uninterrupted restore of a database of %d listings took %v", bigImportListings, dur)

	var old, restored, leftovers int
	for i := range iterations {
		path := fresh()
		// The rename comes last: a quarter past the end too, so some
		// kills land after it.
		delay := time.Duration(rng.Int64N(int64(dur) * 5 / 4))
		runKillChild(t, "TestRestoreSurvivesKill", restoreChildEnv, restoreArg(path), delay)
		left, _ := filepath.Glob(path + ".*")
		if slices.ContainsFunc(left, func(f string) bool {
			return strings.Contains(f, stagedSuffix) || strings.Contains(f, partialSuffix)
		}) {
			leftovers++
		}

		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("kill %d after %v: Open = %v", i, delay, err)
		}
		if err := s.CheckIntegrity(ctx); err != nil {
			t.Errorf("kill %d after %v: %v", i, delay, err)
		}
		if err := s.VerifyAudit(ctx); err != nil {
			t.Errorf("kill %d after %v: %v", i, delay, err)
		}
		n, err := s.Count(ctx)
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		switch a, b := marked(path, revised), marked(path, revisedAgain); {
		case n == bigImportListings && a == len(def) && b == 0:
			old++
		case n == bigImportListings && b == len(def) && a == 0:
			restored++
		default:
			t.Errorf("kill %d after %v left neither database: %d listings, %d of the old, %d of the backup", i, delay, n, a, b)
		}

		// Whatever the kill left, the next restore goes through and leaves
		// only whole kept copies beside the database.
		if _, err := Restore(ctx, path, backup, time.Now(), "kill test"); err != nil {
			t.Fatalf("kill %d after %v: the next Restore = %v", i, delay, err)
		}
		left, _ = filepath.Glob(path + ".*")
		for _, f := range left {
			if !strings.Contains(f, replacedSuffix) || strings.HasSuffix(f, partialSuffix) {
				t.Errorf("kill %d: after the next restore %s is left", i, filepath.Base(f))
				continue
			}
			k, err := Open(ctx, f)
			if err == nil {
				err = k.CheckIntegrity(ctx)
				k.Close()
			}
			if err != nil {
				t.Errorf("kill %d: kept copy %s: %v", i, filepath.Base(f), err)
			}
		}
	}
	t.Logf("%d kills during a restore: %d left the old database, %d the restored one, each whole; %d left a staged or half-kept copy beside it, each cleared by the next restore",
		iterations, old, restored, leftovers)
	if old == 0 && !testing.Short() && !raceEnabled {
		t.Errorf("no kill landed before the restore's rename in %d tries; the test measured nothing", iterations)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// runKillChild runs the child of test with env set to arg and kills it
// delay after it reports starting; a negative delay lets it finish. It
// returns how long the work ran and whether the child reported it finished
// before the kill.
func runKillChild(t *testing.T, test, env, arg string, delay time.Duration) (time.Duration, bool) {
	t.Helper()
	cmd, out := startChild(t, test, env, arg)
	begin, done := make(chan time.Time, 1), make(chan time.Time, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			switch strings.TrimSpace(sc.Text()) {
			case "begin":
				begin <- time.Now()
			case "done":
				done <- time.Now()
			}
		}
		io.Copy(io.Discard, out)
	}()
	var start time.Time
	select {
	case start = <-begin:
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatal("the child never began")
	}
	if delay < 0 {
		var end time.Time
		select {
		case end = <-done:
		case <-time.After(5 * time.Minute):
			t.Fatal("the child never finished")
		}
		if err := cmd.Wait(); err != nil {
			t.Fatalf("child: %v", err)
		}
		return end.Sub(start), true
	}
	time.Sleep(time.Until(start.Add(delay)))
	var finished bool
	select {
	case <-done:
		finished = true
	default:
	}
	// Kill is SIGKILL on Unix: no deferred function or Close runs.
	cmd.Process.Kill()
	cmd.Wait()
	return delay, finished
}
