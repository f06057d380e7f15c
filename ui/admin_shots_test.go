package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
	"nowrongdoor/directory/search"
)

// saveShot writes what canvas c shows to DIR/LANG-name.png.
func saveShot(t *testing.T, c fyne.Canvas, dir, name string) {
	t.Helper()
	img := c.Capture()
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// TestAdminShots draws admin mode's screens at 1024×768 into PNG files
// for a person to look at, when NOWRONGDOOR_SHOTS names a folder:
//
//	NOWRONGDOOR_SHOTS=DIR [NOWRONGDOOR_SHOTS_LANG=es] go test -run TestAdminShots ./ui
//
// It asserts nothing; PNG comparisons are flaky across machines.
func TestAdminShots(t *testing.T) {
	dir, code := os.Getenv("NOWRONGDOOR_SHOTS"), os.Getenv("NOWRONGDOOR_SHOTS_LANG")
	if dir == "" {
		t.Skip("NOWRONGDOOR_SHOTS names no folder for the screenshots")
	}
	if code == "" {
		code = languageEnglish
	}
	shot := func(c fyne.Canvas, name string) { saveShot(t, c, dir, code+"-"+name) }
	ls := defaultListings(t)
	f := newFakeAdminStore(ls)
	for i, id := range []string{ls[3].ID, ls[7].ID, ls[11].ID} {
		l := f.listings[id]
		l.VerifiedOn = directory.Date{Year: 2024 - i, Month: time.March, Day: 3}
		f.listings[id] = l
	}
	all := f.onDesk()
	a := test.NewTempApp(t)
	if code == languageSpanish {
		a.Preferences().SetString(prefLanguage, languageSpanish)
		t.Cleanup(func() { setLanguage(languageSystem) })
	}
	td := newTestDeskOn(t, a, search.NewIndex(all))
	td.win.Resize(fyne.NewSize(1024, 768))
	td.SetAdmin(f)
	td.show()
	td.requireAdmin(nil)
	td.until("unlock", func() bool { return td.admin.unlock != nil })
	test.Type(td.admin.unlock.name, "Jane Doe")
	test.Type(td.admin.unlock.password, "short")
	test.Type(td.admin.unlock.confirm, "short")
	test.Tap(td.admin.unlock.submit)
	shot(td.win.Canvas(), "unlock")
	td.admin.unlock.dlg.Hide()
	td.unlockAs("Jane Doe")
	td.until("counts", func() bool { return td.admin.never > 0 })
	td.typeText("food pantry")
	shot(td.win.Canvas(), "header")
	td.onShowQueue()
	td.until("queue", func() bool { return td.admin.queue != nil && len(td.admin.queue.items) > 0 })
	shot(td.win.Canvas(), "queue")
	td.admin.queue.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	td.until("editor", func() bool { return td.admin.editor != nil })
	e := td.admin.editor
	e.say(savedText([]directory.FieldChange{{Field: "phones"}, {Field: "hours"}}), widget.SuccessImportance)
	shot(e.win.Canvas(), "editor")
	id := e.orig.ID
	at := time.Date(2026, 11, 30, 14, 14, 0, 0, directory.Denver)
	f.events = append(f.events,
		directory.Event{At: at.Add(-48 * time.Hour), Actor: "default directory", Action: directory.ActionSeed, ListingID: id},
		directory.Event{At: at.Add(-2 * time.Hour), Actor: "Jane Doe", Action: directory.ActionEdit, ListingID: id, Changes: []directory.FieldChange{
			{Field: "phones", Old: `[{"number":"801-555-0100"}]`, New: `[{"label":"Main","number":"801-555-0199","ext":"12"}]`},
			{Field: "eligibility", Old: "", New: "Open to every resident of Salt Lake County with a library card or a piece of mail showing an address in the county; no income limits, and children may come with a parent or guardian."},
		}},
		directory.Event{At: at, Actor: "Jane Doe", Action: directory.ActionVerify, ListingID: id},
	)
	e.onHistory()
	td.until("history", func() bool { return e.win.Canvas().Overlays().Top() != nil })
	shot(e.win.Canvas(), "history")
}
