package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"nowrongdoor/directory"
)

// Exchange is what the admin's Import, Export and Restore need: the
// directory's files going in and out, and its backups. main gives the
// real one. Its methods are called off the Fyne goroutine.
type Exchange interface {
	// ExportFormats are the formats the window offers for export, in the
	// order it lists them, the first chosen at first.
	ExportFormats() []ExportFormat
	// PreviewImport reads the file or folder at path (its format
	// detected) and does a dry run: nothing is written.
	PreviewImport(ctx context.Context, path string) (ImportPreview, error)
	// Import imports the file or folder at path as the admin actor, all
	// or nothing; a backup is taken first and its path is in the result.
	Import(ctx context.Context, path, actor string) (ImportPreview, error)
	// Export writes the listings on the desk in format (an
	// ExportFormat's Name) to path: a file, or a new folder for a format
	// whose Folder is set. It returns how many listings it wrote.
	Export(ctx context.Context, path, format string) (count int, err error)
	// Backups lists the backups beside the database, newest first.
	Backups() ([]Backup, error)
	// Restore replaces the database with the backup at path, after
	// checking it, and keeps the replaced database as the file kept; the
	// restored directory records that actor restored it. When
	// it returns, the desk's AdminStore reads the restored database: the
	// window then reads the directory again, whatever its change count.
	// While another desk has the database open it restores nothing and
	// returns an error matching ErrDatabaseInUse.
	Restore(ctx context.Context, path, actor string) (kept string, err error)
}

// ErrDatabaseInUse is what Exchange.Restore wraps when another desk or
// program has the database open, so nothing could be restored.
var ErrDatabaseInUse = errors.New("another desk or program has the database open")

// ExportFormat is a format the directory can be exported in.
type ExportFormat struct {
	// Name is how Export and the command line name it: "hsds-json".
	Name string
	// Label is how the window offers it: "HSDS 3.0 JSON (for 211 and
	// partners)".
	Label string
	// Ext is the file name's extension, with its dot: ".json".
	Ext string
	// Folder is set when the export is a folder of files (the HSDS CSV
	// data package), not one file.
	Folder bool
}

// ImportPreview is what an import would do, or did: the file's format,
// the listings it adds and changes, how many it leaves as they are, the
// records that stop it, and what the directory cannot keep.
type ImportPreview struct {
	// File is the file or folder read; Format names its format as people
	// know it: "HSDS 3.0 JSON", "HSDS CSV data package", "No Wrong Door
	// JSON".
	File, Format string
	// Added are the new listings; Updated the changed ones, each with the
	// fields that changed.
	Added, Updated []ListingChange
	// Unchanged counts the listings the directory already holds as the
	// file has them.
	Unchanged int
	// Invalid are the problems that stop the import: Index is the record
	// number counting from 0 (-1 for the whole file), ID, Field and
	// Message say what to fix.
	Invalid []directory.Problem
	// NotKept counts, for each HSDS field the directory cannot hold, the
	// records that had it.
	NotKept map[string]int
	// BackupPath is the backup Import took before it wrote anything.
	BackupPath string
}

// ListingChange is a listing an import adds or changes.
type ListingChange struct {
	ID, Name string
	// Fields are the fields an update changes; empty for a new listing.
	Fields []string
}

// Backup is a copy of the database that can be restored.
type Backup struct {
	Path  string
	Taken time.Time
	// Kind says why it was taken: "daily", "before import", or another
	// word the window shows as it is.
	Kind string
}

// The backup kinds the window words.
const (
	BackupDaily        = "daily"
	BackupBeforeImport = "before import"
)

// SetExchange gives admin mode its Import, Export and Restore; nil leaves
// them unavailable. Call it on the Fyne goroutine.
func (d *Desk) SetExchange(x Exchange) {
	d.admin.exchange = x
	for _, it := range d.admin.fileItems {
		it.Disabled = x == nil || d.admin.store == nil
	}
	if d.menu != nil && d.built {
		d.menu.Refresh()
	}
}

// exchangeReady reports whether Import, Export and Restore can be offered.
func (d *Desk) exchangeReady() bool { return d.admin.exchange != nil && d.admin.store != nil }

// fileMenuItems are the menu items for the directory's files: Import,
// Export and Restore.
func (d *Desk) fileMenuItems() []*fyne.MenuItem {
	items := []*fyne.MenuItem{
		{Label: lang.L("Import file…"), Action: d.onImport},
		{Label: lang.L("Export…"), Action: d.onExport},
		{Label: lang.L("Restore backup…"), Action: d.onRestoreBackup},
	}
	for _, it := range items {
		it.Disabled = !d.exchangeReady()
	}
	return items
}

// startFileWork runs then once admin mode is unlocked, when Import,
// Export and Restore are available and nothing covers the window.
func (d *Desk) startFileWork(then func()) {
	if !d.exchangeReady() || d.dialogOpen() {
		return
	}
	d.requireAdmin(func() {
		if !d.dialogOpen() {
			then()
		}
	})
}
