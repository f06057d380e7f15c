package search_test

import (
	"testing"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/search"
)

func TestSummary(t *testing.T) {
	now := time.Date(2026, time.November, 25, 10, 0, 0, 0, directory.Denver)
	newest := time.Date(2026, time.November, 20, 9, 0, 0, 0, time.UTC)
	ix := search.NewIndex([]directory.Listing{
		{ID: "fresh", Name: "Fresh", VerifiedOn: directory.Date{Year: 2026, Month: time.June, Day: 1}, UpdatedAt: newest.Add(-48 * time.Hour)},
		{ID: "old", Name: "Old", VerifiedOn: directory.Date{Year: 2024, Month: time.January, Day: 5}, UpdatedAt: newest},
		{ID: "never", Name: "Never"},
	})
	got, _ := ix.Summary(now)
	want := search.Summary{Listings: 3, Verified: 2, Stale: 1, Updated: newest}
	if got != want {
		t.Errorf("Summary() = %+v, want %+v", got, want)
	}
	if got, ok := search.NewIndex(nil).Summary(now); !ok || got != (search.Summary{}) {
		t.Errorf("Summary() of an empty index = %+v, want zero", got)
	}
}
