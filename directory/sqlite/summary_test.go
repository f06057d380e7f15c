package sqlite

import (
	"context"
	"fmt"
	"testing"
	"time"

	"nowrongdoor/directory"
)

// Summary counts by one query exactly what counting the listings one by
// one does, at every time of day around the day verifications go stale,
// and leaves archived listings out.
func TestSummaryCountsAsTheListingsDo(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	start := time.Date(2025, time.November, 20, 0, 0, 0, 0, directory.Denver)
	var ls []directory.Listing
	for i := range 16 {
		l := sample(fmt.Sprintf("l-%02d", i), fmt.Sprintf("Listing %d", i))
		if i%5 != 4 { // every fifth never verified
			day := start.AddDate(0, 0, i)
			l.VerifiedOn = directory.Date{Year: day.Year(), Month: day.Month(), Day: day.Day()}
			l.VerifiedBy = "Ana"
		}
		ls = append(ls, l)
	}
	if _, err := s.Import(ctx, ls, ImportOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Archive(ctx, "l-03", "Ana"); err != nil {
		t.Fatal(err)
	}
	listings, err := s.Listings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var newest time.Time
	for _, l := range listings {
		if l.UpdatedAt.After(newest) {
			newest = l.UpdatedAt
		}
	}
	// The instants StaleAfter after the start of each day a listing was
	// verified on, and just before and after them.
	for k := -2; k < 20; k++ {
		edge := start.AddDate(0, 0, k).Add(directory.StaleAfter)
		for _, at := range []time.Time{edge.Add(-time.Nanosecond), edge, edge.Add(time.Nanosecond), edge.Add(13 * time.Hour)} {
			never, stale := directory.CountReview(listings, at)
			sum, err := s.Summary(ctx, at)
			if err != nil {
				t.Fatal(err)
			}
			want := Summary{Listings: len(listings), Verified: len(listings) - never, Stale: stale, Updated: newest}
			if !sum.Updated.Equal(want.Updated) || sum.Listings != want.Listings || sum.Verified != want.Verified || sum.Stale != want.Stale {
				t.Fatalf("Summary(%v) = %+v, want %+v", at, sum, want)
			}
		}
	}
	if len(listings) != 15 {
		t.Errorf("%d listings on the desk, want 15", len(listings))
	}
}
