package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
)

// archivedList is the dialog of archived listings, hidden from the desk
// and kept: restore one, or delete it for good after a confirmation that
// names it.
type archivedList struct {
	d            *Desk
	dlg          *dialog.CustomDialog
	items        []directory.Listing
	list         *adminList
	heading      *widget.Label
	restore, del *widget.Button
	confirm      *dialog.ConfirmDialog
	busy         bool
	// note says what was last done, above the count.
	note string
}

// onShowArchived opens the archived listings.
func (d *Desk) onShowArchived() {
	if d.admin.store == nil || d.dialogOpen() {
		return
	}
	d.requireAdmin(d.showArchived)
}

func (d *Desk) showArchived() {
	if d.dialogOpen() {
		return
	}
	a := &archivedList{d: d, heading: paragraph(lang.L("Loading…"))}
	a.list = newAdminList(func() (int, func(int) (string, string)) {
		return len(a.items), a.line
	}, func(int) { a.onRestore() })
	a.restore = &widget.Button{Text: lang.L("Restore"), Importance: widget.HighImportance, OnTapped: a.onRestore}
	a.del = &widget.Button{Text: lang.L("Delete…"), Importance: widget.DangerImportance, OnTapped: a.onDelete}
	hint := &widget.Label{Text: lang.L("Archived listings are hidden from the desk and kept. Restore puts one back; Delete removes it for good, keeping its history."),
		Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	d.admin.archived = a
	a.dlg = d.openListDialog(lang.L("Archived listings"), a.heading, hint, a.list, func() {
		if d.admin.archived == a {
			d.admin.archived = nil
		}
	}, a.del, a.restore)
	a.load()
}

// load reads the archived listings off the Fyne goroutine and shows them.
func (a *archivedList) load() {
	s := a.d.admin.store
	go func() {
		var items []directory.Listing
		err := retryStore(context.Background(), func() (err error) {
			items, err = s.Archived(context.Background())
			return err
		})
		a.d.do(func() { a.show(items, err) })
	}()
}

func (a *archivedList) show(items []directory.Listing, err error) {
	if err != nil {
		a.heading.SetText(lang.L("The archived listings could not be read: {{.Error}}. Close this and try again.", map[string]any{"Error": storeProblem(err)}))
		return
	}
	a.items = items
	count := lang.L("No listing is archived.")
	if len(items) > 0 {
		count = lang.N("{{.Count}} archived listing", len(items), map[string]any{"Count": len(items)})
	}
	a.heading.SetText(joinNonEmpty("\n", a.note, count))
	a.list.reset(min(max(a.list.cursor, 0), len(items)-1))
}

func (a *archivedList) line(i int) (string, string) {
	l := a.items[i]
	return l.Name, l.Organization
}

// selected is the listing with the cursor, if any.
func (a *archivedList) selected() (directory.Listing, bool) {
	if a.list.cursor < 0 || a.list.cursor >= len(a.items) {
		return directory.Listing{}, false
	}
	return a.items[a.list.cursor], true
}

// onRestore puts the selected listing back on the desk.
func (a *archivedList) onRestore() {
	l, ok := a.selected()
	if !ok || a.busy {
		return
	}
	a.run(l, func(ctx context.Context, s AdminStore, actor string) error { return s.Restore(ctx, l.ID, actor) },
		lang.L("Restored “{{.Name}}”: it is on the desk again.", map[string]any{"Name": l.Name}))
}

// onDelete asks, naming the listing, and deletes it for good.
func (a *archivedList) onDelete() {
	l, ok := a.selected()
	if !ok || a.busy {
		return
	}
	a.confirm = dialog.NewConfirm(lang.L("Delete for good?"),
		lang.L("Delete “{{.Name}}” for good? Its history is kept, but the listing cannot be brought back.", map[string]any{"Name": l.Name}),
		func(yes bool) {
			a.confirm = nil
			if yes {
				a.run(l, func(ctx context.Context, s AdminStore, actor string) error { return s.Delete(ctx, l.ID, actor) },
					lang.L("Deleted “{{.Name}}”.", map[string]any{"Name": l.Name}))
			}
		}, a.d.win)
	a.confirm.SetConfirmText(lang.L("Delete"))
	a.confirm.SetDismissText(lang.L("Keep it"))
	a.confirm.Show()
}

// run makes a write off the Fyne goroutine, then reads the directory and
// the list again.
func (a *archivedList) run(l directory.Listing, write func(context.Context, AdminStore, string) error, done string) {
	a.busy = true
	a.d.touchAdmin()
	s, actor := a.d.admin.store, a.d.admin.actor
	go func() {
		ctx := context.Background()
		err := retryStore(ctx, func() error { return write(ctx, s, actor) })
		var r *reload
		if err == nil {
			if got, rerr := readBack(ctx, s); rerr == nil {
				r = &got
			}
		}
		a.d.do(func() {
			a.busy = false
			if err != nil {
				a.heading.SetText(lang.L("Nothing was changed: {{.Error}}. Try again.", map[string]any{"Error": storeProblem(err)}))
				return
			}
			a.note = done
			if r != nil {
				a.d.applyReload(*r, "") // reads the list again too
			} else {
				a.load()
			}
		})
	}()
}
