package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/data"
	"nowrongdoor/directory"
	"nowrongdoor/directory/search"
)

// summarizer is a directory that can sum itself up for the About dialog.
// *search.Index is one; a directory that is not (the empty one while
// the store loads) has nothing to say yet. Summary reports false when it
// cannot count now.
type summarizer interface {
	Summary(t time.Time) (search.Summary, bool)
}

// aboutLines are the About dialog's facts about the directory: when it
// was last updated, and how many of its listings staff have verified.
func aboutLines(dir Directory, now time.Time) []string {
	sz, ok := dir.(summarizer)
	if !ok {
		return []string{lang.L("The directory has not loaded.")}
	}
	s, ok := sz.Summary(now)
	if !ok {
		return []string{lang.L("The directory's listings could not be counted just now; try again in a moment.")}
	}
	updated := lang.L("Directory last updated: unknown")
	if !s.Updated.IsZero() {
		updated = lang.L("Directory last updated: {{.Date}}", map[string]any{"Date": longDate(s.Updated.In(directory.Denver))})
	}
	lines := []string{
		updated,
		lang.N("{{.Verified}} of {{.Count}} listing verified by staff", s.Listings, map[string]any{"Verified": s.Verified, "Count": s.Listings}),
	}
	if s.Stale > 0 {
		lines = append(lines, lang.N("{{.Count}} of them last verified over a year ago", s.Stale, map[string]any{"Count": s.Stale}))
	}
	return lines
}

// onShowAbout shows the About dialog: the release, and how current and
// how checked the directory is, so staff know how far to trust it.
func (d *Desk) onShowAbout() {
	if d.dialogOpen() {
		return
	}
	version := d.extra.version
	if version == "" {
		version = lang.L("unknown")
	}
	rows := []fyne.CanvasObject{
		container.NewHBox(
			&widget.Icon{Resource: fyne.NewStaticResource("icon.png", data.Icon)},
			&widget.Label{Text: lang.L("No Wrong Door"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText},
		),
		&widget.Label{Text: lang.L("The Salt Lake County Library's referral directory.")},
		&widget.Label{Text: lang.L("Version {{.Version}}", map[string]any{"Version": version})},
	}
	// Short lines, not wrapped: a dialog is as wide as its content, and
	// wrapped text would make it a column a word wide.
	for _, line := range aboutLines(d.dir, d.now()) {
		rows = append(rows, &widget.Label{Text: line})
	}
	dlg := dialog.NewCustomWithoutButtons(lang.L("About No Wrong Door"), container.NewVBox(rows...), d.win)
	closeButton := newDialogButton(lang.L("Close"), dlg.Hide)
	dlg.SetButtons([]fyne.CanvasObject{closeButton})
	d.openDialog(dlg, closeButton)
}
