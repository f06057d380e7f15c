package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// reflowLayout stacks objects top to bottom at its full width, as a VBox
// does, and lays them out again when that width changes, so text wrapped
// below it is measured at the new width.
//
// A VBox places each object by its MinSize before resizing it, and a
// wrapped label's MinSize is its height at its old width: after a window
// or split is resized, a paragraph that now takes three lines is placed
// in the room of two. The GL driver is meant to notice the new heights in
// its next frame and lay the stack out again, but it tracks one pending
// parent at a time and loses it when a later object (a button) changes
// inside as well, so the middle pane kept its paragraphs drawn over each
// other, or far apart when the window grew, until something new was shown.
type reflowLayout struct {
	width float32
}

// Layout stacks the objects. At a new width it resizes them first, lays
// out everything inside them again from the bottom up, now that their
// wrapped text has its new height, and only then stacks them.
func (l *reflowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.width {
		l.width = size.Width
		l.stack(objs, size.Width)
		for _, o := range objs {
			relayoutTree(o)
		}
	}
	l.stack(objs, size.Width)
}

func (*reflowLayout) stack(objs []fyne.CanvasObject, width float32) {
	pad := theme.Padding()
	y := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(width, h))
		y += h + pad
	}
}

// MinSize is the widest object and the height of them all, stacked.
func (*reflowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	n := 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		n++
	}
	if n > 1 {
		s.Height += float32(n-1) * theme.Padding()
	}
	return s
}

// relayoutTree lays out every container under o again, innermost first,
// at the sizes they have: each then places its objects by their MinSize
// at their current width. Widgets lay themselves out when resized.
func relayoutTree(o fyne.CanvasObject) {
	c, ok := o.(*fyne.Container)
	if !ok || !c.Visible() {
		return
	}
	for _, child := range c.Objects {
		relayoutTree(child)
	}
	if c.Layout != nil {
		c.Layout.Layout(c.Objects, c.Size())
	}
}
