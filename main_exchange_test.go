package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nowrongdoor/directory"
	"nowrongdoor/directory/exchange"
	"nowrongdoor/directory/sqlite"
	"nowrongdoor/ui"
)

// windowDesk opens the default directory as the window does.
func windowDesk(t *testing.T) (windowExchange, string) {
	t.Helper()
	path := seededDB(t)
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	ls := &liveStore{s: s}
	t.Cleanup(func() { ls.close() })
	return windowExchange{ls}, path
}

// The window's import is the command line's: a preview that writes
// nothing, then the import after a backup.
func TestWindowImport(t *testing.T) {
	ctx := context.Background()
	x, _ := windowDesk(t)
	listings, err := x.ls.listings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	listings[0].Name = "Renamed Office"
	file := filepath.Join(t.TempDir(), "partner.json")
	if err := exchange.Write(ctx, file, exchange.HSDSJSON, listings, false); err != nil {
		t.Fatal(err)
	}
	p, err := x.PreviewImport(ctx, file)
	if err != nil || p.Format != "HSDS 3.0 JSON" || len(p.Updated) != 1 || p.Updated[0].ID != listings[0].ID ||
		len(p.Added) != 0 || p.Unchanged != len(listings)-1 {
		t.Fatalf("PreviewImport = %+v, %v; want one listing changed", p, err)
	}
	if l, _ := x.ls.Load(ctx, listings[0].ID); l.Name == "Renamed Office" {
		t.Fatal("the preview changed the listing")
	}
	p, err = x.Import(ctx, file, "Jane Doe")
	if err != nil || len(p.Updated) != 1 || p.BackupPath == "" {
		t.Fatalf("Import = %+v, %v; want the change and a backup", p, err)
	}
	if _, err := os.Stat(p.BackupPath); err != nil {
		t.Errorf("the backup %s: %v", p.BackupPath, err)
	}
	if l, _ := x.ls.Load(ctx, listings[0].ID); l.Name != "Renamed Office" {
		t.Errorf("after Import the listing is named %q", l.Name)
	}
	if h, _ := x.ls.History(ctx, listings[0].ID); len(h) == 0 || h[0].Actor != "Jane Doe" {
		t.Errorf("the history does not name the admin: %+v", h)
	}
}

// A file with a bad record imports nothing from the window either.
func TestWindowImportRefusesInvalid(t *testing.T) {
	ctx := context.Background()
	x, path := windowDesk(t)
	before := dbState(t, path)
	listings, _ := x.ls.listings(ctx)
	listings[1].Email = "not an address"
	listings[0].Name = "Renamed Office" // valid, and not imported either
	file := filepath.Join(t.TempDir(), "bad.json")
	if err := exchange.Write(ctx, file, exchange.JSON, listings, false); err != nil {
		t.Fatal(err)
	}
	p, err := x.PreviewImport(ctx, file)
	if err != nil || len(p.Invalid) != 1 || p.Invalid[0].Index != 1 {
		t.Errorf("PreviewImport = %+v, %v; want record 1 invalid", p.Invalid, err)
	}
	if p.Updated == nil || p.Updated[0].Name != "Renamed Office" {
		t.Errorf("PreviewImport changes = %+v; want the valid record's change named", p.Updated)
	}
	p, err = x.Import(ctx, file, "Jane Doe")
	if err == nil || !strings.Contains(err.Error(), "1 record of bad.json has a problem") {
		t.Errorf("Import of a file with an invalid record = %v, want it refused", err)
	}
	if len(p.Updated)+len(p.Added) > 0 || p.BackupPath != "" {
		t.Errorf("a refused Import says it changed %+v, %+v with the backup %q; want nothing", p.Updated, p.Added, p.BackupPath)
	}
	if dbState(t, path) != before {
		t.Error("a refused import changed the database")
	}
	if bs, err := sqlite.Backups(path); err != nil || len(bs) != 0 {
		t.Errorf("after a refused import the backups are %v, %v; want none", bs, err)
	}
}

func TestWindowExport(t *testing.T) {
	ctx := context.Background()
	x, _ := windowDesk(t)
	n := len(defaultRecords(t))
	for _, f := range x.ExportFormats() {
		out := filepath.Join(t.TempDir(), "export"+f.Ext)
		if !f.Folder {
			// The save dialog has made the file already.
			if err := os.WriteFile(out, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := x.Export(ctx, out, f.Name); err != nil || got != n {
			t.Errorf("Export(%s) = %d, %v; want %d listings", f.Name, got, err, n)
		}
		if format, _ := exchange.ParseFormat(f.Name); format.Readable() {
			if res, err := exchange.Read(ctx, out, format); err != nil || len(res.Listings) != n {
				t.Errorf("the %s export reads back as %d listings, %v", f.Name, len(res.Listings), err)
			}
		}
	}
}

// Restore from the window puts yesterday's directory back under the
// open window, and the window goes on reading and writing the restored
// file.
func TestWindowRestore(t *testing.T) {
	ctx := context.Background()
	x, path := windowDesk(t)
	backup := filepath.Join(t.TempDir(), "yesterday.db")
	if err := x.ls.s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	l, _ := x.ls.listings(ctx)
	l[0].Name = "A Bad Day's Name"
	if _, _, err := x.ls.Save(ctx, l[0], l[0].UpdatedAt, "Jane Doe"); err != nil {
		t.Fatal(err)
	}
	kept, err := x.Restore(ctx, backup, "Jane Doe")
	if err != nil || kept == "" {
		t.Fatalf("Restore = %q, %v", kept, err)
	}
	if events, err := x.ls.s.AuditEntries(ctx, ""); err != nil || len(events) == 0 ||
		events[0].Action != directory.ActionRestoreBackup || events[0].Actor != "Jane Doe" {
		t.Errorf("after Restore the directory's newest event is %+v, %v; want Jane Doe's restore", events, err)
	}
	got, err := x.ls.Load(ctx, l[0].ID)
	if err != nil || got.Name == "A Bad Day's Name" {
		t.Errorf("after Restore the listing is %q, %v; want the backup's", got.Name, err)
	}
	got.Description = "Edited after the restore."
	if _, _, err := x.ls.Save(ctx, got, got.UpdatedAt, "Jane Doe"); err != nil {
		t.Errorf("Save after Restore = %v", err)
	}
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("the replaced database is not kept: %v", err)
	}
	if backups, err := x.Backups(); err != nil || len(backups) == 0 {
		t.Errorf("Backups = %v, %v; want the replaced database listed", backups, err)
	}

	// Another desk has the file open: nothing is restored, and this one
	// goes on.
	other, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Listings(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := x.Restore(ctx, backup, "Jane Doe"); !errors.Is(err, ui.ErrDatabaseInUse) {
		t.Errorf("Restore while another desk has the file = %v, want ErrDatabaseInUse", err)
	}
	if got, err := x.ls.Load(ctx, l[0].ID); err != nil || got.Description != "Edited after the restore." {
		t.Errorf("after a refused restore the listing is %q, %v", got.Description, err)
	}
}
