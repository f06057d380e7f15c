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

// pattern is one line of a meaning. Reading a table finds only the
// anchors of its patterns; a pattern's regular expression is written and
// compiled when a question first needs it, as most patterns are never run
// in a session, and writing them all out (each class of words spelled out
// in every pattern that uses it) was most of the time a table took to read.
type pattern struct {
	meaning int
	// line is the pattern as written, and defines the classes of words
	// defined above it, which are the ones it may use.
	line    string
	defines []*define
	// required are anchor sets a question must hold a word of each of
	// before the expression is worth running.
	required []piece
	once     sync.Once
	re       *regexp.Regexp
}

func (p *pattern) regexp() *regexp.Regexp {
	p.once.Do(func() { p.re = regexp.MustCompile(p.expression()) })
	return p.re
}

// expression is the regular expression of the pattern: its words from the
// start of one.
func (p *pattern) expression() string {
	var b strings.Builder
	b.WriteString(`(?:^| )(?:`)
	writeExpression(&b, p.line, p.defines)
	b.WriteString(`)`)
	return b.String()
}

// define is a class of words ("define KIN = son | daughter | ..."), used
// in the patterns below it as {KIN}.
type define struct {
	name string
	// src is the class as a pattern, its alternatives in parentheses; it
	// may use the classes defined above it.
	src     string
	defines []*define
	anchors piece
	once    sync.Once
	re      string
}

// expression is the regular expression of the class, written the first
// time a pattern that uses it is compiled.
func (d *define) expression() string {
	d.once.Do(func() {
		var b strings.Builder
		writeExpression(&b, d.src, d.defines)
		d.re = b.String()
	})
	return d.re
}

// writeExpression writes the regular expression of a pattern that
// parseMeanings has read without error.
func writeExpression(b *strings.Builder, src string, defines []*define) {
	p := &patternParser{defines: defines, out: b}
	p.start(src)
	if _, _, err := p.alternatives(false); err != nil {
		panic("directory: a pattern read without error fails when compiled: " + err.Error())
	}
}

// meaningTable is a list of meanings, in the order of its file.
type meaningTable struct {
	meanings []meaning
	patterns []*pattern
	// byWord and byStart file patterns under their anchors: a word, or
	// the start of a word ("suicid*"). always holds patterns without one.
	byWord, byStart map[string][]int32
	always          []int32
	maxStart        int // the longest start filed
	// idsBlock is where the next word's list of patterns starts.
	idsBlock []int32
	// text is the table as written, from which words is read when a
	// question first has a word that may be a slip.
	text      string
	wordsOnce sync.Once
	words     []string
}

// anchors is the set of words (or starts of words) a question must hold
// one of for a piece of a pattern to match; nil means the piece may match
// without any word of its own (it is optional, or a gap).
type anchors struct {
	words, starts []string
	// parts are the anchors of alternatives of a choice, whose words and
	// starts are these anchors' too: a choice between classes of words
	// ("( {KIN} | {PARTNER} )") shares theirs rather than copy them.
	parts []*anchors
	// size is how many words and starts they are, the least their cost
	// can be; costPlus1 is cost()+1 once it is known: most anchors are
	// never weighed against another.
	size, costPlus1 int
}

// cost is how often a question may hold one of the anchors: a word a
// question says all the time ("my", "have": one of common) files the
// pattern where most questions look.
func (a *anchors) cost(common map[string]bool) int {
	if a.costPlus1 == 0 {
		n := 0
		for _, w := range a.words {
			n += wordCost(common, w, false)
		}
		for _, s := range a.starts {
			n += wordCost(common, s, true)
		}
		for _, p := range a.parts {
			n += p.cost(common)
		}
		a.costPlus1 = n + 1
	}
	return a.costPlus1 - 1
}

// wordCost is the cost of anchors of the one word w, or with start set of
// the start of a word.
func wordCost(common map[string]bool, w string, start bool) int {
	if start && len(w) < 3 || !start && common[w] {
		return 51
	}
	return 1
}

// commonWords are the stop words and context words, which questions say
// all the time.
var commonWords = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, len(stopwords)+len(contextwords))
	for w := range stopwords {
		m[w] = true
	}
	for w := range contextwords {
		m[w] = true
	}
	return m
})

// piece is the anchors of a piece of a pattern while it is read: a lone
// word (or start of a word, with start set) is kept as the word until it
// must be anchors of its own. Most are one of a choice of words, which
// takes them as its own; the zero piece has no anchors.
type piece struct {
	a     *anchors
	word  string
	start bool
}

func (x piece) none() bool { return x.a == nil && x.word == "" }

// minCost is the least x.cost can be, known without looking words up.
func (x piece) minCost() int {
	if x.a != nil {
		return x.a.size
	}
	return 1
}

func (x piece) cost(common map[string]bool) int {
	if x.a != nil {
		return x.a.cost(common)
	}
	return wordCost(common, x.word, x.start)
}

// union returns the anchors of a choice between the pieces alts: none if
// any of them may match without a word of its own.
func (p *patternParser) union(alts []piece) piece {
	if len(alts) == 1 {
		return alts[0]
	}
	nw, ns, np := 0, 0, 0
	for _, x := range alts {
		switch {
		case x.none():
			return piece{}
		case x.a != nil:
			np++
		case x.start:
			ns++
		default:
			nw++
		}
	}
	u := p.arena.anchors()
	u.words = p.arena.strings(nw)
	u.starts = p.arena.strings(ns)
	u.parts = p.arena.parts(np)
	u.size = nw + ns
	for _, x := range alts {
		switch {
		case x.a != nil:
			u.parts = append(u.parts, x.a)
			u.size += x.a.size
		case x.start:
			u.starts = append(u.starts, x.word)
		default:
			u.words = append(u.words, x.word)
		}
	}
	return piece{a: u}
}

// An arena hands out the many small things reading a table makes (the
// anchors of every choice of words in it) from a few large blocks: made
// one by one, they were much of the time reading took.
type arena struct {
	patternsBlock []pattern
	anchorsBlock  []anchors
	stringsBlock  []string
	partsBlock    []*anchors
	piecesBlock   []piece
}

const arenaBlock = 1024

func (a *arena) pattern() *pattern {
	if len(a.patternsBlock) == cap(a.patternsBlock) {
		a.patternsBlock = make([]pattern, 0, arenaBlock/4)
	}
	a.patternsBlock = a.patternsBlock[:len(a.patternsBlock)+1]
	return &a.patternsBlock[len(a.patternsBlock)-1]
}

func (a *arena) anchors() *anchors {
	if len(a.anchorsBlock) == cap(a.anchorsBlock) {
		a.anchorsBlock = make([]anchors, 0, arenaBlock/4)
	}
	a.anchorsBlock = a.anchorsBlock[:len(a.anchorsBlock)+1]
	return &a.anchorsBlock[len(a.anchorsBlock)-1]
}

// strings returns an empty slice with room for n strings, or nil.
func (a *arena) strings(n int) []string {
	a.stringsBlock = nextBlock(a.stringsBlock, n)
	return a.stringsBlock[len(a.stringsBlock)-n:][:0:n]
}

func (a *arena) parts(n int) []*anchors {
	a.partsBlock = nextBlock(a.partsBlock, n)
	return a.partsBlock[len(a.partsBlock)-n:][:0:n]
}

// pieces returns a copy of xs.
func (a *arena) pieces(xs []piece) []piece {
	a.piecesBlock = nextBlock(a.piecesBlock, len(xs))
	return append(a.piecesBlock[len(a.piecesBlock)-len(xs):][:0:len(xs)], xs...)
}

// nextBlock returns block grown by n, in a new block if it has no room:
// its last n elements are the caller's.
func nextBlock[T any](block []T, n int) []T {
	if n == 0 {
		return block
	}
	if len(block)+n > cap(block) {
		block = make([]T, 0, max(n, arenaBlock))
	}
	return block[:len(block)+n]
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
	// byWord is made a little larger than it grows to, in words of the
	// table.
	t := &meaningTable{byWord: make(map[string][]int32, len(text)/64), byStart: map[string][]int32{}, text: text}
	var defines []*define
	latest := map[string]*define{}
	// p reads every line, reusing its token buffer and arena.
	p := &patternParser{latest: latest, common: commonWords()}
	parse := func(src string) (anc piece, all []piece, err error) {
		p.start(src)
		anc, all, err = p.alternatives(true)
		if err == nil && p.at < len(p.src) {
			err = fmt.Errorf("%q: a ) without its (", src)
		}
		return anc, all, err
	}
	for n, rest := 0, text; rest != ""; n++ {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
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
			d := &define{name: strings.TrimSpace(name), src: "( " + body + " )", defines: defines[:len(defines):len(defines)]}
			anc, _, err := parse(d.src)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n+1, err)
			}
			d.anchors = anc
			defines = append(defines, d)
			latest[d.name] = d
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
			anc, all, err := parse(line)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n+1, err)
			}
			// The expression is written and compiled when a question
			// first needs it; TestEveryPatternCompiles holds the files to
			// expressions that compile.
			pt := p.arena.pattern()
			pt.meaning, pt.line, pt.defines, pt.required = len(t.meanings)-1, line, defines[:len(defines):len(defines)], all
			t.add(pt, anc)
		}
	}
	if k := len(t.meanings); k > 0 && (len(t.patterns) == 0 || t.patterns[len(t.patterns)-1].meaning != k-1) {
		return nil, fmt.Errorf("%s has no patterns", t.meanings[k-1].name)
	}
	return t, nil
}

// typedWords returns the patterns' own words of five letters or more,
// which a slip of the keyboard may reach ("hopless" is "hopeless"), in
// the order of the table. They are read the first time a question has a
// word that may be a slip.
func (t *meaningTable) typedWords() []string {
	t.wordsOnce.Do(func() {
		seen := map[string]bool{}
		for rest := t.text; rest != ""; {
			var line string
			line, rest, _ = strings.Cut(rest, "\n")
			if i := strings.IndexByte(line, '#'); i >= 0 {
				line = line[:i]
			}
			for _, w := range strings.FieldsFunc(line, func(c rune) bool { return c < 'a' || c > 'z' }) {
				if len(w) >= 5 && !seen[w] && !strings.Contains(line, w+"*") {
					seen[w] = true
					t.words = append(t.words, w)
				}
			}
		}
	})
	return t.words
}

// add files a pattern under its anchors.
func (t *meaningTable) add(p *pattern, x piece) {
	id := int32(len(t.patterns))
	t.patterns = append(t.patterns, p)
	switch {
	case x.a != nil:
		t.file(x.a, id)
	case x.start:
		t.fileStart(x.word, id)
	case x.word != "":
		t.fileWord(x.word, id)
	default:
		t.always = append(t.always, id)
	}
}

// file files pattern id under each word and start of a.
func (t *meaningTable) file(a *anchors, id int32) {
	for _, w := range a.words {
		t.fileWord(w, id)
	}
	for _, s := range a.starts {
		t.fileStart(s, id)
	}
	for _, p := range a.parts {
		t.file(p, id)
	}
}

func (t *meaningTable) fileWord(w string, id int32) {
	ids := t.byWord[w]
	switch {
	case len(ids) == 0:
		// Most words file a pattern or two: their lists start in a block.
		t.idsBlock = nextBlock(t.idsBlock, 2)
		t.byWord[w] = append(t.idsBlock[len(t.idsBlock)-2:][:0:2], id)
	case ids[len(ids)-1] != id:
		t.byWord[w] = append(ids, id)
	}
}

func (t *meaningTable) fileStart(s string, id int32) {
	t.byStart[s] = appendOnce(t.byStart[s], id)
	t.maxStart = max(t.maxStart, len(s))
}

func appendOnce(ids []int32, id int32) []int32 {
	if len(ids) > 0 && ids[len(ids)-1] == id {
		return ids
	}
	return append(ids, id)
}

// patternParser reads alternatives := sequence ("|" sequence)*;
// sequence := item*; item := word | word* | .. | {NAME} | ( alternatives )
// | ( alternatives )?
//
// It reads a pattern in one of two ways. Reading a table, it finds the
// pattern's anchors and reports what is wrong with it. With out set, it
// writes the pattern's regular expression over folded words, each
// followed by a space (every word consumes the space after it, so pieces
// join without separators), and finds no anchors.
type patternParser struct {
	// src is the pattern, and src[at:end] its token being read: a word,
	// or one of ( ) )? | .. (offsets rather than a string, as a string
	// written for every token cost a write barrier each).
	src     string
	at, end int
	// latest holds the classes of words defined so far, by name, while a
	// table is read; defines, those above a pattern written out.
	latest  map[string]*define
	defines []*define
	out     *strings.Builder
	// common are the words questions say all the time.
	common map[string]bool
	arena  arena
	// alts is a stack of the anchors of the alternatives being read; all
	// gathers the anchors of the items of a sequence at the top of a
	// pattern.
	alts []piece
	all  []piece
}

// alternatives reads alternatives, returning their anchors and, at the
// top of a pattern, the anchors of every item a question must hold a word
// of.
func (p *patternParser) alternatives(top bool) (piece, []piece, error) {
	base := len(p.alts)
	var all []piece
	for n := 0; ; n++ {
		if n > 0 && p.out != nil {
			p.out.WriteByte('|')
		}
		x, seqAll, err := p.sequence(top)
		if err != nil {
			p.alts = p.alts[:base]
			return piece{}, nil, err
		}
		if n == 0 {
			all = seqAll
		} else {
			all = nil
		}
		p.alts = append(p.alts, x)
		if p.tok() == "|" {
			p.next()
			continue
		}
		break
	}
	if p.out != nil {
		p.alts = p.alts[:base]
		return piece{}, nil, nil
	}
	x := p.union(p.alts[base:])
	p.alts = p.alts[:base]
	switch {
	case !top:
	case len(all) > 0:
		all = p.arena.pieces(all) // from p.all, which the next pattern reuses
	case !x.none():
		all = []piece{x}
	}
	return x, all, nil
}

// sequence anchors itself on its item whose anchor words questions hold
// least often: any question it matches holds one of them.
func (p *patternParser) sequence(top bool) (piece, []piece, error) {
	var best piece
	bestCost := -1 // not yet known
	var all []piece
	if top {
		all = p.all[:0]
		defer func() { p.all = all[:0] }()
	}
	for p.at < len(p.src) {
		tok := p.tok()
		var x piece
		switch {
		// A token of ( ) )? | is one symbol, so its first byte tells it.
		case tok[0] == '|' || tok[0] == ')':
			return best, all, nil
		case tok[0] == '(':
			p.next()
			if p.out != nil {
				p.out.WriteString("(?:")
			}
			inner, _, err := p.alternatives(false)
			if err != nil {
				return piece{}, nil, err
			}
			if p.at == len(p.src) {
				return piece{}, nil, fmt.Errorf("%q: a ( is not closed", p.src)
			}
			x = inner
			if p.out != nil {
				p.out.WriteByte(')')
			}
			if p.tok() == ")?" {
				x = piece{}
				if p.out != nil {
					p.out.WriteByte('?')
				}
			}
		case tok == "..":
			if p.out != nil {
				p.out.WriteString(`(?:\S+ ){0,3}`)
			}
		case tok[0] == '{':
			name := strings.Trim(tok, "{}")
			if p.out != nil {
				d := p.define(name)
				if d == nil {
					return piece{}, nil, fmt.Errorf("%q: %s is not defined above it", p.src, tok)
				}
				p.out.WriteString(d.expression())
				break
			}
			d, ok := p.latest[name]
			if !ok {
				return piece{}, nil, fmt.Errorf("%q: %s is not defined above it", p.src, tok)
			}
			x = d.anchors
		default:
			word, stemmed := strings.CutSuffix(tok, "*")
			for i := 0; i < len(word); i++ {
				if r := word[i]; (r < 'a' || r > 'z') && (r < '0' || r > '9') {
					return piece{}, nil, fmt.Errorf("%q: %q is not a folded word (lower case, no accents or apostrophes)", p.src, tok)
				}
			}
			if word == "" {
				return piece{}, nil, fmt.Errorf("%q: %q is not a word", p.src, tok)
			}
			switch {
			case p.out == nil:
				x = piece{word: word, start: stemmed}
			case stemmed:
				p.out.WriteString(word)
				p.out.WriteString(`\S* `)
			default:
				p.out.WriteString(word)
				p.out.WriteByte(' ')
			}
		}
		p.next()
		if x.none() {
			continue
		}
		if top {
			all = append(all, x)
		}
		switch {
		case best.none():
			best = x
		default:
			// Costs are weighed only when a sequence has two anchored
			// items to choose between.
			if bestCost < 0 {
				bestCost = best.cost(p.common)
			}
			if x.minCost() >= bestCost {
				break // x cannot cost less
			}
			if c := x.cost(p.common); c < bestCost {
				best, bestCost = x, c
			}
		}
	}
	return best, all, nil
}

// define returns the class of words of that name defined last above the
// pattern being written out, or nil.
func (p *patternParser) define(name string) *define {
	for i := len(p.defines) - 1; i >= 0; i-- {
		if p.defines[i].name == name {
			return p.defines[i]
		}
	}
	return nil
}

// start starts reading src.
func (p *patternParser) start(src string) {
	p.src, p.end = src, 0
	p.next()
}

// tok is the token being read, "" at the end of the pattern. The words
// are pieces of the pattern: reading a table copies none.
func (p *patternParser) tok() string { return p.src[p.at:p.end] }

// next reads the next token.
func (p *patternParser) next() {
	s, i := p.src, p.end
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	switch {
	case i == len(s):
		p.at, p.end = i, i
	case s[i] == '(' || s[i] == '|':
		p.at, p.end = i, i+1
	case s[i] == ')':
		p.at, p.end = i, i+1
		if i+1 < len(s) && s[i+1] == '?' {
			p.end++
		}
	default:
		j := i + 1
		for j < len(s) && !patternSeparator[s[j]] {
			j++
		}
		p.at, p.end = i, j
	}
}

// patternSeparator holds the bytes that end a word of a pattern.
var patternSeparator = [256]bool{' ': true, '\t': true, '(': true, '|': true, ')': true}

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
	words := t.typedWords()
	for _, c := range words {
		if c == w {
			return w
		}
	}
	for _, c := range words {
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
func holdsAll(has map[string]bool, words []string, sets []piece) bool {
	for _, x := range sets {
		var held bool
		switch {
		case x.a != nil:
			held = holds(has, words, x.a)
		case x.start:
			held = holdsStart(words, x.word)
		default:
			held = has[x.word]
		}
		if !held {
			return false
		}
	}
	return true
}

// holds reports whether the question's words hold a word or start of a
// word of the anchors.
func holds(has map[string]bool, words []string, a *anchors) bool {
	for _, w := range a.words {
		if has[w] {
			return true
		}
	}
	for _, s := range a.starts {
		if holdsStart(words, s) {
			return true
		}
	}
	for _, p := range a.parts {
		if holds(has, words, p) {
			return true
		}
	}
	return false
}

// holdsStart reports whether one of the question's words starts with s.
func holdsStart(words []string, s string) bool {
	for _, w := range words {
		if strings.HasPrefix(w, s) {
			return true
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
