package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"nowrongdoor/directory"
)

// The audit trail is a chain of events: each event's hash covers its
// contents and the hash of the event before it, so an event changed,
// removed or slipped in after it was written breaks the chain at that
// point, which VerifyAudit finds. SQLite's triggers already refuse to
// change or remove audit rows; the chain shows it when someone gets round
// them (another program, the triggers dropped). It cannot show that the
// newest events were cut off the end: nothing after them names them.

// genesisHash is the prev_hash of the first event.
var genesisHash = strings.Repeat("0", 64)

// ErrTampered means an audit event no longer matches its hash: someone
// changed or removed it outside the store. Match it with errors.Is; the
// error is an *AuditError naming the first broken event.
var ErrTampered = errors.New("the audit trail has been altered")

// AuditError says which event of the audit trail is broken and how.
type AuditError struct {
	Seq     int64  // the first event that does not verify
	Problem string // what is wrong with it
}

// Error says which event is broken and how.
func (e *AuditError) Error() string {
	return fmt.Sprintf("audit event %d: %s", e.Seq, e.Problem)
}

// Unwrap makes errors.Is(err, ErrTampered) true.
func (e *AuditError) Unwrap() error { return ErrTampered }

// storedEvent is an audit event as its columns hold it: the text the hash
// is computed over.
type storedEvent struct {
	seq       int64
	at        string // RFC 3339 UTC, as stored
	actor     string
	action    string
	listingID sql.NullString // NULL for a change to the whole directory
	note      string
	detail    string // a JSON object
	changes   []directory.FieldChange

	prevHash, hash sql.NullString // the chain row; NULL when there is none
}

// eventHash returns the hex SHA-256 of an event and the hash before it,
// over a canonical encoding: the tag "nowrongdoor-audit-v1", then
// prev_hash, seq in decimal, at, actor, action, listing_id ("0" when NULL,
// else "1" followed by the id), note, detail, the number of changes in
// decimal and each change's field, old and new, every item written as its
// length in bytes in decimal, a colon and its bytes.
func eventHash(prev string, e *storedEvent) string {
	// The encoding is built in one buffer and hashed at once: an import
	// hashes an event per listing, and writing each item to the hash
	// apart was a tenth of its audit trail's cost.
	n := 64 + len(prev) + len(e.at) + len(e.actor) + len(e.action) + len(e.listingID.String) + len(e.note) + len(e.detail)
	for _, c := range e.changes {
		n += 24 + len(c.Field) + len(c.Old) + len(c.New)
	}
	b := make([]byte, 0, n)
	item := func(s string) {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(b, ':')
		b = append(b, s...)
	}
	item("nowrongdoor-audit-v1")
	item(prev)
	item(strconv.FormatInt(e.seq, 10))
	item(e.at)
	item(e.actor)
	item(e.action)
	if e.listingID.Valid {
		item("1")
		item(e.listingID.String)
	} else {
		item("0")
	}
	item(e.note)
	item(e.detail)
	item(strconv.Itoa(len(e.changes)))
	for _, c := range e.changes {
		item(c.Field)
		item(c.Old)
		item(c.New)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// event converts a stored event to the domain's.
func (e *storedEvent) event() (directory.Event, error) {
	at, err := time.Parse(time.RFC3339Nano, e.at)
	if err != nil {
		return directory.Event{}, fmt.Errorf("audit event %d: %w: time: %v", e.seq, ErrCorrupt, err)
	}
	note := e.note
	if note == "" {
		// Events written before notes were kept their source in detail.
		var d struct{ Source string }
		if json.Unmarshal([]byte(e.detail), &d) == nil {
			note = d.Source
		}
	}
	return directory.Event{Seq: e.seq, At: at, Actor: e.actor, Action: e.action,
		ListingID: e.listingID.String, Note: note, Changes: e.changes}, nil
}

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}

// eachEvent calls fn with each event the condition where selects (about
// the audit row a), in order of seq, newest first if desc, with its
// changes and its chain row.
func eachEvent(ctx context.Context, q querier, where string, desc bool, fn func(*storedEvent) error, args ...any) error {
	order := "a.id"
	if desc {
		order = "a.id DESC"
	}
	rows, err := q.QueryContext(ctx, `SELECT a.id, a.at, a.actor, a.action, a.listing_id, a.note, a.detail,
		c.prev_hash, c.hash, ch.field, ch.old, ch.new
		FROM audit a LEFT JOIN audit_chain c ON c.seq = a.id LEFT JOIN audit_change ch ON ch.event_id = a.id
		WHERE `+where+` ORDER BY `+order+`, ch.position`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var cur *storedEvent
	for rows.Next() {
		var e storedEvent
		var field, old, new sql.NullString
		if err := rows.Scan(&e.seq, &e.at, &e.actor, &e.action, &e.listingID, &e.note, &e.detail,
			&e.prevHash, &e.hash, &field, &old, &new); err != nil {
			return err
		}
		if cur == nil || cur.seq != e.seq {
			if cur != nil {
				if err := fn(cur); err != nil {
					return err
				}
			}
			cur = &e
		}
		if field.Valid {
			cur.changes = append(cur.changes, directory.FieldChange{Field: field.String, Old: old.String, New: new.String})
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if cur != nil {
		return fn(cur)
	}
	return nil
}

// chainBacklog hashes, in order, the events that have no chain row yet
// and appends their chain rows, and returns the chain's head: the last
// event's seq and hash. Events written before the chain existed are
// chained by it once, in the transaction of migration 0003; every event
// written since is chained as it is written, so later it finds nothing
// to do. It runs inside a write transaction.
func chainBacklog(ctx context.Context, tx *sql.Tx) (seq int64, head string, err error) {
	var last int64
	var headHash sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT
		coalesce((SELECT seq FROM audit_chain ORDER BY seq DESC LIMIT 1), 0),
		(SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1),
		coalesce((SELECT max(id) FROM audit), 0)`).Scan(&seq, &headHash, &last)
	if err != nil {
		return 0, "", fmt.Errorf("audit chain head: %w", err)
	}
	head = genesisHash
	if headHash.Valid {
		head = headHash.String
	}
	if last <= seq {
		return seq, head, nil
	}
	var backlog []*storedEvent
	err = eachEvent(ctx, tx, `a.id > ?`, false, func(e *storedEvent) error {
		backlog = append(backlog, e)
		return nil
	}, seq)
	if err != nil {
		return 0, "", fmt.Errorf("audit chain: %w", err)
	}
	for _, e := range backlog {
		h := eventHash(head, e)
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_chain (seq, prev_hash, hash) VALUES (?, ?, ?)`, e.seq, head, h); err != nil {
			return 0, "", fmt.Errorf("audit chain: event %d: %w", e.seq, err)
		}
		seq, head = e.seq, h
	}
	return seq, head, nil
}

// migrationSteps are work a migration needs done in Go, by migration
// number, in the migration's own transaction after its SQL: SQL cannot
// compute SHA-256 (3) or parse hours (4).
var migrationSteps = map[int]func(context.Context, *sql.Tx) error{
	3: func(ctx context.Context, tx *sql.Tx) error {
		_, _, err := chainBacklog(ctx, tx)
		return err
	},
	4: moveListingsToHSDS,
}

// chainWriter appends events to the audit trail inside one write
// transaction. It reads the chain's head once, in that transaction, so two
// processes can never extend the chain from the same event: the second
// waits for the write lock and then reads the first one's events. Rows are
// written in batches, which an import of thousands of listings needs.
type chainWriter struct {
	seq  int64  // the last event's
	head string // the last event's hash
	// The last event's time as given and as stored: the events of an
	// import share it, which need not be formatted again for each.
	at      time.Time
	atText  string
	events  *batchInserter
	changes *batchInserter
	links   *batchInserter
}

func openChain(ctx context.Context, tx *sql.Tx) (*chainWriter, error) {
	seq, head, err := chainBacklog(ctx, tx)
	if err != nil {
		return nil, err
	}
	return &chainWriter{seq: seq, head: head,
		events:  newBatchInserter(tx, "INSERT INTO", "audit", "id, at, actor, action, listing_id, note, detail"),
		changes: newBatchInserter(tx, "INSERT INTO", "audit_change", "event_id, position, field, old, new"),
		links:   newBatchInserter(tx, "INSERT INTO", "audit_chain", "seq, prev_hash, hash"),
	}, nil
}

// append queues an event and returns its seq. detail, a value encoded as a
// JSON object, is kept with the event for what fields do not say (an
// import's counts, the whole listing before an update); nil is {}.
func (w *chainWriter) append(ctx context.Context, e directory.Event, detail any) (int64, error) {
	if e.At.IsZero() || e.Actor == "" || e.Action == "" {
		return 0, fmt.Errorf("audit: an event needs a time, an actor and an action (got %q by %q)", e.Action, e.Actor)
	}
	d, err := encodeDetail(detail)
	if err != nil {
		return 0, fmt.Errorf("audit: %w", err)
	}
	if !e.At.Equal(w.at) || w.atText == "" {
		w.at, w.atText = e.At, formatTime(e.At)
	}
	se := storedEvent{seq: w.seq + 1, at: w.atText, actor: e.Actor, action: e.Action,
		listingID: sql.NullString{String: e.ListingID, Valid: e.ListingID != ""},
		note:      e.Note, detail: d, changes: e.Changes}
	h := eventHash(w.head, &se)
	var listingID any // NULL
	if se.listingID.Valid {
		listingID = se.listingID.String
	}
	// An event's changes and chain row are written after it, as the
	// listings' rows are (see listingWriter.add).
	w.events.queue(se.seq, se.at, se.actor, se.action, listingID, se.note, se.detail)
	for i, c := range se.changes {
		w.changes.queue(se.seq, i, c.Field, c.Old, c.New)
	}
	w.links.queue(se.seq, w.head, h)
	if w.events.full() {
		for _, b := range []*batchInserter{w.events, w.changes, w.links} {
			if err := b.drain(ctx); err != nil {
				return 0, fmt.Errorf("audit: %w", err)
			}
		}
	}
	w.seq, w.head = se.seq, h
	return se.seq, nil
}

// encodeDetail encodes an event's detail as a JSON object; nil is {}, and
// an encodedDetail is stored as it is.
func encodeDetail(detail any) (string, error) {
	switch d := detail.(type) {
	case nil:
		return "{}", nil
	case encodedDetail:
		return string(d), nil
	}
	b, err := json.Marshal(detail)
	return string(b), err
}

// encodedDetail is a detail already encoded by json.Marshal. An import
// encodes what its adds share once, and its updates' details while it
// writes others.
type encodedDetail string

// flush writes every queued row.
func (w *chainWriter) flush(ctx context.Context) error {
	for _, b := range []*batchInserter{w.events, w.changes, w.links} {
		if err := b.flush(ctx); err != nil {
			return fmt.Errorf("audit: %w", err)
		}
	}
	return nil
}

func (w *chainWriter) close() {
	for _, b := range []*batchInserter{w.events, w.changes, w.links} {
		b.close()
	}
}

// appendEvent records one event, chained to the last, inside the write
// transaction that makes the change; every writer records its events
// through it or a chainWriter. It returns the event's seq.
func appendEvent(ctx context.Context, tx *sql.Tx, e directory.Event, detail any) (int64, error) {
	w, err := openChain(ctx, tx)
	if err != nil {
		return 0, err
	}
	defer w.close()
	seq, err := w.append(ctx, e, detail)
	if err != nil {
		return 0, err
	}
	return seq, w.flush(ctx)
}

// audit is a change about to be recorded, as the writers before the
// editor describe it.
type audit struct {
	actor, action, listingID string
	note                     string
	changes                  []directory.FieldChange
	detail                   any
}

// event returns the audit's event at time at.
func (a audit) event(at time.Time) directory.Event {
	return directory.Event{At: at, Actor: a.actor, Action: a.action, ListingID: a.listingID, Note: a.note, Changes: a.changes}
}

// insertAudit records one change inside the transaction that makes it.
func insertAudit(ctx context.Context, tx *sql.Tx, at time.Time, a audit) error {
	_, err := appendEvent(ctx, tx, a.event(at), a.detail)
	return err
}

// History returns the events about one listing, newest first, with the
// fields each changed; with an empty id, the events about the whole
// directory (seeds, the summaries of imports and refreshes, the admin
// password set).
//
// A listing that came with the database's first fill has no event of its
// own for it: the seed is one event for the whole directory. Its history
// ends with that event, so it says where the listing came from and since
// when.
func (s *Store) History(ctx context.Context, id string) ([]directory.Event, error) {
	var out []directory.Event
	added := false // an event of the listing's own says how it came
	err := eachEvent(ctx, s.rdb, `a.listing_id IS ?`, true, func(se *storedEvent) error {
		e, err := se.event()
		out = append(out, e)
		if se.action == actionAdd || se.action == actionRefresh && !strings.Contains(se.detail, `"before"`) {
			added = true
		}
		return err
	}, sql.NullString{String: id, Valid: id != ""})
	if err == nil && id != "" && !added {
		err = eachEvent(ctx, s.rdb, `a.listing_id IS NULL AND a.action = ?`, false, func(se *storedEvent) error {
			if !added {
				e, err := se.event()
				e.ListingID = id
				out = append(out, e)
				added = true
				return err
			}
			return nil
		}, actionSeed)
	}
	if err != nil {
		return nil, fmt.Errorf("history %q: %w", id, classify(err))
	}
	return out, nil
}

// VerifyAudit walks the whole audit trail in order and checks that every
// event is chained to the one before it and still matches its hash. It
// returns nil, or an *AuditError matching ErrTampered that names the first
// broken event and what is wrong with it.
func (s *Store) VerifyAudit(ctx context.Context) error {
	prev, prevSeq := genesisHash, int64(0)
	var broken *AuditError
	err := eachEvent(ctx, s.rdb, `1`, false, func(e *storedEvent) error {
		switch {
		case !e.hash.Valid:
			broken = &AuditError{e.seq, "it is not in the chain (written around the store)"}
		case e.prevHash.String != prev && prevSeq == 0:
			broken = &AuditError{e.seq, "it is the first event left, but the chain does not start with it: events before it were removed"}
		case e.prevHash.String != prev:
			broken = &AuditError{e.seq, fmt.Sprintf("its link to event %d is broken: that event was rewritten, or one between them removed or slipped in", prevSeq)}
		case eventHash(prev, e) != e.hash.String:
			broken = &AuditError{e.seq, "its contents or its changes were altered after it was written"}
		default:
			prev, prevSeq = e.hash.String, e.seq
			return nil
		}
		return errStop
	})
	if broken != nil {
		return fmt.Errorf("verify audit: %w", broken)
	}
	if err != nil {
		return fmt.Errorf("verify audit: %w", classify(err))
	}
	// A chain row whose event is gone, after the last event left.
	var orphans int64
	if err := s.rdb.QueryRowContext(ctx, `SELECT coalesce(min(seq), 0) FROM audit_chain WHERE seq > ?`, prevSeq).Scan(&orphans); err != nil {
		return fmt.Errorf("verify audit: %w", classify(err))
	}
	if orphans != 0 {
		return fmt.Errorf("verify audit: %w", &AuditError{orphans, "the event was removed; its chain row is left"})
	}
	return nil
}

// errStop ends a walk early.
var errStop = errors.New("stop")

// ChangeCount returns a number that grows with every committed change to
// the database: the seq of the newest audit event. Every write that
// changes what the window shows (an edit, an import, the seed, a default
// refresh, the admin password set) records an event in its own
// transaction, so the count changes exactly when they commit, from any
// process. It is one lookup of the audit table's largest key, cheap to
// poll every few seconds. PRAGMA data_version was the other choice, but it
// is per connection (a pool hands out several) and also counts writes that
// change nothing a window shows, such as a wrong password's delay.
func (s *Store) ChangeCount(ctx context.Context) (int64, error) {
	var n int64
	if err := s.rdb.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM audit`).Scan(&n); err != nil {
		return 0, fmt.Errorf("change count: %w", classify(err))
	}
	return n, nil
}
