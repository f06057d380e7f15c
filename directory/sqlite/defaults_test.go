package sqlite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"nowrongdoor/data"
	"nowrongdoor/directory"
	"nowrongdoor/directory/jsonfile"
)

// defaultRecords returns the default directory as editable records.
func defaultRecords(t testing.TB) []map[string]any {
	t.Helper()
	var recs []map[string]any
	if err := json.Unmarshal(data.Agencies, &recs); err != nil {
		t.Fatal(err)
	}
	return recs
}

func marshalFile(t testing.TB, recs []map[string]any) []byte {
	t.Helper()
	b, err := json.Marshal(recs)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parseFile(t testing.TB, file []byte) []directory.Listing {
	t.Helper()
	ls, err := jsonfile.ParseListings(bytes.NewReader(file))
	if err != nil {
		t.Fatalf("ParseListings = %v", err)
	}
	return ls
}

// firstPhone returns a record's first phone, to edit.
func firstPhone(rec map[string]any) map[string]any {
	return rec["phones"].([]any)[0].(map[string]any)
}

func recordedVersionOf(t testing.TB, s *Store) string {
	t.Helper()
	v, err := recordedVersion(context.Background(), s.rdb)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestSyncDefaultSeedsNewDatabase(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	rep, err := s.SyncDefault(ctx, data.Agencies)
	def := defaultListings(t)
	if want := (DefaultReport{ImportReport: ImportReport{Added: len(def)}, Seeded: true}); err != nil || rep != want {
		t.Fatalf("SyncDefault(new database) = %+v, %v, want %+v", rep, err, want)
	}
	got, err := s.Listings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(withoutTimes(got), sortedDefault(def)) {
		t.Error("SyncDefault(new database) listings differ from the default directory")
	}
	if h, err := s.AuditEntries(ctx, ""); err != nil || len(h) != 1 || h[0].Action != actionSeed {
		t.Errorf("History(\"\") = %+v, %v, want one seed entry", h, err)
	}
	if v := recordedVersionOf(t, s); v != fileVersion(data.Agencies) {
		t.Errorf("recorded version = %q, want %q", v, fileVersion(data.Agencies))
	}

	before := snapshot(t, s)
	if rep, err := s.SyncDefault(ctx, data.Agencies); err != nil || rep != (DefaultReport{}) {
		t.Errorf("SyncDefault(again) = %+v, %v, want nothing done", rep, err)
	}
	if after := snapshot(t, s); after != before {
		t.Errorf("SyncDefault(again) changed the database:\nbefore %s\nafter  %s", before, after)
	}
}

// TestSyncDefaultRefreshesUntouchedListings opens a database seeded by an
// earlier release, whose default directory had research notes in phone
// labels, and that an admin has since changed in places.
func TestSyncDefaultRefreshesUntouchedListings(t *testing.T) {
	ctx := context.Background()
	current := defaultRecords(t)
	older := defaultRecords(t)
	const research = " (per third-party guides; confirm)"
	for _, i := range []int{0, 2, 4} {
		p := firstPhone(older[i])
		p["label"] = p["label"].(string) + research
		delete(p, "note")
	}
	older[1]["level"] = "nonprofit"
	delete(older[1], "notes_for_staff")
	older = append(older[:3:3], older[4:]...) // the earlier release lacked current[3]
	olderFile := marshalFile(t, older)

	s := openStore(t)
	if _, err := s.SeedIfEmpty(ctx, parseFile(t, olderFile)); err != nil {
		t.Fatal(err)
	}
	// An admin renames current[2], imports current[4] as the earlier
	// release had it (no change), adds a listing of their own and removes
	// current[5] (no release can yet, so its audit row is written here as
	// a removal would write it).
	older2 := parseFile(t, marshalFile(t, []map[string]any{older[2], older[3]}))
	older2[0].Name = "Renamed by an admin"
	own := fullListing()
	if _, err := s.Import(ctx, append(older2, own), ImportOptions{Actor: "admin"}); err != nil {
		t.Fatal(err)
	}
	removed := current[5]["id"].(string)
	if _, err := s.db.Exec(`DELETE FROM service WHERE listing_id = ?`, removed); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO audit (at, actor, action, listing_id) VALUES ('2026-01-01T00:00:00Z', 'admin', 'remove', ?)`, removed); err != nil {
		t.Fatal(err)
	}
	edited := older2[0]

	rep, err := s.SyncDefault(ctx, data.Agencies)
	def := defaultListings(t)
	want := DefaultReport{ImportReport: ImportReport{Added: 1, Updated: 3, Unchanged: len(def) - 6}, Kept: 2}
	if err != nil || rep != want {
		t.Fatalf("SyncDefault(v4 over an older default) = %+v, %v, want %+v", rep, err, want)
	}

	got, err := s.Listings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m := byID(withoutTimes(got))
	for _, l := range def {
		switch l.ID {
		case edited.ID:
			if !reflect.DeepEqual(m[l.ID], edited) {
				t.Errorf("listing %q = %+v, want the admin's version %+v", l.ID, m[l.ID], edited)
			}
		case removed:
			if _, ok := m[l.ID]; ok {
				t.Errorf("listing %q is back, want it to stay removed", l.ID)
			}
		default:
			if !reflect.DeepEqual(m[l.ID], l) {
				t.Errorf("listing %q = %+v, want the new default %+v", l.ID, m[l.ID], l)
			}
		}
	}
	if !reflect.DeepEqual(m[own.ID], own) {
		t.Errorf("the admin's own listing = %+v, want it unchanged %+v", m[own.ID], own)
	}

	// An update keeps the previous version, under the default's name.
	h, err := s.AuditEntries(ctx, def[0].ID)
	if err != nil || len(h) != 1 || h[0].Actor != defaultActor || h[0].Action != actionRefresh {
		t.Fatalf("History(%q) = %+v, %v, want one refresh by %q", def[0].ID, h, err, defaultActor)
	}
	var detail struct {
		Before directory.Listing `json:"before"`
	}
	if err := json.Unmarshal(h[0].Detail, &detail); err != nil {
		t.Fatal(err)
	}
	if label := detail.Before.Phones[0].Label; !strings.HasSuffix(label, research) {
		t.Errorf("refresh detail before has label %q, want the earlier release's, ending %q", label, research)
	}
	if h, err := s.AuditEntries(ctx, def[3].ID); err != nil || len(h) != 1 || h[0].Action != actionRefresh {
		t.Errorf("History(%q) = %+v, %v, want one refresh adding it", def[3].ID, h, err)
	}
	h, err = s.AuditEntries(ctx, "")
	if err != nil || len(h) != 3 || h[0].Action != actionRefresh || h[0].Actor != defaultActor {
		t.Fatalf("History(\"\") = %+v, %v, want a refresh summary after the seed and the import", h, err)
	}
	var summary map[string]any
	if err := json.Unmarshal(h[0].Detail, &summary); err != nil {
		t.Fatal(err)
	}
	if summary["version"] != fileVersion(data.Agencies) || summary["previous"] != "" || summary["kept"] != 2.0 || summary["updated"] != 3.0 {
		t.Errorf("refresh summary = %v, want the versions and counts", summary)
	}

	// The next start finds the version recorded and does nothing.
	before := snapshot(t, s)
	if rep, err := s.SyncDefault(ctx, data.Agencies); err != nil || rep != (DefaultReport{}) {
		t.Errorf("SyncDefault(again) = %+v, %v, want nothing done", rep, err)
	}
	if after := snapshot(t, s); after != before {
		t.Errorf("SyncDefault(again) changed the database:\nbefore %s\nafter  %s", before, after)
	}

	// A later default refreshes again what only the default has changed,
	// and still keeps the admin's.
	later := defaultRecords(t)
	firstPhone(later[0])["label"] = "Marriage and passports"
	later[2]["name"] = "A later default name"
	rep, err = s.SyncDefault(ctx, marshalFile(t, later))
	want = DefaultReport{ImportReport: ImportReport{Updated: 1, Unchanged: len(def) - 3}, Kept: 2}
	if err != nil || rep != want {
		t.Fatalf("SyncDefault(later default) = %+v, %v, want %+v", rep, err, want)
	}
	if l, err := s.Listing(ctx, def[0].ID); err != nil || l.Phones[0].Label != "Marriage and passports" {
		t.Errorf("Listing(%q) first label = %q, %v, want the later default's", def[0].ID, l.Phones[0].Label, err)
	}
	if l, err := s.Listing(ctx, edited.ID); err != nil || l.Name != edited.Name {
		t.Errorf("Listing(%q) name = %q, %v, want the admin's %q", edited.ID, l.Name, err, edited.Name)
	}
}

func TestSyncDefaultBadFile(t *testing.T) {
	// A default that does not parse is a broken build; it must change
	// nothing, whether the database is new or not.
	ctx := context.Background()
	for _, seeded := range []bool{false, true} {
		s := openStore(t)
		if seeded {
			if _, err := s.SyncDefault(ctx, data.Agencies); err != nil {
				t.Fatal(err)
			}
		}
		before := snapshot(t, s)
		rep, err := s.SyncDefault(ctx, []byte(`[{"id": "x"}]`))
		if !errors.Is(err, directory.ErrInvalidFile) || !strings.HasPrefix(err.Error(), "default directory: ") || rep != (DefaultReport{}) {
			t.Errorf("SyncDefault(invalid file, seeded %v) = %+v, %v, want an error matching ErrInvalidFile", seeded, rep, err)
		}
		if after := snapshot(t, s); after != before {
			t.Errorf("SyncDefault(invalid file, seeded %v) changed the database:\nbefore %s\nafter  %s", seeded, before, after)
		}
	}
}
