package main

import (
	"context"

	"nowrongdoor/directory/search"
	"nowrongdoor/directory/sqlite"
)

// openIndex returns the directory's search index: the one the store keeps,
// when it is of the directory as it is now, loaded in milliseconds; else
// one built over the listings. done ends the loaded index's read; keep
// saves a built index in the store so the next search loads it. Call keep
// after the answer is given: it takes the write lock and, for a statewide
// directory, about a second.
func openIndex(ctx context.Context, s *sqlite.Store) (ix *search.Index, done, keep func(), err error) {
	nothing := func() {}
	kept, err := s.OpenSearchIndex(ctx, search.Format())
	if err == nil {
		if ix, err := search.Load(kept.Head(), kept); err == nil {
			return ix, func() { kept.Close() }, nothing, nil
		}
		// A damaged index is only derived data: it is built again.
		kept.Close()
	}
	listings, version, err := s.SearchListingsAt(ctx)
	if err != nil {
		return nil, nothing, nothing, err
	}
	ix = search.NewIndex(listings)
	keep = func() {
		// The index saves time, and is not the answer: a store too busy
		// or read-only to keep it is built from again next time.
		if f, err := ix.Freeze(); err == nil {
			s.SaveSearchIndex(ctx, version, search.Format(), f.Head, f.Terms)
		}
	}
	return ix, nothing, keep, nil
}
