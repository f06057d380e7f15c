package directory

import (
	"slices"
)

// Batch is a run of records a file's reader has read and checked, handed
// on while it reads the rest, so that an import writes a statewide file
// as it reads it and never holds all of it.
type Batch struct {
	// Listings are the records, normalized, in the order they were read.
	Listings []Listing
	// At is each listing's place in the file, counting from 0. Places
	// rise within a batch and from batch to batch, but a reader may hand
	// on a few records after later ones (see hsds.StreamJSON).
	At []int
	// Problems are those of these records, each naming its record by
	// Index, its place in the file.
	Problems []Problem
}

// Valid returns the batch without the records that have a problem.
func (b Batch) Valid() Batch {
	if len(b.Problems) == 0 {
		return b
	}
	bad := make(map[int]bool, len(b.Problems))
	for _, p := range b.Problems {
		bad[p.Index] = true
	}
	out := Batch{Listings: make([]Listing, 0, len(b.Listings)), At: make([]int, 0, len(b.At))}
	for i, at := range b.At {
		if !bad[at] {
			out.Listings = append(out.Listings, b.Listings[i])
			out.At = append(out.At, at)
		}
	}
	return out
}

// Gathered is every record of a file read in batches, back in file order,
// and their problems, as a reader that returns the whole file gives them.
type Gathered struct {
	Listings []Listing
	Problems []Problem
	at       []int
}

// Add takes a batch.
func (g *Gathered) Add(b Batch) error {
	g.Listings = append(g.Listings, b.Listings...)
	g.at = append(g.at, b.At...)
	g.Problems = append(g.Problems, b.Problems...)
	return nil
}

// Done puts the listings back in file order, and the problems too, those
// of a record in the order they were found, and returns the problems as a
// *ValidationError, or nil when there are none.
func (g *Gathered) Done() error {
	if !slices.IsSorted(g.at) {
		order := make([]int, len(g.at))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int { return g.at[a] - g.at[b] })
		listings := make([]Listing, len(order))
		for i, k := range order {
			listings[i] = g.Listings[k]
		}
		g.Listings = listings
		slices.Sort(g.at)
	}
	if len(g.Problems) == 0 {
		return nil
	}
	slices.SortStableFunc(g.Problems, func(a, b Problem) int { return a.Index - b.Index })
	return &ValidationError{Problems: g.Problems}
}
