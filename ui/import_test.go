package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"nowrongdoor/directory"
	"nowrongdoor/directory/search"
)

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

// TestImportRunsToItsEnd: an import is all or nothing, so once it has
// begun Esc does not close its dialog; the dialog says what it did.
func TestImportRunsToItsEnd(t *testing.T) {
	td, _, x, asked := newExchangeDesk(t)
	x.preview = ImportPreview{Added: []ListingChange{{ID: "rose-park-pantry", Name: "Rose Park Pantry"}}}
	x.importHold = make(chan struct{})
	td.onImport()
	td.pressKey(fyne.KeyReturn)
	answer(t, asked, "/files/partner.json")
	td.until("the preview", func() bool { return !keyButtonIn(t, td, "Import").Disabled() })
	td.pressKey(fyne.KeyReturn) // the import begins
	td.pressKey(fyne.KeyEscape)
	td.admin.files.hide() // as Esc on any of its buttons
	if !td.dialogOpen() || td.admin.files == nil {
		t.Fatalf("the dialog closed while the import ran")
	}
	if !strings.Contains(td.admin.files.heading.Text, "Importing partner.json") {
		t.Errorf("while importing the dialog says %q", td.admin.files.heading.Text)
	}
	close(x.importHold)
	td.until("the import", func() bool { return strings.HasPrefix(td.admin.files.heading.Text, "Imported") })
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
			ls := f.onDesk()
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
