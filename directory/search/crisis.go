package search

import (
	_ "embed"
	"sync"
)

// The crisis safety rail. A customer in danger rarely uses the words a
// crisis line is listed under: "I can't do this anymore", "scared to go
// home", "no le veo sentido a nada". Ranking cannot be trusted with these,
// so a reviewed list of meanings (crisis.txt) recognizes them and puts the
// crisis lines above every other result.

//go:embed crisis.txt
var crisisText string

// defaultCrisisRail is read from crisis.txt when first needed, as
// defaultNeeds is, not when the program starts.
var defaultCrisisRail = sync.OnceValue(func() *meaningTable { return mustParseMeanings("crisis.txt", crisisText) })

// maxCrisisBytes is how much of a question the rail reads: more than search
// keeps, because a customer in distress may say a lot before the words that
// matter.
const maxCrisisBytes = 1024

// Crisis returns the kinds of danger the query reads as ("self-harm",
// "danger-at-home", ...), in the order crisis.txt gives them, or none.
func (ix *Index) Crisis(query string) []string {
	var out []string
	for _, k := range ix.crisisKinds(query) {
		out = append(out, k.name)
	}
	return out
}

func (ix *Index) crisisKinds(query string) []*meaning {
	if len(query) > maxCrisisBytes {
		query = query[:maxCrisisBytes]
	}
	var out []*meaning
	for _, m := range defaultCrisisRail().match(ix, query) {
		out = append(out, m.meaning)
	}
	if len(out) == 0 {
		if k, ok := bayesCrisis(query); ok {
			out = append(out, k)
		}
	}
	return out
}

//go:embed crisis_model.txt
var crisisModel string

// crisisReader is the naive Bayes model of the crisis kinds and of
// ordinary questions ("none": the rail's look-alikes and every example of
// the needs), read when first needed. It is learned from the examples by
// go generate (see bayes.go and crisisTraining).
var crisisReader = sync.OnceValue(func() *bayesModel { return mustParseBayes("crisis_model.txt", crisisModel) })

// bayesCrisis returns the kind of danger the naive Bayes reading of the
// query finds far likelier than an ordinary question, when the patterns
// found none: a customer in danger says many things no pattern foresaw.
// The margin is wide, because a false alarm teaches staff to ignore the
// rail.
func bayesCrisis(query string) (*meaning, bool) {
	kind, ok := readDanger(crisisReader(), query)
	if !ok {
		return nil, false
	}
	return defaultCrisisRail().byName(kind)
}

// readDanger returns the kind of danger model m finds likeliest for the
// query and whether it beats "none" by the crisis margin.
func readDanger(m *bayesModel, query string) (string, bool) {
	s, known := m.scores(query)
	if known < minBayesFeatures {
		return "", false
	}
	none, best := -1, -1
	for c, name := range m.classes {
		switch {
		case name == "none":
			none = c
		case best < 0 || s[c] > s[best]:
			best = c
		}
	}
	if none < 0 || best < 0 || s[best]-s[none] < crisisBayesMargin {
		return "", false
	}
	return m.classes[best], true
}

// crisisPins returns the documents the rail puts first for the query, in
// order and without repeats: those of each kind it reads as, skipping any
// listing the directory does not hold or no longer offers; then the
// listings that also help, which follow them unpinned.
func (ix *Index) crisisPins(query string) (pins, then []int32) {
	seen := map[int32]bool{}
	add := func(dst []int32, ids []string) []int32 {
		for _, id := range ids {
			if d, ok := ix.doc(id); ok && !ix.inactive[d] && !seen[d] {
				seen[d] = true
				dst = append(dst, d)
			}
		}
		return dst
	}
	kinds := ix.crisisKinds(query)
	for _, k := range kinds {
		pins = add(pins, k.pins)
	}
	for _, k := range kinds {
		then = add(then, k.then)
	}
	return pins, then
}
