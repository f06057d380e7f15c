package directory

import (
	"sort"
	"strings"
)

// Result is one listing a search found, with how well it matched. Scores
// compare results of one search; they mean nothing across searches.
type Result struct {
	Listing *Listing
	Score   float64
}

// CategoryCount is a category and how many listings are in it, for the
// window's start page.
type CategoryCount struct {
	Name  string
	Count int
}

// Index is the in-memory search index over a snapshot of the directory. It
// is immutable once built and safe for concurrent use; after an edit the
// caller builds a new one.
type Index struct {
	listings []*Listing          // sorted by name
	byID     map[string]*Listing // id -> listing
}

// NewIndex builds the index over listings. The listings are copied, so the
// caller may reuse the slice.
func NewIndex(listings []Listing) *Index {
	ix := &Index{byID: make(map[string]*Listing, len(listings))}
	for i := range listings {
		l := listings[i]
		ix.listings = append(ix.listings, &l)
		ix.byID[l.ID] = &l
	}
	sort.SliceStable(ix.listings, func(i, j int) bool {
		return strings.ToLower(ix.listings[i].Name) < strings.ToLower(ix.listings[j].Name)
	})
	return ix
}

// Len returns the number of listings in the index.
func (ix *Index) Len() int { return len(ix.listings) }

// Listings returns every listing, sorted by name. The caller must not modify
// them.
func (ix *Index) Listings() []*Listing { return ix.listings }

// Listing returns the listing with the given id.
func (ix *Index) Listing(id string) (*Listing, bool) {
	l, ok := ix.byID[id]
	return l, ok
}

// Categories returns every category with its number of listings, sorted by
// name.
func (ix *Index) Categories() []CategoryCount {
	counts := map[string]int{}
	for _, l := range ix.listings {
		for _, c := range l.Categories {
			counts[c]++
		}
	}
	out := make([]CategoryCount, 0, len(counts))
	for name, n := range counts {
		out = append(out, CategoryCount{name, n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// InCategory returns the listings in a category, sorted by name.
func (ix *Index) InCategory(category string) []*Listing {
	var out []*Listing
	for _, l := range ix.listings {
		for _, c := range l.Categories {
			if c == category {
				out = append(out, l)
				break
			}
		}
	}
	return out
}

// Search returns up to limit listings that match what the customer said,
// best first. An empty query returns none.
func (ix *Index) Search(query string, limit int) []Result {
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" || limit <= 0 {
		return nil
	}
	var out []Result
	for _, l := range ix.listings {
		text := strings.ToLower(l.Name + " " + strings.Join(l.Keywords, " "))
		if strings.Contains(text, q) {
			out = append(out, Result{Listing: l, Score: 1})
		}
		if len(out) == limit {
			break
		}
	}
	return out
}
