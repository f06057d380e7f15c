package search

import (
	"encoding/json"
	"testing"

	"nowrongdoor/data"
	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
)

// BenchmarkMeaningsColdStart measures the fixed work of the first search
// in a new process (a command-line search is one): reading the needs
// taxonomy and the crisis rail, reading the two naive Bayes models, and
// running the first question through all four, which compiles the
// patterns it needs. The budget is 15 ms.
func BenchmarkMeaningsColdStart(b *testing.B) {
	var ls []directory.Listing
	if err := json.Unmarshal(data.Agencies, &ls); err != nil {
		b.Fatal(err)
	}
	for i := range ls {
		directorytest.Prepare(&ls[i])
	}
	ix := NewIndex(ls)
	const q = "hi my landlord says i have to leave by friday and i have 3 kids"
	b.ReportAllocs()
	for b.Loop() {
		needs := mustParseMeanings("needs/", readNeeds(needsFiles))
		crisis := mustParseMeanings("crisis.txt", crisisText)
		needsBayes := mustParseBayes("needs_model.txt", needsModel)
		crisisBayes := mustParseBayes("crisis_model.txt", crisisModel)
		if len(needs.match(ix, q)) == 0 {
			b.Fatalf("no need in %q", q)
		}
		crisis.match(ix, q)
		needsBayes.scores(q)
		crisisBayes.scores(q)
	}
}
