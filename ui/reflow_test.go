package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory/search"
)

// TestPaneReflowsOnResize narrows and widens the window under the welcome
// page and under a listing, with no frame drawn in between (the GL driver
// does not reliably lay the pane out again): every paragraph must still
// get the height its text takes at the new width, right below the one
// above it.
func TestPaneReflowsOnResize(t *testing.T) {
	td := newTestDesk(t, search.NewIndex(defaultListings(t)))
	td.show()
	td.frame()
	check := func(when string) {
		t.Helper()
		y := float32(0)
		for _, o := range td.detail.box.Objects {
			if !o.Visible() {
				continue
			}
			if o.Position().Y != y {
				t.Errorf("%s: %T at y=%v, want %v, right below the one above", when, o, o.Position().Y, y)
			}
			y += o.MinSize().Height + theme.Padding()
		}
		for _, o := range visibleObjects(td.detail.box) {
			if l, ok := o.(*widget.Label); ok && l.Wrapping != fyne.TextWrapOff && l.Size().Height < l.MinSize().Height {
				t.Errorf("%s: %.40q is %v high, its text takes %v", when, l.Text, l.Size().Height, l.MinSize().Height)
			}
		}
	}
	td.win.Resize(fyne.NewSize(1024, 768))
	check("welcome page narrowed")
	td.win.Resize(fyne.NewSize(1366, 768))
	check("welcome page widened")

	l, _ := td.dir.Listing("slco-library")
	td.showListing(l)
	td.frame()
	td.win.Resize(fyne.NewSize(1024, 768))
	check("listing narrowed")
	td.win.Resize(fyne.NewSize(1366, 768))
	check("listing widened")
}
