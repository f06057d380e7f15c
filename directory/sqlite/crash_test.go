package sqlite

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
)

// crashChildEnv, when set, makes TestImportSurvivesKill the child process:
// it imports into the database at that path and is killed by the parent.
const crashChildEnv = "NOWRONGDOOR_TEST_CRASH_CHILD_DB"

const (
	crashListings = 5000
	revised       = " (revised)"
)

// crashImport is what the child imports: the default listings revised
// (updates) and synthetic ones (adds), so both paths are interrupted.
func crashImport(t testing.TB) []directory.Listing {
	def := defaultListings(t)
	ls := directorytest.Synthetic(def, crashListings)
	for i := range def {
		ls[i].Description += revised
	}
	return ls
}

func TestImportSurvivesKill(t *testing.T) {
	if path := os.Getenv(crashChildEnv); path != "" {
		crashChild(t, path)
		return
	}
	if testing.Short() {
		t.Log("short mode: 3 kills instead of 30")
	}
	iterations := 30
	switch {
	case testing.Short():
		iterations = 3
	case raceEnabled:
		// Each kill is a whole child process, many times slower under the
		// race detector, which finds nothing in a killed child; .ci/run
		// makes the 30 kills without it.
		iterations = 5
	}
	ctx := context.Background()
	def := defaultListings(t)
	updates, adds := len(def), crashListings-len(def)

	seed := rand.Uint64()
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("random seed %d", seed)

	// Uninterrupted runs measure how long the import takes here (the race
	// detector slows it several times), so kills spread across it; the
	// faster of two, as the first run starts cold.
	dur, _ := runCrashChild(t, newCrashDB(t, def), -1)
	if d, _ := runCrashChild(t, newCrashDB(t, def), -1); d < dur {
		dur = d
	}
	t.Logf("an uninterrupted import of %d listings took %v", crashListings, dur)

	var mid, atCommit, after int
	for i := range iterations {
		path := newCrashDB(t, def)
		delay := time.Duration(rng.Int64N(int64(dur)))
		_, done := runCrashChild(t, path, delay)

		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("kill %d after %v: Open = %v", i, delay, err)
		}
		if err := s.CheckIntegrity(ctx); err != nil {
			t.Errorf("kill %d after %v: %v", i, delay, err)
		}
		var total, revisedN, addRows, updateRows, imports int
		err = s.rdb.QueryRow(`SELECT
			(SELECT count(*) FROM service),
			(SELECT count(*) FROM service WHERE description LIKE ?),
			(SELECT count(*) FROM audit WHERE action = 'add'),
			(SELECT count(*) FROM audit WHERE action = 'update'),
			(SELECT count(*) FROM audit WHERE action = 'import')`, "%"+revised).
			Scan(&total, &revisedN, &addRows, &updateRows, &imports)
		s.Close()
		if err != nil {
			t.Fatalf("kill %d: %v", i, err)
		}
		got := [5]int{total - len(def), revisedN, addRows, updateRows, imports}
		absent, present := [5]int{0, 0, 0, 0, 0}, [5]int{adds, updates, adds, updates, 1}
		switch {
		case got == absent:
			mid++
		case got == present && done:
			after++
		case got == present:
			atCommit++
		default:
			t.Errorf("kill %d after %v left part of the import: added %d of %d, revised %d of %d, audit adds %d, updates %d, imports %d",
				i, delay, got[0], adds, got[1], updates, got[2], got[3], got[4])
		}
	}
	t.Logf("%d kills: %d mid-import (import wholly absent), %d during or just after commit (wholly present, child had not reported), %d after the import finished",
		iterations, mid, atCommit, after)
	if mid == 0 && !testing.Short() {
		t.Errorf("no kill landed mid-import in %d tries; the test measured nothing", iterations)
	}
}

// newCrashDB makes a database seeded with the default directory, as a desk
// PC has before an admin imports.
func newCrashDB(t *testing.T, def []directory.Listing) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "nowrongdoor.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.SeedIfEmpty(context.Background(), def); err != nil {
		t.Fatal(err)
	}
	return path
}

// runCrashChild runs the child import on path and kills it delay after it
// reports starting the import; a negative delay lets it finish. It returns
// how long the import ran and whether the child reported it finished
// before the kill.
func runCrashChild(t *testing.T, path string, delay time.Duration) (time.Duration, bool) {
	t.Helper()
	return runKillChild(t, "TestImportSurvivesKill", crashChildEnv, path, delay)
}

// crashChild is the child process: one import of crashListings listings.
func crashChild(t *testing.T, path string) {
	ls := crashImport(t)
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("begin")
	if _, err := s.Import(ctx, ls, ImportOptions{Actor: "crash test", Source: "synthetic"}); err != nil {
		t.Fatal(err)
	}
	fmt.Println("done")
	s.Close()
}

// startChild runs this test binary again as a child that runs only the
// test named, with the environment variable env set to path, and returns
// it with its standard output, where it reports its progress.
func startChild(t *testing.T, test, env, path string) (*exec.Cmd, io.ReadCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), env+"="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, out
}
