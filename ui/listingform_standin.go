package ui

// A stand-in for the listing form another change brings (listingform.go),
// with its contract, so admin mode builds and tests on its own. Delete
// this file when the real form is merged.

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
)

type listingForm struct {
	orig      directory.Listing
	now       func() time.Time
	name      *widget.Entry
	problems  *widget.Label
	onChanged func()
}

func newListingForm(l directory.Listing, isNew bool, now func() time.Time) *listingForm {
	f := &listingForm{orig: l, now: now, name: widget.NewEntry(), problems: widget.NewLabel("")}
	f.name.SetText(l.Name)
	f.name.OnChanged = func(string) {
		if f.onChanged != nil {
			f.onChanged()
		}
	}
	return f
}

func (f *listingForm) Widget() fyne.CanvasObject {
	return container.NewVScroll(container.NewVBox(f.name, f.problems))
}

func (f *listingForm) Listing() directory.Listing {
	l := f.orig
	l.Name = f.name.Text
	return l
}

func (f *listingForm) Problems() []directory.Problem {
	l := f.Listing()
	return l.Validate(f.now())
}

func (f *listingForm) ShowProblems(ps []directory.Problem) {
	var lines []string
	for _, p := range ps {
		lines = append(lines, p.Field+": "+p.Message)
	}
	f.problems.SetText(strings.Join(lines, "\n"))
}

func (f *listingForm) Changed() bool { return f.name.Text != f.orig.Name }

func (f *listingForm) OnChanged(fn func()) { f.onChanged = fn }

func (f *listingForm) FocusFirstProblem(c fyne.Canvas) { c.Focus(f.name) }
