package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"nowrongdoor/directory"
)

// TestRowPrimitives writes one listing through the editor's primitives:
// what is read back is what was written, a rewrite keeps the rows' ids and
// leaves nothing of the old version behind, and a removal removes it all.
func TestRowPrimitives(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	l := fullListing()
	l.UpdatedAt = time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC)
	l.Phones = append(l.Phones, directory.Phone{Label: "After hours", Number: "801-555-0177", Note: "Rarely answered", Open247: true})
	l.Schedules = append(l.Schedules, directory.Schedule{Label: "Walk-ins", Description: "Second Tuesday only",
		ValidFrom: directory.Date{Year: 2026, Month: 1, Day: 1}, ValidTo: directory.Date{Year: 2026, Month: 6, Day: 30}})
	l.Schedules[0].Proposed = false // an admin confirmed it
	l.Archived = true

	write := func(f func(tx *sql.Tx) error) {
		t.Helper()
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if err := f(tx); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	count := func(q string) int {
		t.Helper()
		var n int
		if err := s.rdb.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	ids := func() string {
		t.Helper()
		var v string
		if err := s.rdb.QueryRow(`SELECT coalesce(group_concat(id, ','), '') FROM (SELECT id FROM phone UNION ALL SELECT id FROM schedule ORDER BY id)`).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}

	write(func(tx *sql.Tx) error { return insertListing(ctx, tx, &l) })
	got, err := s.Load(ctx, l.ID)
	if err != nil || !reflect.DeepEqual(got, l) {
		t.Fatalf("Listing after insertListing =\n%+v, %v\nwant\n%+v", got, err, l)
	}
	firstIDs := ids()

	changed := l
	changed.Organization = "Another Agency"
	changed.Phones = changed.Phones[:1]
	changed.Schedules = changed.Schedules[1:]
	changed.Address = directory.Address{}
	write(func(tx *sql.Tx) error { return updateListing(ctx, tx, &changed) })
	if got, err := s.Load(ctx, l.ID); err != nil || !reflect.DeepEqual(got, changed) {
		t.Errorf("Listing after updateListing =\n%+v, %v\nwant\n%+v", got, err, changed)
	}
	if n := count(`SELECT count(*) FROM organization WHERE name = '` + l.Organization + `'`); n != 0 {
		t.Errorf("old organization rows after updateListing = %d, want it removed with its last listing", n)
	}
	if n := count(`SELECT count(*) FROM location`); n != 0 {
		t.Errorf("locations after the address was cleared = %d, want 0", n)
	}
	write(func(tx *sql.Tx) error { return updateListing(ctx, tx, &l) })
	if got := ids(); got != firstIDs {
		t.Errorf("row ids after writing the listing again = %s, want %s", got, firstIDs)
	}

	write(func(tx *sql.Tx) error { return deleteListing(ctx, tx, l.ID) })
	if _, err := s.Load(ctx, l.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Listing after deleteListing = %v, want ErrNotFound", err)
	}
	for _, table := range []string{"service", "organization", "location", "phone", "schedule"} {
		if n := count(`SELECT count(*) FROM ` + table); n != 0 {
			t.Errorf("%s rows after deleteListing = %d, want 0", table, n)
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := updateListing(ctx, tx, &l); !errors.Is(err, ErrNotFound) {
		t.Errorf("updateListing(removed listing) = %v, want ErrNotFound", err)
	}
	if err := deleteListing(ctx, tx, l.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleteListing(removed listing) = %v, want ErrNotFound", err)
	}
}

// jsonArray writes a list column exactly as encoding/json does, for plain
// and unusual strings alike: a stored list compares equal to a new one.
func TestJSONArrayMatchesEncodingJSON(t *testing.T) {
	for _, v := range [][]string{nil, {}, {""}, {"food", "SNAP benefits"}, {"a<b", "x&y", "q\"uote", "back\\slash"},
		{"Español", "tab\there", "line\u2028sep", "\x7f", "bad \xff utf-8"}} {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if string(want) == "null" {
			want = []byte("[]")
		}
		if got, err := jsonArray(v); err != nil || got != string(want) {
			t.Errorf("jsonArray(%q) = %s, %v; want %s", v, got, err, want)
		}
	}
}
