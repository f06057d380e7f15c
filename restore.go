package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"nowrongdoor/directory/sqlite"
)

// restore replaces the database with a backup. The backup is copied and
// checked first (that it is ours, opens, migrates if older, passes the
// integrity check and its audit chain verifies); the database it replaces
// is kept beside it as a backup of its own; and the copy takes the
// database's place in one rename, so a crash leaves one or the other,
// never a mix.
func (c *cli) restore(ctx context.Context, args []string) int {
	dbFlag, rest, code, ok := c.dbFlags("restore", args)
	if !ok {
		return code
	}
	if len(rest) != 1 || rest[0] == "" {
		return c.usageError("restore needs the backup file, like: nowrongdoor restore nowrongdoor-2026-11-30.db")
	}
	from := rest[0]
	path, err := c.dbPath(dbFlag)
	if err != nil {
		return c.fail("%v", err)
	}
	if _, err := os.Stat(from); err != nil {
		return c.fail("restore: %v; give the path of a backup file", err)
	}
	path, err = filepath.Abs(path)
	if err != nil {
		return c.fail("restore: %v", err)
	}
	// The checked copy is made in the database's folder, so that putting
	// it in place is a rename within one file system.
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return c.fail("restore: %v", err)
	}
	staged := path + ".restoring"
	os.Remove(staged) // left by a restore that was stopped; never the database
	defer os.Remove(staged)
	n, err := stageBackup(ctx, from, staged)
	if err != nil {
		return c.fail("restore: %s cannot be restored, and nothing was changed: %v%s", from, err, openAdvice(err))
	}
	kept := ""
	if _, err := os.Stat(path); err == nil {
		kept = path + ".replaced-" + time.Now().Format("2006-01-02-150405")
		if err := setAside(ctx, path, kept); err != nil {
			return c.fail("restore: nothing was changed: %v", err)
		}
	}
	if err := os.Rename(staged, path); err != nil {
		return c.fail("restore: nothing was changed: %v", err)
	}
	fmt.Fprintf(c.stdout, "restored %s (%d listings) as %s\n", from, n, path)
	if kept != "" {
		fmt.Fprintf(c.stdout, "the database it replaced is kept as %s\n", kept)
	}
	return exitOK
}

// stageBackup copies the backup at from to staged, brings the copy up to
// this release's schema and checks it; it returns how many listings it
// holds. The backup itself is only read.
func stageBackup(ctx context.Context, from, staged string) (int, error) {
	if err := sqlite.Snapshot(ctx, from, staged); err != nil {
		return 0, err
	}
	s, err := sqlite.Open(ctx, staged)
	if err != nil {
		return 0, err
	}
	defer s.Close()
	if err := s.CheckIntegrity(ctx); err != nil {
		return 0, err
	}
	if err := s.VerifyAudit(ctx); err != nil {
		return 0, fmt.Errorf("its audit trail is broken: %w", err)
	}
	return s.Count(ctx)
}

// setAside keeps a consistent copy of the database at path as kept, and
// makes sure no desk has the database open: its write-ahead log, which
// would not match the restored file, must be gone before the rename.
func setAside(ctx context.Context, path, kept string) error {
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		return fmt.Errorf("open the database to keep a copy: %w", err)
	}
	if err := s.Backup(ctx, kept); err != nil {
		s.Close()
		return fmt.Errorf("keep a copy of the database: %w", err)
	}
	// Closing the last connection checkpoints the log and removes it.
	if err := s.Close(); err != nil {
		return err
	}
	for _, ext := range []string{"-wal", "-journal"} {
		if _, err := os.Stat(path + ext); !errors.Is(err, fs.ErrNotExist) {
			os.Remove(kept) // nothing is replaced, so nothing needs keeping
			return fmt.Errorf("a desk or another program has the database open (%s is there); close them all, then restore again", filepath.Base(path+ext))
		}
	}
	os.Remove(path + "-shm")
	return nil
}
