package search

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	"nowrongdoor/directory"
)

// Building the index has two phases. Shards of the listings are tokenized
// in parallel, each with its own dictionary, into per-listing lists of
// terms and side-by-side pairs in shard-local numbers; hashing words is
// most of the work, and it is spread over every core. Then the shards are
// merged in order into the index: local numbers become global ones (one
// lookup per distinct word of a shard), and postings are laid out in one
// backing array after counting, so nothing is reallocated as lists grow.

// shard is the tokenized form of a run of listings.
type shard struct {
	first, end int32 // the listings [first, end)

	words  map[string]localWord // folded word -> its local stem
	stems  []string             // local stem -> stem
	byStem map[string]int32

	// For listing first+i, its terms are terms[termStart[i]:termStart[i+1]]
	// with weights; its pairs likewise in pairs and pairWeights.
	termStart, pairStart []int32
	terms, pairs         []int32 // pairs: two local stems packed by pairKey, then a global bigram
	pairKeys             []uint64
	weights, pairWeights []float32

	acc     []docWeight // local stem -> weights in the listing being read
	touched []int32
	seen    map[uint64]int32 // pair -> its place in pairs for the listing being read
	buf     []byte
	field   field
	prev    int32
}

type localWord struct {
	stem  int32
	short bool // seen in a short field: a candidate for prefix and typo matching
	stop  bool
}

type docWeight struct{ best, rest float32 }

// build tokenizes every listing into postings, bigrams and the vocabulary.
func (ix *Index) build() {
	n := len(ix.docs)
	workers := min(runtime.GOMAXPROCS(0), max(1, n/2000))
	shards := make([]*shard, workers)
	var wg sync.WaitGroup
	for w := range shards {
		sh := &shard{
			first:  int32(n * w / workers),
			end:    int32(n * (w + 1) / workers),
			words:  map[string]localWord{},
			byStem: map[string]int32{},
			seen:   map[uint64]int32{},
		}
		// Room for a typical listing's terms and pairs (about 60 and 40
		// in the default data), so the lists rarely grow and copy.
		docs := int(sh.end - sh.first)
		sh.terms = make([]int32, 0, docs*64)
		sh.weights = make([]float32, 0, docs*64)
		sh.pairKeys = make([]uint64, 0, docs*48)
		sh.pairWeights = make([]float32, 0, docs*48)
		sh.termStart = make([]int32, 0, docs+1)
		sh.pairStart = make([]int32, 0, docs+1)
		shards[w] = sh
		wg.Go(func() {
			for d := sh.first; d < sh.end; d++ {
				sh.addDoc(&ix.docs[d])
			}
			sh.termStart = append(sh.termStart, int32(len(sh.terms)))
			sh.pairStart = append(sh.pairStart, int32(len(sh.pairKeys)))
		})
	}
	wg.Wait()
	ix.merge(shards)
}

func (sh *shard) addDoc(l *directory.Listing) {
	sh.termStart = append(sh.termStart, int32(len(sh.terms)))
	sh.pairStart = append(sh.pairStart, int32(len(sh.pairKeys)))
	sh.addText(fieldName, l.Name)
	for _, k := range l.Keywords {
		sh.addText(fieldKeywords, k)
	}
	for _, s := range l.Services {
		sh.addText(fieldServices, s)
	}
	sh.addText(fieldOrganization, l.Organization)
	for _, c := range l.Categories {
		sh.addText(fieldCategories, c)
	}
	sh.addText(fieldDescription, l.Description)
	for _, t := range sh.touched {
		w := sh.acc[t]
		sh.terms = append(sh.terms, t)
		sh.weights = append(sh.weights, w.best+restWeight*w.rest/(w.rest+restK))
		sh.acc[t] = docWeight{}
	}
	sh.touched = sh.touched[:0]
	clear(sh.seen)
}

// addText reads one phrase (a name, a keyword, a service) of the listing.
func (sh *shard) addText(f field, text string) {
	sh.field, sh.prev = f, -1
	sh.buf = scanWords(text, sh.buf, sh.addWord)
}

func (sh *shard) addWord(word []byte) {
	lw, ok := sh.words[string(word)]
	short := sh.field != fieldDescription
	if !ok || (short && !lw.short) {
		if !ok {
			w := string(word)
			lw = localWord{stem: sh.stem(stem(w)), stop: stopwords[w]}
		}
		lw.short = lw.short || short
		sh.words[string(word)] = lw
	}
	t := lw.stem
	w := fieldWeight[sh.field]
	acc := &sh.acc[t]
	if *acc == (docWeight{}) {
		sh.touched = append(sh.touched, t)
	}
	if w > acc.best {
		acc.rest += acc.best
		acc.best = w
	} else {
		acc.rest += w
	}
	// Stop words are skipped in pairs: "food for seniors" pairs "food"
	// with "senior", as the query "senior food" does. Pairs are kept for
	// names, customer words and services, where phrases mean something.
	if sh.field <= fieldServices && !lw.stop {
		if sh.prev >= 0 {
			sh.addPair(pairKey(sh.prev, t), w)
		}
		sh.prev = t
	}
}

func (sh *shard) stem(s string) int32 {
	if t, ok := sh.byStem[s]; ok {
		return t
	}
	t := int32(len(sh.stems))
	sh.byStem[s] = t
	sh.stems = append(sh.stems, s)
	sh.acc = append(sh.acc, docWeight{})
	return t
}

// addPair records that two stems stand side by side in the listing, once
// per listing with its best weight.
func (sh *shard) addPair(key uint64, w float32) {
	if i, ok := sh.seen[key]; ok {
		sh.pairWeights[i] = max(sh.pairWeights[i], w)
		return
	}
	sh.seen[key] = int32(len(sh.pairKeys))
	sh.pairKeys = append(sh.pairKeys, key)
	sh.pairWeights = append(sh.pairWeights, w)
}

func pairKey(a, c int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(c)) }

// bigramKey names a pair of global terms.
func bigramKey(a, c termID) uint64 { return pairKey(a, c) }

// merge lays the shards out as the index, in listing order.
func (ix *Index) merge(shards []*shard) {
	vocab := map[string]vocabWord{}
	global := make([][]termID, len(shards)) // shard, local stem -> term
	for si, sh := range shards {
		global[si] = make([]termID, len(sh.stems))
		for ls, st := range sh.stems {
			t, ok := ix.terms[st]
			if !ok {
				t = termID(len(ix.terms))
				ix.terms[st] = t
			}
			global[si][ls] = t
		}
		for w, lw := range sh.words {
			// Stop words are found only when typed whole: as completions
			// ("f" of "for") or corrections they are noise.
			if lw.short && !lw.stop {
				vocab[w] = vocabWord{w, sh.stems[lw.stem], global[si][lw.stem]}
			}
		}
	}
	// Count, then fill: every list gets its exact room in one array.
	df := make([]int32, len(ix.terms))
	for si, sh := range shards {
		for _, t := range sh.terms {
			df[global[si][t]]++
		}
	}
	ix.postings = carve(df)
	for si, sh := range shards {
		for i := range sh.end - sh.first {
			for j := sh.termStart[i]; j < sh.termStart[i+1]; j++ {
				t := global[si][sh.terms[j]]
				ix.postings[t] = append(ix.postings[t], posting{sh.first + i, sh.weights[j]})
			}
		}
	}
	ix.bigramID = map[uint64]int32{}
	var bf []int32
	for si, sh := range shards {
		sh.pairs = make([]int32, len(sh.pairKeys))
		for j, k := range sh.pairKeys {
			key := bigramKey(global[si][k>>32], global[si][uint32(k)])
			id, ok := ix.bigramID[key]
			if !ok {
				id = int32(len(bf))
				ix.bigramID[key] = id
				bf = append(bf, 0)
			}
			bf[id]++
			sh.pairs[j] = id
		}
	}
	ix.bigrams = carve(bf)
	for _, sh := range shards {
		for i := range sh.end - sh.first {
			for j := sh.pairStart[i]; j < sh.pairStart[i+1]; j++ {
				id := sh.pairs[j]
				ix.bigrams[id] = append(ix.bigrams[id], posting{sh.first + i, sh.pairWeights[j]})
			}
		}
	}
	for _, w := range ix.synonm.words {
		if _, ok := vocab[w]; !ok && !stopwords[w] {
			s := stem(w)
			t, ok := ix.terms[s]
			if !ok {
				t = -1
			}
			vocab[w] = vocabWord{w, s, t}
		}
	}
	ix.vocab = make([]vocabWord, 0, len(vocab))
	for _, v := range vocab {
		ix.vocab = append(ix.vocab, v)
	}
	slices.SortFunc(ix.vocab, func(a, b vocabWord) int { return strings.Compare(a.word, b.word) })
	for i, v := range ix.vocab {
		n := len(v.word)
		for len(ix.byLen) <= n {
			ix.byLen = append(ix.byLen, nil)
		}
		ix.byLen[n] = append(ix.byLen[n], int32(i))
	}
}

// carve returns empty lists with room for counts[i] postings each, all in
// one backing array.
func carve(counts []int32) [][]posting {
	total := 0
	for _, c := range counts {
		total += int(c)
	}
	backing := make([]posting, total)
	out := make([][]posting, len(counts))
	off := 0
	for i, c := range counts {
		out[i] = backing[off : off : off+int(c)]
		off += int(c)
	}
	return out
}
