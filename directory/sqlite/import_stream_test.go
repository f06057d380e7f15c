package sqlite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
)

// batchesOf is a reader that hands ls on n at a time, each listing with
// its place, then returns end.
func batchesOf(ls []directory.Listing, n int, end error) func(func(directory.Batch) error) error {
	return func(emit func(directory.Batch) error) error {
		for lo := 0; lo < len(ls); lo += n {
			b := directory.Batch{Listings: ls[lo:min(lo+n, len(ls))]}
			for i := range b.Listings {
				b.At = append(b.At, lo+i)
			}
			if err := emit(b); err != nil {
				return err
			}
		}
		return end
	}
}

// manyListings is the default directory copies times over, each copy with
// ids of its own.
func manyListings(t *testing.T, copies int) []directory.Listing {
	def := readerOutput(t, defaultListings(t))
	var out []directory.Listing
	for n := range copies {
		for _, l := range def {
			l.ID = fmt.Sprintf("%s-%d", l.ID, n)
			out = append(out, l)
		}
	}
	return out
}

// An import handed a file a batch at a time stores what Import stores, and
// tells of each new listing in file order.
func TestImportStreamWritesWhatImportWrites(t *testing.T) {
	ctx := context.Background()
	ls := manyListings(t, 50) // more than a sorting window
	if len(ls) <= sortWindow {
		t.Fatalf("%d listings fit in one sorting window of %d", len(ls), sortWindow)
	}
	var got [2][]directory.Listing
	for i := range got {
		s := openStore(t)
		opts := ImportOptions{Actor: "test", Source: "file", Validated: true}
		var told []string
		opts.Changed = func(ch ImportChange) { told = append(told, ch.ID) }
		var rep ImportReport
		var err error
		if i == 0 {
			rep, err = s.Import(ctx, ls, opts)
		} else {
			rep, err = s.ImportStream(ctx, batchesOf(ls, 500, nil), opts)
		}
		if err != nil || rep.Added != len(ls) {
			t.Fatalf("import %d = %+v, %v; want %d added", i, rep, err, len(ls))
		}
		for j, id := range told {
			if id != ls[j].ID {
				t.Fatalf("import %d told of %q as listing %d, want %q: not in file order", i, id, j, ls[j].ID)
			}
		}
		if err := s.VerifyAudit(ctx); err != nil {
			t.Errorf("import %d: VerifyAudit() = %v", i, err)
		}
		if got[i], err = s.Listings(ctx); err != nil {
			t.Fatal(err)
		}
		got[i] = withoutTimes(got[i])
	}
	if !reflect.DeepEqual(got[0], got[1]) {
		t.Error("ImportStream stored other listings than Import")
	}
}

// When the file turns out bad after thousands of listings were written
// (a record cut short at its end, Ctrl-C), nothing is imported and the
// reader's error comes back as it is.
func TestImportStreamReaderFailsLate(t *testing.T) {
	ctx := context.Background()
	ls := manyListings(t, 50) // more than a sorting window
	bad := &directory.ValidationError{Problems: []directory.Problem{{Index: len(ls), Message: "the file ends in the middle of a record"}}}
	for _, end := range []error{bad, context.Canceled} {
		s := openStore(t)
		if _, err := s.SeedIfEmpty(ctx, defaultListings(t)); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, s)
		_, err := s.ImportStream(ctx, batchesOf(ls, 500, end), ImportOptions{Actor: "test", Validated: true})
		if !errors.Is(err, end) {
			t.Errorf("ImportStream, the reader failing with %v, = %v", end, err)
		}
		if snapshot(t, s) != before {
			t.Errorf("a reader failing with %v at the end changed the database", end)
		}
	}
}

// Listings that break what the rows rely on, or share an id across
// batches, fail the import by their places in the file.
func TestImportStreamRefusesByPlace(t *testing.T) {
	ctx := context.Background()
	ls := manyListings(t, 6)[:1200]
	ls[1100].ID = ls[3].ID
	ls[700].Name = ""
	s := openStore(t)
	before := snapshot(t, s)
	_, err := s.ImportStream(ctx, batchesOf(ls, 100, nil), ImportOptions{Actor: "test", Validated: true})
	var ve *directory.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("ImportStream with a duplicate id and no name = %v, want the problems", err)
	}
	want := []string{
		`record 701 (id "` + ls[700].ID + `"): name is empty`,
		`record 1101 (id "` + ls[3].ID + `"): id is also used by record 4`,
	}
	if len(ve.Problems) != len(want) {
		t.Fatalf("problems = %v, want %d", ve.Problems, len(want))
	}
	for i, p := range ve.Problems {
		if !strings.HasPrefix(p.String(), want[i]) {
			t.Errorf("problem %d = %q, want it to start %q", i, p, want[i])
		}
	}
	if snapshot(t, s) != before {
		t.Error("a refused import changed the database")
	}
}

// A failing write stops the reader: it is not left blocked, reading on.
func TestImportStreamStopsTheReader(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	ls := manyListings(t, 200) // more than the windows in hand hold
	// Hours no day has: the listing cannot be laid out as rows.
	ls[0].Schedules = []directory.Schedule{{Week: [7][]directory.Interval{{{Start: 99 * 60, End: 100 * 60}}}}}
	stopped := make(chan error, 1)
	read := func(emit func(directory.Batch) error) error {
		err := batchesOf(ls, 10, nil)(emit)
		stopped <- err
		return err
	}
	_, err := s.ImportStream(ctx, read, ImportOptions{Actor: "test", Validated: true})
	if err == nil || !strings.Contains(err.Error(), "cannot be stored") {
		t.Fatalf("ImportStream of hours at 99:00 = %v, want it refused", err)
	}
	select {
	case rerr := <-stopped:
		if rerr == nil {
			t.Error("the reader read the whole file after the import failed")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the reader is still blocked after the import failed")
	}
}

// An update writes only what changed of a listing, and leaves the store
// as a new database holding the changed listings would be: every column
// of the service row that changed, whichever they are (an update sets only
// those), no phone, schedule or address row of the old version left
// behind, and no organization that no listing names.
func TestImportUpdatesInPlace(t *testing.T) {
	ctx := context.Background()
	def := readerOutput(t, defaultListings(t))
	changed := slices.Clone(def)
	verified := directory.DateOf(time.Now().AddDate(0, 0, -3))
	// Each changes one or more of the service row's columns, some together.
	columns := []func(l *directory.Listing){
		func(l *directory.Listing) { l.Name += " Office" },
		func(l *directory.Listing) { l.Level = directory.LevelBusiness },
		func(l *directory.Listing) { l.Status = directory.StatusTemporarilyClosed },
		func(l *directory.Listing) { l.Email = "desk@example.org" },
		func(l *directory.Listing) { l.Website = "https://example.org/new" },
		func(l *directory.Listing) { l.Eligibility, l.Fees = "Anyone.", "Free." },
		func(l *directory.Listing) { l.Documents = "A photo ID." },
		func(l *directory.Listing) { l.Services = append(slices.Clone(l.Services), "New service") },
		func(l *directory.Listing) { l.Categories = []string{"Food"} },
		func(l *directory.Listing) { l.Languages = []string{"Spanish", "Tongan"} },
		func(l *directory.Listing) {
			l.SourceURLs, l.SourceDate = []string{"https://example.org/src"}, "2026-11-01"
		},
		func(l *directory.Listing) {
			l.Alert, l.AlertUntil = "Closed for repairs.", directory.DateOf(time.Now().AddDate(0, 0, 30))
		},
		func(l *directory.Listing) { l.VerifiedOn, l.VerifiedBy = verified, "jdoe" },
		func(l *directory.Listing) { l.StaffNotes = "Ask for the front desk." },
	}
	for i := range changed {
		l := &changed[i]
		if i >= len(def)/2 {
			columns[i%len(columns)](l)
			continue
		}
		switch i % 6 {
		case 0:
			l.Description += " Updated."
		case 1:
			l.Phones = append(l.Phones[:0:0], directory.Phone{Label: "New line", Number: "801-555-0100"})
		case 2:
			l.Schedules, l.Hours = nil, ""
		case 3:
			l.Address = directory.Address{}
		case 4:
			l.Organization = "A New Organization " + strconv.Itoa(i)
		case 5:
			l.Keywords = append(slices.Clone(l.Keywords), "new word")
		}
	}
	changed = readerOutput(t, changed)
	s := openStore(t)
	if _, err := s.Import(ctx, def, ImportOptions{Actor: "test", Validated: true}); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Import(ctx, changed, ImportOptions{Actor: "test", Validated: true})
	// A few listings had no address or hours to take away.
	if err != nil || rep.Added != 0 || rep.Updated < len(def)*3/4 {
		t.Fatalf("Import(changed) = %+v, %v; want nearly all %d updated", rep, err, len(def))
	}
	fresh := openStore(t)
	if _, err := fresh.Import(ctx, changed, ImportOptions{Actor: "test", Validated: true}); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"organization", "service", "location", "phone", "schedule"} {
		got, want := tableRows(t, s, table), tableRows(t, fresh, table)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s after the update: %d rows, want %d as a new import of the changed listings writes", table, len(got), len(want))
		}
	}
	if err := s.VerifyAudit(ctx); err != nil {
		t.Errorf("VerifyAudit() = %v", err)
	}
}

// tableRows returns a table's rows as text, sorted, without the times the
// store set.
func tableRows(t *testing.T, s *Store, table string) []string {
	t.Helper()
	rows, err := s.rdb.Query("SELECT * FROM " + table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, c := range cols {
			if c == "updated_at" {
				vals[i] = nil
			}
		}
		out = append(out, fmt.Sprint(vals...))
	}
	slices.Sort(out)
	return out
}

// An import of more listings than fit in a few chunks, every one changed,
// updates each exactly once, keeps each one's previous version, and tells
// of the changes in the order of the file: its updates are worked out a
// chunk ahead of their writing (see planner), and every chunk, the last
// ones too, must be written in turn.
func TestImportUpdatesManyChunks(t *testing.T) {
	ctx := context.Background()
	ls := directorytest.Synthetic(defaultListings(t), 5*chunkSize+17)
	s := openStore(t)
	if _, err := s.Import(ctx, ls, ImportOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	changed := slices.Clone(ls)
	for i := range changed {
		changed[i].Description += " Updated " + strconv.Itoa(i) + "."
	}
	var told []ImportChange
	rep, err := s.Import(ctx, changed, ImportOptions{Actor: "test", Source: "feed.json",
		Changed: func(c ImportChange) { told = append(told, c) }})
	if want := (ImportReport{Updated: len(ls)}); err != nil || rep != want {
		t.Fatalf("Import(changed) = %+v, %v, want %+v", rep, err, want)
	}
	if len(told) != len(ls) {
		t.Fatalf("Import(changed) told of %d changes, want %d", len(told), len(ls))
	}
	for i, c := range told {
		if c.ID != changed[i].ID || c.Added || len(c.Fields) != 1 || c.Fields[0].Field != "description" ||
			c.Fields[0].New != changed[i].Description {
			t.Fatalf("change %d told = %+v, want the description of %s, in file order", i, c, changed[i].ID)
		}
	}
	got, err := s.Listings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, l := range changed {
		want[l.ID] = l.Description
	}
	for _, l := range got {
		if l.Description != want[l.ID] {
			t.Fatalf("listing %s after the import has %q, want %q", l.ID, l.Description, want[l.ID])
		}
	}
	for i := 0; i < len(ls); i += 97 {
		h, err := s.AuditEntries(ctx, ls[i].ID)
		var detail struct {
			Source string            `json:"source"`
			Before directory.Listing `json:"before"`
		}
		if err != nil || len(h) != 2 || h[0].Action != actionUpdate || json.Unmarshal(h[0].Detail, &detail) != nil ||
			detail.Source != "feed.json" || detail.Before.Description != ls[i].Description {
			t.Fatalf("history of %s = %d entries, %v; want its add, then one update keeping %q", ls[i].ID, len(h), err, ls[i].Description)
		}
	}
	if err := s.VerifyAudit(ctx); err != nil {
		t.Errorf("VerifyAudit() = %v", err)
	}
}
