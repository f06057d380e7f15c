package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
)

// BenchmarkTypeToResults measures one keystroke in the search box until the
// results list shows the results for it, through the test driver: the
// search off the Fyne goroutine, the hand-back and the list redraw. Targets:
// 16 ms (one frame) with the default directory, 50 ms with a statewide
// directory of 100,000 listings.
func BenchmarkTypeToResults(b *testing.B) {
	base := defaultListings(b)
	for _, bc := range []struct {
		name     string
		listings []directory.Listing
	}{
		{"default", base},
		{"100k", directorytest.Synthetic(base, 100_000)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			td := newTestDesk(b, directory.NewIndex(bc.listings))
			// What desk staff type, one keystroke at a time.
			phrases := []string{"passport", "food stamps", "rent help", "dmv", "ayuda", "legal aid"}
			var keys []string
			for _, p := range phrases {
				for i := range p {
					keys = append(keys, p[:i+1])
				}
			}
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				k := keys[i%len(keys)]
				if len(k) == 1 {
					b.StopTimer()
					td.search.SetText("")
					td.wait()
					b.StartTimer()
				}
				test.Type(td.search, k[len(k)-1:])
				td.wait()
			}
		})
	}
}
