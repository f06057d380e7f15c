package search

import (
	"embed"
	"io/fs"
	"strings"
	"sync"
)

// The needs taxonomy. Customers describe a need, not an agency: "my
// landlord says I have to be out by Friday" is an eviction, "the furnace
// quit and I have no money" is help with heating. 211 services answer this
// with a taxonomy of needs, each with many phrasings, mapped to the
// services that meet it; directory/search/needs/ is ours, in the language of the crisis
// rail's meanings. A need the question has counts in the ranking as one
// more part of the question, which the listings that meet it answer
// fully: they rise above listings that merely share its words.

//go:embed needs/*.txt
var needsFiles embed.FS

// defaultNeeds is read from the taxonomy when first needed: reading it
// when the program started was most of the time between starting the
// window and showing it. NewIndex, which the window runs after showing
// itself, reads it and the crisis rail, so a first search does not wait.
var defaultNeeds = sync.OnceValue(func() *meaningTable {
	// A search needs the crisis rail and the naive Bayes models too: they
	// are read meanwhile, on another core if there is one.
	go func() {
		defaultCrisisRail()
		crisisReader()
		needsReader()
	}()
	return mustParseMeanings("needs/", readNeeds(needsFiles))
})

// readNeeds joins the files of the taxonomy in name order: the first holds
// the word classes the others use.
func readNeeds(fsys fs.FS) string {
	return joinFiles(fsys, "needs/*.txt")
}

// joinFiles joins the files matching pattern in name order.
func joinFiles(fsys fs.FS, pattern string) string {
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		panic("directory: " + pattern + ": " + err.Error())
	}
	texts := make([][]byte, len(names))
	size := 0
	for i, name := range names {
		text, err := fs.ReadFile(fsys, name)
		if err != nil {
			panic("directory: " + name + ": " + err.Error())
		}
		texts[i] = text
		size += len(text) + 1
	}
	var b strings.Builder
	b.Grow(size)
	for _, text := range texts {
		b.Write(text)
		b.WriteString("\n")
	}
	return b.String()
}

// Each listing of a need after the first is a slightly weaker answer, so
// the order of the taxonomy breaks ties the words leave.
const (
	needFirst = 1.0
	needOther = 0.9
)

// needPostings lays out, for each need, the listings that meet it, as
// postings in document order.
func (ix *Index) needPostings(t *meaningTable) [][]posting {
	out := make([][]posting, len(t.meanings))
	for i, m := range t.meanings {
		for j, id := range m.pins {
			d, ok := ix.doc(id)
			if !ok {
				continue // an admin removed it; the need still finds the rest
			}
			w := float32(needFirst)
			if j > 0 {
				w = needOther
			}
			out[i] = append(out[i], posting{d, w})
		}
	}
	return out
}

// Needs returns the needs of the taxonomy the query has, by name, in the
// order of the taxonomy.
func (ix *Index) Needs(query string) []string {
	var out []string
	for _, m := range defaultNeeds().match(ix, query[:min(len(query), maxCrisisBytes)]) {
		out = append(out, m.name)
	}
	return out
}

//go:embed needs_model.txt
var needsModel string

// needsReader is the naive Bayes model of the needs, read when first
// needed. It is learned from their examples (needs/examples/) by go
// generate (see bayes.go).
var needsReader = sync.OnceValue(func() *bayesModel { return mustParseBayes("needs_model.txt", needsModel) })

// labelled reads "label: phrasing" lines, skipping blank lines and #
// comments.
func labelled(text string) (labels, examples []string) {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if label, phrase, ok := strings.Cut(line, ":"); ok {
			labels = append(labels, strings.TrimSpace(label))
			examples = append(examples, strings.TrimSpace(phrase))
		}
	}
	return labels, examples
}

// bayesNeed returns the need the naive Bayes reading of the query finds
// far likelier than any other, if there is one.
func (ix *Index) bayesNeed(query string) (*meaning, bool) {
	m := needsReader()
	s, known := m.scores(query)
	if known < minBayesFeatures {
		return nil, false
	}
	best, second := -1, -1
	for c := range s {
		switch {
		case best < 0 || s[c] > s[best]:
			best, second = c, best
		case second < 0 || s[c] > s[second]:
			second = c
		}
	}
	if second < 0 || s[best]-s[second] < needBayesMargin {
		return nil, false
	}
	return defaultNeeds().byName(m.classes[best])
}
