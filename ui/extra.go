package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// extra is what the desk keeps for its settings and the dialogs beside
// the shortcuts: the theme the settings wrap, the release for the About
// dialog, the dialog open now, and actions waiting for results.
type extra struct {
	// base is the app's theme before the desk wrapped it.
	base fyne.Theme
	// version is the release, shown in the About dialog.
	version string
	// open is the settings, About or email dialog while it is shown.
	open dialog.Dialog
	// waiting are actions asked for before the results of the last
	// keystroke arrived (waitForResults).
	waiting []waitingAction
}

// waitingAction is an action and the change of the search box it was
// asked for after.
type waitingAction struct {
	seq uint64
	run func()
}

// waitForResults holds run until the results of the last keystroke are
// on screen, and reports whether it did: pin and email, pressed straight
// after typing, act on the listing the words typed find, as copy does
// (Desk.pendingCopy). Typing on drops them, as it drops a waiting copy.
func (d *Desk) waitForResults(run func()) bool {
	if d.applied == d.seq {
		return false
	}
	d.extra.waiting = append(d.extra.waiting, waitingAction{seq: d.seq, run: run})
	return true
}

// runWaiting runs the actions waiting for the results now on screen.
func (d *Desk) runWaiting() {
	waiting := d.extra.waiting
	d.extra.waiting = nil
	for _, a := range waiting {
		if a.seq == d.applied {
			a.run()
		}
	}
}

// openDialog shows a dialog with focus on its button, so Enter and Esc
// close it, and gives the focus back to the search box when it closes.
func (d *Desk) openDialog(dlg dialog.Dialog, focus fyne.Focusable) {
	dlg.SetOnClosed(func() {
		if d.extra.open == dlg {
			d.extra.open = nil
		}
		d.win.Canvas().Focus(d.search)
	})
	d.extra.open = dlg
	dlg.Show()
	d.win.Canvas().Focus(focus)
}

// hideDialogs closes the dialog over the window, if the desk opened one.
func (d *Desk) hideDialogs() {
	if d.shortcuts != nil {
		d.shortcuts.Hide()
	}
	if d.extra.open != nil {
		d.extra.open.Hide()
	}
}
