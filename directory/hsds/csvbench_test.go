package hsds

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

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
		dir := filepath.Join(parent, "export", time.Now().Format("150405.000000000"))
		if err := WritePackage(dir, Pointers(ls)); err != nil {
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
	if err := WritePackage(dir, Pointers(ls)); err != nil {
		b.Fatal(err)
	}
	size := csvDirSize(b, dir)
	b.ReportMetric(float64(size)/(1<<20), "package-MB")
	ls = nil
	runtime.GC()
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		res, err := ReadPackage(dir)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Listings) != csvBenchListings {
			b.Fatalf("read %d listings, want %d", len(res.Listings), csvBenchListings)
		}
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapInuse)
	}
	// What is held once the listings are read, beside the package's size.
	b.ReportMetric(float64(peak)/(1<<20), "heap-inuse-MB")
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
