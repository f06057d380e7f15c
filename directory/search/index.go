package search

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"nowrongdoor/directory"
)

// Result is one listing a search found, with how well it matched. Scores
// compare results of one search; they mean nothing across searches.
type Result struct {
	Listing *directory.Listing
	Score   float64
	// Pinned marks a crisis listing put first because the query reads as
	// someone in danger (see the safety rail in crisis.go); the window shows
	// "If someone is in danger now: 911" above such results.
	Pinned bool
}

// CategoryCount is a category and how many listings are in it, for the
// window's start page.
type CategoryCount struct {
	Name  string
	Count int
}

// field is a part of a listing the index searches, and fieldWeight how much
// a match there says about the listing. Names and customer words say most;
// the description says little, because it mentions everything the agency
// does not do as well ("not a shelter; refer to ...").
type field uint8

const (
	fieldName field = iota
	fieldKeywords
	fieldServices
	fieldOrganization
	fieldCategories
	fieldDescription
	numFields
)

var fieldWeight = [numFields]float32{
	fieldName:         1.0,
	fieldKeywords:     1.0,
	fieldServices:     0.6,
	fieldOrganization: 0.5,
	fieldCategories:   0.5,
	fieldDescription:  0.3,
}

type termID = int32

// posting says that a document holds a term, and how strongly: the weight
// of the best field it is in, a little more when it is in several.
type posting struct {
	doc    int32
	weight float32
}

// vocabWord is a word as it appears in a listing's short fields or in the
// synonym table. Prefix, typo and subsequence matching run over these words
// only: over long text they would match almost anything.
type vocabWord struct {
	word string
	stem string
	term termID // the stem's term; -1 when no listing holds it
}

// Index is the in-memory search index over a snapshot of the directory. It
// is immutable once built and safe for concurrent use; after an edit the
// caller builds a new one.
type Index struct {
	docs []directory.Listing // the listings, in input order: doc i is docs[i]
	rank []int32             // doc -> its place in name order, to break ties
	// inactive says which documents serve no one now. Scoring reads it
	// for every match, and a listing's Status, on its own cache line of
	// a large struct, was a third of a one-letter search's time.
	inactive []bool
	docOf    map[string]int32 // listing id -> doc
	n        int              // how many documents
	// categories are the categories by name, each with its documents in
	// name order, for browsing.
	categories []categoryDocs

	// stored, when set, is where a loaded index reads what it keeps in the
	// store: docs, docOf, postings and bigrams are then empty, a term's
	// postings are read when a search first needs them, and a listing
	// when it is shown.
	stored *storedIndex

	terms    map[string]termID // stem -> term
	postings [][]posting       // term -> documents, ascending
	bigramID map[uint64]int32  // pair of terms -> bigram
	bigrams  [][]posting       // bigram -> documents, ascending

	vocab  []vocabWord // sorted by word, for prefix ranges
	byLen  [][]int32   // word length -> vocab positions, for typo scans
	synonm *synonymTable
	needs  [][]posting // need (by its place in the taxonomy) -> listings that meet it

	cache    sync.Map // matchKey -> []candidate: words repeat keystroke after keystroke
	cacheLen atomic.Int64
	scratch  sync.Pool // *scorer, reused between searches
}

// NewIndex builds the index over listings. The index keeps the slice (a
// statewide directory is too large to copy on every rebuild), so the caller
// must not modify it afterwards.
func NewIndex(listings []directory.Listing) *Index {
	ix := &Index{
		docs:   listings,
		n:      len(listings),
		docOf:  make(map[string]int32, len(listings)),
		terms:  map[string]termID{},
		synonm: defaultSynonyms,
	}
	ix.sortByName()
	ix.categories = ix.categoryDocs()
	ix.build()
	ix.needs = ix.needPostings(defaultNeeds())
	defaultCrisisRail() // read now, off the window's first search
	return ix
}

// sortByName orders the listings for browsing, case-insensitively, and
// records each one's place for tie-breaks.
func (ix *Index) sortByName() {
	keys := make([]string, len(ix.docs))
	order := make([]int32, len(ix.docs))
	ix.inactive = make([]bool, len(ix.docs))
	for i := range ix.docs {
		keys[i] = strings.ToLower(ix.docs[i].Name)
		order[i] = int32(i)
		ix.docOf[ix.docs[i].ID] = int32(i)
		ix.inactive[i] = ix.docs[i].Status == directory.StatusInactive
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(keys[a], keys[b]) })
	ix.rank = make([]int32, len(ix.docs))
	for place, d := range order {
		ix.rank[d] = int32(place)
	}
}

// bigram returns the documents where two terms stand side by side.
func (ix *Index) bigram(a, c termID) []posting {
	if ix.stored != nil {
		return ix.stored.bigram(a, c)
	}
	if id, ok := ix.bigramID[bigramKey(a, c)]; ok {
		return ix.bigrams[id]
	}
	return nil
}

// termPostings returns the documents that hold term t.
func (ix *Index) termPostings(t termID) []posting {
	if ix.stored != nil {
		return ix.stored.record(t).postings
	}
	return ix.postings[t]
}

// term returns the term of a stem, if some listing holds it.
func (ix *Index) term(stem string) (termID, bool) {
	if ix.stored != nil {
		return ix.stored.term(stem)
	}
	t, ok := ix.terms[stem]
	return t, ok
}

// doc returns the document of the listing with the given id.
func (ix *Index) doc(id string) (int32, bool) {
	if ix.stored != nil {
		return ix.stored.doc(id)
	}
	d, ok := ix.docOf[id]
	return d, ok
}

// Listing returns the listing with the given id. A loaded index reads it
// from the store; it reports false when the store cannot give it.
func (ix *Index) Listing(id string) (*directory.Listing, bool) {
	d, ok := ix.doc(id)
	if !ok {
		return nil, false
	}
	ls, err := ix.listings([]int32{d})
	if err != nil || ls[0] == nil {
		return nil, false
	}
	return ls[0], true
}

// listings returns the listings of docs, in the order of docs. A loaded
// index reads them from its store, and gives nil for one the store cannot
// give.
func (ix *Index) listings(docs []int32) ([]*directory.Listing, error) {
	if ix.stored != nil {
		return ix.stored.listings(docs)
	}
	out := make([]*directory.Listing, len(docs))
	for i, d := range docs {
		out[i] = &ix.docs[d]
	}
	return out, nil
}

// Categories returns every category with its number of listings, sorted by
// name.
func (ix *Index) Categories() []CategoryCount {
	out := make([]CategoryCount, len(ix.categories))
	for i, c := range ix.categories {
		out[i] = CategoryCount{c.name, len(c.docs)}
	}
	return out
}

// categoryDocs works out the categories of the listings by name, each
// with its documents in name order.
func (ix *Index) categoryDocs() []categoryDocs {
	byPlace := make([]int32, ix.n)
	for d, place := range ix.rank {
		byPlace[place] = int32(d)
	}
	byName := map[string][]int32{}
	for _, d := range byPlace {
		for _, c := range ix.docs[d].Categories {
			if docs := byName[c]; len(docs) == 0 || docs[len(docs)-1] != d {
				byName[c] = append(docs, d)
			}
		}
	}
	out := make([]categoryDocs, 0, len(byName))
	for name, docs := range byName {
		out = append(out, categoryDocs{name, docs})
	}
	slices.SortFunc(out, func(a, b categoryDocs) int { return strings.Compare(a.name, b.name) })
	return out
}

// InCategory returns the listings in a category, sorted by name. A loaded
// index reads them from its store, and returns none when it cannot.
func (ix *Index) InCategory(category string) []*directory.Listing {
	i, ok := slices.BinarySearchFunc(ix.categories, category, func(c categoryDocs, name string) int { return strings.Compare(c.name, name) })
	if !ok {
		return nil
	}
	ls, err := ix.listings(ix.categories[i].docs)
	if err != nil {
		return nil
	}
	return slices.DeleteFunc(ls, func(l *directory.Listing) bool { return l == nil })
}
