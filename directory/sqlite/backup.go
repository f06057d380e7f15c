package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Backup writes a consistent copy of the database to the new file out,
// while the app keeps running. It refuses to overwrite an existing file
// (the error matches fs.ErrExist), so a backup never clobbers an older one.
func (s *Store) Backup(ctx context.Context, out string) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("backup to %s: %w", out, err)
	}
	if _, err := os.Lstat(abs); err == nil {
		return fmt.Errorf("backup to %s: %w; choose a new file name", abs, fs.ErrExist)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup to %s: %w", abs, err)
	}
	// VACUUM INTO writes a compact snapshot of the last committed state,
	// without the WAL, that opens on its own. It runs on the write pool:
	// the read pool is query-only.
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, abs); err != nil {
		return fmt.Errorf("backup to %s: %w", abs, classify(err))
	}
	// VACUUM INTO does not sync the new file; a backup that a power cut
	// could lose is no backup.
	if err := syncFile(abs); err != nil {
		return fmt.Errorf("backup to %s: %w", abs, err)
	}
	return nil
}

func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// CheckIntegrity runs SQLite's integrity check over the whole file and
// returns an error matching ErrCorrupt listing what it found, or nil.
func (s *Store) CheckIntegrity(ctx context.Context) error {
	rows, err := s.rdb.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("integrity check: %w", classify(err))
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return fmt.Errorf("integrity check: %w", classify(err))
		}
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", classify(err))
	}
	if len(msgs) == 1 && msgs[0] == "ok" {
		return nil
	}
	return fmt.Errorf("integrity check: %w: %s", ErrCorrupt, strings.Join(msgs, "; "))
}
