package search

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"nowrongdoor/directory"
)

// A built index can be frozen into bytes a store keeps beside the
// listings, and loaded from there by a later process instead of being
// built again: building it over a statewide directory takes seconds, and
// the command line answers one search per process. Loading reads only the
// head (the listings' ids, ranks and states, the terms and the
// vocabulary); each term's record (its postings and the pairs it begins)
// is read the first time a search needs that term, so a search touches
// the store in proportion to its words, not to the directory.

// storeLayout is the version of what Freeze writes. Bump it whenever the
// layout changes, or anything that decides what an index holds for the
// same listings (tokenizing, stemming, field weights): a store's index of
// another layout is then not used. TestFrozenIndexIsUnchanged fails until
// it is bumped.
const storeLayout = 2

const frozenMagic = "nowrongdoor search index\n"

// Format names the layout and the tables a frozen index was made with; a
// store keeps it beside the index and loads the index only for the same
// Format. It changes with storeLayout and with the stop words and the
// synonym table, whose words are part of the vocabulary.
var Format = sync.OnceValue(func() string {
	h := sha256.New()
	h.Write([]byte(stopwordsText))
	h.Write([]byte{0})
	h.Write([]byte(synonymsText))
	return strconv.Itoa(storeLayout) + "-" + hex.EncodeToString(h.Sum(nil)[:8])
})

// Frozen is an index laid out for a store. Head is read whole when the
// index is loaded; Terms[t] is the record of term t, its postings and the
// pairs it begins, read when a search first needs it.
type Frozen struct {
	Head  []byte
	Terms [][]byte
}

// Source is the store a loaded index reads from: the record of a term as
// Freeze wrote it, and the listings its results show. Both must read the
// one moment of the store the head was read at.
type Source interface {
	TermRecord(term int32) ([]byte, error)
	// Listings returns the listings with the given ids, in any order,
	// leaving out any it cannot read.
	Listings(ids []string) ([]directory.Listing, error)
}

// ErrFrozenFormat says a frozen index is not of this program's Format.
var ErrFrozenFormat = errors.New("the search index was saved by another version")

// Freeze lays out a built index for a store.
func (ix *Index) Freeze() (*Frozen, error) {
	if ix.stored != nil {
		return nil, errors.New("freeze: the index was loaded, not built")
	}
	// Weights take few values (sums of the field weights), so each is
	// written as its place in a table of them.
	palette := map[float32]uint64{}
	note := func(ps []posting) {
		var last float32 = -1
		for _, p := range ps {
			if p.weight != last {
				palette[p.weight] = 0
				last = p.weight
			}
		}
	}
	for _, ps := range ix.postings {
		note(ps)
	}
	for _, ps := range ix.bigrams {
		note(ps)
	}
	weights := make([]float32, 0, len(palette))
	for w := range palette {
		weights = append(weights, w)
	}
	slices.Sort(weights)
	for i, w := range weights {
		palette[w] = uint64(i)
	}

	stems := make([]string, len(ix.terms))
	for st, t := range ix.terms {
		stems[t] = st
	}
	byStem := make([]int32, len(stems))
	for i := range byStem {
		byStem[i] = int32(i)
	}
	slices.SortFunc(byStem, func(a, b int32) int { return strings.Compare(stems[a], stems[b]) })

	type pair struct{ right, id int32 }
	begins := make([][]pair, len(stems))
	for key, id := range ix.bigramID {
		left := int32(key >> 32)
		begins[left] = append(begins[left], pair{int32(uint32(key)), id})
	}

	f := &Frozen{Terms: make([][]byte, len(stems))}
	var buf []byte
	for t := range stems {
		rec := appendPostings(nil, ix.postings[t], palette)
		ps := begins[t]
		slices.SortFunc(ps, func(a, b pair) int { return int(a.right - b.right) })
		rec = binary.AppendUvarint(rec, uint64(len(ps)))
		prev := int32(0)
		for _, p := range ps {
			buf = appendPostings(buf[:0], ix.bigrams[p.id], palette)
			rec = binary.AppendUvarint(rec, uint64(p.right-prev))
			rec = binary.AppendUvarint(rec, uint64(len(buf)))
			rec = append(rec, buf...)
			prev = p.right
		}
		f.Terms[t] = rec
	}

	h := []byte(frozenMagic)
	h = appendString(h, Format())
	h = binary.AppendUvarint(h, uint64(ix.n))
	for i := range ix.docs {
		h = appendString(h, ix.docs[i].ID)
	}
	for i := range ix.docs {
		h = binary.AppendUvarint(h, uint64(ix.rank[i]))
		if ix.inactive[i] {
			h = append(h, 1)
		} else {
			h = append(h, 0)
		}
	}
	h = binary.AppendUvarint(h, uint64(len(stems)))
	for t, st := range stems {
		h = appendString(h, st)
		h = binary.AppendUvarint(h, uint64(len(ix.postings[t])))
	}
	for _, t := range byStem {
		h = binary.AppendUvarint(h, uint64(t))
	}
	h = binary.AppendUvarint(h, uint64(len(weights)))
	for _, w := range weights {
		h = binary.LittleEndian.AppendUint32(h, math.Float32bits(w))
	}
	h = binary.AppendUvarint(h, uint64(len(ix.vocab)))
	for _, v := range ix.vocab {
		h = appendString(h, v.word)
		h = appendString(h, v.stem)
		h = binary.AppendUvarint(h, uint64(v.term+1))
	}
	h = binary.AppendUvarint(h, uint64(len(ix.categories)))
	for _, c := range ix.categories {
		h = appendString(h, c.name)
		h = binary.AppendUvarint(h, uint64(len(c.docs)))
		for _, d := range c.docs {
			h = binary.AppendUvarint(h, uint64(d))
		}
	}
	f.Head = h
	return f, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendPostings writes a list as its length, then each document as the
// gap from the one before and its weight's place in the palette.
func appendPostings(b []byte, ps []posting, palette map[float32]uint64) []byte {
	b = binary.AppendUvarint(b, uint64(len(ps)))
	prev := int32(0)
	for _, p := range ps {
		b = binary.AppendUvarint(b, uint64(p.doc-prev))
		b = binary.AppendUvarint(b, palette[p.weight])
		prev = p.doc
	}
	return b
}
