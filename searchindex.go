package main

import (
	"context"

	"nowrongdoor/directory/search"
	"nowrongdoor/directory/sqlite"
)

// find searches the directory for the command line: with the index the
// store keeps, when it is of the directory as it is now, loaded in
// milliseconds; else with one built over the listings. keep saves a built
// index in the store, so the next search loads it: call it after the
// answer is given, as it takes the write lock and, for a statewide
// directory, about a second. A kept index that cannot be read (damaged)
// is only derived data: it is dropped, and the search is answered by one
// built again.
func find(ctx context.Context, s *sqlite.Store, query string, limit int) (results []search.Result, keep func(), err error) {
	keep = func() {}
	if kept, err := s.OpenSearchIndex(ctx, search.Format()); err == nil {
		ix, err := search.Load(kept.Head(), kept)
		if err == nil {
			results, err = ix.Find(query, limit)
		}
		kept.Close()
		if err == nil {
			return results, keep, nil
		}
		s.DropSearchIndex(ctx)
	}
	listings, version, err := s.SearchListings(ctx)
	if err != nil {
		return nil, keep, err
	}
	ix := search.NewIndex(listings)
	keep = func() {
		// The index saves time, and is not the answer: a store too busy
		// or read-only to keep it is built from again next time.
		if f, err := ix.Freeze(); err == nil {
			s.SaveSearchIndex(ctx, version, search.Format(), f.Head, f.Terms)
		}
	}
	results, err = ix.Find(query, limit)
	return results, keep, err
}
