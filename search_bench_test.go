package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"nowrongdoor/data"
	"nowrongdoor/directory/directorytest"
	"nowrongdoor/directory/jsonfile"
	"nowrongdoor/directory/sqlite"
)

// runMainEnv makes the test binary run the program instead of the tests,
// so a benchmark can time a whole process as a script starts it.
const runMainEnv = "NOWRONGDOOR_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// BenchmarkSearchProcess100k is a whole command-line search process over
// a statewide directory of 100,000 listings, as a script runs it many
// times a minute: start, open the database, load the index it keeps,
// search, read and print the results. Each query shape of the in-process
// benchmark is one sub-benchmark.
func BenchmarkSearchProcess100k(b *testing.B) {
	def, err := jsonfile.ParseListings(bytes.NewReader(data.Agencies))
	if err != nil {
		b.Fatal(err)
	}
	db := filepath.Join(b.TempDir(), "nowrongdoor.db")
	ctx := context.Background()
	s, err := sqlite.Open(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Import(ctx, directorytest.Synthetic(def, 100_000), sqlite.ImportOptions{Actor: "bench"}); err != nil {
		b.Fatal(err)
	}
	s.Close()
	// The first search builds the index and keeps it.
	if r := runCLI(b, nil, "", "search", "--db", db, "food"); r.code != exitOK {
		b.Fatalf("first search = %+v", r)
	}
	for _, q := range []struct{ name, query string }{
		{"1-letter", "f"},
		{"three-words", "pay property taxes"},
		{"misspelled", "unemploymant"},
		{"sentence", "hi my landlord says i have to leave by friday and i have 3 kids"},
	} {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				cmd := exec.Command(os.Args[0], "search", "--db", db, q.query)
				cmd.Env = append(os.Environ(), runMainEnv+"=1", "LANG=en_US.UTF-8")
				out, err := cmd.Output()
				if err != nil || !strings.HasPrefix(string(out), "1.") {
					b.Fatalf("search %q = %q, %v", q.query, out, err)
				}
			}
		})
	}
}
