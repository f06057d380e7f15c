package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"nowrongdoor/directory"
)

// ImportOptions say who imports what.
type ImportOptions struct {
	// Actor is who is importing (the admin's user name), for the audit trail.
	Actor string
	// Source is where the listings came from (a file name, a feed URL).
	Source string
	// DryRun does everything but commit, so the report says what an import
	// would do.
	DryRun bool
}

// ImportReport counts what an import did (or, in a dry run, would do).
type ImportReport struct {
	Added, Updated, Unchanged int
}

// The audit actions.
const (
	actionSeed   = "seed"
	actionImport = "import"
	actionAdd    = "add"
	actionUpdate = "update"
)

// prepare copies and normalizes listings and validates them, so nothing
// invalid reaches the database whoever the caller is.
func prepare(op string, listings []directory.Listing) ([]directory.Listing, error) {
	out := make([]directory.Listing, len(listings))
	for i := range listings {
		out[i] = listings[i]
		out[i].Normalize()
	}
	if err := directory.ValidateListings(out); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return out, nil
}

// SeedIfEmpty fills a brand-new database with listings (the embedded
// default directory) in one transaction and reports whether it did. A
// database that has ever held data is never seeded again, even if an admin
// has since removed every listing.
func (s *Store) SeedIfEmpty(ctx context.Context, listings []directory.Listing) (seeded bool, err error) {
	// Almost every start finds data; look without taking the write lock,
	// which an import in another process may hold.
	if empty, err := isPristine(ctx, s.rdb); err != nil || !empty {
		if err != nil {
			return false, fmt.Errorf("seed: %w", classify(err))
		}
		return false, nil
	}
	listings, err = prepare("seed", listings)
	if err != nil {
		return false, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("seed: %w", classify(err))
	}
	defer tx.Rollback()
	// Checked inside the write transaction, so two desks starting at once
	// on a new file seed it once.
	empty, err := isPristine(ctx, tx)
	if err != nil {
		return false, fmt.Errorf("seed: %w", classify(err))
	}
	if !empty {
		return false, nil
	}
	now := s.now()
	if err := seed(ctx, tx, listings, now); err != nil {
		return false, fmt.Errorf("seed: %w", classify(err))
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("seed: %w", classify(err))
	}
	return true, nil
}

// isPristine reports whether the database has never held data: no
// listings, no audit rows and no record of a first write.
func isPristine(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (bool, error) {
	var used bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM listings)
		OR EXISTS (SELECT 1 FROM audit)
		OR EXISTS (SELECT 1 FROM meta WHERE key = 'initialized_at')`).Scan(&used)
	return !used, err
}

func seed(ctx context.Context, tx *sql.Tx, listings []directory.Listing, now time.Time) error {
	w, err := newListingWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	for i := range listings {
		l := listings[i]
		l.UpdatedAt = now
		args, err := listingArgs(&l)
		if err != nil {
			return err
		}
		if _, err := w.insert.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("listing %q: %w", l.ID, err)
		}
	}
	if err := insertAudit(ctx, tx, now, audit{actor: "nowrongdoor", action: actionSeed,
		detail: map[string]any{"source": "default directory", "listings": len(listings)}}); err != nil {
		return err
	}
	return markInitialized(ctx, tx, now)
}

// Import adds and updates listings by id, all or nothing, with an audit row
// for each change. Listings in the database but not in listings are kept:
// a partial file never deletes anything. The listings are normalized and
// validated first; an invalid one fails the import with an error matching
// directory.ErrInvalidFile.
func (s *Store) Import(ctx context.Context, listings []directory.Listing, opts ImportOptions) (ImportReport, error) {
	listings, err := prepare("import", listings)
	if err != nil {
		return ImportReport{}, err
	}
	if opts.Actor == "" {
		opts.Actor = "unknown"
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return ImportReport{}, fmt.Errorf("import: %w", classify(err))
	}
	defer tx.Rollback()
	rep, err := importListings(ctx, tx, listings, opts, s.now())
	if err != nil {
		return ImportReport{}, fmt.Errorf("import: %w", classify(err))
	}
	if opts.DryRun {
		return rep, nil // the deferred Rollback discards it all
	}
	if err := tx.Commit(); err != nil {
		return ImportReport{}, fmt.Errorf("import: %w", classify(err))
	}
	return rep, nil
}

func importListings(ctx context.Context, tx *sql.Tx, listings []directory.Listing, opts ImportOptions, now time.Time) (ImportReport, error) {
	var rep ImportReport
	w, err := newListingWriter(ctx, tx)
	if err != nil {
		return rep, err
	}
	defer w.close()
	exists, err := existingIDs(ctx, tx)
	if err != nil {
		return rep, err
	}
	// Every add has the same detail; encode it once.
	added, err := json.Marshal(map[string]any{"source": opts.Source})
	if err != nil {
		return rep, err
	}
	for i := range listings {
		l := &listings[i]
		l.UpdatedAt = now // a file's updated_at is ignored: the store sets it
		args, err := listingArgs(l)
		if err != nil {
			return rep, err
		}
		if !exists[l.ID] {
			if _, err := w.insert.ExecContext(ctx, args...); err != nil {
				return rep, fmt.Errorf("listing %q: %w", l.ID, err)
			}
			if err := w.record(ctx, now, audit{opts.Actor, actionAdd, l.ID, json.RawMessage(added)}); err != nil {
				return rep, err
			}
			rep.Added++
			continue
		}
		stored, err := scanColumns(w.get.QueryRowContext(ctx, l.ID))
		if err != nil {
			return rep, fmt.Errorf("listing %q: %w", l.ID, err)
		}
		if sameContent(stored, args) {
			rep.Unchanged++
			continue
		}
		old, err := fromColumns(stored)
		if err != nil {
			return rep, err
		}
		if _, err := w.update.ExecContext(ctx, append(args, l.ID)...); err != nil {
			return rep, fmt.Errorf("listing %q: %w", l.ID, err)
		}
		before := map[string]any{"source": opts.Source, "before": &old}
		if err := w.record(ctx, now, audit{opts.Actor, actionUpdate, l.ID, before}); err != nil {
			return rep, err
		}
		rep.Updated++
	}
	if rep.Added+rep.Updated == 0 {
		return rep, nil
	}
	if err := insertAudit(ctx, tx, now, audit{opts.Actor, actionImport, "", map[string]any{
		"source": opts.Source, "added": rep.Added, "updated": rep.Updated, "unchanged": rep.Unchanged,
	}}); err != nil {
		return rep, err
	}
	return rep, markInitialized(ctx, tx, now)
}

// existingIDs returns the ids in the database, so each listing of an import
// takes its path (insert, or read and compare) with no statement wasted.
// Reading 100,000 ids takes a few tens of milliseconds.
func existingIDs(ctx context.Context, tx *sql.Tx) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM listings`)
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
