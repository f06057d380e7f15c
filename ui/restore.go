package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
)

// restoreFlow is a restore in the window: the backups beside the database,
// newest first (or another file), a confirmation that says what will
// happen, then the restore and the directory read again.
type restoreFlow struct {
	d       *Desk
	f       *fileDialog
	backups []Backup
	list    *adminList
	restore *keyButton
}

// onRestoreBackup lists the backups to restore, after the admin password.
func (d *Desk) onRestoreBackup() { d.startFileWork(d.showBackups) }

func (d *Desk) showBackups() {
	rf := &restoreFlow{d: d}
	rf.list = newAdminList(func() (int, func(int) (string, string)) {
		return len(rf.backups), rf.line
	}, func(i int) { rf.confirm(rf.backups[i]) })
	rf.restore = newKeyButton(lang.L("Restore…"), widget.HighImportance, rf.onRestore, nil)
	rf.restore.Disable()
	other := newKeyButton(lang.L("Choose another file…"), widget.MediumImportance, rf.onOther, nil)
	rf.f = d.newFileDialog(lang.L("Restore a backup"), rf.list, other, rf.restore)
	rf.list.onEscape, rf.restore.onEscape, other.onEscape = rf.f.hide, rf.f.hide, rf.f.hide
	rf.f.size = fyne.NewSize(640, 480)
	rf.f.working(lang.L("Looking for backups…"))
	rf.f.show(rf.list)
	x := d.admin.exchange
	go func() {
		bs, err := x.Backups()
		d.do(func() { rf.showList(bs, err) })
	}()
}

// showList shows the backups, the newest selected.
func (rf *restoreFlow) showList(bs []Backup, err error) {
	if !rf.f.isOpen() {
		return
	}
	switch {
	case err != nil:
		rf.f.say(lang.L("The backups could not be listed: {{.Error}}. Choose another file to restore one you know.", map[string]any{"Error": fileProblem(err)}), "", widget.DangerImportance)
	case len(bs) == 0:
		rf.f.say(lang.L("No backup is kept beside the database yet. Choose another file to restore one kept elsewhere."), "", widget.MediumImportance)
	default:
		rf.f.say(lang.L("Choose the backup to put back. The directory as it is now is kept, so a restore can be undone."), "", widget.MediumImportance)
		rf.restore.Enable()
	}
	rf.backups = bs
	rf.list.reset(min(0, len(bs)-1))
	rf.d.win.Canvas().Focus(rf.list)
}

// line is a backup's row: when it was taken, then why and its file.
func (rf *restoreFlow) line(i int) (string, string) {
	b := rf.backups[i]
	return takenText(b.Taken), joinNonEmpty(" · ", backupKind(b.Kind), baseName(b.Path))
}

// takenText is when a backup was taken, in full: "Monday, Nov 30, 2026 at
// 6:00am", in Salt Lake time.
func takenText(t time.Time) string {
	t = t.In(directory.Denver)
	return lang.L("{{.Weekday}}, {{.Date}} at {{.Time}}", map[string]any{"Weekday": dayName(t.Weekday()), "Date": longDate(t), "Time": clock(t)})
}

// backupKind words why a backup was taken.
func backupKind(kind string) string {
	switch kind {
	case BackupDaily:
		return lang.L("daily backup")
	case BackupBeforeImport:
		return lang.L("taken before an import")
	}
	return kind
}

func (rf *restoreFlow) onRestore() {
	if c := rf.list.cursor; c >= 0 && c < len(rf.backups) {
		rf.confirm(rf.backups[c])
	}
}

// onOther asks for a backup file kept elsewhere.
func (rf *restoreFlow) onOther() {
	rf.f.hide()
	rf.d.pickPath(pathPick{kind: pickFile, exts: []string{".db", ".sqlite", ".bak"}, title: lang.L("Choose the backup to restore"), confirm: lang.L("Choose"), then: func(path string) {
		rf.d.confirmRestore(Backup{Path: path})
	}})
}

// confirm closes the list and asks before restoring b.
func (rf *restoreFlow) confirm(b Backup) {
	rf.f.hide()
	rf.d.confirmRestore(b)
}

// confirmRestore says what a restore of b will do and asks. Esc and
// Cancel keep the directory as it is.
func (d *Desk) confirmRestore(b Backup) {
	if !d.exchangeReady() || d.dialogOpen() {
		return
	}
	d.touchAdmin()
	var f *fileDialog
	var yes *keyButton
	yes = newKeyButton(lang.L("Replace the directory"), widget.DangerImportance, func() {
		yes.Disable()
		d.runRestore(f, b)
	}, nil)
	f = d.newFileDialog(lang.L("Restore this backup?"), nil, yes)
	yes.onEscape = f.hide
	f.onDone = yes.Hide
	f.close.SetText(lang.L("Keep the directory as it is"))
	f.say(restoreQuestion(b), lang.L("Close No Wrong Door on the other desks that share this database first: a restore cannot replace a database another desk has open."), widget.MediumImportance)
	f.show(yes)
}

// restoreQuestion says what a restore of b does.
func restoreQuestion(b Backup) string {
	what := lang.L("the file {{.Name}}", map[string]any{"Name": baseName(b.Path)})
	if !b.Taken.IsZero() {
		what = lang.L("the backup of {{.When}}", map[string]any{"When": takenText(b.Taken)})
	}
	return lang.L("The directory will be replaced by {{.What}}, after it is checked. The current database is kept as a backup beside it, so this can be undone; changes made since the backup are in that kept copy only.", map[string]any{"What": what})
}

// runRestore restores b off the Fyne goroutine, then reads the directory
// again whatever its change count: the restored one is older than the one
// on show.
func (d *Desk) runRestore(f *fileDialog, b Backup) {
	if !d.adminUnlocked() {
		return
	}
	f.close.Disable() // the restore runs to its end
	f.working(lang.L("Checking and restoring {{.Name}}…", map[string]any{"Name": baseName(b.Path)}))
	x, s, actor := d.admin.exchange, d.admin.store, d.admin.actor
	go func() {
		ctx := context.Background()
		kept, err := x.Restore(ctx, b.Path, actor)
		var r *reload
		if err == nil {
			if got, rerr := readBack(ctx, s); rerr == nil {
				r = &got
			}
		}
		d.do(func() { d.restored(f, b, kept, r, err) })
	}()
}

// restored says what the restore did and shows the restored directory.
func (d *Desk) restored(f *fileDialog, b Backup, kept string, r *reload, err error) {
	if err == nil && r != nil {
		d.admin.mark.reset() // the restored count is lower than the one on show
		d.applyReload(*r, "")
	}
	if !f.isOpen() {
		return
	}
	switch {
	case err != nil && inUse(err):
		f.say(lang.L("Another desk or program has the database open, so nothing was restored."),
			lang.L("Close No Wrong Door on the other desks that share this database, and any command using it, then restore again."), widget.DangerImportance)
	case err != nil:
		f.say(lang.L("Nothing was restored: {{.Error}}.", map[string]any{"Error": fileProblem(err)}), "", widget.DangerImportance)
	case r == nil:
		f.say(restoredText(b), lang.L("The directory could not be read again; close No Wrong Door and open it to see the restored listings."), widget.WarningImportance)
	default:
		f.say(restoredText(b), keptText(kept), widget.SuccessImportance)
	}
	f.done()
}

func restoredText(b Backup) string {
	if b.Taken.IsZero() {
		return lang.L("Restored {{.Name}}. The desk shows the restored directory.", map[string]any{"Name": baseName(b.Path)})
	}
	return lang.L("Restored the backup of {{.When}}. The desk shows the restored directory.", map[string]any{"When": takenText(b.Taken)})
}

func keptText(kept string) string {
	if kept == "" {
		return ""
	}
	return lang.L("The directory it replaced is kept as {{.Path}}", map[string]any{"Path": kept})
}

// inUse reports whether a restore failed because the database is open
// elsewhere; an exchange that does not wrap ErrDatabaseInUse is
// recognised by the command line's words.
func inUse(err error) bool {
	return errors.Is(err, ErrDatabaseInUse) || strings.Contains(err.Error(), "has the database open")
}
