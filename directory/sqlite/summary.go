package sqlite

import (
	"context"
	"fmt"
	"time"

	"nowrongdoor/directory"
)

// Summary is what the listings on the desk say about the directory as a
// whole, counted by one query rather than by reading every listing: the
// window asks for it after every change, and a statewide directory is
// 100,000 listings.
type Summary struct {
	Listings int
	// Verified counts the listings a person has verified, and Stale those
	// of them last verified longer ago than directory.StaleAfter.
	Verified, Stale int
	// Updated is the newest time a listing was changed.
	Updated time.Time
}

// Summary counts the listings on the desk at instant t.
func (s *Store) Summary(ctx context.Context, t time.Time) (Summary, error) {
	var sum Summary
	var updated string
	err := s.rdb.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE verified_on <> ''),
		count(*) FILTER (WHERE verified_on <> '' AND verified_on < ?), coalesce(max(updated_at), '')
		FROM service WHERE archived = 0`, firstFresh(t).String()).Scan(&sum.Listings, &sum.Verified, &sum.Stale, &updated)
	if err != nil {
		return Summary{}, fmt.Errorf("summary: %w", classify(err))
	}
	if updated != "" {
		if sum.Updated, err = time.Parse(time.RFC3339Nano, updated); err != nil {
			return Summary{}, fmt.Errorf("summary: the newest time of change %q is not a time", updated)
		}
	}
	return sum, nil
}

// firstFresh is the first day a verification made on is not stale at
// instant t: a listing is stale when t is more than directory.StaleAfter
// after the start of the day it was verified (directory.Listing.Stale).
func firstFresh(t time.Time) directory.Date {
	cutoff := t.Add(-directory.StaleAfter)
	d := directory.DateOf(cutoff)
	if d.Time().Before(cutoff) {
		next := d.Time().AddDate(0, 0, 1)
		d = directory.Date{Year: next.Year(), Month: next.Month(), Day: next.Day()}
	}
	return d
}
