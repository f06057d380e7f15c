package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
)

// weekTable is a listing's week of hours as the detail pane shows it under
// "This week": each schedule's label ("Office", "Shelter") over its runs of
// days, "Mon–Fri  9:00am-5:00pm", with today's run in bold. Its rows sit as
// close as the lines of a table, not a form's spacing apart, so a week of
// two schedules does not push the rest of the listing off a 768-pixel
// screen.
func weekTable(l *directory.Listing, today time.Weekday) *fyne.Container {
	wl := &weekLayout{headings: map[fyne.CanvasObject]bool{}}
	var cells []fyne.CanvasObject
	for _, s := range l.Schedules {
		if s.Label != "" {
			h := &widget.Label{Text: s.Label, Wrapping: fyne.TextWrapWord}
			wl.headings[h] = true
			cells = append(cells, h)
		}
		for _, g := range weekGroups(s, today) {
			cells = append(cells,
				&widget.Label{Text: g.days, TextStyle: fyne.TextStyle{Bold: g.today}},
				&widget.Label{Text: g.hours, TextStyle: fyne.TextStyle{Bold: g.today}, Wrapping: fyne.TextWrapWord})
		}
	}
	return container.New(wl, cells...)
}

// weekLayout lays out a week of hours as two columns, the days as wide as
// the widest run of days and the hours wrapped in the rest, with a heading
// across both columns over each schedule. Each label carries its own inner
// padding above and below its text; the rows overlap most of it, so they
// read as the lines of one table while every label keeps its full height
// for wrapping.
type weekLayout struct {
	// headings are the cells that span both columns; every other cell is
	// a day, followed by its hours.
	headings map[fyne.CanvasObject]bool
}

// overlap is how much of two rows' padding is taken back between them:
// what is left between the text of one row and the next is the theme's
// padding.
func (*weekLayout) overlap() float32 {
	return 2*theme.InnerPadding() - theme.Padding()
}

// headingGap is the extra room above a heading that follows other rows,
// so each schedule reads as its own group.
func (*weekLayout) headingGap() float32 { return theme.InnerPadding() }

func (w *weekLayout) dayWidth(objs []fyne.CanvasObject) float32 {
	var width float32
	for i := 0; i < len(objs); i++ {
		if w.headings[objs[i]] {
			continue
		}
		width = max(width, objs[i].MinSize().Width)
		i++ // its hours
	}
	return width
}

// Layout places the rows top to bottom at the width it is given.
func (w *weekLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w.rows(objs, size.Width, true)
}

// MinSize is the table's narrowest width, the days and a little room for
// the hours, and its height as its cells were last laid out: a wrapped
// label is as tall as its text at its current width.
func (w *weekLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	days := w.dayWidth(objs)
	var width float32
	for i := 0; i < len(objs); i++ {
		if w.headings[objs[i]] {
			width = max(width, objs[i].MinSize().Width)
			continue
		}
		if i+1 < len(objs) {
			width = max(width, days+objs[i+1].MinSize().Width)
		}
		i++
	}
	return fyne.NewSize(width, w.rows(objs, width, false))
}

// rows walks the rows, placing the cells at width when place is set, and
// returns the table's height.
func (w *weekLayout) rows(objs []fyne.CanvasObject, width float32, place bool) float32 {
	days := w.dayWidth(objs)
	y := float32(0)
	first := true
	// heightAt is a cell's height at cellWidth once placed: a wrapped
	// label's MinSize is measured at its current width.
	heightAt := func(o fyne.CanvasObject, cellWidth float32) float32 {
		if place {
			o.Resize(fyne.NewSize(cellWidth, o.MinSize().Height))
		}
		return o.MinSize().Height
	}
	for i := 0; i < len(objs); i++ {
		o := objs[i]
		if !first {
			y -= w.overlap()
		}
		var h float32
		if w.headings[o] {
			if !first {
				y += w.headingGap()
			}
			h = heightAt(o, width)
			if place {
				o.Move(fyne.NewPos(0, y))
				o.Resize(fyne.NewSize(width, h))
			}
		} else {
			if i+1 >= len(objs) {
				break
			}
			hours := objs[i+1]
			h = max(heightAt(o, days), heightAt(hours, width-days))
			if place {
				o.Move(fyne.NewPos(0, y))
				o.Resize(fyne.NewSize(days, o.MinSize().Height))
				hours.Move(fyne.NewPos(days, y))
				hours.Resize(fyne.NewSize(width-days, hours.MinSize().Height))
			}
			i++
		}
		y += h
		first = false
	}
	return y
}
