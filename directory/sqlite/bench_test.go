package sqlite

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"nowrongdoor/data"
	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
)

// BenchmarkSyncDefaultUnchanged measures what every start pays to learn
// that the database already has this release's default directory: a hash
// of the file and one read of the meta table, not a parse.
func BenchmarkSyncDefaultUnchanged(b *testing.B) {
	ctx := context.Background()
	s := openStore(b)
	if _, err := s.SyncDefault(ctx, data.Agencies); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if rep, err := s.SyncDefault(ctx, data.Agencies); err != nil || rep != (DefaultReport{}) {
			b.Fatalf("SyncDefault = %+v, %v, want nothing done", rep, err)
		}
	}
}

// BenchmarkImport measures an import of 10,000 listings: into a new
// database (every listing added), over the same listings changed (each
// update reads, compares and keeps the previous version) and over the same
// listings unchanged (a file imported twice). The target is 20,000
// listings/s.
func BenchmarkImport(b *testing.B) {
	const n = 10000
	ctx := context.Background()
	ls := directorytest.Synthetic(defaultListings(b), n)
	changed := make([]directory.Listing, len(ls))
	for i, l := range ls {
		l.Description += " Updated."
		changed[i] = l
	}
	for _, bc := range []struct {
		name   string
		before []directory.Listing // already in the database
		file   []directory.Listing
	}{
		{"new", nil, ls},
		{"changed", ls, changed},
		{"unchanged", ls, ls},
	} {
		b.Run("listings="+strconv.Itoa(n)+"/"+bc.name, func(b *testing.B) {
			dir := b.TempDir()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s, err := Open(ctx, filepath.Join(dir, strconv.Itoa(i)+".db"))
				if err != nil {
					b.Fatal(err)
				}
				if bc.before != nil {
					if _, err := s.Import(ctx, bc.before, ImportOptions{Actor: "bench"}); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				rep, err := s.Import(ctx, bc.file, ImportOptions{Actor: "bench", Source: "synthetic"})
				b.StopTimer()
				if err != nil || rep.Added+rep.Updated+rep.Unchanged != n {
					b.Fatalf("Import = %+v, %v, want %d listings", rep, err, n)
				}
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "listings/s")
		})
	}
}
