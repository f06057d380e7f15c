package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/hours"
)

// The store is what admin mode edits.
var _ directory.Editor = (*Store)(nil)

// checkActor refuses a change no one would answer for: every event names
// who made it.
func checkActor(actor string) (string, error) {
	actor = strings.TrimSpace(actor)
	if actor == "" {
		return "", errors.New("no admin name given; give the name of the admin making the change, which every change is recorded with")
	}
	return actor, nil
}

// stamp returns the UpdatedAt of a listing changed at now whose last
// version has last: now, or just after last when the clock says otherwise
// (it was set back, or two saves fall in one tick), so that every version
// has its own and an optimistic check never takes one for another.
func stamp(now, last time.Time) time.Time {
	if !now.After(last) {
		return last.Add(time.Nanosecond)
	}
	return now
}

// Load returns a listing as stored, archived or not.
func (s *Store) Load(ctx context.Context, id string) (directory.Listing, error) {
	l, err := readListing(ctx, s.rdb, id)
	if err != nil {
		return directory.Listing{}, fmt.Errorf("load: %w", err)
	}
	return l, nil
}

// Save adds l when base is zero, or updates the listing with l's id when
// base is the UpdatedAt it had when the admin opened it; one changed
// since gives directory.ErrConflict, an id taken by another listing
// directory.ErrExists. l is normalized and validated first (with hours
// text and no schedules, it gets those the hours reader proposes): a
// *directory.ValidationError lists every problem by field. Whether the
// listing is archived and who verified it when are kept as stored (a new
// listing is neither): Archive, Restore and MarkVerified change them, each
// its own event. Save returns the listing as stored and the fields that
// changed, recorded as one "add" or "edit" event in the same transaction;
// a listing saved unchanged writes nothing and records nothing. A stored
// listing whose rows cannot be read (ErrUnreadable) is replaced by l,
// whatever base is, and recorded as an edit from what could be read.
func (s *Store) Save(ctx context.Context, l directory.Listing, base time.Time, actor string) (directory.Listing, []directory.FieldChange, error) {
	actor, err := checkActor(actor)
	if err != nil {
		return directory.Listing{}, nil, fmt.Errorf("save: %w", err)
	}
	proposeHours(&l)
	l.Normalize()
	now := s.now()
	var saved directory.Listing
	var changes []directory.FieldChange
	err = s.write(ctx, func(tx *sql.Tx) error {
		stored, err := readListing(ctx, tx, l.ID)
		adding := base.IsZero()
		// A listing whose rows cannot be read is saved over, as added or
		// as opened from what could be read: its rows are written anew.
		var bad *UnreadableError
		repair := errors.As(err, &bad)
		if repair {
			stored, err, adding = bad.Listing, nil, false
			base = stored.UpdatedAt
		}
		switch {
		case adding && err == nil:
			return fmt.Errorf("listing %q: %w", l.ID, directory.ErrExists)
		case adding && errors.Is(err, ErrNotFound):
			stored = directory.Listing{}
		case err != nil:
			return err
		case formatTime(stored.UpdatedAt) != formatTime(base):
			return fmt.Errorf("listing %q: %w (saved at %s)", l.ID, directory.ErrConflict, stored.UpdatedAt.In(directory.Denver).Format("3:04:05pm Jan 2"))
		}
		l.Archived, l.VerifiedOn, l.VerifiedBy = stored.Archived, stored.VerifiedOn, stored.VerifiedBy
		// Schedules the hours reader proposed follow the published text
		// until an admin confirms them: a new text proposes them anew.
		if !adding && l.Hours != stored.Hours && allProposed(l.Schedules) && reflect.DeepEqual(l.Schedules, stored.Schedules) {
			l.Schedules = hours.Propose(l.Hours)
			l.Normalize()
		}
		if ps := l.Validate(now); len(ps) > 0 {
			for i := range ps {
				ps[i].ID = l.ID
			}
			return &directory.ValidationError{Problems: ps}
		}
		if changes = directory.Diff(stored, l); len(changes) == 0 && !repair {
			saved = stored
			return nil
		}
		l.UpdatedAt = stamp(now, stored.UpdatedAt)
		action, detail := directory.ActionEdit, any(map[string]any{"before": stored})
		if adding {
			action, detail = directory.ActionAdd, nil
			err = insertListing(ctx, tx, &l)
		} else {
			err = updateListing(ctx, tx, &l)
		}
		if err != nil {
			return err
		}
		if _, err := appendEvent(ctx, tx, directory.Event{At: l.UpdatedAt, Actor: actor, Action: action,
			ListingID: l.ID, Changes: changes}, detail); err != nil {
			return err
		}
		if err := markInitialized(ctx, tx, now); err != nil {
			return err
		}
		saved, err = readListing(ctx, tx, l.ID)
		return err
	})
	if err != nil {
		return directory.Listing{}, nil, fmt.Errorf("save: %w", err)
	}
	return saved, changes, nil
}

// Archive hides a listing from the desk and keeps it. Archiving an
// archived listing does nothing.
func (s *Store) Archive(ctx context.Context, id, actor string) error {
	if err := s.setArchived(ctx, id, actor, true); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	return nil
}

// Restore puts an archived listing back on the desk. Restoring a listing
// on the desk does nothing.
func (s *Store) Restore(ctx context.Context, id, actor string) error {
	if err := s.setArchived(ctx, id, actor, false); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	return nil
}

func (s *Store) setArchived(ctx context.Context, id, actor string, archived bool) error {
	actor, err := checkActor(actor)
	if err != nil {
		return err
	}
	action := directory.ActionRestore
	if archived {
		action = directory.ActionArchive
	}
	now := s.now()
	return s.write(ctx, func(tx *sql.Tx) error {
		l, err := readListing(ctx, tx, id)
		if err != nil || l.Archived == archived {
			return err
		}
		old := l
		l.Archived, l.UpdatedAt = archived, stamp(now, old.UpdatedAt)
		if err := updateListing(ctx, tx, &l); err != nil {
			return err
		}
		_, err = appendEvent(ctx, tx, directory.Event{At: l.UpdatedAt, Actor: actor, Action: action,
			ListingID: id, Changes: directory.Diff(old, l)}, nil)
		return err
	})
}

// Delete removes an archived listing for good; its history stays, and
// its last event holds every field it had. A listing on the desk gives
// directory.ErrNotArchived.
func (s *Store) Delete(ctx context.Context, id, actor string) error {
	actor, err := checkActor(actor)
	if err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	now := s.now()
	err = s.write(ctx, func(tx *sql.Tx) error {
		l, err := readListing(ctx, tx, id)
		if err != nil {
			return err
		}
		if !l.Archived {
			return fmt.Errorf("listing %q: %w; archive it first", id, directory.ErrNotArchived)
		}
		if err := deleteListing(ctx, tx, id); err != nil {
			return err
		}
		_, err = appendEvent(ctx, tx, directory.Event{At: stamp(now, l.UpdatedAt), Actor: actor, Action: directory.ActionDelete,
			ListingID: id, Changes: directory.Diff(l, directory.Listing{})}, map[string]any{"before": l})
		return err
	})
	if err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	return nil
}

// MarkVerified records that actor checked the listing against its sources
// today, in America/Denver, as a "verify" event of its own (recorded again
// when the same admin checks it again the same day), and returns the
// listing as stored.
func (s *Store) MarkVerified(ctx context.Context, id, actor string) (directory.Listing, error) {
	actor, err := checkActor(actor)
	if err != nil {
		return directory.Listing{}, fmt.Errorf("mark verified: %w", err)
	}
	now := s.now()
	var saved directory.Listing
	err = s.write(ctx, func(tx *sql.Tx) error {
		l, err := readListing(ctx, tx, id)
		if err != nil {
			return err
		}
		old := l
		l.VerifiedOn, l.VerifiedBy, l.UpdatedAt = directory.DateOf(now), actor, stamp(now, old.UpdatedAt)
		if err := updateListing(ctx, tx, &l); err != nil {
			return err
		}
		if _, err := appendEvent(ctx, tx, directory.Event{At: l.UpdatedAt, Actor: actor, Action: directory.ActionVerify,
			ListingID: id, Changes: directory.Diff(old, l)}, nil); err != nil {
			return err
		}
		saved, err = readListing(ctx, tx, id)
		return err
	})
	if err != nil {
		return directory.Listing{}, fmt.Errorf("mark verified: %w", err)
	}
	return saved, nil
}

// allProposed reports whether every schedule is one the hours reader
// proposed and no admin has confirmed.
func allProposed(ss []directory.Schedule) bool {
	for _, sc := range ss {
		if !sc.Proposed {
			return false
		}
	}
	return true
}
