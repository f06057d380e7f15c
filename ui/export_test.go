package ui

import (
	"errors"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

func radioIn(t *testing.T, c fyne.Canvas) *widget.RadioGroup {
	t.Helper()
	for _, o := range visibleObjects(c.Overlays().Top()) {
		if r, ok := o.(*widget.RadioGroup); ok {
			return r
		}
	}
	t.Fatalf("no choice of format in:\n%s", overlayText(c))
	return nil
}

// TestExportPassesTheChosenFormat: the format chosen by its label reaches
// Export by its name, to the file chosen, and the count is said.
func TestExportPassesTheChosenFormat(t *testing.T) {
	td, _, x, asked := newExchangeDesk(t)
	td.onExport()
	r := radioIn(t, td.win.Canvas())
	if r.Selected != testFormats[0].Label {
		t.Errorf("the first format chosen is %q, want %q", r.Selected, testFormats[0].Label)
	}
	r.SetSelected("Spreadsheet (CSV)")
	if got := focusedText(td); got != "Export…" {
		t.Fatalf("the format dialog focuses %q, want Export…", got)
	}
	td.pressKey(fyne.KeyReturn)
	out := t.TempDir() + "/listings.csv"
	p := answer(t, asked, out)
	if p.kind != pickSave || p.name != "nowrongdoor-2026-11-25.csv" {
		t.Errorf("Export… asked for %+v, want to save nowrongdoor-2026-11-25.csv", p)
	}
	td.until("the export", func() bool { return strings.Contains(td.admin.files.heading.Text, "Exported") })
	if _, _, exports, _ := x.calls(); len(exports) != 1 || exports[0] != (exportCall{out, "csv"}) {
		t.Errorf("Export calls = %+v, want one of %s as csv", exports, out)
	}
	if want := "Exported 5 listings to listings.csv."; td.admin.files.heading.Text != want {
		t.Errorf("after the export the dialog says %q, want %q", td.admin.files.heading.Text, want)
	}
	if td.admin.files.detail.Text != out {
		t.Errorf("the dialog gives the path as %q, want %q", td.admin.files.detail.Text, out)
	}
}

// TestExportFolder: a package of files goes in a new folder inside the
// one chosen, never into an older export.
func TestExportFolder(t *testing.T) {
	td, _, x, asked := newExchangeDesk(t)
	dir := t.TempDir()
	if err := os.Mkdir(dir+"/nowrongdoor-2026-11-25-hsds-csv", 0o755); err != nil {
		t.Fatal(err)
	}
	td.onExport()
	radioIn(t, td.win.Canvas()).SetSelected("HSDS CSV data package (a folder)")
	td.pressKey(fyne.KeyReturn)
	if p := answer(t, asked, dir); p.kind != pickFolder {
		t.Errorf("a folder format asked for %+v, want a folder", p)
	}
	td.until("the export", func() bool { return strings.Contains(td.admin.files.heading.Text, "Exported") })
	want := exportCall{dir + "/nowrongdoor-2026-11-25-hsds-csv-2", "hsds-csv"}
	if _, _, exports, _ := x.calls(); len(exports) != 1 || exports[0] != want {
		t.Errorf("Export calls = %+v, want %+v", exports, want)
	}
}

func TestExportErrorSaid(t *testing.T) {
	td, _, x, asked := newExchangeDesk(t)
	x.exportErr = errors.New("write listings.json: no space left on device")
	td.onExport()
	td.pressKey(fyne.KeyReturn)
	out := t.TempDir() + "/listings.json"
	if err := os.WriteFile(out, nil, 0o644); err != nil { // as the save chooser leaves it
		t.Fatal(err)
	}
	answer(t, asked, out)
	td.until("the error", func() bool { return strings.Contains(td.admin.files.heading.Text, "could not") })
	if want := "The directory could not be exported: write listings.json: no space left on device."; td.admin.files.heading.Text != want {
		t.Errorf("a failed export says %q, want %q", td.admin.files.heading.Text, want)
	}
	if exists(out) {
		t.Errorf("a failed export left the empty file %s", out)
	}
}
