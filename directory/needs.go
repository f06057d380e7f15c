package directory

import (
	"embed"
	"io/fs"
	"strings"
)

// The needs taxonomy. Customers describe a need, not an agency: "my
// landlord says I have to be out by Friday" is an eviction, "the furnace
// quit and I have no money" is help with heating. 211 services answer this
// with a taxonomy of needs, each with many phrasings, mapped to the
// services that meet it; directory/needs/ is ours, in the language of the crisis
// rail's meanings. A need the question has counts in the ranking as one
// more part of the question, which the listings that meet it answer
// fully: they rise above listings that merely share its words.

//go:embed needs/*.txt
var needsFiles embed.FS

var defaultNeeds = mustParseMeanings("needs/", readNeeds(needsFiles))

// readNeeds joins the files of the taxonomy in name order: the first holds
// the word classes the others use.
func readNeeds(fsys fs.FS) string {
	names, err := fs.Glob(fsys, "needs/*.txt")
	if err != nil {
		panic("directory: needs/: " + err.Error())
	}
	var b strings.Builder
	for _, name := range names {
		text, err := fs.ReadFile(fsys, name)
		if err != nil {
			panic("directory: " + name + ": " + err.Error())
		}
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
	docOf := make(map[*Listing]int32, len(ix.docs))
	for i := range ix.docs {
		docOf[&ix.docs[i]] = int32(i)
	}
	for i, m := range t.meanings {
		for j, id := range m.pins {
			l, ok := ix.byID[id]
			if !ok {
				continue // an admin removed it; the need still finds the rest
			}
			w := float32(needFirst)
			if j > 0 {
				w = needOther
			}
			out[i] = append(out[i], posting{docOf[l], w})
		}
	}
	return out
}

// Needs returns the needs of the taxonomy the query has, by name, in the
// order of the taxonomy.
func (ix *Index) Needs(query string) []string {
	var out []string
	for _, m := range defaultNeeds.match(ix, query[:min(len(query), maxCrisisBytes)]) {
		out = append(out, m.name)
	}
	return out
}
