package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fitText is a line of text cut to its width with an ellipsis, for the
// names and phones in the results rows, or with MaxLines a few lines
// wrapped at spaces, the last one cut. widget.Label can do this, but it
// builds a new font shaper for every cut, which made each keystroke cost a
// few milliseconds per row; fitText measures with fyne.MeasureText, whose
// results Fyne caches, so redrawing a row it has seen is nearly free.
type fitText struct {
	widget.BaseWidget

	Text       string
	TextStyle  fyne.TextStyle
	Importance widget.Importance
	// Keep is how many of the text's first characters are shown whole
	// while they fit, with the rest left out rather than cut: the phone
	// number before the organization. It applies to one line only.
	Keep int
	// MaxLines is how many lines the text may wrap onto when it does not
	// fit on one; 0 or 1 keeps it to one line. Its MinSize stays one line
	// high: whoever lays it out gives it the height for more (lines).
	MaxLines int
}

func newFitText(style fyne.TextStyle) *fitText {
	t := &fitText{TextStyle: style}
	t.ExtendBaseWidget(t)
	return t
}

// fullWidth is the width the whole text needs, padding included.
func (t *fitText) fullWidth() float32 {
	return t.widthOf(t.Text)
}

// keptWidth is the width the first Keep characters need, padding
// included: the least a row gives the text while it has the room.
func (t *fitText) keptWidth() float32 {
	if t.Keep <= 0 {
		return t.MinSize().Width
	}
	return t.widthOf(firstRunes(t.Text, t.Keep))
}

func (t *fitText) widthOf(text string) float32 {
	th := t.Theme()
	return fyne.MeasureText(text, th.Size(theme.SizeNameText), t.TextStyle).Width + 2*th.Size(theme.SizeNameInnerPadding)
}

// lineHeight is the height of one more line of the text.
func (t *fitText) lineHeight() float32 {
	return fyne.MeasureText("M", t.Theme().Size(theme.SizeNameText), t.TextStyle).Height
}

// lines is how many lines the text takes at width, padding included, up
// to MaxLines.
func (t *fitText) lines(width float32) int {
	th := t.Theme()
	avail := width - 2*th.Size(theme.SizeNameInnerPadding)
	return len(wrapLines(t.Text, t.Keep, t.MaxLines, avail, th.Size(theme.SizeNameText), t.TextStyle))
}

// CreateRenderer draws the text as a canvas.Text a line.
func (t *fitText) CreateRenderer() fyne.WidgetRenderer {
	r := &fitTextRenderer{t: t}
	for range max(t.MaxLines, 1) {
		r.texts = append(r.texts, &canvas.Text{})
	}
	r.objects = make([]fyne.CanvasObject, len(r.texts))
	for i, txt := range r.texts {
		r.objects[i] = txt
	}
	r.Refresh()
	return r
}

type fitTextRenderer struct {
	t       *fitText
	texts   []*canvas.Text
	objects []fyne.CanvasObject
	// cut remembers the last cut, so a layout at the same width does not
	// measure again.
	cutFrom  string
	cutKeep  int
	cutWidth float32
}

func (r *fitTextRenderer) Destroy() {}

func (r *fitTextRenderer) Objects() []fyne.CanvasObject { return r.objects }

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
	if r.cutFrom != r.t.Text || r.cutKeep != r.t.Keep || r.cutWidth != avail {
		lines := wrapLines(r.t.Text, r.t.Keep, len(r.texts), avail, th.Size(theme.SizeNameText), r.t.TextStyle)
		for i, txt := range r.texts {
			txt.Text = ""
			if i < len(lines) {
				txt.Text = lines[i]
			}
			txt.Hidden = i > 0 && txt.Text == "" // nothing to draw
		}
		r.cutFrom, r.cutKeep, r.cutWidth = r.t.Text, r.t.Keep, avail
	}
	line := r.t.lineHeight()
	if len(r.texts) == 1 {
		line = size.Height - 2*pad
	}
	for i, txt := range r.texts {
		txt.Move(fyne.NewPos(pad, pad+float32(i)*line))
		txt.Resize(fyne.NewSize(max(avail, 0), line))
	}
}

// Refresh re-reads the text, style and theme colour.
func (r *fitTextRenderer) Refresh() {
	th := r.t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	for _, txt := range r.texts {
		txt.TextStyle = r.t.TextStyle
		txt.TextSize = th.Size(theme.SizeNameText)
		txt.Color = th.Color(importanceColor(r.t.Importance), v)
	}
	r.cutFrom = "\x00" // cut again: the text or its size may have changed
	r.Layout(r.t.Size())
	for _, txt := range r.texts {
		txt.Refresh()
	}
}

// wrapLines breaks text at spaces into at most maxLines lines of width,
// the last one cut with an ellipsis when the rest does not fit (fit, with
// keep). Words are measured one at a time, and Fyne keeps their sizes, so
// wrapping a name it has seen costs a few map lookups.
func wrapLines(text string, keep, maxLines int, width, size float32, style fyne.TextStyle) []string {
	measure := func(s string) float32 { return fyne.MeasureText(s, size, style).Width }
	if maxLines <= 1 || width <= 0 || measure(text) <= width {
		return []string{fit(text, keep, width, size, style)}
	}
	words := strings.Fields(text)
	space := measure(" ")
	var lines []string
	i := 0
	for len(lines) < maxLines-1 && i < len(words) {
		w := measure(words[i])
		if w > width {
			break // a word longer than a line: cut on the last line
		}
		j := i + 1
		for ; j < len(words); j++ {
			next := w + space + measure(words[j])
			if next > width {
				break
			}
			w = next
		}
		lines = append(lines, strings.Join(words[i:j], " "))
		i = j
	}
	if i < len(words) {
		lines = append(lines, fit(strings.Join(words[i:], " "), 0, width, size, style))
	}
	return lines
}

// fit cuts text to width, ending it with an ellipsis when it does not fit.
// Its first keep characters are shown whole, without an ellipsis, when
// nothing more fits; they are cut as well only when they alone do not
// fit. With no width at all it is empty: the row has left it out.
func fit(text string, keep int, width, size float32, style fyne.TextStyle) string {
	if width <= 0 {
		return ""
	}
	fits := func(s string) bool { return fyne.MeasureText(s, size, style).Width <= width }
	if fits(text) {
		return text
	}
	runes := []rune(text)
	keep = max(0, min(keep, len(runes)))
	if !fits(string(runes[:keep])) {
		keep = 0
	}
	// cutAt is the text cut after n characters: the part before the cut
	// without the spaces and dots it ends in, then an ellipsis, or the
	// kept part alone when nothing of the rest would show.
	cutAt := func(n int) string {
		cut := strings.TrimRight(string(runes[:n]), " ·")
		if keep > 0 && len([]rune(cut)) <= keep {
			return string(runes[:keep])
		}
		return cut + "…"
	}
	lo, hi := keep, len(runes)-1 // the longest cut that fits is in [lo, hi]
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(cutAt(mid)) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return cutAt(lo)
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
