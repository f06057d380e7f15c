package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// dialogButton is the button that closes a dialog. It takes Enter and Esc
// as well as Space, so staff never need the mouse to get out of a dialog:
// a plain Button answers only Space, and while it has the focus no other
// key reaches the window.
type dialogButton struct {
	widget.Button
}

func newDialogButton(text string, tapped func()) *dialogButton {
	b := &dialogButton{Button: widget.Button{Text: text, Importance: widget.HighImportance, OnTapped: tapped}}
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey taps the button on Enter and Esc, and leaves the rest to Button.
func (b *dialogButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape:
		if b.OnTapped != nil {
			b.OnTapped()
		}
		return
	}
	b.Button.TypedKey(ev)
}
