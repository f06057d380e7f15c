package sqlite

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"nowrongdoor/directory"
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
