package search_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
	"nowrongdoor/directory/search"
)

// memorySource keeps a frozen index as a store would, and counts what a
// loaded index reads from it.
type memorySource struct {
	f        *search.Frozen
	listings map[string]directory.Listing
	reads    int
	fail     error
}

func newMemorySource(t testing.TB, ls []directory.Listing) *memorySource {
	t.Helper()
	f, err := search.NewIndex(ls).Freeze()
	if err != nil {
		t.Fatal(err)
	}
	src := &memorySource{f: f, listings: map[string]directory.Listing{}}
	for _, l := range ls {
		src.listings[l.ID] = l
	}
	return src
}

func (m *memorySource) TermRecord(term int32) ([]byte, error) {
	m.reads++
	if m.fail != nil {
		return nil, m.fail
	}
	if term < 0 || int(term) >= len(m.f.Terms) {
		return nil, fmt.Errorf("no term %d", term)
	}
	return m.f.Terms[term], nil
}

func (m *memorySource) Listings(ids []string) ([]directory.Listing, error) {
	var out []directory.Listing
	for _, id := range ids {
		if l, ok := m.listings[id]; ok {
			out = append(out, l)
		}
	}
	return out, nil
}

func (m *memorySource) load(t testing.TB) *search.Index {
	t.Helper()
	ix, err := search.Load(m.f.Head, m)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// dump is everything a search says: ids, scores and pins, one per line.
func dump(rs []search.Result) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%s %.3f %v\n", r.Listing.ID, r.Score, r.Pinned)
	}
	return b.String()
}

// names lists listings' ids, in order.
func names(ls []*directory.Listing) string {
	var b strings.Builder
	for _, l := range ls {
		b.WriteString(l.ID + " ")
	}
	return b.String()
}

// everyQuery is every question of the query sets, each also typed a
// keystroke at a time, and single words and first letters.
func everyQuery(t testing.TB) []string {
	t.Helper()
	var qs []string
	for _, name := range []string{"queries.json", "desk_dev.json", "desk_test.json", "desk_holdout.json", "desk_holdout3.json"} {
		set, err := directorytest.LoadQuestions(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range set {
			qs = append(qs, q.Query)
		}
	}
	typed := []string{"help paying my power bill", "i need food stamps", "marriage licence"}
	for _, q := range typed {
		for k := 1; k <= len(q); k++ {
			qs = append(qs, q[:k])
		}
	}
	return append(qs, "f", "a", "z", "passport", "unemploymant", "foodbank", "property tax", "suicide", "xqzzy")
}

// A loaded index finds exactly what the index it was frozen from finds:
// the same listings, scores and pins, for every question the evaluation
// sets hold and for words as they are typed.
func TestLoadedIndexSearchesAsBuilt(t *testing.T) {
	base, built := searchDefaults(t)
	sets := []struct {
		name     string
		listings []directory.Listing
		built    *search.Index
	}{{"default", base, built}}
	if !testing.Short() {
		big := directorytest.Synthetic(base, 20000)
		sets = append(sets, struct {
			name     string
			listings []directory.Listing
			built    *search.Index
		}{"synthetic 20000", big, search.NewIndex(big)})
	}
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			src := newMemorySource(t, set.listings)
			loaded := src.load(t)
			queries := everyQuery(t)
			for _, q := range queries {
				want := dump(set.built.Search(q, 20))
				got, err := loaded.Find(q, 20)
				if err != nil {
					t.Fatalf("Find(%q): %v", q, err)
				}
				if dump(got) != want {
					t.Fatalf("Find(%q) on the loaded index:\n%s\nbuilt:\n%s", q, dump(got), want)
				}
			}
			for _, q := range []string{"my landlord says i have to leave", "i want to kill myself", "food stamps"} {
				if got, want := loaded.Needs(q), set.built.Needs(q); !slices.Equal(got, want) {
					t.Errorf("Needs(%q) = %v, built %v", q, got, want)
				}
				if got, want := loaded.Crisis(q), set.built.Crisis(q); !slices.Equal(got, want) {
					t.Errorf("Crisis(%q) = %v, built %v", q, got, want)
				}
			}
			if got, want := loaded.Categories(), set.built.Categories(); !slices.Equal(got, want) {
				t.Errorf("Categories() = %v, built %v", got, want)
			}
			for _, c := range set.built.Categories() {
				if got, want := names(loaded.InCategory(c.Name)), names(set.built.InCategory(c.Name)); got != want {
					t.Errorf("InCategory(%q) = %s, built %s", c.Name, got, want)
				}
			}
			t.Logf("%d queries; %d term records read of %d", len(queries), src.reads, len(src.f.Terms))
		})
	}
}

// A search reads only the records of the terms its words may stand for.
func TestLoadedIndexReadsOnlyWhatASearchNeeds(t *testing.T) {
	base, _ := searchDefaults(t)
	src := newMemorySource(t, base)
	ix := src.load(t)
	if src.reads != 0 {
		t.Fatalf("loading read %d term records; want none", src.reads)
	}
	rs, err := ix.Find("passport", 5)
	if err != nil || len(rs) == 0 {
		t.Fatalf("Find(passport) = %v, %v", rs, err)
	}
	if src.reads == 0 || src.reads > 10 {
		t.Errorf("a search for one word read %d of %d term records", src.reads, len(src.f.Terms))
	}
	before := src.reads
	again, _ := ix.Find("passport", 5)
	if src.reads != before {
		t.Errorf("the same search again read %d more records; records are kept once read", src.reads-before)
	}
	if again[0].Listing != rs[0].Listing {
		t.Error("the same search again gave another *Listing for the same listing; the window would redraw it")
	}
	if _, ok := ix.Summary(time.Now()); ok {
		t.Error("a loaded index, which holds no listings, summed them up")
	}
	if l, ok := ix.Listing(rs[0].Listing.ID); !ok || l.Name != rs[0].Listing.Name {
		t.Errorf("Listing(%q) = %v, %v", rs[0].Listing.ID, l, ok)
	}
}

// A store that cannot be read makes Find fail with its error, rather than
// answer as if the words matched nothing.
func TestLoadedIndexReportsAStoreThatFails(t *testing.T) {
	base, _ := searchDefaults(t)
	src := newMemorySource(t, base)
	ix := src.load(t)
	src.fail = errors.New("disk I/O error")
	rs, err := ix.Find("passport", 5)
	if !errors.Is(err, src.fail) || rs != nil {
		t.Fatalf("Find = %v, %v; want the store's error", rs, err)
	}
	if ix.Search("passport", 5) != nil {
		t.Error("Search answered from a store that failed")
	}
}

// A head of another layout or tables, or a damaged one, is refused, never
// read as an index.
func TestLoadRefusesOtherAndDamagedHeads(t *testing.T) {
	base, _ := searchDefaults(t)
	src := newMemorySource(t, base[:40])
	other := strings.Replace(string(src.f.Head), search.Format(), strings.Repeat("x", len(search.Format())), 1)
	if _, err := search.Load([]byte(other), src); !errors.Is(err, search.ErrFrozenFormat) {
		t.Errorf("Load of another format: %v; want ErrFrozenFormat", err)
	}
	for _, cut := range []int{1, 40, len(src.f.Head) / 2, len(src.f.Head) - 1} {
		if _, err := search.Load(src.f.Head[:cut], src); err == nil {
			t.Errorf("Load of the head cut at %d of %d bytes succeeded", cut, len(src.f.Head))
		}
	}
	// A damaged term record fails the search that reads it.
	for t2, rec := range src.f.Terms {
		if len(rec) > 4 {
			src.f.Terms[t2] = rec[:len(rec)-2]
		}
	}
	if _, err := src.load(t).Find("library", 5); err == nil {
		t.Error("a search over damaged term records succeeded")
	}
}

// A head damaged anywhere is refused or searched without a crash: a
// store's bytes are not trusted to index arrays. And a listing the store
// no longer gives is not found, rather than found as nothing.
func TestDamagedHeadNeverCrashes(t *testing.T) {
	base, _ := searchDefaults(t)
	src := newMemorySource(t, base[:60])
	rng := rand.New(rand.NewPCG(1, 2))
	for range 400 {
		head := slices.Clone(src.f.Head)
		head[rng.IntN(len(head))] ^= byte(1 + rng.IntN(255))
		ix, err := search.Load(head, src)
		if err != nil {
			continue
		}
		for _, q := range []string{"library", "f", "food stamps", "i want to end it all"} {
			ix.Find(q, 5)
		}
		for _, c := range ix.Categories() {
			ix.InCategory(c.Name)
		}
	}
	ix := src.load(t)
	id := base[0].ID
	delete(src.listings, id)
	if l, ok := ix.Listing(id); ok || l != nil {
		t.Errorf("Listing(%q) of a listing the store no longer gives = %v, %v; want nil, false", id, l, ok)
	}
}

// The frozen form of a fixed directory is fixed: when tokenizing, stemming,
// weighting or the layout change, this fails until storeLayout is bumped
// (so indexes already in stores are rebuilt) and the hash below updated.
func TestFrozenIndexIsUnchanged(t *testing.T) {
	ls := []directory.Listing{
		{ID: "a-food-bank", Name: "Westside Food Bank", Organization: "Utah Food Bank",
			Keywords: []string{"food stamps", "groceries"}, Services: []string{"Emergency food boxes"},
			Categories: []string{"Food"}, Description: "Boxes of food for families, weekly; not a shelter."},
		{ID: "b-licenses", Name: "Marriage Licenses", Organization: "Salt Lake County Clerk",
			Keywords: []string{"marriage license", "getting married"}, Categories: []string{"Records"},
			Description: "Marriage licenses for couples marrying in Utah.", Status: directory.StatusInactive},
		{ID: "c-tax", Name: "Property Tax Payments", Organization: "Salt Lake County Treasurer",
			Keywords: []string{"pay property taxes"}, Services: []string{"Tax relief for seniors"},
			Categories: []string{"Taxes", "Seniors"}, Description: "Pay or ask about property taxes."},
	}
	f, err := search.NewIndex(ls).Freeze()
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	h.Write(f.Head)
	for _, r := range f.Terms {
		h.Write(r)
	}
	const want = "de1ac5d17c59a2a0"
	if got := hex.EncodeToString(h.Sum(nil))[:16]; got != want {
		t.Errorf("the frozen index of three listings is %s, want %s: if what an index holds changed, bump storeLayout in persist.go (unless only the stop words or synonyms changed, which change Format themselves) and set want to the new value", got, want)
	}
}
