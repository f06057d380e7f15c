package sqlite

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"nowrongdoor/directory/directorytest"
)

// statewide is the size of a statewide 211 feed, the largest directory
// the store is built for.
const statewide = 100000

// BenchmarkImportStatewide measures an import of a statewide directory
// into a new database: every listing and its phones, location and
// schedules written in one transaction.
func BenchmarkImportStatewide(b *testing.B) {
	ctx := context.Background()
	ls := directorytest.Synthetic(defaultListings(b), statewide)
	dir := b.TempDir()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(ctx, filepath.Join(dir, strconv.Itoa(i)+".db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := s.Import(ctx, ls, ImportOptions{Actor: "bench", Source: "synthetic"})
		b.StopTimer()
		if err != nil || rep.Added != statewide {
			b.Fatalf("Import = %+v, %v, want %d added", rep, err, statewide)
		}
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkListingsStatewide measures loading a statewide directory whole,
// as the window does at start, and the fields search needs, as a one-off
// command does.
func BenchmarkListingsStatewide(b *testing.B) {
	ctx := context.Background()
	s := openStore(b)
	if _, err := s.Import(ctx, directorytest.Synthetic(defaultListings(b), statewide), ImportOptions{Actor: "bench"}); err != nil {
		b.Fatal(err)
	}
	b.Run("whole", func(b *testing.B) {
		for b.Loop() {
			if ls, err := s.Listings(ctx); err != nil || len(ls) != statewide {
				b.Fatalf("Listings = %d, %v, want %d", len(ls), err, statewide)
			}
		}
	})
	b.Run("search", func(b *testing.B) {
		for b.Loop() {
			if ls, _, err := s.SearchListings(ctx); err != nil || len(ls) != statewide {
				b.Fatalf("SearchListings = %d, %v, want %d", len(ls), err, statewide)
			}
		}
	})
}
