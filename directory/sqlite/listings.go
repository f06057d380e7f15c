package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"nowrongdoor/directory"
	"nowrongdoor/directory/hsds"
)

// jsonArray encodes a list column; an empty list is [] rather than null.
func jsonArray(v []string) (string, error) {
	if s, ok := plainJSONArray(v); ok {
		return s, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	if string(b) == "null" {
		return "[]", nil
	}
	return string(b), nil
}

// plainJSONArray writes v as encoding/json does when every string is
// one json.Marshal leaves as it is (printable ASCII but " \\ < > &, and
// valid UTF-8 but U+2028 and U+2029), nearly every list (reflection was a
// third of the time an import spent encoding rows), and reports false
// otherwise.
func plainJSONArray(v []string) (string, bool) {
	if len(v) == 0 {
		return "[]", true
	}
	n := 1
	for _, s := range v {
		unicode := false
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c >= 0x80:
				unicode = true
			case c < 0x20 || c == 0x7F || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&':
				return "", false
			}
		}
		if unicode && (!utf8.ValidString(s) || strings.ContainsRune(s, '\u2028') || strings.ContainsRune(s, '\u2029')) {
			return "", false
		}
		n += len(s) + 3
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteByte('[')
	for i, s := range v {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteString(s)
		b.WriteByte('"')
	}
	b.WriteByte(']')
	return b.String(), true
}

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

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
	out, _, err := s.readAll(ctx, true)
	if err != nil {
		return nil, fmt.Errorf("listings: %w", err)
	}
	return onDesk(out, false), nil
}

// archivedListings returns the archived listings, normalized, by id.
func (s *Store) archivedListings(ctx context.Context) ([]directory.Listing, error) {
	out, _, err := s.readAll(ctx, true)
	if err != nil {
		return nil, fmt.Errorf("archived listings: %w", err)
	}
	return onDesk(out, true), nil
}

// onDesk keeps the listings whose Archived is archived, in place. Archived
// listings are few, so they are read with the rest and dropped here rather
// than filtered in every table's query.
func onDesk(ls []directory.Listing, archived bool) []directory.Listing {
	return slices.DeleteFunc(ls, func(l directory.Listing) bool { return l.Archived != archived })
}

// SearchListings returns every listing on the desk with only the fields search reads
// and a one-line result shows (id, name, organization, level, description,
// services, keywords, categories, phones and status), ordered by id. The
// command line answers a search with it in less time than loading whole
// listings; anything that shows or edits a listing must use Listings.
// version names the state of the directory they were read at, for
// SaveSearchIndex.
func (s *Store) SearchListings(ctx context.Context) (listings []directory.Listing, version string, err error) {
	out, version, err := s.readAll(ctx, false)
	if err != nil {
		return nil, "", fmt.Errorf("search listings: %w", err)
	}
	return onDesk(out, false), version, nil
}

// readAll reads every listing in one read transaction, so the rows of all
// its tables are of one moment, and the version of the directory they
// are. Listings whose rows cannot be read are left out and kept for
// Unreadable.
func (s *Store) readAll(ctx context.Context, whole bool) ([]directory.Listing, string, error) {
	tx, err := s.rdb.BeginTx(ctx, nil)
	if err != nil {
		return nil, "", classify(err)
	}
	defer tx.Rollback()
	version, err := directoryVersion(ctx, tx)
	if err != nil {
		return nil, "", err
	}
	out, bad, err := queryListings(ctx, tx, nil, whole)
	if err != nil {
		return nil, "", classify(err)
	}
	s.noteUnreadable(bad)
	return out, version, nil
}

// queryListings reads the listings with the given ids (every listing when
// ids is nil) from their rows, ordered by id; whole listings, or only what
// SearchListings gives. Service rows are decoded on every processor while
// the location, phone and schedule rows are read; each table is read in one
// pass and joined in Go. A listing with a row that cannot be read is not
// among them but in bad, by id, with what could be read and why not.
func queryListings(ctx context.Context, q querier, ids []string, whole bool) (out []directory.Listing, bad []unreadableListing, err error) {
	serviceSQL := searchServiceSQL
	if whole {
		serviceSQL = wholeServiceSQL
	}
	var cond, childCond, orgCond string
	var args, childArgs []any
	if ids != nil {
		if len(ids) == 0 {
			return nil, nil, nil
		}
		marks := "(?" + repeatArgs(len(ids)-1) + ")"
		cond, childCond = " WHERE listing_id IN "+marks, " WHERE service_id IN "+marks
		orgCond = " WHERE id IN (SELECT organization_id FROM service" + cond + ")"
		for _, id := range ids {
			args, childArgs = append(args, id), append(childArgs, hsds.ServiceID(id))
		}
	}
	orgRows, err := scanAll(ctx, q, organizationSQL+orgCond, args, organizationFields)
	if err != nil {
		return nil, nil, fmt.Errorf("read organizations: %w", err)
	}
	orgs := make(map[string]string, len(orgRows))
	for _, o := range orgRows {
		orgs[o.ID] = o.Name
	}
	// Rows are read in table order (ORDER BY listing_id would look every
	// row up through its index) and sorted here.
	services, err := scanAll(ctx, q, serviceSQL+cond, args, serviceFields)
	if err != nil {
		return nil, nil, fmt.Errorf("read services: %w", err)
	}
	// Sort positions, not rows: a row is hundreds of bytes to swap.
	order := make([]int, len(services))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(services[a].ListingID, services[b].ListingID) })

	out = make([]directory.Listing, len(services))
	// problems[k] says why out[k] cannot be read; each worker writes its
	// own range.
	problems := make([][]directory.Problem, len(services))
	workers := min(runtime.GOMAXPROCS(0), 1+len(services)/256)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for k := w * len(order) / workers; k < (w+1)*len(order)/workers; k++ {
				out[k], problems[k] = decodeService(&services[order[k]], orgs, whole)
			}
		})
	}
	phones, err := scanAll(ctx, q, phoneSQL+childCond+" ORDER BY service_id, position", childArgs, phoneFields)
	var locations []locationRow
	var schedules []scheduleRow
	if err == nil && whole {
		locations, err = scanAll(ctx, q, locationSQL+childCond, childArgs, locationFields)
	}
	if err == nil && whole {
		schedules, err = scanAll(ctx, q, scheduleSQL+childCond+" ORDER BY service_id, position, part", childArgs, scheduleFields)
	}
	wg.Wait()
	if err != nil {
		return nil, nil, fmt.Errorf("read locations, phones and schedules: %w", err)
	}

	index := make(map[string]int, len(services))
	for k, i := range order {
		index[services[i].ID] = k
		out[k].Phones = []directory.Phone{} // none is [], as in an import file
	}
	for i := range phones {
		p := &phones[i]
		if j, ok := index[p.ServiceID]; ok {
			out[j].Phones = append(out[j].Phones, directory.Phone{Label: p.Description, Number: p.Number, Ext: p.Extension, Note: p.StaffNote, Open247: p.Open247 != 0})
		}
	}
	for _, a := range locations {
		if j, ok := index[a.ServiceID]; ok {
			out[j].Address = directory.Address{Street: a.Street, City: a.City, State: a.State, Zip: a.Zip}
		}
	}
	// After a schedule row that cannot be read, the listing's later rows
	// would only report the same gap again.
	badSchedules := map[int]bool{}
	for i := range schedules {
		if j, ok := index[schedules[i].ServiceID]; ok && !badSchedules[j] {
			if p := addSchedulePart(&out[j], &schedules[i]); p != nil {
				problems[j] = append(problems[j], *p)
				badSchedules[j] = true
			}
		}
	}
	return dropUnreadable(out, problems)
}

// dropUnreadable moves the listings that have problems out of ls, keeping
// the order of both.
func dropUnreadable(ls []directory.Listing, problems [][]directory.Problem) ([]directory.Listing, []unreadableListing, error) {
	var bad []unreadableListing
	kept := ls[:0]
	for k := range ls {
		if len(problems[k]) > 0 {
			bad = append(bad, unreadableListing{listing: ls[k], problems: problems[k]})
			continue
		}
		kept = append(kept, ls[k])
	}
	return kept, bad, nil
}

// scanAll runs a query and reads every row into a T by column name.
func scanAll[T any](ctx context.Context, q querier, query string, args []any, fields map[string]func(*T) any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	columns, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	targets, err := namedScan(columns, fields)
	if err != nil {
		return nil, err
	}
	dst := make([]any, len(columns))
	var out []T
	for rows.Next() {
		var r T
		targets(&r, dst)
		if err := rows.Scan(dst...); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Listing returns the listing on the desk with the given id, or an error
// matching ErrNotFound, or ErrUnreadable (an *UnreadableError) when its
// rows cannot be read; as the desk sees it, an archived listing is not
// there (admin mode reads it with Load).
func (s *Store) Listing(ctx context.Context, id string) (directory.Listing, error) {
	tx, err := s.rdb.BeginTx(ctx, nil)
	if err != nil {
		return directory.Listing{}, fmt.Errorf("listing %q: %w", id, classify(err))
	}
	defer tx.Rollback()
	// A listing whose rows cannot be read gives an *UnreadableError that
	// names what is wrong.
	l, err := readListing(ctx, tx, id)
	if err == nil && l.Archived {
		return directory.Listing{}, fmt.Errorf("listing %q: %w", id, ErrNotFound)
	}
	return l, err
}

// Count returns the number of listings.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	if err := s.rdb.QueryRowContext(ctx, `SELECT count(*) FROM service`).Scan(&n); err != nil {
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

// batchValues is how many values one INSERT writes. Every statement has a
// fixed cost in database/sql and the driver (more under a cancelable
// context, which the driver watches statement by statement), so an import
// writes each table's rows many at a time: 32 service rows, more of the
// narrower tables; far below SQLite's limit of 32,766 parameters.
const batchValues = 32 * 26

// batchInserter inserts rows into one table, many per statement.
type batchInserter struct {
	tx        *sql.Tx
	table     string
	head, row string // "INSERT INTO t (cols) VALUES ", "(?, ?)"
	stmt      *sql.Stmt
	perBatch  int // rows per statement
	width     int // values per row
	pending   []any
	rows      int
}

// newBatchInserter prepares to insert rows of columns into table within
// tx; verb is "INSERT INTO" or another INSERT with its conflict clause.
func newBatchInserter(tx *sql.Tx, verb, table, columns string) *batchInserter {
	return &batchInserter{
		tx:       tx,
		table:    table,
		head:     verb + " " + table + " (" + columns + ") VALUES ",
		row:      "(?" + strings.Repeat(", ?", width(columns)-1) + ")",
		perBatch: max(1, batchValues/width(columns)),
		width:    width(columns),
	}
}

func (b *batchInserter) sql(rows int) string {
	return b.head + b.row + strings.Repeat(", "+b.row, rows-1)
}

// queue queues a row without writing it: the caller writes the queue with
// drain once the rows it refers to are written.
func (b *batchInserter) queue(args ...any) {
	b.pending = append(b.pending, args...)
	b.rows++
}

// full reports whether a whole statement's rows are queued.
func (b *batchInserter) full() bool { return b.rows >= b.perBatch }

// drain writes as many whole statements of rows as are queued, keeping
// the rest queued. The statement is prepared when first needed: a single
// edit never fills one.
func (b *batchInserter) drain(ctx context.Context) error {
	for b.rows >= b.perBatch {
		if b.stmt == nil {
			var err error
			if b.stmt, err = b.tx.PrepareContext(ctx, b.sql(b.perBatch)); err != nil {
				return err
			}
		}
		n := b.perBatch * b.width
		if _, err := b.stmt.ExecContext(ctx, b.pending[:n]...); err != nil {
			return err
		}
		b.pending = b.pending[:copy(b.pending, b.pending[n:])]
		b.rows -= b.perBatch
	}
	return nil
}

// flush writes what is queued.
func (b *batchInserter) flush(ctx context.Context) error {
	if err := b.drain(ctx); err != nil || b.rows == 0 {
		return err
	}
	_, err := b.tx.ExecContext(ctx, b.sql(b.rows), b.pending...)
	b.pending, b.rows = b.pending[:0], 0
	return err
}

func (b *batchInserter) close() {
	if b.stmt != nil {
		b.stmt.Close()
	}
}

// listingWriter writes listings and their audit events inside one
// transaction with prepared statements, each table's rows in batches,
// which an import of thousands of listings needs to be quick. Events are
// chained in the order of the changes they record.
type listingWriter struct {
	tx                                      *sql.Tx
	org, service, location, phone, schedule *batchInserter
	chain                                   *chainWriter
	remove                                  *sql.Stmt
	// Updating the service row's changed columns (by the set of them),
	// and clearing a listing's rows of a table, are prepared when an
	// update first needs them.
	updateService map[uint64]*sql.Stmt
	clear         map[string]*sql.Stmt
	orgs          map[string]bool // organizations queued
	replaced      bool            // whether a listing was replaced
	// damaged holds the listings stored() found with rows it could not
	// read: what was read of them is partial and never kept.
	damaged map[string]bool
}

func newListingWriter(ctx context.Context, tx *sql.Tx) (*listingWriter, error) {
	w := &listingWriter{tx: tx, orgs: map[string]bool{}}
	// A listing's rows go into B-trees keyed by UUIDs, each insert into a
	// random page of each: with SQLite's default 2 MiB cache a large
	// import spilled pages to the WAL and read them back, most of its
	// time. The writer connection keeps a cache of up to 64 MiB (pages
	// are allocated as used), and statement journals in memory.
	for _, p := range []string{`PRAGMA cache_size = -65536`, `PRAGMA temp_store = MEMORY`} {
		if _, err := tx.ExecContext(ctx, p); err != nil {
			return nil, err
		}
	}
	for _, t := range []struct {
		dst            **batchInserter
		verb, table, c string
	}{
		// An organization another listing already named is kept as it is.
		// OR FAIL: a failing row fails the statement without undoing the
		// rows before it, so SQLite keeps no statement journal; a failure
		// rolls the whole transaction back anyway.
		{&w.org, "INSERT OR IGNORE INTO", "organization", organizationColumns},
		{&w.service, "INSERT OR FAIL INTO", "service", serviceColumns},
		{&w.location, "INSERT OR FAIL INTO", "location", locationColumns},
		{&w.phone, "INSERT OR FAIL INTO", "phone", phoneColumns},
		{&w.schedule, "INSERT OR FAIL INTO", "schedule", scheduleColumns},
	} {
		*t.dst = newBatchInserter(tx, t.verb, t.table, t.c)
	}
	var err error
	if w.chain, err = openChain(ctx, tx); err != nil {
		return nil, err
	}
	// Removing the service removes its location, phones and schedule rows.
	if w.remove, err = tx.PrepareContext(ctx, `DELETE FROM service WHERE id = ?`); err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

// add queues a new listing's rows. They are written a statement of
// service rows at a time, each table after the tables it refers to: the
// foreign keys are checked at commit, but while a row waits for the row
// it refers to, SQLite looks for waiting rows at every insert into the
// table referred to, and in any order that was most of the time.
func (w *listingWriter) add(ctx context.Context, r listingRows) error {
	if r.org != nil {
		if id := r.org[0].(string); !w.orgs[id] {
			w.orgs[id] = true
			w.org.queue(r.org...)
		}
	}
	w.service.queue(r.service...)
	if r.location != nil {
		w.location.queue(r.location...)
	}
	for _, p := range r.phones {
		w.phone.queue(p...)
	}
	for _, s := range r.schedules {
		w.schedule.queue(s...)
	}
	if !w.service.full() {
		return nil
	}
	// The organizations the services name, the services, then as many
	// whole statements of the rows that refer to them as are queued.
	if err := w.org.flush(ctx); err != nil {
		return fmt.Errorf("insert organizations: %w", err)
	}
	for _, b := range []*batchInserter{w.service, w.location, w.phone, w.schedule} {
		if err := b.drain(ctx); err != nil {
			return fmt.Errorf("insert %s: %w", b.table, err)
		}
	}
	return nil
}

// update writes what changed of a stored listing whose rows were old: the
// service row in place, and the listing's rows of another table anew only
// when they changed. Removing the service and writing all of its rows
// again made an import of changed listings delete and insert four tables'
// rows, through the foreign keys' cascade, for a changed description.
func (w *listingWriter) update(ctx context.Context, old, r listingRows) error {
	if r.org != nil {
		if id := r.org[0].(string); !w.orgs[id] {
			w.orgs[id] = true
			w.org.queue(r.org...)
		}
	}
	if !slices.Equal(old.org, r.org) {
		w.replaced = true // the old organization may name no service now
	}
	id := r.service[0]
	if err := w.updateServiceRow(ctx, old.service, r.service); err != nil {
		return fmt.Errorf("update service: %w", err)
	}
	for _, t := range []struct {
		table    string
		old, new [][]any
		into     *batchInserter
	}{
		{"location", rowsOf(old.location), rowsOf(r.location), w.location},
		{"phone", old.phones, r.phones, w.phone},
		{"schedule", old.schedules, r.schedules, w.schedule},
	} {
		if slices.EqualFunc(t.old, t.new, slices.Equal) {
			continue
		}
		if len(t.old) > 0 {
			if err := w.clearRows(ctx, t.table, id); err != nil {
				return err
			}
		}
		for _, row := range t.new {
			t.into.queue(row...)
		}
	}
	for _, b := range []*batchInserter{w.location, w.phone, w.schedule} {
		if b.full() {
			if err := b.drain(ctx); err != nil {
				return fmt.Errorf("insert %s: %w", b.table, err)
			}
		}
	}
	return nil
}

// serviceColumnNames are serviceColumns one by one.
var serviceColumnNames = func() []string {
	cols := strings.Split(serviceColumns, ",")
	for i := range cols {
		cols[i] = strings.TrimSpace(cols[i])
	}
	return cols
}()

// updateServiceRow sets the columns of a service row that differ between
// its old and new values. Setting only those is what makes an import of
// changed listings quick: SQLite checks the constraints, updates the
// indexes and fires the triggers of the columns set, and an import
// usually changes a few (updated_at and content_hash always).
func (w *listingWriter) updateServiceRow(ctx context.Context, old, row []any) error {
	var set uint64 // bit i: column i changes; the id (0) never does
	args := make([]any, 0, len(row))
	for i := 1; i < len(row); i++ {
		if old[i] != row[i] {
			set |= 1 << i
			args = append(args, row[i])
		}
	}
	if set == 0 {
		return nil
	}
	stmt := w.updateService[set]
	if stmt == nil {
		var cols []string
		for i, c := range serviceColumnNames {
			if set&(1<<i) != 0 {
				cols = append(cols, c+" = ?")
			}
		}
		var err error
		if stmt, err = w.tx.PrepareContext(ctx, "UPDATE service SET "+strings.Join(cols, ", ")+" WHERE id = ?"); err != nil {
			return err
		}
		if w.updateService == nil {
			w.updateService = map[uint64]*sql.Stmt{}
		}
		w.updateService[set] = stmt
	}
	_, err := stmt.ExecContext(ctx, append(args, row[0])...)
	return err
}

// rowsOf is a single row as a list of rows: none when it is nil.
func rowsOf(row []any) [][]any {
	if row == nil {
		return nil
	}
	return [][]any{row}
}

// clearRows removes the rows of a table that belong to the service id.
func (w *listingWriter) clearRows(ctx context.Context, table string, id any) error {
	stmt := w.clear[table]
	if stmt == nil {
		var err error
		if stmt, err = w.tx.PrepareContext(ctx, "DELETE FROM "+table+" WHERE service_id = ?"); err != nil {
			return err
		}
		if w.clear == nil {
			w.clear = map[string]*sql.Stmt{}
		}
		w.clear[table] = stmt
	}
	if _, err := stmt.ExecContext(ctx, id); err != nil {
		return fmt.Errorf("remove %s rows: %w", table, err)
	}
	return nil
}

// replace writes a stored listing's rows anew. Its ids are derived from
// the listing's, so the new rows have the ids of the old.
func (w *listingWriter) replace(ctx context.Context, r listingRows) error {
	if _, err := w.remove.ExecContext(ctx, r.service[0]); err != nil {
		return fmt.Errorf("replace listing: %w", err)
	}
	w.replaced = true
	return w.add(ctx, r)
}

// flush writes every queued row, and removes organizations a replaced
// listing left with no service.
func (w *listingWriter) flush(ctx context.Context) error {
	for _, b := range []*batchInserter{w.org, w.service, w.location, w.phone, w.schedule} {
		if err := b.flush(ctx); err != nil {
			return fmt.Errorf("insert %s: %w", b.table, err)
		}
	}
	if err := w.chain.flush(ctx); err != nil {
		return err
	}
	if w.replaced {
		return dropUnusedOrganizations(ctx, w.tx)
	}
	return nil
}

// dropUnusedOrganizations removes organizations no listing names any more.
func dropUnusedOrganizations(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM organization
		WHERE NOT EXISTS (SELECT 1 FROM service WHERE organization_id = organization.id)`)
	if err != nil {
		return fmt.Errorf("remove unused organizations: %w", err)
	}
	return nil
}

func (w *listingWriter) close() {
	for _, b := range []*batchInserter{w.org, w.service, w.location, w.phone, w.schedule} {
		if b != nil {
			b.close()
		}
	}
	if w.chain != nil {
		w.chain.close()
	}
	if w.remove != nil {
		w.remove.Close()
	}
	for _, stmt := range w.updateService {
		stmt.Close()
	}
	for _, stmt := range w.clear {
		stmt.Close()
	}
}

// stored reads those of the listings that exist with other content than
// rows (exists holds the stored content hashes), in one query per table
// for the chunk rather than one per listing.
//
// A stored listing whose rows cannot be read is read too (unreadableAmong
// finds those with the hash of what arrives, which would not be read), since its
// hash may be that of rows it no longer has, and is written anew: when what
// could be read of it differs from what arrives, it is returned with its
// hash in exists cleared, so the caller replaces it as a changed listing;
// when it is the same, nothing would be written, so its rows are replaced
// here, recorded as an update with what could be read as "before".
func (w *listingWriter) stored(ctx context.Context, listings []directory.Listing, rows []listingRows, exists map[string]string) (map[string]*directory.Listing, error) {
	var ids, same []string
	byID := make(map[string]int, len(listings))
	for i := range listings {
		id := listings[i].ID
		if hash, ok := exists[id]; ok {
			byID[id] = i
			if hash == rows[i].hash {
				same = append(same, id)
			} else {
				ids = append(ids, id)
			}
		}
	}
	sus, err := unreadableAmong(ctx, w.tx, same)
	if err != nil {
		return nil, err
	}
	for _, id := range same {
		if sus[id] {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	read, bad, err := queryListings(ctx, w.tx, ids, true)
	if err != nil {
		return nil, fmt.Errorf("read listings: %w", err)
	}
	out := make(map[string]*directory.Listing, len(read)+len(bad))
	for i := range read {
		if id := read[i].ID; exists[id] != rows[byID[id]].hash {
			out[id] = &read[i]
		}
	}
	for _, b := range bad {
		id, i := b.listing.ID, byID[b.listing.ID]
		partial := b.listing
		old, err := encodeListing(&partial)
		if err != nil {
			return nil, err
		}
		if !sameRows(old, rows[i]) {
			exists[id] = ""
			out[id] = &partial
			if w.damaged == nil {
				w.damaged = map[string]bool{}
			}
			w.damaged[id] = true
			continue
		}
		if err := w.replace(ctx, rows[i]); err != nil {
			return nil, fmt.Errorf("listing %q: %w", id, err)
		}
		exists[id] = rows[i].hash
		if err := w.record(ctx, listings[i].UpdatedAt, audit{actor: "nowrongdoor", action: actionUpdate, listingID: id,
			note: "rows that could not be read written again", detail: map[string]any{"before": partial, "unreadable": b.problems}}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// record queues an audit event.
func (w *listingWriter) record(ctx context.Context, at time.Time, a audit) error {
	_, err := w.chain.append(ctx, a.event(at), a.detail)
	return err
}
