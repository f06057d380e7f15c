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

// BackupGenerations is how many daily backups are kept beside the
// database: a week of bad days can be undone.
const BackupGenerations = 7

// backupPrefix and backupSuffix frame a daily backup's name, with the day
// between them, so the names sort by day.
const (
	backupPrefix = "nowrongdoor-"
	backupSuffix = ".db"
)

// beforeImportPrefix and beforeImportLayout frame the name of the backup
// taken before an import, with its time in America/Denver to the second:
// before-import-2026-11-30-154207.db. The names sort by time.
const (
	beforeImportPrefix = "before-import-"
	beforeImportLayout = "2006-01-02-150405"
)

// BackupFolder is where the daily backups of the database at path are
// kept: a folder "backups" beside it.
func BackupFolder(path string) string {
	return filepath.Join(filepath.Dir(path), "backups")
}

// DailyBackup makes today's backup of the database (the day is now's, in
// America/Denver) unless one exists, and removes the oldest beyond
// BackupGenerations. It reports the backup's path and whether it made it.
// Only files it names itself are ever removed.
func (s *Store) DailyBackup(ctx context.Context, now time.Time) (path string, made bool, err error) {
	dir := BackupFolder(s.path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", false, fmt.Errorf("daily backup: %w", err)
	}
	path = filepath.Join(dir, backupPrefix+now.In(directory.Denver).Format("2006-01-02")+backupSuffix)
	switch _, err := os.Stat(path); {
	case err == nil:
		return path, false, nil
	case !errors.Is(err, fs.ErrNotExist):
		return "", false, fmt.Errorf("daily backup: %w", err)
	}
	if err := s.backupAs(ctx, path); err != nil {
		return "", false, fmt.Errorf("daily backup: %w", err)
	}
	if err := pruneBackups(dir, isDaily); err != nil {
		return path, true, fmt.Errorf("daily backup: %w", err)
	}
	return path, true, nil
}

// BackupBeforeImport writes a consistent copy of the database into
// BackupFolder, named for the time now (before-import-2026-11-30-154207.db),
// so an import that went wrong can be undone with Restore. It returns the
// backup's path, for ImportBackupDone once the import is over. Daily
// backups and files it did not name are never touched.
func (s *Store) BackupBeforeImport(ctx context.Context, now time.Time) (string, error) {
	dir := BackupFolder(s.path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("backup before import: %w", err)
	}
	// Two imports in one second are kept apart by the second's successor:
	// the name is the backup's time, to the second, and never reused.
	at := now.In(directory.Denver).Truncate(time.Second)
	var path string
	for {
		path = filepath.Join(dir, beforeImportPrefix+at.Format(beforeImportLayout)+backupSuffix)
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			break
		} else if err != nil {
			return "", fmt.Errorf("backup before import: %w", err)
		}
		at = at.Add(time.Second)
	}
	if err := s.backupAs(ctx, path); err != nil {
		return "", fmt.Errorf("backup before import: %w", err)
	}
	return path, nil
}

// ImportBackupDone settles the backup BackupBeforeImport took, once the
// import is over: when the import changed the database, the older
// backups beyond BackupGenerations are removed; when it changed nothing
// (it failed, or the file brought nothing new) the backup is, since the
// database is as it was, and a run of failed imports must not push the
// real backups out.
func (s *Store) ImportBackupDone(backup string, changed bool) error {
	if !changed {
		if err := os.Remove(backup); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove the unneeded backup: %w", err)
		}
		return nil
	}
	if err := pruneBackups(filepath.Dir(backup), isBeforeImport); err != nil {
		return fmt.Errorf("remove the oldest backups: %w", err)
	}
	return nil
}

// backupAs writes a backup to path under a temporary name and renames it,
// so a crash never leaves half a backup under a backup's name (which
// would stop today's, or be offered for a restore).
func (s *Store) backupAs(ctx context.Context, path string) error {
	tmp := path + ".partial"
	// VACUUM INTO keeps a journal beside the file it writes, which a
	// crash leaves.
	clear := func() { os.Remove(tmp); os.Remove(tmp + "-journal") }
	clear()
	if err := s.Backup(ctx, tmp); err != nil {
		clear()
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		clear()
		return err
	}
	return nil
}

// isDaily reports whether name is a daily backup's, and its time.
func isDaily(name string) (time.Time, bool) {
	day, ok := strings.CutPrefix(name, backupPrefix)
	day, ok2 := strings.CutSuffix(day, backupSuffix)
	if !ok || !ok2 {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation("2006-01-02", day, directory.Denver)
	return t, err == nil
}

// isBeforeImport reports whether name is a backup BackupBeforeImport
// wrote, and its time.
func isBeforeImport(name string) (time.Time, bool) {
	at, ok := strings.CutPrefix(name, beforeImportPrefix)
	at, ok2 := strings.CutSuffix(at, backupSuffix)
	if !ok || !ok2 {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation(beforeImportLayout, at, directory.Denver)
	return t, err == nil
}

// pruneBackups removes the oldest backups of one kind (those whose names
// kind recognizes) beyond BackupGenerations, and what backups of the kind
// cut off by a crash left.
func pruneBackups(dir string, kind func(string) (time.Time, bool)) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var names []string
	var errs []error
	for _, e := range entries {
		if _, ok := kind(e.Name()); ok && e.Type().IsRegular() {
			names = append(names, e.Name())
		}
		// What a backup of this kind stopped by a crash left: a copy cut
		// off under its temporary name, and VACUUM INTO's journal.
		for _, left := range []string{".partial", ".partial-journal"} {
			if name, ok := strings.CutSuffix(e.Name(), left); ok {
				if _, ours := kind(name); ours {
					errs = append(errs, os.Remove(filepath.Join(dir, e.Name())))
				}
			}
		}
	}
	// The names sort by time.
	slices.Sort(names)
	for len(names) > BackupGenerations {
		errs = append(errs, os.Remove(filepath.Join(dir, names[0])))
		names = names[1:]
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("remove an old backup: %w", err)
	}
	return nil
}
