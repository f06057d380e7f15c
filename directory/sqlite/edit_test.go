package sqlite

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"nowrongdoor/directory"
)

// testClock is a store's clock in tests: each reading is a second after
// the last.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time {
	c.t = c.t.Add(time.Second)
	return c.t
}

// editStart is when edit tests begin: 11 p.m. on 14 January 2026 in Salt
// Lake City, already the 15th in UTC.
var editStart = time.Date(2026, time.January, 15, 6, 0, 0, 0, time.UTC)

// sample returns a valid listing.
func sample(id, name string) directory.Listing {
	return directory.Listing{
		ID: id, Name: name, Organization: "Salt Lake County", Level: directory.LevelCounty,
		Description: "Help with " + name + ".",
		Services:    []string{"Applications"},
		Phones:      []directory.Phone{{Label: "Main", Number: "385-468-7300"}},
		Address:     directory.Address{Street: "2001 S State St", City: "Salt Lake City", State: "UT", Zip: "84190"},
		Hours:       "Mon-Fri 8am-5pm",
	}
}

// editStore opens a store whose clock starts at editStart, holding
// listings imported by "setup".
func editStore(t *testing.T, listings ...directory.Listing) (*Store, *testClock) {
	t.Helper()
	s := openStore(t)
	c := &testClock{editStart}
	s.now = c.now
	if len(listings) > 0 {
		if _, err := s.Import(context.Background(), listings, ImportOptions{Actor: "setup", Source: "test"}); err != nil {
			t.Fatalf("Import(setup) = %v", err)
		}
	}
	return s, c
}

// changeCount returns the store's change count or fails the test.
func changeCount(t *testing.T, s *Store) int64 {
	t.Helper()
	n, err := s.ChangeCount(context.Background())
	if err != nil {
		t.Fatalf("ChangeCount() = %v", err)
	}
	return n
}

// mustLoad loads a listing or fails the test.
func mustLoad(t *testing.T, s *Store, id string) directory.Listing {
	t.Helper()
	l, err := s.Load(context.Background(), id)
	if err != nil {
		t.Fatalf("Load(%q) = %v", id, err)
	}
	return l
}

func TestSaveAdd(t *testing.T) {
	ctx := context.Background()
	s, _ := editStore(t, sample("a", "Alpha"))
	before := changeCount(t, s)
	l := sample("b", "  Beta  ")
	l.Archived, l.VerifiedOn, l.VerifiedBy = true, directory.Date{Year: 2025, Month: 1, Day: 2}, "someone"
	saved, changes, err := s.Save(ctx, l, time.Time{}, "Ana")
	if err != nil {
		t.Fatalf("Save(new) = %v", err)
	}
	if saved.Name != "Beta" || saved.UpdatedAt.IsZero() || saved.Archived || saved.Verified() || saved.VerifiedBy != "" {
		t.Errorf("Save(new) stored %+v, want it normalized, stamped, on the desk and not verified", saved)
	}
	if got := mustLoad(t, s, "b"); !reflect.DeepEqual(got, saved) {
		t.Errorf("Load(b) = %+v, want what Save returned, %+v", got, saved)
	}
	if i := slices.IndexFunc(changes, func(c directory.FieldChange) bool { return c.Field == "name" }); i < 0 || changes[i] != (directory.FieldChange{Field: "name", Old: "", New: "Beta"}) {
		t.Errorf("Save(new) changes = %q, want name '' -> Beta among them", changes)
	}
	h, err := s.History(ctx, "b")
	if err != nil || len(h) != 1 || h[0].Action != directory.ActionAdd || h[0].Actor != "Ana" || !reflect.DeepEqual(h[0].Changes, changes) || !h[0].At.Equal(saved.UpdatedAt) {
		t.Errorf("History(b) = %+v, %v, want one add by Ana with the changes at the listing's time", h, err)
	}
	if after := changeCount(t, s); after <= before {
		t.Errorf("ChangeCount() after an add = %d, want more than %d", after, before)
	}
	ls, err := s.Listings(ctx)
	if err != nil || len(ls) != 2 {
		t.Errorf("Listings() = %d listings, %v, want 2", len(ls), err)
	}

	// The id is taken now, by the listing just added and by the one imported.
	for _, id := range []string{"a", "b"} {
		before := changeCount(t, s)
		if _, _, err := s.Save(ctx, sample(id, "Other"), time.Time{}, "Ana"); !errors.Is(err, directory.ErrExists) {
			t.Errorf("Save(new %q) = %v, want ErrExists", id, err)
		}
		if after := changeCount(t, s); after != before {
			t.Errorf("a refused add changed the count from %d to %d", before, after)
		}
	}
	if got := mustLoad(t, s, "a"); got.Name != "Alpha" {
		t.Errorf("after a refused add, Load(a).Name = %q, want Alpha", got.Name)
	}
}

func TestSaveEdit(t *testing.T) {
	ctx := context.Background()
	s, _ := editStore(t, sample("a", "Alpha"))
	opened := mustLoad(t, s, "a")
	edit := opened
	edit.Phones = []directory.Phone{{Label: "Main", Number: "385-468-7301", Ext: "2"}}
	saved, changes, err := s.Save(ctx, edit, opened.UpdatedAt, "Ana")
	if err != nil {
		t.Fatalf("Save(edit) = %v", err)
	}
	want := []directory.FieldChange{{Field: "phones", Old: "Main: 385-468-7300", New: "Main: 385-468-7301 ext. 2"}}
	if !reflect.DeepEqual(changes, want) {
		t.Errorf("Save(edit) changes = %q, want %q", changes, want)
	}
	if !saved.UpdatedAt.After(opened.UpdatedAt) || saved.Phones[0].Ext != "2" {
		t.Errorf("Save(edit) = %+v, want the new phone and a later UpdatedAt than %v", saved, opened.UpdatedAt)
	}
	h, err := s.History(ctx, "a")
	if err != nil || len(h) != 2 || h[0].Action != directory.ActionEdit || h[0].Actor != "Ana" || !reflect.DeepEqual(h[0].Changes, want) {
		t.Fatalf("History(a) = %+v, %v, want the edit by Ana then the import", h, err)
	}

	// A second admin who opened the listing before the save conflicts, and
	// nothing of theirs is written.
	late := opened
	late.Name = "Alpha Office"
	before := changeCount(t, s)
	if _, _, err := s.Save(ctx, late, opened.UpdatedAt, "Bo"); !errors.Is(err, directory.ErrConflict) {
		t.Errorf("Save(with an old base) = %v, want ErrConflict", err)
	}
	if got := mustLoad(t, s, "a"); !reflect.DeepEqual(got, saved) {
		t.Errorf("after a conflict Load(a) = %+v, want %+v", got, saved)
	}
	if after := changeCount(t, s); after != before {
		t.Errorf("a conflict changed the count from %d to %d", before, after)
	}
	// Reopened, the same change goes through.
	late = mustLoad(t, s, "a")
	late.Name = "Alpha Office"
	if _, changes, err := s.Save(ctx, late, late.UpdatedAt, "Bo"); err != nil || len(changes) != 1 || changes[0].Field != "name" {
		t.Errorf("Save(reopened) = %q, %v, want the name changed", changes, err)
	}
	// A listing removed since it was opened is not found.
	gone := sample("gone", "Gone")
	if _, _, err := s.Save(ctx, gone, editStart, "Bo"); !errors.Is(err, directory.ErrNotFound) {
		t.Errorf("Save(edit of a missing listing) = %v, want ErrNotFound", err)
	}
}

func TestSaveUnchangedWritesNothing(t *testing.T) {
	ctx := context.Background()
	s, _ := editStore(t, sample("a", "Alpha"))
	opened := mustLoad(t, s, "a")
	before := changeCount(t, s)
	same := opened
	same.Name = " Alpha " // normalized to what is stored
	got, changes, err := s.Save(ctx, same, opened.UpdatedAt, "Ana")
	if err != nil || changes != nil {
		t.Fatalf("Save(unchanged) = %q, %v, want no changes", changes, err)
	}
	if !reflect.DeepEqual(got, opened) {
		t.Errorf("Save(unchanged) returned %+v, want the stored listing %+v", got, opened)
	}
	if after := changeCount(t, s); after != before {
		t.Errorf("an unchanged save changed the count from %d to %d", before, after)
	}
	if h, _ := s.History(ctx, "a"); len(h) != 1 {
		t.Errorf("History(a) after an unchanged save = %+v, want only the import", h)
	}
}

func TestSaveKeepsArchiveAndVerification(t *testing.T) {
	// An edit is not a verification, nor an archive: those fields stay as
	// stored whatever the form sends.
	ctx := context.Background()
	s, _ := editStore(t, sample("a", "Alpha"))
	verified, err := s.MarkVerified(ctx, "a", "Ana")
	if err != nil {
		t.Fatal(err)
	}
	edit := verified
	edit.VerifiedOn, edit.VerifiedBy, edit.Archived = directory.Date{}, "", true
	edit.Fees = "None"
	saved, changes, err := s.Save(ctx, edit, verified.UpdatedAt, "Bo")
	if err != nil {
		t.Fatal(err)
	}
	if saved.VerifiedOn != verified.VerifiedOn || saved.VerifiedBy != "Ana" || saved.Archived {
		t.Errorf("Save kept verified %v by %q, archived %v; want %v by Ana, not archived", saved.VerifiedOn, saved.VerifiedBy, saved.Archived, verified.VerifiedOn)
	}
	if len(changes) != 1 || changes[0].Field != "fees" {
		t.Errorf("Save changes = %q, want only fees", changes)
	}
}

func TestSaveValidation(t *testing.T) {
	tests := []struct {
		name   string
		change func(*directory.Listing)
		fields []string // the problems' fields, in order
	}{
		{"empty name", func(l *directory.Listing) { l.Name = "  " }, []string{"name"}},
		{"bad phone and zip", func(l *directory.Listing) {
			l.Phones[0].Number = "555-1234"
			l.Address.Zip = "8419"
		}, []string{"phones[0].number", "address.zip"}},
		{"bad website", func(l *directory.Listing) { l.Website = "ftp://example.org" }, []string{"website"}},
		{"a zero-width space in the name", func(l *directory.Listing) { l.Name = "Al\u200bpha" }, []string{"name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s, _ := editStore(t, sample("a", "Alpha"))
			for _, add := range []bool{false, true} {
				l, base := mustLoad(t, s, "a"), mustLoad(t, s, "a").UpdatedAt
				if add {
					l, base = sample("new", "New"), time.Time{}
				}
				tt.change(&l)
				before := changeCount(t, s)
				_, _, err := s.Save(ctx, l, base, "Ana")
				var verr *directory.ValidationError
				if !errors.As(err, &verr) {
					t.Fatalf("Save(add=%v) = %v, want a *ValidationError", add, err)
				}
				var fields []string
				for _, p := range verr.Problems {
					fields = append(fields, p.Field)
					if p.ID != l.ID || p.Message == "" {
						t.Errorf("problem %+v, want the id %q and a message", p, l.ID)
					}
				}
				if !reflect.DeepEqual(fields, tt.fields) {
					t.Errorf("Save(add=%v) problems in %q, want %q", add, fields, tt.fields)
				}
				if after := changeCount(t, s); after != before {
					t.Errorf("an invalid save changed the count from %d to %d", before, after)
				}
			}
			if got := mustLoad(t, s, "a"); got.Name != "Alpha" || got.Phones[0].Number != "385-468-7300" {
				t.Errorf("after invalid saves Load(a) = %+v, want it unchanged", got)
			}
		})
	}
}

func TestEditorNeedsAnActor(t *testing.T) {
	ctx := context.Background()
	s, _ := editStore(t, sample("a", "Alpha"))
	l := mustLoad(t, s, "a")
	l.Name = "Changed"
	for _, actor := range []string{"", "   "} {
		before := changeCount(t, s)
		for name, err := range map[string]error{
			"Save":    func() error { _, _, err := s.Save(ctx, l, l.UpdatedAt, actor); return err }(),
			"Archive": s.Archive(ctx, "a", actor),
			"Restore": s.Restore(ctx, "a", actor),
			"Delete":  s.Delete(ctx, "a", actor),
			"MarkVerified": func() error {
				_, err := s.MarkVerified(ctx, "a", actor)
				return err
			}(),
		} {
			if err == nil {
				t.Errorf("%s with actor %q = nil, want an error asking for the admin's name", name, actor)
			}
		}
		if after := changeCount(t, s); after != before {
			t.Errorf("changes with no actor changed the count from %d to %d", before, after)
		}
	}
}

func TestArchiveRestoreDelete(t *testing.T) {
	ctx := context.Background()
	s, _ := editStore(t, sample("a", "Alpha"), sample("b", "Beta"))
	onDesk := func() []string {
		t.Helper()
		ls, err := s.Listings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		lean, _, err := s.SearchListings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var ids, leanIDs []string
		for i := range ls {
			ids = append(ids, ls[i].ID)
		}
		for i := range lean {
			leanIDs = append(leanIDs, lean[i].ID)
		}
		if !slices.Equal(ids, leanIDs) {
			t.Errorf("Listings() = %q but SearchListings() = %q", ids, leanIDs)
		}
		return ids
	}
	archived := func() []string {
		t.Helper()
		ls, err := s.Archived(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, l := range ls {
			if !l.Archived {
				t.Errorf("Archived() holds %q, which is not archived", l.ID)
			}
			ids = append(ids, l.ID)
		}
		return ids
	}

	if err := s.Delete(ctx, "a", "Ana"); !errors.Is(err, directory.ErrNotArchived) {
		t.Errorf("Delete(on the desk) = %v, want ErrNotArchived", err)
	}
	if err := s.Archive(ctx, "a", "Ana"); err != nil {
		t.Fatalf("Archive(a) = %v", err)
	}
	if got := onDesk(); !slices.Equal(got, []string{"b"}) {
		t.Errorf("on the desk after Archive(a): %q, want [b]", got)
	}
	if got := archived(); !slices.Equal(got, []string{"a"}) {
		t.Errorf("Archived() = %q, want [a]", got)
	}
	if l := mustLoad(t, s, "a"); !l.Archived {
		t.Errorf("Load(a) after Archive = %+v, want it archived", l)
	}
	if _, err := s.Listing(ctx, "a"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Listing(archived) = %v, want ErrNotFound: the desk does not see it", err)
	}
	// Archiving twice records nothing more.
	before := changeCount(t, s)
	if err := s.Archive(ctx, "a", "Ana"); err != nil || changeCount(t, s) != before {
		t.Errorf("Archive(archived) = %v and the count went from %d to %d, want nothing done", err, before, changeCount(t, s))
	}
	// An import that updates an archived listing leaves it archived.
	changed := sample("a", "Alpha")
	changed.Fees = "Free"
	if _, err := s.Import(ctx, []directory.Listing{changed}, ImportOptions{Actor: "Bo", Source: "file.json"}); err != nil {
		t.Fatal(err)
	}
	if l := mustLoad(t, s, "a"); !l.Archived || l.Fees != "Free" {
		t.Errorf("after an import Load(a) = %+v, want the new fees and still archived", l)
	}

	if err := s.Restore(ctx, "a", "Ana"); err != nil {
		t.Fatalf("Restore(a) = %v", err)
	}
	if got := onDesk(); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("on the desk after Restore(a): %q, want [a b]", got)
	}
	if got := archived(); len(got) != 0 {
		t.Errorf("Archived() after Restore = %q, want none", got)
	}
	if err := s.Archive(ctx, "a", "Ana"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, "a", "Cy"); err != nil {
		t.Fatalf("Delete(archived) = %v", err)
	}
	if _, err := s.Load(ctx, "a"); !errors.Is(err, directory.ErrNotFound) {
		t.Errorf("Load(deleted) = %v, want ErrNotFound", err)
	}
	if err := s.Delete(ctx, "a", "Cy"); !errors.Is(err, directory.ErrNotFound) {
		t.Errorf("Delete(deleted) = %v, want ErrNotFound", err)
	}
	for _, f := range []func() error{
		func() error { return s.Archive(ctx, "nope", "Ana") },
		func() error { return s.Restore(ctx, "nope", "Ana") },
		func() error { _, err := s.MarkVerified(ctx, "nope", "Ana"); return err },
	} {
		if err := f(); !errors.Is(err, directory.ErrNotFound) {
			t.Errorf("a change to a missing listing = %v, want ErrNotFound", err)
		}
	}

	// The history stays, newest first, the delete holding what was removed.
	h, err := s.History(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range h {
		actions = append(actions, e.Action+" by "+e.Actor)
	}
	want := []string{"delete by Cy", "archive by Ana", "restore by Ana", "update by Bo", "archive by Ana", "add by setup"}
	if !slices.Equal(actions, want) {
		t.Errorf("History(a) = %q, want %q", actions, want)
	}
	if i := slices.IndexFunc(h[0].Changes, func(c directory.FieldChange) bool { return c.Field == "name" }); i < 0 || h[0].Changes[i].Old != "Alpha" || h[0].Changes[i].New != "" {
		t.Errorf("the delete's changes = %q, want the name Alpha removed among them", h[0].Changes)
	}
	if !slices.Equal(h[1].Changes, []directory.FieldChange{{Field: "archived", Old: "", New: "yes"}}) ||
		!slices.Equal(h[2].Changes, []directory.FieldChange{{Field: "archived", Old: "yes", New: ""}}) {
		t.Errorf("archive and restore changes = %q, %q, want archived set and cleared", h[1].Changes, h[2].Changes)
	}
	if !slices.Equal(h[3].Changes, []directory.FieldChange{{Field: "fees", Old: "", New: "Free"}}) || h[3].Note != "file.json" {
		t.Errorf("the import's event = %+v, want fees set, noting the file", h[3])
	}
	if err := s.VerifyAudit(ctx); err != nil {
		t.Errorf("VerifyAudit() = %v", err)
	}
}

func TestMarkVerified(t *testing.T) {
	ctx := context.Background()
	s, _ := editStore(t, sample("a", "Alpha"))
	opened := mustLoad(t, s, "a")
	l, err := s.MarkVerified(ctx, "a", " Ana ")
	if err != nil {
		t.Fatalf("MarkVerified(a) = %v", err)
	}
	// editStart is the evening of the 14th in Salt Lake City.
	today := directory.Date{Year: 2026, Month: time.January, Day: 14}
	if l.VerifiedOn != today || l.VerifiedBy != "Ana" || !l.UpdatedAt.After(opened.UpdatedAt) {
		t.Errorf("MarkVerified(a) = verified %v by %q updated %v, want %v by Ana, after %v", l.VerifiedOn, l.VerifiedBy, l.UpdatedAt, today, opened.UpdatedAt)
	}
	if got := mustLoad(t, s, "a"); !reflect.DeepEqual(got, l) {
		t.Errorf("Load(a) = %+v, want what MarkVerified returned, %+v", got, l)
	}
	// Checked again the same day: its own event again, with nothing changed.
	if _, err := s.MarkVerified(ctx, "a", "Ana"); err != nil {
		t.Fatal(err)
	}
	h, err := s.History(ctx, "a")
	if err != nil || len(h) != 3 {
		t.Fatalf("History(a) = %+v, %v, want two verifications and the import", h, err)
	}
	want := []directory.FieldChange{{Field: "verified_on", New: "2026-01-14"}, {Field: "verified_by", New: "Ana"}}
	if h[1].Action != directory.ActionVerify || h[1].Actor != "Ana" || !reflect.DeepEqual(h[1].Changes, want) {
		t.Errorf("the first verification = %+v, want a verify event by Ana with %q", h[1], want)
	}
	if h[0].Action != directory.ActionVerify || len(h[0].Changes) != 0 {
		t.Errorf("the second verification = %+v, want a verify event with no changes", h[0])
	}
}

func TestHistoryOrderAndContent(t *testing.T) {
	ctx := context.Background()
	s, _ := editStore(t, sample("a", "Alpha"), sample("b", "Beta"))
	names := []string{"Alpha 2", "Alpha 3", "Alpha 4"}
	for i, name := range names {
		l := mustLoad(t, s, "a")
		l.Name = name
		if i == 1 {
			l.Hours = "Mon-Thu 9am-6pm"
		}
		if _, _, err := s.Save(ctx, l, l.UpdatedAt, "Ana"); err != nil {
			t.Fatal(err)
		}
		b := mustLoad(t, s, "b") // events of another listing between
		b.Fees = name
		if _, _, err := s.Save(ctx, b, b.UpdatedAt, "Bo"); err != nil {
			t.Fatal(err)
		}
	}
	h, err := s.History(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	want := []directory.Event{
		{Actor: "Ana", Action: "edit", ListingID: "a", Changes: []directory.FieldChange{{Field: "name", Old: "Alpha 3", New: "Alpha 4"}}},
		{Actor: "Ana", Action: "edit", ListingID: "a", Changes: []directory.FieldChange{
			{Field: "name", Old: "Alpha 2", New: "Alpha 3"},
			{Field: "hours", Old: "Mon-Fri 8am-5pm", New: "Mon-Thu 9am-6pm"},
			{Field: "schedules", Old: "Mon-Fri 8:00am-5:00pm", New: "Mon-Thu 9:00am-6:00pm"},
		}},
		{Actor: "Ana", Action: "edit", ListingID: "a", Changes: []directory.FieldChange{{Field: "name", Old: "Alpha", New: "Alpha 2"}}},
		{Actor: "setup", Action: "add", ListingID: "a", Note: "test"},
	}
	if len(h) != len(want) {
		t.Fatalf("History(a) = %+v, want %d events", h, len(want))
	}
	for i := range h {
		if i > 0 && (h[i].Seq >= h[i-1].Seq || h[i].At.After(h[i-1].At)) {
			t.Errorf("History(a)[%d] (seq %d at %v) is not older than the one before (seq %d at %v)", i, h[i].Seq, h[i].At, h[i-1].Seq, h[i-1].At)
		}
		got := h[i]
		got.Seq, got.At = 0, time.Time{}
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("History(a)[%d] = %+v, want %+v", i, got, want[i])
		}
	}
}

func TestReviewQueue(t *testing.T) {
	ctx := context.Background()
	verified := func(l directory.Listing, on string) directory.Listing {
		l.VerifiedOn, _ = directory.ParseDate(on)
		l.VerifiedBy = "Ana"
		return l
	}
	// editStart is the evening of 2026-01-14 in Salt Lake City, as
	// Listing.Stale counts: the start of 2025-01-15 is less than 365 days
	// before it, still fresh; the start of 2025-01-14 more, stale.
	s, _ := editStore(t,
		sample("never-b", "beta office"),
		sample("never-a", "Alpha Office"),
		verified(sample("old", "Old"), "2023-05-01"),
		verified(sample("older-than-a-year", "Year"), "2025-01-14"),
		verified(sample("a-year", "Year"), "2025-01-15"),
		verified(sample("fresh", "Fresh"), "2025-12-01"),
		sample("archived", "Archived"),
	)
	if err := s.Archive(ctx, "archived", "Ana"); err != nil {
		t.Fatal(err)
	}
	q, err := s.ReviewQueue(ctx)
	if err != nil {
		t.Fatalf("ReviewQueue() = %v", err)
	}
	var got []string
	for _, it := range q {
		got = append(got, it.ID+" "+it.VerifiedOn.String())
		if it.Name == "" || it.Organization != "Salt Lake County" {
			t.Errorf("queue item %+v, want its name and organization", it)
		}
	}
	want := []string{"never-a ", "never-b ", "old 2023-05-01", "older-than-a-year 2025-01-14"}
	if !slices.Equal(got, want) {
		t.Errorf("ReviewQueue() = %q, want %q", got, want)
	}
	never, stale, err := s.ReviewCounts(ctx)
	if err != nil || never != 2 || stale != 2 {
		t.Errorf("ReviewCounts() = %d, %d, %v, want 2 never verified and 2 stale", never, stale, err)
	}
	// Verifying takes a listing out of the queue.
	if _, err := s.MarkVerified(ctx, "old", "Bo"); err != nil {
		t.Fatal(err)
	}
	if never, stale, err := s.ReviewCounts(ctx); err != nil || never != 2 || stale != 1 {
		t.Errorf("ReviewCounts() after a verification = %d, %d, %v, want 2 and 1", never, stale, err)
	}
}

func TestChangeCount(t *testing.T) {
	// The window polls the count to see changes saved by another process:
	// every kind of write raises it, seen from another store on the file.
	ctx := context.Background()
	s, _ := editStore(t)
	other := openStoreAt(t, s.Path())
	last := changeCount(t, other)
	for _, step := range []struct {
		name string
		do   func() error
	}{
		{"seed", func() error { _, err := s.SeedIfEmpty(ctx, defaultListings(t)); return err }},
		{"import", func() error {
			_, err := s.Import(ctx, []directory.Listing{sample("a", "Alpha")}, ImportOptions{Actor: "Bo"})
			return err
		}},
		{"edit", func() error {
			l := mustLoad(t, s, "a")
			l.Fees = "Free"
			_, _, err := s.Save(ctx, l, l.UpdatedAt, "Ana")
			return err
		}},
		{"verify", func() error { _, err := s.MarkVerified(ctx, "a", "Ana"); return err }},
		{"archive", func() error { return s.Archive(ctx, "a", "Ana") }},
		{"password", func() error { return s.SetAdminPassword(ctx, cheapHash("a password"), "Ana") }},
	} {
		if err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		n := changeCount(t, other)
		if n <= last {
			t.Errorf("ChangeCount() after %s = %d, want more than %d", step.name, n, last)
		}
		last = n
	}
}

// TestHistoryStartsWhereTheListingCameFrom: a listing the database was
// first filled with ends its history with that fill; one an import added
// ends with its own add, and the fill is not claimed for it.
func TestHistoryStartsWhereTheListingCameFrom(t *testing.T) {
	ctx := context.Background()
	s, _ := editStore(t)
	if _, err := s.SeedIfEmpty(ctx, []directory.Listing{sample("a", "Alpha")}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, []directory.Listing{sample("b", "Beta")}, ImportOptions{Actor: "Ana", Source: "b.json"}); err != nil {
		t.Fatal(err)
	}
	l := mustLoad(t, s, "a")
	l.Name = "Alpha 2"
	if _, _, err := s.Save(ctx, l, l.UpdatedAt, "Ana"); err != nil {
		t.Fatal(err)
	}
	actions := func(id string) []string {
		evs, err := s.History(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range evs {
			if e.ListingID != id {
				t.Errorf("History(%q) holds an event of listing %q", id, e.ListingID)
			}
			out = append(out, e.Action)
		}
		return out
	}
	if got, want := actions("a"), []string{directory.ActionEdit, directory.ActionSeed}; !slices.Equal(got, want) {
		t.Errorf("History(a) actions = %q, want %q", got, want)
	}
	if got, want := actions("b"), []string{actionAdd}; !slices.Equal(got, want) {
		t.Errorf("History(b) actions = %q, want %q", got, want)
	}
}
