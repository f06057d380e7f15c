package directory

import (
	"context"
	"errors"
	"time"
)

// Domain errors the window and the command line act on; match them with
// errors.Is. Stores wrap them with what they were doing.
var (
	// ErrNotFound means no listing has the id asked for.
	ErrNotFound = errors.New("not found")
	// ErrConflict means someone else saved the listing after the admin
	// opened it; the fix is to reopen it and make the change again.
	ErrConflict = errors.New("changed by someone else since it was opened")
	// ErrNotArchived means a listing must be archived before it can be
	// deleted, so a listing on the desk is never deleted by one slip.
	ErrNotArchived = errors.New("only an archived listing can be deleted")
	// ErrBusy means another desk or program was saving to the directory
	// for longer than a write waits; nothing was written, and trying again
	// in a moment works.
	ErrBusy = errors.New("another program is saving changes to the database; nothing was written, try again in a moment")
	// ErrExists means a new listing was given an id another listing has.
	ErrExists = errors.New("a listing with this id already exists")
)

// The actions an Event records.
const (
	ActionSeed    = "seed"    // a new database filled with the default directory
	ActionImport  = "import"  // an import file, as a whole (its summary)
	ActionUpdate  = "update"  // a listing an import file changed
	ActionRefresh = "refresh" // the default directory updated its own listing
	ActionAdd     = "add"     // an admin added a listing in the window
	ActionEdit    = "edit"    // an admin changed fields in the window
	ActionArchive = "archive" // hidden from the desk, kept
	ActionRestore = "restore" // back on the desk
	ActionDelete  = "delete"  // removed for good (archived listings only)
	ActionVerify  = "verify"  // a person checked the listing against its sources
	ActionAdmin   = "admin"   // about admin mode itself (the password set)
	// ActionRestoreBackup is a backup put in place of the directory: the
	// event is the restored directory's newest, so who put it back, and
	// from which file, stays on record.
	ActionRestoreBackup = "restore-backup"
)

// FieldChange is one field of one listing as it was and as it became. Field
// is the listing's JSON field name ("name", "phones", "address.zip",
// "schedules"); Old and New are the values as text, "" when empty.
type FieldChange struct {
	Field    string
	Old, New string
}

// Event is one entry of the audit trail: who did what to which listing and
// when, with the fields it changed. Events are never changed or removed.
type Event struct {
	// Seq orders events; each is chained to the one before by a hash.
	Seq       int64
	At        time.Time
	Actor     string
	Action    string
	ListingID string // "" for a change to the whole directory
	// Note says more where fields do not (an import's file name).
	Note    string
	Changes []FieldChange
}

// ReviewItem is a listing waiting for a person to verify it.
type ReviewItem struct {
	ID, Name     string
	Organization string
	// VerifiedOn is zero for a listing never verified.
	VerifiedOn Date
}

// Editor is what admin mode needs of the store. Every method is one
// transaction that writes its audit events with the change, so a crash
// leaves both or neither. actor is the admin's name, on every change.
type Editor interface {
	// Load returns a listing as stored, archived or not.
	Load(ctx context.Context, id string) (Listing, error)
	// Save adds l when base is zero, or updates it when base is the
	// UpdatedAt the listing had when the admin opened it; if it has
	// changed since, Save returns ErrConflict and writes nothing. l is
	// normalized and validated first (a *ValidationError lists every
	// problem by field). It returns the listing as stored and the fields
	// that changed; saving an unchanged listing writes nothing.
	Save(ctx context.Context, l Listing, base time.Time, actor string) (Listing, []FieldChange, error)
	// Archive hides a listing from the desk and keeps it.
	Archive(ctx context.Context, id, actor string) error
	// Restore puts an archived listing back on the desk.
	Restore(ctx context.Context, id, actor string) error
	// Delete removes an archived listing for good; its history stays. A
	// listing not archived gives ErrNotArchived.
	Delete(ctx context.Context, id, actor string) error
	// MarkVerified records that actor checked the listing today (in
	// America/Denver) and returns it as stored.
	MarkVerified(ctx context.Context, id, actor string) (Listing, error)
	// History returns a listing's events, newest first.
	History(ctx context.Context, id string) ([]Event, error)
	// ReviewQueue returns the listings on the desk never verified or
	// verified longer ago than StaleAfter, oldest first (never verified
	// before all others).
	ReviewQueue(ctx context.Context) ([]ReviewItem, error)
	// Archived returns the archived listings, by name.
	Archived(ctx context.Context) ([]Listing, error)
}
