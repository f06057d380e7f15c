package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"nowrongdoor/directory"
)

// saveChildEnv, when set, makes TestSaveSurvivesKill the child process: it
// saves edits into the database at that path until it is killed.
const saveChildEnv = "NOWRONGDOOR_TEST_SAVE_CHILD_DB"

// The child edits one listing's fees to "save N", N counting from 1, and
// says "saved N" on stdout once each Save has returned.
const (
	saveActor  = "kill test"
	savePrefix = "save "
)

func TestSaveSurvivesKill(t *testing.T) {
	if path := os.Getenv(saveChildEnv); path != "" {
		saveChild(t, path)
		return
	}
	iterations := 20
	if testing.Short() || raceEnabled {
		iterations = 4
	}
	ctx := context.Background()
	def := defaultListings(t)
	id := def[0].ID
	seed := rand.Uint64()
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("random seed %d", seed)

	var between, during int
	for i := range iterations {
		path := newCrashDB(t, def)
		delay := time.Duration(rng.Int64N(int64(300 * time.Millisecond)))
		acked := runSaveChild(t, path, delay)

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
		l, err := s.Load(ctx, id)
		if err != nil {
			s.Close()
			t.Fatalf("kill %d: %v", i, err)
		}
		h, err := s.History(ctx, id)
		s.Close()
		if err != nil {
			t.Fatalf("kill %d: %v", i, err)
		}
		stored := 0
		if l.Fees != def[0].Fees {
			if stored, err = strconv.Atoi(strings.TrimPrefix(l.Fees, savePrefix)); err != nil {
				t.Fatalf("kill %d: fees %q, want %q and a number", i, l.Fees, savePrefix)
			}
		}
		edits := 0
		for _, e := range h {
			if e.Action == directory.ActionEdit && e.Actor == saveActor {
				edits++
			}
		}
		// Every save the child reported is there; at most one more, which
		// committed before the child could say so. Each is one event.
		switch {
		case stored == acked:
			between++
		case stored == acked+1:
			during++
		default:
			t.Errorf("kill %d after %v: the child reported %d saves, the database holds save %d", i, delay, acked, stored)
		}
		if edits != stored {
			t.Errorf("kill %d after %v: save %d stored with %d edit events, want one event per save", i, delay, stored, edits)
		}
	}
	t.Logf("%d kills: %d with the last save reported, %d with one committed but not reported", iterations, between, during)
}

// runSaveChild runs the child on path, kills it delay after it begins,
// and returns the last save it reported.
func runSaveChild(t *testing.T, path string, delay time.Duration) int {
	t.Helper()
	cmd, out := startChild(t, "TestSaveSurvivesKill", saveChildEnv, path)
	begin, last := make(chan struct{}), make(chan int, 1)
	go func() {
		acked, begun := 0, false
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "begin" && !begun {
				begun = true
				close(begin)
			}
			if n, ok := strings.CutPrefix(line, "saved "); ok {
				acked, _ = strconv.Atoi(n)
			}
		}
		if !begun {
			close(begin)
		}
		last <- acked // at EOF: every line the child wrote before it died is read
	}()
	select {
	case <-begin:
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatal("the child never began saving")
	}
	time.Sleep(delay)
	// Kill is SIGKILL on Unix: no deferred function or Close runs.
	cmd.Process.Kill()
	acked := <-last
	cmd.Wait()
	return acked
}

// saveChild is the child process: saves until it is killed.
func saveChild(t *testing.T, path string) {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.Load(ctx, defaultListings(t)[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("begin")
	deadline := time.Now().Add(2 * time.Minute)
	for n := 1; time.Now().Before(deadline); n++ {
		l.Fees = savePrefix + strconv.Itoa(n)
		if l, _, err = s.Save(ctx, l, l.UpdatedAt, saveActor); err != nil {
			t.Fatal(err)
		}
		fmt.Println("saved", n)
	}
	s.Close()
}
