package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// fileState is what look found a database file to be.
type fileState int

const (
	// fileNew is a file with nothing in it yet: Open creates the schema.
	fileNew fileState = iota
	// fileOlder is ours, made by an earlier release: Open migrates it.
	fileOlder
	// fileCurrent is ours and up to date: Open writes nothing.
	fileCurrent
)

// look says what the database file at abs is, without writing to it,
// taking its write lock or changing its journal mode: new, ours and older
// or current, or an error matching ErrForeign (another program's tables),
// ErrNewerSchema (a newer release's) or ErrCorrupt. known is the newest
// migration this build has. When then is not nil it runs on the same
// read-only connection, in the same look, as long as the file is ours.
func look(ctx context.Context, abs string, known int, then func(*sql.Conn) error) (fileState, error) {
	var found fileState
	err := readOnly(ctx, abs, func(c *sql.Conn) error {
		var err error
		if found, err = inspect(ctx, c, known); err != nil || then == nil {
			return err
		}
		return then(c)
	})
	return found, err
}

// inspect reads what look reports from the schema and schema_migrations.
func inspect(ctx context.Context, c *sql.Conn, known int) (fileState, error) {
	var objects int
	var ours bool
	err := c.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'),
		EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations')`).Scan(&objects, &ours)
	switch {
	case err != nil:
		return 0, classify(err)
	case objects == 0:
		return fileNew, nil
	case !ours:
		return 0, ErrForeign
	}
	var newest int
	if err := c.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&newest); err != nil {
		return 0, classify(err)
	}
	switch {
	case newest > known:
		return 0, newerSchema(newest, known)
	case newest < known:
		return fileOlder, nil
	}
	return fileCurrent, nil
}

// newerSchema is the error for a database a newer release has migrated.
func newerSchema(newest, known int) error {
	return fmt.Errorf("%w (schema version %d, this version knows %d); update the app", ErrNewerSchema, newest, known)
}

// readOnly runs fn on a read-only connection to the database file at abs,
// one that can neither write to it nor leave -wal, -shm or -journal files
// beside a file that had none.
//
// A file with no -wal or -journal beside it holds every committed change
// itself, and is read as immutable: without locks, so without the -shm and
// -wal that even a read-only connection to a WAL database creates (and,
// unable to take the exclusive lock, leaves behind). Should the file change
// while it is read (another process opened it and wrote), fn runs again
// on a connection that takes the locks as usual; so does it when a -wal or
// -journal is there already, as when another desk has the file open.
func readOnly(ctx context.Context, abs string, fn func(*sql.Conn) error) error {
	if quiet, before := unopened(abs); quiet {
		err := withConn(ctx, dsn(abs, "mode=ro", "immutable=1"), fn)
		if after, _ := os.Stat(abs); after != nil && before != nil && unchanged(before, after) && !exists(abs+"-wal") && !exists(abs+"-journal") {
			return err
		}
	}
	return withConn(ctx, dsn(abs, "mode=ro"), fn)
}

// unopened reports whether no connection has the file at abs open in a way
// that leaves changes outside it: no -wal and no -journal beside it. It
// returns the file's information to compare with afterwards.
func unopened(abs string) (bool, os.FileInfo) {
	fi, err := os.Stat(abs)
	if err != nil {
		return false, nil
	}
	return !exists(abs+"-wal") && !exists(abs+"-journal"), fi
}

func exists(name string) bool {
	_, err := os.Lstat(name)
	return err == nil
}

// unchanged reports whether two looks at a file found it the same file
// with the same size and modification time.
func unchanged(a, b os.FileInfo) bool {
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

// withConn runs fn on one connection of a pool opened for it.
func withConn(ctx context.Context, dsn string, fn func(*sql.Conn) error) error {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := db.Conn(ctx)
	if err != nil {
		return classify(err)
	}
	defer c.Close()
	return fn(c)
}

// Snapshot writes a consistent copy of the directory database at path, as
// it stands, to the new file out, for a dry run to work on: it never writes
// to path nor leaves files beside it, and needs no write lock, so another
// desk may be writing meanwhile. It refuses what Open refuses (errors
// matching ErrForeign, ErrNewerSchema, ErrCorrupt) before copying. The copy
// may have an older schema; Open migrates it.
func Snapshot(ctx context.Context, path, out string) error {
	abs, exists, err := checkPath(path)
	if err == nil && !exists {
		err = fmt.Errorf("%w; there is no database to copy", fs.ErrNotExist)
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", abs, err)
	}
	if _, err := os.Lstat(out); err == nil {
		return fmt.Errorf("copy to %s: %w; choose a new file name", out, fs.ErrExist)
	}
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("open %s: %w", abs, err)
	}
	tries := 0
	_, err = look(ctx, abs, len(ms), func(c *sql.Conn) error {
		// A copy made on an immutable look that the file's change voided
		// is made afresh.
		if tries++; tries > 1 {
			if err := os.Remove(out); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
		// VACUUM INTO reads one transaction's view of the database.
		_, err := c.ExecContext(ctx, `VACUUM INTO ?`, out)
		return classify(err)
	})
	if err != nil {
		return fmt.Errorf("open %s: %w", abs, err)
	}
	return nil
}

// busyError is SQLITE_BUSY, said the way a desk can act on: "database is
// locked" tells staff nothing they can do.
type busyError struct{ err error }

func (e busyError) Error() string   { return ErrBusy.Error() }
func (e busyError) Unwrap() []error { return []error{ErrBusy, e.err} }
