package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"nowrongdoor/directory"
	"nowrongdoor/directory/adminauth"
)

// storeTries is how many times a write the store could not make (it was
// busy with another desk's write) is tried before the admin is told.
const storeTries = 3

// retryStore runs fn until it succeeds, gives a domain error the admin
// must act on, or has failed storeTries times. A store busy with another
// desk's write is tried again quietly: every write is one transaction, so
// a failed one changed nothing.
func retryStore(ctx context.Context, fn func() error) error {
	var err error
	for try := range storeTries {
		if err = fn(); err == nil || isDomainError(err) {
			return err
		}
		if adminauth.SleepContext(ctx, time.Duration(try+1)*200*time.Millisecond) != nil {
			return err
		}
	}
	return err
}

// isDomainError reports whether err is an answer about the listing rather
// than a failure of the store, so trying again would not help.
func isDomainError(err error) bool {
	var ve *directory.ValidationError
	return errors.As(err, &ve) || errors.Is(err, directory.ErrConflict) || errors.Is(err, directory.ErrNotFound) ||
		errors.Is(err, directory.ErrNotArchived) || errors.Is(err, directory.ErrExists)
}

// reload is the directory read again after a change: the directory to
// search, the change count it was read at, and the review counts.
type reload struct {
	count        int64
	ix           Directory
	never, stale int
}

// readBack reads the directory again, off the Fyne goroutine. The count is
// read first, so the directory is at least as new as it says.
func readBack(ctx context.Context, s AdminStore) (reload, error) {
	var r reload
	err := retryStore(ctx, func() error {
		var err error
		if r.count, err = s.ChangeCount(ctx); err != nil {
			return err
		}
		if r.ix, err = s.Directory(ctx); err != nil {
			return err
		}
		r.never, r.stale, err = s.ReviewCounts(ctx)
		return err
	})
	return r, err
}

// applyReload swaps in a directory read again, unless one as new or newer
// is on show already. The search, the open category and the listing on
// show stay. With showID set (the listing an admin just saved) that
// listing is shown. Call it on the Fyne goroutine.
func (d *Desk) applyReload(r reload, showID string) {
	d.setCounts(r.never, r.stale)
	if !d.admin.mark.advance(r.count) {
		d.showSaved(showID)
		return
	}
	d.SetDirectory(r.ix)
	d.showSaved(showID)
	if e := d.admin.editor; e != nil {
		e.otherSaved()
	}
	if q := d.admin.queue; q != nil {
		q.load()
	}
	if a := d.admin.archived; a != nil {
		a.load()
	}
}

// showSaved shows the listing with id in the middle pane, if the desk has
// it, and keeps it there when the search running now finds it.
func (d *Desk) showSaved(id string) {
	if id == "" {
		return
	}
	l, ok := d.dir.Listing(id)
	if !ok {
		return
	}
	d.showListing(l)
	if d.applied != d.seq {
		d.keepID = id
	}
}

// storeProblem says what went wrong with the store in words an admin can
// act on. A store busy with another desk's write, still busy after the
// tries, is said as that, never as SQLite's "database is locked"; a store
// that does not name it directory.ErrBusy is recognised by its words.
func storeProblem(err error) string {
	msg := strings.ToLower(err.Error())
	if errors.Is(err, directory.ErrBusy) || strings.Contains(msg, "database is locked") || strings.Contains(msg, "sqlite_busy") || strings.Contains(msg, "database table is locked") {
		return lang.L("another desk is saving to the directory right now")
	}
	return err.Error()
}
