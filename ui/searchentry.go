package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// searchEntry is the search box. It embeds widget.Entry and takes the keys
// the desk needs while staff type (an Entry would otherwise swallow them):
// Down and Up move through the results, Enter shows the highlighted one and
// Escape clears the box.
type searchEntry struct {
	widget.Entry

	onDown, onUp, onEnter, onEscape func()
	// onShortcut gets the shortcuts the Entry does not handle itself, so
	// the ones kept off the main menu still work while staff type.
	onShortcut func(fyne.Shortcut) bool
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

// TypedShortcut offers custom shortcuts to the desk before the Entry.
func (e *searchEntry) TypedShortcut(s fyne.Shortcut) {
	if _, ok := s.(*desktop.CustomShortcut); ok && e.onShortcut != nil && e.onShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}
