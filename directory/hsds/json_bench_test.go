package hsds

import (
	"bytes"
	"io"
	"sync"
	"testing"

	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
)

// synthetic100k is a statewide-size directory (100,000 listings made from
// the default one) and its HSDS JSON export, made once.
var synthetic100k = sync.OnceValues(func() ([]directory.Listing, []byte) {
	ls := directorytest.Synthetic(defaultListingsOnce(), 100_000)
	var b bytes.Buffer
	if err := WriteJSON(&b, pointers(ls)); err != nil {
		panic(err)
	}
	return ls, b.Bytes()
})

var defaultListingsOnce = sync.OnceValue(func() []directory.Listing {
	var t testing.T
	return defaultListings(&t)
})

// BenchmarkReadJSON100k reads an HSDS JSON export of 100,000 listings: the
// reader's share of a statewide import.
func BenchmarkReadJSON100k(b *testing.B) {
	_, file := synthetic100k()
	b.ReportMetric(float64(len(file))/1e6, "file-MB")
	b.SetBytes(int64(len(file)))
	b.ResetTimer()
	for b.Loop() {
		res, err := ReadJSON(bytes.NewReader(file))
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Listings) != 100_000 {
			b.Fatalf("read %d listings", len(res.Listings))
		}
	}
}

// BenchmarkWriteJSON100k exports 100,000 listings as HSDS JSON.
func BenchmarkWriteJSON100k(b *testing.B) {
	ls, _ := synthetic100k()
	b.ResetTimer()
	for b.Loop() {
		if err := WriteJSON(io.Discard, pointers(ls)); err != nil {
			b.Fatal(err)
		}
	}
}
