package search

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/sahilm/fuzzy"
)

// candidate is a term a typed word may stand for, and how sure the match
// is: 1 for the word itself or another form of it, less for a completion,
// a typo or a subsequence.
type candidate struct {
	term    termID // -1 for a synonym-table word no listing holds
	stem    string
	quality float32
}

// How much each kind of match is worth. A completed word beats a typo, and
// a typo beats a subsequence; a word still being typed is worth more the
// more of it there is.
const (
	qualityExact       = 1.0
	qualityTypo1       = 0.8
	qualityTypo2       = 0.6
	qualityPrefixTypo  = 0.55
	qualitySubsequence = 0.45
	// A word being typed is taken at nearly full strength whatever it may
	// grow into: favouring short completions ("pass" over "passport") kept
	// the right listing out of sight for letters longer.
	qualityPrefix = 0.9
	// A finished word that is only the start of a longer one ("immig") is
	// usually an abbreviation; while typing, it is the word to come.
	qualityPrefixFinished = 0.8
)

// matchKey names a cached candidate list: the word, and whether it was
// matched as a word still being typed.
type matchKey struct {
	word                string
	partial, prefixOnly bool
}

// maxCachedWords bounds the candidate cache; when it fills, it starts over.
const maxCachedWords = 4096

// candidates returns the terms word may stand for, best first. partial says
// the word may still be being typed, so completions count fully;
// prefixOnly, that only completions count (a stop word being typed).
func (ix *Index) candidates(word string, partial, prefixOnly bool) []candidate {
	key := matchKey{word, partial, prefixOnly}
	if c, ok := ix.cache.Load(key); ok {
		return c.([]candidate)
	}
	var c []candidate
	if prefixOnly {
		c = ix.prefixCandidates(word, partial, nil)
	} else {
		c = ix.findCandidates(word, partial)
	}
	if ix.cacheLen.Add(1) > maxCachedWords {
		ix.cache.Clear()
		ix.cacheLen.Store(0)
	}
	ix.cache.Store(key, c)
	return c
}

func (ix *Index) findCandidates(word string, partial bool) []candidate {
	var out []candidate
	st := stem(word)
	if t, ok := ix.term(st); ok {
		out = append(out, candidate{t, st, qualityExact})
	} else if ix.known(word) {
		// Words the synonym table knows but no listing holds are still
		// real words: they must not be "corrected" into something else.
		out = append(out, candidate{-1, st, qualityExact})
	}
	// A finished word that is a word in its own right is taken as it is:
	// "renta" is rent, not the start of "rental". One that is not may be
	// cut short ("immig").
	switch {
	case partial && len(out) > 0 && out[0].term < 0:
		// A customer word no listing holds, perhaps still being typed:
		// "renta" is rent, though it may yet become "rental".
		out = ix.prefixCandidates(word, false, out)
	case partial || len(word) >= 4 && len(out) == 0:
		out = ix.prefixCandidates(word, partial, out)
	}
	// A word that is known, or the start of known words, is taken as
	// typed: "pois" is the start of "poison", not a slip for "post".
	if len(out) == 0 && len(word) >= 4 {
		out = ix.typoCandidates(word, partial, out)
	}
	if len(out) == 0 && len(word) >= 3 {
		out = ix.subsequenceCandidates(word, out)
	}
	// Best first; among equals, the words more listings hold, so that when
	// a short prefix has more completions than a search may take, it keeps
	// the ones that matter to most listings.
	slices.SortStableFunc(out, func(a, b candidate) int {
		if c := cmp.Compare(b.quality, a.quality); c != 0 {
			return c
		}
		return cmp.Compare(ix.df(b.term), ix.df(a.term))
	})
	return out
}

// df returns how many listings hold a term (0 for none).
func (ix *Index) df(t termID) int {
	if t < 0 {
		return 0
	}
	if ix.stored != nil {
		return int(ix.stored.df[t])
	}
	return len(ix.postings[t])
}

// known reports whether word is in the vocabulary.
func (ix *Index) known(word string) bool {
	_, ok := slices.BinarySearchFunc(ix.vocab, word, func(v vocabWord, w string) int { return strings.Compare(v.word, w) })
	return ok
}

// addCandidate adds the vocabulary word v with quality q to out, or raises
// the quality of its stem when it is there already.
func addCandidate(out []candidate, v vocabWord, q float32) []candidate {
	for i := range out {
		if out[i].stem == v.stem {
			out[i].quality = max(out[i].quality, q)
			return out
		}
	}
	return append(out, candidate{v.term, v.stem, q})
}

// prefixCandidates adds the vocabulary words that word is the start of.
func (ix *Index) prefixCandidates(word string, partial bool, out []candidate) []candidate {
	lo, _ := slices.BinarySearchFunc(ix.vocab, word, func(v vocabWord, w string) int { return strings.Compare(v.word, w) })
	for i := lo; i < len(ix.vocab) && strings.HasPrefix(ix.vocab[i].word, word); i++ {
		v := ix.vocab[i]
		if v.word == word || v.term < 0 {
			continue
		}
		q := float32(qualityPrefix)
		if !partial {
			q *= qualityPrefixFinished
		}
		out = addCandidate(out, v, q)
	}
	return out
}

// typoCandidates adds the vocabulary words within a small edit distance of
// word: one edit for short words, two from eight letters, since a longer
// word survives more typos and still says what it is.
func (ix *Index) typoCandidates(word string, partial bool, out []candidate) []candidate {
	maxDist := 1
	if len(word) >= 8 {
		maxDist = 2
	}
	for n := len(word) - maxDist; n <= len(word)+maxDist; n++ {
		if n <= 0 || n >= len(ix.byLen) {
			continue
		}
		for _, vi := range ix.byLen[n] {
			v := ix.vocab[vi]
			switch d := typoDistance(word, v.word, maxDist); {
			case d > maxDist:
			case d <= 1:
				out = addCandidate(out, v, qualityTypo1)
			default:
				out = addCandidate(out, v, qualityTypo2)
			}
		}
	}
	// A misspelled word still being typed: "unemploym" is a start of
	// "unemployment" with one slip.
	if partial && len(word) >= 5 {
		for n := len(word) + 2; n < len(ix.byLen); n++ {
			for _, vi := range ix.byLen[n] {
				v := ix.vocab[vi]
				if v.word[0] != word[0] {
					continue
				}
				// The slip may have dropped or added a letter, so the
				// typed word is compared with starts one shorter and
				// one longer too: "marrag" is "marriag" less an "i".
				for l := len(word) - 1; l <= len(word)+1; l++ {
					if typoDistance(word, v.word[:l], 1) <= 1 {
						out = addCandidate(out, v, qualityPrefixTypo)
						break
					}
				}
			}
		}
	}
	return out
}

// vocabSource lets sahilm/fuzzy read a slice of the vocabulary.
type vocabSource []vocabWord

func (s vocabSource) String(i int) string { return s[i].word }
func (s vocabSource) Len() int            { return len(s) }

// subsequenceCandidates is the last resort for a word nothing else matched:
// the vocabulary words that contain its letters in order and start with
// the same letter, which is how staff abbreviate ("dept", "govt", "bldg")
// and how letters get dropped in a hurry ("unemplymnt").
func (ix *Index) subsequenceCandidates(word string, out []candidate) []candidate {
	first := word[:1]
	lo := sort.Search(len(ix.vocab), func(i int) bool { return ix.vocab[i].word >= first })
	hi := lo + sort.Search(len(ix.vocab)-lo, func(i int) bool { return !strings.HasPrefix(ix.vocab[lo+i].word, first) })
	same := vocabSource(ix.vocab[lo:hi])
	for _, m := range fuzzy.FindFromNoSort(word, same) {
		v := same[m.Index]
		if len(v.word) <= 3*len(word) {
			out = addCandidate(out, v, qualitySubsequence)
		}
	}
	return out
}

// typoDistance returns the optimal string alignment distance between a and
// b (insertions, deletions, substitutions and swaps of neighbours, the
// typing slips), or maxDist+1 as soon as it must exceed maxDist.
func typoDistance(a, b string, maxDist int) int {
	if d := len(a) - len(b); d > maxDist || -d > maxDist {
		return maxDist + 1
	}
	var buf [3][maxTokenBytes + 1]int
	prev2, prev, cur := buf[0][:len(b)+1], buf[1][:len(b)+1], buf[2][:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > maxDist {
			return maxDist + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], maxDist+1)
}

// splitJoined separates words typed without the space between them
// ("propertytax", "childsupport", "foodstamps"): a word the directory does
// not know that is two words it does know becomes those two. A last word
// still being typed is split only when no word starts with it, since it
// may be a word to come.
func (ix *Index) splitJoined(words []string, partial bool) []string {
	var out []string
	for i, w := range words {
		if len(w) >= 6 && !ix.known(w) && !(partial && i == len(words)-1 && ix.startsWord(w)) {
			if a, b, ok := ix.splitInTwo(w); ok {
				if out == nil {
					out = append(out, words[:i]...)
				}
				out = append(out, a, b)
				continue
			}
		}
		if out != nil {
			out = append(out, w)
		}
	}
	if out == nil {
		return words
	}
	return out
}

// splitInTwo finds the split of w into two known words of three letters or
// more that the directory says together ("property tax" in a listing, or
// "food stamps" in the synonym table), preferring the longest first word.
// Two words that merely exist are not enough: "carpet" is not a car and a
// pet.
func (ix *Index) splitInTwo(w string) (string, string, bool) {
	if _, ok := ix.term(stem(w)); ok {
		return "", "", false
	}
	for i := len(w) - 3; i >= 3; i-- {
		a, b := w[:i], w[i:]
		if ix.known(a) && ix.known(b) && ix.sayTogether(stem(a), stem(b)) {
			return a, b, true
		}
	}
	return "", "", false
}

// sayTogether reports whether two stems stand side by side in some listing
// or form a phrase of the synonym table.
func (ix *Index) sayTogether(a, b string) bool {
	if ix.synonm.has([]string{a, b}) {
		return true
	}
	ta, okA := ix.term(a)
	tb, okB := ix.term(b)
	return okA && okB && len(ix.bigram(ta, tb)) > 0
}

// startsWord reports whether some word of the vocabulary starts with w.
func (ix *Index) startsWord(w string) bool {
	i, _ := slices.BinarySearchFunc(ix.vocab, w, func(v vocabWord, w string) int { return strings.Compare(v.word, w) })
	return i < len(ix.vocab) && strings.HasPrefix(ix.vocab[i].word, w)
}
