package sqlite

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"nowrongdoor/directory/search"
)

// TestDecodeStrings checks the fast list-column reader against
// encoding/json on the shapes jsonArray writes, escapes included.
func TestDecodeStrings(t *testing.T) {
	for _, list := range [][]string{
		{}, {""}, {"a"}, {"Marriage license", "licencia de matrimonio"},
		{`say "hi"`, `back\slash`, "tab\there", "<b>&amp;</b>", "año", "🙂"},
		{"a,b", "[x]", `","`},
	} {
		src, err := jsonArray(list)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeStrings(src)
		if err != nil || !slices.Equal(got, list) {
			t.Errorf("decodeStrings(%s) = %q, %v, want %q", src, got, err, list)
		}
	}
	for _, bad := range []string{``, `[`, `["a"`, `["a",1]`, `["a" "b"]`, `{"a":1}`, `null`} {
		if got, err := decodeStrings(bad); err == nil && bad != `null` {
			t.Errorf("decodeStrings(%s) = %q, want an error", bad, got)
		}
	}
}

// FuzzDecodeStrings: whatever the column holds, the fast reader agrees
// with encoding/json or reports an error; it never panics.
func FuzzDecodeStrings(f *testing.F) {
	f.Add(`["a","b"]`)
	f.Add(`[]`)
	f.Add(`["x\"y"]`)
	f.Fuzz(func(t *testing.T, src string) {
		got, err := decodeStrings(src)
		if err != nil {
			return
		}
		var want []string
		if json.Unmarshal([]byte(src), &want) == nil && !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("decodeStrings(%s) = %q, encoding/json says %q", src, got, want)
		}
	})
}

// TestSearchListingsRankLikeListings: the command line searches the lean
// load; it must rank exactly as the window does over whole listings.
func TestSearchListingsRankLikeListings(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	if _, err := s.SeedIfEmpty(ctx, defaultListings(t)); err != nil {
		t.Fatal(err)
	}
	whole, err := s.Listings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	lean, _, err := s.SearchListings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(lean) != len(whole) {
		t.Fatalf("SearchListings() = %d listings, Listings() = %d", len(lean), len(whole))
	}
	wholeIx, leanIx := search.NewIndex(whole), search.NewIndex(lean)
	for _, q := range []string{"passport", "food stamps", "marrage licence", "my landlord is kicking me out", "pa", "library"} {
		a, b := wholeIx.Search(q, 10), leanIx.Search(q, 10)
		if len(a) != len(b) {
			t.Fatalf("Search(%q): %d results over SearchListings, %d over Listings", q, len(b), len(a))
		}
		for i := range a {
			if a[i].Listing.ID != b[i].Listing.ID || a[i].Score != b[i].Score {
				t.Errorf("Search(%q)[%d] = %s %v over SearchListings, %s %v over Listings", q, i,
					b[i].Listing.ID, b[i].Score, a[i].Listing.ID, a[i].Score)
			}
		}
	}
	for i := range lean {
		if lean[i].ID != whole[i].ID || lean[i].Name != whole[i].Name || !slices.Equal(lean[i].Phones, whole[i].Phones) {
			t.Errorf("SearchListings()[%d] = %q %q, Listings()[%d] = %q %q", i, lean[i].ID, lean[i].Name, i, whole[i].ID, whole[i].Name)
		}
	}
}
