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
	// Written under a temporary name and renamed, so a crash never leaves
	// a half backup under a day's name (which would stop today's).
	tmp := path + ".partial"
	os.Remove(tmp)
	if err := s.Backup(ctx, tmp); err != nil {
		os.Remove(tmp)
		return "", false, fmt.Errorf("daily backup: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return "", false, fmt.Errorf("daily backup: %w", err)
	}
	return path, true, pruneBackups(dir)
}

// pruneBackups removes the oldest daily backups beyond BackupGenerations.
func pruneBackups(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("daily backup: %w", err)
	}
	var days []string
	for _, e := range entries {
		name := e.Name()
		day, ok := strings.CutPrefix(name, backupPrefix)
		day, ok2 := strings.CutSuffix(day, backupSuffix)
		if ok && ok2 && e.Type().IsRegular() {
			if _, err := time.Parse("2006-01-02", day); err == nil {
				days = append(days, name)
			}
		}
	}
	slices.Sort(days)
	var errs []error
	for len(days) > BackupGenerations {
		errs = append(errs, os.Remove(filepath.Join(dir, days[0])))
		days = days[1:]
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("daily backup: remove an old one: %w", err)
	}
	return nil
}
