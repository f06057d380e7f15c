package ui

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// fieldEntry is an entry of the listing form that cuts a paste longer
// than its field may be before the entry takes it in. Fyne's entry lays
// out the whole text on every change, so a document pasted by mistake (10
// MB) would freeze the window for minutes before the form could refuse it.
type fieldEntry struct {
	widget.Entry
	// limit is how many characters a paste may bring; onCut is called
	// when one was cut.
	limit int
	onCut func()
}

func newFieldEntry(multiline bool, limit int, onCut func()) *fieldEntry {
	e := &fieldEntry{limit: limit, onCut: onCut}
	e.MultiLine = multiline
	if multiline {
		e.Wrapping = fyne.TextWrapWord
	} else {
		e.Wrapping = fyne.TextWrapOff
	}
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut cuts what a paste brings to the entry's limit.
func (e *fieldEntry) TypedShortcut(s fyne.Shortcut) {
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil {
		if text, cut := cutText(p.Clipboard.Content(), e.limit); cut {
			s = &fyne.ShortcutPaste{Clipboard: &fixedClipboard{text}}
			if e.onCut != nil {
				defer e.onCut()
			}
		}
	}
	e.Entry.TypedShortcut(s)
}

// cutText keeps the first max characters of s, reporting whether it cut.
func cutText(s string, max int) (string, bool) {
	if len(s) <= max || utf8.RuneCountInString(s) <= max {
		return s, false
	}
	n := 0
	for i := range s {
		if n == max {
			return s[:i], true
		}
		n++
	}
	return s, false
}

// fixedClipboard hands a paste the text it was cut to.
type fixedClipboard struct{ text string }

func (c *fixedClipboard) Content() string     { return c.text }
func (c *fixedClipboard) SetContent(s string) { c.text = s }

// AcceptsTab is false even for a text of several lines, so Tab moves on
// to the next field as in the rest of the form: no listing text needs a
// tab character.
func (e *fieldEntry) AcceptsTab() bool { return false }
