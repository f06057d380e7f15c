package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/jsonfile"
)

// The default directory's audit actor and source: changes it makes to its
// own listings are recorded under this name, never a person's.
const defaultActor = "default directory"

// metaDefaultVersion is the meta key holding the version (see fileVersion)
// of the default directory file the database was last seeded or refreshed
// with.
const metaDefaultVersion = "default_version"

// DefaultReport says what SyncDefault did. Added, Updated and Unchanged
// count default listings.
type DefaultReport struct {
	ImportReport
	// Seeded is true when a new database was filled with the default.
	Seeded bool
	// Kept counts default listings left as they are because a person has
	// changed them (or removed them) since the database got them.
	Kept int
}

// rowQuerier is a *sql.DB or a *sql.Tx, for reads done both before and
// inside a write transaction.
type rowQuerier interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}

// fileVersion names the content of a default directory file by its
// SHA-256: any change to the file, and only a change, is a new version.
func fileVersion(file []byte) string {
	sum := sha256.Sum256(file)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// SyncDefault keeps the database in step with the default directory file
// (the embedded data/agencies.json), in one transaction with its audit
// rows. A new database is seeded with it. A database last seeded or
// refreshed with another version of the file (or by a release that recorded
// none) has its default listings that no person has changed updated to the
// file's, and gets the file's listings whose ids it never held; every
// listing an admin imported or edited is left exactly as it is. Changes are
// recorded as actor "default directory", action "refresh", an update
// keeping the previous version.
//
// Almost every start finds the version it recorded: that costs one read of
// the meta table and a hash of the file, which is parsed only when there
// is something to do.
func (s *Store) SyncDefault(ctx context.Context, file []byte) (DefaultReport, error) {
	version := fileVersion(file)
	if recorded, err := recordedVersion(ctx, s.rdb); err != nil || recorded == version {
		if err != nil {
			return DefaultReport{}, fmt.Errorf("default directory: %w", classify(err))
		}
		return DefaultReport{}, nil
	}
	listings, err := jsonfile.ParseListings(bytes.NewReader(file))
	if err != nil {
		return DefaultReport{}, fmt.Errorf("default directory: %w", err)
	}
	now := s.now()
	listings, rows, err := prepare("default directory", listings, now)
	if err != nil {
		return DefaultReport{}, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return DefaultReport{}, fmt.Errorf("default directory: %w", classify(err))
	}
	defer tx.Rollback()
	rep, err := syncDefault(ctx, tx, listings, rows, version, now)
	if err != nil {
		return DefaultReport{}, fmt.Errorf("default directory: %w", classify(err))
	}
	if err := tx.Commit(); err != nil {
		return DefaultReport{}, fmt.Errorf("default directory: %w", classify(err))
	}
	return rep, nil
}

// syncDefault seeds or refreshes inside tx, and records the version.
func syncDefault(ctx context.Context, tx *sql.Tx, listings []directory.Listing, rows []listingRows, version string, now time.Time) (DefaultReport, error) {
	// Checked again inside the write transaction: the window and a command
	// started at once must not both refresh.
	previous, err := recordedVersion(ctx, tx)
	if err != nil || previous == version {
		return DefaultReport{}, err
	}
	var rep DefaultReport
	pristine, err := isPristine(ctx, tx)
	if err != nil {
		return rep, err
	}
	if pristine {
		err = seed(ctx, tx, rows, now)
		rep.Seeded, rep.Added = true, len(listings)
	} else {
		rep, err = refreshDefault(ctx, tx, listings, rows, previous, version, now)
	}
	if err != nil {
		return rep, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, metaDefaultVersion, version)
	return rep, err
}

// refreshDefault brings the default listings of a database that already
// holds data up to the new default: a listing no person has changed is
// updated, one whose id the database never held is added, and the others
// are kept. A summary audit row records the versions and the counts.
func refreshDefault(ctx context.Context, tx *sql.Tx, listings []directory.Listing, rows []listingRows, previous, version string, now time.Time) (DefaultReport, error) {
	var rep DefaultReport
	exists, err := existingIDs(ctx, tx)
	if err != nil {
		return rep, err
	}
	byPeople, err := changedByPeople(ctx, tx)
	if err != nil {
		return rep, err
	}
	w, err := newListingWriter(ctx, tx)
	if err != nil {
		return rep, err
	}
	defer w.close()
	who, err := newChange(defaultActor, defaultActor, actionRefresh, actionRefresh)
	if err != nil {
		return rep, err
	}
	for lo := 0; lo < len(listings); lo += chunkSize {
		part := listings[lo:min(lo+chunkSize, len(listings))]
		stored, err := w.stored(ctx, part, rows[lo:lo+len(part)], exists)
		if err != nil {
			return rep, err
		}
		for i := range part {
			l := &part[i]
			// An id named by a person's audit row was imported, edited or
			// removed by someone: theirs stands.
			if byPeople[l.ID] {
				rep.Kept++
				continue
			}
			if hash, ok := exists[l.ID]; ok && hash == rows[lo+i].hash {
				rep.Unchanged++
				continue
			}
			if err := writeListing(ctx, w, l, rows[lo+i], stored[l.ID], who, now, &rep.ImportReport); err != nil {
				return rep, err
			}
		}
	}
	if err := w.flush(ctx); err != nil {
		return rep, err
	}
	return rep, insertAudit(ctx, tx, now, audit{actor: defaultActor, action: actionRefresh, note: defaultActor, detail: map[string]any{
		"source": defaultActor, "version": version, "previous": previous,
		"added": rep.Added, "updated": rep.Updated, "unchanged": rep.Unchanged, "kept": rep.Kept,
	}})
}

// changedByPeople returns the ids of listings a person has changed: those
// named by an audit row other than a default refresh. The seed records one
// row for the whole directory, so a seeded listing no one has touched has
// none. Every change to a listing writes its audit row, removals included,
// so this also holds every id the database held and no longer does.
func changedByPeople(ctx context.Context, tx *sql.Tx) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT listing_id FROM audit
		WHERE listing_id IS NOT NULL AND action <> ?`, actionRefresh)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids[id] = true
	}
	return ids, rows.Err()
}

// recordedVersion returns the version of the default directory the
// database was last seeded or refreshed with, or "" if none was recorded.
func recordedVersion(ctx context.Context, q rowQuerier) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT coalesce((SELECT value FROM meta WHERE key = ?), '')`, metaDefaultVersion).Scan(&v)
	return v, err
}
