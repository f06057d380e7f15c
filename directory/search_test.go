package directory_test

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"nowrongdoor/data"
	"nowrongdoor/directory"
)

var (
	defaultOnce  sync.Once
	defaultIndex *directory.Index
	defaultData  []directory.Listing
)

// searchDefaults returns the default directory and its index, built once.
func searchDefaults(tb testing.TB) ([]directory.Listing, *directory.Index) {
	tb.Helper()
	defaultOnce.Do(func() {
		var ls []directory.Listing
		if err := json.Unmarshal(data.Agencies, &ls); err != nil {
			panic("default data: " + err.Error())
		}
		for i := range ls {
			ls[i].Normalize()
		}
		defaultData, defaultIndex = ls, directory.NewIndex(ls)
	})
	return defaultData, defaultIndex
}

// evalQuery is one line of testdata/queries.json: what a customer said at
// the desk, and the listings any of which is a right answer.
type evalQuery struct {
	Query string   `json:"query"`
	Want  []string `json:"want"`
}

func loadEval(t *testing.T) []evalQuery {
	t.Helper()
	b, err := os.ReadFile("testdata/queries.json")
	if err != nil {
		t.Fatal(err)
	}
	var qs []evalQuery
	if err := json.Unmarshal(b, &qs); err != nil {
		t.Fatal(err)
	}
	return qs
}

// rankOf returns the 1-based rank of the first wanted listing in the
// results, or 0 when none is there.
func rankOf(results []directory.Result, want []string) int {
	for i, r := range results {
		if slices.Contains(want, r.Listing.ID) {
			return i + 1
		}
	}
	return 0
}

func ids(results []directory.Result) []string {
	out := make([]string, len(results))
	for i, r := range results {
		out[i] = r.Listing.ID
	}
	return out
}

// TestRelevance is the desk's promise: for every question in the eval set a
// right listing is in the top three, and first for at least 95% of them.
func TestRelevance(t *testing.T) {
	_, ix := searchDefaults(t)
	qs := loadEval(t)
	first := 0
	for _, q := range qs {
		got := ix.Search(q.Query, 10)
		rank := rankOf(got, q.Want)
		switch {
		case rank == 1:
			first++
		case rank == 0 || rank > 3:
			t.Errorf("Search(%q) = %v, want one of %v in the top 3", q.Query, ids(got), q.Want)
		default:
			t.Logf("Search(%q): right listing at rank %d: %v", q.Query, rank, ids(got)[:rank])
		}
	}
	share := float64(first) / float64(len(qs))
	t.Logf("first for %d of %d queries (%.0f%%)", first, len(qs), 100*share)
	if share < 0.95 {
		t.Errorf("right listing first for %.0f%% of queries, want at least 95%%", 100*share)
	}
}

// typeAheadShare types q one character at a time and returns the share of
// its characters after which a wanted listing is in the top three and stays
// there to the end (1 when it never settles there).
func typeAheadShare(ix *directory.Index, q evalQuery) float64 {
	settled := len(q.Query) + 1
	for k := len(q.Query); k >= 1; k-- {
		r := rankOf(ix.Search(q.Query[:k], 3), q.Want)
		if r == 0 {
			break
		}
		settled = k
	}
	return min(1, float64(settled)/float64(len(q.Query)))
}

// TestTypeAhead measures how early the right listing shows while the
// question is typed. SQLite FTS5 with prefix terms needs 36% of the
// characters on unseen questions; the target is a quarter. The bound here
// guards the eval set against regressions; the figure is logged.
func TestTypeAhead(t *testing.T) {
	_, ix := searchDefaults(t)
	qs := loadEval(t)
	var sum float64
	var slow []string
	for _, q := range qs {
		s := typeAheadShare(ix, q)
		sum += s
		if s > 0.5 {
			slow = append(slow, q.Query)
		}
	}
	mean := sum / float64(len(qs))
	t.Logf("type-ahead: right listing in the top 3 after %.1f%% of the characters on average; slow: %s",
		100*mean, strings.Join(slow, "; "))
	if mean > 0.30 {
		t.Errorf("type-ahead mean share = %.3f, want <= 0.30", mean)
	}
}
