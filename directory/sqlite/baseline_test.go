package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"nowrongdoor/directory/directorytest"
)

// BenchmarkBaselineFTS5 is the anchor the in-memory search is measured
// against in the same run: SQLite FTS5 ranking by bm25 over all the text of
// 100,000 listings, every word a prefix term, for the queries of
// directory's BenchmarkSearch. It is the design the search replaced: it
// knows no typos and no customer words.
func BenchmarkBaselineFTS5(b *testing.B) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", dsn(filepath.Join(b.TempDir(), "fts.db"), ""))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE f USING fts5(id UNINDEXED, body, tokenize='unicode61 remove_diacritics 2')`); err != nil {
		b.Fatal(err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, l := range directorytest.Synthetic(defaultListings(b), 100000) {
		body := strings.Join(append(append([]string{l.Name, l.Organization, l.Description}, l.Services...), append(l.Keywords, l.Categories...)...), " ")
		if _, err := tx.ExecContext(ctx, `INSERT INTO f VALUES (?, ?)`, l.ID, body); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	for _, q := range []struct{ name, query string }{
		{"1-letter", "f"}, {"4-letter", "marr"}, {"three-words", "pay property taxes"}, {"misspelled", "unemploymant"},
	} {
		var terms []string
		for _, w := range strings.Fields(q.query) {
			terms = append(terms, `"`+w+`"*`)
		}
		match := strings.Join(terms, " OR ")
		b.Run("listings=100000/"+q.name, func(b *testing.B) {
			for b.Loop() {
				rows, err := db.QueryContext(ctx, `SELECT id FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT 20`, match)
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
				}
				rows.Close()
			}
		})
	}
}
