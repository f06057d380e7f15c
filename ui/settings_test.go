package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
	"nowrongdoor/directory/search"
)

// openSettings opens the Settings dialog from the menu and returns its
// choices, by the name of the setting each follows.
func (td *testDesk) openSettings() map[string]*widget.RadioGroup {
	td.t.Helper()
	td.menuItem(shortcutSettings).Action()
	top := td.win.Canvas().Overlays().Top()
	if top == nil {
		td.t.Fatalf("Settings did not open")
	}
	groups := map[string]*widget.RadioGroup{}
	var label string
	for _, o := range visibleObjects(top) {
		switch w := o.(type) {
		case *widget.Label:
			if w.TextStyle.Bold {
				label = w.Text
			}
		case *widget.RadioGroup:
			groups[label] = w
		}
	}
	if len(groups) != 3 {
		td.t.Fatalf("Settings offers %d choices, want language, text size and light or dark", len(groups))
	}
	return groups
}

// TestTextSizeAndTheme: the Settings dialog's text size and colours apply
// at once and are kept for the next start.
func TestTextSizeAndTheme(t *testing.T) {
	a := test.NewTempApp(t)
	base := a.Settings().Theme()
	td := newTestDeskOn(t, a, newFakeDirectory(fixtureListings()))
	t.Cleanup(func() { a.Settings().SetTheme(base) })
	normal := base.Size(theme.SizeNameText)

	groups := td.openSettings()
	groups["Text size"].SetSelected("Larger")
	groups["Light or dark"].SetSelected("Dark")
	th := a.Settings().Theme()
	if got := th.Size(theme.SizeNameText); got != normal*1.4 {
		t.Errorf("with Larger text, the text size is %v, want %v", got, normal*1.4)
	}
	if got := th.Size(theme.SizeNamePadding); got != base.Size(theme.SizeNamePadding) {
		t.Errorf("with Larger text, the padding is %v, want it left as %v", got, base.Size(theme.SizeNamePadding))
	}
	dark := base.Color(theme.ColorNameBackground, theme.VariantDark)
	if got := th.Color(theme.ColorNameBackground, theme.VariantLight); got != dark {
		t.Errorf("with Dark chosen, the background is %v, want the dark one %v", got, dark)
	}
	if td.prefs.String(prefTextSize) != textLarger || td.prefs.String(prefTheme) != themeDark {
		t.Errorf("kept text size %q and theme %q", td.prefs.String(prefTextSize), td.prefs.String(prefTheme))
	}

	td.pressKey(fyne.KeyEscape)
	if td.win.Canvas().Overlays().Top() != nil {
		t.Fatalf("Esc left Settings open")
	}
	// The next start applies them again, over the app's own theme.
	a.Settings().SetTheme(base)
	newTestDeskOn(t, a, newFakeDirectory(fixtureListings()))
	if got := a.Settings().Theme().Size(theme.SizeNameText); got != normal*1.4 {
		t.Errorf("the next start's text size is %v, want %v", got, normal*1.4)
	}

	groups = td.openSettings()
	if groups["Text size"].Selected != "Larger" {
		t.Errorf("Settings shows text size %q, want Larger", groups["Text size"].Selected)
	}
	groups["Text size"].SetSelected("Normal")
	groups["Light or dark"].SetSelected("Same as the computer")
	if a.Settings().Theme() != base {
		t.Errorf("with the usual settings, the app keeps a theme of its own")
	}
}

// TestLanguageAtOnce: choosing Español in Settings turns the window
// Spanish at once, keeping the search and the listing on show, and
// keeps the choice.
func TestLanguageAtOnce(t *testing.T) {
	t.Cleanup(func() { setLanguage(languageSystem) })
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.show()
	td.typeText("food")
	td.key(fyne.KeyDown)
	shown := td.current()
	if shown == nil {
		t.Fatalf("nothing on show")
	}

	td.openSettings()["Language"].SetSelected("Español")
	td.wait()
	if td.prefs.String(prefLanguage) != languageSpanish {
		t.Errorf("kept language %q, want es", td.prefs.String(prefLanguage))
	}
	if got := td.search.PlaceHolder; got != "¿Qué necesita el cliente?" {
		t.Errorf("placeholder = %q, want it in Spanish", got)
	}
	if td.search.Text != "food" {
		t.Errorf("search box = %q, want food kept", td.search.Text)
	}
	if td.current() != shown {
		t.Errorf("on show = %v, want %v kept", td.current(), shown.ID)
	}
	if !strings.Contains(td.detailText(), "[Copiar referencia]") {
		t.Errorf("the listing is not drawn in Spanish:\n%s", td.detailText())
	}
	if got := td.results.items[td.results.cursor].listing; got != shown {
		t.Errorf("highlighted %v, want the listing on show", got)
	}
	top := td.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(objectText(top), "Idioma") {
		t.Errorf("Settings did not open again, in Spanish, over the new window")
	}
	if td.win.Canvas().Focused() == td.search {
		t.Errorf("the search box has the focus under the Settings dialog")
	}

	// And back.
	td.openSettingsAgain()["Idioma"].SetSelected("Igual que la computadora")
	if got := td.search.PlaceHolder; got != "What does the customer need?" {
		t.Errorf("back on the system's language, placeholder = %q", got)
	}
}

// openSettingsAgain returns the choices of the Settings dialog already
// open.
func (td *testDesk) openSettingsAgain() map[string]*widget.RadioGroup {
	td.hideDialogs()
	td.menuItem(shortcutSettings).Action()
	groups := map[string]*widget.RadioGroup{}
	var label string
	for _, o := range visibleObjects(td.win.Canvas().Overlays().Top()) {
		switch w := o.(type) {
		case *widget.Label:
			if w.TextStyle.Bold {
				label = w.Text
			}
		case *widget.RadioGroup:
			groups[label] = w
		}
	}
	return groups
}

func TestAboutLines(t *testing.T) {
	test.NewTempApp(t)
	addTranslations()
	ls := fixtureListings()
	if got := aboutLines(search.NewIndex(ls), testNow); strings.Join(got, "\n") != "Directory last updated: unknown\n1 of 5 listings verified by staff" {
		t.Errorf("aboutLines without dates = %q", got)
	}
	ls = fixtureListings()
	ls[1].UpdatedAt = time.Date(2026, time.November, 20, 23, 0, 0, 0, time.UTC)
	ls[0].VerifiedOn = directory.Date{Year: 2024, Month: time.January, Day: 2}
	want := "Directory last updated: Nov 20, 2026\n1 of 5 listings verified by staff\n1 of them last verified over a year ago"
	if got := aboutLines(search.NewIndex(ls), testNow); strings.Join(got, "\n") != want {
		t.Errorf("aboutLines = %q, want %q", got, want)
	}
	if got := aboutLines(emptyDirectory{}, testNow); len(got) != 1 || !strings.Contains(got[0], "not loaded") {
		t.Errorf("aboutLines before the directory loads = %q", got)
	}
	// A directory whose store cannot count now says so, not "0 of 0".
	if got := aboutLines(uncountable{}, testNow); len(got) != 1 || !strings.Contains(got[0], "could not be counted") {
		t.Errorf("aboutLines when the store cannot count = %q", got)
	}
}

// uncountable is a directory whose store cannot count its listings now.
type uncountable struct{ emptyDirectory }

func (uncountable) Summary(time.Time) (search.Summary, bool) { return search.Summary{}, false }

// TestAboutDialog: Help > About names the release and sums up the
// directory, and Enter closes it.
func TestAboutDialog(t *testing.T) {
	// The real index: the summary is the index's, which the fake has not.
	td := newTestDesk(t, search.NewIndex(fixtureListings()))
	td.SetVersion("1.2.3")
	td.menuItemLabelled("About No Wrong Door").Action()
	top := td.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("About did not open")
	}
	text := objectText(top)
	for _, want := range []string{"Version 1.2.3", "1 of 5 listings verified by staff", "Directory last updated"} {
		if !strings.Contains(text, want) {
			t.Errorf("About does not say %q:\n%s", want, text)
		}
	}
	td.pressKey(fyne.KeyReturn)
	if td.win.Canvas().Overlays().Top() != nil {
		t.Errorf("Enter left About open")
	}
}
