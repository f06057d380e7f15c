package directory

import (
	_ "embed"
)

// The crisis safety rail. A customer in danger rarely uses the words a
// crisis line is listed under: "I can't do this anymore", "scared to go
// home", "no le veo sentido a nada". Ranking cannot be trusted with these,
// so a reviewed list of meanings (crisis.txt) recognizes them and puts the
// crisis lines above every other result.

//go:embed crisis.txt
var crisisText string

var defaultCrisisRail = mustParseMeanings("crisis.txt", crisisText)

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
	for _, m := range defaultCrisisRail.match(ix, query) {
		out = append(out, m.meaning)
	}
	return out
}

// crisisPins returns the listings the rail puts first for the query, in
// order and without repeats: those of each kind it reads as, skipping any
// the directory does not hold or no longer offers; then the listings that
// also help, which follow them unpinned.
func (ix *Index) crisisPins(query string) (pins, then []*Listing) {
	seen := map[*Listing]bool{}
	add := func(dst []*Listing, ids []string) []*Listing {
		for _, id := range ids {
			if l, ok := ix.byID[id]; ok && l.Status != StatusInactive && !seen[l] {
				seen[l] = true
				dst = append(dst, l)
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
