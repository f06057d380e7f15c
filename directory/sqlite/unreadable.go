package sqlite

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"nowrongdoor/directory"
	"nowrongdoor/directory/hsds"
)

// A listing whose stored rows cannot be read (a list column that is not a
// JSON array, a date that is not a date, schedule rows out of order: what a
// hand edit of the file or a damaged sector leaves) must not take the
// whole directory down with it. A load skips it and keeps its problems;
// the desk shows the rest, `check` names it, and saving or importing the
// listing again writes its rows anew.

// ErrUnreadable means a stored listing's rows cannot be read. The fix is
// to save the listing again in admin mode or import it again, which
// replaces its rows; the rest of the directory is unaffected.
var ErrUnreadable = errors.New("a listing's stored rows cannot be read")

// UnreadableError is the error for a listing asked for by id whose rows
// cannot be read. It matches ErrUnreadable.
type UnreadableError struct {
	// ID is the listing's id.
	ID string
	// Listing holds what could be read, the unreadable fields left empty,
	// for an editor to open and save over the bad rows.
	Listing directory.Listing
	// Problems name each field that cannot be read and what it holds.
	Problems []directory.Problem
}

func (e *UnreadableError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Message
	}
	return strings.Join(msgs, "; ")
}

// Readable returns what could be read of the listing, for an editor to
// open: saving it writes the listing whole again.
func (e *UnreadableError) Readable() directory.Listing { return e.Listing }

// Is makes the error match ErrUnreadable.
func (e *UnreadableError) Is(target error) bool { return target == ErrUnreadable }

// unreadableListing is a listing a read skipped: what could be read of it
// and why the rest could not.
type unreadableListing struct {
	listing  directory.Listing
	problems []directory.Problem
}

// unreadableLog keeps the problems of the store's last load.
type unreadableLog struct {
	mu       sync.Mutex
	problems []directory.Problem
}

// Unreadable returns the problems of the listings the last load
// (Listings, SearchListings, Archived and the review counts) left out
// because their rows cannot be read, ordered by listing id: each names the
// listing, the field, what the database holds there and how to fix it.
// None after a clean load. SearchListings reads fewer columns, so it may
// find fewer.
func (s *Store) Unreadable() []directory.Problem {
	s.unreadable.mu.Lock()
	defer s.unreadable.mu.Unlock()
	return slices.Clone(s.unreadable.problems)
}

// noteUnreadable records what a load skipped.
func (s *Store) noteUnreadable(bad []unreadableListing) {
	var ps []directory.Problem
	for _, b := range bad {
		ps = append(ps, b.problems...)
	}
	s.unreadable.mu.Lock()
	s.unreadable.problems = ps
	s.unreadable.mu.Unlock()
}

// rowProblem is the problem of a stored listing's field that cannot be
// read; what says what is wrong, and the message says how to fix it.
func rowProblem(id, field, what string) directory.Problem {
	return directory.Problem{Index: -1, ID: id, Field: field, Message: fmt.Sprintf(
		"listing %q: %s; save it again in admin mode or import it again, which replaces what is stored", id, what)}
}

// words names a service column as an admin knows the field.
func words(column string) string {
	switch column {
	case "services":
		return "services (what to refer for)"
	case "keywords":
		return "customer words"
	case "source_urls":
		return "source links"
	case "alert_until":
		return "alert end date"
	case "verified_on":
		return "date verified"
	}
	return column
}

// quoteShort quotes a stored value for a message, cut short: a damaged
// column may hold anything, of any length.
func quoteShort(v string) string {
	const most = 40
	if r := []rune(v); len(r) > most {
		return strconv.Quote(string(r[:most])) + "…"
	}
	return strconv.Quote(v)
}

// unreadableAmong returns those of the listings with ids whose rows a
// load would skip, reading only the columns that can fail to be read (the
// list columns, the dates and the schedule rows) and putting them through
// the same decoding: a fraction of reading the listings whole. An import
// checks so the listings whose stored content hash matches what arrives,
// which it would otherwise never read.
func unreadableAmong(ctx context.Context, q querier, ids []string) (map[string]bool, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	marks := "(?" + repeatArgs(len(ids)-1) + ")"
	args, childArgs := make([]any, len(ids)), make([]any, len(ids))
	listingOf := make(map[string]string, len(ids))
	for i, id := range ids {
		sid := hsds.ServiceID(id)
		args[i], childArgs[i], listingOf[sid] = id, sid, id
	}
	services, err := scanAll(ctx, q, `SELECT listing_id, services, keywords, categories, languages, source_urls,
		alert_until, verified_on, updated_at FROM service WHERE listing_id IN `+marks, args, serviceFields)
	if err != nil {
		return nil, fmt.Errorf("look for unreadable listings: %w", err)
	}
	bad := map[string]bool{}
	for i := range services {
		if _, ps := decodeService(&services[i], nil, true); len(ps) > 0 {
			bad[services[i].ListingID] = true
		}
	}
	schedules, err := scanAll(ctx, q, scheduleSQL+" WHERE service_id IN "+marks+" ORDER BY service_id, position, part", childArgs, scheduleFields)
	if err != nil {
		return nil, fmt.Errorf("look for unreadable listings: %w", err)
	}
	var l directory.Listing
	for i := range schedules {
		r := &schedules[i]
		if i == 0 || r.ServiceID != schedules[i-1].ServiceID {
			l = directory.Listing{ID: listingOf[r.ServiceID]}
		}
		if addSchedulePart(&l, r) != nil {
			bad[l.ID] = true
		}
	}
	return bad, nil
}
