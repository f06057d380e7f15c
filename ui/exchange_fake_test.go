package ui

import (
	"context"
	"fmt"
	"os"
	"sync"

	"nowrongdoor/directory"
)

// fakeExchange is an Exchange over a fakeAdminStore: an import adds and
// changes the store's listings as its preview says, a restore puts back
// the listings it was given, and every call is recorded.
type fakeExchange struct {
	store *fakeAdminStore

	mu sync.Mutex
	// preview is what PreviewImport and Import report; backups what
	// Backups lists; restored the listings a restore puts back.
	preview  ImportPreview
	backups  []Backup
	restored []directory.Listing
	// The errors the calls return.
	previewErr, importErr, exportErr, restoreErr error
	// hold and importHold, when set, keep PreviewImport and Import
	// waiting until they are closed, as a big file would.
	hold, importHold chan struct{}

	previews []string
	imports  []importCall
	exports  []exportCall
	restores []string
	// restoredBy is who each restore named.
	restoredBy []string
}

type importCall struct{ path, actor string }
type exportCall struct{ path, format string }

var testFormats = []ExportFormat{
	{Name: "hsds-json", Label: "HSDS 3.0 JSON (for 211 and partners)", Ext: ".json"},
	{Name: "hsds-csv", Label: "HSDS CSV data package (a folder)", Folder: true},
	{Name: "csv", Label: "Spreadsheet (CSV)", Ext: ".csv"},
	{Name: "json", Label: "No Wrong Door JSON", Ext: ".json"},
}

func (x *fakeExchange) ExportFormats() []ExportFormat { return testFormats }

func (x *fakeExchange) PreviewImport(ctx context.Context, path string) (ImportPreview, error) {
	x.mu.Lock()
	x.previews = append(x.previews, path)
	hold := x.hold
	x.mu.Unlock()
	if hold != nil {
		select {
		case <-hold:
		case <-ctx.Done():
			return ImportPreview{}, ctx.Err()
		}
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	p := x.preview
	p.File = path
	return p, x.previewErr
}

func (x *fakeExchange) Import(_ context.Context, path, actor string) (ImportPreview, error) {
	x.mu.Lock()
	x.imports = append(x.imports, importCall{path, actor})
	p, err, hold := x.preview, x.importErr, x.importHold
	x.mu.Unlock()
	if hold != nil {
		<-hold
	}
	if err != nil {
		return ImportPreview{}, err
	}
	if len(p.Invalid) > 0 {
		return ImportPreview{}, &directory.ValidationError{Problems: p.Invalid}
	}
	s := x.store
	s.mu.Lock()
	defer s.mu.Unlock()
	base := s.listings["utah-food-bank"]
	for _, c := range p.Added {
		l := base
		l.ID, l.Name = c.ID, c.Name
		l.UpdatedAt = s.tick()
		s.listings[l.ID] = l
	}
	for _, c := range p.Updated {
		l := s.listings[c.ID]
		l.Name = c.Name
		l.UpdatedAt = s.tick()
		s.listings[l.ID] = l
	}
	p.File = path
	p.BackupPath = "/backups/nowrongdoor-before-import.db"
	return p, nil
}

func (x *fakeExchange) Export(_ context.Context, path, format string) (int, error) {
	x.mu.Lock()
	x.exports = append(x.exports, exportCall{path, format})
	err := x.exportErr
	x.mu.Unlock()
	if err != nil {
		return 0, err
	}
	ls := x.store.onDesk()
	return len(ls), nil
}

func (x *fakeExchange) Backups() ([]Backup, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.backups, nil
}

func (x *fakeExchange) Restore(_ context.Context, path, actor string) (string, error) {
	x.mu.Lock()
	x.restores = append(x.restores, path)
	x.restoredBy = append(x.restoredBy, actor)
	err := x.restoreErr
	x.mu.Unlock()
	if err != nil {
		return "", err
	}
	s := x.store
	s.mu.Lock()
	defer s.mu.Unlock()
	s.listings = map[string]directory.Listing{}
	for _, l := range x.restored {
		s.listings[l.ID] = l
	}
	s.count = 1 // an older database counts fewer changes
	return "/data/nowrongdoor.db.replaced-2026-11-25-103000", nil
}

// calls copies what the exchange was asked.
func (x *fakeExchange) calls() (previews []string, imports []importCall, exports []exportCall, restores []string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	return append([]string(nil), x.previews...), append([]importCall(nil), x.imports...),
		append([]exportCall(nil), x.exports...), append([]string(nil), x.restores...)
}

var errInUse = fmt.Errorf("restore: nothing was changed: %w", ErrDatabaseInUse)

// exists reports whether a file is at path.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
