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
// listing is laid out in tables (rows.go), so the layout can change behind
// them. Each runs inside the caller's transaction.

// readListing returns the stored listing with id, as stored (its schedules
// are those saved, not read again from its hours text), or an error
// matching ErrNotFound, or an *UnreadableError when its rows cannot be
// read.
func readListing(ctx context.Context, q rowQuerier, id string) (directory.Listing, error) {
	ls, bad, err := queryListings(ctx, q, []string{id}, true)
	if err != nil {
		return directory.Listing{}, fmt.Errorf("listing %q: %w", id, classify(err))
	}
	if len(bad) > 0 {
		return directory.Listing{}, &UnreadableError{ID: id, Listing: bad[0].listing, Problems: bad[0].problems}
	}
	if len(ls) == 0 {
		return directory.Listing{}, fmt.Errorf("listing %q: %w", id, ErrNotFound)
	}
	return ls[0], nil
}

// insertListing writes a new listing. l is normalized and valid, and its
// UpdatedAt set.
func insertListing(ctx context.Context, tx *sql.Tx, l *directory.Listing) error {
	r, err := encodeListing(l)
	if err != nil {
		return err
	}
	if err := insertRows(ctx, tx, r); err != nil {
		return fmt.Errorf("listing %q: %w", l.ID, classify(err))
	}
	return nil
}

// insertRows writes one listing's rows, a statement per row.
func insertRows(ctx context.Context, tx *sql.Tx, r listingRows) error {
	insert := func(verb, table, columns string, args []any) error {
		_, err := tx.ExecContext(ctx, verb+" "+table+" ("+columns+") VALUES (?"+repeatArgs(width(columns)-1)+")", args...)
		return err
	}
	if r.org != nil {
		if err := insert("INSERT OR IGNORE INTO", "organization", organizationColumns, r.org); err != nil {
			return err
		}
	}
	if err := insert("INSERT INTO", "service", serviceColumns, r.service); err != nil {
		return err
	}
	if r.location != nil {
		if err := insert("INSERT INTO", "location", locationColumns, r.location); err != nil {
			return err
		}
	}
	for _, p := range r.phones {
		if err := insert("INSERT INTO", "phone", phoneColumns, p); err != nil {
			return err
		}
	}
	for _, s := range r.schedules {
		if err := insert("INSERT INTO", "schedule", scheduleColumns, s); err != nil {
			return err
		}
	}
	return nil
}

// updateListing replaces the stored listing with l's id by l. l is
// normalized and valid, and its UpdatedAt set. Its rows are written anew
// with the ids they had, since ids derive from the listing's.
func updateListing(ctx context.Context, tx *sql.Tx, l *directory.Listing) error {
	r, err := encodeListing(l)
	if err != nil {
		return err
	}
	if err := removeService(ctx, tx, l.ID); err != nil {
		return err
	}
	if err := insertRows(ctx, tx, r); err != nil {
		return fmt.Errorf("listing %q: %w", l.ID, classify(err))
	}
	return nil
}

// deleteListing removes the listing with id and everything stored with
// it, apart from its audit events.
func deleteListing(ctx context.Context, tx *sql.Tx, id string) error {
	return removeService(ctx, tx, id)
}

// removeService removes a listing's service row, and with it its location,
// phones and schedule rows, and its organization if no other listing
// names it.
func removeService(ctx context.Context, tx *sql.Tx, id string) error {
	var org sql.NullString
	err := tx.QueryRowContext(ctx, `DELETE FROM service WHERE listing_id = ? RETURNING organization_id`, id).Scan(&org)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("listing %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("listing %q: %w", id, classify(err))
	}
	if org.Valid {
		if _, err := tx.ExecContext(ctx, `DELETE FROM organization WHERE id = ?
			AND NOT EXISTS (SELECT 1 FROM service WHERE organization_id = ?)`, org.String, org.String); err != nil {
			return fmt.Errorf("listing %q: %w", id, classify(err))
		}
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
