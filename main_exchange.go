package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"path/filepath"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/exchange"
	"nowrongdoor/directory/sqlite"
	"nowrongdoor/ui"
)

// windowExchange is the window's Import, Export and Restore: the same
// formats, backups and checks as the command line, over the window's own
// store.
type windowExchange struct{ ls *liveStore }

// The window offers every export format, with what each is for.
func (x windowExchange) ExportFormats() []ui.ExportFormat {
	uses := map[exchange.Format]struct{ label, ext string }{
		exchange.HSDSJSON: {"HSDS 3.0 JSON, for 211 and partners", ".json"},
		exchange.HSDSCSV:  {"HSDS 3.0 CSV data package (a folder), for 211 and partners", ""},
		exchange.CSV:      {"Spreadsheet CSV, for Excel or LibreOffice", ".csv"},
		exchange.JSON:     {"No Wrong Door JSON, for another desk", ".json"},
	}
	out := make([]ui.ExportFormat, 0, len(exchange.Formats))
	for _, f := range exchange.Formats {
		out = append(out, ui.ExportFormat{Name: string(f), Label: uses[f].label, Ext: uses[f].ext, Folder: f.Folder()})
	}
	return out
}

// stream reads the file or folder at path in the format it is in and
// imports it with opts, handing res what it read. A file with an invalid
// record imports nothing; a preview (opts.DryRun) reports them.
func (x windowExchange) stream(ctx context.Context, path string, opts func(exchange.Format) sqlite.ImportOptions, res *exchange.Result) (sqlite.ImportReport, error) {
	format, err := exchange.Detect(path)
	if err == nil {
		err = exchange.Check(path, format)
	}
	if err != nil {
		return sqlite.ImportReport{}, err
	}
	return importStream(ctx, x.ls.s, opts(format), res, func(emit func(directory.Batch) error) (exchange.Result, error) {
		return exchange.Stream(ctx, path, format, emit)
	})
}

// importOptions are the command line's options for a file in format,
// with the changes told to the window's preview p.
func importOptions(format exchange.Format, path, actor string, p *ui.ImportPreview) sqlite.ImportOptions {
	opts := fileImportOptions(format, path, actor)
	opts.Changed = func(ch sqlite.ImportChange) {
		c := ui.ListingChange{ID: ch.ID, Name: ch.Name}
		if ch.Added {
			p.Added = append(p.Added, c)
			return
		}
		for _, f := range ch.Fields {
			c.Fields = append(c.Fields, f.Field)
		}
		p.Updated = append(p.Updated, c)
	}
	return opts
}

// PreviewImport reads the file and imports it in a transaction it rolls
// back, so the preview is exactly what an import would do.
func (x windowExchange) PreviewImport(ctx context.Context, path string) (ui.ImportPreview, error) {
	p := ui.ImportPreview{File: path}
	var res exchange.Result
	defer x.ls.hold()()
	rep, err := x.stream(ctx, path, func(f exchange.Format) sqlite.ImportOptions {
		opts := importOptions(f, path, "preview", &p)
		opts.DryRun = true
		return opts
	}, &res)
	p.Format, p.Invalid, p.NotKept = res.Format.Label(), res.Invalid, res.NotKept
	p.Unchanged = rep.Unchanged
	return p, err
}

// Import imports the file as actor after a backup, all or nothing: a file
// with any invalid record imports nothing.
func (x windowExchange) Import(ctx context.Context, path, actor string) (ui.ImportPreview, error) {
	p := ui.ImportPreview{File: path}
	defer x.ls.hold()()
	var err error
	if p.BackupPath, err = x.ls.s.BackupBeforeImport(ctx, time.Now()); err != nil {
		return p, fmt.Errorf("a backup before the import could not be made, so nothing was imported: %w", err)
	}
	var res exchange.Result
	rep, err := x.stream(ctx, path, func(f exchange.Format) sqlite.ImportOptions { return importOptions(f, path, actor, &p) }, &res)
	p.Format, p.Invalid, p.NotKept = res.Format.Label(), res.Invalid, res.NotKept
	p.Unchanged = rep.Unchanged
	changed := err == nil && rep.Added+rep.Updated > 0
	if err := x.ls.s.ImportBackupDone(p.BackupPath, changed); err != nil {
		log.Printf("import: %v", err)
	}
	if !changed {
		p.BackupPath = "" // removed: the database is as it was
	}
	if errors.Is(err, errInvalidRecords) {
		n := res.InvalidRecords()
		if n == 1 {
			return p, fmt.Errorf("1 record of %s has a problem; fix it and import again, nothing was imported", filepath.Base(path))
		}
		return p, fmt.Errorf("%d records of %s have problems; fix them and import again, nothing was imported", n, filepath.Base(path))
	}
	return p, err
}

// Export writes the listings on the desk. The save dialog has made the
// file already, so it is replaced, through a file beside it.
func (x windowExchange) Export(ctx context.Context, path, format string) (int, error) {
	f, err := exchange.ParseFormat(format)
	if err != nil {
		return 0, err
	}
	listings, err := x.ls.listings(ctx)
	if err != nil {
		return 0, err
	}
	return len(listings), exchange.Write(ctx, path, f, listings, true)
}

// Backups lists the backups beside the database, newest first.
func (x windowExchange) Backups() ([]ui.Backup, error) {
	x.ls.mu.RLock()
	path := x.ls.s.Path()
	x.ls.mu.RUnlock()
	files, err := sqlite.Backups(path)
	if err != nil {
		return nil, err
	}
	out := make([]ui.Backup, len(files))
	for i, f := range files {
		out[i] = ui.Backup{Path: f.Path, Taken: f.Taken, Kind: string(f.Kind)}
	}
	return out, nil
}

// Restore puts the backup in place of the window's database and opens it.
func (x windowExchange) Restore(ctx context.Context, path, actor string) (string, error) {
	res, err := x.ls.restore(ctx, path, actor, time.Now())
	if errors.Is(err, sqlite.ErrInUse) {
		return "", fmt.Errorf("%w: %w", ui.ErrDatabaseInUse, err)
	}
	return res.Replaced, err
}

// The window's Import, Export and Restore are a windowExchange.
var _ ui.Exchange = windowExchange{}
