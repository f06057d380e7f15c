package search

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// A meaning table recognizes what a question means, whatever its words:
// "scared to go home" is danger at home, "my landlord says I have to leave
// by Friday" is an eviction. Each meaning is a list of patterns over folded
// words (see the top of crisis.txt for the language), and names the
// listings that answer it. The crisis safety rail (crisis.txt) and the
// needs taxonomy (needs/) are meaning tables.
//
// A pattern is a regular expression over the question's words. Running all
// of them on every keystroke would cost milliseconds, so each pattern is
// filed under anchor words, one of which any question it matches must hold
// (for "( scared | afraid ) .. home", the words "scared" and "afraid"), and
// a question runs only the patterns filed under its words.

// meaning is one thing a question may mean, with the listings that
// answer it, best first, and the patterns that say it.
type meaning struct {
	name  string
	index int // its place in the table
	pins  []string
	// then are listings that also help, after the pins: written after
	// a "|" on the header line.
	then []string
}

// pattern is one line of a meaning, compiled when a question first needs
// it: most patterns are never run in a session.
type pattern struct {
	meaning int
	source  string
	// required are anchor sets a question must hold a word of each of
	// before the expression is worth running.
	required []*anchors
	once     sync.Once
	re       *regexp.Regexp
}

func (p *pattern) regexp() *regexp.Regexp {
	p.once.Do(func() { p.re = regexp.MustCompile(p.expression()) })
	return p.re
}

// expression is the regular expression of the pattern: its words from the
// start of one.
func (p *pattern) expression() string { return `(?:^| )(?:` + p.source + `)` }

// meaningTable is a list of meanings, in the order of its file.
type meaningTable struct {
	meanings []meaning
	patterns []*pattern
	// byWord and byStart file patterns under their anchors: a word, or
	// the start of a word ("suicid*"). always holds patterns without one.
	byWord, byStart map[string][]int32
	always          []int32
	maxStart        int // the longest start filed
	// words are the patterns' own words of five letters or more, which a
	// slip of the keyboard may reach ("hopless" is "hopeless").
	words []string
}

// anchors is the set of words (or starts of words) a question must hold
// one of for a piece of a pattern to match; nil means the piece may match
// without any word of its own (it is optional, or a gap).
type anchors struct {
	words, starts []string
}

// cost is how often a question may hold one of the anchors: a word a
// question says all the time ("my", "have") files the pattern where most
// questions look.
func (a *anchors) cost() int {
	n := len(a.words) + len(a.starts)
	for _, w := range a.words {
		if stopwords[w] || contextwords[w] {
			n += 50
		}
	}
	for _, s := range a.starts {
		if len(s) < 3 {
			n += 50
		}
	}
	return n
}

func union(a, b *anchors) *anchors {
	if a == nil || b == nil {
		return nil
	}
	return &anchors{words: append(append([]string(nil), a.words...), b.words...), starts: append(append([]string(nil), a.starts...), b.starts...)}
}

// compiled is a parsed piece of a pattern: its regular expression and its
// anchors.
type compiled struct {
	re      string
	anchors *anchors
	// all are the anchors of every item a sequence cannot match without:
	// a question must hold one word of each.
	all []*anchors
}

// mustParseMeanings parses an embedded meaning table; the tests parse
// every one, so a broken file never ships.
func mustParseMeanings(name, text string) *meaningTable {
	r, err := parseMeanings(text)
	if err != nil {
		panic("directory: " + name + ": " + err.Error())
	}
	return r
}

// parseMeanings reads the format described at the top of crisis.txt.
func parseMeanings(text string) (*meaningTable, error) {
	t := &meaningTable{byWord: map[string][]int32{}, byStart: map[string][]int32{}}
	defines := map[string]compiled{}
	seenWord := map[string]bool{}
	for n, line := range strings.Split(text, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "define "):
			name, body, ok := strings.Cut(strings.TrimPrefix(line, "define "), "=")
			if !ok {
				return nil, fmt.Errorf("line %d: a define needs NAME = alternatives", n+1)
			}
			c, err := compilePattern("( "+body+" )", defines)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n+1, err)
			}
			defines[strings.TrimSpace(name)] = c
		case strings.HasPrefix(line, "["):
			if k := len(t.meanings); k > 0 && (len(t.patterns) == 0 || t.patterns[len(t.patterns)-1].meaning != k-1) {
				return nil, fmt.Errorf("line %d: %s has no patterns", n+1, t.meanings[k-1].name)
			}
			name, pins, ok := strings.Cut(strings.TrimPrefix(line, "["), "]")
			if !ok || len(strings.Fields(pins)) == 0 {
				return nil, fmt.Errorf("line %d: a meaning starts with [name] and its listing ids", n+1)
			}
			first, then, _ := strings.Cut(pins, "|")
			t.meanings = append(t.meanings, meaning{name: name, index: len(t.meanings), pins: strings.Fields(first), then: strings.Fields(then)})
		default:
			if len(t.meanings) == 0 {
				return nil, fmt.Errorf("line %d: a pattern before any [meaning]", n+1)
			}
			c, err := compilePattern(line, defines)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n+1, err)
			}
			// The expression is compiled when a question first needs it
			// (compiling all of them here was most of the time a window
			// took to show); TestEveryPatternCompiles holds the files to
			// expressions that compile.
			t.add(&pattern{meaning: len(t.meanings) - 1, source: c.re, required: c.all}, c.anchors)
		}
		for _, w := range strings.FieldsFunc(line, func(c rune) bool { return c < 'a' || c > 'z' }) {
			if len(w) >= 5 && !seenWord[w] && !strings.Contains(line, w+"*") {
				seenWord[w] = true
				t.words = append(t.words, w)
			}
		}
	}
	if k := len(t.meanings); k > 0 && (len(t.patterns) == 0 || t.patterns[len(t.patterns)-1].meaning != k-1) {
		return nil, fmt.Errorf("%s has no patterns", t.meanings[k-1].name)
	}
	return t, nil
}

// add files a pattern under its anchors.
func (t *meaningTable) add(p *pattern, a *anchors) {
	id := int32(len(t.patterns))
	t.patterns = append(t.patterns, p)
	if a == nil {
		t.always = append(t.always, id)
		return
	}
	for _, w := range a.words {
		t.byWord[w] = appendOnce(t.byWord[w], id)
	}
	for _, s := range a.starts {
		t.byStart[s] = appendOnce(t.byStart[s], id)
		t.maxStart = max(t.maxStart, len(s))
	}
}

func appendOnce(ids []int32, id int32) []int32 {
	if len(ids) > 0 && ids[len(ids)-1] == id {
		return ids
	}
	return append(ids, id)
}

// compilePattern turns one pattern into a regular expression over folded
// words, each followed by a space (every word consumes the space after it,
// so pieces join without separators), with its anchors.
func compilePattern(src string, defines map[string]compiled) (compiled, error) {
	p := &patternParser{src: src, toks: patternTokens(src), defines: defines}
	c, err := p.alternatives()
	if err == nil && p.pos < len(p.toks) {
		err = fmt.Errorf("%q: a ) without its (", src)
	}
	return c, err
}

// patternParser reads alternatives := sequence ("|" sequence)*;
// sequence := item*; item := word | word* | .. | {NAME} | ( alternatives )
// | ( alternatives )?
type patternParser struct {
	src     string
	toks    []string
	pos     int
	defines map[string]compiled
}

func (p *patternParser) alternatives() (compiled, error) {
	var res []string
	var anc *anchors
	var all []*anchors
	for first := true; ; first = false {
		c, err := p.sequence()
		if err != nil {
			return compiled{}, err
		}
		res = append(res, c.re)
		if first {
			anc, all = c.anchors, c.all
		} else {
			anc, all = union(anc, c.anchors), nil
		}
		if p.pos < len(p.toks) && p.toks[p.pos] == "|" {
			p.pos++
			continue
		}
		break
	}
	if all == nil && anc != nil {
		all = []*anchors{anc}
	}
	return compiled{re: strings.Join(res, "|"), anchors: anc, all: all}, nil
}

// sequence anchors itself on its item whose anchor words questions hold
// least often: any question it matches holds one of them.
func (p *patternParser) sequence() (compiled, error) {
	var b strings.Builder
	var best *anchors
	var all []*anchors
	for p.pos < len(p.toks) {
		tok := p.toks[p.pos]
		var c compiled
		switch {
		case tok == "|" || tok == ")" || tok == ")?":
			return compiled{re: b.String(), anchors: best, all: all}, nil
		case tok == "(":
			p.pos++
			inner, err := p.alternatives()
			if err != nil {
				return compiled{}, err
			}
			if p.pos >= len(p.toks) {
				return compiled{}, fmt.Errorf("%q: a ( is not closed", p.src)
			}
			c = compiled{re: "(?:" + inner.re + ")", anchors: inner.anchors}
			if p.toks[p.pos] == ")?" {
				c = compiled{re: c.re + "?"}
			}
		case tok == "..":
			c = compiled{re: `(?:\S+ ){0,3}`}
		case strings.HasPrefix(tok, "{"):
			d, ok := p.defines[strings.Trim(tok, "{}")]
			if !ok {
				return compiled{}, fmt.Errorf("%q: %s is not defined above it", p.src, tok)
			}
			c = d
		default:
			word, stemmed := strings.CutSuffix(tok, "*")
			for _, r := range word {
				if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
					return compiled{}, fmt.Errorf("%q: %q is not a folded word (lower case, no accents or apostrophes)", p.src, tok)
				}
			}
			if word == "" {
				return compiled{}, fmt.Errorf("%q: %q is not a word", p.src, tok)
			}
			if stemmed {
				c = compiled{re: word + `\S* `, anchors: &anchors{starts: []string{word}}}
			} else {
				c = compiled{re: word + " ", anchors: &anchors{words: []string{word}}}
			}
		}
		p.pos++
		b.WriteString(c.re)
		if c.anchors != nil {
			all = append(all, c.anchors)
			if best == nil || c.anchors.cost() < best.cost() {
				best = c.anchors
			}
		}
	}
	return compiled{re: b.String(), anchors: best, all: all}, nil
}

// patternTokens splits a pattern into words and the symbols ( ) )? | ..
func patternTokens(pattern string) []string {
	var toks []string
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			toks = append(toks, word.String())
			word.Reset()
		}
	}
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == ' ' || c == '\t':
			flush()
		case c == '(' || c == '|':
			flush()
			toks = append(toks, string(c))
		case c == ')':
			flush()
			if i+1 < len(pattern) && pattern[i+1] == '?' {
				toks = append(toks, ")?")
				i++
			} else {
				toks = append(toks, ")")
			}
		default:
			word.WriteByte(c)
		}
	}
	flush()
	return toks
}

// match returns the meanings the query has, in the table's order. Words of
// seven letters or more that the index does not know are read as the
// table's word they are one slip from ("hopless" is "hopeless").
func (t *meaningTable) match(ix *Index, query string) []meaningMatch {
	words := ix.splitJoined(tokenize(nil, strings.ToValidUTF8(query, " ")), false)
	if len(words) == 0 {
		return nil
	}
	for i, w := range words {
		if !ix.known(w) {
			words[i] = t.correct(w)
		}
	}
	// The patterns this question's words could satisfy.
	var cands []int32
	for _, w := range words {
		cands = append(cands, t.byWord[w]...)
		for k := 1; k <= min(len(w), t.maxStart); k++ {
			cands = append(cands, t.byStart[w[:k]]...)
		}
	}
	cands = append(cands, t.always...)
	if len(cands) == 0 {
		return nil
	}
	text := strings.Join(words, " ") + " "
	has := make(map[string]bool, len(words))
	for _, w := range words {
		has[w] = true
	}
	span := make([]int, len(t.meanings))
	for _, id := range cands {
		p := t.patterns[id]
		if span[p.meaning] >= maxSpan || !holdsAll(has, words, p.required) {
			continue
		}
		if loc := p.regexp().FindStringIndex(text); loc != nil {
			span[p.meaning] = max(span[p.meaning], strings.Count(strings.TrimSpace(text[loc[0]:loc[1]]), " ")+1)
		}
	}
	var out []meaningMatch
	for i, n := range span {
		if n > 0 {
			out = append(out, meaningMatch{&t.meanings[i], n})
		}
	}
	return out
}

// maxSpan is the span from which a pattern is as specific as any.
const maxSpan = 3

// meaningMatch is a meaning a question has, and how many of its words the
// longest pattern that found it spans: "enbridge" says less about what is
// wanted than "enbridge won't fix my bill".
type meaningMatch struct {
	*meaning
	span int
}

// correct returns the table's word that w is a typing slip of, or w. Only
// long words are corrected, to long words, and only for a letter left out,
// one too many, two swapped, or a vowel for a vowel: a word a consonant
// away from another is as likely another word ("blowing" is not
// "plowing", "walking" is not "talking").
func (t *meaningTable) correct(w string) string {
	if len(w) < minCorrected {
		return w
	}
	for _, c := range t.words {
		if c == w {
			return w
		}
	}
	for _, c := range t.words {
		if len(c) >= minCorrected && isSlip(w, c) {
			if isEnglishWord(w) {
				return w // a word in its own right ("blocking", not "locking")
			}
			return c
		}
	}
	return w
}

//go:embed englishwords.txt
var englishWordsText string

var (
	englishWordsOnce sync.Once
	englishWords     []string
)

// isEnglishWord reports whether w is an English word of seven letters or
// more (englishwords.txt). The list is read the first time a word looks
// like a slip, which most sessions never reach.
func isEnglishWord(w string) bool {
	englishWordsOnce.Do(func() {
		for _, line := range strings.Split(englishWordsText, "\n") {
			if line != "" && line[0] != '#' {
				englishWords = append(englishWords, line)
			}
		}
	})
	_, found := slices.BinarySearch(englishWords, w)
	return found
}

// isSlip reports whether typed is want with one letter left out, one
// letter added, or two neighbouring letters swapped.
func isSlip(typed, want string) bool {
	switch len(typed) - len(want) {
	case -1:
		typed, want = want, typed
		fallthrough
	case 1:
		// want is typed with one letter removed
		i := 0
		for i < len(want) && typed[i] == want[i] {
			i++
		}
		return typed[i+1:] == want[i:]
	case 0:
		i := 0
		for i < len(want) && typed[i] == want[i] {
			i++
		}
		if i == len(want) {
			return true
		}
		if typed[i+1:] == want[i+1:] {
			return soundsAlike(typed[i], want[i])
		}
		return i+1 < len(want) && typed[i] == want[i+1] && typed[i+1] == want[i] && typed[i+2:] == want[i+2:]
	}
	return false
}

// soundsAlike reports whether one letter typed for another is a speller's
// slip rather than another word: a vowel for a vowel ("devorce",
// "warrent"), s and z, c and k or s.
func soundsAlike(a, b byte) bool {
	vowel := func(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }
	pair := string([]byte{min(a, b), max(a, b)})
	return vowel(a) && vowel(b) || pair == "sz" || pair == "ck" || pair == "cs"
}

// minCorrected is the length from which a word may be read as a slip.
const minCorrected = 7

// holdsAll reports whether the question's words hold a word of each anchor
// set.
func holdsAll(has map[string]bool, words []string, sets []*anchors) bool {
	for _, a := range sets {
		if !holds(has, words, a) {
			return false
		}
	}
	return true
}

func holds(has map[string]bool, words []string, a *anchors) bool {
	for _, w := range a.words {
		if has[w] {
			return true
		}
	}
	for _, s := range a.starts {
		for _, w := range words {
			if strings.HasPrefix(w, s) {
				return true
			}
		}
	}
	return false
}

// byName returns the meaning with the given name.
func (t *meaningTable) byName(name string) (*meaning, bool) {
	for i := range t.meanings {
		if t.meanings[i].name == name {
			return &t.meanings[i], true
		}
	}
	return nil, false
}
