package search_test

import (
	"fmt"
	"testing"

	"github.com/sahilm/fuzzy"

	"nowrongdoor/directory/directorytest"
	"nowrongdoor/directory/search"
)

// benchQueries are the shapes of what staff type: one letter (the first
// keystroke, the widest match), four letters of a word being typed, a
// three-word question, a misspelling, and a whole sentence as a customer
// says it (which also runs the needs taxonomy and the crisis rail).
var benchQueries = []struct{ name, query string }{
	{"1-letter", "f"},
	{"4-letter", "marr"},
	{"three-words", "pay property taxes"},
	{"misspelled", "unemploymant"},
	{"sentence", "hi my landlord says i have to leave by friday and i have 3 kids"},
}

// BenchmarkSearch measures one search, the work of one keystroke, at the
// size of the default directory, a large county and a statewide 211 feed.
// The budget is 1 ms at 1,000 listings and 5 ms at 100,000.
func BenchmarkSearch(b *testing.B) {
	base, _ := searchDefaults(b)
	for _, n := range []int{1000, 10000, 100000} {
		ix := search.NewIndex(directorytest.Synthetic(base, n))
		for _, q := range benchQueries {
			b.Run(fmt.Sprintf("listings=%d/%s", n, q.name), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if len(ix.Search(q.query, 20)) == 0 {
						b.Fatalf("Search(%q) found nothing", q.query)
					}
				}
			})
		}
	}
}

// BenchmarkSearchTyping types a question a keystroke at a time against
// 100,000 listings, as the window does, so the word cache is exercised the
// way staff use it.
func BenchmarkSearchTyping(b *testing.B) {
	base, _ := searchDefaults(b)
	ix := search.NewIndex(directorytest.Synthetic(base, 100000))
	const q = "help paying my power bill"
	b.ReportAllocs()
	for b.Loop() {
		for k := 1; k <= len(q); k++ {
			ix.Search(q[:k], 20)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(q))/1e6, "ms/keystroke")
}

// BenchmarkIndexBuild measures building the index over a statewide feed,
// which happens at start-up and after every edit. The budget is 1 s.
func BenchmarkIndexBuild(b *testing.B) {
	base, _ := searchDefaults(b)
	listings := directorytest.Synthetic(base, 100000)
	b.Run("listings=100000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			search.NewIndex(listings)
		}
	})
}

// BenchmarkBaselineFuzzyNames is the anchor the search is measured
// against in the same run: sahilm/fuzzy alone over the names of the same
// listings, for the same queries. It ranks by subsequence only (no typos,
// customer words or fields), so it is a floor on cost, not on quality.
func BenchmarkBaselineFuzzyNames(b *testing.B) {
	base, _ := searchDefaults(b)
	listings := directorytest.Synthetic(base, 100000)
	names := make([]string, len(listings))
	for i, l := range listings {
		names[i] = l.Name
	}
	for _, q := range benchQueries {
		b.Run("listings=100000/"+q.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				fuzzy.Find(q.query, names)
			}
		})
	}
}

// BenchmarkSearchColdWords measures keystrokes whose words the index has
// not seen before, so their matches are found afresh instead of coming from
// the word cache: each iteration searches a different misspelling (two
// letters of "unemployment" or "property tax" replaced), as a new customer's
// question would be.
func BenchmarkSearchColdWords(b *testing.B) {
	base, _ := searchDefaults(b)
	ix := search.NewIndex(directorytest.Synthetic(base, 100000))
	for _, word := range []string{"unemployment", "property tax"} {
		b.Run("listings=100000/"+word, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				ix.Search(misspell(word, i), 20)
				i++
			}
		})
	}
}

// misspell returns the i-th variant of word with two letters replaced,
// cycling through hundreds of thousands of distinct variants.
func misspell(word string, i int) string {
	w := []byte(word)
	n := len(w)
	p1, p2 := 1+i%(n-1), 1+(i/(n-1))%(n-1)
	w[p1] = byte('a' + (i/7)%26)
	w[p2] = byte('a' + (i/11)%26)
	return string(w)
}
