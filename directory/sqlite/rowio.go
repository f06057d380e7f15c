package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"nowrongdoor/directory"
)

// The row primitives every single-listing change goes through (the
// editor's Save, Archive, Restore, Delete and MarkVerified). They hide how a
// listing is laid out in tables, so the layout can change behind them.
// Each runs inside the caller's transaction.

// readListing returns the stored listing with id, normalized, or an error
// matching ErrNotFound.
func readListing(ctx context.Context, q rowQuerier, id string) (directory.Listing, error) {
	l, err := scanListing(q.QueryRowContext(ctx, `SELECT `+listingColumns+` FROM listings WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return directory.Listing{}, fmt.Errorf("listing %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return directory.Listing{}, fmt.Errorf("listing %q: %w", id, classify(err))
	}
	return l, nil
}

// insertListing writes a new listing. l is normalized and valid, and its
// UpdatedAt set.
func insertListing(ctx context.Context, tx *sql.Tx, l *directory.Listing) error {
	args, err := listingArgs(l)
	if err != nil {
		return err
	}
	placeholders := "?" + repeatArgs(numColumns-1)
	if _, err := tx.ExecContext(ctx, `INSERT INTO listings (`+listingColumns+`) VALUES (`+placeholders+`)`, args...); err != nil {
		return fmt.Errorf("listing %q: %w", l.ID, classify(err))
	}
	return nil
}

// updateListing replaces the stored listing with l's id by l. l is
// normalized and valid, and its UpdatedAt set.
func updateListing(ctx context.Context, tx *sql.Tx, l *directory.Listing) error {
	args, err := listingArgs(l)
	if err != nil {
		return err
	}
	placeholders := "?" + repeatArgs(numColumns-1)
	res, err := tx.ExecContext(ctx, `UPDATE listings SET (`+listingColumns+`) = (`+placeholders+`) WHERE id = ?`, append(args, l.ID)...)
	if err != nil {
		return fmt.Errorf("listing %q: %w", l.ID, classify(err))
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("listing %q: %w", l.ID, ErrNotFound)
	}
	return nil
}

// deleteListing removes the listing with id and everything stored with
// it, apart from its audit events.
func deleteListing(ctx context.Context, tx *sql.Tx, id string) error {
	res, err := tx.ExecContext(ctx, `DELETE FROM listings WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("listing %q: %w", id, classify(err))
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("listing %q: %w", id, ErrNotFound)
	}
	return nil
}

func repeatArgs(n int) string {
	b := make([]byte, 0, 3*n)
	for range n {
		b = append(b, ", ?"...)
	}
	return string(b)
}
