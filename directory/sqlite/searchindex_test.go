package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/search"
)

// keepIndex builds the search index over the store's listings and keeps
// it, as the command line does after a search that found none kept.
func keepIndex(t *testing.T, s *Store) bool {
	t.Helper()
	ctx := context.Background()
	listings, version, err := s.SearchListings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f, err := search.NewIndex(listings).Freeze()
	if err != nil {
		t.Fatal(err)
	}
	saved, err := s.SaveSearchIndex(ctx, version, search.Format(), f.Head, f.Terms)
	if err != nil {
		t.Fatal(err)
	}
	return saved
}

// findKept searches the index the store keeps.
func findKept(t *testing.T, s *Store, query string) ([]search.Result, error) {
	t.Helper()
	kept, err := s.OpenSearchIndex(context.Background(), search.Format())
	if err != nil {
		return nil, err
	}
	defer kept.Close()
	ix, err := search.Load(kept.Head(), kept)
	if err != nil {
		t.Fatal(err)
	}
	return ix.Find(query, 5)
}

func resultLines(rs []search.Result) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%s %s %.3f %v\n", r.Listing.ID, r.Listing.Name, r.Score, r.Pinned)
	}
	return b.String()
}

// A kept index answers as one built over the listings, and only while the
// directory is as it was built from: every kind of change leaves it
// unused until it is kept again.
func TestSearchIndexKeptUntilTheDirectoryChanges(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	if _, err := s.SeedIfEmpty(ctx, defaultListings(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := findKept(t, s, "passport"); !errors.Is(err, ErrNoSearchIndex) {
		t.Fatalf("a new store's kept index: %v; want ErrNoSearchIndex", err)
	}
	if !keepIndex(t, s) {
		t.Fatal("the first index was not kept")
	}
	if !keepIndex(t, s) {
		t.Error("the store does not say it holds the index kept already")
	}
	listings, _, err := s.SearchListings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	built := search.NewIndex(listings)
	for _, q := range []string{"passport", "food stamps", "my landlord wants me out by friday", "i want to end it all", "marr"} {
		got, err := findKept(t, s, q)
		if err != nil {
			t.Fatalf("Find(%q) on the kept index: %v", q, err)
		}
		want, _ := built.Find(q, 5)
		if resultLines(got) != resultLines(want) {
			t.Errorf("Find(%q) on the kept index:\n%s\nbuilt:\n%s", q, resultLines(got), resultLines(want))
		}
	}

	id := listings[0].ID
	changes := []struct {
		name   string
		change func() error
	}{
		{"an edit", func() error {
			l, err := s.Load(ctx, id)
			if err != nil {
				return err
			}
			base := l.UpdatedAt
			l.Name += " (renamed)"
			_, _, err = s.Save(ctx, l, base, "Ana")
			return err
		}},
		{"a verification", func() error { _, err := s.MarkVerified(ctx, id, "Ana"); return err }},
		{"an archive", func() error { return s.Archive(ctx, id, "Ana") }},
		{"an import", func() error {
			_, err := s.Import(ctx, []directory.Listing{sample("zz-new", "Sample Zz")}, ImportOptions{Actor: "Ana"})
			return err
		}},
	}
	for _, c := range changes {
		_, before, err := s.SearchListings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.change(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if _, err := findKept(t, s, "passport"); !errors.Is(err, ErrNoSearchIndex) {
			t.Errorf("after %s the kept index was still used: %v", c.name, err)
		}
		// An index built before the change is not kept after it.
		f, _ := search.NewIndex(listings).Freeze()
		if saved, err := s.SaveSearchIndex(ctx, before, search.Format(), f.Head, f.Terms); saved || err != nil {
			t.Errorf("after %s an index of before it was kept: %v, %v", c.name, saved, err)
		}
		if !keepIndex(t, s) {
			t.Errorf("after %s the new index was not kept", c.name)
		}
	}
	if rs, err := findKept(t, s, "sample zz"); err != nil || len(rs) == 0 || rs[0].Listing.ID != "zz-new" {
		t.Errorf("the index kept after the import finds %v, %v; want zz-new first", rs, err)
	}
	// Another release's index is not read.
	if _, err := s.OpenSearchIndex(ctx, "0-other"); !errors.Is(err, ErrNoSearchIndex) {
		t.Errorf("an index of another format was opened: %v", err)
	}
}

// A kept index reads one moment of the store: a change written while it
// is open does not show in its terms or its results.
func TestSearchIndexReadsOneMoment(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	if _, err := s.Import(ctx, []directory.Listing{sample("a-one", "Passport Office"), sample("b-two", "Tax Office")}, ImportOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	keepIndex(t, s)
	kept, err := s.OpenSearchIndex(ctx, search.Format())
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Close()
	ix, err := search.Load(kept.Head(), kept)
	if err != nil {
		t.Fatal(err)
	}
	renamed := sample("a-one", "Renamed Office")
	if _, err := s.Import(ctx, []directory.Listing{renamed}, ImportOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	keepIndex(t, s) // replaces the rows the open index reads
	rs, err := ix.Find("passport", 5)
	if err != nil || len(rs) == 0 || rs[0].Listing.Name != "Passport Office" {
		t.Fatalf("Find(passport) on the index opened before the change = %v, %v", rs, err)
	}
}

// A restored backup is another directory, even when its number of events
// matches the file it replaces: the index kept in the backup is not used.
func TestSearchIndexNotUsedAfterRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "nowrongdoor.db")
	seededAt(t, path)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	keepIndex(t, s)
	backup := filepath.Join(dir, "backup.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Restore(ctx, path, backup, time.Now(), "Ana"); err != nil {
		t.Fatal(err)
	}
	s = openStoreAt(t, path)
	if _, err := findKept(t, s, "passport"); !errors.Is(err, ErrNoSearchIndex) {
		t.Errorf("the restored backup's index was used: %v", err)
	}
}

// A change made outside the program, straight to the rows, drops the kept
// index too when it changes what the index holds; a phone number does not.
func TestSearchIndexDroppedByChangesOutsideTheProgram(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		stmt    string
		dropped bool
	}{
		{`UPDATE service SET name = 'Renamed' WHERE listing_id = 'a-one'`, true},
		{`UPDATE service SET keywords = '["visa"]' WHERE listing_id = 'a-one'`, true},
		{`UPDATE service SET status = 'inactive' WHERE listing_id = 'a-one'`, true},
		{`UPDATE organization SET name = 'Another Org'`, true},
		{`DELETE FROM service WHERE listing_id = 'b-two'`, true},
		{`UPDATE phone SET number = '801-555-0100'`, false},
		{`UPDATE service SET verified_on = '2026-11-30' WHERE listing_id = 'a-one'`, false},
	} {
		s := openStore(t)
		if _, err := s.Import(ctx, []directory.Listing{sample("a-one", "Passport Office"), sample("b-two", "Tax Office")}, ImportOptions{Actor: "test"}); err != nil {
			t.Fatal(err)
		}
		keepIndex(t, s)
		if _, err := s.db.ExecContext(ctx, c.stmt); err != nil {
			t.Fatalf("%s: %v", c.stmt, err)
		}
		_, err := findKept(t, s, "passport")
		if dropped := errors.Is(err, ErrNoSearchIndex); dropped != c.dropped {
			t.Errorf("after %s the kept index dropped = %v (%v), want %v", c.stmt, dropped, err, c.dropped)
		}
	}
}

// A term read on its own is read only from the index it was asked of:
// once the directory changes, the window's index reads nothing more.
func TestSearchTermOfAnIndexReplaced(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	if _, err := s.Import(ctx, []directory.Listing{sample("a-one", "Passport Office")}, ImportOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	keepIndex(t, s)
	head, version, err := s.SearchIndexHead(ctx, search.Format())
	if err != nil || len(head) == 0 {
		t.Fatalf("SearchIndexHead = %d bytes, %v", len(head), err)
	}
	if rec, err := s.SearchTerm(ctx, search.Format(), version, 0); err != nil || len(rec) == 0 {
		t.Fatalf("SearchTerm(0) = %v, %v", rec, err)
	}
	if _, err := s.Import(ctx, []directory.Listing{sample("b-two", "Tax Office")}, ImportOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	keepIndex(t, s)
	if _, err := s.SearchTerm(ctx, search.Format(), version, 0); !errors.Is(err, ErrNoSearchIndex) {
		t.Errorf("SearchTerm of the replaced index: %v; want ErrNoSearchIndex", err)
	}
}
