package search

import (
	"container/heap"
	"math"
	"slices"
)

// A search turns the query into slots, one per thing the customer asked
// about. A slot is a word, or a phrase the synonym table knows ("food
// stamps"); its alternatives are the words as typed and, for a phrase, the
// other phrases of its group ("snap", "ebt"). A listing's score for a slot
// is its best alternative; its score for the query sums the slots, each
// weighted by how rare its matches are, and is scaled by how many of the
// slots the listing covers.

// qtoken is one word of an alternative, with the terms it may stand for.
type qtoken struct {
	cands []candidate
}

type alternative struct {
	tokens []qtoken
	factor float32 // 1 for the words as typed, less for a synonym
	// whole says the tokens must stand together in a listing, as a phrase:
	// "lost" in one keyword and "job" in another is not "lost my job".
	whole bool
}

type slot struct {
	alts []alternative
	// scale weighs the slot: 1, or less for weak words ("benefits") and
	// for the first letters of a word still being typed.
	scale float32
	// tentative marks a last word that says little yet (two letters, or a
	// stop word that may grow into a word: "la" of "lawyer"). Listings
	// that match it rise; listings that do not are not held back.
	tentative bool
	// need, when set, makes the slot a need of the taxonomy the question
	// has: the listings that meet it match it fully, and it has no words.
	need *meaning
}

// Tuning of the ranking, measured against testdata/queries.json.
const (
	synonymFactor = 0.9
	// bigramBonus rewards words that stand side by side in a listing's
	// name, keyword or service as they did in the query.
	bigramBonus = 0.3
	// strongMatch is the slot score from which a match counts as a real
	// one when judging how rare a slot's matches are.
	strongMatch = 0.5
	// keepFraction drops the long tail: results scoring under this share of
	// the best one are noise at the desk.
	keepFraction = 0.2
	// inactiveFactor pushes listings that no longer serve anyone below
	// those that do, without hiding them from a search for their name.
	inactiveFactor = 0.3
	// weakFactor is the weight of a slot of weak words ("benefits") next
	// to one that names the need.
	weakFactor = 0.35
	// contextFactor is the weight of a slot of words that tell the story
	// around the need ("by Friday", "my mom").
	contextFactor = 0.2
	// shortTypingFactor weighs two letters of a last word still being
	// typed after others ("free la"): they narrow little yet.
	shortTypingFactor = 0.5
	// altBonus rewards a listing that matches several phrases of a synonym
	// group (SNAP, EBT and food stamps): it is about the thing itself, not
	// merely mentioning it. altBonusMax caps it.
	altBonus    = 0.1
	altBonusMax = 0.3
	// restWeight is how much a term's other occurrences in a listing add to
	// its best one, saturating as restK occurrences' worth is reached: a
	// listing that repeats a word is about it, but repeating it in every
	// keyword must not outrank having it in the name.
	restWeight = 0.3
	restK      = 1.0
	// needScale weighs a need of the taxonomy the question has against its
	// words: a need is the question's meaning, so it counts for more than
	// any one word.
	needScale = 2.0
	// needCover is how much of the question the listings of a need the
	// question has answer, at least, when the need is read from a phrase.
	needCover = 0.7
	// bayesNeedFactor weighs a need only the naive Bayes reading found
	// against one its patterns found.
	bayesNeedFactor = 0.5
	// maxCandidates bounds how many terms one typed word may expand to,
	// so a one-letter query stays within a frame at 100,000 listings.
	maxCandidates = 64
)

// Search returns up to limit listings that match what the customer said,
// best first. It forgives typos, word order, case and accents, matches
// the last word as a prefix while it is being typed, and knows customer
// words through the synonym table. An empty query returns none.
//
// When the query reads as someone in danger (the crisis safety rail), the
// crisis listings for it come first, marked Pinned, whatever else matched.
//
// A built index never fails; a loaded one that cannot read the store
// returns none, and Find says why.
func (ix *Index) Search(query string, limit int) []Result {
	out, err := ix.Find(query, limit)
	if err != nil {
		return nil
	}
	return out
}

// Find is Search with the error of a loaded index that could not read
// its store.
func (ix *Index) Find(query string, limit int) ([]Result, error) {
	if limit <= 0 || ix.n == 0 {
		return nil, nil
	}
	pins, then := ix.crisisPins(query)
	var ranked []hit
	if slots := ix.plan(query); len(slots) > 0 {
		sc := ix.getScorer()
		sc.run(ix, slots)
		ranked = sc.top(ix, limit+len(pins)+len(then))
		ix.scratch.Put(sc)
	}
	if err := ix.stored.failed(); err != nil {
		return nil, err
	}
	// The pins first, then the listings that also help, then the rest as
	// ranked; each listing once, with its score where it had one.
	out := make([]hit, 0, len(pins)+len(then)+len(ranked))
	for _, d := range pins {
		out = append(out, hit{doc: d})
	}
	for _, d := range then {
		out = append(out, hit{doc: d})
	}
	for _, r := range ranked {
		placed := false
		for i := range out[:len(pins)+len(then)] {
			if out[i].doc == r.doc {
				out[i].score, placed = r.score, true
			}
		}
		if !placed {
			out = append(out, r)
		}
	}
	out = out[:min(limit, len(out))]
	return ix.results(out, len(pins))
}

// results turns hits into results, the first pinned of them Pinned. A
// loaded index leaves out a listing its store can no longer read (a
// damaged row): the rest are still the answer.
func (ix *Index) results(hs []hit, pinned int) ([]Result, error) {
	if len(hs) == 0 {
		return nil, nil
	}
	docs := make([]int32, len(hs))
	for i, h := range hs {
		docs[i] = h.doc
	}
	ls, err := ix.listings(docs)
	if err != nil {
		return nil, err
	}
	out := make([]Result, 0, len(hs))
	for i, h := range hs {
		if ls[i] != nil {
			out = append(out, Result{Listing: ls[i], Score: math.Round(float64(h.score)*1000) / 1000, Pinned: i < pinned})
		}
	}
	return out, nil
}

// plan reduces a query to slots.
func (ix *Index) plan(query string) []slot {
	words, stems, partial, stopPrefix := queryWords(query)
	if split := ix.splitJoined(words, partial); len(split) != len(words) {
		words, stems = split, make([]string, len(split))
		for i, w := range words {
			stems[i] = stem(w)
		}
	}
	n := len(words)
	if n == 0 {
		return nil
	}
	cands := make([][]candidate, n)
	for i, w := range words {
		last := i == n-1
		cands[i] = ix.candidates(w, last && partial, last && stopPrefix)
		if len(cands[i]) > maxCandidates {
			cands[i] = cands[i][:maxCandidates]
		}
	}
	var slots []slot
	for i := 0; i < n; {
		length, phrase, q := ix.longestPhrase(words, stems, cands, i, partial)
		typed := alternative{factor: 1}
		for j := i; j < i+max(length, 1); j++ {
			typed.tokens = append(typed.tokens, qtoken{cands[j]})
		}
		s := slot{alts: []alternative{typed}, scale: 1}
		// A part of the question is as strong as its strongest word.
		s.scale = 0
		for j := i; j < i+max(length, 1); j++ {
			s.scale = max(s.scale, wordFactor(words[j]))
		}
		// A word still being typed after others may refine what the
		// finished words found, but must not overturn it until it is a
		// word in its own right.
		if partial && i == n-1 && n > 1 && length <= 1 && (len(words[i]) == 2 || stopPrefix || !ix.wholeWord(words[i], cands[i])) {
			s.scale = min(s.scale, shortTypingFactor)
			s.tentative = true
		}
		if length > 0 {
			for _, alt := range ix.synonm.alternatives(phrase) {
				a := alternative{factor: synonymFactor * q, whole: true}
				for _, st := range alt {
					term, ok := ix.term(st)
					if !ok {
						term = -1
					}
					a.tokens = append(a.tokens, qtoken{[]candidate{{term, st, qualityExact}}})
				}
				s.alts = append(s.alts, a)
			}
		}
		slots = append(slots, s)
		i += max(length, 1)
	}
	// Needs come after the words, so the side-by-side bonus between
	// neighbouring slots only ever pairs words.
	// A need lifts the listings that meet it but holds back none: a
	// listing an admin added is not in the taxonomy yet, and must still
	// be found by its words.
	// When several needs are read, the ones found by longer phrases are
	// what the customer asks; one word ("Enbridge", "IRS") may only say
	// whom it is about.
	needs := defaultNeeds().match(ix, query[:min(len(query), maxCrisisBytes)])
	longest := 0
	for _, m := range needs {
		longest = max(longest, min(m.span, maxSpan))
	}
	for _, m := range needs {
		scale := needScale * float32(min(m.span, maxSpan)) / float32(longest)
		slots = append(slots, slot{need: m.meaning, scale: scale, tentative: true})
	}
	// The naive Bayes reading adds the need it is sure of, when the
	// patterns did not find it, as a weaker voice.
	if m, ok := ix.bayesNeed(query); ok && !slices.ContainsFunc(needs, func(n meaningMatch) bool { return n.meaning == m }) {
		slots = append(slots, slot{need: m, scale: needScale * bayesNeedFactor, tentative: true})
	}
	return slots
}

// wordFactor is how much a word of the question says about the need: 1
// for most, less for a weak word ("benefits") and least for a word of
// context ("Friday", "my mom", "3").
func wordFactor(w string) float32 {
	switch {
	case contextwords[w] || isNumber(w):
		return contextFactor
	case weakwords[w]:
		return weakFactor
	}
	return 1
}

func isNumber(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// wholeWord reports whether a word being typed is already a word of the
// directory as it stands ("rent" of "rental"), not only the start of some.
func (ix *Index) wholeWord(word string, cands []candidate) bool {
	return len(word) >= 3 && len(cands) > 0 && cands[0].quality >= qualityExact
}

// longestPhrase finds the longest synonym-table phrase that starts at word
// i. Each word may be read as typed or as its best correction, and the last
// word, while it is being typed, as the start of the phrase's last word.
// It returns the phrase's length in words (0 if none), its stems, and how
// sure the reading is.
func (ix *Index) longestPhrase(words, stems []string, cands [][]candidate, i int, partial bool) (int, []string, float32) {
	n := len(words)
	for length := min(ix.synonm.maxLen, n-i); length >= 1; length-- {
		end := i + length
		options := make([][]candidate, length)
		for j := i; j < end; j++ {
			options[j-i] = readings(stems[j], cands[j])
		}
		// A phrase is completed from its first letters once they can say
		// something: two letters after a finished word ("child su"),
		// three for a phrase of one word.
		minTyped := 3
		if length > 1 {
			minTyped = 2
		}
		lastTyping := partial && end == n && len(words[end-1]) >= minTyped
		if phrase, q, ok := ix.matchPhrase(options, words[end-1], lastTyping); ok {
			return length, phrase, q
		}
	}
	return 0, nil, 0
}

// readings are the stems a typed word may be read as: itself, and its two
// best corrections when it is not a known word.
func readings(st string, cands []candidate) []candidate {
	out := []candidate{{stem: st, quality: qualityExact}}
	for _, c := range cands {
		if len(out) == 3 {
			break
		}
		if c.stem != st && c.quality >= qualityTypo2 {
			out = append(out, c)
		}
	}
	return out
}

// matchPhrase tries each combination of readings against the synonym table.
// With lastTyping, the last word also matches phrases whose last stem it
// begins.
func (ix *Index) matchPhrase(options [][]candidate, lastWord string, lastTyping bool) ([]string, float32, bool) {
	phrase := make([]string, len(options))
	var best []string
	var bestQ float32
	var walk func(j int, q float32)
	walk = func(j int, q float32) {
		if j == len(options)-1 {
			for _, o := range options[j] {
				phrase[j] = o.stem
				if ix.synonm.has(phrase) && q*o.quality > bestQ {
					best, bestQ = slices.Clone(phrase), q*o.quality
				}
			}
			if lastTyping {
				for _, p := range ix.synonm.completions(phrase[:j], lastWord) {
					pq := q * qualityPrefix
					if pq > bestQ {
						best, bestQ = p, pq
					}
				}
			}
			return
		}
		for _, o := range options[j] {
			phrase[j] = o.stem
			walk(j+1, q*o.quality)
		}
	}
	walk(0, 1)
	return best, bestQ, best != nil
}

// scorer holds the per-document arrays of one search, reused through a
// pool so a keystroke does not allocate megabytes at 100,000 listings.
// Each array is paired with the list of documents it has touched, so it is
// cleared in time proportional to the matches, not the directory.
type scorer struct {
	tok, alt, count, slot, extra, total, covered docScores
	sumWeight                                    float32
}

type docScores struct {
	v       []float32
	touched []int32
}

func (d *docScores) reset() {
	for _, i := range d.touched {
		d.v[i] = 0
	}
	d.touched = d.touched[:0]
}

func (d *docScores) add(i int32, x float32) {
	if x <= 0 {
		return
	}
	if d.v[i] == 0 {
		d.touched = append(d.touched, i)
	}
	d.v[i] += x
}

func (d *docScores) raise(i int32, x float32) {
	if x > d.v[i] {
		if d.v[i] == 0 {
			d.touched = append(d.touched, i)
		}
		d.v[i] = x
	}
}

func (ix *Index) getScorer() *scorer {
	if sc, ok := ix.scratch.Get().(*scorer); ok {
		return sc
	}
	n := ix.n
	mk := func() docScores { return docScores{v: make([]float32, n)} }
	return &scorer{tok: mk(), alt: mk(), count: mk(), slot: mk(), extra: mk(), total: mk(), covered: mk()}
}

// run scores every document for the slots into sc.total and sc.covered.
func (sc *scorer) run(ix *Index, slots []slot) {
	sc.total.reset()
	sc.covered.reset()
	sc.sumWeight = 0
	n := float64(ix.n)
	weights := make([]float32, len(slots))
	for si, s := range slots {
		// slot holds each listing's best alternative, extra the sum of all,
		// for the bonus of matching several.
		if s.need != nil {
			for _, p := range ix.needs[s.need.index] {
				sc.slot.raise(p.doc, p.weight)
			}
		}
		for _, a := range s.alts {
			sc.scoreAlternative(ix, a)
			for _, d := range sc.alt.touched {
				v := sc.alt.v[d] * a.factor
				sc.slot.raise(d, v)
				sc.extra.add(d, v)
			}
			sc.alt.reset()
		}
		for _, d := range sc.slot.touched {
			best := sc.slot.v[d]
			sc.slot.v[d] += min(altBonusMax, altBonus*(sc.extra.v[d]-best))
		}
		sc.extra.reset()
		df := 0
		for _, d := range sc.slot.touched {
			if sc.slot.v[d] >= strongMatch {
				df++
			}
		}
		// How rare the slot's matches are (BM25's idf): "marriage" says
		// more than "county".
		w := float32(math.Log(1 + n/float64(max(df, 1))))
		w *= s.scale
		weights[si] = w
		// A word nothing in the directory matches ("pagar") cannot tell
		// listings apart; it must not sink them all.
		if !s.tentative && len(sc.slot.touched) > 0 {
			sc.sumWeight += w
		}
		for _, d := range sc.slot.touched {
			if v := sc.slot.v[d]; v > 0 {
				sc.total.add(d, w*v)
				// A need covers its listings' share of the question without
				// being a share others fail to cover: a need read from a
				// phrase is what the whole question asks, however many
				// words of story came with it.
				switch {
				case s.need != nil:
					sc.covered.add(d, max(w, needCover*s.scale/needScale*sc.sumWeight)*v)
				case !s.tentative:
					sc.covered.add(d, w*v)
				}
			}
		}
		sc.slot.reset()
	}
	for si := 1; si < len(slots) && slots[si].need == nil; si++ {
		left, right := slots[si-1].alts[0].tokens, slots[si].alts[0].tokens
		w := (weights[si-1] + weights[si]) / 2
		ix.forBigram(left[len(left)-1], right[0], func(d int32, x float32) {
			if sc.total.v[d] > 0 {
				sc.total.add(d, bigramBonus*w*x)
			}
		})
	}
}

// scoreAlternative scores one alternative into sc.alt: the mean of its
// tokens' best matches, plus the side-by-side bonus inside it. A whole
// alternative counts only where its words stand together.
func (sc *scorer) scoreAlternative(ix *Index, a alternative) {
	k := float32(len(a.tokens))
	for _, t := range a.tokens {
		for _, c := range t.cands {
			if c.term < 0 {
				continue
			}
			for _, p := range ix.termPostings(c.term) {
				sc.tok.raise(p.doc, c.quality*p.weight)
			}
		}
		for _, d := range sc.tok.touched {
			sc.alt.add(d, sc.tok.v[d]/k)
		}
		sc.tok.reset()
	}
	for j := 1; j < len(a.tokens); j++ {
		ix.forBigram(a.tokens[j-1], a.tokens[j], func(d int32, x float32) {
			if sc.alt.v[d] > 0 {
				sc.alt.add(d, bigramBonus*x/(k-1))
				sc.count.add(d, 1)
			}
		})
	}
	if a.whole && k > 1 {
		for _, d := range sc.alt.touched {
			if sc.count.v[d] < k-1 {
				sc.alt.v[d] = 0 // stays in touched; reset clears it
			}
		}
	}
	sc.count.reset()
}

// forBigram calls fn for each document where the best readings of two
// tokens stand side by side, with the strength of that pairing.
func (ix *Index) forBigram(left, right qtoken, fn func(doc int32, x float32)) {
	l, r := bestTerm(left), bestTerm(right)
	if l.term < 0 || r.term < 0 {
		return
	}
	for _, p := range ix.bigram(l.term, r.term) {
		fn(p.doc, l.quality*r.quality*p.weight)
	}
}

func bestTerm(t qtoken) candidate {
	for _, c := range t.cands {
		if c.term >= 0 {
			return c
		}
	}
	return candidate{term: -1}
}

// hit is a scored document waiting in the top-k heap.
type hit struct {
	doc   int32
	score float32
}

// top returns the best limit matches, dropping the long tail.
// The best limit of all the documents, less those under the tail's
// threshold, are the best limit of those over it: the threshold only
// drops the lowest scores. So one pass over the matches does.
func (sc *scorer) top(ix *Index, limit int) []hit {
	var best float32
	h := &hits{ix: ix}
	for _, d := range sc.total.touched {
		s := sc.final(ix, d)
		best = max(best, s)
		if s <= 0 {
			continue
		}
		if h.Len() < limit {
			heap.Push(h, hit{d, s})
		} else if h.less(h.h[0], hit{d, s}) {
			h.h[0] = hit{d, s}
			heap.Fix(h, 0)
		}
	}
	if best <= 0 {
		return nil
	}
	for h.Len() > 0 && h.h[0].score < keepFraction*best {
		heap.Pop(h)
	}
	out := make([]hit, h.Len())
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(h).(hit)
	}
	return out
}

// final is a document's score for the whole query: its slot scores scaled
// by the share of the query it covers, so a listing that answers every
// part of the question outranks one that answers a part very well.
func (sc *scorer) final(ix *Index, d int32) float32 {
	coverage := min(1, sc.covered.v[d]/max(sc.sumWeight, 1e-9))
	s := sc.total.v[d] * coverage * coverage
	if ix.inactive[d] {
		s *= inactiveFactor
	}
	return s
}

// hits is a min-heap of the best results so far: worst on top, ties broken
// by name so results never shuffle between identical searches.
type hits struct {
	ix *Index
	h  []hit
}

func (h *hits) less(a, b hit) bool {
	if a.score != b.score {
		return a.score < b.score
	}
	return h.ix.rank[a.doc] > h.ix.rank[b.doc]
}

func (h *hits) Len() int           { return len(h.h) }
func (h *hits) Less(i, j int) bool { return h.less(h.h[i], h.h[j]) }
func (h *hits) Swap(i, j int)      { h.h[i], h.h[j] = h.h[j], h.h[i] }
func (h *hits) Push(x any)         { h.h = append(h.h, x.(hit)) }
func (h *hits) Pop() any {
	x := h.h[len(h.h)-1]
	h.h = h.h[:len(h.h)-1]
	return x
}
