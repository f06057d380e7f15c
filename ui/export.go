package ui

import (
	"context"
	"os"
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// onExport asks for the export's format and then where to write it, after
// the admin password.
func (d *Desk) onExport() { d.startFileWork(d.showExport) }

// showExport offers the formats by their labels; Export… asks where to
// write the chosen one.
func (d *Desk) showExport() {
	formats := d.admin.exchange.ExportFormats()
	if len(formats) == 0 {
		return
	}
	labels := make([]string, len(formats))
	for i, f := range formats {
		labels[i] = f.Label
	}
	choice := &widget.RadioGroup{Options: labels, Selected: labels[0], Required: true}
	choice.ExtendBaseWidget(choice)
	var f *fileDialog
	next := newKeyButton(lang.L("Export…"), widget.HighImportance, func() {
		i := max(0, indexOf(labels, choice.Selected))
		f.hide()
		d.chooseExportPath(formats[i])
	}, nil)
	f = d.newFileDialog(lang.L("Export the directory"), choice, next)
	next.onEscape = f.hide
	f.heading.SetText(lang.L("Choose the format: partners and 211 read HSDS; a spreadsheet opens the CSV. Every listing on the desk is exported."))
	f.show(next)
}

func indexOf(ss []string, s string) int {
	for i, x := range ss {
		if x == s {
			return i
		}
	}
	return -1
}

// chooseExportPath asks where to write format: a file to save, or the
// folder in which a new folder is made for a package of files.
func (d *Desk) chooseExportPath(format ExportFormat) {
	name := "nowrongdoor-" + d.timeNow().Format("2006-01-02")
	if format.Folder {
		d.pickPath(pathPick{kind: pickFolder, title: lang.L("Choose where to make the export's folder"), confirm: lang.L("Export here"), then: func(dir string) {
			d.exportTo(filepath.Join(dir, name+"-"+format.Name), format, true)
		}})
		return
	}
	d.pickPath(pathPick{kind: pickSave, name: name + format.Ext, title: lang.L("Save the export as"), confirm: lang.L("Export"), then: func(path string) {
		d.exportTo(path, format, false)
	}})
}

// exportTo writes the export off the Fyne goroutine, saying so, then says
// how many listings it wrote and where. A folder package goes in a new
// folder: when the name is taken, a number is added.
func (d *Desk) exportTo(path string, format ExportFormat, newFolder bool) {
	if !d.exchangeReady() || d.dialogOpen() {
		return
	}
	d.touchAdmin()
	f := d.newFileDialog(lang.L("Export the directory"), nil)
	f.close.Disable() // the file is half written until it ends
	f.working(lang.L("Exporting to {{.Name}}…", map[string]any{"Name": baseName(path)}))
	f.show(f.close)
	x := d.admin.exchange
	go func() {
		if newFolder {
			path = freeName(path)
		}
		n, err := x.Export(context.Background(), path, format.Name)
		if err != nil && !format.Folder {
			removeIfEmpty(path) // the empty file the save chooser made
		}
		d.do(func() { d.exported(f, path, n, err) })
	}()
}

// exported says what the export did.
func (d *Desk) exported(f *fileDialog, path string, n int, err error) {
	if !f.isOpen() {
		return
	}
	if err != nil {
		f.say(lang.L("The directory could not be exported: {{.Error}}.", map[string]any{"Error": fileProblem(err)}), "", widget.DangerImportance)
	} else {
		f.say(lang.N("Exported {{.Count}} listing to {{.Name}}.", n, map[string]any{"Count": n, "Name": baseName(path)}), path, widget.SuccessImportance)
	}
	f.done()
}

// freeName is path, or path with "-2", "-3"… added when something has
// that name already, so an export never writes into an older one.
func freeName(path string) string {
	try := path
	for i := 2; ; i++ {
		// Any other error is the export's to report.
		if _, err := os.Lstat(try); err != nil {
			return try
		}
		try = path + "-" + strconv.Itoa(i)
	}
}

// removeIfEmpty removes the file at path when it is empty: the save
// chooser made it and a failed export left nothing in it.
func removeIfEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		os.Remove(path)
	}
}
