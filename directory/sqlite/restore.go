package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"nowrongdoor/directory"
)

// ErrInUse means a desk or another program has the database open, so it
// cannot be replaced: its write-ahead log would not match the restored
// file. The fix is to close them all and restore again.
var ErrInUse = errors.New("a desk or another program has the database open")

// Restored says what Restore did.
type Restored struct {
	// Listings is how many listings the restored database holds.
	Listings int
	// Replaced is where the database it replaced is kept, or "" when
	// there was none.
	Replaced string
}

// The files Restore makes beside the database at path: the checked copy
// (stagedSuffix) and the database it replaced (replacedSuffix and the
// time). A restore that was stopped leaves at most a staged copy or a
// half-written kept copy (with partialSuffix), which the next restore
// removes; neither is ever the database.
const (
	stagedSuffix   = ".restoring"
	replacedSuffix = ".replaced-"
	replacedLayout = "2006-01-02-150405"
	partialSuffix  = ".partial"
)

// Restore replaces the database at dbPath with the backup at backupPath
// (which is only read). The backup is copied beside the database and the
// copy checked first: it must be ours (else an error matching ErrForeign,
// ErrNewerSchema or ErrCorrupt), it is migrated if older, and it must pass
// the integrity check and its audit chain (ErrTampered). The database it
// replaces, if any, is kept beside it as dbPath.replaced-DATE-TIME (the
// time now in America/Denver), and the copy takes its place in one
// rename, so a crash at any moment leaves the old database or the
// restored one, whole. It refuses, changing nothing, while a desk has the
// database open (ErrInUse). The restored directory's audit trail ends with
// the restore itself: when, by actor, from which backup, and where the
// replaced database is kept.
func Restore(ctx context.Context, dbPath, backupPath string, now time.Time, actor string) (Restored, error) {
	path, err := filepath.Abs(dbPath)
	if err != nil {
		return Restored{}, fmt.Errorf("restore: %w", err)
	}
	if _, err := os.Stat(backupPath); err != nil {
		return Restored{}, fmt.Errorf("restore: %w; give the path of a backup file", err)
	}
	// The checked copy is made in the database's folder, so that putting
	// it in place is a rename within one file system.
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return Restored{}, fmt.Errorf("restore: %w", err)
	}
	staged := path + stagedSuffix
	clearStaged(path)
	defer clearStaged(path)
	var kept string
	if _, err := os.Stat(path); err == nil {
		at := now
		kept = path + replacedSuffix + at.In(directory.Denver).Format(replacedLayout)
		for exists(kept) {
			at = at.Add(time.Second)
			kept = path + replacedSuffix + at.In(directory.Denver).Format(replacedLayout)
		}
	}
	if actor == "" {
		actor = "unknown"
	}
	event := audit{actor: actor, action: directory.ActionRestoreBackup, note: filepath.Base(backupPath),
		detail: map[string]any{"backup": backupPath, "replaced": kept}}
	n, err := stageBackup(ctx, backupPath, staged, now, event)
	if err != nil {
		return Restored{}, fmt.Errorf("restore: %s cannot be restored, and nothing was changed: %w", backupPath, err)
	}
	if kept != "" {
		if err := setAside(ctx, path, kept); err != nil {
			return Restored{}, fmt.Errorf("restore: nothing was changed: %w", err)
		}
	}
	if err := os.Rename(staged, path); err != nil {
		return Restored{}, fmt.Errorf("restore: nothing was changed: %w", err)
	}
	syncDir(filepath.Dir(path))
	return Restored{Listings: n, Replaced: kept}, nil
}

// clearStaged removes what a restore of the database at path may have
// left: the staged copy with its journal files, and a kept copy cut off
// while it was written, with its journal. A journal left beside a new staged copy would be
// read into it, so they go too.
func clearStaged(path string) {
	staged := path + stagedSuffix
	for _, f := range []string{staged + "-wal", staged + "-shm", staged + "-journal", staged} {
		os.Remove(f)
	}
	// VACUUM INTO keeps a journal beside the file it writes.
	partial, _ := filepath.Glob(escapeGlob(path+replacedSuffix) + "*" + partialSuffix + "*")
	for _, f := range partial {
		os.Remove(f)
	}
}

// escapeGlob quotes the characters filepath.Match reads specially.
func escapeGlob(s string) string {
	if filepath.Separator == '\\' {
		// Backslash separates paths there and cannot escape; brackets
		// quote instead.
		return strings.NewReplacer("[", "[[]", "*", "[*]", "?", "[?]").Replace(s)
	}
	return strings.NewReplacer(`\`, `\\`, "[", `\[`, "*", `\*`, "?", `\?`).Replace(s)
}

// stageBackup copies the backup at from to staged, brings the copy up to
// this release's schema, checks it and records event in its audit trail;
// it returns how many listings it holds. The backup itself is only read.
func stageBackup(ctx context.Context, from, staged string, now time.Time, event audit) (int, error) {
	if err := Snapshot(ctx, from, staged); err != nil {
		return 0, err
	}
	s, err := Open(ctx, staged)
	if err != nil {
		return 0, err
	}
	if err := s.CheckIntegrity(ctx); err != nil {
		s.Close()
		return 0, err
	}
	if err := s.VerifyAudit(ctx); err != nil {
		s.Close()
		return 0, fmt.Errorf("its audit trail is broken: %w", err)
	}
	n, err := s.Count(ctx)
	if err != nil {
		s.Close()
		return 0, err
	}
	if err := s.record(ctx, now, event); err != nil {
		s.Close()
		return 0, fmt.Errorf("record the restore: %w", err)
	}
	// Closing checkpoints the copy's log into it and removes the log, so
	// the file renamed into place holds everything.
	if err := s.Close(); err != nil {
		return 0, err
	}
	if exists(staged + "-wal") {
		return 0, fmt.Errorf("the checked copy %s kept its log", staged)
	}
	return n, syncFile(staged)
}

// setAside keeps a consistent copy of the database at path as kept, and
// makes sure no desk has the database open: its write-ahead log, which
// would not match the restored file, must be gone before the rename.
func setAside(ctx context.Context, path, kept string) error {
	s, err := Open(ctx, path)
	if err != nil {
		return fmt.Errorf("open the database to keep a copy: %w", err)
	}
	// Written under a temporary name, so a crash never leaves half a
	// database looking like a kept one.
	if err := s.Backup(ctx, kept+partialSuffix); err != nil {
		s.Close()
		os.Remove(kept + partialSuffix)
		return fmt.Errorf("keep a copy of the database: %w", err)
	}
	// Closing the last connection checkpoints the log and removes it.
	if err := s.Close(); err != nil {
		os.Remove(kept + partialSuffix)
		return err
	}
	for _, ext := range []string{"-wal", "-journal"} {
		if exists(path + ext) {
			os.Remove(kept + partialSuffix) // nothing is replaced, so nothing needs keeping
			return fmt.Errorf("%w (%s is there); close them all, then restore again", ErrInUse, filepath.Base(path+ext))
		}
	}
	if err := os.Rename(kept+partialSuffix, kept); err != nil {
		os.Remove(kept + partialSuffix)
		return fmt.Errorf("keep a copy of the database: %w", err)
	}
	os.Remove(path + "-shm")
	return nil
}

// syncDir makes a rename in dir durable where the system allows it (not
// on Windows, where a folder cannot be opened to sync); a failure leaves
// the rename to the system's own time.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}

// BackupKind says how a backup came to be.
type BackupKind string

// The kinds of backup Backups lists.
const (
	// BackupDaily is the first window of a day's backup (DailyBackup).
	BackupDaily BackupKind = "daily"
	// BackupBeforeImport is taken before an import (BackupBeforeImport).
	BackupBeforeImport BackupKind = "before import"
	// BackupReplaced is a database a restore replaced, kept beside it.
	BackupReplaced BackupKind = "replaced by a restore"
)

// BackupFile is a backup of the database that Backups found.
type BackupFile struct {
	Path string
	// Taken is when it was written.
	Taken time.Time
	Kind  BackupKind
	Size  int64
}

// Backups lists the backups of the database at dbPath, newest first: the
// daily ones and those taken before imports in BackupFolder, and the
// databases restores replaced, beside it. Files it did not name are left
// out. No backups is an empty list, not an error.
func Backups(dbPath string) ([]BackupFile, error) {
	path, err := filepath.Abs(dbPath)
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	var out []BackupFile
	add := func(dir string, kind BackupKind, named func(string) (time.Time, bool)) error {
		entries, err := os.ReadDir(dir)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		for _, e := range entries {
			if _, ok := named(e.Name()); !ok || !e.Type().IsRegular() {
				continue
			}
			fi, err := e.Info()
			if err != nil {
				continue // removed meanwhile
			}
			// The time the file was written; a daily backup's name has only
			// its day.
			out = append(out, BackupFile{Path: filepath.Join(dir, e.Name()), Taken: fi.ModTime(), Kind: kind, Size: fi.Size()})
		}
		return nil
	}
	base := filepath.Base(path)
	isReplaced := func(name string) (time.Time, bool) {
		at, ok := strings.CutPrefix(name, base+replacedSuffix)
		if !ok {
			return time.Time{}, false
		}
		t, err := time.ParseInLocation(replacedLayout, at, directory.Denver)
		return t, err == nil
	}
	for _, k := range []struct {
		dir   string
		kind  BackupKind
		named func(string) (time.Time, bool)
	}{
		{BackupFolder(path), BackupDaily, isDaily},
		{BackupFolder(path), BackupBeforeImport, isBeforeImport},
		{filepath.Dir(path), BackupReplaced, isReplaced},
	} {
		if err := add(k.dir, k.kind, k.named); err != nil {
			return nil, fmt.Errorf("list backups: %w", err)
		}
	}
	slices.SortStableFunc(out, func(a, b BackupFile) int { return b.Taken.Compare(a.Taken) })
	return out, nil
}

// record appends one event to the audit trail in a transaction of its own.
func (s *Store) record(ctx context.Context, now time.Time, event audit) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	if err := insertAudit(ctx, tx, now, event); err != nil {
		return err
	}
	return tx.Commit()
}
