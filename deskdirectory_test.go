package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nowrongdoor/data"
	"nowrongdoor/directory/jsonfile"
	"nowrongdoor/directory/search"
	"nowrongdoor/directory/sqlite"
)

// The window's directory searches the index the store keeps and shows
// whole listings read from the store; without a kept index it builds one
// and keeps it for the next desk.
func TestWindowDirectory(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "nowrongdoor.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	ls := &liveStore{s: s}
	defer ls.close()
	listings, err := jsonfile.ParseListings(bytes.NewReader(data.Agencies))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SeedIfEmpty(ctx, listings); err != nil {
		t.Fatal(err)
	}
	if _, err := s.OpenSearchIndex(ctx, search.Format()); !errors.Is(err, sqlite.ErrNoSearchIndex) {
		t.Fatalf("a new database keeps an index: %v", err)
	}
	dir, err := ls.Directory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	kept, err := s.OpenSearchIndex(ctx, search.Format())
	if err != nil {
		t.Fatalf("the window did not keep the index it built: %v", err)
	}
	kept.Close()

	rs := dir.Search("passport", 5)
	if len(rs) == 0 || rs[0].Listing.ID != "slco-clerk-passports" {
		t.Fatalf("Search(passport) = %v", rs)
	}
	whole, err := s.Load(ctx, "slco-clerk-passports")
	if err != nil {
		t.Fatal(err)
	}
	if got := rs[0].Listing; got.Documents != whole.Documents || got.Address != whole.Address || len(got.Schedules) != len(whole.Schedules) {
		t.Errorf("the result is not the whole listing: %+v", got)
	}
	cats := dir.Categories()
	if len(cats) == 0 {
		t.Fatal("no categories")
	}
	in := dir.InCategory(cats[0].Name)
	if len(in) != cats[0].Count || in[0].UpdatedAt.IsZero() {
		t.Errorf("InCategory(%q) = %d listings, want %d whole ones", cats[0].Name, len(in), cats[0].Count)
	}
	if l, ok := dir.Listing("slco-clerk-passports"); !ok || l != rs[0].Listing {
		t.Errorf("Listing(slco-clerk-passports) = %v, %v; want the result on show", l, ok)
	}
	now := time.Now()
	sum, ok := dir.(interface {
		Summary(time.Time) (search.Summary, bool)
	}).Summary(now)
	want, err := s.Summary(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	if !ok || sum.Listings != want.Listings || sum.Listings != 210 || sum.Verified != want.Verified || !sum.Updated.Equal(want.Updated) {
		t.Errorf("Summary = %+v, want %+v", sum, want)
	}
	// A second desk loads what the first kept.
	again, err := ls.Directory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rs2 := again.Search("passport", 5); len(rs2) != len(rs) || rs2[0].Listing.ID != rs[0].Listing.ID {
		t.Errorf("the kept index found %v, the built one %v", rs2, rs)
	}
}

// The window opens on a database whose kept index cannot be read, and
// keeps a sound one again.
func TestWindowDirectoryBuildsAgainADamagedIndex(t *testing.T) {
	path := seededDB(t) // keeps the index
	sqlExec(t, path, `UPDATE search_index SET head = x'00'`)
	c := &cli{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}
	ls, dir, err := c.loadDirectory(context.Background(), path)
	if err != nil {
		t.Fatalf("the window did not open on a damaged index: %v", err)
	}
	defer ls.close()
	if rs := dir.Search("passport", 3); len(rs) == 0 || rs[0].Listing.ID != "slco-clerk-passports" {
		t.Errorf("Search(passport) = %v", rs)
	}
	if err := keptIndexFinds(t, path, "passport"); err != nil {
		t.Errorf("no sound index is kept again: %v", err)
	}
}
