package ui

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// searchEntry is the search box. It embeds widget.Entry and takes the keys
// the desk needs while staff type (an Entry would otherwise swallow them):
// Down and Up move through the results, Enter shows the highlighted one and
// Escape clears the box. It holds at most maxRunes characters: a paste is
// cut to fit and typing past the limit is dropped.
type searchEntry struct {
	widget.Entry

	onDown, onUp, onEnter, onEscape func()
	// onShortcut gets the shortcuts the Entry does not handle itself, so
	// the ones kept off the main menu still work while staff type.
	onShortcut func(fyne.Shortcut) bool
	// maxRunes is the most characters the box holds, 0 for no limit.
	// onFull is called when a paste was cut or a character dropped to
	// keep to it, after the box has changed.
	maxRunes int
	onFull   func()
}

func newSearchEntry() *searchEntry {
	e := &searchEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey handles the result-moving keys and passes the rest to the Entry.
func (e *searchEntry) TypedKey(ev *fyne.KeyEvent) {
	var handler func()
	switch ev.Name {
	case fyne.KeyDown:
		handler = e.onDown
	case fyne.KeyUp:
		handler = e.onUp
	case fyne.KeyReturn, fyne.KeyEnter:
		handler = e.onEnter
	case fyne.KeyEscape:
		handler = e.onEscape
	}
	if handler != nil {
		handler()
		return
	}
	e.Entry.TypedKey(ev)
}

// TypedRune types a character, unless the box is full.
func (e *searchEntry) TypedRune(r rune) {
	if e.room() <= 0 {
		e.full()
		return
	}
	e.Entry.TypedRune(r)
}

// TypedShortcut offers custom shortcuts to the desk before the Entry, and
// cuts a paste to the room left in the box. A whole document pasted by
// mistake would otherwise be drawn as one line of text, which takes a
// desk PC seconds and more memory than the rest of the window.
func (e *searchEntry) TypedShortcut(s fyne.Shortcut) {
	if _, ok := s.(*desktop.CustomShortcut); ok && e.onShortcut != nil && e.onShortcut(s) {
		return
	}
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil && e.maxRunes > 0 {
		text := p.Clipboard.Content()
		if room := max(e.room(), 0); utf8.RuneCountInString(text) > room {
			e.Entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clipText(firstRunes(text, room))})
			e.full()
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// room is how many more characters the box takes; typing or pasting
// replaces the selection, so its characters count as room.
func (e *searchEntry) room() int {
	if e.maxRunes <= 0 {
		return int(^uint(0) >> 1)
	}
	return e.maxRunes - utf8.RuneCountInString(e.Text) + utf8.RuneCountInString(e.SelectedText())
}

func (e *searchEntry) full() {
	if e.onFull != nil {
		e.onFull()
	}
}

// firstRunes is text cut to its first n characters.
func firstRunes(text string, n int) string {
	for i := range text {
		if n == 0 {
			return text[:i]
		}
		n--
	}
	return text
}

// clipText is a clipboard that holds a fixed text: the part of the real
// clipboard that fits in the box, pasted the way the Entry pastes.
type clipText string

func (c clipText) Content() string   { return string(c) }
func (c clipText) SetContent(string) {}
