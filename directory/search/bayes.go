package search

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// A second reader of meanings, beside the patterns. The patterns of the
// needs taxonomy and the crisis rail say exactly what they match, so they
// rarely misfire, but a customer says many things no pattern foresaw. The
// examples written for them (needs/examples/, crisis_examples.txt) are a
// few thousand phrasings of what each meaning sounds like; a naive Bayes
// model learned from them weighs every word and pair of words a question
// shares with each meaning's examples, and so reads wording the patterns
// miss ("she's really sleepy and slurring after a whole bottle of
// something").
//
// The model is the examples' feature counts. Counting them took most of
// the time of a first search in a new process, so they are counted when
// the examples change, by go generate, into needs_model.txt and
// crisis_model.txt, which the program reads without decoding: a question
// looks its features up in the table's sorted lines.
// TestBayesModelsUpToDate fails when a model is out of date with its
// examples; after changing them, run
//
//	go generate ./directory/search

//go:generate go test -run ^TestBayesModelsUpToDate$ -update

// bayesModel is a multinomial naive Bayes model over a question's words
// (stemmed, stop words left out) and side-by-side pairs of words.
type bayesModel struct {
	classes []string
	// base is each class's log prior; unseen, the log probability of a
	// feature the class's examples never used; denom, the denominator of
	// the class's smoothed feature probabilities.
	base, unseen, denom []float64
	// logp holds, for each class, the log probability of a feature its
	// examples used n times, for n below fewUses: most features are used
	// only a few times, so most questions take no logarithm.
	logp []float64
	// features are the lines "feature<TAB>class:count class:count ..." of
	// every feature any example used, in byte order of the feature, and
	// lines the offset of each.
	features string
	lines    []int32
}

// How sure the naive Bayes reading must be before it counts: how many of
// the question's features it must know, and by how much (in log odds) the
// likeliest meaning must beat an ordinary question (crisis) or the next
// likeliest need.
const (
	minBayesFeatures  = 2
	crisisBayesMargin = 14
	needBayesMargin   = 3
)

// bayesAlpha is the additive smoothing: how much a feature a class never
// showed still counts for it.
const bayesAlpha = 0.5

// fewUses bounds the counts whose log probabilities a model keeps.
const fewUses = 16

// newBayesModel learns a model from labelled phrasings: examples[i] has
// class labels[i].
func newBayesModel(labels, examples []string) *bayesModel {
	table, err := learnBayes(labels, examples)
	if err == nil {
		var m *bayesModel
		if m, err = parseBayes(table); err == nil {
			return m
		}
	}
	panic("directory: naive Bayes model: " + err.Error())
}

// learnBayes counts the features of labelled phrasings (examples[i] has
// class labels[i]) into the text of a model: the line "classes N", a line
// "name<TAB>examples<TAB>features" for each class in the order the labels
// first give it, then a line "feature<TAB>class:count ..." for each
// feature, in byte order, its classes in order.
func learnBayes(labels, examples []string) (string, error) {
	index := map[string]int{}
	var classes []string
	var docs, totals []int
	counts := map[string][]int{} // by feature, its count in each class
	for i, label := range labels {
		if label == "" || strings.ContainsAny(label, "\t\n") {
			return "", fmt.Errorf("class %q: a class is a name without tabs", label)
		}
		c, ok := index[label]
		if !ok {
			c = len(classes)
			index[label] = c
			classes = append(classes, label)
			docs, totals = append(docs, 0), append(totals, 0)
		}
		docs[c]++
		for _, f := range bayesFeatures(examples[i]) {
			n := counts[f]
			if len(n) <= c {
				n = append(n, make([]int, c+1-len(n))...)
				counts[f] = n
			}
			n[c]++
			totals[c]++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "classes %d\n", len(classes))
	for c, name := range classes {
		fmt.Fprintf(&b, "%s\t%d\t%d\n", name, docs[c], totals[c])
	}
	features := make([]string, 0, len(counts))
	for f := range counts {
		features = append(features, f)
	}
	slices.Sort(features)
	for _, f := range features {
		b.WriteString(f)
		sep := byte('\t')
		for c, n := range counts[f] {
			if n > 0 {
				b.WriteByte(sep)
				b.WriteString(strconv.Itoa(c))
				b.WriteByte(':')
				b.WriteString(strconv.Itoa(n))
				sep = ' '
			}
		}
		b.WriteByte('\n')
	}
	return b.String(), nil
}

// parseBayes reads a model written by learnBayes, after any lines of #
// comments. It reads only the classes; the features are looked up in the
// text as questions need them.
func parseBayes(text string) (*bayesModel, error) {
	for strings.HasPrefix(text, "#") {
		_, text, _ = strings.Cut(text, "\n")
	}
	line, text, _ := strings.Cut(text, "\n")
	n, err := strconv.Atoi(strings.TrimPrefix(line, "classes "))
	if err != nil || !strings.HasPrefix(line, "classes ") {
		return nil, fmt.Errorf("%q: want classes N", line)
	}
	m := &bayesModel{}
	var docs, totals []int
	examples := 0
	for range n {
		line, text, _ = strings.Cut(text, "\n")
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("%q: want class<TAB>examples<TAB>features", line)
		}
		d, err1 := strconv.Atoi(f[1])
		t, err2 := strconv.Atoi(f[2])
		if err := cmp.Or(err1, err2); err != nil {
			return nil, fmt.Errorf("class %s: %w", f[0], err)
		}
		m.classes = append(m.classes, f[0])
		docs, totals = append(docs, d), append(totals, t)
		examples += d
	}
	m.features = text
	m.lines = make([]int32, 0, strings.Count(text, "\n"))
	for i := 0; i < len(text); {
		m.lines = append(m.lines, int32(i))
		end := strings.IndexByte(text[i:], '\n')
		if end < 0 {
			return nil, fmt.Errorf("the last feature line has no newline")
		}
		i += end + 1
	}
	v := float64(len(m.lines))
	for c := range m.classes {
		denom := float64(totals[c]) + bayesAlpha*v
		m.base = append(m.base, math.Log(float64(docs[c])/float64(examples)))
		m.unseen = append(m.unseen, math.Log(bayesAlpha/denom))
		m.denom = append(m.denom, denom)
		for n := range fewUses {
			m.logp = append(m.logp, m.logProb(c, n))
		}
	}
	return m, nil
}

// mustParseBayes reads an embedded model; TestBayesModelsUpToDate reads
// every one, so a broken file never ships.
func mustParseBayes(name, text string) *bayesModel {
	m, err := parseBayes(text)
	if err != nil {
		panic("directory: " + name + ": " + err.Error())
	}
	return m
}

// lookup returns the "class:count ..." list of feature f, if any example
// used it.
func (m *bayesModel) lookup(f string) (string, bool) {
	lo, hi := 0, len(m.lines)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		// The line's feature ends at a tab, which sorts before any byte
		// of a feature: the line starts with f and a tab only if its
		// feature is f, and sorts as its feature does.
		line := m.features[m.lines[mid]:]
		c := strings.Compare(line[:min(len(f), len(line))], f)
		if c == 0 {
			if len(line) > len(f) && line[len(f)] == '\t' {
				line = line[len(f)+1:]
				return line[:strings.IndexByte(line, '\n')], true
			}
			c = 1 // f is the start of a longer feature
		}
		if c < 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return "", false
}

// logProb is the log probability of a feature class c's examples used n
// times, computed as it was when the model was learned at start-up, so
// the scores are the same to the last bit.
func (m *bayesModel) logProb(c, n int) float64 {
	return math.Log((float64(n) + bayesAlpha) / m.denom[c])
}

// scores returns each class's log probability for the query, up to a
// constant, and how many of its features the model knows.
func (m *bayesModel) scores(query string) ([]float64, int) {
	var known []string
	for _, f := range bayesFeatures(query) {
		if counts, ok := m.lookup(f); ok {
			known = append(known, counts)
		}
	}
	s := make([]float64, len(m.classes))
	for c := range s {
		s[c] = m.base[c] + float64(len(known))*m.unseen[c]
	}
	for _, counts := range known {
		// counts is "class:count class:count ...".
		c, n := 0, 0
		for i := 0; i <= len(counts); i++ {
			switch {
			case i == len(counts) || counts[i] == ' ':
				logp := 0.0
				if n < fewUses {
					logp = m.logp[c*fewUses+n]
				} else {
					logp = m.logProb(c, n)
				}
				s[c] += logp - m.unseen[c]
				c, n = 0, 0
			case counts[i] == ':':
				c, n = n, 0
			default:
				n = 10*n + int(counts[i]-'0')
			}
		}
	}
	return s, len(known)
}

// bayesFeatures are a question's stemmed words that are not stop words,
// and each pair of side-by-side words, stop words included ("wont wake",
// "kill myself").
func bayesFeatures(text string) []string {
	if len(text) > maxCrisisBytes {
		text = text[:maxCrisisBytes]
	}
	words := tokenize(nil, strings.ToValidUTF8(text, " "))
	feats := make([]string, 0, 2*len(words))
	stems := make([]string, len(words))
	for i, w := range words {
		stems[i] = stem(w)
		if !stopwords[w] {
			feats = append(feats, stems[i])
		}
	}
	for i := 1; i < len(stems); i++ {
		feats = append(feats, stems[i-1]+" "+stems[i])
	}
	return feats
}
