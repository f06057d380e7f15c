package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"nowrongdoor/directory"
)

// v1Columns are the columns of the listings table of release 0.1.0
// (0001_init.sql) and of the archived flag added to it after; every one has
// its place in the HSDS tables.
var v1Columns = []string{"id", "name", "organization", "level", "description", "services", "keywords",
	"categories", "phones", "email", "website", "street", "city", "state", "zip", "hours", "eligibility",
	"fees", "languages", "documents", "source_urls", "source_date", "status", "alert", "alert_until",
	"verified_on", "verified_by", "staff_notes", "updated_at", "archived"}

// moveListingsToHSDS carries every row of the one-row-per-listing table
// over into the HSDS tables, its hours text read into proposed schedules
// as an import would, and drops the old table. A column it does not know
// fails the migration, writing nothing, rather than be lost.
func moveListingsToHSDS(ctx context.Context, tx *sql.Tx) error {
	listings, err := readV1Listings(ctx, tx)
	if err != nil {
		return fmt.Errorf("read listings: %w", err)
	}
	w, err := newListingWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	for i := range listings {
		l := &listings[i]
		// What the old store did at every load: propose schedules from Hours.
		proposeHours(l)
		l.Normalize()
		r, err := encodeListing(l)
		if err != nil {
			return err
		}
		if err := w.add(ctx, r); err != nil {
			return err
		}
	}
	if err := w.flush(ctx); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `DROP TABLE listings`)
	return err
}

// readV1Listings reads every row of the listings table by column name.
func readV1Listings(ctx context.Context, tx *sql.Tx) ([]directory.Listing, error) {
	rows, err := tx.QueryContext(ctx, `SELECT * FROM listings`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	columns, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	for _, c := range columns {
		if !slices.Contains(v1Columns, c) {
			return nil, fmt.Errorf("column %q of listings has no place in the new tables", c)
		}
	}
	var out []directory.Listing
	values := make([]any, len(columns))
	ptrs := make([]any, len(columns))
	for i := range values {
		ptrs[i] = &values[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make(map[string]any, len(columns))
		for i, c := range columns {
			row[c] = values[i]
		}
		l, err := v1Listing(row)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// v1Listing decodes a listings row, as a map of column name to value.
func v1Listing(row map[string]any) (directory.Listing, error) {
	text := func(c string) string {
		switch v := row[c].(type) {
		case string:
			return v
		case []byte:
			return string(v)
		}
		return ""
	}
	l := directory.Listing{
		ID: text("id"), Name: text("name"), Organization: text("organization"), Level: directory.Level(text("level")),
		Description: text("description"), Email: text("email"), Website: text("website"),
		Address: directory.Address{Street: text("street"), City: text("city"), State: text("state"), Zip: text("zip")},
		Hours:   text("hours"), Eligibility: text("eligibility"), Fees: text("fees"), Documents: text("documents"),
		SourceDate: text("source_date"), Status: directory.Status(text("status")), Alert: text("alert"),
		VerifiedBy: text("verified_by"), StaffNotes: text("staff_notes"),
	}
	switch v := row["archived"].(type) {
	case int64:
		l.Archived = v != 0
	case nil:
	default:
		return l, fmt.Errorf("listing %q: %w: archived is %v", l.ID, ErrCorrupt, v)
	}
	for _, f := range []struct {
		column string
		dst    *[]string
	}{
		{"services", &l.Services}, {"keywords", &l.Keywords}, {"categories", &l.Categories},
		{"languages", &l.Languages}, {"source_urls", &l.SourceURLs},
	} {
		list, err := decodeStrings(text(f.column))
		if err != nil {
			return l, fmt.Errorf("listing %q: %w: %s: %v", l.ID, ErrCorrupt, f.column, err)
		}
		*f.dst = list
	}
	if err := json.Unmarshal([]byte(text("phones")), &l.Phones); err != nil {
		return l, fmt.Errorf("listing %q: %w: phones: %v", l.ID, ErrCorrupt, err)
	}
	var err error
	if l.AlertUntil, err = directory.ParseDate(text("alert_until")); err != nil {
		return l, fmt.Errorf("listing %q: %w: alert_until: %v", l.ID, ErrCorrupt, err)
	}
	if l.VerifiedOn, err = directory.ParseDate(text("verified_on")); err != nil {
		return l, fmt.Errorf("listing %q: %w: verified_on: %v", l.ID, ErrCorrupt, err)
	}
	if l.UpdatedAt, err = time.Parse(time.RFC3339Nano, text("updated_at")); err != nil {
		return l, fmt.Errorf("listing %q: %w: updated_at: %v", l.ID, ErrCorrupt, err)
	}
	return l, nil
}
