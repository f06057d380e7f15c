package search_test

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"

	"nowrongdoor/data"
	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
	"nowrongdoor/directory/search"
)

var (
	defaultOnce  sync.Once
	defaultIndex *search.Index
	defaultData  []directory.Listing
)

// searchDefaults returns the default directory and its index, built once.
func searchDefaults(tb testing.TB) ([]directory.Listing, *search.Index) {
	tb.Helper()
	defaultOnce.Do(func() {
		var ls []directory.Listing
		if err := json.Unmarshal(data.Agencies, &ls); err != nil {
			panic("default data: " + err.Error())
		}
		for i := range ls {
			directorytest.Prepare(&ls[i])
		}
		defaultData, defaultIndex = ls, search.NewIndex(ls)
	})
	return defaultData, defaultIndex
}

func ids(results []search.Result) []string {
	out := make([]string, len(results))
	for i, r := range results {
		out[i] = r.Listing.ID
	}
	return out
}

// relevanceSets are the desk question sets and what the search must do on
// each: put a right listing first for at least minFirst of the questions
// and in the top three for minTop3; show it in the top three after at most
// maxTypeAhead of each question is typed, on average; and change the first
// result at most maxChurn times a question while it is typed. Each bound
// sits below the figure measured when it was set, with room to spare.
//   - queries.json: the team's original set, short questions.
//   - desk_dev.json: written apart from the ranking; tuned on.
//   - desk_test.json: written with it, never tuned on; measured once.
//   - desk_holdout.json: written later by another hand, after the needs
//     and the rail were broadened without it; measured once.
//   - desk_holdout3.json: written blind by a third hand after the naive
//     Bayes reader landed, with ordinary questions that sound alarming
//     ("trap"); measured once.
var relevanceSets = []struct {
	path                                      string
	minFirst, minTop3, maxTypeAhead, maxChurn float64
}{
	{"testdata/queries.json", 0.92, 1, 0.27, 2.5},          // measured 95%, 100%, 24.7%, 1.9
	{"testdata/desk_dev.json", 0.90, 0.96, 0.46, 5.8},      // measured 94%, 99%, 42.0%, 5.2
	{"testdata/desk_test.json", 0.72, 0.82, 0.54, 6.2},     // measured once, untuned: 77%, 87%, 49.6%, 5.5
	{"testdata/desk_holdout.json", 0.78, 0.85, 0.49, 6.0},  // measured once, untuned: 82%, 89%, 44.9%, 5.4
	{"testdata/desk_holdout3.json", 0.82, 0.87, 0.47, 7.2}, // measured once, untuned: 86%, 91%, 42.1%, 6.5
}

// TestRelevance is the desk's promise, measured on every question set.
// Run with -v for the figures by kind of question and the misses. Under the
// race detector only the whole questions are run (.ci/run runs this test
// again without it for the typing figures).
func TestRelevance(t *testing.T) {
	_, ix := searchDefaults(t)
	search := func(q string, limit int) []string { return ids(ix.Search(q, limit)) }
	measure := directorytest.Measure
	if raceEnabled {
		measure = directorytest.MeasureWhole
		t.Log("race detector on: typing figures skipped")
	}
	for _, set := range relevanceSets {
		qs, err := directorytest.LoadQuestions(set.path)
		if err != nil {
			t.Fatal(err)
		}
		s := measure(qs, search)
		t.Logf("%s: %v", set.path, s)
		if testing.Verbose() && !raceEnabled {
			byKind := directorytest.MeasureByKind(qs, search)
			for _, k := range directorytest.Kinds(byKind) {
				if k != "" {
					t.Logf("  %-15s %v", k, byKind[k])
				}
			}
		}
		for _, m := range s.Misses {
			t.Logf("  miss: %s", m)
		}
		if s.FirstShare() < set.minFirst {
			t.Errorf("%s: right listing first for %.1f%%, want at least %.0f%%", set.path, 100*s.FirstShare(), 100*set.minFirst)
		}
		if s.Top3Share() < set.minTop3 {
			t.Errorf("%s: right listing in the top 3 for %.1f%%, want at least %.0f%%", set.path, 100*s.Top3Share(), 100*set.minTop3)
		}
		if raceEnabled {
			continue
		}
		if s.TypeAhead > set.maxTypeAhead {
			t.Errorf("%s: right listing in the top 3 after %.1f%% of a question typed, want at most %.0f%%", set.path, 100*s.TypeAhead, 100*set.maxTypeAhead)
		}
		if s.Churn > set.maxChurn {
			t.Errorf("%s: first result changes %.2f times a question while typed, want at most %.1f", set.path, s.Churn, set.maxChurn)
		}
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
