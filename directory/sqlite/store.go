package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"

	sqlite3 "modernc.org/sqlite/lib"
	"nowrongdoor/directory"
)

// Errors callers act on; match them with errors.Is.
var (
	// ErrNotFound means no listing has the id asked for. It is
	// directory.ErrNotFound, so the window need not know the store.
	ErrNotFound = directory.ErrNotFound
	// ErrCorrupt means the file is not a SQLite database or is damaged. The
	// fix is to restore a backup or move the file aside.
	ErrCorrupt = errors.New("the file is damaged or is not a database")
	// ErrUnwritable means the database or its folder cannot be created or
	// written. The fix is another location or the folder's permissions.
	ErrUnwritable = errors.New("cannot write the database file or its folder")
	// ErrNewerSchema means a newer version of the app has changed the
	// database; this version must not write to it.
	ErrNewerSchema = errors.New("the database was written by a newer version of No Wrong Door")
	// ErrForeign means the file is a SQLite database of another program.
	ErrForeign = errors.New("the file is a database of another program")
	// ErrBusy means another process held the database's write lock longer
	// than a change waits for it (a large import). Nothing was written; the
	// fix is to try again when it has finished.
	ErrBusy = directory.ErrBusy
)

// Store is the directory database. It is safe for concurrent use.
//
// It holds two connection pools on the same file. Writes go through a pool of
// one connection whose transactions begin IMMEDIATE: SQLite allows a single
// writer, and queueing writers in Go (and waiting on busy_timeout for other
// processes) avoids the SQLITE_BUSY that a deferred transaction gets when it
// upgrades from reading to writing. Reads go through a separate query-only
// pool, so the window can load listings while an import is running: in WAL
// mode readers see the last committed state and never wait for the writer.
type Store struct {
	path string
	db   *sql.DB // writes: one connection
	rdb  *sql.DB // reads
	now  func() time.Time
	// unreadable holds what the last load skipped (see Unreadable).
	unreadable unreadableLog
}

// Open opens the directory database at path, creating the file and its
// folder if they are missing, and brings its schema up to date.
//
// It first looks at the file without writing to it or taking its write lock
// (see look): a database of another program, a damaged one or one of a newer
// release is refused before anything in it changes, and one that is
// already up to date is opened without the write lock, so a desk opens at
// once while another process is importing. Only a new database or one of
// an older release takes the write lock, to create or migrate it, and only
// then is its journal switched to WAL.
func Open(ctx context.Context, path string) (*Store, error) {
	abs, exists, err := checkPath(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", abs, err)
	}
	ms, err := migrations()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", abs, err)
	}
	found := fileNew
	if exists {
		if found, err = look(ctx, abs, len(ms), nil); err != nil {
			return nil, fmt.Errorf("open %s: %w", abs, err)
		}
	} else if err := os.MkdirAll(filepath.Dir(abs), 0o750); err != nil {
		return nil, fmt.Errorf("open %s: create folder: %w (%w)", abs, ErrUnwritable, err)
	}

	s := &Store{path: abs, now: time.Now}
	// _txlock=immediate makes every BeginTx take the write lock up front.
	if s.db, err = sql.Open("sqlite", dsn(abs, pragmasOurs, "_txlock=immediate")); err != nil {
		return nil, fmt.Errorf("open %s: %w", abs, err)
	}
	s.db.SetMaxOpenConns(1)
	// Keep the connection: reopening it for each write would re-run the
	// pragmas and drop the page cache.
	s.db.SetConnMaxIdleTime(0)
	if err := s.init(ctx, found); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("open %s: %w", abs, err)
	}
	if s.rdb, err = sql.Open("sqlite", dsn(abs, pragmasRead, "_pragma=query_only(1)")); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("open %s: %w", abs, err)
	}
	s.rdb.SetMaxOpenConns(max(4, runtime.GOMAXPROCS(0)))
	if err := s.rdb.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open %s: %w", abs, classify(err))
	}
	return s, nil
}

// checkPath makes path absolute and checks it can be a database file: a
// regular file, or nothing yet. exists is false for an empty file, which
// SQLite takes as a new database.
func checkPath(path string) (abs string, exists bool, err error) {
	abs, err = filepath.Abs(path)
	if err != nil {
		return path, false, err
	}
	fi, err := os.Stat(abs)
	switch {
	case err == nil && fi.IsDir():
		return abs, true, errors.New("it is a folder; give the path of a database file")
	case err == nil && !fi.Mode().IsRegular():
		return abs, true, errors.New("it is not a regular file")
	case err == nil:
		return abs, fi.Size() > 0, nil
	}
	// Missing; a file where a folder should be fails at MkdirAll.
	return abs, false, nil
}

// The pragmas of this app's connections. busy_timeout comes first in every
// connection string (see dsn). pragmasOurs switches the journal to WAL:
// only a connection to a file known to be ours, or new, may have it.
const (
	pragmaBusy  = "_pragma=busy_timeout(5000)"
	pragmasOurs = "_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)"
	// pragmasRead leave the journal mode alone: the read pool opens after
	// the write pool has set it.
	pragmasRead = "_pragma=synchronous(FULL)&_pragma=foreign_keys(1)"
)

// dsn builds the connection string. The pragmas are in it, rather than run
// once with Exec, so that every connection the pool opens gets them:
// busy_timeout first, so the others wait for a lock instead of failing.
func dsn(abs string, params ...string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter: file:///C:/...
	}
	// url.URL escapes the characters a URI filename cannot hold as they are
	// (space, %, ?, #).
	u := url.URL{Scheme: "file", Path: p}
	return u.String() + "?" + strings.Join(append([]string{pragmaBusy}, params...), "&")
}

// init readies the write pool for what look found. A database that is up
// to date is only connected to: its journal is already WAL, so the
// connection's pragmas take no write lock. A new or older one is checked
// again and migrated, under the write lock.
func (s *Store) init(ctx context.Context, found fileState) error {
	if err := s.db.PingContext(ctx); err != nil {
		return classify(err)
	}
	if found == fileCurrent {
		return nil
	}
	if err := s.checkOurs(ctx); err != nil {
		return err
	}
	return s.migrate(ctx)
}

// checkOurs refuses a SQLite database that holds tables but was never
// migrated by this app: migrating it would add our tables to another
// program's file. look has refused such a file already; this catches one
// that another program filled since.
func (s *Store) checkOurs(ctx context.Context) error {
	var n int
	err := s.db.QueryRowContext(ctx, queryForeign).Scan(&n)
	if err != nil {
		return classify(err)
	}
	if n > 0 {
		return ErrForeign
	}
	return nil
}

// queryForeign counts the objects of a database that has no
// schema_migrations table: more than none means another program's file.
const queryForeign = `SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'
	AND NOT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations')`

//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order. Their names start
// with the version number: 0001_init.sql.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with its number, like 0002_name.sql", e.Name())
		}
		b, err := migrationFiles.ReadFile(path.Join("migrations", e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{v, e.Name(), string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.name, i+1)
		}
	}
	return ms, nil
}

// migrate applies every migration the database has not had yet, each in its
// own transaction together with its schema_migrations row, so a crash
// leaves the schema at one version or the next.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL
	) STRICT`); err != nil {
		return fmt.Errorf("migrate: %w", classify(err))
	}
	var newest int
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&newest); err != nil {
		return fmt.Errorf("migrate: %w", classify(err))
	}
	if newest > len(ms) {
		return fmt.Errorf("migrate: %w", newerSchema(newest, len(ms)))
	}
	for _, m := range ms {
		if err := s.apply(ctx, m); err != nil {
			return fmt.Errorf("migrate %s: %w", m.name, classify(err))
		}
	}
	return nil
}

func (s *Store) apply(ctx context.Context, m migration) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Checked inside the write transaction: another process may have
	// applied it since we looked.
	var done bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = ?)`, m.version).Scan(&done); err != nil {
		return err
	}
	if done {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if step := migrationSteps[m.version]; step != nil {
		if err := step(ctx, tx); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, s.now().UTC().Format(time.RFC3339Nano)); err != nil {
		return err
	}
	return tx.Commit()
}

// Close closes the database. The WAL is checkpointed into the main file when
// the last connection closes.
func (s *Store) Close() error {
	var errs []error
	if s.rdb != nil {
		errs = append(errs, s.rdb.Close())
	}
	if s.db != nil {
		errs = append(errs, s.db.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}

// Path returns the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// classify wraps SQLite errors that a caller can act on with this package's
// sentinels, keeping the original error in the chain.
func classify(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return busyError{err}
	case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
		return fmt.Errorf("%w (%w)", ErrCorrupt, err)
	case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
		return fmt.Errorf("%w (%w)", ErrUnwritable, err)
	}
	return err
}

// appName is the folder name under the platform's data folder.
const appName = "NoWrongDoor"

// DefaultPath returns where the database lives when no path is given: the
// user's local data folder. On Windows it is %LocalAppData%, not the
// roaming AppData, which may sit on a network share where SQLite is unsafe.
func DefaultPath() (string, error) {
	return defaultPath(runtime.GOOS, os.Getenv, os.UserHomeDir)
}

func defaultPath(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	const file = "nowrongdoor.db"
	switch goos {
	case "windows":
		dir := getenv("LOCALAPPDATA")
		if dir == "" {
			return "", errors.New("default database path: %LocalAppData% is not set; give a path with --db")
		}
		return filepath.Join(dir, appName, file), nil
	case "darwin", "ios":
		h, err := home()
		if err != nil {
			return "", fmt.Errorf("default database path: %w", err)
		}
		return filepath.Join(h, "Library", "Application Support", appName, file), nil
	default:
		// The XDG spec says a relative XDG_DATA_HOME is invalid and must be
		// ignored.
		if dir := getenv("XDG_DATA_HOME"); dir != "" && filepath.IsAbs(dir) {
			return filepath.Join(dir, "nowrongdoor", file), nil
		}
		h, err := home()
		if err != nil {
			return "", fmt.Errorf("default database path: %w", err)
		}
		return filepath.Join(h, ".local", "share", "nowrongdoor", file), nil
	}
}
