package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"nowrongdoor/directory"
)

// The store keeps a search index as the search package freezes it: a head
// and one record per term. It knows them only as bytes, labelled with the
// search package's format and the directory's version they were built at.

// ErrNoSearchIndex means the store holds no search index of the format
// asked for, at the directory's present version: the caller builds one.
var ErrNoSearchIndex = errors.New("no search index of the directory as it is")

// directoryVersion names the state of the directory that q reads: its
// schema and the head of its audit chain. Every change of a listing appends
// an audit event in the transaction that makes it, and the chain's hash
// covers every event before it, so two reads at one version read the same
// listings, even of two databases (a restored backup and the file it
// replaced).
func directoryVersion(ctx context.Context, q *sql.Tx) (string, error) {
	var schema, seq, events int64
	var hash string
	err := q.QueryRowContext(ctx, `SELECT
		(SELECT coalesce(max(version), 0) FROM schema_migrations),
		coalesce((SELECT seq FROM audit_chain ORDER BY seq DESC LIMIT 1), 0),
		coalesce((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), ''),
		(SELECT coalesce(max(id), 0) FROM audit)`).Scan(&schema, &seq, &hash, &events)
	if err != nil {
		return "", fmt.Errorf("directory version: %w", classify(err))
	}
	return fmt.Sprintf("schema %d, event %d/%d %s", schema, seq, events, hash), nil
}

// SaveSearchIndex keeps a search index built from the listings read at
// version, replacing the one kept, in one transaction, and reports whether
// the store holds it now. It saves nothing when the store holds it
// already, and nothing, reporting false, when the directory has changed
// since version: the index is of an older directory.
func (s *Store) SaveSearchIndex(ctx context.Context, version, format string, head []byte, terms [][]byte) (bool, error) {
	saved := false
	err := s.write(ctx, func(tx *sql.Tx) error {
		now, err := directoryVersion(ctx, tx)
		if err != nil {
			return err
		}
		if now != version {
			return nil
		}
		var kept int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM search_index WHERE format = ? AND version = ?`, format, version).Scan(&kept); err != nil {
			return err
		}
		if kept > 0 {
			saved = true
			return nil
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_term`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO search_index (id, format, version, head) VALUES (1, ?, ?, ?)`, format, version, head); err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO search_term (term, record) VALUES (?, ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for t, rec := range terms {
			if _, err := stmt.ExecContext(ctx, t, rec); err != nil {
				return err
			}
		}
		saved = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("save search index: %w", err)
	}
	return saved, nil
}

// DropSearchIndex removes the search index the store keeps, as when one
// cannot be read: the next reader builds it again.
func (s *Store) DropSearchIndex(ctx context.Context) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_index`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM search_term`)
		return err
	})
	if err != nil {
		return fmt.Errorf("drop search index: %w", err)
	}
	return nil
}

// SearchIndex is a search index kept in the store, open for reading. It
// reads in one read transaction: its terms and listings are of the moment
// its head was read, whatever is written meanwhile. Close it when done.
type SearchIndex struct {
	ctx     context.Context
	tx      *sql.Tx
	head    []byte
	version string
	term    *sql.Stmt
}

// OpenSearchIndex opens the search index of the format asked for, when the
// store holds one of the directory as it is; else ErrNoSearchIndex.
func (s *Store) OpenSearchIndex(ctx context.Context, format string) (*SearchIndex, error) {
	tx, err := s.rdb.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("open search index: %w", classify(err))
	}
	ix := &SearchIndex{ctx: ctx, tx: tx}
	if err := ix.open(format); err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("open search index: %w", err)
	}
	return ix, nil
}

func (ix *SearchIndex) open(format string) error {
	version, err := directoryVersion(ix.ctx, ix.tx)
	if err != nil {
		return err
	}
	ix.version = version
	err = ix.tx.QueryRowContext(ix.ctx, `SELECT head FROM search_index WHERE format = ? AND version = ?`, format, version).Scan(&ix.head)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNoSearchIndex
	}
	if err != nil {
		return classify(err)
	}
	ix.term, err = ix.tx.PrepareContext(ix.ctx, `SELECT record FROM search_term WHERE term = ?`)
	return classify(err)
}

// Head returns the index's head.
func (ix *SearchIndex) Head() []byte { return ix.head }

// TermRecord returns the record of a term.
func (ix *SearchIndex) TermRecord(term int32) ([]byte, error) {
	var rec []byte
	if err := ix.term.QueryRowContext(ix.ctx, term).Scan(&rec); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("the search index has no term %d", term)
		}
		return nil, classify(err)
	}
	return rec, nil
}

// Listings returns the listings with the given ids as SearchListings gives
// them, at the index's moment, ordered by id. One with a row that cannot
// be read is left out, as SearchListings leaves it out; check names it.
func (ix *SearchIndex) Listings(ids []string) ([]directory.Listing, error) {
	out, _, err := queryListings(ix.ctx, ix.tx, ids, false)
	if err != nil {
		return nil, classify(err)
	}
	return out, nil
}

// Close ends the index's read transaction.
func (ix *SearchIndex) Close() error {
	ix.term.Close()
	return ix.tx.Rollback()
}

// SearchIndexHead reads the head of the search index of the format asked
// for, when the store holds one of the directory as it is, and the
// version it is of; else ErrNoSearchIndex. The window reads its terms
// later, one by one, with SearchTerm: it holds no read transaction open
// while it runs, and only the terms searched for are read.
func (s *Store) SearchIndexHead(ctx context.Context, format string) (head []byte, version string, err error) {
	kept, err := s.OpenSearchIndex(ctx, format)
	if err != nil {
		return nil, "", err
	}
	defer kept.Close()
	return kept.head, kept.version, nil
}

// SearchTerm reads the record of a term of the search index of the format
// and version given, in one statement with the check that the store
// holds that index still: ErrNoSearchIndex when the directory has changed
// since and the index was dropped or replaced.
func (s *Store) SearchTerm(ctx context.Context, format, version string, term int32) ([]byte, error) {
	var rec []byte
	err := s.rdb.QueryRowContext(ctx, `SELECT record FROM search_term WHERE term = ?
		AND EXISTS (SELECT 1 FROM search_index WHERE format = ? AND version = ?)`, term, format, version).Scan(&rec)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("search term %d: %w", term, ErrNoSearchIndex)
	}
	if err != nil {
		return nil, fmt.Errorf("search term %d: %w", term, classify(err))
	}
	return rec, nil
}

// ListingsByID returns the whole listings with the given ids, in no
// particular order; an id no listing has, or one whose rows cannot be
// read, is left out.
func (s *Store) ListingsByID(ctx context.Context, ids []string) ([]directory.Listing, error) {
	tx, err := s.rdb.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("listings: %w", classify(err))
	}
	defer tx.Rollback()
	// A query takes at most 32,766 values; a category of a statewide
	// directory may hold more listings.
	const chunk = 4096
	var out []directory.Listing
	for len(ids) > 0 {
		n := min(len(ids), chunk)
		ls, _, err := queryListings(ctx, tx, ids[:n], true)
		if err != nil {
			return nil, fmt.Errorf("listings: %w", classify(err))
		}
		out = append(out, ls...)
		ids = ids[n:]
	}
	return out, nil
}
