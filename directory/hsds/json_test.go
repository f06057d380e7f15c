package hsds

import (
	"bytes"
	"iter"
	"slices"
	"testing"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
)

// export writes listings as an HSDS JSON file.
func export(t testing.TB, ls []directory.Listing) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteJSON(&b, pointers(ls)); err != nil {
		t.Fatalf("WriteJSON: %v", err)
	}
	return b.Bytes()
}

// testNow is the instant verified_on may not pass in these tests.
var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func TestExportImportRoundTrip(t *testing.T) {
	want := append(defaultListings(t), richListing())
	want[len(want)-1].Normalize()
	got, err := readJSON(bytes.NewReader(export(t, want)), testNow)
	if err != nil {
		t.Fatalf("ReadJSON(export of the default directory): %v", err)
	}
	if len(got.NotKept) > 0 {
		t.Errorf("ReadJSON(export) did not keep %v; an export of ours keeps everything", got.NotKept)
	}
	if len(got.Listings) != len(want) {
		t.Fatalf("ReadJSON(export) read %d listings, want %d", len(got.Listings), len(want))
	}
	for i := range want {
		if diff := listingDiff(got.Listings[i], want[i]); diff != "" {
			t.Errorf("round trip of %s: %s", want[i].ID, diff)
		}
	}
}

// TestReadJSONManyBatches reads a file of several batches, checked while
// the next is read: every listing comes back, in file order.
func TestReadJSONManyBatches(t *testing.T) {
	want := directorytest.Synthetic(defaultListings(t), 3*batchSize+7)
	got, err := readJSON(bytes.NewReader(export(t, want)), testNow)
	if err != nil {
		t.Fatalf("ReadJSON(%d listings): %v", len(want), err)
	}
	if len(got.Listings) != len(want) {
		t.Fatalf("ReadJSON read %d listings, want %d", len(got.Listings), len(want))
	}
	for i := range want {
		if got.Listings[i].ID != want[i].ID || got.Listings[i].Name != want[i].Name {
			t.Fatalf("listing %d is %s, want %s: the order changed", i, got.Listings[i].ID, want[i].ID)
		}
	}
}

// pointers yields a pointer to each of ls in their order, for WriteJSON
// and WritePackage in tests that compare files record by record.
func pointers(ls []directory.Listing) iter.Seq[*directory.Listing] {
	return func(yield func(*directory.Listing) bool) {
		for i := range ls {
			if !yield(&ls[i]) {
				return
			}
		}
	}
}

// An export lists services in id order whatever order the listings come
// in, so two exports of one directory are the same file.
func TestExportInIDOrderIsOneFile(t *testing.T) {
	ls := defaultListings(t)
	reversed := slices.Clone(ls)
	slices.Reverse(reversed)
	var a, b bytes.Buffer
	if err := WriteJSON(&a, InIDOrder(ls)); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&b, InIDOrder(reversed)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("exports of the same listings in two orders differ")
	}
	var last string
	for l := range InIDOrder(ls) {
		if id := ServiceID(l.ID); id <= last {
			t.Fatalf("service %s comes after %s", id, last)
		} else {
			last = id
		}
	}
}
