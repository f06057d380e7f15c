package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fitText is one line of text cut to its width with an ellipsis, for the
// names and phones in the results rows. widget.Label can do this, but it
// builds a new font shaper for every cut, which made each keystroke cost a
// few milliseconds per row; fitText measures with fyne.MeasureText, whose
// results Fyne caches, so redrawing a row it has seen is nearly free.
type fitText struct {
	widget.BaseWidget

	Text       string
	TextStyle  fyne.TextStyle
	Importance widget.Importance
}

func newFitText(style fyne.TextStyle) *fitText {
	t := &fitText{TextStyle: style}
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer draws the text as a single canvas.Text.
func (t *fitText) CreateRenderer() fyne.WidgetRenderer {
	r := &fitTextRenderer{t: t, text: &canvas.Text{}}
	r.Refresh()
	return r
}

type fitTextRenderer struct {
	t    *fitText
	text *canvas.Text
	// cut remembers the last cut, so a layout at the same width does not
	// measure again.
	cutFrom  string
	cutWidth float32
}

func (r *fitTextRenderer) Destroy() {}

func (r *fitTextRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.text} }

// MinSize is one line high, like a Label, and narrow: the row decides the
// width and the text is cut to it.
func (r *fitTextRenderer) MinSize() fyne.Size {
	th := r.t.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	h := fyne.MeasureText("M", th.Size(theme.SizeNameText), r.t.TextStyle).Height
	return fyne.NewSize(2*pad, h+2*pad)
}

func (r *fitTextRenderer) Layout(size fyne.Size) {
	th := r.t.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	avail := size.Width - 2*pad
	if r.cutFrom != r.t.Text || r.cutWidth != avail {
		r.text.Text = fit(r.t.Text, avail, th.Size(theme.SizeNameText), r.t.TextStyle)
		r.cutFrom, r.cutWidth = r.t.Text, avail
	}
	r.text.Move(fyne.NewPos(pad, pad))
	r.text.Resize(fyne.NewSize(max(avail, 0), size.Height-2*pad))
}

// Refresh re-reads the text, style and theme colour.
func (r *fitTextRenderer) Refresh() {
	th := r.t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.text.TextStyle = r.t.TextStyle
	r.text.TextSize = th.Size(theme.SizeNameText)
	r.text.Color = th.Color(importanceColor(r.t.Importance), v)
	r.cutFrom = "\x00" // cut again: the text or its size may have changed
	r.Layout(r.t.Size())
	r.text.Refresh()
}

// fit cuts text to width, ending it with an ellipsis when it does not fit.
func fit(text string, width, size float32, style fyne.TextStyle) string {
	if width <= 0 || fyne.MeasureText(text, size, style).Width <= width {
		return text
	}
	runes := []rune(text)
	lo, hi := 0, len(runes) // the longest prefix that fits is in [lo, hi)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(string(runes[:mid])+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(runes[:lo]) + "…"
}

// importanceColor is the theme colour a Label of that importance uses.
func importanceColor(imp widget.Importance) fyne.ThemeColorName {
	switch imp {
	case widget.SuccessImportance:
		return theme.ColorNameSuccess
	case widget.WarningImportance:
		return theme.ColorNameWarning
	case widget.DangerImportance:
		return theme.ColorNameError
	case widget.LowImportance:
		return theme.ColorNamePlaceHolder
	case widget.HighImportance:
		return theme.ColorNamePrimary
	}
	return theme.ColorNameForeground
}
