package ui

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
)

// importFlow is an import in the window: the file chosen, its dry run
// shown for the admin to read, then the import itself and what it did.
// Nothing is written until the admin presses Import on a file with no
// invalid record.
type importFlow struct {
	d    *Desk
	f    *fileDialog
	path string
	// preview is the dry run's report, once read; rows are its lines.
	preview ImportPreview
	rows    []importRow
	list    *adminList
	// full is the selected line in full, wrapped: a problem's message is
	// often longer than a row.
	full *widget.Label
	why  *widget.Label
	run  *keyButton
	// body holds why, the list and full, laid out again as they change.
	body *fyne.Container
}

// importRow is a line of the preview's list.
type importRow struct{ title, sub string }

// onImport asks for the file to import, after the admin password.
func (d *Desk) onImport() { d.startFileWork(d.chooseImport) }

// chooseImport offers the two ways in: a file (JSON, or a zipped CSV
// package), or a folder holding a CSV package. Fyne's file chooser picks
// one or the other, never both.
func (d *Desk) chooseImport() {
	var f *fileDialog
	file := newKeyButton(lang.L("Choose file…"), widget.HighImportance, func() {
		f.hide()
		d.chooseImportFile()
	}, nil)
	folder := newKeyButton(lang.L("Choose folder…"), widget.MediumImportance, func() {
		f.hide()
		d.chooseImportFolder()
	}, nil)
	f = d.newFileDialog(lang.L("Import listings"), nil, folder, file)
	file.onEscape, folder.onEscape = f.hide, f.hide
	f.heading.SetText(lang.L("Choose what to import: a JSON file (HSDS 3.0, or No Wrong Door's own), or an HSDS CSV data package, zipped or as a folder holding datapackage.json. You will see what it changes before anything is written."))
	f.show(file)
}

// chooseImportFile shows the file chooser for JSON files and zipped
// packages.
func (d *Desk) chooseImportFile() {
	d.pickPath(pathPick{kind: pickFile, exts: []string{".json", ".zip"}, title: lang.L("Choose the file to import"), confirm: lang.L("Read"), then: d.previewImport})
}

// chooseImportFolder shows the folder chooser for a CSV data package.
func (d *Desk) chooseImportFolder() {
	d.pickPath(pathPick{kind: pickFolder, title: lang.L("Choose the folder holding datapackage.json"), confirm: lang.L("Read"), then: d.previewImport})
}

// previewImport reads the file at path off the Fyne goroutine and shows
// its dry run; the window stays usable meanwhile.
func (d *Desk) previewImport(path string) {
	if !d.exchangeReady() || d.dialogOpen() {
		return
	}
	d.touchAdmin()
	im, ctx := d.openPreview(path)
	x := d.admin.exchange
	go func() {
		p, err := x.PreviewImport(ctx, path)
		// A statewide file changes 100,000 listings: their lines are
		// worded here, not on the Fyne goroutine.
		rows := previewRows(p)
		d.do(func() { im.showPreview(p, rows, err) })
	}()
}

// openPreview opens the preview dialog saying the file at path is being
// read; ctx ends when the dialog closes.
func (d *Desk) openPreview(path string) (*importFlow, context.Context) {
	im := &importFlow{d: d, path: path, why: &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}}
	im.why.Hide()
	im.list = newAdminList(func() (int, func(int) (string, string)) {
		return len(im.rows), func(i int) (string, string) { return im.rows[i].title, im.rows[i].sub }
	}, func(int) {})
	im.full = &widget.Label{Wrapping: fyne.TextWrapWord}
	im.full.Hide()
	selected := im.list.OnSelected
	im.list.OnSelected = func(i widget.ListItemID) {
		selected(i)
		im.showFull(i)
	}
	im.run = newKeyButton(lang.L("Import"), widget.HighImportance, im.onImport, nil)
	im.run.Disable()
	im.body = container.NewBorder(im.why, im.full, nil, nil, im.list)
	im.f = d.newFileDialog(lang.L("Import {{.Name}}", map[string]any{"Name": baseName(path)}), im.body, im.run)
	im.run.onEscape, im.list.onEscape = im.f.hide, im.f.hide
	im.f.onDone = im.run.Hide
	im.f.size = fyne.NewSize(760, 580)
	ctx, cancel := context.WithCancel(context.Background())
	im.f.onClosed = cancel
	im.f.working(lang.L("Reading {{.Name}}… nothing is written while it is read.", map[string]any{"Name": baseName(path)}))
	im.f.show(im.f.close)
	return im, ctx
}

// showPreview shows the dry run: the counts, then the invalid records,
// the new and the changed listings, and Import when it can go ahead.
func (im *importFlow) showPreview(p ImportPreview, rows []importRow, err error) {
	if !im.f.isOpen() {
		return
	}
	if err != nil {
		im.f.say(lang.L("{{.Name}} could not be read: {{.Error}}. Nothing was imported.", map[string]any{"Name": baseName(im.path), "Error": fileProblem(err)}),
			"", widget.DangerImportance)
		im.f.done()
		return
	}
	im.preview = p
	im.rows = rows
	im.f.say(previewSummary(p), notKeptText(p.NotKept), widget.MediumImportance)
	im.list.reset(min(0, len(im.rows)-1))
	switch {
	case len(p.Invalid) > 0:
		im.why.SetText(lang.N("Import is off: {{.Count}} record is invalid (listed first). Fix the file and choose it again; nothing is imported until every record is valid.",
			len(p.Invalid), map[string]any{"Count": len(p.Invalid)}))
		im.why.Show()
		im.d.win.Canvas().Focus(im.f.close)
	case len(p.Added)+len(p.Updated) == 0:
		im.why.Importance = widget.MediumImportance
		im.why.SetText(lang.L("Nothing to import: the directory already holds every listing in the file as it is."))
		im.why.Show()
		im.d.win.Canvas().Focus(im.f.close)
	default:
		im.run.Enable()
		im.d.win.Canvas().Focus(im.run)
	}
	im.body.Refresh()
}

// showFull shows row i in full below the list, when it is a problem: a
// listing's line is short enough for its row.
func (im *importFlow) showFull(i int) {
	if i < 0 || i >= len(im.preview.Invalid) {
		im.full.Hide()
		im.body.Refresh()
		return
	}
	im.full.SetText(im.rows[i].title + "\n" + im.rows[i].sub)
	im.full.Show()
	im.body.Refresh()
}

// previewSummary is the dry run's first line: "HSDS 3.0 JSON: 12 new ·
// 40 changed · 150 unchanged · 2 invalid".
func previewSummary(p ImportPreview) string {
	counts := strings.Join([]string{
		lang.N("{{.Count}} new", len(p.Added), map[string]any{"Count": len(p.Added)}),
		lang.N("{{.Count}} changed", len(p.Updated), map[string]any{"Count": len(p.Updated)}),
		lang.N("{{.Count}} unchanged", p.Unchanged, map[string]any{"Count": p.Unchanged}),
		lang.N("{{.Count}} invalid", len(p.Invalid), map[string]any{"Count": len(p.Invalid)}),
	}, " · ")
	if p.Format == "" {
		return counts
	}
	return p.Format + ": " + counts
}

// previewRows are the list's lines: the invalid records first, since they
// must be fixed, then the new listings and the changed ones with what
// changes.
func previewRows(p ImportPreview) []importRow {
	rows := make([]importRow, 0, len(p.Invalid)+len(p.Added)+len(p.Updated))
	for _, pr := range p.Invalid {
		rows = append(rows, importRow{problemPlace(pr), pr.Message})
	}
	// Worded once, then filled in: a template per row takes seconds at
	// 100,000 rows.
	added, changed := lang.L("New"), lang.L("Changed")
	changedFields := lang.L("Changed: {{.Fields}}", map[string]any{"Fields": "\x00"})
	for _, c := range p.Added {
		rows = append(rows, importRow{listingName(c), added})
	}
	for _, c := range p.Updated {
		sub := changed
		if len(c.Fields) > 0 {
			sub = strings.Replace(changedFields, "\x00", strings.Join(c.Fields, ", "), 1)
		}
		rows = append(rows, importRow{listingName(c), sub})
	}
	return rows
}

// problemPlace says where in the file a problem is, as the admin finds
// it: "Record 13 (id "slco-wic"), field phones[1].number". Records are
// counted from 1, as people count them.
func problemPlace(p directory.Problem) string {
	var place string
	switch {
	case p.Index < 0:
		place = lang.L("The whole file")
	case p.ID != "":
		place = lang.L("Record {{.Number}} (id “{{.Id}}”)", map[string]any{"Number": p.Index + 1, "Id": p.ID})
	default:
		place = lang.L("Record {{.Number}}", map[string]any{"Number": p.Index + 1})
	}
	if p.Field != "" {
		place += ", " + lang.L("field {{.Field}}", map[string]any{"Field": p.Field})
	}
	return place
}

// listingName is a listing as the preview names it: its name, or its id
// when it has none.
func listingName(c ListingChange) string {
	if c.Name != "" {
		return c.Name
	}
	return c.ID
}

// notKeptText says which of the file's fields the directory leaves out:
// "The directory cannot keep these fields, which are left out:
// accreditations (3 records), funding (12 records)."
func notKeptText(notKept map[string]int) string {
	if len(notKept) == 0 {
		return ""
	}
	parts := make([]string, 0, len(notKept))
	for _, field := range slices.Sorted(maps.Keys(notKept)) {
		n := notKept[field]
		parts = append(parts, fmt.Sprintf("%s (%s)", field, lang.N("{{.Count}} record", n, map[string]any{"Count": n})))
	}
	return lang.L("The directory cannot keep these fields, which are left out: {{.Fields}}.", map[string]any{"Fields": strings.Join(parts, ", ")})
}

// onImport imports the file as the admin, off the Fyne goroutine, then
// reads the directory again so the desk shows what it brought.
func (im *importFlow) onImport() {
	d := im.d
	if len(im.preview.Invalid) > 0 || !d.adminUnlocked() {
		return
	}
	d.touchAdmin()
	im.run.Disable()
	im.f.close.Disable() // an import is all or nothing; it runs to its end
	im.why.Hide()
	im.body.Refresh()
	im.f.working(lang.L("Importing {{.Name}}… a backup of the directory is taken first.", map[string]any{"Name": baseName(im.path)}))
	x, s, actor := d.admin.exchange, d.admin.store, d.admin.actor
	go func() {
		ctx := context.Background()
		var p ImportPreview
		err := retryStore(ctx, func() (err error) {
			p, err = x.Import(ctx, im.path, actor)
			return err
		})
		var r *reload
		if err == nil {
			if got, rerr := readBack(ctx, s); rerr == nil {
				r = &got
			}
		}
		d.do(func() { im.imported(p, r, err) })
	}()
}

// imported says what the import did, and swaps in the directory it made.
func (im *importFlow) imported(p ImportPreview, r *reload, err error) {
	d := im.d
	if r != nil && d.admin.store != nil {
		d.applyReload(*r, "")
	}
	if !im.f.isOpen() {
		if err == nil {
			d.detail.showNotice(importedText(p))
		}
		return
	}
	if err != nil {
		im.f.say(lang.L("Nothing was imported: {{.Error}}.", map[string]any{"Error": fileProblem(err)}), "", widget.DangerImportance)
	} else {
		im.f.say(importedText(p), lang.L("The desk shows the imported listings now."), widget.SuccessImportance)
	}
	im.f.done()
}

// importedText says what an import did: "Imported: 12 added, 40
// updated. A backup was taken first: nowrongdoor-….db".
func importedText(p ImportPreview) string {
	text := lang.L("Imported: {{.Added}} added, {{.Updated}} updated.", map[string]any{"Added": len(p.Added), "Updated": len(p.Updated)})
	if p.BackupPath != "" {
		text += " " + lang.L("A backup was taken first: {{.Name}}", map[string]any{"Name": baseName(p.BackupPath)})
	}
	return text
}
