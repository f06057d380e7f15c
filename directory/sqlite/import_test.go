package sqlite

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/hours"
)

// withoutTimes clears the store-set times so listings can be compared.
func withoutTimes(ls []directory.Listing) []directory.Listing {
	out := make([]directory.Listing, len(ls))
	for i, l := range ls {
		l.UpdatedAt = time.Time{}
		out[i] = l
	}
	return out
}

func byID(ls []directory.Listing) map[string]directory.Listing {
	m := make(map[string]directory.Listing, len(ls))
	for _, l := range ls {
		m[l.ID] = l
	}
	return m
}

// fullListing sets every field, so a round trip shows none is dropped.
func fullListing() directory.Listing {
	l := directory.Listing{
		ID: "test-everything", Name: "Everything Office", Organization: "Test County",
		Level: directory.LevelCity, Description: "Line one.\nLine two.",
		Services: []string{"one", "two"}, Keywords: []string{"uno", "dos"}, Categories: []string{"Tests"},
		Phones: []directory.Phone{
			{Label: "Main", Number: "385-468-7300", Ext: "42", Note: "From the 2025 county page"},
			{Label: "Crisis", Number: "988"},
			{Label: "Toll free", Number: "1-800-662-4545"},
		},
		Email: "office@example.org", Website: "https://example.org/office",
		Address: directory.Address{Street: "1 Main St", City: "Salt Lake City", State: "UT", Zip: "84101"},
		Hours:   "Monday-Friday 8:00am-5:00pm", Eligibility: "Anyone", Fees: "Free", Documents: "Photo ID",
		Languages: []string{"English", "Español"}, SourceURLs: []string{"https://example.org/source"},
		SourceDate: "2026-01", Status: directory.StatusTemporarilyClosed, Alert: "Closed for remodel",
		AlertUntil: directory.Date{Year: 2026, Month: 3, Day: 31}, VerifiedOn: directory.Date{Year: 2025, Month: 12, Day: 1},
		VerifiedBy: "jdoe", StaffNotes: "Ask for Pat.",
	}
	proposeHours(&l) // as an import does
	l.Normalize()
	return l
}

func TestListingRoundTrip(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	want := fullListing()
	in := want
	in.Schedules = nil // as a file gives it: hours text only
	before := time.Now()
	if _, err := s.Import(ctx, []directory.Listing{in}, ImportOptions{Actor: "test"}); err != nil {
		t.Fatalf("Import = %v", err)
	}
	got, err := s.Listing(ctx, want.ID)
	if err != nil {
		t.Fatalf("Listing(%q) = %v", want.ID, err)
	}
	if got.UpdatedAt.Before(before.Add(-time.Second)) || got.UpdatedAt.After(time.Now().Add(time.Second)) {
		t.Errorf("Listing(%q).UpdatedAt = %v, want the time of the import", want.ID, got.UpdatedAt)
	}
	if g := withoutTimes([]directory.Listing{got})[0]; !reflect.DeepEqual(g, want) {
		t.Errorf("Listing(%q) = %+v, want %+v", want.ID, g, want)
	}
	if len(got.Schedules) == 0 || !reflect.DeepEqual(got.Schedules, hours.Propose(want.Hours)) {
		t.Errorf("Listing(%q).Schedules = %+v, want the hours parsed and proposed", want.ID, got.Schedules)
	}
}

func TestListingNotFound(t *testing.T) {
	s := openStore(t)
	if _, err := s.Listing(context.Background(), "no-such-listing"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Listing(%q) = %v, want ErrNotFound", "no-such-listing", err)
	}
}

func TestSeedIfEmpty(t *testing.T) {
	ctx := context.Background()
	def := defaultListings(t)

	t.Run("new database", func(t *testing.T) {
		s := openStore(t)
		seeded, err := s.SeedIfEmpty(ctx, def)
		if err != nil || !seeded {
			t.Fatalf("SeedIfEmpty(new) = %v, %v, want true, nil", seeded, err)
		}
		got, err := s.Listings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(def) {
			t.Fatalf("Listings() after seed = %d listings, want %d", len(got), len(def))
		}
		want := byID(def)
		for _, l := range withoutTimes(got) {
			if !reflect.DeepEqual(l, want[l.ID]) {
				t.Errorf("seeded listing %q = %+v, want %+v", l.ID, l, want[l.ID])
			}
		}
		hist, err := s.AuditEntries(ctx, "")
		if err != nil || len(hist) != 1 || hist[0].Action != actionSeed {
			t.Errorf("History(\"\") after seed = %v, %v, want one seed entry", hist, err)
		}
		if seeded, err := s.SeedIfEmpty(ctx, def[:1]); err != nil || seeded {
			t.Errorf("SeedIfEmpty(seeded) = %v, %v, want false, nil", seeded, err)
		}
	})

	t.Run("edited database", func(t *testing.T) {
		s := openStore(t)
		if _, err := s.Import(ctx, def[:3], ImportOptions{Actor: "admin"}); err != nil {
			t.Fatal(err)
		}
		if seeded, err := s.SeedIfEmpty(ctx, def); err != nil || seeded {
			t.Errorf("SeedIfEmpty(after import) = %v, %v, want false, nil", seeded, err)
		}
		if n, _ := s.Count(ctx); n != 3 {
			t.Errorf("Count() = %d, want the 3 imported", n)
		}
	})

	t.Run("every listing deleted", func(t *testing.T) {
		s := openStore(t)
		if _, err := s.SeedIfEmpty(ctx, def); err != nil {
			t.Fatal(err)
		}
		if _, err := s.db.Exec(`DELETE FROM service`); err != nil {
			t.Fatal(err)
		}
		if seeded, err := s.SeedIfEmpty(ctx, def); err != nil || seeded {
			t.Errorf("SeedIfEmpty(emptied by an admin) = %v, %v, want false, nil", seeded, err)
		}
		if n, _ := s.Count(ctx); n != 0 {
			t.Errorf("Count() = %d, want 0: the admin's deletion stands", n)
		}
	})

	t.Run("invalid listings", func(t *testing.T) {
		s := openStore(t)
		bad := append([]directory.Listing(nil), def[:2]...)
		bad[1].Name = ""
		if seeded, err := s.SeedIfEmpty(ctx, bad); seeded || !errors.Is(err, directory.ErrInvalidFile) {
			t.Errorf("SeedIfEmpty(no name) = %v, %v, want false, ErrInvalidFile", seeded, err)
		}
		if n, _ := s.Count(ctx); n != 0 {
			t.Errorf("Count() = %d after a failed seed, want 0", n)
		}
	})
}

func TestImport(t *testing.T) {
	ctx := context.Background()
	def := defaultListings(t)
	s := openStore(t)
	if _, err := s.SeedIfEmpty(ctx, def[:5]); err != nil {
		t.Fatal(err)
	}
	changed := def[1]
	changed.Name = "Renamed Office"
	changed.Phones = append([]directory.Phone{{Label: "New line", Number: "801-555-0100", Ext: "7"}}, changed.Phones...)
	fresh := fullListing()
	file := []directory.Listing{def[0], changed, fresh, def[2]} // def[3], def[4] absent

	// A dry run names what it would change, so the admin can check it.
	var told []ImportChange
	dry, err := s.Import(ctx, file, ImportOptions{Actor: "jdoe", Source: "update.json", DryRun: true,
		Changed: func(c ImportChange) { told = append(told, c) }})
	want := ImportReport{Added: 1, Updated: 1, Unchanged: 2}
	if err != nil || dry != want {
		t.Fatalf("Import(dry run) = %+v, %v, want %+v", dry, err, want)
	}
	if len(told) != 2 || told[0].ID != changed.ID || told[0].Added || told[0].Name != "Renamed Office" ||
		told[1].ID != fresh.ID || !told[1].Added || len(told[1].Fields) != 0 {
		t.Fatalf("Import(dry run) told of %+v, want the update of %s, then the addition of %s", told, changed.ID, fresh.ID)
	}
	var fields []string
	for _, f := range told[0].Fields {
		fields = append(fields, f.Field)
	}
	if !slices.Contains(fields, "name") || !slices.Contains(fields, "phones") {
		t.Errorf("the update's changes name %q, want the name and the phones", fields)
	}
	if got, _ := s.Listings(ctx); !reflect.DeepEqual(withoutTimes(got), withoutTimes(sortedDefault(def[:5]))) {
		t.Errorf("Import(dry run) changed the listings")
	}
	if h, _ := s.AuditEntries(ctx, changed.ID); len(h) != 0 {
		t.Errorf("Import(dry run) wrote history %v", h)
	}

	rep, err := s.Import(ctx, file, ImportOptions{Actor: "jdoe", Source: "update.json"})
	if err != nil || rep != want {
		t.Fatalf("Import = %+v, %v, want %+v", rep, err, want)
	}
	got, err := s.Listings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m := byID(withoutTimes(got))
	if len(m) != 6 {
		t.Errorf("Listings() = %d listings, want 6: absent ones are kept", len(m))
	}
	for _, l := range []directory.Listing{def[0], changed, fresh, def[2], def[3], def[4]} {
		if !reflect.DeepEqual(m[l.ID], l) {
			t.Errorf("listing %q after import = %+v, want %+v", l.ID, m[l.ID], l)
		}
	}

	// The update keeps the previous version, so nothing is lost.
	h, err := s.AuditEntries(ctx, changed.ID)
	if err != nil || len(h) != 1 || h[0].Action != actionUpdate || h[0].Actor != "jdoe" {
		t.Fatalf("History(%q) = %+v, %v, want one update by jdoe", changed.ID, h, err)
	}
	var detail struct {
		Source string            `json:"source"`
		Before directory.Listing `json:"before"`
	}
	if err := json.Unmarshal(h[0].Detail, &detail); err != nil {
		t.Fatal(err)
	}
	if detail.Source != "update.json" || detail.Before.Name != def[1].Name || !reflect.DeepEqual(detail.Before.Phones, def[1].Phones) {
		t.Errorf("update detail = %+v, want source update.json and the previous version", detail)
	}
	if h, _ := s.AuditEntries(ctx, fresh.ID); len(h) != 1 || h[0].Action != actionAdd {
		t.Errorf("History(%q) = %+v, want one add", fresh.ID, h)
	}
	if h, _ := s.AuditEntries(ctx, def[0].ID); len(h) != 0 {
		t.Errorf("History(%q) = %+v, want none: it did not change", def[0].ID, h)
	}
	if h, _ := s.AuditEntries(ctx, ""); len(h) != 2 || h[0].Action != actionImport || !strings.Contains(string(h[0].Detail), `"added":1`) {
		t.Errorf("History(\"\") = %+v, want an import summary after the seed", h)
	}

	// Importing the same file again changes nothing and records nothing.
	rep, err = s.Import(ctx, file, ImportOptions{Actor: "jdoe"})
	if want := (ImportReport{Unchanged: 4}); err != nil || rep != want {
		t.Errorf("Import(again) = %+v, %v, want %+v", rep, err, want)
	}
	if h, _ := s.AuditEntries(ctx, ""); len(h) != 2 {
		t.Errorf("Import(again) wrote %d directory entries, want none new", len(h)-2)
	}
}

func TestImportNoteOnlyChange(t *testing.T) {
	// Notes are for staff, but a change to one is a change like any other:
	// it is written and the previous version kept.
	ctx := context.Background()
	def := defaultListings(t)
	tests := []struct {
		name   string
		change func(l *directory.Listing)
	}{
		{"phone note added", func(l *directory.Listing) { l.Phones[1].Note = "From a 2019 flyer; confirm before sharing" }},
		{"phone note changed", func(l *directory.Listing) { l.Phones[0].Note = "From the 2026 county page" }},
		{"phone note removed", func(l *directory.Listing) { l.Phones[0].Note = "" }},
		{"staff notes changed", func(l *directory.Listing) { l.StaffNotes = "Ask for the duty clerk." }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openStore(t)
			base := def[0]
			base.Phones = []directory.Phone{
				{Label: "Marriage Division", Number: "385-468-7300", Note: "From the county page"},
				{Label: "Passports", Number: "385-468-7300"},
			}
			if _, err := s.SeedIfEmpty(ctx, []directory.Listing{base}); err != nil {
				t.Fatal(err)
			}
			changed := base
			changed.Phones = slices.Clone(base.Phones)
			tt.change(&changed)
			rep, err := s.Import(ctx, []directory.Listing{changed}, ImportOptions{Actor: "jdoe"})
			if want := (ImportReport{Updated: 1}); err != nil || rep != want {
				t.Fatalf("Import(%s) = %+v, %v, want %+v", tt.name, rep, err, want)
			}
			got, err := s.Listing(ctx, base.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Phones, changed.Phones) || got.StaffNotes != changed.StaffNotes {
				t.Errorf("Listing(%q) after import = %+v, %q, want %+v, %q", base.ID, got.Phones, got.StaffNotes, changed.Phones, changed.StaffNotes)
			}
			h, err := s.AuditEntries(ctx, base.ID)
			if err != nil || len(h) != 1 || h[0].Action != actionUpdate {
				t.Fatalf("History(%q) = %+v, %v, want one update", base.ID, h, err)
			}
			var detail struct {
				Before directory.Listing `json:"before"`
			}
			if err := json.Unmarshal(h[0].Detail, &detail); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(detail.Before.Phones, base.Phones) || detail.Before.StaffNotes != base.StaffNotes {
				t.Errorf("update detail before = %+v, %q, want the previous %+v, %q", detail.Before.Phones, detail.Before.StaffNotes, base.Phones, base.StaffNotes)
			}
		})
	}
}

// sortedDefault orders listings by id, as Listings returns them.
func sortedDefault(ls []directory.Listing) []directory.Listing {
	out := slices.Clone(ls)
	slices.SortFunc(out, func(a, b directory.Listing) int { return strings.Compare(a.ID, b.ID) })
	return out
}

func TestImportAllOrNothing(t *testing.T) {
	ctx := context.Background()
	def := defaultListings(t)
	tests := []struct {
		name  string
		setup func(t *testing.T, s *Store) ([]directory.Listing, context.Context)
		is    error
	}{
		{"duplicate ids", func(t *testing.T, s *Store) ([]directory.Listing, context.Context) {
			return append(append([]directory.Listing(nil), def[5:50]...), def[5]), ctx
		}, directory.ErrInvalidFile},
		{"no name", func(t *testing.T, s *Store) ([]directory.Listing, context.Context) {
			ls := append([]directory.Listing(nil), def[5:50]...)
			ls[40].Name = " "
			return ls, ctx
		}, directory.ErrInvalidFile},
		{"database refuses one", func(t *testing.T, s *Store) ([]directory.Listing, context.Context) {
			// A failure half way through, after 40 writes, must undo them.
			if _, err := s.db.Exec(`CREATE TRIGGER refuse BEFORE INSERT ON service WHEN NEW.listing_id = '` + def[45].ID + `'
				BEGIN SELECT RAISE(ABORT, 'refused'); END`); err != nil {
				t.Fatal(err)
			}
			ls := append([]directory.Listing(nil), def[5:50]...)
			ls[1].Name = "Changed"
			return ls, ctx
		}, nil},
		{"canceled", func(t *testing.T, s *Store) ([]directory.Listing, context.Context) {
			c, cancel := context.WithCancel(ctx)
			cancel()
			return def[5:50], c
		}, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openStore(t)
			if _, err := s.SeedIfEmpty(ctx, def[:10]); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, s)
			ls, c := tt.setup(t, s)
			rep, err := s.Import(c, ls, ImportOptions{Actor: "test"})
			if err == nil || (tt.is != nil && !errors.Is(err, tt.is)) {
				t.Errorf("Import(%s) = %+v, %v, want an error matching %v", tt.name, rep, err, tt.is)
			}
			if !strings.HasPrefix(err.Error(), "import: ") {
				t.Errorf("Import(%s) error %q, want it to start with \"import: \"", tt.name, err)
			}
			if after := snapshot(t, s); after != before {
				t.Errorf("Import(%s) changed the database:\nbefore %s\nafter  %s", tt.name, before, after)
			}
		})
	}
}

// snapshot summarizes everything in the database that an import may
// change, to compare before and after.
func snapshot(t testing.TB, s *Store) string {
	t.Helper()
	var sum string
	err := s.rdb.QueryRow(`SELECT
		(SELECT count(*) FROM service) || ':' ||
		(SELECT coalesce(sum(length(name) + length(updated_at)), 0) FROM service) || ':' ||
		(SELECT coalesce(group_concat(listing_id || name || updated_at, ','), '') FROM (SELECT listing_id, name, updated_at FROM service ORDER BY listing_id)) || ':' ||
		(SELECT count(*) || ':' || coalesce(sum(length(number) + length(description)), 0) FROM phone) || ':' ||
		(SELECT count(*) FROM schedule) || ':' ||
		(SELECT count(*) || ':' || coalesce(group_concat(name, ','), '') FROM organization) || ':' ||
		(SELECT count(*) FROM location) || ':' ||
		(SELECT count(*) FROM audit) || ':' ||
		(SELECT count(*) FROM meta)`).Scan(&sum)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func TestAuditIsAppendOnly(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	if _, err := s.SeedIfEmpty(ctx, defaultListings(t)); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE audit SET actor = 'someone else'`, `DELETE FROM audit`} {
		if _, err := s.db.Exec(q); err == nil {
			t.Errorf("Exec(%q) = nil, want the audit trail to refuse", q)
		}
	}
}

func TestReadsDuringImport(t *testing.T) {
	// The window must be able to load listings while an import holds the
	// writer.
	ctx := context.Background()
	s := openStore(t)
	def := defaultListings(t)
	if _, err := s.SeedIfEmpty(ctx, def); err != nil {
		t.Fatal(err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`DELETE FROM service`); err != nil {
		t.Fatal(err)
	}
	c, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	got, err := s.Listings(c)
	if err != nil || len(got) != len(def) {
		t.Errorf("Listings() during a write = %d, %v, want the %d committed listings", len(got), err, len(def))
	}
}

// A partner's file knows nothing of what admins recorded on this desk: an
// update from it (KeepLocal) keeps the staff notes, the verification and the phones'
// notes it leaves out, and takes what it does say.
func TestImportKeepsLocalFields(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	local := fullListing()
	if _, err := s.Import(ctx, []directory.Listing{local}, ImportOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	partner := fullListing()
	partner.StaffNotes, partner.VerifiedOn, partner.VerifiedBy = "", directory.Date{}, ""
	for i := range partner.Phones {
		partner.Phones[i].Note = ""
	}
	partnerFile := ImportOptions{Actor: "test", KeepLocal: true}
	unchanged, err := s.Import(ctx, []directory.Listing{partner}, partnerFile)
	if want := (ImportReport{Unchanged: 1}); err != nil || unchanged != want {
		t.Fatalf("Import(the same listing without local fields) = %+v, %v, want %+v", unchanged, err, want)
	}
	partner.Description = "Now with a new description."
	partner.Phones[0].Number = "385-468-7301" // a new number: its old note is not its
	if _, err := s.Import(ctx, []directory.Listing{partner}, partnerFile); err != nil {
		t.Fatal(err)
	}
	got, err := s.Listing(ctx, local.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Description != partner.Description {
		t.Errorf("description = %q, want the file's %q", got.Description, partner.Description)
	}
	if got.StaffNotes != local.StaffNotes || got.VerifiedOn != local.VerifiedOn || got.VerifiedBy != local.VerifiedBy {
		t.Errorf("notes, verified = %q, %v, %q; want the desk's %q, %v, %q",
			got.StaffNotes, got.VerifiedOn, got.VerifiedBy, local.StaffNotes, local.VerifiedOn, local.VerifiedBy)
	}
	if got.Phones[0].Note != "" {
		t.Errorf("the new number has the old number's note %q", got.Phones[0].Note)
	}
	partner.StaffNotes = "Ask for Sam."
	if _, err := s.Import(ctx, []directory.Listing{partner}, partnerFile); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Listing(ctx, local.ID); got.StaffNotes != "Ask for Sam." {
		t.Errorf("notes = %q after a file that gives notes, want the file's", got.StaffNotes)
	}
}

// The directory's own JSON carries the published hours text and not the
// weekly schedules: importing it again must not swap hours an admin
// entered or confirmed for the reader's proposal of the same text. New
// text is news, and its proposal is taken, for an admin to confirm.
func TestImportKeepsConfirmedHours(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	l := fullListing()
	if _, err := s.Import(ctx, []directory.Listing{l}, ImportOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	confirmed := l
	confirmed.Schedules = slices.Clone(l.Schedules)
	confirmed.Schedules[0].Proposed = false
	confirmed.Schedules[0].Week[time.Saturday] = []directory.Interval{{Start: 10 * 60, End: 12 * 60}}
	if _, err := s.Import(ctx, []directory.Listing{confirmed}, ImportOptions{Actor: "admin"}); err != nil {
		t.Fatal(err)
	}
	file := l
	file.Schedules = nil // as the JSON file gives it
	rep, err := s.Import(ctx, []directory.Listing{file}, ImportOptions{Actor: "test"})
	if want := (ImportReport{Unchanged: 1}); err != nil || rep != want {
		t.Errorf("Import(the same hours text) = %+v, %v, want %+v", rep, err, want)
	}
	got, _ := s.Listing(ctx, l.ID)
	if !reflect.DeepEqual(got.Schedules, confirmed.Schedules) {
		t.Errorf("schedules = %+v, want the admin's %+v", got.Schedules, confirmed.Schedules)
	}
	file.Hours = "Monday-Friday 9:00am-4:00pm"
	if _, err := s.Import(ctx, []directory.Listing{file}, ImportOptions{Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Listing(ctx, l.ID)
	if len(got.Schedules) != 1 || !got.Schedules[0].Proposed || got.Schedules[0].Week[time.Monday][0].Start != 9*60 {
		t.Errorf("schedules = %+v after new hours text, want its proposal", got.Schedules)
	}
}
