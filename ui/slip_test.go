package ui

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
	"nowrongdoor/directory/slip"
)

// slipCall is one slip the desk asked to be made.
type slipCall struct {
	ids  []string
	opts slip.Options
}

// slipRecorder stands in for saving and opening slips: it records what
// was asked and answers with the errors a test sets.
type slipRecorder struct {
	saved            []slipCall
	opened           []*url.URL
	saveErr, openErr error
}

// recordSlips has the desk's slips recorded instead of saved and opened.
func (td *testDesk) recordSlips() *slipRecorder {
	rec := &slipRecorder{}
	td.slip.save = func(ls []*directory.Listing, opts slip.Options) (string, error) {
		var ids []string
		for _, l := range ls {
			ids = append(ids, l.ID)
		}
		rec.saved = append(rec.saved, slipCall{ids, opts})
		if rec.saveErr != nil {
			return "", rec.saveErr
		}
		return filepath.Join("slips", "referral-1.pdf"), nil
	}
	td.slip.open = func(u *url.URL) error {
		rec.opened = append(rec.opened, u)
		return rec.openErr
	}
	return rec
}

// printed presses Enter on the print dialog and runs what the slip's
// goroutine hands back, until the slip is made.
func (td *testDesk) printed() {
	td.t.Helper()
	td.pressKey(fyne.KeyReturn)
	timeout := time.After(10 * time.Second)
	for td.slip.printing {
		select {
		case f := <-td.queue:
			f()
		case <-timeout:
			td.t.Fatalf("the slip was never made")
		}
	}
}

// dialogText is the text of the dialog on top, "" with none.
func (td *testDesk) dialogText() string {
	top := td.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return objectText(top)
}

func TestPrintSlipOfListingOnShow(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	rec := td.recordSlips()
	td.typeText("passport")
	td.menuItem(shortcutPrintSlip).Action()
	text := td.dialogText()
	for _, want := range []string{"Print a referral slip", "This slip holds 1 listing:", "• Salt Lake County Clerk - Passport Acceptance", "English", "Español", "Large print", "\nPrint\n", "[Cancel]"} {
		if !strings.Contains(text, want) {
			t.Errorf("print dialog lacks %q:\n%s", want, text)
		}
	}
	if _, ok := td.win.Canvas().Focused().(*printButton); !ok {
		t.Fatalf("focus is on %v, want the Print button", td.win.Canvas().Focused())
	}
	td.printed()
	want := []slipCall{{[]string{"slco-clerk-passports"}, slip.Options{Lang: slip.English, Now: testNow}}}
	if !slices.EqualFunc(rec.saved, want, sameCall) {
		t.Errorf("slips made = %+v, want %+v", rec.saved, want)
	}
	if len(rec.opened) != 1 || rec.opened[0].Scheme != "file" || !strings.HasSuffix(rec.opened[0].Path, "/slips/referral-1.pdf") {
		t.Errorf("opened %v, want the slip's file:// address", rec.opened)
	}
	if td.dialogText() != "" {
		t.Errorf("a dialog is still open:\n%s", td.dialogText())
	}
	if !td.detail.copied.Visible() || !strings.Contains(td.detail.copied.Text, "open in the PDF viewer") {
		t.Errorf("printing did not say the slip is open; it says %q", td.detail.copied.Text)
	}
	if td.win.Canvas().Focused() != td.search {
		t.Errorf("after printing the focus is on %v, want the search box", td.win.Canvas().Focused())
	}
}

func sameCall(a, b slipCall) bool {
	return slices.Equal(a.ids, b.ids) && a.opts == b.opts
}

// TestPrintSlipOptions: E, S and L choose in the dialog, and the next
// slip starts from the last one's choices.
func TestPrintSlipOptions(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	rec := td.recordSlips()
	td.typeText("passport")
	test.Tap(td.button("Print slip"))
	td.typeOnWindow("sl")
	td.printed()
	td.menuItem(shortcutPrintSlip).Action()
	td.printed()
	td.menuItem(shortcutPrintSlip).Action()
	td.typeOnWindow("le")
	td.printed()
	var got []string
	for _, c := range rec.saved {
		got = append(got, string(c.opts.Lang)+map[bool]string{true: "+large", false: ""}[c.opts.LargePrint])
	}
	if want := []string{"es+large", "es+large", "en"}; !slices.Equal(got, want) {
		t.Errorf("slips printed %v, want %v", got, want)
	}
	// A tap on a choice leaves the focus on Print, so Enter still prints.
	td.menuItem(shortcutPrintSlip).Action()
	pd := td.win.Canvas().Overlays().Top()
	for _, o := range visibleObjects(pd) {
		if c, ok := o.(*widget.Check); ok {
			test.Tap(c)
		}
	}
	if _, ok := td.win.Canvas().Focused().(*printButton); !ok {
		t.Errorf("after a tap on Large print the focus is on %v, want Print", td.win.Canvas().Focused())
	}
	td.pressKey(fyne.KeyEscape)
	if td.dialogText() != "" || len(rec.saved) != 3 {
		t.Errorf("Esc did not cancel: dialog %q, %d slips", td.dialogText(), len(rec.saved))
	}
}

// TestSlipTray: staff add listings to the slip one by one, see the count,
// and print them together; the slip is then empty for the next customer.
func TestSlipTray(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	rec := td.recordSlips()
	add := td.menuItem(shortcutAddToSlip)

	td.typeText("passport")
	add.Action()
	if got := td.button("Print slip (1)"); got == nil {
		t.Fatal("no Print slip (1)")
	}
	td.button("Take off slip")
	if !strings.Contains(td.detail.copied.Text, "It holds 1 listing") {
		t.Errorf("adding said %q", td.detail.copied.Text)
	}
	td.focusSearch()
	td.typeText("food bank")
	test.Tap(td.button("Add to slip"))
	if td.printItem.Label != "Print slip (2)…" || td.clearSlipItem.Disabled {
		t.Errorf("File menu says %q (clear disabled %v), want Print slip (2)…", td.printItem.Label, td.clearSlipItem.Disabled)
	}
	td.focusSearch()
	td.typeText("988")
	td.menuItem(shortcutPrintSlip).Action()
	text := td.dialogText()
	first, second := strings.Index(text, "• Salt Lake County Clerk - Passport Acceptance\n"), strings.Index(text, "• Utah Food Bank\n")
	if !strings.Contains(text, "This slip holds 2 listings:") || first < 0 || second < first || strings.Contains(text, "988") {
		t.Errorf("print dialog of the slip shows:\n%s", text)
	}
	td.printed()
	want := []slipCall{{[]string{"slco-clerk-passports", "utah-food-bank"}, slip.Options{Lang: slip.English, Now: testNow}}}
	if !slices.EqualFunc(rec.saved, want, sameCall) {
		t.Errorf("slips made = %+v, want %+v", rec.saved, want)
	}
	if len(td.slip.listings) != 0 || td.printItem.Label != "Print slip…" || !td.clearSlipItem.Disabled {
		t.Errorf("after printing the slip holds %d, menu %q", len(td.slip.listings), td.printItem.Label)
	}
	if strings.Contains(td.detailText(), "Added to the slip") {
		t.Errorf("after printing the pane still says the slip holds listings:\n%s", td.detailText())
	}
	td.button("Print slip")
}

func TestSlipTrayTakeOffAndClear(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.recordSlips()
	add := td.menuItem(shortcutAddToSlip)
	td.typeText("passport")
	add.Action()
	add.Action() // again: takes it off
	if len(td.slip.listings) != 0 || !strings.Contains(td.detail.copied.Text, "Taken off the slip. It holds 0 listings.") {
		t.Errorf("second add left %d on the slip, said %q", len(td.slip.listings), td.detail.copied.Text)
	}
	td.button("Add to slip")
	add.Action()
	td.onEscape() // back to the start page; the slip stays
	if len(td.slip.listings) != 1 {
		t.Fatalf("Esc emptied the slip")
	}
	td.clearSlipItem.Action()
	if len(td.slip.listings) != 0 || !td.detail.noticeBox.Visible() || !strings.Contains(td.detail.notice.Text, "The slip is empty") {
		t.Errorf("Clear the slip left %d, notice %q", len(td.slip.listings), td.detail.notice.Text)
	}
}

// TestSlipLimits: a slip holds slip.MaxListings; large print is offered
// only for as many as it holds.
func TestSlipLimits(t *testing.T) {
	ls := fixtureListings()
	td := newTestDesk(t, newFakeDirectory(ls))
	rec := td.recordSlips()
	for i := range ls {
		td.showListing(&ls[i])
		td.onAddToSlip()
	}
	if n := len(td.slip.listings); n != slip.MaxListings {
		t.Fatalf("the slip took %d listings, want %d", n, slip.MaxListings)
	}
	if !td.detail.noticeBox.Visible() || !strings.Contains(td.detail.notice.Text, "A slip holds 4 listings") {
		t.Errorf("adding a fifth said %q", td.detail.notice.Text)
	}
	td.onPrintSlip()
	if !strings.Contains(td.dialogText(), "Large print (a slip of up to 2 listings)") {
		t.Errorf("print dialog of 4 offers large print:\n%s", td.dialogText())
	}
	td.typeOnWindow("l") // refused: large print holds 2
	td.printed()
	if len(rec.saved) != 1 || rec.saved[0].opts.LargePrint || len(rec.saved[0].ids) != 4 {
		t.Errorf("slips made = %+v, want one of 4 in standard print", rec.saved)
	}
}

func TestNothingToPrint(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	rec := td.recordSlips()
	td.show()
	td.menuItem(shortcutPrintSlip).Action()
	td.menuItem(shortcutAddToSlip).Action()
	if td.dialogText() != "" || len(rec.saved) != 0 || len(td.slip.listings) != 0 {
		t.Errorf("with nothing on show: dialog %q, %d slips, %d on the slip", td.dialogText(), len(rec.saved), len(td.slip.listings))
	}
	if !td.detail.noticeBox.Visible() || !strings.Contains(td.detail.notice.Text, "Nothing to add yet") {
		t.Errorf("notice = %q, want it to say there is nothing to add", td.detail.notice.Text)
	}
}

// TestPrintBeforeResultsArrive: print pressed while the search for the
// last keystroke runs prints that search's best match.
func TestPrintBeforeResultsArrive(t *testing.T) {
	slow := slowDirectory{Directory: newFakeDirectory(fixtureListings()), release: make(chan struct{})}
	td := newTestDesk(t, slow)
	td.recordSlips()
	close(slow.release)
	td.typeText("food bank")
	slow.release = make(chan struct{})
	td.Desk.dir = slow
	td.focusSearch()
	test.Type(td.search, "passport")
	td.menuItem(shortcutPrintSlip).Action()
	if td.dialogText() != "" {
		t.Fatalf("the print dialog opened before the results arrived")
	}
	close(slow.release)
	td.wait()
	if !strings.Contains(td.dialogText(), "• Salt Lake County Clerk - Passport Acceptance") {
		t.Errorf("print typed ahead opened:\n%s", td.dialogText())
	}
}

// TestNoViewer: when the system opens no viewer, a dialog gives the
// slip's path and copies it.
func TestNoViewer(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	rec := td.recordSlips()
	rec.openErr = errors.New("xdg-open: not found")
	td.typeText("passport")
	td.onAddToSlip()
	td.onPrintSlip()
	td.printed()
	if strings.Contains(td.detailText(), "Added to the slip") {
		t.Errorf("with the slip made the pane still says it holds listings:\n%s", td.detailText())
	}
	path := filepath.Join("slips", "referral-1.pdf")
	text := td.dialogText()
	for _, want := range []string{"Open the slip to print it", "no PDF viewer opened it", path, "[Copy the path]", "\nClose\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("no-viewer dialog lacks %q:\n%s", want, text)
		}
	}
	for _, o := range visibleObjects(td.win.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Copy the path" {
			test.Tap(b)
		}
	}
	if got := td.app.Clipboard().Content(); got != path {
		t.Errorf("Copy the path put %q, want %q", got, path)
	}
	td.pressKey(fyne.KeyEscape)
	if td.dialogText() != "" {
		t.Errorf("Esc after copying did not close the no-viewer dialog")
	}
	if td.win.Canvas().Focused() != td.search {
		t.Errorf("after the dialog the focus is on %v, want the search box", td.win.Canvas().Focused())
	}
}

// TestSlipDialogKeysAfterClick: with the focus taken off the dialog's
// buttons by a click on its text, Enter still prints and Esc still
// closes.
func TestSlipDialogKeysAfterClick(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	rec := td.recordSlips()
	td.typeText("passport")
	td.onPrintSlip()
	td.win.Canvas().Unfocus()
	td.pressKey(fyne.KeyEscape)
	if td.dialogText() != "" || len(rec.saved) != 0 {
		t.Fatalf("Esc with nothing focused: dialog %q, %d slips", td.dialogText(), len(rec.saved))
	}
	td.onPrintSlip()
	td.win.Canvas().Unfocus()
	td.printed()
	if len(rec.saved) != 1 {
		t.Errorf("Enter with nothing focused made %d slips, want 1", len(rec.saved))
	}
	rec.openErr = errors.New("no viewer")
	td.onPrintSlip()
	td.printed()
	td.win.Canvas().Unfocus()
	td.pressKey(fyne.KeyReturn)
	if td.dialogText() != "" {
		t.Errorf("Enter with nothing focused left the no-viewer dialog open")
	}
}

func TestSlipNotMade(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	rec := td.recordSlips()
	rec.saveErr = errors.New("save the slip: disk full")
	td.typeText("passport")
	td.menuItem(shortcutAddToSlip).Action()
	td.onPrintSlip()
	td.printed()
	if text := td.dialogText(); !strings.Contains(text, "The slip could not be made") || !strings.Contains(text, "disk full") {
		t.Errorf("failed slip dialog says:\n%s", text)
	}
	if len(rec.opened) != 0 || len(td.slip.listings) != 1 {
		t.Errorf("a failed slip opened %v and left %d on the slip, want nothing opened and the slip kept", rec.opened, len(td.slip.listings))
	}
}

// TestSlipKeysBehindDialog: with a dialog open, the slip's keys do
// nothing to the window behind it.
func TestSlipKeysBehindDialog(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	rec := td.recordSlips()
	td.typeText("passport")
	td.menuItem(shortcutHelp).Action()
	td.menuItem(shortcutPrintSlip).Action()
	td.menuItem(shortcutAddToSlip).Action()
	if len(td.slip.listings) != 0 || len(rec.saved) != 0 || !strings.Contains(td.dialogText(), "Keyboard shortcuts") {
		t.Errorf("slip keys acted behind the shortcuts dialog")
	}
	for _, want := range []string{"Ctrl+P", "Ctrl+Shift+A"} {
		if !strings.Contains(td.dialogText(), want) {
			t.Errorf("the shortcuts list lacks %s", want)
		}
	}
}

// TestSaveSlip makes a real slip in the slips folder, clearing away old
// ones but not today's.
func TestSaveSlip(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dir := filepath.Join(tmp, slipFolder)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	old, recent := filepath.Join(dir, "referral-old.pdf"), filepath.Join(dir, "referral-recent.pdf")
	for _, f := range []string{old, recent} {
		if err := os.WriteFile(f, []byte("%PDF-"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chtimes(old, testNow.Add(-2*slipKeep), testNow.Add(-2*slipKeep)); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(recent, testNow.Add(-time.Hour), testNow.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	ls := fixtureListings()
	path, err := saveSlip([]*directory.Listing{&ls[0]}, slip.Options{Lang: slip.Spanish, Now: testNow})
	if err != nil {
		t.Fatalf("saveSlip = %v", err)
	}
	if filepath.Dir(path) != dir || !strings.HasPrefix(filepath.Base(path), "referral-2026-11-25-") || filepath.Ext(path) != ".pdf" {
		t.Errorf("slip saved as %s, want referral-2026-11-25-*.pdf in %s", path, dir)
	}
	b, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Errorf("saved slip is %.10q, %v; want a PDF", b, err)
	}
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a slip two days old was kept: %v", err)
	}
	if _, err := os.Stat(recent); err != nil {
		t.Errorf("a slip an hour old was cleared: %v", err)
	}
	if _, err := saveSlip(nil, slip.Options{Now: testNow}); !errors.Is(err, slip.ErrNoListings) {
		t.Errorf("saveSlip of nothing = %v, want ErrNoListings", err)
	}
}

func TestFileURL(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"/tmp/nowrongdoor-slips/referral-1.pdf", "file:///tmp/nowrongdoor-slips/referral-1.pdf"},
		{"/tmp/a slip #2.pdf", "file:///tmp/a%20slip%20%232.pdf"},
	} {
		if got := fileURL(tc.path).String(); got != tc.want {
			t.Errorf("fileURL(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}
