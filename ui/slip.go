package ui

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

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

// slipTray is the referral slip staff are putting together for the
// customer in front of them: the listings added to it, in order, and the
// options the last slip was printed with. With nothing added, a slip is
// printed of the listing on show.
type slipTray struct {
	listings []*directory.Listing
	lang     slip.Lang
	large    bool
	// save makes a slip and writes it where the viewer can open it,
	// returning its path; open shows a file in the system's PDF viewer.
	// Tests swap both, so they need no viewer and write nothing.
	save func([]*directory.Listing, slip.Options) (string, error)
	open func(*url.URL) error
	// printing is set while a slip is being made off the Fyne goroutine,
	// so a second press does not make a second slip.
	printing bool
}

func newSlipTray(a fyne.App) *slipTray {
	return &slipTray{lang: slip.English, save: saveSlip, open: a.OpenURL}
}

// has reports whether the tray holds the listing with id.
func (t *slipTray) has(id string) bool {
	return slices.ContainsFunc(t.listings, func(l *directory.Listing) bool { return l.ID == id })
}

// slipFolder is where slips are written for the viewer to open: a folder
// of the system's temporary folder, which the system clears in time.
const slipFolder = "nowrongdoor-slips"

// slipKeep is how long a slip file is kept: long enough to print it again
// the same day, short enough that the folder does not grow.
const slipKeep = 24 * time.Hour

// saveSlip makes a slip and writes it to a new file in the slips folder,
// returning its path. Slips older than slipKeep are cleared away first.
// It does file work: call it off the Fyne goroutine.
func saveSlip(listings []*directory.Listing, opts slip.Options) (string, error) {
	var buf bytes.Buffer
	if err := slip.Render(&buf, listings, opts); err != nil {
		return "", err
	}
	dir := filepath.Join(os.TempDir(), slipFolder)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("make the slips folder: %w", err)
	}
	clearOldSlips(dir, opts.Now)
	f, err := os.CreateTemp(dir, "referral-"+opts.Now.Format("2006-01-02")+"-*.pdf")
	if err != nil {
		return "", fmt.Errorf("save the slip: %w", err)
	}
	if _, err := f.Write(buf.Bytes()); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", fmt.Errorf("save the slip: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("save the slip: %w", err)
	}
	return f.Name(), nil
}

// clearOldSlips removes the slips in dir made more than slipKeep before
// now. A slip it cannot remove (open in a viewer on Windows) stays until
// next time.
func clearOldSlips(dir string, now time.Time) {
	old, _ := filepath.Glob(filepath.Join(dir, "referral-*.pdf"))
	for _, name := range old {
		if fi, err := os.Stat(name); err == nil && now.Sub(fi.ModTime()) > slipKeep {
			os.Remove(name)
		}
	}
}

// fileURL is the file:// address of a path, which the system opens with
// the program it uses for the file's type.
func fileURL(path string) *url.URL {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	return &url.URL{Scheme: "file", Path: p}
}

// slipListings is what a slip printed now holds: the tray's listings, as
// the directory has them now, or the listing on show when the tray is
// empty.
func (d *Desk) slipListings() []*directory.Listing {
	if len(d.slip.listings) == 0 {
		if l := d.current(); l != nil {
			return []*directory.Listing{l}
		}
		return nil
	}
	out := make([]*directory.Listing, len(d.slip.listings))
	for i, l := range d.slip.listings {
		out[i] = l
		if now, ok := d.dir.Listing(l.ID); ok {
			out[i] = now
		}
	}
	return out
}

// onPrintSlip opens the print dialog for the slip: the tray's listings,
// or the listing on show. With neither it says what to do. Pressed before
// the results of the last keystroke arrive, it waits for them, as copy
// does.
func (d *Desk) onPrintSlip() {
	if d.dialogOpen() || d.slip.printing {
		return
	}
	if d.applied != d.seq {
		d.pendingPrint = true
		return
	}
	listings := d.slipListings()
	if len(listings) == 0 {
		d.detail.showNotice(lang.L("Nothing to print yet: search and pick a listing first."))
		return
	}
	d.showPrintDialog(listings)
}

// onAddToSlip adds the listing on show to the slip, or takes it off when
// it is already there, and says how many the slip holds.
func (d *Desk) onAddToSlip() {
	if d.dialogOpen() {
		return
	}
	l := d.current()
	switch {
	case l == nil:
		d.detail.showNotice(lang.L("Nothing to add yet: search and pick a listing first."))
		return
	case d.slip.has(l.ID):
		d.slip.listings = slices.DeleteFunc(d.slip.listings, func(x *directory.Listing) bool { return x.ID == l.ID })
		d.detail.showDone(lang.N("Taken off the slip. It holds {{.Count}} listing.", len(d.slip.listings), map[string]any{"Count": len(d.slip.listings)}))
	case len(d.slip.listings) >= slip.MaxListings:
		d.detail.showNotice(lang.L("A slip holds {{.Count}} listings. Print this one first, or take one off.", map[string]any{"Count": slip.MaxListings}))
		return
	default:
		d.slip.listings = append(d.slip.listings, l)
		d.detail.showDone(lang.N("Added to the slip. It holds {{.Count}} listing: {{.Print}} prints it.", len(d.slip.listings),
			map[string]any{"Count": len(d.slip.listings), "Print": shortcutText(shortcutPrintSlip)}))
	}
	d.slipChanged()
}

// onClearSlip takes every listing off the slip.
func (d *Desk) onClearSlip() {
	if d.dialogOpen() || len(d.slip.listings) == 0 {
		return
	}
	d.slip.listings = nil
	d.slipChanged()
	d.detail.showDone(lang.L("The slip is empty. Print slip prints the listing on show."))
}

// slipChanged shows the slip's count on its buttons and menu items.
func (d *Desk) slipChanged() {
	d.printItem.Label = printSlipLabel(len(d.slip.listings)) + "…"
	d.clearSlipItem.Disabled = len(d.slip.listings) == 0
	d.menu.Refresh()
	d.detail.refreshSlipButtons()
}

// printSlipLabel is "Print slip", or "Print slip (3)" with listings
// added to it.
func printSlipLabel(n int) string {
	if n == 0 {
		return lang.L("Print slip")
	}
	return lang.L("Print slip ({{.Count}})", map[string]any{"Count": n})
}

// printSlip makes the slip off the Fyne goroutine and opens it in the
// system's PDF viewer, from which staff print it or save it.
func (d *Desk) printSlip(listings []*directory.Listing, opts slip.Options) {
	d.slip.printing = true
	d.slip.lang, d.slip.large = opts.Lang, opts.LargePrint
	save := d.slip.save
	go func() {
		path, err := save(listings, opts)
		d.do(func() { d.slipSaved(path, err) })
	}()
}

// slipSaved opens a saved slip, or says why there is none. A slip made
// empties the tray for the next customer. When the viewer cannot be
// opened, a dialog gives the file's path to open by hand.
func (d *Desk) slipSaved(path string, err error) {
	d.slip.printing = false
	if err != nil {
		d.showSlipProblem(lang.L("The slip could not be made"), lang.L("{{.Error}}. Copy the referral instead, or try again.", map[string]any{"Error": err.Error()}), "")
		return
	}
	if len(d.slip.listings) > 0 {
		d.slip.listings = nil
		d.slipChanged()
	}
	d.detail.hideDone() // "Added to the slip" no longer holds
	if err := d.slip.open(fileURL(path)); err != nil {
		fyne.LogError("open the slip "+path, err)
		d.showSlipProblem(lang.L("Open the slip to print it"),
			lang.L("The slip is saved, but no PDF viewer opened it. Open this file to print it:"), path)
		return
	}
	d.detail.showDone(lang.L("The slip is open in the PDF viewer: print it from there."))
}

// showSlipProblem says in a dialog why a slip was not opened. With a
// path, the slip is saved there: the dialog shows it, selectable, with a
// button that copies it. Its Close button has the focus, so Enter and Esc
// close it.
func (d *Desk) showSlipProblem(title, message, path string) {
	content := []fyne.CanvasObject{&widget.Label{Text: message, Wrapping: fyne.TextWrapWord}}
	var closeButton *dialogButton
	if path != "" {
		copyPath := &widget.Button{Text: lang.L("Copy the path"), Icon: theme.ContentCopyIcon()}
		copyPath.OnTapped = func() {
			d.app.Clipboard().SetContent(path)
			copyPath.SetText(lang.L("Copied"))
			d.win.Canvas().Focus(closeButton) // so Enter and Esc still close
		}
		content = append(content,
			&widget.Label{Text: path, Selectable: true, Wrapping: fyne.TextWrapBreak, TextStyle: fyne.TextStyle{Monospace: true}},
			container.NewHBox(copyPath))
	}
	width := canvas.NewRectangle(nil)
	width.SetMinSize(fyne.NewSize(printDialogWidth, 0))
	dlg := dialog.NewCustomWithoutButtons(title, container.NewStack(width, container.NewVBox(content...)), d.win)
	closeButton = newDialogButton(lang.L("Close"), dlg.Hide)
	dlg.SetButtons([]fyne.CanvasObject{closeButton})
	d.dialogKeys = func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape:
			dlg.Hide()
		}
	}
	dlg.SetOnClosed(func() {
		d.dialogKeys = nil
		d.win.Canvas().Focus(d.search)
	})
	dlg.Show()
	d.win.Canvas().Focus(closeButton)
}
