package sqlite

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
)

// damage is one way a listing's rows can be spoiled behind the store's
// back that SQLite's constraints let through, and the field a load must
// name for it.
type damage struct {
	name, field string
	// sql spoils the listing whose service id is the one argument.
	sql string
	// hours says the listing must have a schedule with days.
	hours bool
}

var damages = []damage{
	{"a list column that is not JSON", "services", `UPDATE service SET services = 'not json' WHERE id = ?`, false},
	{"a list of numbers", "keywords", `UPDATE service SET keywords = '[1,2]' WHERE id = ?`, false},
	{"a date that is not a date", "verified_on", `UPDATE service SET verified_on = 'yesterday' WHERE id = ?`, false},
	{"an alert end that is not a date", "alert_until", `UPDATE service SET alert_until = '2026-02-30' WHERE id = ?`, false},
	{"a last change that is not a time", "updated_at", `UPDATE service SET updated_at = 'soon' WHERE id = ?`, false},
	{"days that are not days", "schedules[0].byday", `UPDATE schedule SET byday = 'XX' WHERE service_id = ? AND position = 0 AND part = 0`, true},
	{"a schedule with its first row missing", "schedules[5]", `UPDATE schedule SET position = 5 WHERE service_id = ? AND position = 0`, true},
	{"a schedule valid from no date", "schedules[0].valid_from", `UPDATE schedule SET valid_from = 'someday' WHERE service_id = ? AND position = 0`, true},
}

// damagedStore returns a store seeded with the default directory with one
// listing damaged, and that listing as seeded.
func damagedStore(t *testing.T, d damage) (*Store, directory.Listing) {
	t.Helper()
	ctx := context.Background()
	s := openStore(t)
	if _, err := s.SeedIfEmpty(ctx, defaultListings(t)); err != nil {
		t.Fatal(err)
	}
	var id string
	q := `SELECT listing_id FROM service ORDER BY listing_id LIMIT 1 OFFSET 20`
	if d.hours {
		q = `SELECT listing_id FROM service WHERE id IN (SELECT service_id FROM schedule WHERE byday <> '') ORDER BY listing_id LIMIT 1`
	}
	if err := s.rdb.QueryRow(q).Scan(&id); err != nil {
		t.Fatal(err)
	}
	before, err := s.Listing(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.db.Exec(d.sql, serviceIDOf(t, s, id))
	if n, _ := res.RowsAffected(); err != nil || n == 0 {
		t.Fatalf("%s: %v, %d rows changed", d.sql, err, n)
	}
	return s, before
}

func serviceIDOf(t *testing.T, s *Store, id string) string {
	t.Helper()
	var sid string
	if err := s.rdb.QueryRow(`SELECT id FROM service WHERE listing_id = ?`, id).Scan(&sid); err != nil {
		t.Fatal(err)
	}
	return sid
}

// TestUnreadableListingIsSkipped: one listing with a row that cannot be
// read is left out of a load and reported by id and field; every other
// listing loads and searches, and asking for it by id says what is wrong.
func TestUnreadableListingIsSkipped(t *testing.T) {
	ctx := context.Background()
	total := len(defaultListings(t))
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			s, bad := damagedStore(t, d)
			ls, err := s.Listings(ctx)
			if err != nil {
				t.Fatalf("Listings() = %v, want the other listings", err)
			}
			if len(ls) != total-1 || slices.ContainsFunc(ls, func(l directory.Listing) bool { return l.ID == bad.ID }) {
				t.Errorf("Listings() = %d listings, want %d without %s", len(ls), total-1, bad.ID)
			}
			ps := s.Unreadable()
			if len(ps) != 1 || ps[0].ID != bad.ID || ps[0].Field != d.field || !strings.Contains(ps[0].Message, bad.ID) {
				t.Errorf("Unreadable() = %+v, want one problem for %s in %s", ps, bad.ID, d.field)
			}
			search, _, err := s.SearchListings(ctx)
			if err != nil || len(search) < total-1 {
				t.Errorf("SearchListings() = %d, %v, want at least the %d readable listings", len(search), err, total-1)
			}
			_, err = s.Listing(ctx, bad.ID)
			var ue *UnreadableError
			if !errors.Is(err, ErrUnreadable) || !errors.As(err, &ue) || !strings.Contains(err.Error(), "save it again") {
				t.Fatalf("Listing(%q) = %v, want an UnreadableError saying how to fix it", bad.ID, err)
			}
			if ue.Listing.Name != bad.Name || ue.Listing.ID != bad.ID {
				t.Errorf("UnreadableError.Listing = %q %q, want what could be read: %q", ue.Listing.ID, ue.Listing.Name, bad.Name)
			}
			if _, err := s.Load(ctx, bad.ID); !errors.Is(err, ErrUnreadable) {
				t.Errorf("Load(%q) = %v, want ErrUnreadable", bad.ID, err)
			}
		})
	}
}

// TestImportRepairsUnreadableListing: an import that brings the listing,
// even exactly as it was stored before it was damaged, writes its rows
// anew; the directory is whole again and its audit trail verifies.
func TestImportRepairsUnreadableListing(t *testing.T) {
	ctx := context.Background()
	def := defaultListings(t)
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			s, bad := damagedStore(t, d)
			var orig directory.Listing
			for _, l := range def {
				if l.ID == bad.ID {
					orig = l
				}
			}
			if _, err := s.Import(ctx, []directory.Listing{orig}, ImportOptions{Actor: "admin", Source: "agencies.json"}); err != nil {
				t.Fatalf("Import = %v", err)
			}
			ls, err := s.Listings(ctx)
			if err != nil || len(ls) != len(def) || len(s.Unreadable()) != 0 {
				t.Fatalf("after the import Listings() = %d, %v, Unreadable() = %v; want all %d and none unreadable", len(ls), err, s.Unreadable(), len(def))
			}
			got, err := s.Listing(ctx, bad.ID)
			if err != nil {
				t.Fatal(err)
			}
			got.UpdatedAt = bad.UpdatedAt // the import's time
			if !reflect.DeepEqual(got, bad) {
				t.Errorf("repaired listing differs from the listing as it was before the damage:\n%+v", directory.Diff(bad, got))
			}
			if err := s.VerifyAudit(ctx); err != nil {
				t.Errorf("VerifyAudit() = %v", err)
			}
			hist, err := s.AuditEntries(ctx, bad.ID)
			if err != nil || len(hist) == 0 || !strings.Contains(string(hist[0].Detail), "before") {
				t.Errorf("AuditEntries(%q) = %d entries, %v; want the repair recorded with what could be read", bad.ID, len(hist), err)
			}
		})
	}
}

// TestSaveRepairsUnreadableListing: the editor opens what could be read of
// the listing (from the error), and saving it writes its rows anew.
func TestSaveRepairsUnreadableListing(t *testing.T) {
	ctx := context.Background()
	for _, d := range []damage{damages[0], damages[4], damages[5]} {
		t.Run(d.name, func(t *testing.T) {
			s, bad := damagedStore(t, d)
			_, err := s.Load(ctx, bad.ID)
			var ue *UnreadableError
			if !errors.As(err, &ue) {
				t.Fatalf("Load(%q) = %v, want an UnreadableError", bad.ID, err)
			}
			fixed := ue.Listing
			fixed.Services, fixed.Schedules = bad.Services, bad.Schedules
			saved, _, err := s.Save(ctx, fixed, ue.Listing.UpdatedAt, "admin")
			if err != nil {
				t.Fatalf("Save over the unreadable listing = %v", err)
			}
			if _, err := s.Listing(ctx, bad.ID); err != nil {
				t.Errorf("after the save Listing(%q) = %v", bad.ID, err)
			}
			if !slices.Equal(saved.Services, bad.Services) || len(saved.Schedules) != len(bad.Schedules) {
				t.Errorf("saved = %q, %d schedules; want %q, %d", saved.Services, len(saved.Schedules), bad.Services, len(bad.Schedules))
			}
			if ls, err := s.Listings(ctx); err != nil || len(s.Unreadable()) != 0 || len(ls) != len(defaultListings(t)) {
				t.Errorf("after the save Listings() = %d, %v, Unreadable() = %v", len(ls), err, s.Unreadable())
			}
		})
	}
}

// TestPhoneGapIsRead: phones whose positions leave a gap (a row removed by
// hand) are read in their order; the listing is not lost for it.
func TestPhoneGapIsRead(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	if _, err := s.SeedIfEmpty(ctx, defaultListings(t)); err != nil {
		t.Fatal(err)
	}
	var id string
	if err := s.rdb.QueryRow(`SELECT listing_id FROM service WHERE id IN
		(SELECT service_id FROM phone WHERE position = 1) ORDER BY listing_id LIMIT 1`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	before, err := s.Listing(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`UPDATE phone SET position = position + 3 WHERE service_id = ? AND position > 0`, serviceIDOf(t, s, id)); err != nil {
		t.Fatal(err)
	}
	after, err := s.Listing(ctx, id)
	if err != nil || !reflect.DeepEqual(after.Phones, before.Phones) {
		t.Errorf("Listing(%q) with a gap in its phones = %v, %v; want %v", id, after.Phones, err, before.Phones)
	}
}

// TestUnreadableAmong: the check an import makes of listings it would not
// otherwise read names every damaged listing a load would skip, and none
// of a directory as the store writes it (escapes, accents, odd hours and
// all).
func TestUnreadableAmong(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	def := defaultListings(t)
	if _, err := s.Import(ctx, append(slices.Clone(def), fullListing()), ImportOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	var ids []string
	rows, err := s.rdb.Query(`SELECT listing_id FROM service`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	if got, err := unreadableAmong(ctx, s.rdb, ids); err != nil || len(got) > 0 {
		t.Errorf("unreadableAmong(a directory as written) = %v, %v; want none", got, err)
	}
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			s, bad := damagedStore(t, d)
			if got, err := unreadableAmong(ctx, s.rdb, []string{bad.ID, def[0].ID}); err != nil || !got[bad.ID] || len(got) != 1 {
				t.Errorf("unreadableAmong = %v, %v; want only %s", got, err, bad.ID)
			}
		})
	}
}

// BenchmarkUnchangedImportCheck measures what an import pays, per chunk of
// listings whose content hash matches, to learn that their rows can be
// read: unreadableAmong against reading them whole.
func BenchmarkUnchangedImportCheck(b *testing.B) {
	ctx := context.Background()
	s := openStore(b)
	ls := directorytest.Synthetic(defaultListings(b), 10000)
	if _, err := s.Import(ctx, ls, ImportOptions{Actor: "bench"}); err != nil {
		b.Fatal(err)
	}
	var chunks [][]string
	for lo := 0; lo < len(ls); lo += chunkSize {
		var ids []string
		for _, l := range ls[lo:min(lo+chunkSize, len(ls))] {
			ids = append(ids, l.ID)
		}
		chunks = append(chunks, ids)
	}
	b.Run("fallible columns", func(b *testing.B) {
		for b.Loop() {
			for _, ids := range chunks {
				if got, err := unreadableAmong(ctx, s.rdb, ids); err != nil || len(got) > 0 {
					b.Fatalf("unreadableAmong = %v, %v", got, err)
				}
			}
		}
	})
	b.Run("whole", func(b *testing.B) {
		for b.Loop() {
			for _, ids := range chunks {
				if _, bad, err := queryListings(ctx, s.rdb, ids, true); err != nil || len(bad) > 0 {
					b.Fatalf("queryListings = %v, %v", bad, err)
				}
			}
		}
	})
}
