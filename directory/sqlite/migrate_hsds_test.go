package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"nowrongdoor/directory"
)

// releaseListings are listings as the current release (one listings row
// each) holds them, as varied as its columns allow.
func releaseListings(t *testing.T) []directory.Listing {
	t.Helper()
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	return []directory.Listing{{
		ID: "county-clinic", Name: "County Clinic", Organization: "Salt Lake County", Level: directory.LevelCounty,
		Description: `Shots and check-ups. Ask for the "walk-in" desk \ front.`,
		Services:    []string{"immunizations", "check-ups"}, Keywords: []string{"vacunas", `the "shot" place`, "clínica"},
		Categories: []string{"health"},
		Phones: []directory.Phone{
			{Label: "Front desk", Number: "801-555-0100", Ext: "12", Note: "From the county site; confirm before sharing"},
			{Label: "24-hour nurse line", Number: "801-555-0199"},
		},
		Email: "clinic@example.org", Website: "https://example.org/clinic",
		Address: directory.Address{Street: "2001 S State St", City: "Salt Lake City", State: "UT", Zip: "84190"},
		Hours:   "Monday-Friday 8:00am-5:00pm; Saturday 9am-noon", Eligibility: "County residents", Fees: "Sliding scale",
		Languages: []string{"English", "Español"}, Documents: "Photo ID", SourceURLs: []string{"https://example.org/a", "https://example.org/b"},
		SourceDate: "2025-11", Status: directory.StatusActive, Alert: "Closed for remodel",
		AlertUntil: directory.Date{Year: 2026, Month: 3, Day: 31}, VerifiedOn: directory.Date{Year: 2025, Month: 12, Day: 1},
		VerifiedBy: "jdoe", StaffNotes: "Hours as of 2011; confirm before sharing. Ask for Pat.",
		UpdatedAt: at("2026-01-02T03:04:05.123456789Z"),
	}, {
		ID: "county-shelter", Name: "County Shelter", Organization: "Salt Lake County", Level: directory.LevelCounty,
		Description: "Beds overnight.", Services: []string{"shelter"}, Keywords: []string{}, Categories: []string{},
		Phones:  []directory.Phone{{Label: "Intake", Number: "801-555-0123"}},
		Address: directory.Address{City: "South Salt Lake", State: "UT"},
		Hours:   "Shelter daily 7:30pm-8:30am; animal control dispatch 24/7", Languages: []string{}, SourceURLs: []string{},
		Status: directory.StatusTemporarilyClosed, Archived: true,
		UpdatedAt: at("2025-06-30T23:59:59Z"),
	}, {
		ID: "online-help", Name: "Online Help", Level: directory.LevelNonprofit,
		Services: []string{}, Keywords: []string{}, Categories: []string{}, Phones: []directory.Phone{},
		Website: "https://example.org/online", Hours: "By appointment only", Languages: []string{}, SourceURLs: []string{},
		Status: directory.StatusInactive, UpdatedAt: at("2024-02-29T12:00:00Z"),
	}}
}

// makeReleaseDatabase writes a database as the current release makes it:
// the schema of migrations 0001 and 0002 (and 0003, which adds the
// archived column, when archived is set), the listings, a seed audit row
// and the first write recorded.
func makeReleaseDatabase(t *testing.T, ls []directory.Listing, archived bool) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "release.db")
	db, err := sql.Open("sqlite", dsn(path, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	stmts := []string{`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`}
	upTo := 2
	if archived {
		upTo = 3
	}
	for _, m := range ms[:upTo] {
		stmts = append(stmts, m.sql, `INSERT INTO schema_migrations VALUES (`+string(rune('0'+m.version))+`, '`+m.name+`', '2025-01-01T00:00:00Z')`)
	}
	stmts = append(stmts,
		`INSERT INTO audit (at, actor, action, detail) VALUES ('2025-01-01T00:00:00Z', 'nowrongdoor', 'seed', '{"source":"default directory"}')`,
		`INSERT INTO meta VALUES ('initialized_at', '2025-01-01T00:00:00Z')`)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	js := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, l := range ls {
		cols := `id, name, organization, level, description, services, keywords, categories, phones, email, website,
			street, city, state, zip, hours, eligibility, fees, languages, documents, source_urls, source_date,
			status, alert, alert_until, verified_on, verified_by, staff_notes, updated_at`
		args := []any{l.ID, l.Name, l.Organization, string(l.Level), l.Description, js(l.Services), js(l.Keywords),
			js(l.Categories), js(l.Phones), l.Email, l.Website, l.Address.Street, l.Address.City, l.Address.State,
			l.Address.Zip, l.Hours, l.Eligibility, l.Fees, js(l.Languages), l.Documents, js(l.SourceURLs), l.SourceDate,
			string(l.Status), l.Alert, l.AlertUntil.String(), l.VerifiedOn.String(), l.VerifiedBy, l.StaffNotes,
			l.UpdatedAt.Format(time.RFC3339Nano)}
		if archived {
			cols += ", archived"
			args = append(args, boolInt(l.Archived))
		}
		if _, err := db.Exec(`INSERT INTO listings (`+cols+`) VALUES (?`+repeatArgs(len(args)-1)+`)`, args...); err != nil {
			t.Fatal(err)
		}
	}
	if archived { // 0003's step: the seed event chained
		tx, err := db.Begin()
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := chainBacklog(context.Background(), tx); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// TestOpenCurrentReleaseDatabase opens a database made by the current
// release: every field of every listing reads back unchanged, the hours
// text read into schedules an admin has yet to confirm.
func TestOpenCurrentReleaseDatabase(t *testing.T) {
	ctx := context.Background()
	for _, archived := range []bool{false, true} {
		t.Run(map[bool]string{false: "release 0.1.0", true: "with archived column"}[archived], func(t *testing.T) {
			ls := releaseListings(t)
			if !archived {
				for i := range ls {
					ls[i].Archived = false
				}
			}
			s := openStoreAt(t, makeReleaseDatabase(t, ls, archived))
			got, err := s.Listings(ctx)
			if err != nil {
				t.Fatalf("Listings() = %v", err)
			}
			gone, err := s.Archived(ctx) // kept, off the desk
			if err != nil {
				t.Fatalf("Archived() = %v", err)
			}
			got = append(got, gone...)
			want := make([]directory.Listing, len(ls))
			for i, l := range ls {
				// What the release showed: hours read at every load.
				proposeHours(&l)
				l.Normalize()
				want[i] = l
			}
			wantByID := byID(want)
			if len(got) != len(want) {
				t.Fatalf("Listings() and Archived() = %d listings, want %d", len(got), len(want))
			}
			for _, g := range got {
				if w := wantByID[g.ID]; !reflect.DeepEqual(g, w) {
					t.Errorf("after migration %q =\n%+v\nwant\n%+v", g.ID, g, w)
				}
			}

			clinic := byID(got)["county-clinic"]
			if len(clinic.Schedules) != 1 || !clinic.Schedules[0].Proposed || !clinic.Schedules[0].Unconfirmed {
				t.Errorf("county-clinic schedules = %+v, want one, proposed and unconfirmed (staff notes doubt it)", clinic.Schedules)
			}
			shelter := byID(got)["county-shelter"]
			if len(shelter.Schedules) != 2 || !shelter.Schedules[0].Proposed || shelter.Schedules[1].Label == "" ||
				!shelter.Schedules[0].OpenAt(time.Date(2026, 1, 7, 3, 0, 0, 0, directory.Denver)) {
				t.Errorf("county-shelter schedules = %+v, want the shelter's overnight hours and dispatch's, proposed", shelter.Schedules)
			}
			if online := byID(got)["online-help"]; len(online.Schedules) != 0 || online.Hours != "By appointment only" {
				t.Errorf("online-help = schedules %+v, hours %q, want no schedule and the text kept", online.Schedules, online.Hours)
			}

			var tables int
			if err := s.rdb.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'listings'`).Scan(&tables); err != nil || tables != 0 {
				t.Errorf("listings table left = %d, %v, want it dropped", tables, err)
			}
			var orgs int
			if err := s.rdb.QueryRow(`SELECT count(*) FROM organization`).Scan(&orgs); err != nil || orgs != 1 {
				t.Errorf("organizations = %d, %v, want Salt Lake County once, shared by its listings", orgs, err)
			}
			if h, err := s.History(ctx, ""); err != nil || len(h) != 1 || h[0].Action != actionSeed {
				t.Errorf("History(\"\") = %+v, %v, want the release's seed row", h, err)
			}
			if seeded, err := s.SeedIfEmpty(ctx, ls); err != nil || seeded {
				t.Errorf("SeedIfEmpty(migrated database) = %v, %v, want false", seeded, err)
			}

			// Importing the same listings again changes nothing: what the
			// migration wrote is what an import writes.
			rep, err := s.Import(ctx, ls, ImportOptions{Actor: "test"})
			if err != nil || rep != (ImportReport{Unchanged: len(ls)}) {
				t.Errorf("Import(same listings) = %+v, %v, want all %d unchanged", rep, err, len(ls))
			}
		})
	}
}

// TestMigrationRefusesUnknownColumn: the migration refuses to drop a listings column it
// has no place for: the migration fails and the database stays as it was.
func TestMigrationRefusesUnknownColumn(t *testing.T) {
	ls := releaseListings(t)[:1]
	path := makeReleaseDatabase(t, ls, false)
	db, err := sql.Open("sqlite", dsn(path, ""))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`ALTER TABLE listings ADD COLUMN favourite TEXT NOT NULL DEFAULT 'yes'`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if s, err := Open(context.Background(), path); err == nil {
		s.Close()
		t.Fatal("Open(database with an unknown listings column) = nil error, want the migration refused")
	}
	db, err = sql.Open("sqlite", dsn(path, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM listings`).Scan(&n); err != nil || n != 1 {
		t.Errorf("listings after the refused migration = %d, %v, want the one row kept", n, err)
	}
}
