package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// The desk's app-wide keys. They hang on main-menu items, which the window
// checks before the focused widget, so they work while staff type in the
// search box. Ctrl+K is the one exception: a second menu item for the same
// action would only clutter the menu, so the search box and the canvas
// take it themselves.
var (
	shortcutSearch       = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSearchAlt    = &desktop.CustomShortcut{KeyName: fyne.KeyK, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutCopyReferral = &desktop.CustomShortcut{KeyName: fyne.KeyC, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutStandards    = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutHelp         = &desktop.CustomShortcut{KeyName: fyne.KeySlash, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutBack         = &desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt}
	shortcutPin          = &desktop.CustomShortcut{KeyName: fyne.KeyD, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutEmail        = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutSettings     = &desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutPrintSlip    = &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutAddToSlip    = &desktop.CustomShortcut{KeyName: fyne.KeyA, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
)

// buildMenu makes the main menu. Fyne adds Quit to the first menu.
func (d *Desk) buildMenu() *fyne.MainMenu {
	d.standardsItem = &fyne.MenuItem{Label: lang.L("Standards panel"), Shortcut: shortcutStandards, Action: d.onToggleStandards}
	d.printItem = &fyne.MenuItem{Label: printSlipLabel(0) + "…", Shortcut: shortcutPrintSlip, Action: d.onPrintSlip}
	d.clearSlipItem = &fyne.MenuItem{Label: lang.L("Clear the slip"), Action: d.onClearSlip, Disabled: true}
	return fyne.NewMainMenu(
		fyne.NewMenu(lang.L("File"),
			d.printItem,
			&fyne.MenuItem{Label: lang.L("Add to slip or take off"), Shortcut: shortcutAddToSlip, Action: d.onAddToSlip},
			d.clearSlipItem,
		),
		fyne.NewMenu(lang.L("Search"),
			&fyne.MenuItem{Label: lang.L("Go to the search box"), Shortcut: shortcutSearch, Action: d.focusSearch},
			&fyne.MenuItem{Label: lang.L("Copy referral"), Shortcut: shortcutCopyReferral, Action: d.onCopyReferral},
			&fyne.MenuItem{Label: lang.L("Browse categories"), Action: d.onBrowse},
			&fyne.MenuItem{Label: lang.L("Email the referral…"), Shortcut: shortcutEmail, Action: d.onEmailReferral},
			&fyne.MenuItem{Label: lang.L("Back to the previous listing"), Shortcut: shortcutBack, Action: d.onBack},
			&fyne.MenuItem{Label: lang.L("Pin or unpin the listing"), Shortcut: shortcutPin, Action: d.onTogglePin},
		),
		fyne.NewMenu(lang.L("View"), d.standardsItem,
			&fyne.MenuItem{Label: lang.L("Settings…"), Shortcut: shortcutSettings, Action: d.onShowSettings}),
		d.adminMenu(),
		fyne.NewMenu(lang.L("Help"),
			&fyne.MenuItem{Label: lang.L("Keyboard shortcuts"), Shortcut: shortcutHelp, Action: d.onShowShortcuts},
			&fyne.MenuItem{Label: lang.L("About No Wrong Door"), Action: d.onShowAbout},
		),
	)
}

// shortcutHelpRows is the help dialog's table: the keys, then what they do.
func shortcutHelpRows() [][2]string {
	return [][2]string{
		{shortcutText(shortcutSearch) + "  " + lang.L("or") + "  " + shortcutText(shortcutSearchAlt), lang.L("Go to the search box")},
		{lang.L("Down, Up"), lang.L("Move through the results; the middle shows the highlighted one")},
		{lang.L("Enter"), lang.L("Open the highlighted category")},
		{lang.L("Esc"), lang.L("Clear the search box and go back to the start; close a dialog")},
		{shortcutText(shortcutBack), lang.L("Back to the previous listing shown")},
		{shortcutText(shortcutPin), lang.L("Pin the listing on show to the start page, or unpin it")},
		{shortcutText(shortcutEmail), lang.L("Open an email with the referral for the listing on show")},
		{shortcutText(shortcutCopyReferral), lang.L("Copy the referral for the listing on show")},
		{shortcutText(shortcutPrintSlip), lang.L("Print a slip for the customer: the listings added to it, or the listing on show")},
		{shortcutText(shortcutAddToSlip), lang.L("Add the listing on show to the slip, or take it off")},
		{shortcutText(shortcutStandards), lang.L("Show or hide the customer service standards")},
		{shortcutText(shortcutAdmin), lang.L("Unlock admin mode, or lock it")},
		{shortcutText(shortcutEdit), lang.L("Edit the listing on show (admin mode)")},
		{shortcutText(shortcutHelp), lang.L("Show these shortcuts")},
		{lang.L("Typing anywhere"), lang.L("Goes into the search box")},
	}
}

// onShowShortcuts shows the keyboard shortcuts in a dialog, or closes it
// when it is open (the same key again). Its Close button has the focus, so
// Enter and Esc close it too.
func (d *Desk) onShowShortcuts() {
	if d.shortcuts != nil {
		d.shortcuts.Hide()
		return
	}
	if d.dialogOpen() {
		return
	}
	var rows []fyne.CanvasObject
	for _, row := range shortcutHelpRows() {
		rows = append(rows, &widget.Label{Text: row[0], TextStyle: fyne.TextStyle{Bold: true}}, &widget.Label{Text: row[1]})
	}
	dlg := dialog.NewCustomWithoutButtons(lang.L("Keyboard shortcuts"), container.New(layout.NewFormLayout(), rows...), d.win)
	closeButton := newDialogButton(lang.L("Close"), dlg.Hide)
	dlg.SetButtons([]fyne.CanvasObject{closeButton})
	dlg.SetOnClosed(func() {
		d.shortcuts = nil
		d.win.Canvas().Focus(d.search)
	})
	d.shortcuts = dlg
	dlg.Show()
	d.win.Canvas().Focus(closeButton)
}

// dialogOpen reports whether a dialog or pop-up is over the window. The
// desk's keys and menu actions then do nothing: what staff type is meant
// for the dialog, not for the search box behind it.
func (d *Desk) dialogOpen() bool {
	return d.win.Canvas().Overlays().Top() != nil
}

// shortcutText writes a shortcut as the keyboard labels it: "Ctrl+Shift+C".
func shortcutText(s *desktop.CustomShortcut) string {
	var parts []string
	if s.Modifier&fyne.KeyModifierControl != 0 {
		parts = append(parts, lang.L("Ctrl"))
	}
	if s.Modifier&fyne.KeyModifierSuper != 0 {
		parts = append(parts, "Cmd")
	}
	if s.Modifier&fyne.KeyModifierAlt != 0 {
		parts = append(parts, lang.L("Alt"))
	}
	if s.Modifier&fyne.KeyModifierShift != 0 {
		parts = append(parts, lang.L("Shift"))
	}
	return strings.Join(append(parts, keyText(s.KeyName)), "+")
}

// keyText is a key as the keyboard labels it: an arrow key by its name in
// the window's language, the rest as Fyne names them ("C", "/").
func keyText(k fyne.KeyName) string {
	switch k {
	case fyne.KeyLeft:
		return lang.L("Left")
	}
	return string(k)
}
