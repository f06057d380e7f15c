package hsds

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"nowrongdoor/directory/directorytest"
)

// The benchmarks write and read a package of 100,000 synthetic listings,
// a statewide 211 feed, made from the default directory.

const csvBenchListings = 100_000

func BenchmarkWritePackage100k(b *testing.B) {
	ls := directorytest.Synthetic(csvDefaultListings(b), csvBenchListings)
	parent := b.TempDir()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		dir := filepath.Join(parent, "export"+strconv.Itoa(i))
		if err := WritePackage(dir, pointers(ls)); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		os.RemoveAll(dir)
		b.StartTimer()
	}
}

func BenchmarkReadPackage100k(b *testing.B) {
	ls := directorytest.Synthetic(csvDefaultListings(b), csvBenchListings)
	dir := filepath.Join(b.TempDir(), "export")
	if err := WritePackage(dir, pointers(ls)); err != nil {
		b.Fatal(err)
	}
	b.Logf("the package of %d listings is %.0f MB", csvBenchListings, float64(csvDirSize(b, dir))/(1<<20))
	ls = nil
	runtime.GC()
	b.ReportAllocs()
	for b.Loop() {
		res, err := ReadPackage(dir)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Listings) != csvBenchListings {
			b.Fatalf("read %d listings, want %d", len(res.Listings), csvBenchListings)
		}
	}
}

// csvDirSize is the size of the files in dir.
func csvDirSize(b *testing.B, dir string) int64 {
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var n int64
	for _, e := range entries {
		fi, err := e.Info()
		if err != nil {
			b.Fatal(err)
		}
		n += fi.Size()
	}
	return n
}
