package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sync"
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

// prepare copies and normalizes listings, stamps them with now and
// encodes their column values, then validates them, so nothing invalid
// reaches the database whoever the caller is. The work is spread over the
// processors: it is CPU-bound and some 40% of an import's CPU time.
func prepare(op string, listings []directory.Listing, now time.Time) ([]directory.Listing, [][]any, error) {
	out := make([]directory.Listing, len(listings))
	args := make([][]any, len(listings))
	errs := make([]error, len(listings))
	inChunks(len(listings), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i] = listings[i]
			out[i].Normalize()
			out[i].UpdatedAt = now // a file's updated_at is ignored: the store sets it
			args[i], errs[i] = listingArgs(&out[i])
		}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", op, err)
	}
	if err := directory.ValidateListings(out); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", op, err)
	}
	return out, args, nil
}

// inChunks calls fn over [0, n) split into one chunk per processor, when n
// is large enough to be worth it.
func inChunks(n int, fn func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n/1000+1)
	if workers <= 1 {
		fn(0, n)
		return
	}
	size := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += size {
		wg.Go(func() { fn(lo, min(lo+size, n)) })
	}
	wg.Wait()
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
	now := s.now()
	listings, args, err := prepare("seed", listings, now)
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
	if err := seed(ctx, tx, listings, args, now); err != nil {
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

func seed(ctx context.Context, tx *sql.Tx, listings []directory.Listing, args [][]any, now time.Time) error {
	w, err := newListingWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	for i := range listings {
		if err := w.add(ctx, args[i]); err != nil {
			return err
		}
	}
	if err := w.flush(ctx); err != nil {
		return err
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
	now := s.now()
	listings, args, err := prepare("import", listings, now)
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
	rep, err := importListings(ctx, tx, listings, args, opts, now)
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

func importListings(ctx context.Context, tx *sql.Tx, listings []directory.Listing, args [][]any, opts ImportOptions, now time.Time) (ImportReport, error) {
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
		if !exists[l.ID] {
			if err := w.add(ctx, args[i]); err != nil {
				return rep, err
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
		if sameContent(stored, args[i]) {
			rep.Unchanged++
			continue
		}
		old, err := fromColumns(stored)
		if err != nil {
			return rep, err
		}
		if _, err := w.update.ExecContext(ctx, append(args[i], l.ID)...); err != nil {
			return rep, fmt.Errorf("listing %q: %w", l.ID, err)
		}
		before := map[string]any{"source": opts.Source, "before": &old}
		if err := w.record(ctx, now, audit{opts.Actor, actionUpdate, l.ID, before}); err != nil {
			return rep, err
		}
		rep.Updated++
	}
	if err := w.flush(ctx); err != nil {
		return rep, err
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
