package main

import (
	"context"
	"sync"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/adminauth"
	"nowrongdoor/directory/search"
	"nowrongdoor/directory/sqlite"
	"nowrongdoor/ui"
)

// liveStore is the window's database, which a restore from the window
// replaces under it: every call goes to the store open now, and a
// restore waits for the calls under way, closes the store, puts the
// backup in place and opens it again before any other call runs. The
// window keeps one liveStore for its whole life.
type liveStore struct {
	mu sync.RWMutex
	s  *sqlite.Store
}

// hold holds off a restore until the returned func is called: every
// call to the store runs as defer ls.hold()().
func (ls *liveStore) hold() func() {
	ls.mu.RLock()
	return ls.mu.RUnlock
}

// restore replaces the database with the backup at path. The window's
// own connections are closed first, so that its write-ahead log is
// folded into the file and removed; one left after that belongs to
// another desk, and the restore is refused (sqlite.ErrInUse). Whatever
// happens, a store is open again when it returns.
func (ls *liveStore) restore(ctx context.Context, path, actor string, now time.Time) (sqlite.Restored, error) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	dbPath := ls.s.Path()
	if err := ls.s.Close(); err != nil {
		return sqlite.Restored{}, err
	}
	res, restoreErr := sqlite.Restore(ctx, dbPath, path, now, actor)
	// Reopen without the caller's context: a restore stopped midway must
	// still leave the window a database.
	s, err := sqlite.Open(context.WithoutCancel(ctx), dbPath)
	if err != nil {
		return res, err
	}
	ls.s = s
	return res, restoreErr
}

// close closes the store open now.
func (ls *liveStore) close() error {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return ls.s.Close()
}

func (ls *liveStore) Load(ctx context.Context, id string) (directory.Listing, error) {
	defer ls.hold()()
	return ls.s.Load(ctx, id)
}

func (ls *liveStore) Save(ctx context.Context, l directory.Listing, base time.Time, actor string) (directory.Listing, []directory.FieldChange, error) {
	defer ls.hold()()
	return ls.s.Save(ctx, l, base, actor)
}

func (ls *liveStore) Archive(ctx context.Context, id, actor string) error {
	defer ls.hold()()
	return ls.s.Archive(ctx, id, actor)
}

func (ls *liveStore) Restore(ctx context.Context, id, actor string) error {
	defer ls.hold()()
	return ls.s.Restore(ctx, id, actor)
}

func (ls *liveStore) Delete(ctx context.Context, id, actor string) error {
	defer ls.hold()()
	return ls.s.Delete(ctx, id, actor)
}

func (ls *liveStore) MarkVerified(ctx context.Context, id, actor string) (directory.Listing, error) {
	defer ls.hold()()
	return ls.s.MarkVerified(ctx, id, actor)
}

func (ls *liveStore) History(ctx context.Context, id string) ([]directory.Event, error) {
	defer ls.hold()()
	return ls.s.History(ctx, id)
}

func (ls *liveStore) ReviewQueue(ctx context.Context) ([]directory.ReviewItem, error) {
	defer ls.hold()()
	return ls.s.ReviewQueue(ctx)
}

func (ls *liveStore) Archived(ctx context.Context) ([]directory.Listing, error) {
	defer ls.hold()()
	return ls.s.Archived(ctx)
}

func (ls *liveStore) AdminState(ctx context.Context) (adminauth.State, error) {
	defer ls.hold()()
	return ls.s.AdminState(ctx)
}

func (ls *liveStore) SetAdminPassword(ctx context.Context, hash, actor string) error {
	defer ls.hold()()
	return ls.s.SetAdminPassword(ctx, hash, actor)
}

func (ls *liveStore) BeginAdminAttempt(ctx context.Context, at time.Time) (adminauth.State, error) {
	defer ls.hold()()
	return ls.s.BeginAdminAttempt(ctx, at)
}

func (ls *liveStore) EndAdminAttempt(ctx context.Context) error {
	defer ls.hold()()
	return ls.s.EndAdminAttempt(ctx)
}

func (ls *liveStore) ReviewCounts(ctx context.Context) (never, stale int, err error) {
	defer ls.hold()()
	return ls.s.ReviewCounts(ctx)
}

func (ls *liveStore) ChangeCount(ctx context.Context) (int64, error) {
	defer ls.hold()()
	return ls.s.ChangeCount(ctx)
}

func (ls *liveStore) Directory(ctx context.Context) (ui.Directory, error) {
	defer ls.hold()()
	d, err := readDirectory(ctx, ls.s, ls)
	if err != nil {
		return nil, err
	}
	return d, nil
}

// listings reads every listing on the desk, for an export.
func (ls *liveStore) listings(ctx context.Context) ([]directory.Listing, error) {
	defer ls.hold()()
	return ls.s.Listings(ctx)
}

// SearchTerm reads a term of the window's search index.
func (ls *liveStore) SearchTerm(ctx context.Context, version string, term int32) ([]byte, error) {
	defer ls.hold()()
	return ls.s.SearchTerm(ctx, search.Format(), version, term)
}

// ListingsByID reads whole listings for the window's directory.
func (ls *liveStore) ListingsByID(ctx context.Context, ids []string) ([]directory.Listing, error) {
	defer ls.hold()()
	return ls.s.ListingsByID(ctx, ids)
}

// Summary counts the listings for the About dialog.
func (ls *liveStore) Summary(ctx context.Context, t time.Time) (sqlite.Summary, error) {
	defer ls.hold()()
	return ls.s.Summary(ctx, t)
}

// The window's admin mode works through a liveStore.
var _ ui.AdminStore = (*liveStore)(nil)
