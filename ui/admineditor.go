package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
)

// The editor window's size: room for the form on a 1024×768 screen.
const (
	editorWidth  = 980
	editorHeight = 700
)

// listingEditor is the editor window: the listing form, and Save, Cancel,
// Mark verified, Archive or Restore, Delete and History. It is a window of
// its own so the desk stays readable beside it. Every write runs off the
// Fyne goroutine, and the desk's index is read again after it.
type listingEditor struct {
	d   *Desk
	win fyne.Window
	// orig is the listing as stored when it was opened or last saved; a
	// new listing has a zero UpdatedAt.
	orig  directory.Listing
	isNew bool
	form  *listingForm
	body  *fyne.Container
	// root and buttons are laid out again when a part of them shows,
	// hides or changes its words.
	root, buttons *fyne.Container
	// status says what was done or went wrong, above the form.
	status    *banner
	statusBox *fyne.Container

	save, cancel, verify, archive, restore, del, history *widget.Button
	// busy is set while a write runs; the buttons wait.
	busy bool
}

// openEditor reads the listing with id from the store and opens it in the
// editor.
func (d *Desk) openEditor(id string) {
	if e := d.admin.editor; e != nil {
		if e.orig.ID == id && !e.isNew || e.form.Changed() {
			e.win.RequestFocus()
			if e.orig.ID != id {
				e.say(lang.L("Save or cancel this listing before opening another."), widget.WarningImportance)
			}
			return
		}
		e.close()
	}
	s := d.admin.store
	d.touchAdmin()
	go func() {
		var l directory.Listing
		err := retryStore(context.Background(), func() (err error) {
			l, err = s.Load(context.Background(), id)
			return err
		})
		// A listing stored with rows that cannot be read opens with what
		// could be read, so the admin can fill in the rest and save it
		// whole again.
		var partial partialListing
		damaged := errors.As(err, &partial)
		if damaged {
			l, err = partial.Readable(), nil
		}
		d.do(func() {
			switch {
			case errors.Is(err, directory.ErrNotFound):
				d.detail.showNotice(lang.L("That listing is no longer in the directory."))
			case err != nil:
				d.detail.showNotice(lang.L("The listing could not be opened: {{.Error}}. Try again.", map[string]any{"Error": storeProblem(err)}))
			case d.adminUnlocked():
				e := d.newEditor(l, false)
				if damaged {
					e.say(lang.L("Part of this listing could not be read and is left empty: {{.Error}}. Check every field and save to write it whole again.",
						map[string]any{"Error": storeProblem(partial)}), widget.WarningImportance)
				}
			}
		})
	}()
}

// partialListing is a store's error for a listing stored with rows it
// cannot read, which gives what could be read.
type partialListing interface {
	error
	Readable() directory.Listing
}

// openNewEditor opens the editor on a new listing.
func (d *Desk) openNewEditor() {
	if e := d.admin.editor; e != nil {
		e.win.RequestFocus()
		return
	}
	d.touchAdmin()
	d.newEditor(directory.Listing{}, true)
}

func (d *Desk) newEditor(l directory.Listing, isNew bool) *listingEditor {
	e := &listingEditor{d: d, orig: l, isNew: isNew}
	e.win = d.app.NewWindow("")
	e.status = newBanner("", widget.SuccessImportance)
	e.statusBox = container.NewPadded(e.status)
	e.statusBox.Hide()
	e.body = container.NewStack()
	e.save = &widget.Button{Text: lang.L("Save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: e.onSave}
	e.cancel = &widget.Button{OnTapped: e.onCancel}
	e.verify = &widget.Button{Text: lang.L("Mark verified"), Icon: theme.ConfirmIcon(), OnTapped: e.onVerify}
	e.archive = &widget.Button{Text: lang.L("Archive"), Icon: theme.FolderIcon(), OnTapped: e.onArchive}
	e.restore = &widget.Button{Text: lang.L("Restore"), Icon: theme.HistoryIcon(), OnTapped: e.onRestore}
	e.del = &widget.Button{Text: lang.L("Delete…"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: e.onDelete}
	e.history = &widget.Button{Text: lang.L("History"), Icon: theme.HistoryIcon(), OnTapped: e.onHistory}
	e.buttons = container.NewHBox(e.history, e.verify, e.archive, e.restore, e.del, layout.NewSpacer(), e.cancel, e.save)
	e.root = container.NewBorder(e.statusBox, container.NewPadded(e.buttons), nil, nil, e.body)
	e.win.SetContent(e.root)
	e.win.SetCloseIntercept(e.onCancel)
	e.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape && e.win.Canvas().Overlays().Top() == nil {
			e.onCancel()
		}
	})
	e.win.Resize(fyne.NewSize(editorWidth, editorHeight))
	e.setListing(l)
	d.admin.editor = e
	e.win.Show()
	return e
}

// setListing puts a listing as stored in the form, as when the editor
// opens, after a save and after a reload.
func (e *listingEditor) setListing(l directory.Listing) {
	e.orig = l
	e.form = newListingForm(l, e.isNew, e.d.timeNow)
	e.form.OnChanged(func() {
		e.d.touchAdmin()
		e.update()
	})
	e.body.Objects = []fyne.CanvasObject{e.form.Widget()}
	e.body.Refresh()
	title := lang.L("New listing")
	if !e.isNew {
		title = lang.L("Edit: {{.Name}}", map[string]any{"Name": l.Name})
	}
	e.win.SetTitle(title)
	e.update()
}

// update enables the buttons for what can be done now: Save when
// something changed and the form has no problems, Delete only for an
// archived listing.
func (e *listingEditor) update() {
	changed := e.form.Changed()
	setEnabled(e.save, !e.busy && changed && len(e.form.Problems()) == 0)
	e.cancel.SetText(lang.L("Close"))
	if changed {
		e.cancel.SetText(lang.L("Cancel"))
	}
	setEnabled(e.verify, !e.busy && !e.isNew && !e.orig.Archived)
	setEnabled(e.history, !e.isNew)
	for _, b := range []*widget.Button{e.archive, e.restore, e.del} {
		setEnabled(b, !e.busy)
	}
	setShown(e.archive, !e.isNew && !e.orig.Archived)
	setShown(e.restore, e.orig.Archived)
	setShown(e.del, e.orig.Archived)
	relayout(e.buttons)
}

// setEnabled enables or disables w, leaving it alone (and undrawn) when
// it is already so.
func setEnabled(w fyne.Disableable, on bool) {
	if on && w.Disabled() {
		w.Enable()
	} else if !on && !w.Disabled() {
		w.Disable()
	}
}

func setShown(o fyne.CanvasObject, shown bool) {
	if shown && !o.Visible() {
		o.Show()
	} else if !shown && o.Visible() {
		o.Hide()
	}
}

// say shows a line above the form: what was done, or what went wrong.
func (e *listingEditor) say(text string, imp widget.Importance) {
	e.status.Text, e.status.Importance = text, imp
	e.status.Refresh()
	setShown(e.statusBox, text != "")
	relayout(e.root)
}

// close closes the editor window without asking.
func (e *listingEditor) close() {
	if e == nil {
		return
	}
	if e.d.admin.editor == e {
		e.d.admin.editor = nil
	}
	e.win.Close()
}

// onCancel closes the editor, asking first when changes would be lost.
func (e *listingEditor) onCancel() {
	if !e.form.Changed() {
		e.close()
		return
	}
	dlg := dialog.NewConfirm(lang.L("Discard your changes?"),
		lang.L("Your changes to this listing have not been saved. Discard them?"),
		func(discard bool) {
			if discard {
				e.close()
			}
		}, e.win)
	dlg.SetConfirmText(lang.L("Discard changes"))
	dlg.SetDismissText(lang.L("Keep editing"))
	dlg.Show()
}

// write runs a write off the Fyne goroutine with the buttons waiting, reads
// the directory again after it, and hands both back to done on the Fyne
// goroutine. The read is best left to the poll when it fails.
func (e *listingEditor) write(fn func(ctx context.Context, s AdminStore) error, done func(err error, r *reload)) {
	e.busy = true
	e.update()
	e.d.touchAdmin()
	s := e.d.admin.store
	go func() {
		ctx := context.Background()
		err := fn(ctx, s)
		var r *reload
		if err == nil {
			if got, rerr := readBack(ctx, s); rerr == nil {
				r = &got
			}
		}
		e.d.do(func() {
			e.busy = false
			done(err, r)
			if e.d.admin.editor == e {
				e.update()
			}
		})
	}()
}

// onSave saves the form. Problems found by the store go beside their
// fields; a listing saved meanwhile by someone else is offered to reload.
func (e *listingEditor) onSave() {
	if e.busy || !e.form.Changed() {
		return
	}
	if ps := e.form.Problems(); len(ps) > 0 {
		e.form.ShowProblems(ps)
		e.form.FocusFirstProblem(e.win.Canvas())
		return
	}
	l, base, actor := e.form.Listing(), e.orig.UpdatedAt, e.d.admin.actor
	var saved directory.Listing
	var changes []directory.FieldChange
	e.write(func(ctx context.Context, s AdminStore) error {
		return retryStore(ctx, func() (err error) {
			saved, changes, err = s.Save(ctx, l, base, actor)
			return err
		})
	}, func(err error, r *reload) {
		e.saved(saved, changes, err, r)
	})
}

// saved acts on the store's answer to Save.
func (e *listingEditor) saved(l directory.Listing, changes []directory.FieldChange, err error, r *reload) {
	var ve *directory.ValidationError
	switch {
	case err == nil:
		e.isNew = false
		e.setListing(l)
		done := savedText(changes)
		e.say(done, widget.SuccessImportance)
		if r != nil {
			e.d.applyReload(*r, l.ID)
		}
		if cur := e.d.current(); cur != nil && cur.ID == l.ID {
			e.d.detail.showDone(done)
		}
	case errors.As(err, &ve):
		e.form.ShowProblems(ve.Problems)
		e.form.FocusFirstProblem(e.win.Canvas())
		e.say(lang.N("The listing was not saved: {{.Count}} problem to fix, shown beside its field.", len(ve.Problems), map[string]any{"Count": len(ve.Problems)}), widget.DangerImportance)
	case errors.Is(err, directory.ErrConflict):
		e.say(lang.L("Not saved: someone else saved this listing after you opened it."), widget.DangerImportance)
		e.offerReload()
	case errors.Is(err, directory.ErrExists):
		e.form.ShowProblems([]directory.Problem{{Field: "id", Message: lang.L("Another listing has this id; choose another.")}})
		e.form.FocusFirstProblem(e.win.Canvas())
		e.say(lang.L("Not saved: another listing has this id."), widget.DangerImportance)
	case errors.Is(err, directory.ErrNotFound):
		e.say(lang.L("Not saved: this listing was deleted at another desk."), widget.DangerImportance)
	default:
		e.say(lang.L("Not saved: {{.Error}}. Nothing was changed; try again.", map[string]any{"Error": storeProblem(err)}), widget.DangerImportance)
	}
}

// savedText confirms a save with the fields it changed: "Saved: Phones,
// Hours".
func savedText(changes []directory.FieldChange) string {
	if len(changes) == 0 {
		return lang.L("Nothing had changed, so nothing was saved.")
	}
	var names []string
	seen := map[string]bool{}
	for _, c := range changes {
		if n := fieldLabel(c.Field); !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	return lang.L("Saved: {{.Fields}}", map[string]any{"Fields": strings.Join(names, ", ")})
}

// offerReload tells the admin someone else saved the listing meanwhile,
// and offers to open it as it is now.
func (e *listingEditor) offerReload() {
	dlg := dialog.NewConfirm(lang.L("Someone else saved this listing"),
		lang.L("Another admin saved “{{.Name}}” after you opened it, so your changes were not saved. Reload it to see theirs, then make yours again.",
			map[string]any{"Name": e.orig.Name}),
		func(reload bool) {
			if reload {
				e.reload()
			}
		}, e.win)
	dlg.SetConfirmText(lang.L("Reload"))
	dlg.SetDismissText(lang.L("Keep my changes on screen"))
	dlg.Show()
}

// reload reads the listing again and puts it in the form, dropping the
// changes made to it.
func (e *listingEditor) reload() {
	id := e.orig.ID
	var l directory.Listing
	e.write(func(ctx context.Context, s AdminStore) error {
		return retryStore(ctx, func() (err error) {
			l, err = s.Load(ctx, id)
			return err
		})
	}, func(err error, _ *reload) {
		if err != nil {
			e.say(lang.L("The listing could not be read again: {{.Error}}", map[string]any{"Error": storeProblem(err)}), widget.DangerImportance)
			return
		}
		e.setListing(l)
		e.say(lang.L("Reloaded: this is the listing as it is saved now."), widget.SuccessImportance)
	})
}

// onVerify records that the admin checked the listing today. Changes not
// saved come first, so the form stays in step with the store.
func (e *listingEditor) onVerify() {
	if e.busy {
		return
	}
	if e.form.Changed() {
		e.say(lang.L("Save or cancel your changes first, then mark the listing verified."), widget.WarningImportance)
		return
	}
	id, actor := e.orig.ID, e.d.admin.actor
	var l directory.Listing
	e.write(func(ctx context.Context, s AdminStore) error {
		return retryStore(ctx, func() (err error) {
			l, err = s.MarkVerified(ctx, id, actor)
			return err
		})
	}, func(err error, r *reload) {
		if err != nil {
			e.say(lang.L("Not marked verified: {{.Error}}. Try again.", map[string]any{"Error": storeProblem(err)}), widget.DangerImportance)
			return
		}
		e.setListing(l)
		done := lang.L("Marked verified today by {{.Name}}.", map[string]any{"Name": actor})
		e.say(done, widget.SuccessImportance)
		if r != nil {
			e.d.applyReload(*r, "")
		}
	})
}

// onArchive hides the listing from the desk and keeps it.
func (e *listingEditor) onArchive() {
	e.archiveOrRestore(true)
}

// onRestore puts an archived listing back on the desk.
func (e *listingEditor) onRestore() {
	e.archiveOrRestore(false)
}

func (e *listingEditor) archiveOrRestore(archive bool) {
	if e.busy {
		return
	}
	if e.form.Changed() {
		e.say(lang.L("Save or cancel your changes first."), widget.WarningImportance)
		return
	}
	id, actor := e.orig.ID, e.d.admin.actor
	var l directory.Listing
	e.write(func(ctx context.Context, s AdminStore) error {
		return retryStore(ctx, func() error {
			var err error
			if archive {
				err = s.Archive(ctx, id, actor)
			} else {
				err = s.Restore(ctx, id, actor)
			}
			if err != nil {
				return err
			}
			l, err = s.Load(ctx, id)
			return err
		})
	}, func(err error, r *reload) {
		if err != nil {
			e.say(lang.L("Nothing was changed: {{.Error}}. Try again.", map[string]any{"Error": storeProblem(err)}), widget.DangerImportance)
			return
		}
		e.setListing(l)
		if archive {
			e.say(lang.L("Archived: hidden from the desk and kept. Restore puts it back."), widget.WarningImportance)
		} else {
			e.say(lang.L("Restored: the listing is on the desk again."), widget.SuccessImportance)
		}
		if r != nil {
			e.d.applyReload(*r, "")
		}
	})
}

// onDelete removes an archived listing for good, after a confirmation
// that names it.
func (e *listingEditor) onDelete() {
	if e.busy || !e.orig.Archived {
		return
	}
	name := e.orig.Name
	dlg := dialog.NewConfirm(lang.L("Delete for good?"),
		lang.L("Delete “{{.Name}}” for good? Its history is kept, but the listing cannot be brought back.", map[string]any{"Name": name}),
		func(ok bool) {
			if ok {
				e.deleteNow()
			}
		}, e.win)
	dlg.SetConfirmText(lang.L("Delete"))
	dlg.SetDismissText(lang.L("Keep it"))
	dlg.Show()
}

func (e *listingEditor) deleteNow() {
	id, name, actor := e.orig.ID, e.orig.Name, e.d.admin.actor
	e.write(func(ctx context.Context, s AdminStore) error {
		return retryStore(ctx, func() error { return s.Delete(ctx, id, actor) })
	}, func(err error, r *reload) {
		if err != nil {
			e.say(lang.L("Not deleted: {{.Error}}", map[string]any{"Error": storeProblem(err)}), widget.DangerImportance)
			return
		}
		e.close()
		if r != nil {
			e.d.applyReload(*r, "")
		}
		e.d.detail.notify(lang.L("Deleted “{{.Name}}”.", map[string]any{"Name": name}), widget.SuccessImportance)
	})
}

// otherSaved checks, after the desk read the directory again, whether
// another desk saved the listing open here. Unchanged, the form takes the
// listing as saved now; with changes, the admin is warned before Save
// would be refused.
func (e *listingEditor) otherSaved() {
	if e.isNew || e.busy {
		return
	}
	l, ok := e.d.dir.Listing(e.orig.ID)
	if !ok || l.UpdatedAt.IsZero() || l.UpdatedAt.Equal(e.orig.UpdatedAt) {
		return
	}
	if !e.form.Changed() {
		e.setListing(*l)
		e.say(lang.L("Another desk saved this listing; it is shown here as saved now."), widget.WarningImportance)
		return
	}
	e.say(lang.L("Another desk saved this listing after you opened it. Saving will be refused: note your changes, then reload."), widget.WarningImportance)
}
