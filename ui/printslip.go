package ui

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
	"nowrongdoor/directory/slip"
)

// The slip's languages as the print dialog offers them, each in its own
// language so a customer can point at theirs.
const (
	langEnglish = "English"
	langSpanish = "Español"
)

// printDialogWidth keeps the dialog wide enough for a listing's name on a
// line, however narrow the window.
const printDialogWidth = 460

// printDialog asks how to print a slip, English or Spanish and large print
// or not, and shows which listings it holds. The Print button keeps the
// focus: Enter prints, Esc cancels, E and S choose the language and L
// large print, so staff never need the mouse.
type printDialog struct {
	desk     *Desk
	listings []*directory.Listing

	dlg   *dialog.CustomDialog
	langs *widget.RadioGroup
	large *widget.Check
	print *printButton
}

// showPrintDialog opens the print dialog for a slip of the listings, with
// the options the last slip was printed with.
func (d *Desk) showPrintDialog(listings []*directory.Listing) {
	pd := &printDialog{desk: d, listings: listings}
	pd.dlg = dialog.NewCustomWithoutButtons(lang.L("Print a referral slip"), pd.buildUI(), d.win)
	pd.dlg.SetButtons([]fyne.CanvasObject{
		&widget.Button{Text: lang.L("Cancel"), OnTapped: pd.dlg.Hide},
		pd.print,
	})
	// A click on the dialog's text takes the focus off Print; the keys
	// then reach the window, which hands them back here.
	d.dialogKeys = pd.print.TypedKey
	pd.dlg.SetOnClosed(func() {
		d.dialogKeys = nil
		d.win.Canvas().Focus(d.search)
	})
	pd.dlg.Show()
	d.win.Canvas().Focus(pd.print)
}

func (pd *printDialog) buildUI() fyne.CanvasObject {
	d := pd.desk
	heading := lang.N("This slip holds {{.Count}} listing:", len(pd.listings), map[string]any{"Count": len(pd.listings)})
	rows := []fyne.CanvasObject{&widget.Label{Text: heading, TextStyle: fyne.TextStyle{Bold: true}}}
	for _, l := range pd.listings {
		rows = append(rows, &widget.Label{Text: "• " + l.Name, Wrapping: fyne.TextWrapWord})
	}

	pd.langs = &widget.RadioGroup{Options: []string{langEnglish, langSpanish}, Horizontal: true, Required: true, Selected: langEnglish}
	if d.slip.lang == slip.Spanish {
		pd.langs.Selected = langSpanish
	}
	pd.langs.OnChanged = func(string) { pd.focusPrint() }
	pd.large = &widget.Check{Text: lang.L("Large print"), Checked: d.slip.large, OnChanged: func(bool) { pd.focusPrint() }}
	if len(pd.listings) > slip.MaxLargePrintListings {
		pd.large.Checked = false
		pd.large.Text = lang.L("Large print (a slip of up to {{.Count}} listings)", map[string]any{"Count": slip.MaxLargePrintListings})
		pd.large.Disable()
	}
	pd.print = &printButton{onCancel: func() { pd.dlg.Hide() }, onRune: pd.onRune}
	pd.print.Text, pd.print.Icon, pd.print.Importance = lang.L("Print"), theme.DocumentPrintIcon(), widget.HighImportance
	pd.print.OnTapped = pd.onPrint
	pd.print.ExtendBaseWidget(pd.print)

	rows = append(rows,
		container.NewHBox(&widget.Label{Text: lang.L("Labels in")}, pd.langs),
		pd.large,
		&widget.Label{Text: lang.L("The slip opens in the PDF viewer: print it from there, or save it. Keys: E English, S Spanish, L large print, Enter print, Esc cancel."),
			Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText},
	)
	width := canvas.NewRectangle(nil)
	width.SetMinSize(fyne.NewSize(printDialogWidth, 0))
	return container.NewStack(width, container.NewVBox(rows...))
}

// focusPrint gives the focus back to Print after a choice, so Enter
// prints straight away.
func (pd *printDialog) focusPrint() {
	pd.desk.win.Canvas().Focus(pd.print)
}

// onRune chooses with the letters the dialog names.
func (pd *printDialog) onRune(r rune) bool {
	switch unicode.ToLower(r) {
	case 'e':
		pd.langs.SetSelected(langEnglish)
	case 's':
		pd.langs.SetSelected(langSpanish)
	case 'l':
		if !pd.large.Disabled() {
			pd.large.SetChecked(!pd.large.Checked)
		}
	default:
		return false
	}
	return true
}

// onPrint closes the dialog and makes the slip as chosen.
func (pd *printDialog) onPrint() {
	opts := slip.Options{Lang: slip.English, LargePrint: pd.large.Checked, Now: pd.desk.now()}
	if pd.langs.Selected == langSpanish {
		opts.Lang = slip.Spanish
	}
	pd.dlg.Hide()
	pd.desk.printSlip(pd.listings, opts)
}

// printButton is the print dialog's Print button. It takes Enter as well
// as Space, Esc to cancel, and letters that choose the options: while it
// has the focus no other key reaches the dialog.
type printButton struct {
	widget.Button
	onCancel func()
	onRune   func(rune) bool
}

// TypedKey prints on Enter and cancels on Esc.
func (b *printButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.OnTapped()
	case fyne.KeyEscape:
		b.onCancel()
	default:
		b.Button.TypedKey(ev)
	}
}

// TypedRune chooses an option by its letter, and leaves the rest (Space
// taps) to Button.
func (b *printButton) TypedRune(r rune) {
	if b.onRune(r) {
		return
	}
	b.Button.TypedRune(r)
}
