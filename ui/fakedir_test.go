package ui

import (
	"slices"
	"strings"

	"nowrongdoor/directory"
	"nowrongdoor/directory/search"
)

// fakeDirectory is a Directory for the tests of the window that are not
// about ranking: a listing matches when each word typed starts a word of
// its name, organization, keywords, services or categories, and matches
// come in the order they were given. What the window does with results
// (rows, the listing on show, keys, copying) is then independent of how the
// search engine weighs a question; the tests that check real search
// behaviour in the window use search.NewIndex.
type fakeDirectory struct {
	listings []directory.Listing
}

func newFakeDirectory(listings []directory.Listing) *fakeDirectory {
	return &fakeDirectory{listings: listings}
}

// Search returns the listings whose words every query word starts, at most
// limit, scored by their place so the first scores highest.
func (f *fakeDirectory) Search(query string, limit int) []search.Result {
	typed := strings.Fields(strings.ToLower(query))
	if len(typed) == 0 {
		return nil
	}
	var out []search.Result
	for i := range f.listings {
		if len(out) == limit {
			break
		}
		l := &f.listings[i]
		if l.Status == directory.StatusInactive || !matchesAll(typed, listingWords(l)) {
			continue
		}
		out = append(out, search.Result{Listing: l, Score: float64(len(f.listings) - i)})
	}
	return out
}

// listingWords are the lower-case words of the fields the fake searches.
func listingWords(l *directory.Listing) []string {
	texts := []string{l.Name, l.Organization}
	texts = append(texts, l.Keywords...)
	texts = append(texts, l.Services...)
	texts = append(texts, l.Categories...)
	var words []string
	for _, t := range texts {
		words = append(words, strings.FieldsFunc(strings.ToLower(t), func(r rune) bool {
			return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r > 0x7f)
		})...)
	}
	return words
}

func matchesAll(typed, words []string) bool {
	for _, w := range typed {
		if !slices.ContainsFunc(words, func(x string) bool { return strings.HasPrefix(x, w) }) {
			return false
		}
	}
	return true
}

// Categories returns each category with its number of listings, by name.
func (f *fakeDirectory) Categories() []search.CategoryCount {
	counts := map[string]int{}
	for _, l := range f.listings {
		for _, c := range l.Categories {
			counts[c]++
		}
	}
	var out []search.CategoryCount
	for name, n := range counts {
		out = append(out, search.CategoryCount{Name: name, Count: n})
	}
	slices.SortFunc(out, func(a, b search.CategoryCount) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// InCategory returns the listings in a category, by name.
func (f *fakeDirectory) InCategory(name string) []*directory.Listing {
	var out []*directory.Listing
	for i := range f.listings {
		if slices.Contains(f.listings[i].Categories, name) {
			out = append(out, &f.listings[i])
		}
	}
	slices.SortFunc(out, func(a, b *directory.Listing) int {
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return out
}

// Listing returns the listing with the given id.
func (f *fakeDirectory) Listing(id string) (*directory.Listing, bool) {
	for i := range f.listings {
		if f.listings[i].ID == id {
			return &f.listings[i], true
		}
	}
	return nil, false
}
