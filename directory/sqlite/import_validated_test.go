package sqlite

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/hours"
)

// readerOutput returns listings as a file reader hands them on: hours
// proposed, normalized and valid.
func readerOutput(t *testing.T, ls []directory.Listing) []directory.Listing {
	t.Helper()
	out := make([]directory.Listing, len(ls))
	for i, l := range ls {
		if len(l.Schedules) == 0 {
			l.Schedules = hours.Propose(l.Hours)
		}
		l.Normalize()
		out[i] = l
	}
	if err := directory.ValidateListings(out, time.Now()); err != nil {
		t.Fatalf("the default listings do not validate: %v", err)
	}
	return out
}

func TestImportValidatedWritesTheSame(t *testing.T) {
	ctx := context.Background()
	ls := readerOutput(t, defaultListings(t))
	var got [2][]directory.Listing
	for i, validated := range []bool{false, true} {
		s := openStore(t)
		rep, err := s.Import(ctx, ls, ImportOptions{Actor: "test", Source: "file", Validated: validated})
		if err != nil || rep.Added != len(ls) {
			t.Fatalf("Import(Validated: %v) = %+v, %v, want %d added", validated, rep, err, len(ls))
		}
		if err := s.VerifyAudit(ctx); err != nil {
			t.Errorf("after Import(Validated: %v) VerifyAudit() = %v", validated, err)
		}
		if got[i], err = s.Listings(ctx); err != nil {
			t.Fatal(err)
		}
		for j := range got[i] {
			got[i][j].UpdatedAt = time.Time{} // the import's own time
		}
	}
	if !reflect.DeepEqual(got[0], got[1]) {
		t.Error("a validated import stored other listings than one the store validated")
	}
}

func TestImportValidatedStillRefuses(t *testing.T) {
	ctx := context.Background()
	def := readerOutput(t, defaultListings(t))
	tests := []struct {
		name   string
		break_ func([]directory.Listing) []directory.Listing
		index  int // the record the problem names
		field  string
	}{
		{"a duplicate id", func(ls []directory.Listing) []directory.Listing { return append(ls, ls[3]) }, 40, "id"},
		{"no name", func(ls []directory.Listing) []directory.Listing { ls[30].Name = ""; return ls }, 30, "name"},
		{"no id", func(ls []directory.Listing) []directory.Listing { ls[20].ID = ""; return ls }, 20, "id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openStore(t)
			if _, err := s.SeedIfEmpty(ctx, def[:10]); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, s)
			ls := tt.break_(append([]directory.Listing(nil), def[10:50]...))
			rep, err := s.Import(ctx, ls, ImportOptions{Actor: "test", Validated: true})
			var ve *directory.ValidationError
			if !errors.Is(err, directory.ErrInvalidFile) || !errors.As(err, &ve) {
				t.Fatalf("Import(%s) = %+v, %v, want a ValidationError", tt.name, rep, err)
			}
			found := false
			for _, p := range ve.Problems {
				found = found || p.Index == tt.index && p.Field == tt.field
			}
			if !found {
				t.Errorf("Import(%s) problems = %v, want one about record %d's %s", tt.name, ve.Problems, tt.index, tt.field)
			}
			if after := snapshot(t, s); after != before {
				t.Errorf("Import(%s) changed the database:\nbefore %s\nafter  %s", tt.name, before, after)
			}
		})
	}
}

// TestImportChangedInFileOrder: an import writes listings in the order of
// their service ids, but tells Changed of them in the file's order, so a
// dry run's report reads like the file.
func TestImportChangedInFileOrder(t *testing.T) {
	ctx := context.Background()
	ls := defaultListings(t)
	var want, got []string
	for i := len(ls) - 1; i >= 0; i-- {
		want = append(want, ls[i].ID)
	}
	slices.Reverse(ls)
	s := openStore(t)
	_, err := s.Import(ctx, ls, ImportOptions{Actor: "test", Changed: func(ch ImportChange) { got = append(got, ch.ID) }})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("Changed was told of %d listings in another order than the file's: first %v, want %v", len(got), got[:3], want[:3])
	}
	if err := s.VerifyAudit(ctx); err != nil {
		t.Errorf("VerifyAudit() = %v", err)
	}
}
