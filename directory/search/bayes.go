package search

import (
	"math"
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
// something"). It is learned when first needed, in milliseconds: the model
// is the examples' word counts.

// bayesModel is a multinomial naive Bayes model over a question's words
// (stemmed, stop words left out) and side-by-side pairs of words.
type bayesModel struct {
	classes []string
	// base is each class's log prior; unseen, the log probability of a
	// feature the class's examples never used.
	base, unseen []float64
	// seen holds, for each feature any example used, the classes that
	// used it with their log probability of it.
	seen map[string][]classLogP
}

type classLogP struct {
	class int32
	logp  float64
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

// newBayesModel learns a model from labelled phrasings: examples[i] has
// class labels[i].
func newBayesModel(labels, examples []string) *bayesModel {
	m := &bayesModel{seen: map[string][]classLogP{}}
	index := map[string]int{}
	var docs []int
	var counts []map[string]int
	vocab := map[string]bool{}
	for i, label := range labels {
		c, ok := index[label]
		if !ok {
			c = len(m.classes)
			index[label] = c
			m.classes = append(m.classes, label)
			docs = append(docs, 0)
			counts = append(counts, map[string]int{})
		}
		docs[c]++
		for _, f := range bayesFeatures(examples[i]) {
			counts[c][f]++
			vocab[f] = true
		}
	}
	v := float64(len(vocab))
	for c := range m.classes {
		total := 0
		for _, n := range counts[c] {
			total += n
		}
		denom := float64(total) + bayesAlpha*v
		m.base = append(m.base, math.Log(float64(docs[c])/float64(len(labels))))
		m.unseen = append(m.unseen, math.Log(bayesAlpha/denom))
		for f, n := range counts[c] {
			m.seen[f] = append(m.seen[f], classLogP{int32(c), math.Log((float64(n) + bayesAlpha) / denom)})
		}
	}
	return m
}

// scores returns each class's log probability for the query, up to a
// constant, and how many of its features the model knows.
func (m *bayesModel) scores(query string) ([]float64, int) {
	known := 0
	var feats []string
	for _, f := range bayesFeatures(query) {
		if _, ok := m.seen[f]; ok {
			feats = append(feats, f)
			known++
		}
	}
	s := make([]float64, len(m.classes))
	for c := range s {
		s[c] = m.base[c] + float64(known)*m.unseen[c]
	}
	for _, f := range feats {
		for _, e := range m.seen[f] {
			s[e.class] += e.logp - m.unseen[e.class]
		}
	}
	return s, known
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
