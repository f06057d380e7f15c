package search

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"nowrongdoor/directory"
)

// A loaded index: its head decoded, and what it reads from its store as
// searches need it (see persist.go for the layout).

// storedIndex is what a loaded index keeps of its store.
type storedIndex struct {
	src      Source
	ids      []string // doc -> listing id
	idSorted bool     // ids ascend, as a store lists them: doc by binary search
	docOf    map[string]int32
	stems    []string // term -> stem
	byStem   []int32  // the terms in stem order
	df       []int32
	weights  []float32

	mu      sync.Mutex
	records map[termID]*termRecord
	err     error // the first read that failed
	// shown keeps the listings read for results, so that a listing found
	// again is the same *Listing: the window redraws a listing only when
	// it is another one. Bounded by maxShown.
	shown map[int32]*directory.Listing
}

// maxShown bounds the listings a loaded index keeps; when it fills, it
// starts over.
const maxShown = 4096

// categoryDocs is a category and its documents in name order.
type categoryDocs struct {
	name string
	docs []int32
}

// termRecord is a term's record as read: its postings, and the pairs it
// begins, each decoded when first asked for.
type termRecord struct {
	postings []posting
	raw      string
	pairs    map[termID][2]int // right term -> its postings' span in raw
	decoded  map[termID][]posting
}

// Load reads a frozen index's head and returns an index that reads the
// rest from src as searches need it. A head of another Format is
// ErrFrozenFormat.
func Load(head []byte, src Source) (*Index, error) {
	d := &decoder{s: string(head)}
	if !strings.HasPrefix(d.s, frozenMagic) {
		return nil, fmt.Errorf("load search index: %w", ErrFrozenFormat)
	}
	d.pos = len(frozenMagic)
	if d.str() != Format() {
		return nil, fmt.Errorf("load search index: %w", ErrFrozenFormat)
	}
	st := &storedIndex{src: src, records: map[termID]*termRecord{}}
	ix := &Index{stored: st, synonm: defaultSynonyms}
	ix.n = d.count()
	st.ids = make([]string, ix.n)
	for i := range st.ids {
		st.ids[i] = d.str()
	}
	ix.rank = make([]int32, ix.n)
	ix.inactive = make([]bool, ix.n)
	for i := range ix.n {
		ix.rank[i] = int32(d.uvarint())
		ix.inactive[i] = d.byte() == 1
	}
	nt := d.count()
	st.stems = make([]string, nt)
	st.df = make([]int32, nt)
	for t := range nt {
		st.stems[t] = d.str()
		st.df[t] = int32(d.uvarint())
	}
	st.byStem = make([]int32, nt)
	for i := range st.byStem {
		if st.byStem[i] = int32(d.uvarint()); st.byStem[i] < 0 || st.byStem[i] >= int32(nt) {
			d.err = errors.New("bad term")
		}
	}
	st.weights = make([]float32, d.count())
	for i := range st.weights {
		st.weights[i] = math.Float32frombits(d.uint32())
	}
	ix.vocab = make([]vocabWord, d.count())
	for i := range ix.vocab {
		if ix.vocab[i] = (vocabWord{word: d.str(), stem: d.str(), term: termID(d.uvarint()) - 1}); ix.vocab[i].term < -1 || ix.vocab[i].term >= termID(nt) {
			d.err = errors.New("bad term")
		}
	}
	ix.categories = make([]categoryDocs, d.count())
	for i := range ix.categories {
		c := &ix.categories[i]
		c.name = d.str()
		c.docs = make([]int32, d.count())
		for j := range c.docs {
			if c.docs[j] = int32(d.uvarint()); c.docs[j] < 0 || c.docs[j] >= int32(ix.n) {
				d.err = errors.New("bad document")
			}
		}
	}
	if d.err != nil || d.pos != len(d.s) {
		return nil, errors.New("load search index: the head is damaged")
	}
	st.idSorted = slices.IsSorted(st.ids)
	if !st.idSorted {
		st.docOf = make(map[string]int32, len(st.ids))
		for i, id := range st.ids {
			st.docOf[id] = int32(i)
		}
	}
	for i, v := range ix.vocab {
		for len(ix.byLen) <= len(v.word) {
			ix.byLen = append(ix.byLen, nil)
		}
		ix.byLen[len(v.word)] = append(ix.byLen[len(v.word)], int32(i))
	}
	ix.needs = ix.needPostings(defaultNeeds())
	defaultCrisisRail() // read now, as NewIndex does, off the window's first search
	return ix, nil
}

// failed returns the first read of the store that failed, if any.
func (st *storedIndex) failed() error {
	if st == nil {
		return nil
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.err
}

func (st *storedIndex) term(stem string) (termID, bool) {
	i, ok := slices.BinarySearchFunc(st.byStem, stem, func(t int32, s string) int { return strings.Compare(st.stems[t], s) })
	if !ok {
		return -1, false
	}
	return st.byStem[i], true
}

func (st *storedIndex) doc(id string) (int32, bool) {
	if !st.idSorted {
		d, ok := st.docOf[id]
		return d, ok
	}
	i, ok := slices.BinarySearch(st.ids, id)
	return int32(i), ok
}

// record returns term t's record, read from the store the first time. A
// read that fails is kept as the index's error, and the term matches
// nothing.
func (st *storedIndex) record(t termID) *termRecord {
	st.mu.Lock()
	defer st.mu.Unlock()
	if r, ok := st.records[t]; ok {
		return r
	}
	r := &termRecord{}
	st.records[t] = r
	raw, err := st.src.TermRecord(t)
	if err == nil {
		err = r.decode(raw, st.weights, int32(len(st.ids)))
	}
	if err != nil && st.err == nil {
		st.err = fmt.Errorf("search index: term %d: %w", t, err)
	}
	return r
}

func (r *termRecord) decode(raw []byte, weights []float32, docs int32) error {
	d := &decoder{s: string(raw)}
	r.postings = d.postings(weights, docs)
	n := d.count()
	r.pairs = make(map[termID][2]int, n)
	r.decoded = map[termID][]posting{}
	right := termID(0)
	for range n {
		right += termID(d.uvarint())
		size := d.count()
		r.pairs[right] = [2]int{d.pos, d.pos + size}
		d.pos += size
	}
	if d.err != nil || d.pos != len(d.s) {
		return errors.New("the record is damaged")
	}
	r.raw = d.s
	return nil
}

// bigram returns the documents where term a stands just before term c.
func (st *storedIndex) bigram(a, c termID) []posting {
	r := st.record(a)
	st.mu.Lock()
	defer st.mu.Unlock()
	if ps, ok := r.decoded[c]; ok {
		return ps
	}
	span, ok := r.pairs[c]
	if !ok {
		return nil
	}
	d := &decoder{s: r.raw[span[0]:span[1]]}
	ps := d.postings(st.weights, int32(len(st.ids)))
	if d.err != nil && st.err == nil {
		st.err = fmt.Errorf("search index: pair %d %d: the record is damaged", a, c)
	}
	r.decoded[c] = ps
	return ps
}

// listings reads the listings of docs from the store, in the order of
// docs; nil for one the store does not give. A listing read before is
// given again as it was read, without reading the store.
func (st *storedIndex) listings(docs []int32) ([]*directory.Listing, error) {
	out := make([]*directory.Listing, len(docs))
	var ids []string
	st.mu.Lock()
	for i, d := range docs {
		if l, ok := st.shown[d]; ok {
			out[i] = l
		} else {
			ids = append(ids, st.ids[d])
		}
	}
	st.mu.Unlock()
	if len(ids) == 0 {
		return out, nil
	}
	ls, err := st.src.Listings(ids)
	if err != nil {
		return nil, fmt.Errorf("search index: listings: %w", err)
	}
	byID := make(map[string]*directory.Listing, len(ls))
	for i := range ls {
		byID[ls[i].ID] = &ls[i]
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.shown == nil || len(st.shown)+len(ls) > maxShown {
		st.shown = map[int32]*directory.Listing{}
	}
	for i, d := range docs {
		if out[i] == nil {
			if l, ok := byID[st.ids[d]]; ok {
				out[i] = l
				st.shown[d] = l
			}
		}
	}
	return out, nil
}

// decoder reads what Freeze wrote. A read past the end sets err and
// returns zeros, so a damaged record is found by one check at its end.
type decoder struct {
	s   string
	pos int
	err error
}

func (d *decoder) uvarint() uint64 {
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if d.pos >= len(d.s) {
			d.err = errors.New("truncated")
			return 0
		}
		b := d.s[d.pos]
		d.pos++
		x |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return x
		}
	}
	d.err = errors.New("bad number")
	return 0
}

// count reads a length, bounded by what is left to read, so a damaged
// length cannot ask for a huge allocation.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.s)-d.pos) {
		d.err = errors.New("bad length")
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.count()
	s := d.s[d.pos : d.pos+n]
	d.pos += n
	return s
}

func (d *decoder) byte() byte {
	if d.pos >= len(d.s) {
		d.err = errors.New("truncated")
		return 0
	}
	d.pos++
	return d.s[d.pos-1]
}

func (d *decoder) uint32() uint32 {
	if d.pos+4 > len(d.s) {
		d.err = errors.New("truncated")
		return 0
	}
	s := d.s[d.pos : d.pos+4]
	d.pos += 4
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// postings reads a list of postings of documents below docs.
func (d *decoder) postings(weights []float32, docs int32) []posting {
	n := d.count()
	ps := make([]posting, n)
	doc := int32(0)
	for i := range ps {
		doc += int32(d.uvarint())
		w := d.uvarint()
		if w >= uint64(len(weights)) || doc < 0 || doc >= docs || d.err != nil {
			d.err = errors.New("bad posting")
			return nil
		}
		ps[i] = posting{doc, weights[w]}
	}
	return ps
}
