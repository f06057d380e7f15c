package ui

import (
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"nowrongdoor/directory"
	"nowrongdoor/directory/search"
)

// TestExchangeShots draws Import, Export and Restore at 1024×768 into PNG
// files for a person to look at, when NOWRONGDOOR_SHOTS names a folder:
//
//	NOWRONGDOOR_SHOTS=DIR [NOWRONGDOOR_SHOTS_LANG=es] go test -run TestExchangeShots ./ui
//
// It asserts nothing; PNG comparisons are flaky across machines.
func TestExchangeShots(t *testing.T) {
	dir, code := os.Getenv("NOWRONGDOOR_SHOTS"), os.Getenv("NOWRONGDOOR_SHOTS_LANG")
	if dir == "" {
		t.Skip("NOWRONGDOOR_SHOTS names no folder for the screenshots")
	}
	if code == "" {
		code = languageEnglish
	}
	a := test.NewTempApp(t)
	if code == languageSpanish {
		a.Preferences().SetString(prefLanguage, languageSpanish)
		t.Cleanup(func() { setLanguage(languageSystem) })
	}
	f := newFakeAdminStore(defaultListings(t))
	all := f.onDesk()
	td := newTestDeskOn(t, a, search.NewIndex(all))
	td.win.Resize(fyne.NewSize(1024, 768))
	shot := func(name string) { saveShot(t, td.win.Canvas(), dir, code+"-"+name) }
	td.SetAdmin(f)
	x := &fakeExchange{store: f}
	td.SetExchange(x)
	var asked []pathPick
	td.admin.pick = func(p pathPick) { asked = append(asked, p) }
	td.show()
	td.unlockAs("Jane Doe")
	shot("header")

	x.preview = ImportPreview{
		Format:    "HSDS 3.0 JSON",
		Added:     []ListingChange{{ID: "rose-park-pantry", Name: "Rose Park Community Pantry"}},
		Updated:   []ListingChange{{ID: all[3].ID, Name: all[3].Name, Fields: []string{"phones", "schedules", "description"}}},
		Unchanged: 198,
		Invalid: []directory.Problem{
			{Index: 12, ID: "sl-valley-clinic", Field: "phones[1].number", Message: `phones[1] number "801-555" has 6 digits; a phone number has 10, as 801-555-1234, or 11 with a leading 1, and an extension goes in "ext"`},
			{Index: 40, Field: "name", Message: "name is empty; give the listing a name"},
		},
		NotKept: map[string]int{"accreditations": 14, "funding": 3},
	}
	td.onImport()
	shot("import-choose")
	td.pressKey(fyne.KeyReturn)
	asked[len(asked)-1].then("/files/utah-211-services.json")
	td.until("the preview", func() bool { return td.admin.files != nil && strings.Contains(td.admin.files.heading.Text, "HSDS") })
	shot("import-invalid")
	td.pressKey(fyne.KeyEscape)

	x.preview.Invalid = nil
	td.onImport()
	td.pressKey(fyne.KeyReturn)
	asked[len(asked)-1].then("/files/utah-211-services.json")
	td.until("the preview", func() bool { return td.admin.files != nil && strings.Contains(td.admin.files.heading.Text, "HSDS") })
	shot("import-preview")
	td.pressKey(fyne.KeyReturn)
	td.until("the import", func() bool { return td.admin.files.close.Text != lang.L("Cancel") })
	shot("import-done")
	td.pressKey(fyne.KeyEscape)

	td.onExport()
	shot("export-formats")
	td.pressKey(fyne.KeyEscape)

	x.backups = []Backup{
		{Path: "/data/backups/nowrongdoor-2026-11-25.db", Taken: testNow.Add(-4*time.Hour - 30*time.Minute), Kind: BackupDaily},
		{Path: "/data/backups/before-import-2026-11-24-103000.db", Taken: testNow.Add(-24 * time.Hour), Kind: BackupBeforeImport},
		{Path: "/data/backups/nowrongdoor-2026-11-24.db", Taken: testNow.Add(-28*time.Hour - 30*time.Minute), Kind: BackupDaily},
	}
	td.onRestoreBackup()
	td.until("the backups", func() bool { return len(td.admin.files.close.Text) > 0 && td.admin.files.bar.Hidden })
	shot("restore-list")
	td.pressKey(fyne.KeyReturn)
	shot("restore-confirm")
}
