package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sahilm/fuzzy"

	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
	"nowrongdoor/directory/search"
)

// evalSets are the desk question sets the relevance tests run: the team's
// original set, the two halves of the set written apart from the ranking
// (dev is tuned on; test is only measured), and two sets written later by
// other hands (only measured).
// margin is how far above both baselines the search must put the right
// listing first: on short keyword questions FTS5 does well, so there it
// need only not lose; on the desk sets, where customers talk, it must be
// far ahead.
var evalSets = []struct {
	name, path string
	margin     float64
}{
	{"queries", "../search/testdata/queries.json", 0},
	{"dev", "../search/testdata/desk_dev.json", 0.15},
	{"test", "../search/testdata/desk_test.json", 0.15},
	{"holdout", "../search/testdata/desk_holdout.json", 0.15},
	{"holdout3", "../search/testdata/desk_holdout3.json", 0.25}, // measured once: 86% against FTS5 52%
}

// TestRelevanceAgainstBaselines measures the search on every desk question
// set beside the two designs it must beat: SQLite FTS5 ranking by bm25 (the
// words OR-ed as prefix terms, which finds more than AND on long questions),
// and sahilm/fuzzy alone over each listing's name, organization and
// keywords. Run it with -v for the figures, typing included. The search
// must put the right listing first more often than either.
func TestRelevanceAgainstBaselines(t *testing.T) {
	if raceEnabled {
		t.Skip("ranking every desk question through FTS5 under the race detector takes minutes; .ci/run runs this test without it")
	}
	listings := defaultListings(t)
	ix := search.NewIndex(listings)
	ours := func(q string, limit int) []string {
		var ids []string
		for _, r := range ix.Search(q, limit) {
			ids = append(ids, r.Listing.ID)
		}
		return ids
	}
	fts := newFTS5Baseline(t, listings)
	plain := newFuzzyBaseline(listings)
	for _, set := range evalSets {
		qs, err := directorytest.LoadQuestions(set.path)
		if err != nil {
			t.Fatal(err)
		}
		// Typing every question a letter at a time through FTS5 takes a
		// minute; the figures are for reading, so only -v pays for them.
		measure := directorytest.MeasureWhole
		if testing.Verbose() {
			measure = directorytest.Measure
		}
		o, f, z := measure(qs, ours), measure(qs, fts), measure(qs, plain)
		t.Logf("%s (%d questions)\n  ours:        %v\n  FTS5 bm25:   %v\n  plain fuzzy: %v", set.name, len(qs), o, f, z)
		for _, b := range []struct {
			name  string
			score directorytest.Score
		}{{"FTS5", f}, {"plain fuzzy", z}} {
			if o.FirstShare() < b.score.FirstShare()+set.margin {
				t.Errorf("%s: right listing first for %.0f%%, want at least %.0f points above %s's %.0f%%",
					set.name, 100*o.FirstShare(), 100*set.margin, b.name, 100*b.score.FirstShare())
			}
		}
	}
}

// newFTS5Baseline indexes the listings in an FTS5 table, every text field
// in one column, and searches it with bm25.
func newFTS5Baseline(t *testing.T, listings []directory.Listing) directorytest.SearchFunc {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("sqlite", dsn(filepath.Join(t.TempDir(), "fts.db"), ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE f USING fts5(id UNINDEXED, body, tokenize='unicode61 remove_diacritics 2')`); err != nil {
		t.Fatal(err)
	}
	for _, l := range listings {
		body := strings.Join(append(append([]string{l.Name, l.Organization, l.Description}, l.Services...), append(l.Keywords, l.Categories...)...), " ")
		if _, err := db.ExecContext(ctx, `INSERT INTO f VALUES (?, ?)`, l.ID, body); err != nil {
			t.Fatal(err)
		}
	}
	return func(q string, limit int) []string {
		var terms []string
		for _, w := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
		}) {
			terms = append(terms, `"`+w+`"*`)
		}
		if len(terms) == 0 {
			return nil
		}
		rows, err := db.QueryContext(ctx, `SELECT id FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT ?`, strings.Join(terms, " OR "), limit)
		if err != nil {
			t.Fatalf("FTS5 search %q: %v", q, err)
		}
		defer rows.Close()
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, id)
		}
		return ids
	}
}

// newFuzzyBaseline ranks listings with sahilm/fuzzy alone, over a line of
// each listing's name, organization and keywords.
func newFuzzyBaseline(listings []directory.Listing) directorytest.SearchFunc {
	lines := make([]string, len(listings))
	for i, l := range listings {
		lines[i] = strings.Join(append([]string{l.Name, l.Organization}, l.Keywords...), " ")
	}
	return func(q string, limit int) []string {
		var ids []string
		for _, m := range fuzzy.Find(q, lines) {
			if len(ids) == limit {
				break
			}
			ids = append(ids, listings[m.Index].ID)
		}
		return ids
	}
}
