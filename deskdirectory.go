package main

import (
	"context"
	"fmt"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/search"
	"nowrongdoor/directory/sqlite"
)

// deskDirectory is the window's directory: the search index the store
// keeps, read whole, with the listings read from the store as they are
// shown. The window holds the index, not every listing: a statewide
// directory of 100,000 listings is 300 MB of listings.
type deskDirectory struct {
	*search.Index
	ls *liveStore
}

// Summary counts the listings for the About dialog, in the store; false
// when the store cannot count them now.
func (d deskDirectory) Summary(t time.Time) (search.Summary, bool) {
	s, err := d.ls.Summary(context.Background(), t)
	if err != nil {
		return search.Summary{}, false
	}
	return search.Summary{Listings: s.Listings, Verified: s.Verified, Stale: s.Stale, Updated: s.Updated}, true
}

// deskSource gives a loaded index its term records and the listings of
// its results, read from the store as searches need them, through the
// window's live store (which a restore replaces). An index the store
// could not keep has its records here, in terms.
type deskSource struct {
	version string
	terms   [][]byte
	ls      *liveStore
}

func (s deskSource) TermRecord(term int32) ([]byte, error) {
	if s.terms != nil {
		if term < 0 || int(term) >= len(s.terms) {
			return nil, fmt.Errorf("the search index has no term %d", term)
		}
		return s.terms[term], nil
	}
	return s.ls.SearchTerm(context.Background(), s.version, term)
}

func (s deskSource) Listings(ids []string) ([]directory.Listing, error) {
	return s.ls.ListingsByID(context.Background(), ids)
}

// readDirectory reads the directory for the window: the index the store
// keeps, or else one built over the listings, which it then keeps for the
// next desk and the command line. It reads through s, which the caller
// holds; the terms and listings are read later through ls. Should the
// store change meanwhile, a search for a word not yet read finds nothing
// until the desk has read the changed directory, which it does within
// seconds.
func readDirectory(ctx context.Context, s *sqlite.Store, ls *liveStore) (deskDirectory, error) {
	if head, version, err := s.SearchIndexHead(ctx, search.Format()); err == nil {
		ix, err := search.Load(head, deskSource{version: version, ls: ls})
		if err == nil {
			return deskDirectory{ix, ls}, nil
		}
		// A kept index that cannot be read is only derived data: it is
		// built again.
		s.DropSearchIndex(ctx)
	}
	listings, at, err := s.SearchListings(ctx)
	if err != nil {
		return deskDirectory{}, err
	}
	f, err := search.NewIndex(listings).Freeze()
	if err != nil {
		return deskDirectory{}, err
	}
	src := deskSource{version: at, terms: f.Terms, ls: ls}
	// Kept, the terms are read from the store as they are needed and the
	// window holds only the head. A store that cannot keep it now
	// (another desk's import holds it, or has changed it since) is
	// searched from the terms in memory.
	if saved, err := s.SaveSearchIndex(ctx, at, search.Format(), f.Head, f.Terms); saved && err == nil {
		src.terms = nil
	}
	ix, err := search.Load(f.Head, src)
	if err != nil {
		return deskDirectory{}, err
	}
	return deskDirectory{ix, ls}, nil
}
