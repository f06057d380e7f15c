package main

import (
	"context"
	"errors"
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

// Summary counts the listings for the About dialog, in the store.
func (d deskDirectory) Summary(t time.Time) search.Summary {
	s, err := d.ls.Summary(context.Background(), t)
	if err != nil {
		// The dialog says what it can; the desk goes on.
		return search.Summary{Listings: d.Len()}
	}
	return search.Summary{Listings: s.Listings, Verified: s.Verified, Stale: s.Stale, Updated: s.Updated}
}

var errNoTerm = errors.New("the search index has no such term")

// deskSource gives a loaded index its term records, read with its head,
// and the listings of its results, read from the store as they are shown.
type deskSource struct {
	terms [][]byte
	ls    *liveStore
}

func (s deskSource) TermRecord(term int32) ([]byte, error) {
	if term < 0 || int(term) >= len(s.terms) {
		return nil, errNoTerm
	}
	return s.terms[term], nil
}

func (s deskSource) Listings(ids []string) ([]directory.Listing, error) {
	return s.ls.ListingsByID(context.Background(), ids)
}

// readDirectory reads the directory for the window: the index the store
// keeps, or else one built over the listings, which it then keeps for the
// next desk and the command line. It reads through s, which the caller
// holds; the listings are read later through ls.
func readDirectory(ctx context.Context, s *sqlite.Store, ls *liveStore) (deskDirectory, error) {
	head, terms, err := s.ReadSearchIndex(ctx, search.Format())
	if err != nil {
		listings, version, err := s.SearchListingsAt(ctx)
		if err != nil {
			return deskDirectory{}, err
		}
		f, err := search.NewIndex(listings).Freeze()
		if err != nil {
			return deskDirectory{}, err
		}
		// A store too busy to keep it loses nothing: the next reader
		// builds it again.
		s.SaveSearchIndex(ctx, version, search.Format(), f.Head, f.Terms)
		head, terms = f.Head, f.Terms
	}
	ix, err := search.Load(head, deskSource{terms, ls})
	if err != nil {
		return deskDirectory{}, err
	}
	return deskDirectory{ix, ls}, nil
}
