package hsds

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"nowrongdoor/directory"
)

// StreamJSON hands records on in batches as it reads, in file order, but
// those whose ids are made from their names, which wait for the end: an
// id a later record gives is not made for an earlier one.
func TestStreamJSONHoldsMadeIDsToTheEnd(t *testing.T) {
	const named = 3 * batchSize
	var batches []directory.Batch
	res, err := streamJSON(strings.NewReader(pantries(named)), testNow, func(b directory.Batch) error {
		batches = append(batches, b)
		return nil
	})
	if err != nil || len(res.Listings) != 0 {
		t.Fatalf("StreamJSON = %d listings, %v; want them handed on", len(res.Listings), err)
	}
	if len(batches) < 3 {
		t.Fatalf("StreamJSON handed on %d batches, want one per %d records and the held ones", len(batches), batchSize)
	}
	ids := map[int]string{}
	last := -1
	for i, bt := range batches {
		for j, at := range bt.At {
			ids[at] = bt.Listings[j].ID
			if i < len(batches)-1 && at <= last {
				t.Fatalf("record %d handed on after record %d", at, last)
			}
			last = max(last, at)
		}
	}
	if len(ids) != named+2 {
		t.Fatalf("handed on %d records, want %d", len(ids), named+2)
	}
	if ids[0] != "first" || ids[named+1] != "food-pantry" {
		t.Errorf("the ids the file gives = %q and %q, want first and food-pantry", ids[0], ids[named+1])
	}
	if ids[1] != "food-pantry-2" || ids[named] != fmt.Sprintf("food-pantry-%d", named+1) {
		t.Errorf("ids made from the name = %q ... %q; want food-pantry-2 ... food-pantry-%d, around the file's own", ids[1], ids[named], named+1)
	}
	if held := batches[len(batches)-1]; len(held.At) != named {
		t.Errorf("the last batch holds %d records, want the %d with ids made from names", len(held.At), named)
	}
}

// pantries is a file of named services with no id between one whose id
// is "first" and one whose id is "food-pantry".
func pantries(named int) string {
	const org = `"organization": {"id": "o", "name": "Salt Lake County Aging Services", "description": ""}`
	var b strings.Builder
	b.WriteString(`[{"id": "first", "name": "First Office", "url": "https://slco.org", ` + org + `}`)
	for range named {
		b.WriteString(`, {"name": "Food Pantry", "url": "https://slco.org", ` + org + `}`)
	}
	b.WriteString(`, {"id": "food-pantry", "name": "Food Pantry", "url": "https://slco.org", ` + org + `}]`)
	return b.String()
}

// An error from emit stops the reading at once and comes back as it is.
func TestStreamJSONStopsWhenEmitFails(t *testing.T) {
	stop := errors.New("the import failed")
	calls := 0
	_, err := StreamJSON(strings.NewReader(pantries(5*batchSize)), func(directory.Batch) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("StreamJSON with emit failing = %v after %d batches, want the error after 1", err, calls)
	}
}
