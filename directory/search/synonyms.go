package search

import (
	_ "embed"
	"strings"
)

//go:embed synonyms.txt
var synonymsText string

// synonymTable knows which customer phrases mean the same thing. Phrases are
// kept as stem sequences, joined by spaces, the way queries are reduced.
type synonymTable struct {
	groups  [][][]string          // group -> phrases -> stems
	phrases map[string][]int      // joined stems -> groups holding the phrase
	byHead  map[string][][]string // all but the last stem, joined -> phrases
	maxLen  int                   // longest phrase, in words
	words   []string              // every folded word the table uses, for typo correction
}

var defaultSynonyms = parseSynonyms(synonymsText)

// parseSynonyms reads the synonym table format of synonyms.txt: one group a
// line, phrases separated by commas, # comments.
func parseSynonyms(text string) *synonymTable {
	t := &synonymTable{phrases: map[string][]int{}, byHead: map[string][][]string{}}
	seenWord := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		var group [][]string
		for _, phrase := range strings.Split(line, ",") {
			words, stems, _, _ := queryWords(phrase + " ")
			if len(stems) == 0 {
				continue
			}
			for _, w := range words {
				if !seenWord[w] {
					seenWord[w] = true
					t.words = append(t.words, w)
				}
			}
			key := strings.Join(stems, " ")
			if gs := t.phrases[key]; len(gs) > 0 && gs[len(gs)-1] == len(t.groups) {
				continue // the same phrase twice in one group
			}
			t.phrases[key] = append(t.phrases[key], len(t.groups))
			group = append(group, stems)
			t.maxLen = max(t.maxLen, len(stems))
		}
		if len(group) > 1 {
			t.groups = append(t.groups, group)
			for _, p := range group {
				head := strings.Join(p[:len(p)-1], " ")
				t.byHead[head] = append(t.byHead[head], p)
			}
		} else if len(group) == 1 {
			// A lone phrase has nothing to expand to; forget it.
			key := strings.Join(group[0], " ")
			t.phrases[key] = t.phrases[key][:len(t.phrases[key])-1]
			if len(t.phrases[key]) == 0 {
				delete(t.phrases, key)
			}
		}
	}
	return t
}

// alternatives returns the other phrases of every group that holds phrase
// (given as stems), without phrase itself.
func (t *synonymTable) alternatives(phrase []string) [][]string {
	key := strings.Join(phrase, " ")
	var out [][]string
	seen := map[string]bool{key: true}
	for _, g := range t.phrases[key] {
		for _, p := range t.groups[g] {
			k := strings.Join(p, " ")
			if !seen[k] {
				seen[k] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// has reports whether the stems form a phrase of the table.
func (t *synonymTable) has(phrase []string) bool {
	_, ok := t.phrases[strings.Join(phrase, " ")]
	return ok
}

// completions returns the phrases that start with the stems of head and
// whose last stem begins with typed, the word still being typed.
func (t *synonymTable) completions(head []string, typed string) [][]string {
	st := stem(typed)
	var out [][]string
	for _, p := range t.byHead[strings.Join(head, " ")] {
		last := p[len(p)-1]
		if strings.HasPrefix(last, typed) || strings.HasPrefix(last, st) {
			out = append(out, p)
		}
	}
	return out
}
