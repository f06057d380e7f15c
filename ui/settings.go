package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// SetVersion sets the release the About dialog names.
func (d *Desk) SetVersion(v string) {
	d.extra.version = v
}

// applySettings makes the language, text size and colours staff chose
// the app's. It is called before the window is built; changes made later
// in the Settings dialog apply at once.
func (d *Desk) applySettings() {
	setLanguage(d.prefs.String(prefLanguage))
	d.applyTheme()
}

// applyTheme sets the app's theme to its own, wrapped with the text size
// and colours chosen. With neither chosen the app keeps its own theme.
func (d *Desk) applyTheme() {
	s := d.app.Settings()
	if d.extra.base == nil {
		d.extra.base = s.Theme()
		if t, ok := d.extra.base.(*deskTheme); ok {
			d.extra.base = t.Theme // a desk made before this one wrapped it
		}
	}
	size, scheme := d.prefs.String(prefTextSize), d.prefs.String(prefTheme)
	if size == textNormal && scheme == themeSystem {
		if s.Theme() != d.extra.base {
			s.SetTheme(d.extra.base)
		}
		return
	}
	s.SetTheme(newDeskTheme(d.extra.base, size, scheme))
}

// choice is one option of a setting: the value kept in the preferences
// and the words staff see.
type choice struct {
	value, label string
}

// settingsChoices are the options of the three settings, in the order
// they are offered.
func settingsChoices() (languages, sizes, themes []choice) {
	for _, v := range []string{languageSystem, languageEnglish, languageSpanish} {
		languages = append(languages, choice{v, languageName(v)})
	}
	sizes = []choice{{textNormal, lang.L("Normal")}, {textLarge, lang.L("Large")}, {textLarger, lang.L("Larger")}}
	themes = []choice{{themeSystem, lang.L("Same as the computer")}, {themeLight, lang.L("Light")}, {themeDark, lang.L("Dark")}}
	return languages, sizes, themes
}

// choiceGroup is a row of radio buttons for a setting kept under key,
// showing the value kept. Picking another keeps it and calls changed.
func (d *Desk) choiceGroup(key string, choices []choice, changed func()) *widget.RadioGroup {
	var labels []string
	selected := choices[0].label
	for _, c := range choices {
		labels = append(labels, c.label)
		if c.value == d.prefs.String(key) {
			selected = c.label
		}
	}
	// One option a line: side by side, three long options would make the
	// dialog wider than a 1024-pixel screen at the largest text size.
	g := &widget.RadioGroup{Options: labels, Selected: selected, Required: true}
	g.OnChanged = func(label string) {
		for _, c := range choices {
			if c.label == label && c.value != d.prefs.String(key) {
				d.prefs.SetString(key, c.value)
				changed()
			}
		}
	}
	g.ExtendBaseWidget(g)
	return g
}

// onShowSettings shows the Settings dialog: the window's language, text
// size and colours. Each takes effect as soon as it is picked and is
// remembered for the next start.
func (d *Desk) onShowSettings() {
	if d.dialogOpen() {
		return
	}
	languages, sizes, themes := settingsChoices()
	form := container.New(layout.NewFormLayout(),
		&widget.Label{Text: lang.L("Language"), TextStyle: fyne.TextStyle{Bold: true}},
		d.choiceGroup(prefLanguage, languages, d.onLanguageChanged),
		&widget.Label{Text: lang.L("Text size"), TextStyle: fyne.TextStyle{Bold: true}},
		d.choiceGroup(prefTextSize, sizes, d.applyTheme),
		&widget.Label{Text: lang.L("Light or dark"), TextStyle: fyne.TextStyle{Bold: true}},
		d.choiceGroup(prefTheme, themes, d.applyTheme),
	)
	note := &widget.Label{Text: lang.L("Changes apply at once and are kept for this desk. “Same as the computer” follows the computer's own settings."), Wrapping: fyne.TextWrapWord}
	dlg := dialog.NewCustomWithoutButtons(lang.L("Settings"), container.NewVBox(form, note), d.win)
	closeButton := newDialogButton(lang.L("Close"), dlg.Hide)
	dlg.SetButtons([]fyne.CanvasObject{closeButton})
	d.openDialog(dlg, closeButton)
}

// onLanguageChanged speaks the new language at once: the window is built
// again in it, keeping the search, the open category and the listing on
// show, and the Settings dialog opens again over it.
func (d *Desk) onLanguageChanged() {
	setLanguage(d.prefs.String(prefLanguage))
	d.hideDialogs()
	d.rebuild()
	d.onShowSettings()
}

// rebuild builds the window's content again, as after a change of
// language, and puts back what it showed.
func (d *Desk) rebuild() {
	text, category, shown := d.search.Text, d.category, d.current()
	// The new content takes its size and splits from the preferences.
	d.saveLayout()
	d.standards = &standardsPanel{standards: d.standards.standards}
	d.built = false
	d.buildUI()
	d.fillAfterShow()
	switch {
	case text != "":
		d.search.SetText(text)
		if shown != nil {
			d.keepID = shown.ID
		}
	case category != "":
		if shown != nil {
			d.preview(shown)
		}
		d.openCategory(category, true)
	case shown != nil:
		d.showListing(shown)
	}
}

// saveLayout keeps the window's size and split positions in the
// preferences, for the next start or the rebuilt window.
func (d *Desk) saveLayout() {
	size := d.win.Canvas().Size()
	if size.Width > 0 && size.Height > 0 {
		d.prefs.SetFloat(prefWindowWidth, float64(size.Width))
		d.prefs.SetFloat(prefWindowHeight, float64(size.Height))
	}
	d.prefs.SetFloat(prefResultsSplit, d.split.Offset)
	d.prefs.SetFloat(prefStandardsSplit, d.inner.Offset)
}
