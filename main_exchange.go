package main

// A stand-in for the window's Import, Export and Restore (ui.Exchange),
// built only from what the store and today's JSON format already do, so
// the window's dialogs can be used before the HSDS formats arrive. The
// integrator replaces this file with the real exchange.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/jsonfile"
	"nowrongdoor/directory/sqlite"
	"nowrongdoor/ui"
)

// windowExchange is the stand-in ui.Exchange over the window's store.
type windowExchange struct{ s *sqlite.Store }

func (x windowExchange) ExportFormats() []ui.ExportFormat {
	return []ui.ExportFormat{{Name: "json", Label: "No Wrong Door JSON", Ext: ".json"}}
}

// read parses the file as today's JSON, the one format that exists yet.
func (x windowExchange) read(path string) ([]directory.Listing, ui.ImportPreview, error) {
	p := ui.ImportPreview{File: path, Format: "No Wrong Door JSON"}
	f, err := os.Open(path)
	if err != nil {
		return nil, p, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, p, errors.New("a folder holds a CSV package, which this build cannot read yet")
	}
	listings, err := jsonfile.ParseListings(f)
	var invalid *directory.ValidationError
	if errors.As(err, &invalid) {
		p.Invalid = invalid.Problems
		return nil, p, nil
	}
	return listings, p, err
}

// changes fills the preview's lists by comparing the file with the store.
func (x windowExchange) changes(ctx context.Context, listings []directory.Listing, p *ui.ImportPreview) error {
	stored, err := x.s.Listings(ctx)
	if err != nil {
		return err
	}
	byID := make(map[string]directory.Listing, len(stored))
	for _, l := range stored {
		byID[l.ID] = l
	}
	for _, l := range listings {
		old, ok := byID[l.ID]
		if !ok {
			p.Added = append(p.Added, ui.ListingChange{ID: l.ID, Name: l.Name})
			continue
		}
		var fields []string
		for _, c := range directory.Diff(old, l) {
			// An import keeps these local fields; they never change.
			if !slices.Contains([]string{"notes_for_staff", "verified_on", "verified_by", "archived"}, c.Field) {
				fields = append(fields, c.Field)
			}
		}
		if len(fields) == 0 {
			p.Unchanged++
		} else {
			p.Updated = append(p.Updated, ui.ListingChange{ID: l.ID, Name: l.Name, Fields: fields})
		}
	}
	return nil
}

func (x windowExchange) PreviewImport(ctx context.Context, path string) (ui.ImportPreview, error) {
	listings, p, err := x.read(path)
	if err != nil || len(p.Invalid) > 0 {
		return p, err
	}
	return p, x.changes(ctx, listings, &p)
}

func (x windowExchange) Import(ctx context.Context, path, actor string) (ui.ImportPreview, error) {
	listings, p, err := x.read(path)
	if err == nil && len(p.Invalid) > 0 {
		err = &directory.ValidationError{Problems: p.Invalid}
	}
	if err != nil {
		return p, err
	}
	if err := x.changes(ctx, listings, &p); err != nil {
		return p, err
	}
	dir := sqlite.BackupFolder(x.s.Path())
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return p, err
	}
	p.BackupPath = filepath.Join(dir, "before-import-"+time.Now().Format("2006-01-02-150405")+".db")
	if err := x.s.Backup(ctx, p.BackupPath); err != nil {
		return p, fmt.Errorf("nothing was imported: the backup failed: %w", err)
	}
	abs, _ := filepath.Abs(path)
	_, err = x.s.Import(ctx, listings, sqlite.ImportOptions{Actor: actor, Source: abs})
	return p, err
}

func (x windowExchange) Export(ctx context.Context, path, format string) (int, error) {
	if format != "json" {
		return 0, fmt.Errorf("this build cannot export %s yet", format)
	}
	listings, err := x.s.Listings(ctx)
	if err != nil {
		return 0, err
	}
	data, err := json.MarshalIndent(listings, "", "  ")
	if err != nil {
		return 0, err
	}
	tmp := path + ".partial"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return 0, err
	}
	return len(listings), os.Rename(tmp, path)
}

func (x windowExchange) Backups() ([]ui.Backup, error) {
	dir := sqlite.BackupFolder(x.s.Path())
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []ui.Backup
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() || !strings.HasSuffix(e.Name(), ".db") {
			continue
		}
		kind := ui.BackupDaily
		if strings.HasPrefix(e.Name(), "before-import-") {
			kind = ui.BackupBeforeImport
		}
		out = append(out, ui.Backup{Path: filepath.Join(dir, e.Name()), Taken: info.ModTime(), Kind: kind})
	}
	slices.SortFunc(out, func(a, b ui.Backup) int { return b.Taken.Compare(a.Taken) })
	return out, nil
}

// Restore is not wired in this stand-in: the window holds the database
// open, and the real exchange closes and reopens it around the restore.
func (x windowExchange) Restore(context.Context, string) (string, error) {
	return "", errors.New("restoring from the window comes with the real exchange; close the window and run nowrongdoor restore FILE")
}
