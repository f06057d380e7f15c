package directory

import (
	"testing"
	"time"
)

func TestSummary(t *testing.T) {
	now := time.Date(2026, time.November, 25, 10, 0, 0, 0, Denver)
	newest := time.Date(2026, time.November, 20, 9, 0, 0, 0, time.UTC)
	ix := NewIndex([]Listing{
		{ID: "fresh", Name: "Fresh", VerifiedOn: Date{2026, time.June, 1}, UpdatedAt: newest.Add(-48 * time.Hour)},
		{ID: "old", Name: "Old", VerifiedOn: Date{2024, time.January, 5}, UpdatedAt: newest},
		{ID: "never", Name: "Never"},
	})
	got := ix.Summary(now)
	want := Summary{Listings: 3, Verified: 2, Stale: 1, Updated: newest}
	if got != want {
		t.Errorf("Summary() = %+v, want %+v", got, want)
	}
	if got := NewIndex(nil).Summary(now); got != (Summary{}) {
		t.Errorf("Summary() of an empty index = %+v, want zero", got)
	}
}
