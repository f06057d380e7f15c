package directory

import (
	"testing"
	"time"
)

// TestCountReview: never verified, verified over a year ago, and archived
// listings (which wait for nothing) are counted apart.
func TestCountReview(t *testing.T) {
	now := time.Date(2026, time.November, 30, 12, 0, 0, 0, Denver)
	ls := []Listing{
		{ID: "never"},
		{ID: "fresh", VerifiedOn: Date{2026, time.June, 1}},
		{ID: "stale", VerifiedOn: Date{2025, time.November, 1}},
		{ID: "archived", Archived: true},
		{ID: "archived-stale", Archived: true, VerifiedOn: Date{2020, time.January, 1}},
	}
	if never, stale := CountReview(ls, now); never != 1 || stale != 1 {
		t.Errorf("CountReview = %d never, %d stale; want 1 and 1", never, stale)
	}
}
