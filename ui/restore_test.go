package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

// TestRestoreConfirmsAndReloads: the backups newest first with when and
// why; Enter asks, saying what will happen; Esc keeps the directory;
// confirming restores and the desk shows the restored directory, though
// it counts fewer changes.
func TestRestoreConfirmsAndReloads(t *testing.T) {
	td, f, x, _ := newExchangeDesk(t)
	f.count = 40
	x.backups = []Backup{
		{Path: "/data/backups/nowrongdoor-2026-11-25.db", Taken: testNow.Add(-4*time.Hour - 30*time.Minute), Kind: BackupDaily},
		{Path: "/data/backups/nowrongdoor-2026-11-24-import.db", Taken: testNow.Add(-24 * time.Hour), Kind: BackupBeforeImport},
	}
	ls := f.onDesk()
	x.restored = ls[:2]
	td.onRestoreBackup()
	td.until("the backups", func() bool {
		return td.admin.files != nil && strings.Contains(td.admin.files.heading.Text, "Choose the backup")
	})
	shown := overlayText(td.win.Canvas())
	for _, want := range []string{
		"Wednesday, Nov 25, 2026 at 6:00am", "daily backup · nowrongdoor-2026-11-25.db",
		"Tuesday, Nov 24, 2026 at 10:30am", "taken before an import",
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("the backups do not show %q; they show:\n%s", want, shown)
		}
	}
	td.pressKey(fyne.KeyReturn) // the newest is selected
	question := td.admin.files.heading.Text
	if want := "The directory will be replaced by the backup of Wednesday, Nov 25, 2026 at 6:00am"; !strings.HasPrefix(question, want) ||
		!strings.Contains(question, "The current database is kept") {
		t.Errorf("the confirmation says %q, want it to start %q and say the current one is kept", question, want)
	}
	td.pressKey(fyne.KeyEscape)
	if td.dialogOpen() {
		t.Fatalf("Esc left the confirmation open")
	}
	if _, _, _, restores := x.calls(); len(restores) != 0 {
		t.Fatalf("Esc restored %v", restores)
	}

	td.onRestoreBackup()
	td.until("the backups", func() bool {
		return td.admin.files != nil && strings.Contains(td.admin.files.heading.Text, "Choose the backup")
	})
	td.pressKey(fyne.KeyDown)
	keyButtonIn(t, td, "Restore…").OnTapped()
	if got := focusedText(td); got != "Replace the directory" {
		t.Fatalf("the confirmation focuses %q, want Replace the directory", got)
	}
	td.pressKey(fyne.KeyReturn)
	td.until("the restore", func() bool { return strings.HasPrefix(td.admin.files.heading.Text, "Restored") })
	if _, _, _, restores := x.calls(); len(restores) != 1 || restores[0] != x.backups[1].Path {
		t.Errorf("Restore calls = %v, want the second backup", restores)
	}
	x.mu.Lock()
	if by := x.restoredBy; len(by) != 1 || by[0] == "" || by[0] != td.admin.actor {
		t.Errorf("the restore named %q as who restored, want the admin in, %q", by, td.admin.actor)
	}
	x.mu.Unlock()
	if want := "Restored the backup of Tuesday, Nov 24, 2026 at 10:30am. The desk shows the restored directory."; td.admin.files.heading.Text != want {
		t.Errorf("after the restore the dialog says %q, want %q", td.admin.files.heading.Text, want)
	}
	if want := "The directory it replaced is kept as /data/nowrongdoor.db.replaced-2026-11-25-103000"; td.admin.files.detail.Text != want {
		t.Errorf("the dialog says %q, want %q", td.admin.files.detail.Text, want)
	}
	if _, ok := td.dir.Listing(ls[4].ID); ok {
		t.Errorf("the desk still has %s, which the backup does not", ls[4].ID)
	}
	if _, ok := td.dir.Listing(ls[0].ID); !ok {
		t.Errorf("the desk lacks %s, which the backup has", ls[0].ID)
	}
}

// TestRestoreInUse: while another desk has the database open, nothing is
// restored and the admin is told what to do.
func TestRestoreInUse(t *testing.T) {
	td, _, x, asked := newExchangeDesk(t)
	x.restoreErr = errInUse
	td.onRestoreBackup()
	td.until("the backups", func() bool {
		return td.admin.files != nil && strings.Contains(td.admin.files.heading.Text, "No backup")
	})
	keyButtonIn(t, td, "Choose another file…").OnTapped()
	p := answer(t, asked, "/usb/nowrongdoor-copy.db")
	if p.kind != pickFile {
		t.Errorf("Choose another file… asked for %+v, want a file", p)
	}
	if want := "The directory will be replaced by the file nowrongdoor-copy.db"; !strings.HasPrefix(td.admin.files.heading.Text, want) {
		t.Errorf("the confirmation says %q, want it to start %q", td.admin.files.heading.Text, want)
	}
	td.pressKey(fyne.KeyReturn)
	td.until("the answer", func() bool { return strings.Contains(td.admin.files.heading.Text, "nothing was restored") })
	if want := "Another desk or program has the database open, so nothing was restored."; td.admin.files.heading.Text != want {
		t.Errorf("the dialog says %q, want %q", td.admin.files.heading.Text, want)
	}
	if !strings.Contains(td.admin.files.detail.Text, "Close No Wrong Door on the other desks") {
		t.Errorf("the dialog does not say what to do: %q", td.admin.files.detail.Text)
	}
}
