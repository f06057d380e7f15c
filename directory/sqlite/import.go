package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/hours"
	"nowrongdoor/directory/hsds"
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
	// KeepLocal keeps what only this desk records (staff notes, the last
	// verification, phones' staff notes) where the file leaves it empty:
	// set it for a partner's or 211's file, which knows none of it and
	// must not wipe it. Without it, the file is the whole listing, as an
	// admin's own file is, and an empty note removes the note.
	KeepLocal bool
	// Validated says the caller normalized and validated every listing
	// by directory's rules just before, as exchange.Read does (and reports
	// each problem by record and field). The store then does not do both
	// a second time: it checks only what its rows rely on, that each
	// listing has an id, given once, and a name. Should a listing fail
	// that, the import fails with every problem the full rules find.
	Validated bool
	// Changed, when set, is told of each listing the import adds or
	// updates, in file order, so a report can name them: a count alone
	// does not let an admin check a dry run before the real one.
	Changed func(ImportChange)
}

// ImportChange is one listing an import adds or updates. Fields are the
// changes of an update, in the words of directory.Diff; an addition has
// none.
type ImportChange struct {
	ID, Name string
	Added    bool
	Fields   []directory.FieldChange
}

// ImportReport counts what an import did (or, in a dry run, would do).
type ImportReport struct {
	Added, Updated, Unchanged int
}

// The audit actions the store's own writers record; the domain names
// them, so the window words what the store writes.
const (
	actionSeed   = directory.ActionSeed
	actionImport = directory.ActionImport
	actionAdd    = directory.ActionAdd
	actionUpdate = directory.ActionUpdate
	// actionRefresh is a change the default directory made to its own
	// listings (see SyncDefault): one row for each listing it added or
	// updated, and a summary. No person's change is recorded with it.
	actionRefresh = directory.ActionRefresh
)

// proposeHours gives a listing that arrives with hours text and no
// schedules the schedules the hours reader proposes, for an admin to
// confirm. Schedules it has are never replaced, so what an admin entered
// or confirmed stays. It comes before Normalize, which marks them
// Unconfirmed when the staff notes doubt the hours.
func proposeHours(l *directory.Listing) {
	if len(l.Schedules) == 0 {
		l.Schedules = hours.Propose(l.Hours)
	}
}

// prepare copies, normalizes, checks and encodes listings before they are
// seeded, so nothing invalid reaches the database whoever the caller is.
func prepare(op string, listings []directory.Listing, now time.Time) ([]directory.Listing, []listingRows, error) {
	c := prepareChunk(listings, nil, now, false)
	if c.err != nil {
		return nil, nil, fmt.Errorf("%s: %w", op, c.err)
	}
	if !c.valid {
		return nil, nil, fmt.Errorf("%s: %w", op, directory.ValidateListings(c.listings, now))
	}
	return c.listings, c.rows, nil
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
	_, rows, err := prepare("seed", listings, now)
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
	if err := seed(ctx, tx, rows, now); err != nil {
		return false, fmt.Errorf("seed: %w", classify(err))
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("seed: %w", classify(err))
	}
	return true, nil
}

// isPristine reports whether the database has never held data: no
// listings, no audit rows and no record of a first write.
func isPristine(ctx context.Context, q rowQuerier) (bool, error) {
	var used bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM service)
		OR EXISTS (SELECT 1 FROM audit)
		OR EXISTS (SELECT 1 FROM meta WHERE key = 'initialized_at')`).Scan(&used)
	return !used, err
}

func seed(ctx context.Context, tx *sql.Tx, rows []listingRows, now time.Time) error {
	w, err := newListingWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	for i := range rows {
		if err := w.add(ctx, rows[i]); err != nil {
			return err
		}
	}
	if err := w.flush(ctx); err != nil {
		return err
	}
	if err := insertAudit(ctx, tx, now, audit{actor: "nowrongdoor", action: actionSeed, note: "default directory",
		detail: map[string]any{"source": "default directory", "listings": len(rows)}}); err != nil {
		return err
	}
	return markInitialized(ctx, tx, now)
}

// Import adds and updates listings by id, all or nothing, with an audit row
// for each change. Listings in the database but not in listings are kept:
// a partial file never deletes anything. The listings are normalized and
// validated; an invalid one fails the import, writing nothing, with an
// error matching directory.ErrInvalidFile.
func (s *Store) Import(ctx context.Context, listings []directory.Listing, opts ImportOptions) (ImportReport, error) {
	return s.inImport(ctx, opts, func(tx *sql.Tx, opts ImportOptions, now time.Time) (ImportReport, error) {
		rep, err := importListings(ctx, tx, listings, opts, now)
		if err != nil {
			return rep, fmt.Errorf("import: %w", classify(err))
		}
		return rep, nil
	})
}

// ImportStream is Import for a file read while it is written, so that a
// statewide file is never held whole: read hands listings on to emit a
// batch at a time (exchange.Stream does), and each batch is prepared and
// written in the transaction while read goes on. emit fails, and read
// should return, once the import has failed or ctx is done. When read
// returns an error, nothing is imported and that error is returned as it
// is, as are the problems of listings that fail the store's checks. Each
// listing is named by its place in the file (Batch.At) in Changed and in
// problems.
func (s *Store) ImportStream(ctx context.Context, read func(emit func(directory.Batch) error) error, opts ImportOptions) (ImportReport, error) {
	return s.inImport(ctx, opts, func(tx *sql.Tx, opts ImportOptions, now time.Time) (ImportReport, error) {
		rep, err := importStream(ctx, tx, read, opts, now)
		var ve *directory.ValidationError
		if err != nil && !errors.As(err, &ve) && !errors.Is(err, context.Canceled) {
			return rep, fmt.Errorf("import: %w", classify(err))
		}
		return rep, err
	})
}

// inImport runs write in an import's transaction and commits it, but for
// a dry run.
func (s *Store) inImport(ctx context.Context, opts ImportOptions, write func(*sql.Tx, ImportOptions, time.Time) (ImportReport, error)) (ImportReport, error) {
	now := s.now()
	if opts.Actor == "" {
		opts.Actor = "unknown"
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return ImportReport{}, fmt.Errorf("import: %w", classify(err))
	}
	defer tx.Rollback()
	rep, err := write(tx, opts, now)
	if err != nil {
		return ImportReport{}, err
	}
	if opts.DryRun {
		return rep, nil // the deferred Rollback discards it all
	}
	if err := tx.Commit(); err != nil {
		return ImportReport{}, fmt.Errorf("import: %w", classify(err))
	}
	return rep, nil
}

// sortWindow is how many listings importStream gathers to write in the
// order of their service ids. A file in that order (an HSDS export is)
// appends to every table's B-tree; in another order, each window's rows
// still go into the pages in turn rather than at random.
const sortWindow = 8192

// importStream runs read in one goroutine and prepares what it hands on
// in another, a window at a time, while this one writes.
func importStream(ctx context.Context, tx *sql.Tx, read func(emit func(directory.Batch) error) error, opts ImportOptions, now time.Time) (ImportReport, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan directory.Batch, 2)
	// A whole window's chunks fit, so that the next window is read and
	// prepared while this one is written.
	chunks := make(chan chunk, sortWindow/chunkSize+1)
	var readErr error
	var wg sync.WaitGroup
	defer wg.Wait() // nothing touches the transaction once this returns
	defer cancel()  // runs first: stops the reading when writing failed
	wg.Go(func() {
		defer close(batches)
		readErr = read(func(b directory.Batch) error {
			select {
			case batches <- b:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	})
	wg.Go(func() {
		defer close(chunks)
		var window directory.Batch
		// send prepares the window's listings in the order of their
		// service ids, as importListings does, and hands them on.
		send := func() bool {
			order := writeOrder(window.Listings)
			for lo := 0; lo < len(order); lo += chunkSize {
				c := prepareChunk(window.Listings, order[lo:min(lo+chunkSize, len(order))], now, opts.Validated)
				for i, k := range c.at {
					c.at[i] = window.At[k]
				}
				select {
				case chunks <- c:
				case <-ctx.Done():
					return false
				}
			}
			window = directory.Batch{}
			return true
		}
		for b := range batches {
			window.Listings = append(window.Listings, b.Listings...)
			window.At = append(window.At, b.At...)
			if len(window.Listings) >= sortWindow && !send() {
				for range batches { // let read see the cancel and end
				}
				return
			}
		}
		if len(window.Listings) > 0 {
			send()
		}
	})
	rep, changes, problems, err := writeChunks(ctx, tx, chunks, opts, now)
	if err != nil {
		return ImportReport{}, err
	}
	wg.Wait() // chunks was closed: read has returned
	if readErr != nil {
		return ImportReport{}, readErr
	}
	if len(problems) > 0 {
		slices.SortStableFunc(problems, func(a, b directory.Problem) int { return a.Index - b.Index })
		return ImportReport{}, &directory.ValidationError{Problems: problems}
	}
	tell(opts, changes)
	return rep, finishImport(ctx, tx, rep, opts, now)
}

// importListings writes an import inside tx. The listings are normalized,
// checked and encoded in a goroutine while this one writes those already
// prepared: the two halves of the work take similar time, so on two or
// more processors an import takes little more than its writing.
//
// Listings are written in the order of their service ids, not the file's:
// the tables of a listing's rows are keyed by that UUID, so in file order
// each row went into a random page of each B-tree, and in this order rows
// are appended (a third less of SQLite's work for 100,000). Their events
// are chained in the order they are written; Changed is still told of
// them in file order, and problems name records by their place in the
// file.
func importListings(ctx context.Context, tx *sql.Tx, listings []directory.Listing, opts ImportOptions, now time.Time) (ImportReport, error) {
	chunks, stop := prepareAsync(listings, writeOrder(listings), now, opts.Validated)
	defer stop()
	rep, changes, problems, err := writeChunks(ctx, tx, chunks, opts, now)
	if err != nil {
		return rep, err
	}
	if len(problems) > 0 {
		// The listings are checked again to be reported in file order,
		// each duplicate naming the first of its id in the file.
		if err := directory.ValidateListings(normalizedCopy(listings, now), now); err != nil {
			return ImportReport{}, err
		}
		return ImportReport{}, errors.New("listings failed a check that passes on its own") // a bug
	}
	tell(opts, changes)
	return rep, finishImport(ctx, tx, rep, opts, now)
}

// writeChunks writes the prepared listings of an import, counting them,
// and returns the changes in file order when opts.Changed is set, for
// tell once the import is known to stand. Once a listing is
// invalid nothing more is written, the transaction will roll back, but
// every chunk is still checked so that all the problems are reported at
// once; they are returned with no error.
func writeChunks(ctx context.Context, tx *sql.Tx, chunks <-chan chunk, opts ImportOptions, now time.Time) (ImportReport, []ImportChange, []directory.Problem, error) {
	var rep ImportReport
	w, err := newListingWriter(ctx, tx)
	if err != nil {
		return rep, nil, nil, err
	}
	defer w.close()
	exists, err := existingIDs(ctx, tx)
	if err != nil {
		return rep, nil, nil, err
	}
	who, err := newChange(opts.Actor, opts.Source, actionAdd, actionUpdate)
	if err != nil {
		return rep, nil, nil, err
	}
	who.keepLocal = opts.KeepLocal
	var changes []indexedChange // for Changed, put back in file order at the end
	at := 0                     // the file position of the listing being written
	if opts.Changed != nil {
		who.changed = func(ch ImportChange) { changes = append(changes, indexedChange{at, ch}) }
	}
	planner := newPlanner(who, func(plans []listingPlan) error {
		for i := range plans {
			at = plans[i].at
			if err := plans[i].write(ctx, w, who, now, &rep); err != nil {
				return err
			}
		}
		return nil
	})
	defer planner.stop()
	var problems []directory.Problem
	seen := map[string]int{} // id: the place in the file of the first with it
	for c := range chunks {
		if c.err != nil {
			return rep, nil, nil, c.err
		}
		if !c.valid {
			problems = append(problems, chunkProblems(c, opts.Validated, now)...)
		}
		for i := range c.listings {
			l := &c.listings[i]
			if l.ID == "" {
				continue // named by chunkProblems
			}
			// Listings come in the order of their service ids within a
			// window, so of two with one id the later in the file may come
			// first: the problem is the later one's, naming the earlier.
			if first, ok := seen[l.ID]; ok {
				earlier, later := min(first, c.at[i]), max(first, c.at[i])
				problems = append(problems, directory.Problem{Index: later, ID: l.ID, Field: "id",
					Message: fmt.Sprintf("id is also used by record %d; give each listing its own id", earlier+1)})
				seen[l.ID] = earlier
				continue
			}
			seen[l.ID] = c.at[i]
		}
		if len(problems) > 0 {
			continue
		}
		stored, err := w.stored(ctx, c.listings, c.rows, exists)
		if err != nil {
			return rep, nil, nil, err
		}
		var plans []listingPlan
		for i := range c.listings {
			l := &c.listings[i]
			if hash, ok := exists[l.ID]; ok && hash == c.rows[i].hash {
				rep.Unchanged++
				continue
			}
			plans = append(plans, listingPlan{l: l, at: c.at[i], rows: c.rows[i], stored: stored[l.ID], whole: !w.damaged[l.ID]})
		}
		if err := planner.give(plans); err != nil {
			return rep, nil, nil, err
		}
	}
	if err := planner.finish(); err != nil {
		return rep, nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return rep, nil, nil, err // chunks may have ended early
	}
	if len(problems) > 0 {
		return ImportReport{}, nil, problems, nil
	}
	if err := w.flush(ctx); err != nil {
		return rep, nil, nil, err
	}
	slices.SortFunc(changes, func(a, b indexedChange) int { return a.at - b.at })
	inOrder := make([]ImportChange, len(changes))
	for i, ch := range changes {
		inOrder[i] = ch.ImportChange
	}
	return rep, inOrder, nil, nil
}

// tell tells opts.Changed of each change.
func tell(opts ImportOptions, changes []ImportChange) {
	if opts.Changed == nil {
		return
	}
	for _, ch := range changes {
		opts.Changed(ch)
	}
}

// chunkProblems returns the problems of an invalid chunk, each naming its
// record by its place in the file.
func chunkProblems(c chunk, validated bool, now time.Time) []directory.Problem {
	var out []directory.Problem
	for i := range c.listings {
		l := &c.listings[i]
		var ps []directory.Problem
		switch {
		case !validated:
			ps = l.Validate(now)
		case l.ID == "":
			ps = []directory.Problem{{Field: "id", Message: "id is empty; give the listing an id"}}
		case l.Name == "":
			ps = []directory.Problem{{Field: "name", Message: "name is empty; give the listing a name"}}
		}
		for _, p := range ps {
			p.Index, p.ID = c.at[i], l.ID
			out = append(out, p)
		}
	}
	return out
}

// finishImport records the import as a whole, when it changed anything.
func finishImport(ctx context.Context, tx *sql.Tx, rep ImportReport, opts ImportOptions, now time.Time) error {
	if rep.Added+rep.Updated == 0 {
		return nil
	}
	if err := insertAudit(ctx, tx, now, audit{actor: opts.Actor, action: actionImport, note: opts.Source, detail: map[string]any{
		"source": opts.Source, "added": rep.Added, "updated": rep.Updated, "unchanged": rep.Unchanged,
	}}); err != nil {
		return err
	}
	return markInitialized(ctx, tx, now)
}

// indexedChange is a change with the file position of its listing.
type indexedChange struct {
	at int
	ImportChange
}

// writeOrder returns the positions of listings in the order of their
// service ids. The ids are derived from the listings' ids as they come:
// one with spaces around it, which normalizing trims, is only written out
// of place.
func writeOrder(listings []directory.Listing) []int {
	keys := make([]string, len(listings))
	for i := range listings {
		keys[i] = hsds.ServiceID(listings[i].ID)
	}
	order := make([]int, len(listings))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
	return order
}

// change says who is changing listings and how its audit rows read.
type change struct {
	actor, source string
	add, update   string             // the audit actions
	added         encodedDetail      // every add's detail, encoded once
	changed       func(ImportChange) // nil, or told of each change
	keepLocal     bool               // see ImportOptions.KeepLocal
}

func newChange(actor, source, add, update string) (change, error) {
	added, err := json.Marshal(map[string]any{"source": source})
	if err != nil {
		return change{}, err
	}
	return change{actor: actor, source: source, add: add, update: update, added: encodedDetail(added)}, nil
}

// writeListing adds or updates one listing and counts it in rep. stored is
// the listing as the database holds it, or nil for a new listing.
func writeListing(ctx context.Context, w *listingWriter, l *directory.Listing, rows listingRows, stored *directory.Listing, c change, now time.Time, rep *ImportReport) error {
	p := listingPlan{l: l, rows: rows, stored: stored, whole: !w.damaged[l.ID]}
	p.work(c)
	return p.write(ctx, w, c, now, rep)
}

// listingPlan is how one listing is written: added, left as it is, or
// updated with its changes worded and its stored version kept in the
// audit trail. work does what takes no statement, so that an import does
// it in a goroutine while another chunk is written.
type listingPlan struct {
	l      *directory.Listing
	at     int // its place in the file
	rows   listingRows
	stored *directory.Listing // nil for a new listing
	whole  bool               // stored was read whole (see listingWriter.stored)

	// Set by work for an update.
	err     error
	same    bool        // writing would change nothing
	old     listingRows // stored's rows
	changes []directory.FieldChange
	before  encodedDetail // the audit detail: the source and the stored version
}

// work works out an update: what of the stored version stays, whether
// anything changes, and what.
func (p *listingPlan) work(c change) {
	if p.stored == nil {
		return
	}
	l, stored := p.l, p.stored
	// Whether a listing is on the desk is the admins' choice, not the
	// file's: an archived listing stays archived. What only this desk
	// knows stays too when the file does not say it.
	if keepLocal(l, stored, c.keepLocal, p.whole) {
		if p.rows, p.err = encodeListing(l); p.err != nil {
			return
		}
	}
	if p.old, p.err = encodeRows(stored); p.err != nil {
		return
	}
	if p.same = sameRows(p.old, p.rows); p.same {
		return
	}
	p.changes = directory.Diff(*stored, *l)
	// The whole previous version stays in detail, exactly as it was; the
	// changes say what changed in words.
	b, err := json.Marshal(updateDetail{Before: stored, Source: c.source})
	p.before, p.err = encodedDetail(b), err
}

// updateDetail is an update's audit detail. Its fields are in the order
// of a map's sorted keys, as the detail was first written.
type updateDetail struct {
	Before *directory.Listing `json:"before"`
	Source string             `json:"source"`
}

// write writes the listing as planned and counts it in rep.
func (p *listingPlan) write(ctx context.Context, w *listingWriter, c change, now time.Time, rep *ImportReport) error {
	l := p.l
	if p.err != nil {
		return p.err
	}
	if p.stored == nil {
		if err := w.add(ctx, p.rows); err != nil {
			return err
		}
		if err := w.record(ctx, now, audit{actor: c.actor, action: c.add, listingID: l.ID, note: c.source, detail: c.added}); err != nil {
			return err
		}
		rep.Added++
		if c.changed != nil {
			c.changed(ImportChange{ID: l.ID, Name: l.Name, Added: true})
		}
		return nil
	}
	if p.same {
		rep.Unchanged++
		return nil
	}
	// Of a listing whose rows could not all be read, the rows are not
	// known: they are all written anew.
	write := w.update
	if !p.whole {
		write = func(ctx context.Context, _, rows listingRows) error { return w.replace(ctx, rows) }
	}
	if err := write(ctx, p.old, p.rows); err != nil {
		return fmt.Errorf("listing %q: %w", l.ID, err)
	}
	if err := w.record(ctx, now, audit{actor: c.actor, action: c.update, listingID: l.ID, note: c.source,
		changes: p.changes, detail: p.before}); err != nil {
		return err
	}
	rep.Updated++
	if c.changed != nil {
		c.changed(ImportChange{ID: l.ID, Name: l.Name, Fields: p.changes})
	}
	return nil
}

// planner works out the plans of chunks (listingPlan.work) in a goroutine
// while the chunk before is written, and hands each to write in turn: an
// update's own work (encoding the stored version and the audit detail,
// wording the changes) took a third of an import of changed listings on
// the writer's goroutine. Reading the next chunk's stored listings before
// this one's are written reads the same rows: an import writes each
// listing once, and an organization's row is never changed.
type planner struct {
	jobs     chan []listingPlan
	done     chan []listingPlan
	write    func([]listingPlan) error
	inFlight int
	wg       sync.WaitGroup
}

// plannerDepth is how many chunks are given and not yet written: one
// written while the next is worked out.
const plannerDepth = 2

func newPlanner(c change, write func([]listingPlan) error) *planner {
	p := &planner{jobs: make(chan []listingPlan, plannerDepth), done: make(chan []listingPlan, plannerDepth), write: write}
	p.wg.Go(func() {
		defer close(p.done)
		for job := range p.jobs {
			for i := range job {
				job[i].work(c)
			}
			p.done <- job // never blocks: at most plannerDepth are given
		}
	})
	return p
}

// give hands a chunk on, and writes the oldest when plannerDepth are given.
func (p *planner) give(job []listingPlan) error {
	p.jobs <- job
	p.inFlight++
	if p.inFlight < plannerDepth {
		return nil
	}
	p.inFlight--
	return p.write(<-p.done)
}

// finish writes the chunks still given.
func (p *planner) finish() error {
	for ; p.inFlight > 0; p.inFlight-- {
		if err := p.write(<-p.done); err != nil {
			return err
		}
	}
	return nil
}

// stop ends the goroutine and waits for it; the chunks still given are
// dropped.
func (p *planner) stop() {
	close(p.jobs)
	p.wg.Wait()
}

// keepLocal keeps in l, a listing an import brings, the desk's choice to
// archive it, its weekly hours when the file only has them as the same
// published text, and, with notes set (ImportOptions.KeepLocal), what the
// stored version records and the file leaves out: the staff notes, the
// last verification, and the staff note of a phone the file has at the
// same place with the same number. whole says the stored version was read
// whole: of a listing whose rows could not all be read, the schedules read
// are not the admin's. It reports whether l changed.
func keepLocal(l, stored *directory.Listing, notes, whole bool) bool {
	changed := false
	if stored.Archived && !l.Archived {
		l.Archived, changed = true, true
	}
	// Weekly hours the reader only proposed from the same published text
	// say nothing new: the desk's, which an admin may have confirmed or
	// corrected, stay. A file in the directory's own JSON carries the text
	// and not the schedules.
	if whole && l.Hours == stored.Hours && allProposed(l.Schedules) && !slices.EqualFunc(l.Schedules, stored.Schedules, sameSchedule) {
		l.Schedules, changed = slices.Clone(stored.Schedules), true
	}
	if !notes {
		return changed
	}
	if l.StaffNotes == "" && stored.StaffNotes != "" {
		l.StaffNotes, changed = stored.StaffNotes, true
	}
	if l.VerifiedOn.IsZero() && !stored.VerifiedOn.IsZero() {
		l.VerifiedOn, l.VerifiedBy, changed = stored.VerifiedOn, stored.VerifiedBy, true
	}
	for i := range min(len(l.Phones), len(stored.Phones)) {
		if p, old := &l.Phones[i], stored.Phones[i]; p.Note == "" && old.Note != "" && p.Number == old.Number {
			p.Note, changed = old.Note, true
		}
	}
	if changed {
		// Notes that doubt the hours mark the schedules, as on any write.
		l.Normalize()
	}
	return changed
}

func sameSchedule(a, b directory.Schedule) bool { return reflect.DeepEqual(a, b) }

// chunk is a run of listings prepared for writing.
type chunk struct {
	at       []int               // the listings' positions in the file
	listings []directory.Listing // normalized, stamped with the import time
	rows     []listingRows       // their rows
	valid    bool                // whether every listing passed its checks
	err      error
}

// chunkSize is how many listings prepareAsync hands over at a time: enough
// to make the hand-over cheap, few enough that writing starts at once.
const chunkSize = 256

// prepareAsync prepares listings in a goroutine, in the order of the
// positions in order, chunk by chunk. stop ends the goroutine early and
// waits for it.
func prepareAsync(listings []directory.Listing, order []int, now time.Time, validated bool) (<-chan chunk, func()) {
	out := make(chan chunk, 4)
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(out)
		for lo := 0; lo < len(order); lo += chunkSize {
			c := prepareChunk(listings, order[lo:min(lo+chunkSize, len(order))], now, validated)
			select {
			case out <- c:
			case <-done:
				return
			}
		}
	})
	return out, func() { close(done); wg.Wait() }
}

// prepareChunk copies, normalizes, checks and encodes the listings at the
// positions at (all of them when at is nil), in that order. A listing
// that arrives with hours text and no schedules gets those the hours
// reader proposes. Listings the caller has validated (see
// ImportOptions.Validated) are normalized already and only checked for
// what the rows rely on.
func prepareChunk(listings []directory.Listing, at []int, now time.Time, validated bool) chunk {
	if at == nil {
		at = make([]int, len(listings))
		for i := range at {
			at[i] = i
		}
	}
	c := chunk{at: at, listings: make([]directory.Listing, len(at)), rows: make([]listingRows, len(at))}
	for i, k := range at {
		l := &c.listings[i]
		*l = listings[k]
		proposeHours(l)
		if !validated {
			l.Normalize()
		}
		l.UpdatedAt = now // a file's updated_at is ignored: the store sets it
		var err error
		if c.rows[i], err = encodeListing(l); err != nil {
			c.err = err
			return c
		}
	}
	if validated {
		c.valid = !slices.ContainsFunc(c.listings, func(l directory.Listing) bool { return l.ID == "" || l.Name == "" })
	} else {
		c.valid = directory.ValidateListings(c.listings, now) == nil
	}
	return c
}

// normalizedCopy returns a copy of listings as prepareChunk leaves them,
// for a report of their problems.
func normalizedCopy(listings []directory.Listing, now time.Time) []directory.Listing {
	out := slices.Clone(listings)
	for i := range out {
		proposeHours(&out[i])
		out[i].Normalize()
		out[i].UpdatedAt = now
	}
	return out
}

// existingIDs returns the ids in the database with their content hashes,
// so each listing of an import takes its path (insert, nothing when its
// hash is the same, or read and compare) with no statement wasted. Reading
// 100,000 takes a few tens of milliseconds.
func existingIDs(ctx context.Context, tx *sql.Tx) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT listing_id, content_hash FROM service`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := map[string]string{}
	for rows.Next() {
		var id, hash string
		if err := rows.Scan(&id, &hash); err != nil {
			return nil, err
		}
		ids[id] = hash
	}
	return ids, rows.Err()
}
