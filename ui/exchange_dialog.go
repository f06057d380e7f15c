package ui

import (
	"context"
	"errors"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// keyButton is a dialog's button that takes Enter as a tap and gives Esc
// to the dialog, so the admin never needs the mouse: a plain Button
// answers only Space, and while it has the focus no other key reaches the
// window.
type keyButton struct {
	widget.Button
	onEscape func()
}

func newKeyButton(text string, imp widget.Importance, tapped, escape func()) *keyButton {
	b := &keyButton{Button: widget.Button{Text: text, Importance: imp, OnTapped: tapped}, onEscape: escape}
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey taps the button on Enter, closes the dialog on Esc, and leaves
// the rest to Button.
func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if b.OnTapped != nil && !b.Disabled() {
			b.OnTapped()
		}
		return
	case fyne.KeyEscape:
		if b.onEscape != nil {
			b.onEscape()
		}
		return
	}
	b.Button.TypedKey(ev)
}

// fileDialog is a dialog of Import, Export or Restore: a heading that says
// what is happening, a progress bar while work runs, content below, and
// buttons whose keys close it.
type fileDialog struct {
	d       *Desk
	dlg     *dialog.CustomDialog
	heading *widget.Label
	detail  *widget.Label
	bar     *widget.ProgressBarInfinite
	// close is the button that closes it: Cancel, or Close once done.
	close *keyButton
	// onClosed runs once the dialog has closed, to stop its work.
	onClosed func()
	// size is the size it opens at, at least fileDialogWidth wide and as
	// high as it needs.
	size fyne.Size
	// top holds the heading, detail and bar; body is top and the content.
	top, body *fyne.Container
	// onDone, when set, runs when the work is over: a button that started
	// it goes.
	onDone func()
}

// newFileDialog makes a dialog titled title around content (which may be
// nil), with a Cancel button first and then extra.
func (d *Desk) newFileDialog(title string, content fyne.CanvasObject, extra ...fyne.CanvasObject) *fileDialog {
	f := &fileDialog{
		d:       d,
		heading: paragraph(""),
		detail:  &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance},
		bar:     widget.NewProgressBarInfinite(),
	}
	f.detail.Hide()
	f.bar.Hide()
	f.bar.Stop()
	f.close = newKeyButton(lang.L("Cancel"), widget.MediumImportance, f.hide, f.hide)
	f.top = container.NewVBox(f.heading, f.detail, f.bar)
	f.body = container.NewBorder(f.top, nil, nil, nil)
	if content != nil {
		f.body.Add(content)
	}
	f.dlg = dialog.NewCustomWithoutButtons(title, f.body, d.win)
	f.dlg.SetButtons(append([]fyne.CanvasObject{f.close}, extra...))
	return f
}

// show opens the dialog with the focus on focus.
func (f *fileDialog) show(focus fyne.Focusable) {
	d := f.d
	d.admin.files = f
	f.dlg.SetOnClosed(func() {
		if d.admin.files == f {
			d.admin.files = nil
		}
		if d.extra.open == f.dlg {
			d.extra.open = nil
		}
		if f.onClosed != nil {
			f.onClosed()
		}
		d.win.Canvas().Focus(d.search)
	})
	d.extra.open = f.dlg
	f.dlg.Show()
	f.fit()
	d.win.Canvas().Focus(focus)
}

// fit sizes the dialog to what it holds now, wide enough that a paragraph
// reads as one, not as a column, and lays it out again.
func (f *fileDialog) fit() {
	// A label shown, hidden or given more lines changes its containers'
	// layout; a resize to the same size would not lay them out again.
	f.top.Refresh()
	f.body.Refresh()
	least := f.dlg.MinSize()
	f.size = fyne.NewSize(max(f.size.Width, least.Width, fileDialogWidth), max(f.size.Height, least.Height))
	f.dlg.Resize(f.size)
}

// fileDialogWidth is the narrowest a file dialog is drawn.
const fileDialogWidth = 600

// hide closes the dialog, unless it is writing: an import, export or
// restore runs to its end, and its Close is off until then.
func (f *fileDialog) hide() {
	if !f.close.Disabled() {
		f.dlg.Hide()
	}
}

// isOpen reports whether the dialog is still the one on show, so work
// that ends after it closed is dropped.
func (f *fileDialog) isOpen() bool { return f.d.admin.files == f }

// working shows what runs now, with the progress bar going.
func (f *fileDialog) working(text string) {
	f.heading.SetText(text)
	f.heading.Importance = widget.MediumImportance
	f.bar.Show()
	f.bar.Start()
	f.fit()
}

// say stops the progress bar and shows text, with more below it in small
// type when more is set.
func (f *fileDialog) say(text, more string, imp widget.Importance) {
	f.bar.Stop()
	f.bar.Hide()
	f.heading.Importance = imp
	f.heading.SetText(text)
	f.detail.SetText(more)
	f.detail.Hidden = more == ""
	f.detail.Refresh()
	f.fit()
}

// done turns Cancel into Close and gives it the focus: the work is over.
func (f *fileDialog) done() {
	f.close.SetText(lang.L("Close"))
	f.close.Importance = widget.HighImportance
	f.close.Enable()
	f.close.Refresh()
	if f.onDone != nil {
		f.onDone()
	}
	f.d.win.Canvas().Focus(f.close)
}

// baseName is the last element of a path, as the admin recognises a file.
func baseName(path string) string {
	if path == "" {
		return ""
	}
	return filepath.Base(path)
}

// fileProblem says in words why a file could not be read or written: the
// store's words for a busy database, else the error's own message, which
// the exchange writes for people.
func fileProblem(err error) string {
	if errors.Is(err, context.Canceled) {
		return lang.L("it was stopped")
	}
	return strings.TrimSuffix(storeProblem(err), ".")
}

// pathPick is a question for a path: a file to open, a folder, or a file
// to save.
type pathPick struct {
	kind pickKind
	// exts limits a file to open to these extensions (".json").
	exts []string
	// title is the chooser's title; name is the file name a save offers;
	// confirm is the chooser's button.
	title, name, confirm string
	// then gets the path chosen; it is not called when the admin cancels.
	then func(path string)
}

type pickKind int

const (
	pickFile pickKind = iota
	pickFolder
	pickSave
)

// pickPath asks for a path with Fyne's choosers, or with what a test put
// in admin.pick.
func (d *Desk) pickPath(p pathPick) {
	if d.admin.pick != nil {
		d.admin.pick(p)
		return
	}
	show := func(fd *dialog.FileDialog) {
		fd.SetConfirmText(p.confirm)
		fd.SetTitleText(p.title)
		fd.Resize(fyne.NewSize(860, 600))
		fd.Show()
	}
	switch p.kind {
	case pickFolder:
		fd := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				p.then(u.Path())
			}
		}, d.win)
		show(fd)
	case pickSave:
		fd := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err == nil && w != nil {
				// Fyne has made the file; the export writes it again.
				w.Close()
				p.then(w.URI().Path())
			}
		}, d.win)
		fd.SetFileName(p.name)
		show(fd)
	default:
		fd := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err == nil && r != nil {
				r.Close()
				p.then(r.URI().Path())
			}
		}, d.win)
		if len(p.exts) > 0 {
			fd.SetFilter(storage.NewExtensionFileFilter(p.exts))
		}
		show(fd)
	}
}
