package ui

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
	"nowrongdoor/directory/search"
)

// BenchmarkTypeToResults measures one keystroke in the search box until the
// window shows what it typed, through the test driver: the search off the
// Fyne goroutine, the hand-back, the list redraw, the best match drawn in
// the middle pane, and the layout the driver does before it paints the
// next frame. It reports the median and the 95th percentile keystroke as
// well as the mean. Targets: 16 ms (one frame) with the default directory,
// 50 ms with a statewide directory of 100,000 listings.
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
			td := newTestDesk(b, search.NewIndex(bc.listings))
			td.show()
			td.frame()
			// What desk staff type, one keystroke at a time.
			phrases := []string{"passport", "food stamps", "rent help", "dmv", "ayuda", "legal aid"}
			var keys []string
			for _, p := range phrases {
				for i := range p {
					keys = append(keys, p[:i+1])
				}
			}
			var took []time.Duration
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				k := keys[i%len(keys)]
				if len(k) == 1 {
					b.StopTimer()
					td.search.SetText("")
					td.wait()
					td.frame()
					b.StartTimer()
				}
				start := time.Now()
				test.Type(td.search, k[len(k)-1:])
				td.wait()
				td.frame()
				took = append(took, time.Since(start))
			}
			reportPercentiles(b, took, "key")
		})
	}
}

// BenchmarkPreviewDraw measures drawing a listing in the middle pane and
// laying it out, the part of a keystroke that changes with the listing on
// show: each round shows the next listing of the default directory.
func BenchmarkPreviewDraw(b *testing.B) {
	ls := defaultListings(b)
	td := newTestDesk(b, search.NewIndex(ls))
	td.show()
	td.frame()
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		td.preview(&ls[i%len(ls)])
		td.frame()
		took = append(took, time.Since(start))
	}
	reportPercentiles(b, took, "draw")
}

// reportPercentiles adds the median and the 95th percentile of took, in
// milliseconds, to the benchmark's report: a mean hides the slow keystrokes
// staff notice.
func reportPercentiles(b *testing.B, took []time.Duration, what string) {
	if len(took) == 0 {
		return
	}
	slices.Sort(took)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(took[len(took)/2]), "ms-median/"+what)
	b.ReportMetric(ms(took[len(took)*95/100]), "ms-p95/"+what)
}

// frame does what the driver does before it paints a frame: it measures
// every visible object, children first, and lays out again each container
// or widget with a child whose minimum size changed, as a new listing in
// the middle pane makes the scroll's content grow or shrink. The test
// driver does not do it by itself, so benchmarks call it to count the
// layout a keystroke causes.
func (td *testDesk) frame() {
	seen := make(map[fyne.CanvasObject]fyne.Size, len(td.minSizes))
	var walk func(o fyne.CanvasObject) bool
	walk = func(o fyne.CanvasObject) bool {
		if !o.Visible() {
			return false
		}
		grew := false
		switch c := o.(type) {
		case *fyne.Container:
			for _, child := range c.Objects {
				grew = walk(child) || grew
			}
			if grew && c.Layout != nil {
				c.Layout.Layout(c.Objects, c.Size())
			}
		case fyne.Widget:
			r := test.WidgetRenderer(c)
			for _, child := range r.Objects() {
				grew = walk(child) || grew
			}
			if grew {
				r.Layout(c.Size())
			}
		}
		m := o.MinSize()
		old, ok := td.minSizes[o]
		seen[o] = m
		return !ok || old != m
	}
	walk(td.win.Content())
	td.minSizes = seen
}
