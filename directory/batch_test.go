package directory

import (
	"errors"
	"reflect"
	"testing"
)

func TestBatchValid(t *testing.T) {
	b := Batch{
		Listings: []Listing{{ID: "a"}, {ID: "b"}, {ID: "c"}},
		At:       []int{10, 11, 12},
		Problems: []Problem{{Index: 11, Message: "bad"}, {Index: 11, Message: "worse"}},
	}
	v := b.Valid()
	if want := (Batch{Listings: []Listing{{ID: "a"}, {ID: "c"}}, At: []int{10, 12}}); !reflect.DeepEqual(v, want) {
		t.Errorf("Valid() = %+v, want %+v", v, want)
	}
	if len(b.Listings) != 3 {
		t.Error("Valid changed the batch it was called on")
	}
}

// Records handed on out of file order (an id made unique at the end) are
// put back in place, and their problems too.
func TestGatheredPutsBackFileOrder(t *testing.T) {
	var g Gathered
	g.Add(Batch{Listings: []Listing{{ID: "a"}, {ID: "c"}}, At: []int{0, 2}, Problems: []Problem{{Index: 2, Message: "c1"}}})
	g.Add(Batch{Listings: []Listing{{ID: "d"}}, At: []int{3}, Problems: []Problem{{Index: 3, Message: "d1"}}})
	g.Add(Batch{Listings: []Listing{{ID: "b"}}, At: []int{1}, Problems: []Problem{{Index: 1, Message: "b1"}, {Index: 1, Message: "b2"}}})
	err := g.Done()
	var ids []string
	for _, l := range g.Listings {
		ids = append(ids, l.ID)
	}
	if want := []string{"a", "b", "c", "d"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("listings = %v, want %v", ids, want)
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Done() = %v, want the problems", err)
	}
	var msgs []string
	for _, p := range ve.Problems {
		msgs = append(msgs, p.Message)
	}
	if want := []string{"b1", "b2", "c1", "d1"}; !reflect.DeepEqual(msgs, want) {
		t.Errorf("problems = %v, want %v", msgs, want)
	}
	var clean Gathered
	clean.Add(Batch{Listings: []Listing{{ID: "a"}}, At: []int{0}})
	if err := clean.Done(); err != nil {
		t.Errorf("Done() with no problems = %v", err)
	}
}
