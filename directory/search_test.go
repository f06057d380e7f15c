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
// characters on unseen questions; the target is a quarter. The eval set is
// at 24.7%; the bound leaves a little room for changes that pay elsewhere.
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
	if mean > 0.26 {
		t.Errorf("type-ahead mean share = %.3f, want <= 0.26", mean)
	}
}

// TestSearchAsCustomersTalk covers the promises of the search box beyond
// the eval set: word order, case, accents, typos, a word half typed,
// Spanish, and everyday phrasing.
func TestSearchAsCustomersTalk(t *testing.T) {
	_, ix := searchDefaults(t)
	tests := []struct {
		query string
		want  []string // a right listing; one of them must come first
	}{
		{"passport", []string{"slco-clerk-passports"}},
		{"PASSPORT", []string{"slco-clerk-passports"}},
		{"pasport", []string{"slco-clerk-passports"}},
		{"marr", []string{"slco-clerk-marriage-licenses"}},
		{"marrage licence", []string{"slco-clerk-marriage-licenses"}},
		{"license marriage", []string{"slco-clerk-marriage-licenses"}},
		{"licencia de matrimonio", []string{"slco-clerk-marriage-licenses"}},
		{"licencia de matrimonio ", []string{"slco-clerk-marriage-licenses"}},
		{"unemploymant", []string{"utah-unemployment-insurance"}},
		{"my landlord is kicking me out", []string{"utah-legal-services", "legal-aid-society-salt-lake"}},
		{"food stamps", []string{"utah-dws-eligibility"}},
		{"I lost my job", []string{"utah-unemployment-insurance"}},
		{"dept of workforce services", []string{"utah-dws-employment-centers", "utah-dws-eligibility"}},
		{"certificado de nacimiento", []string{"utah-office-of-vital-records"}},
		{"abogado", []string{"utah-legal-services", "legal-aid-society-salt-lake"}},
		{"DMV", []string{"utah-dmv-taylorsville"}},
		{"shots for my kids", []string{"slco-health-immunizations", "community-health-centers-inc"}},
		// Plain questions that once put the wrong agency first.
		{"necesito ayuda con renta", []string{"utah-community-action", "united-way-211-utah"}},
		{"ayuda con la renta", []string{"utah-community-action", "united-way-211-utah"}},
		{"lost my id", []string{"utah-driver-license-division"}},
		{"passport photo", []string{"slco-clerk-passports"}},
		{"hi my landlord says i have to leave by friday and i have 3 kids", []string{"utah-legal-services", "utah-courts-self-help-center"}},
		{"snap benfits for my mom", []string{"utah-dws-eligibility"}},
		{"food pantry near me", []string{"crossroads-urban-center", "utah-food-bank", "salvation-army-salt-lake"}},
		{"propertytax", []string{"slco-treasurer"}},
	}
	for _, tt := range tests {
		got := ix.Search(tt.query, 5)
		if len(got) == 0 || !slices.Contains(tt.want, got[0].Listing.ID) {
			t.Errorf("Search(%q) = %v, want one of %v first", tt.query, ids(got), tt.want)
		}
	}
}

// TestTypingDoesNotOverturn: the first letters of a word being typed after
// others refine what the finished words found, but do not throw it out:
// what comes first while typing was among the first three before.
func TestTypingDoesNotOverturn(t *testing.T) {
	_, ix := searchDefaults(t)
	for _, tt := range []struct{ before, typing string }{
		{"someone", "someone to t"},
		{"someone to", "someone to ta"},
		{"I'm looking for food stamps", "I'm looking for food stamps f"},
		{"my landlord is kicking me out", "my landlord is kicking me out to"},
	} {
		before, typing := ix.Search(tt.before, 3), ix.Search(tt.typing, 1)
		if len(typing) == 0 || !slices.Contains(ids(before), typing[0].Listing.ID) {
			t.Errorf("Search(%q) = %v, then Search(%q) = %v, want one of the first three before", tt.before, ids(before), tt.typing, ids(typing))
		}
	}
}

// TestSearchOddInput: whatever is pasted into the search box, search
// answers quickly and sanely; it never panics and never treats the input
// as syntax.
func TestSearchOddInput(t *testing.T) {
	_, ix := searchDefaults(t)
	for _, q := range []string{"", " ", "\t\n", "'; DROP TABLE listings; --", `"`, "*", ":", "NEAR",
		"passport NEAR/3 clerk", "pass*", "name:passport", "\x00\x01\x02", "\xff\xfe passport",
		strings.Repeat("a", 10000), strings.Repeat("passport ", 2000), "🙂", "—", "ñ"} {
		got := ix.Search(q, 10)
		if len(got) > 10 {
			t.Errorf("Search(%q) returned %d results, want at most 10", q, len(got))
		}
	}
	for _, q := range []string{"", "   ", "!!!", "\x00"} {
		if got := ix.Search(q, 10); len(got) != 0 {
			t.Errorf("Search(%q) = %v, want no results", q, ids(got))
		}
	}
	if got := ix.Search("\xff\xfe passport", 3); len(got) == 0 || got[0].Listing.ID != "slco-clerk-passports" {
		t.Errorf("Search with invalid UTF-8 before %q = %v, want the passport listing first", "passport", ids(got))
	}
	if got := ix.Search("passport", 0); got != nil {
		t.Errorf("Search(%q, 0) = %v, want nil", "passport", ids(got))
	}
}

// TestSearchIsStable: the same query gives the same order every time, so
// results never shuffle under the clerk's pointer.
func TestSearchIsStable(t *testing.T) {
	_, ix := searchDefaults(t)
	first := ids(ix.Search("library", 50))
	for range 20 {
		if got := ids(ix.Search("library", 50)); !slices.Equal(got, first) {
			t.Fatalf("Search(%q) = %v, then %v", "library", first, got)
		}
	}
}

// FuzzSearch feeds arbitrary text to the search box: it must never panic,
// never return more than asked, and always return listings of the index.
func FuzzSearch(f *testing.F) {
	_, ix := searchDefaults(f)
	for _, q := range []string{"passport", "marrage licence", "food st", "'; DROP TABLE", "\xff", "a b c d e f g h i j k l m n"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		got := ix.Search(q, 5)
		if len(got) > 5 {
			t.Fatalf("Search(%q) returned %d results, want at most 5", q, len(got))
		}
		for _, r := range got {
			if _, ok := ix.Listing(r.Listing.ID); !ok || r.Score <= 0 {
				t.Fatalf("Search(%q) returned %q with score %v", q, r.Listing.ID, r.Score)
			}
		}
	})
}
