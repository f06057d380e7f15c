package search

import "time"

// Summary is what the directory as a whole says about itself, for the
// window's About dialog: how many listings it has, how many of them a
// person has verified and how many of those are due a check, and when a
// listing was last changed.
type Summary struct {
	Listings int
	Verified int
	// Stale counts the verified listings last verified longer ago than
	// StaleAfter; the ones never verified are Listings - Verified.
	Stale int
	// Updated is the newest UpdatedAt of the listings, zero when none has
	// one (a directory read from a file rather than the store).
	Updated time.Time
}

// Summary counts the index's listings at instant t. A loaded index holds
// no listings to count (they are in its store): it reports false.
func (ix *Index) Summary(t time.Time) (Summary, bool) {
	if ix.stored != nil {
		return Summary{}, false
	}
	s := Summary{Listings: len(ix.docs)}
	for i := range ix.docs {
		l := &ix.docs[i]
		if l.Verified() {
			s.Verified++
			if l.Stale(t) {
				s.Stale++
			}
		}
		if l.UpdatedAt.After(s.Updated) {
			s.Updated = l.UpdatedAt
		}
	}
	return s, true
}
