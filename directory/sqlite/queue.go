package sqlite

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"nowrongdoor/directory"
)

// The review queue is worked out from the listings as Listings returns
// them, not by a query of its own, so it needs nothing of how listings are
// laid out in tables; an admin opens it now and then. Its counts, which
// the window asks for after every change, are counted by a query.

// ReviewQueue returns the listings on the desk that need a person to check
// them: never verified, or verified longer ago than directory.StaleAfter.
// Those never verified come first, by name; then the others, the oldest
// verification first.
func (s *Store) ReviewQueue(ctx context.Context) ([]directory.ReviewItem, error) {
	ls, err := s.Listings(ctx)
	if err != nil {
		return nil, fmt.Errorf("review queue: %w", err)
	}
	now := s.now()
	var out []directory.ReviewItem
	for i := range ls {
		if l := &ls[i]; l.Stale(now) {
			out = append(out, directory.ReviewItem{ID: l.ID, Name: l.Name, Organization: l.Organization, VerifiedOn: l.VerifiedOn})
		}
	}
	slices.SortFunc(out, func(a, b directory.ReviewItem) int {
		if a.VerifiedOn != b.VerifiedOn {
			// The zero Date is before every other.
			if a.VerifiedOn.Before(b.VerifiedOn) {
				return -1
			}
			return 1
		}
		return cmp.Or(byName(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	return out, nil
}

// ReviewCounts returns how many listings on the desk were never verified
// and how many were verified longer ago than directory.StaleAfter, for
// the admin header, which asks after every change: they are counted by
// one query (see Summary), not by reading the listings.
func (s *Store) ReviewCounts(ctx context.Context) (never, stale int, err error) {
	sum, err := s.Summary(ctx, s.now())
	if err != nil {
		return 0, 0, fmt.Errorf("review counts: %w", err)
	}
	return sum.Listings - sum.Verified, sum.Stale, nil
}

// Archived returns the archived listings, by name.
func (s *Store) Archived(ctx context.Context) ([]directory.Listing, error) {
	ls, err := s.archivedListings(ctx)
	if err != nil {
		return nil, fmt.Errorf("archived listings: %w", err)
	}
	slices.SortFunc(ls, func(a, b directory.Listing) int {
		return cmp.Or(byName(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	return ls, nil
}

// byName orders names as a person looks them up, ignoring case.
func byName(a, b string) int {
	return cmp.Or(strings.Compare(strings.ToLower(a), strings.ToLower(b)), strings.Compare(a, b))
}
