package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"nowrongdoor/directory"
)

// listingColumns are the listings table's columns in the order
// listingArgs and scanListing use.
const listingColumns = `id, name, organization, level, description, services, keywords, categories,
	phones, email, website, street, city, state, zip, hours, eligibility, fees, languages,
	documents, source_urls, source_date, status, alert, alert_until, verified_on, verified_by,
	staff_notes, updated_at, archived`

// updatedAtArg is the position of updated_at in listingArgs, which content
// comparisons leave out.
const updatedAtArg = 28

// archivedArg is the position of archived in listingArgs. Its value is
// the text "0" or "1", which SQLite stores as the integer, so that stored
// and new rows compare as text (sameContent).
const archivedArg = 29

// listingArgs returns a listing's column values in listingColumns order.
func listingArgs(l *directory.Listing) ([]any, error) {
	lists := make([]string, 0, 6)
	for _, v := range []any{l.Services, l.Keywords, l.Categories, l.Phones, l.Languages, l.SourceURLs} {
		s, err := jsonArray(v)
		if err != nil {
			return nil, fmt.Errorf("listing %q: %w", l.ID, err)
		}
		lists = append(lists, s)
	}
	return []any{
		l.ID, l.Name, l.Organization, string(l.Level), l.Description, lists[0], lists[1], lists[2],
		lists[3], l.Email, l.Website, l.Address.Street, l.Address.City, l.Address.State, l.Address.Zip,
		l.Hours, l.Eligibility, l.Fees, lists[4],
		l.Documents, lists[5], l.SourceDate, string(l.Status), l.Alert, l.AlertUntil.String(),
		l.VerifiedOn.String(), l.VerifiedBy,
		l.StaffNotes, formatTime(l.UpdatedAt), archivedText(l.Archived),
	}, nil
}

// jsonArray encodes a list column; an empty list is [] rather than null.
func jsonArray(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	if string(b) == "null" {
		return "[]", nil
	}
	return string(b), nil
}

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func archivedText(archived bool) string {
	if archived {
		return "1"
	}
	return "0"
}

// numColumns is the number of listingColumns.
const numColumns = archivedArg + 1

// sameContent reports whether stored column values equal a listing's apart
// from updated_at: whether writing the listing would change anything.
func sameContent(stored [numColumns]string, args []any) bool {
	for i := range stored {
		if i != updatedAtArg && stored[i] != args[i] {
			return false
		}
	}
	return true
}

type scanner interface{ Scan(dest ...any) error }

// scanColumns reads a row of listingColumns as text.
func scanColumns(row scanner) ([numColumns]string, error) {
	var c [numColumns]string
	ptrs := make([]any, numColumns)
	for i := range c {
		ptrs[i] = &c[i]
	}
	return c, row.Scan(ptrs...)
}

// scanListing reads a row of listingColumns and normalizes the listing, so
// its Schedules are filled.
func scanListing(row scanner) (directory.Listing, error) {
	c, err := scanColumns(row)
	if err != nil {
		return directory.Listing{}, err
	}
	l, err := fromColumns(c)
	if err != nil {
		return l, err
	}
	l.Normalize()
	return l, nil
}

// fromColumns decodes column values in listingColumns order.
func fromColumns(c [numColumns]string) (directory.Listing, error) {
	l := directory.Listing{
		ID: c[0], Name: c[1], Organization: c[2], Level: directory.Level(c[3]), Description: c[4],
		Email: c[9], Website: c[10],
		Address: directory.Address{Street: c[11], City: c[12], State: c[13], Zip: c[14]},
		Hours:   c[15], Eligibility: c[16], Fees: c[17], Documents: c[19], SourceDate: c[21],
		Status: directory.Status(c[22]), Alert: c[23], VerifiedBy: c[26], StaffNotes: c[27],
	}
	for _, f := range []struct {
		src string
		dst *[]string
	}{
		{c[5], &l.Services}, {c[6], &l.Keywords}, {c[7], &l.Categories},
		{c[18], &l.Languages}, {c[20], &l.SourceURLs},
	} {
		list, err := decodeStrings(f.src)
		if err != nil {
			return l, fmt.Errorf("listing %q: %w: list column: %v", l.ID, ErrCorrupt, err)
		}
		*f.dst = list
	}
	if err := json.Unmarshal([]byte(c[8]), &l.Phones); err != nil {
		return l, fmt.Errorf("listing %q: %w: phones column: %v", l.ID, ErrCorrupt, err)
	}
	var err error
	if l.AlertUntil, err = directory.ParseDate(c[24]); err != nil {
		return l, fmt.Errorf("listing %q: %w: alert_until: %v", l.ID, ErrCorrupt, err)
	}
	if l.VerifiedOn, err = directory.ParseDate(c[25]); err != nil {
		return l, fmt.Errorf("listing %q: %w: verified_on: %v", l.ID, ErrCorrupt, err)
	}
	if l.UpdatedAt, err = time.Parse(time.RFC3339Nano, c[28]); err != nil {
		return l, fmt.Errorf("listing %q: %w: updated_at: %v", l.ID, ErrCorrupt, err)
	}
	switch c[archivedArg] {
	case "0":
	case "1":
		l.Archived = true
	default:
		return l, fmt.Errorf("listing %q: %w: archived is %q", l.ID, ErrCorrupt, c[archivedArg])
	}
	return l, nil
}

// decodeStrings reads a list column, a JSON array of strings as jsonArray
// writes it. Strings without escapes, nearly all of them, are sliced out
// directly; encoding/json's reflection was most of the time it took to load
// a large directory. Anything unusual goes to encoding/json.
func decodeStrings(src string) ([]string, error) {
	if len(src) < 2 || src[0] != '[' || src[len(src)-1] != ']' || strings.ContainsRune(src, '\\') || !utf8.ValidString(src) {
		var out []string
		err := json.Unmarshal([]byte(src), &out)
		return out, err
	}
	out := []string{}
	rest := src[1 : len(src)-1]
	for rest != "" {
		if rest[0] != '"' {
			return nil, fmt.Errorf("list column %q is not an array of strings", src)
		}
		end := strings.IndexByte(rest[1:], '"')
		if end < 0 {
			return nil, fmt.Errorf("list column %q has an unterminated string", src)
		}
		out = append(out, rest[1:end+1])
		rest = rest[end+2:]
		if rest != "" {
			if rest[0] != ',' {
				return nil, fmt.Errorf("list column %q is not an array of strings", src)
			}
			rest = rest[1:]
		}
	}
	return out, nil
}

// Listings returns every listing on the desk (not archived), normalized,
// ordered by id.
func (s *Store) Listings(ctx context.Context) ([]directory.Listing, error) {
	out, err := s.listings(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("listings: %w", err)
	}
	return out, nil
}

// archivedListings returns the archived listings, normalized, by id.
func (s *Store) archivedListings(ctx context.Context) ([]directory.Listing, error) {
	return s.listings(ctx, true)
}

func (s *Store) listings(ctx context.Context, archived bool) ([]directory.Listing, error) {
	where := "archived = 0"
	if archived {
		where = "archived = 1"
	}
	return s.load(ctx, listingColumns, where, numColumns, func(c []string) (directory.Listing, error) {
		l, err := fromColumns([numColumns]string(c))
		if err == nil {
			l.Normalize()
		}
		return l, err
	})
}

// searchColumns are the columns SearchListings reads.
const searchColumns = `id, name, organization, level, description, services, keywords, categories, phones, status`

// SearchListings returns every listing on the desk with only the fields search reads
// and a one-line result shows (id, name, organization, level, description,
// services, keywords, categories, phones and status), ordered by id. The
// command line answers a search with it in a third less time than loading
// whole listings; anything that shows or edits a listing must use Listings.
func (s *Store) SearchListings(ctx context.Context) ([]directory.Listing, error) {
	out, err := s.load(ctx, searchColumns, "archived = 0", 10, func(c []string) (directory.Listing, error) {
		l := directory.Listing{ID: c[0], Name: c[1], Organization: c[2], Level: directory.Level(c[3]),
			Description: c[4], Status: directory.Status(c[9])}
		for _, f := range []struct {
			src string
			dst *[]string
		}{{c[5], &l.Services}, {c[6], &l.Keywords}, {c[7], &l.Categories}} {
			list, err := decodeStrings(f.src)
			if err != nil {
				return l, fmt.Errorf("listing %q: %w: list column: %v", l.ID, ErrCorrupt, err)
			}
			*f.dst = list
		}
		if err := json.Unmarshal([]byte(c[8]), &l.Phones); err != nil {
			return l, fmt.Errorf("listing %q: %w: phones column: %v", l.ID, ErrCorrupt, err)
		}
		return l, nil
	})
	if err != nil {
		return nil, fmt.Errorf("search listings: %w", err)
	}
	return out, nil
}

// load reads columns of every listing where the condition holds and
// decodes each row with decode.
// Rows are read in table order (ORDER BY id would look every row up through
// the id index, a third slower) and decoded on every processor while the
// next rows are read, so a statewide directory of 100,000 listings loads in
// about a second; they are sorted by id at the end.
func (s *Store) load(ctx context.Context, columns, where string, width int, decode func([]string) (directory.Listing, error)) ([]directory.Listing, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+columns+` FROM listings WHERE `+where)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	const batchSize = 256
	type batch struct {
		cols [][]string
		out  []directory.Listing
		err  error
	}
	work := make(chan *batch, 64)
	var batches []*batch
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for b := range work {
				b.out = make([]directory.Listing, len(b.cols))
				for i, c := range b.cols {
					if b.out[i], b.err = decode(c); b.err != nil {
						break
					}
				}
				b.cols = nil
			}
		})
	}
	cur := &batch{}
	ptrs := make([]any, width)
	var scanErr error
	for rows.Next() {
		c := make([]string, width)
		for i := range c {
			ptrs[i] = &c[i]
		}
		if scanErr = rows.Scan(ptrs...); scanErr != nil {
			break
		}
		cur.cols = append(cur.cols, c)
		if len(cur.cols) == batchSize {
			batches = append(batches, cur)
			work <- cur
			cur = &batch{}
		}
	}
	if len(cur.cols) > 0 {
		batches = append(batches, cur)
		work <- cur
	}
	close(work)
	wg.Wait()
	if scanErr == nil {
		scanErr = rows.Err()
	}
	if scanErr != nil {
		return nil, classify(scanErr)
	}
	var read []*directory.Listing
	for _, b := range batches {
		if b.err != nil {
			return nil, b.err
		}
		for i := range b.out {
			read = append(read, &b.out[i])
		}
	}
	// Sort pointers, not listings: a listing is hundreds of bytes to swap.
	slices.SortFunc(read, func(a, b *directory.Listing) int { return strings.Compare(a.ID, b.ID) })
	out := make([]directory.Listing, len(read))
	for i, l := range read {
		out[i] = *l
	}
	return out, nil
}

// Listing returns the listing on the desk with the given id, or an error
// matching ErrNotFound; as the desk sees it, an archived listing is not
// there (admin mode reads it with Load).
func (s *Store) Listing(ctx context.Context, id string) (directory.Listing, error) {
	l, err := scanListing(s.rdb.QueryRowContext(ctx, `SELECT `+listingColumns+` FROM listings WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) || err == nil && l.Archived {
		return directory.Listing{}, fmt.Errorf("listing %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return directory.Listing{}, fmt.Errorf("listing %q: %w", id, classify(err))
	}
	return l, nil
}

// Count returns the number of listings.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	if err := s.rdb.QueryRowContext(ctx, `SELECT count(*) FROM listings`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count listings: %w", classify(err))
	}
	return n, nil
}

// AuditEntry is one change recorded in the audit trail, with the JSON
// detail kept beside its fields.
type AuditEntry struct {
	At     time.Time
	Actor  string
	Action string
	// ListingID is empty for a change to the whole directory (a seed, the
	// summary of an import or of a default refresh).
	ListingID string
	// Note says more where fields do not (an import's source).
	Note string
	// Detail is a JSON object: the source of the change, and for an update
	// the listing as it was before ("before").
	Detail json.RawMessage
}

// AuditEntries returns the audit entries about one listing, newest first,
// with their JSON detail; with an empty id, the entries about the whole
// directory. History gives the same events with their field changes.
func (s *Store) AuditEntries(ctx context.Context, listingID string) ([]AuditEntry, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT at, actor, action, coalesce(listing_id, ''), note, detail FROM audit
		WHERE listing_id IS ? ORDER BY id DESC`, sql.NullString{String: listingID, Valid: listingID != ""})
	if err != nil {
		return nil, fmt.Errorf("audit entries %q: %w", listingID, classify(err))
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at, detail string
		if err := rows.Scan(&at, &e.Actor, &e.Action, &e.ListingID, &e.Note, &detail); err != nil {
			return nil, fmt.Errorf("audit entries %q: %w", listingID, classify(err))
		}
		if e.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return nil, fmt.Errorf("audit entries %q: %w: time: %v", listingID, ErrCorrupt, err)
		}
		e.Detail = json.RawMessage(detail)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("audit entries %q: %w", listingID, classify(err))
	}
	return out, nil
}

// markInitialized records, in the transaction of the first write, that the
// database has held data; SeedIfEmpty never seeds it again.
func markInitialized(ctx context.Context, tx *sql.Tx, at time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO meta (key, value) VALUES ('initialized_at', ?)`, formatTime(at))
	return err
}

// batchRows is how many rows one INSERT writes. Every statement has a
// fixed cost in database/sql and the driver (more under a cancelable
// context, which the driver watches statement by statement), so an import
// writes new listings and audit rows 32 at a time; 32 rows of 29 values
// stay far below SQLite's limit of 32,766 parameters.
const batchRows = 32

// batchInserter inserts rows into one table, batchRows per statement.
type batchInserter struct {
	tx        *sql.Tx
	head, row string // "INSERT INTO t (cols) VALUES ", "(?, ?)"
	full      *sql.Stmt
	pending   []any
	rows      int
}

func newBatchInserter(tx *sql.Tx, table, columns string, width int) *batchInserter {
	return &batchInserter{
		tx:   tx,
		head: "INSERT INTO " + table + " (" + columns + ") VALUES ",
		row:  "(?" + strings.Repeat(", ?", width-1) + ")",
	}
}

func (b *batchInserter) sql(rows int) string {
	return b.head + b.row + strings.Repeat(", "+b.row, rows-1)
}

// add queues a row, writing the queue when it is full. The statement for a
// full queue is prepared when first needed: a single edit never fills one.
func (b *batchInserter) add(ctx context.Context, args ...any) error {
	b.pending = append(b.pending, args...)
	b.rows++
	if b.rows < batchRows {
		return nil
	}
	if b.full == nil {
		var err error
		if b.full, err = b.tx.PrepareContext(ctx, b.sql(batchRows)); err != nil {
			return err
		}
	}
	_, err := b.full.ExecContext(ctx, b.pending...)
	b.pending, b.rows = b.pending[:0], 0
	return err
}

// flush writes what is queued.
func (b *batchInserter) flush(ctx context.Context) error {
	if b.rows == 0 {
		return nil
	}
	_, err := b.tx.ExecContext(ctx, b.sql(b.rows), b.pending...)
	b.pending, b.rows = b.pending[:0], 0
	return err
}

func (b *batchInserter) close() {
	if b.full != nil {
		b.full.Close()
	}
}

// listingWriter writes listings and their audit events inside one
// transaction with prepared statements, which an import of thousands of
// listings needs to be quick. Events are chained in the order of the
// changes they record.
type listingWriter struct {
	tx     *sql.Tx
	insert *batchInserter
	chain  *chainWriter
	update *sql.Stmt
}

func newListingWriter(ctx context.Context, tx *sql.Tx) (*listingWriter, error) {
	w := &listingWriter{tx: tx, insert: newBatchInserter(tx, "listings", listingColumns, numColumns)}
	var err error
	if w.chain, err = openChain(ctx, tx); err != nil {
		return nil, err
	}
	// The same columns as the insert, set by position.
	placeholders := "?" + strings.Repeat(", ?", numColumns-1)
	if w.update, err = tx.PrepareContext(ctx, `UPDATE listings SET (`+listingColumns+`) = (`+placeholders+`) WHERE id = ?`); err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

// flush writes every queued row.
func (w *listingWriter) flush(ctx context.Context) error {
	if err := w.insert.flush(ctx); err != nil {
		return fmt.Errorf("insert listings: %w", err)
	}
	return w.chain.flush(ctx)
}

func (w *listingWriter) close() {
	w.insert.close()
	if w.chain != nil {
		w.chain.close()
	}
	if w.update != nil {
		w.update.Close()
	}
}

// stored reads the rows of those listings that exist, in one query for
// the chunk rather than one per listing.
func (w *listingWriter) stored(ctx context.Context, listings []directory.Listing, exists map[string]bool) (map[string]*[numColumns]string, error) {
	var ids []any
	for i := range listings {
		if exists[listings[i].ID] {
			ids = append(ids, listings[i].ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := w.tx.QueryContext(ctx, `SELECT `+listingColumns+` FROM listings WHERE id IN (?`+
		strings.Repeat(", ?", len(ids)-1)+`)`, ids...)
	if err != nil {
		return nil, fmt.Errorf("read listings: %w", err)
	}
	defer rows.Close()
	out := make(map[string]*[numColumns]string, len(ids))
	for rows.Next() {
		c, err := scanColumns(rows)
		if err != nil {
			return nil, fmt.Errorf("read listings: %w", err)
		}
		out[c[0]] = &c
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read listings: %w", err)
	}
	return out, nil
}

// add queues a new listing's row.
func (w *listingWriter) add(ctx context.Context, args []any) error {
	if err := w.insert.add(ctx, args...); err != nil {
		return fmt.Errorf("insert listings: %w", err)
	}
	return nil
}

// record queues an audit event.
func (w *listingWriter) record(ctx context.Context, at time.Time, a audit) error {
	_, err := w.chain.append(ctx, a.event(at), a.detail)
	return err
}
