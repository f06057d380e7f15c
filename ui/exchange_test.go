package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
	"nowrongdoor/directory/search"
)

// newExchangeDesk is an admin desk, unlocked as Jane Doe, with a fake
// exchange over its store, whose questions for a path are answered by
// answer (nil cancels them) and recorded in asked.
func newExchangeDesk(t *testing.T) (*testDesk, *fakeAdminStore, *fakeExchange, *[]pathPick) {
	t.Helper()
	td, f := newAdminDesk(t)
	x := &fakeExchange{store: f}
	td.SetExchange(x)
	asked := &[]pathPick{}
	td.admin.pick = func(p pathPick) { *asked = append(*asked, p) }
	td.unlockAs("Jane Doe")
	return td, f, x, asked
}

// answer answers the last question for a path with path, as the admin
// choosing it would.
func answer(t *testing.T, asked *[]pathPick, path string) pathPick {
	t.Helper()
	if len(*asked) == 0 {
		t.Fatalf("nothing asked for a path")
	}
	p := (*asked)[len(*asked)-1]
	p.then(path)
	return p
}

// focusedText is the text of the focused button, or "" when no button
// has the focus.
func focusedText(td *testDesk) string {
	if b, ok := td.win.Canvas().Focused().(*keyButton); ok {
		return b.Text
	}
	return ""
}

func TestFileItemsNeedAnExchange(t *testing.T) {
	td, _ := newAdminDesk(t)
	td.unlockAs("Jane Doe")
	for _, it := range td.admin.fileItems {
		if !it.Disabled {
			t.Errorf("without an exchange, %q should be disabled", it.Label)
		}
	}
	td.SetExchange(&fakeExchange{})
	var labels []string
	for _, it := range td.admin.fileItems {
		labels = append(labels, it.Label)
		if it.Disabled {
			t.Errorf("with an exchange, %q should be enabled", it.Label)
		}
	}
	if want := "Import file…|Export…|Restore backup…"; strings.Join(labels, "|") != want {
		t.Errorf("Admin menu file items = %q, want %q", labels, want)
	}
}

// TestImportAsksForThePassword: a locked desk asks for the admin password
// before anything about files.
func TestImportAsksForThePassword(t *testing.T) {
	td, f := newAdminDesk(t)
	td.SetExchange(&fakeExchange{store: f})
	td.admin.fileItems[0].Action()
	td.until("the unlock dialog", func() bool { return td.admin.unlock != nil })
	if td.admin.files != nil {
		t.Errorf("the import dialog opened before the password was given")
	}
}

// TestImportPreviewInvalid: the dry run's counts, the invalid records
// with their number, field and message, what the directory cannot keep,
// and Import disabled with the reason said. Esc closes it, and nothing is
// imported.
func TestImportPreviewInvalid(t *testing.T) {
	td, _, x, asked := newExchangeDesk(t)
	x.preview = ImportPreview{
		Format:    "HSDS 3.0 JSON",
		Added:     []ListingChange{{ID: "new-pantry", Name: "Rose Park Pantry"}},
		Updated:   []ListingChange{{ID: "utah-food-bank", Name: "Utah Food Bank", Fields: []string{"phones", "hours"}}},
		Unchanged: 3,
		Invalid: []directory.Problem{
			{Index: 2, ID: "bad-phone", Field: "phones[0].number", Message: "the number has 6 digits; give 10"},
			{Index: 7, Field: "name", Message: "name is empty; give the listing a name"},
		},
		NotKept: map[string]int{"accreditations": 4, "funding": 1},
	}
	x.hold = make(chan struct{})
	td.onImport()
	if got := focusedText(td); got != "Choose file…" {
		t.Fatalf("the first dialog focuses %q, want Choose file…", got)
	}
	td.pressKey(fyne.KeyReturn)
	p := answer(t, asked, "/files/partner.json")
	if p.kind != pickFile || strings.Join(p.exts, ",") != ".json,.zip" {
		t.Errorf("Choose file… asked for %+v, want a .json or .zip file", p)
	}
	if f := td.admin.files; f == nil || !strings.Contains(f.heading.Text, "Reading partner.json") {
		t.Fatalf("while the file is read the dialog should say so; it shows:\n%s", overlayText(td.win.Canvas()))
	}
	im := keyButtonIn(t, td, "Import")
	if !im.Disabled() {
		t.Errorf("Import is enabled before the file was read")
	}
	close(x.hold)
	td.until("the preview", func() bool { return td.admin.files != nil && strings.Contains(td.admin.files.heading.Text, "new") })
	shown := overlayText(td.win.Canvas())
	for _, want := range []string{
		"HSDS 3.0 JSON: 1 new · 1 changed · 3 unchanged · 2 invalid",
		"Import is off: 2 records are invalid",
		"Record 3 (id “bad-phone”), field phones[0].number",
		"the number has 6 digits; give 10",
		"Record 8, field name",
		"Rose Park Pantry",
		"Changed: phones, hours",
		"accreditations (4 records), funding (1 record)",
		// The first problem in full below the list, however long.
		"Record 3 (id “bad-phone”), field phones[0].number\nthe number has 6 digits; give 10",
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("the preview does not show %q; it shows:\n%s", want, shown)
		}
	}
	if !im.Disabled() {
		t.Errorf("Import is enabled with invalid records")
	}
	if got := focusedText(td); got != "Cancel" {
		t.Errorf("with Import off the focus is on %q, want Cancel", got)
	}
	td.pressKey(fyne.KeyEscape)
	if td.admin.files != nil || td.dialogOpen() {
		t.Errorf("Esc left the preview open")
	}
	if _, imports, _, _ := x.calls(); len(imports) != 0 {
		t.Errorf("Import was called %d times; an invalid file imports nothing", len(imports))
	}
}

// TestImportRuns: Enter on Import imports as the admin, then the dialog
// names the backup taken first and the desk shows the new listing.
func TestImportRuns(t *testing.T) {
	td, _, x, asked := newExchangeDesk(t)
	x.preview = ImportPreview{
		Format:  "HSDS CSV data package",
		Added:   []ListingChange{{ID: "rose-park-pantry", Name: "Rose Park Pantry"}},
		Updated: []ListingChange{{ID: "utah-food-bank", Name: "Utah Food Bank", Fields: []string{"phones"}}},
	}
	td.onImport()
	keyButtonIn(t, td, "Choose folder…").OnTapped()
	p := answer(t, asked, "/files/package")
	if p.kind != pickFolder {
		t.Errorf("Choose folder… asked for %+v, want a folder", p)
	}
	td.until("the preview", func() bool { return td.admin.files != nil && strings.Contains(td.admin.files.heading.Text, "new") })
	if got := focusedText(td); got != "Import" {
		t.Fatalf("the preview focuses %q, want Import", got)
	}
	td.pressKey(fyne.KeyReturn)
	td.until("the import", func() bool { return strings.Contains(td.admin.files.heading.Text, "Imported") })
	_, imports, _, _ := x.calls()
	if len(imports) != 1 || imports[0] != (importCall{"/files/package", "Jane Doe"}) {
		t.Errorf("Import calls = %+v, want one of /files/package as Jane Doe", imports)
	}
	if want := "Imported: 1 added, 1 updated. A backup was taken first: nowrongdoor-before-import.db"; td.admin.files.heading.Text != want {
		t.Errorf("after the import the dialog says %q, want %q", td.admin.files.heading.Text, want)
	}
	if _, ok := td.dir.Listing("rose-park-pantry"); !ok {
		t.Errorf("the desk does not have the imported listing")
	}
	if got := focusedText(td); got != "Close" {
		t.Errorf("after the import the focus is on %q, want Close", got)
	}
	td.pressKey(fyne.KeyReturn)
	if td.dialogOpen() {
		t.Errorf("Enter on Close left the dialog open")
	}
}

func TestImportErrorsSaid(t *testing.T) {
	td, _, x, asked := newExchangeDesk(t)
	x.previewErr = fmt.Errorf("read partner.json: %w", errors.New("line 3: a comma is missing after \"name\""))
	td.onImport()
	td.pressKey(fyne.KeyReturn)
	answer(t, asked, "/files/partner.json")
	td.until("the error", func() bool { return strings.Contains(td.admin.files.heading.Text, "could not be read") })
	if want := "partner.json could not be read: read partner.json: line 3: a comma is missing after \"name\". Nothing was imported."; td.admin.files.heading.Text != want {
		t.Errorf("a file that cannot be read says %q, want %q", td.admin.files.heading.Text, want)
	}

	// The file is valid, but the import fails: a busy store is tried
	// again, then said in words.
	td.pressKey(fyne.KeyEscape)
	x.previewErr, x.importErr = nil, errBusy
	x.preview = ImportPreview{Added: []ListingChange{{ID: "a", Name: "A"}}}
	td.onImport()
	td.pressKey(fyne.KeyReturn)
	answer(t, asked, "/files/partner.json")
	td.until("the preview", func() bool { return !keyButtonIn(t, td, "Import").Disabled() })
	td.pressKey(fyne.KeyReturn)
	td.until("the error", func() bool { return strings.Contains(td.admin.files.heading.Text, "Nothing was imported") })
	if !strings.Contains(td.admin.files.heading.Text, "another desk is saving") {
		t.Errorf("a busy store says %q, want it in words", td.admin.files.heading.Text)
	}
	if _, imports, _, _ := x.calls(); len(imports) != storeTries {
		t.Errorf("a busy store was tried %d times, want %d", len(imports), storeTries)
	}
}

// keyButtonIn finds a button of the dialog on top by its text.
func keyButtonIn(t *testing.T, td *testDesk, text string) *keyButton {
	t.Helper()
	for _, o := range visibleObjects(td.win.Canvas().Overlays().Top()) {
		if b, ok := o.(*keyButton); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("the dialog has no %q button; it shows:\n%s", text, overlayText(td.win.Canvas()))
	return nil
}

func radioIn(t *testing.T, c fyne.Canvas) *widget.RadioGroup {
	t.Helper()
	for _, o := range visibleObjects(c.Overlays().Top()) {
		if r, ok := o.(*widget.RadioGroup); ok {
			return r
		}
	}
	t.Fatalf("no choice of format in:\n%s", overlayText(c))
	return nil
}

// TestExportPassesTheChosenFormat: the format chosen by its label reaches
// Export by its name, to the file chosen, and the count is said.
func TestExportPassesTheChosenFormat(t *testing.T) {
	td, _, x, asked := newExchangeDesk(t)
	td.onExport()
	r := radioIn(t, td.win.Canvas())
	if r.Selected != testFormats[0].Label {
		t.Errorf("the first format chosen is %q, want %q", r.Selected, testFormats[0].Label)
	}
	r.SetSelected("Spreadsheet (CSV)")
	if got := focusedText(td); got != "Export…" {
		t.Fatalf("the format dialog focuses %q, want Export…", got)
	}
	td.pressKey(fyne.KeyReturn)
	out := t.TempDir() + "/listings.csv"
	p := answer(t, asked, out)
	if p.kind != pickSave || p.name != "nowrongdoor-2026-11-25.csv" {
		t.Errorf("Export… asked for %+v, want to save nowrongdoor-2026-11-25.csv", p)
	}
	td.until("the export", func() bool { return strings.Contains(td.admin.files.heading.Text, "Exported") })
	if _, _, exports, _ := x.calls(); len(exports) != 1 || exports[0] != (exportCall{out, "csv"}) {
		t.Errorf("Export calls = %+v, want one of %s as csv", exports, out)
	}
	if want := "Exported 5 listings to listings.csv."; td.admin.files.heading.Text != want {
		t.Errorf("after the export the dialog says %q, want %q", td.admin.files.heading.Text, want)
	}
	if td.admin.files.detail.Text != out {
		t.Errorf("the dialog gives the path as %q, want %q", td.admin.files.detail.Text, out)
	}
}

// TestExportFolder: a package of files goes in a new folder inside the
// one chosen, never into an older export.
func TestExportFolder(t *testing.T) {
	td, _, x, asked := newExchangeDesk(t)
	dir := t.TempDir()
	if err := os.Mkdir(dir+"/nowrongdoor-2026-11-25-hsds-csv", 0o755); err != nil {
		t.Fatal(err)
	}
	td.onExport()
	radioIn(t, td.win.Canvas()).SetSelected("HSDS CSV data package (a folder)")
	td.pressKey(fyne.KeyReturn)
	if p := answer(t, asked, dir); p.kind != pickFolder {
		t.Errorf("a folder format asked for %+v, want a folder", p)
	}
	td.until("the export", func() bool { return strings.Contains(td.admin.files.heading.Text, "Exported") })
	want := exportCall{dir + "/nowrongdoor-2026-11-25-hsds-csv-2", "hsds-csv"}
	if _, _, exports, _ := x.calls(); len(exports) != 1 || exports[0] != want {
		t.Errorf("Export calls = %+v, want %+v", exports, want)
	}
}

func TestExportErrorSaid(t *testing.T) {
	td, _, x, asked := newExchangeDesk(t)
	x.exportErr = errors.New("write listings.json: no space left on device")
	td.onExport()
	td.pressKey(fyne.KeyReturn)
	out := t.TempDir() + "/listings.json"
	if err := os.WriteFile(out, nil, 0o644); err != nil { // as the save chooser leaves it
		t.Fatal(err)
	}
	answer(t, asked, out)
	td.until("the error", func() bool { return strings.Contains(td.admin.files.heading.Text, "could not") })
	if want := "The directory could not be exported: write listings.json: no space left on device."; td.admin.files.heading.Text != want {
		t.Errorf("a failed export says %q, want %q", td.admin.files.heading.Text, want)
	}
	if exists(out) {
		t.Errorf("a failed export left the empty file %s", out)
	}
}

// TestRestoreConfirmsAndReloads: the backups newest first with when and
// why; Enter asks, saying what will happen; Esc keeps the directory;
// confirming restores and the desk shows the restored directory, though
// it counts fewer changes.
func TestRestoreConfirmsAndReloads(t *testing.T) {
	td, f, x, _ := newExchangeDesk(t)
	f.count = 40
	x.backups = []Backup{
		{Path: "/data/backups/nowrongdoor-2026-11-25.db", Taken: testNow.Add(-4*time.Hour - 30*time.Minute), Kind: BackupDaily},
		{Path: "/data/backups/nowrongdoor-2026-11-24-import.db", Taken: testNow.Add(-24 * time.Hour), Kind: BackupBeforeImport},
	}
	ls, _ := f.Listings(context.Background())
	x.restored = ls[:2]
	td.onRestoreBackup()
	td.until("the backups", func() bool {
		return td.admin.files != nil && strings.Contains(td.admin.files.heading.Text, "Choose the backup")
	})
	shown := overlayText(td.win.Canvas())
	for _, want := range []string{
		"Wednesday, Nov 25, 2026 at 6:00am", "daily backup · nowrongdoor-2026-11-25.db",
		"Tuesday, Nov 24, 2026 at 10:30am", "taken before an import",
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("the backups do not show %q; they show:\n%s", want, shown)
		}
	}
	td.pressKey(fyne.KeyReturn) // the newest is selected
	question := td.admin.files.heading.Text
	if want := "The directory will be replaced by the backup of Wednesday, Nov 25, 2026 at 6:00am"; !strings.HasPrefix(question, want) ||
		!strings.Contains(question, "The current database is kept") {
		t.Errorf("the confirmation says %q, want it to start %q and say the current one is kept", question, want)
	}
	td.pressKey(fyne.KeyEscape)
	if td.dialogOpen() {
		t.Fatalf("Esc left the confirmation open")
	}
	if _, _, _, restores := x.calls(); len(restores) != 0 {
		t.Fatalf("Esc restored %v", restores)
	}

	td.onRestoreBackup()
	td.until("the backups", func() bool {
		return td.admin.files != nil && strings.Contains(td.admin.files.heading.Text, "Choose the backup")
	})
	td.pressKey(fyne.KeyDown)
	keyButtonIn(t, td, "Restore…").OnTapped()
	if got := focusedText(td); got != "Replace the directory" {
		t.Fatalf("the confirmation focuses %q, want Replace the directory", got)
	}
	td.pressKey(fyne.KeyReturn)
	td.until("the restore", func() bool { return strings.HasPrefix(td.admin.files.heading.Text, "Restored") })
	if _, _, _, restores := x.calls(); len(restores) != 1 || restores[0] != x.backups[1].Path {
		t.Errorf("Restore calls = %v, want the second backup", restores)
	}
	if want := "Restored the backup of Tuesday, Nov 24, 2026 at 10:30am. The desk shows the restored directory."; td.admin.files.heading.Text != want {
		t.Errorf("after the restore the dialog says %q, want %q", td.admin.files.heading.Text, want)
	}
	if want := "The directory it replaced is kept as /data/nowrongdoor.db.replaced-2026-11-25-103000"; td.admin.files.detail.Text != want {
		t.Errorf("the dialog says %q, want %q", td.admin.files.detail.Text, want)
	}
	if _, ok := td.dir.Listing(ls[4].ID); ok {
		t.Errorf("the desk still has %s, which the backup does not", ls[4].ID)
	}
	if _, ok := td.dir.Listing(ls[0].ID); !ok {
		t.Errorf("the desk lacks %s, which the backup has", ls[0].ID)
	}
}

// TestRestoreInUse: while another desk has the database open, nothing is
// restored and the admin is told what to do.
func TestRestoreInUse(t *testing.T) {
	td, _, x, asked := newExchangeDesk(t)
	x.restoreErr = errInUse
	td.onRestoreBackup()
	td.until("the backups", func() bool {
		return td.admin.files != nil && strings.Contains(td.admin.files.heading.Text, "No backup")
	})
	keyButtonIn(t, td, "Choose another file…").OnTapped()
	p := answer(t, asked, "/usb/nowrongdoor-copy.db")
	if p.kind != pickFile {
		t.Errorf("Choose another file… asked for %+v, want a file", p)
	}
	if want := "The directory will be replaced by the file nowrongdoor-copy.db"; !strings.HasPrefix(td.admin.files.heading.Text, want) {
		t.Errorf("the confirmation says %q, want it to start %q", td.admin.files.heading.Text, want)
	}
	td.pressKey(fyne.KeyReturn)
	td.until("the answer", func() bool { return strings.Contains(td.admin.files.heading.Text, "nothing was restored") })
	if want := "Another desk or program has the database open, so nothing was restored."; td.admin.files.heading.Text != want {
		t.Errorf("the dialog says %q, want %q", td.admin.files.heading.Text, want)
	}
	if !strings.Contains(td.admin.files.detail.Text, "Close No Wrong Door on the other desks") {
		t.Errorf("the dialog does not say what to do: %q", td.admin.files.detail.Text)
	}
}

// TestLockClosesFileDialogs: admin mode locking closes a file dialog, so
// a desk left alone does not keep one open for anyone.
func TestLockClosesFileDialogs(t *testing.T) {
	td, _, _, _ := newExchangeDesk(t)
	td.onExport()
	if td.admin.files == nil {
		t.Fatalf("the export dialog did not open")
	}
	td.lockAdmin()
	if td.admin.files != nil || td.dialogOpen() {
		t.Errorf("locking left the export dialog open")
	}
}

// TestImportReadingCanBeStopped: Esc while a big file is read closes the
// dialog and stops the reading; its late answer opens nothing.
func TestImportReadingCanBeStopped(t *testing.T) {
	td, _, x, asked := newExchangeDesk(t)
	x.hold = make(chan struct{}) // never released: only the stop ends it
	x.preview = ImportPreview{Added: []ListingChange{{ID: "a", Name: "A"}}}
	td.onImport()
	td.pressKey(fyne.KeyReturn)
	answer(t, asked, "/files/statewide.json")
	if got := focusedText(td); got != "Cancel" {
		t.Fatalf("while reading the focus is on %q, want Cancel", got)
	}
	td.pressKey(fyne.KeyEscape)
	if td.dialogOpen() {
		t.Fatalf("Esc left the dialog open while reading")
	}
	// The stopped reading hands its answer back; it must open nothing.
	td.until("the stopped reading", func() bool { return len(td.queue) > 0 })
	(<-td.queue)()
	if td.dialogOpen() || td.admin.files != nil {
		t.Errorf("a stopped reading opened a dialog:\n%s", overlayText(td.win.Canvas()))
	}
}

// TestImportNothingToDo: a file the directory already holds as it is
// offers no Import, and says why.
func TestImportNothingToDo(t *testing.T) {
	td, _, x, asked := newExchangeDesk(t)
	x.preview = ImportPreview{Format: "No Wrong Door JSON", Unchanged: 210}
	td.onImport()
	td.pressKey(fyne.KeyReturn)
	answer(t, asked, "/files/agencies.json")
	td.until("the preview", func() bool {
		return td.admin.files != nil && strings.Contains(td.admin.files.heading.Text, "210 unchanged")
	})
	if !keyButtonIn(t, td, "Import").Disabled() {
		t.Errorf("Import is enabled with nothing to import")
	}
	if shown := overlayText(td.win.Canvas()); !strings.Contains(shown, "Nothing to import: the directory already holds every listing") {
		t.Errorf("the preview does not say why Import is off:\n%s", shown)
	}
}

// BenchmarkPreviewRows words the lines of a statewide import's preview:
// 100,000 changed listings, off the Fyne goroutine.
func BenchmarkPreviewRows(b *testing.B) {
	addTranslations()
	p := ImportPreview{Updated: make([]ListingChange, 100_000)}
	for i := range p.Updated {
		p.Updated[i] = ListingChange{ID: fmt.Sprint("id-", i), Name: fmt.Sprint("Listing ", i), Fields: []string{"phones", "schedules"}}
	}
	for b.Loop() {
		if rows := previewRows(p); len(rows) != len(p.Updated) {
			b.Fatalf("%d rows, want %d", len(rows), len(p.Updated))
		}
	}
}

// BenchmarkShowPreview shows an import's preview on the Fyne goroutine,
// for a county file and a statewide one: the list draws only the rows in
// sight, so a statewide file must take no longer than a county one.
func BenchmarkShowPreview(b *testing.B) {
	for _, n := range []int{200, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			f := newFakeAdminStore(fixtureListings())
			ls, _ := f.Listings(context.Background())
			td := newTestDesk(b, search.NewIndex(ls))
			td.SetAdmin(f)
			td.SetExchange(&fakeExchange{store: f})
			td.unlocked("Jane Doe")
			b.Cleanup(td.stopPolling)
			p := ImportPreview{Updated: make([]ListingChange, n)}
			for i := range p.Updated {
				p.Updated[i] = ListingChange{ID: fmt.Sprint("id-", i), Name: fmt.Sprint("Listing ", i), Fields: []string{"phones"}}
			}
			im, _ := td.openPreview("/files/statewide.json")
			rows := previewRows(p)
			for b.Loop() {
				im.showPreview(p, rows, nil)
			}
		})
	}
}
