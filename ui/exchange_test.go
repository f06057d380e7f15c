package ui

import (
	"strings"
	"testing"
)

// newExchangeDesk is an admin desk, unlocked as Jane Doe, with a fake
// exchange over its store, whose questions for a path are answered by
// answer (nil cancels them) and recorded in asked.
func newExchangeDesk(t *testing.T) (*testDesk, *fakeAdminStore, *fakeExchange, *[]pathPick) {
	t.Helper()
	td, f := newAdminDesk(t)
	x := &fakeExchange{store: f}
	td.SetExchange(x)
	asked := &[]pathPick{}
	td.admin.pick = func(p pathPick) { *asked = append(*asked, p) }
	td.unlockAs("Jane Doe")
	return td, f, x, asked
}

// answer answers the last question for a path with path, as the admin
// choosing it would.
func answer(t *testing.T, asked *[]pathPick, path string) pathPick {
	t.Helper()
	if len(*asked) == 0 {
		t.Fatalf("nothing asked for a path")
	}
	p := (*asked)[len(*asked)-1]
	p.then(path)
	return p
}

// focusedText is the text of the focused button, or "" when no button
// has the focus.
func focusedText(td *testDesk) string {
	if b, ok := td.win.Canvas().Focused().(*keyButton); ok {
		return b.Text
	}
	return ""
}

func TestFileItemsNeedAnExchange(t *testing.T) {
	td, _ := newAdminDesk(t)
	td.unlockAs("Jane Doe")
	for _, it := range td.admin.fileItems {
		if !it.Disabled {
			t.Errorf("without an exchange, %q should be disabled", it.Label)
		}
	}
	td.SetExchange(&fakeExchange{})
	var labels []string
	for _, it := range td.admin.fileItems {
		labels = append(labels, it.Label)
		if it.Disabled {
			t.Errorf("with an exchange, %q should be enabled", it.Label)
		}
	}
	if want := "Import file…|Export…|Restore backup…"; strings.Join(labels, "|") != want {
		t.Errorf("Admin menu file items = %q, want %q", labels, want)
	}
}

// TestImportAsksForThePassword: a locked desk asks for the admin password
// before anything about files.
func TestImportAsksForThePassword(t *testing.T) {
	td, f := newAdminDesk(t)
	td.SetExchange(&fakeExchange{store: f})
	td.admin.fileItems[0].Action()
	td.until("the unlock dialog", func() bool { return td.admin.unlock != nil })
	if td.admin.files != nil {
		t.Errorf("the import dialog opened before the password was given")
	}
}

// keyButtonIn finds a button of the dialog on top by its text.
func keyButtonIn(t *testing.T, td *testDesk, text string) *keyButton {
	t.Helper()
	for _, o := range visibleObjects(td.win.Canvas().Overlays().Top()) {
		if b, ok := o.(*keyButton); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("the dialog has no %q button; it shows:\n%s", text, overlayText(td.win.Canvas()))
	return nil
}

// TestLockClosesFileDialogs: admin mode locking closes a file dialog, so
// a desk left alone does not keep one open for anyone.
func TestLockClosesFileDialogs(t *testing.T) {
	td, _, _, _ := newExchangeDesk(t)
	td.onExport()
	if td.admin.files == nil {
		t.Fatalf("the export dialog did not open")
	}
	td.lockAdmin()
	if td.admin.files != nil || td.dialogOpen() {
		t.Errorf("locking left the export dialog open")
	}
}
