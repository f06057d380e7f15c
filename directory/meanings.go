package directory

import (
	"fmt"
	"regexp"
	"strings"
)

// A meaning table recognizes what a question means, whatever its words:
// "scared to go home" is danger at home, "my landlord says I have to leave
// by Friday" is an eviction. Each meaning is a list of patterns over folded
// words (see the top of crisis.txt for the language), and names the
// listings that answer it. The crisis safety rail (crisis.txt) and the
// needs taxonomy (needs.txt) are meaning tables.

// meaning is one thing a question may mean, with the listings that
// answer it, best first, and the patterns that say it.
type meaning struct {
	name  string
	index int // its place in the table
	pins  []string
	// then are listings that also help, after the pins: written after
	// a "|" on the header line.
	then []string
	re   *regexp.Regexp
}

// meaningTable is a list of meanings, in the order of its file.
type meaningTable struct {
	meanings []meaning
	// words are the pattern's own words of five letters or more, which a
	// slip of the keyboard may reach ("hopless" is "hopeless").
	words []string
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
	t := &meaningTable{}
	defines := map[string]string{}
	var patterns []string
	seenWord := map[string]bool{}
	finish := func() error {
		if len(t.meanings) == 0 {
			return nil
		}
		k := &t.meanings[len(t.meanings)-1]
		if len(patterns) == 0 {
			return fmt.Errorf("%s has no patterns", k.name)
		}
		re, err := regexp.Compile(`(?:^| )(?:` + strings.Join(patterns, "|") + `)`)
		if err != nil {
			return fmt.Errorf("%s: %w", k.name, err)
		}
		k.re = re
		patterns = nil
		return nil
	}
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
			re, err := patternRegexp("( "+body+" )", defines)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n+1, err)
			}
			defines[strings.TrimSpace(name)] = re
		case strings.HasPrefix(line, "["):
			if err := finish(); err != nil {
				return nil, err
			}
			name, pins, ok := strings.Cut(strings.TrimPrefix(line, "["), "]")
			if !ok || len(strings.Fields(pins)) == 0 {
				return nil, fmt.Errorf("line %d: a meaning is [name] listing-id ...", n+1)
			}
			first, then, _ := strings.Cut(pins, "|")
			t.meanings = append(t.meanings, meaning{name: name, index: len(t.meanings), pins: strings.Fields(first), then: strings.Fields(then)})
		default:
			if len(t.meanings) == 0 {
				return nil, fmt.Errorf("line %d: a pattern before any [meaning]", n+1)
			}
			re, err := patternRegexp(line, defines)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n+1, err)
			}
			patterns = append(patterns, re)
		}
		for _, w := range strings.FieldsFunc(line, func(c rune) bool { return c < 'a' || c > 'z' }) {
			if len(w) >= 5 && !seenWord[w] && !strings.Contains(line, w+"*") {
				seenWord[w] = true
				t.words = append(t.words, w)
			}
		}
	}
	if err := finish(); err != nil {
		return nil, err
	}
	return t, nil
}

// patternRegexp turns one pattern into a regular expression over folded
// words, each followed by a space: every word consumes the space after it,
// so pieces join without separators.
func patternRegexp(pattern string, defines map[string]string) (string, error) {
	var b strings.Builder
	depth := 0
	for _, tok := range patternTokens(pattern) {
		switch {
		case tok == "(":
			depth++
			b.WriteString("(?:")
		case tok == ")" || tok == ")?":
			if depth == 0 {
				return "", fmt.Errorf("%q: a ) without its (", pattern)
			}
			depth--
			b.WriteString(tok)
		case tok == "|":
			b.WriteString("|")
		case tok == "..":
			b.WriteString(`(?:\S+ ){0,3}`)
		case strings.HasPrefix(tok, "{"):
			re, ok := defines[strings.Trim(tok, "{}")]
			if !ok {
				return "", fmt.Errorf("%q: %s is not defined above it", pattern, tok)
			}
			b.WriteString(re)
		default:
			word, stemmed := strings.CutSuffix(tok, "*")
			for _, c := range word {
				if (c < 'a' || c > 'z') && (c < '0' || c > '9') {
					return "", fmt.Errorf("%q: %q is not a folded word (lower case, no accents or apostrophes)", pattern, tok)
				}
			}
			b.WriteString(word)
			if stemmed {
				b.WriteString(`\S*`)
			}
			b.WriteString(" ")
		}
	}
	if depth != 0 {
		return "", fmt.Errorf("%q: a ( is not closed", pattern)
	}
	return b.String(), nil
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
// five letters or more that the index does not know are read as the
// table's word they are one slip from ("hopless" is "hopeless").
func (t *meaningTable) match(ix *Index, query string) []*meaning {
	words := tokenize(nil, strings.ToValidUTF8(query, " "))
	if len(words) == 0 {
		return nil
	}
	for i, w := range words {
		if !ix.known(w) {
			words[i] = t.correct(w)
		}
	}
	text := strings.Join(words, " ") + " "
	var out []*meaning
	for i := range t.meanings {
		if t.meanings[i].re.MatchString(text) {
			out = append(out, &t.meanings[i])
		}
	}
	return out
}

// correct returns the table's word that w is a typing slip of, or w. Only
// long words are corrected, to long words: a short word one letter from
// another is as likely a different word ("beach" is not "bleach").
func (t *meaningTable) correct(w string) string {
	if len(w) < minCorrected {
		return w
	}
	maxDist := 1
	if len(w) >= 10 {
		maxDist = 2
	}
	for _, c := range t.words {
		if c == w {
			return w
		}
	}
	for _, c := range t.words {
		if len(c) >= minCorrected && typoDistance(w, c, maxDist) <= maxDist {
			return c
		}
	}
	return w
}

// minCorrected is the length from which a word may be read as a slip.
const minCorrected = 7
