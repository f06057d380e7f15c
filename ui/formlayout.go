package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The listing form's layout: sections with a heading, each a column of
// labels beside a column of fields, the labels of every section one width.

// formRow is a label and what it labels, the two cells of a form layout.
type formRow [2]fyne.CanvasObject

// section is a heading over some rows of the form.
func section(title string, rows ...formRow) fyne.CanvasObject {
	heading := &widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	cells := make([]fyne.CanvasObject, 0, 2*len(rows))
	for _, r := range rows {
		cells = append(cells, r[0], r[1])
	}
	return container.NewVBox(widget.NewSeparator(), heading, container.New(layout.NewFormLayout(), cells...))
}

// row is a labelled text field with its problem under it.
func row(label string, tf *textField, extra ...fyne.CanvasObject) formRow {
	return item(label, tf.entry, append([]fyne.CanvasObject{tf.problem}, extra...)...)
}

// item is a label and what it labels, with what is said under it.
func item(label string, obj fyne.CanvasObject, below ...fyne.CanvasObject) formRow {
	return labelled(label, "", obj, below...)
}

// labelled is item with a hint under the label ("one per line").
func labelled(label, hint string, obj fyne.CanvasObject, below ...fyne.CanvasObject) formRow {
	left := container.NewVBox(&widget.Label{Text: label, TextStyle: fyne.TextStyle{Bold: true}})
	if hint != "" {
		left.Add(&widget.Label{Text: hint, Importance: widget.LowImportance, SizeName: theme.SizeNameCaptionText})
		left.Objects[0].(*widget.Label).Importance = widget.MediumImportance
		left.Layout = layout.NewCustomPaddedVBoxLayout(0)
	}
	return formRow{container.New(&labelColumn{}, left), container.NewVBox(append([]fyne.CanvasObject{obj}, below...)...)}
}

// labelColumn gives the labels of every section one width, the widest
// label's, so the fields line up down the whole form (see alignLabels).
type labelColumn struct{ width float32 }

func (c *labelColumn) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := objs[0].MinSize()
	return fyne.NewSize(max(s.Width, c.width), s.Height)
}

func (c *labelColumn) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}

// alignLabels gives every label column under root the widest one's width.
func alignLabels(root *fyne.Container) {
	var cols []*fyne.Container
	var walk func(c *fyne.Container)
	walk = func(c *fyne.Container) {
		if _, ok := c.Layout.(*labelColumn); ok {
			cols = append(cols, c)
			return
		}
		for _, o := range c.Objects {
			if child, ok := o.(*fyne.Container); ok {
				walk(child)
			}
		}
	}
	walk(root)
	var width float32
	for _, c := range cols {
		width = max(width, c.Objects[0].MinSize().Width)
	}
	for _, c := range cols {
		c.Layout.(*labelColumn).width = width
	}
}

// listRow is a field of one entry per line.
func listRow(label string, tf *textField) formRow {
	return labelled(label, lang.L("one per line"), tf.entry, tf.problem)
}
