package ui

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/adminauth"
	"nowrongdoor/directory/directorytest"
	"nowrongdoor/directory/search"
)

// fakeAdminStore is an AdminStore in memory, keeping the contract's
// rules: a conflict when the listing changed since it was opened, delete
// only when archived, the review queue's order, a change count that rises
// with every write.
type fakeAdminStore struct {
	mu       sync.Mutex
	listings map[string]directory.Listing
	events   []directory.Event
	count    int64
	state    adminauth.State
	// setCalls counts SetAdminPassword; writes counts every write to the
	// directory.
	setCalls, writes int
	// saveErr, when set, is what the next Save returns; busy makes every
	// read fail as a locked database would.
	saveErr error
	busy    bool
	now     time.Time
	// damaged lists listings whose stored rows cannot all be read: Load
	// gives what could be read, in a partial error, as the store does.
	damaged map[string]string
}

// partialErr is the fake's error for a damaged listing.
type partialErr struct {
	l   directory.Listing
	why string
}

func (e partialErr) Error() string               { return e.why }
func (e partialErr) Readable() directory.Listing { return e.l }

func newFakeAdminStore(ls []directory.Listing) *fakeAdminStore {
	f := &fakeAdminStore{listings: map[string]directory.Listing{}, now: testNow}
	for i, l := range ls {
		l.UpdatedAt = testNow.Add(-time.Duration(i+1) * time.Hour)
		f.listings[l.ID] = l
	}
	return f
}

var errBusy = errors.New("database is locked (5) (SQLITE_BUSY)")

func (f *fakeAdminStore) tick() time.Time {
	f.count++
	f.writes++
	return f.now.Add(time.Duration(f.count) * time.Second)
}

func (f *fakeAdminStore) record(actor, action, id string, changes []directory.FieldChange) {
	f.events = append(f.events, directory.Event{Seq: int64(len(f.events) + 1), At: f.now, Actor: actor, Action: action, ListingID: id, Changes: changes})
}

func (f *fakeAdminStore) Load(_ context.Context, id string) (directory.Listing, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	l, ok := f.listings[id]
	if !ok {
		return l, fmt.Errorf("load %q: %w", id, directory.ErrNotFound)
	}
	if why, bad := f.damaged[id]; bad {
		l.Schedules = nil
		return directory.Listing{}, fmt.Errorf("load %q: %w", id, partialErr{l, why})
	}
	return l, nil
}

// fieldsOf is a listing's fields by JSON name, as text.
func fieldsOf(l directory.Listing) map[string]string {
	l.UpdatedAt = time.Time{}
	raw, _ := json.Marshal(l)
	var m map[string]json.RawMessage
	_ = json.Unmarshal(raw, &m)
	out := map[string]string{}
	for k, v := range m {
		out[k] = string(v)
	}
	return out
}

func (f *fakeAdminStore) Save(_ context.Context, l directory.Listing, base time.Time, actor string) (directory.Listing, []directory.FieldChange, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.saveErr; err != nil {
		f.saveErr = nil
		return directory.Listing{}, nil, err
	}
	directorytest.Prepare(&l) // as the store takes a listing in
	if ps := l.Validate(f.now); len(ps) > 0 {
		return directory.Listing{}, nil, &directory.ValidationError{Problems: ps}
	}
	old, exists := f.listings[l.ID]
	switch {
	case base.IsZero() && exists:
		return directory.Listing{}, nil, directory.ErrExists
	case !base.IsZero() && !exists:
		return directory.Listing{}, nil, directory.ErrNotFound
	case !base.IsZero() && !old.UpdatedAt.Equal(base):
		return directory.Listing{}, nil, fmt.Errorf("save %q: %w", l.ID, directory.ErrConflict)
	}
	was, now := fieldsOf(old), fieldsOf(l)
	var changes []directory.FieldChange
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range now {
			if !yield(k) {
				return
			}
		}
	}) {
		if was[k] != now[k] {
			changes = append(changes, directory.FieldChange{Field: k, Old: was[k], New: now[k]})
		}
	}
	if len(changes) == 0 {
		return old, nil, nil
	}
	l.UpdatedAt = f.tick()
	l.Archived = old.Archived
	f.listings[l.ID] = l
	action := directory.ActionEdit
	if !exists {
		action = directory.ActionAdd
	}
	f.record(actor, action, l.ID, changes)
	return l, changes, nil
}

func (f *fakeAdminStore) setArchived(id, actor string, archived bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	l, ok := f.listings[id]
	if !ok {
		return directory.ErrNotFound
	}
	l.Archived = archived
	l.UpdatedAt = f.tick()
	f.listings[id] = l
	action := directory.ActionRestore
	if archived {
		action = directory.ActionArchive
	}
	f.record(actor, action, id, nil)
	return nil
}

func (f *fakeAdminStore) Archive(_ context.Context, id, actor string) error {
	return f.setArchived(id, actor, true)
}

func (f *fakeAdminStore) Restore(_ context.Context, id, actor string) error {
	return f.setArchived(id, actor, false)
}

func (f *fakeAdminStore) Delete(_ context.Context, id, actor string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	l, ok := f.listings[id]
	switch {
	case !ok:
		return directory.ErrNotFound
	case !l.Archived:
		return directory.ErrNotArchived
	}
	delete(f.listings, id)
	f.tick()
	f.record(actor, directory.ActionDelete, id, nil)
	return nil
}

func (f *fakeAdminStore) MarkVerified(_ context.Context, id, actor string) (directory.Listing, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	l, ok := f.listings[id]
	if !ok {
		return l, directory.ErrNotFound
	}
	l.VerifiedOn, l.VerifiedBy = directory.DateOf(f.now), actor
	l.UpdatedAt = f.tick()
	f.listings[id] = l
	f.record(actor, directory.ActionVerify, id, nil)
	return l, nil
}

func (f *fakeAdminStore) History(_ context.Context, id string) ([]directory.Event, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []directory.Event
	for i := len(f.events) - 1; i >= 0; i-- {
		if f.events[i].ListingID == id {
			out = append(out, f.events[i])
		}
	}
	return out, nil
}

func (f *fakeAdminStore) sorted(keep func(directory.Listing) bool) []directory.Listing {
	var out []directory.Listing
	for _, l := range f.listings {
		if keep(l) {
			out = append(out, l)
		}
	}
	slices.SortFunc(out, func(a, b directory.Listing) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

func (f *fakeAdminStore) ReviewQueue(context.Context) ([]directory.ReviewItem, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []directory.ReviewItem
	for _, l := range f.sorted(func(l directory.Listing) bool { return !l.Archived && l.Stale(f.now) }) {
		out = append(out, directory.ReviewItem{ID: l.ID, Name: l.Name, Organization: l.Organization, VerifiedOn: l.VerifiedOn})
	}
	slices.SortStableFunc(out, func(a, b directory.ReviewItem) int {
		switch {
		case a.VerifiedOn == b.VerifiedOn:
			return 0
		case a.VerifiedOn.IsZero():
			return -1
		case b.VerifiedOn.IsZero():
			return 1
		case a.VerifiedOn.Before(b.VerifiedOn):
			return -1
		}
		return 1
	})
	return out, nil
}

func (f *fakeAdminStore) Archived(context.Context) ([]directory.Listing, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.sorted(func(l directory.Listing) bool { return l.Archived }), nil
}

func (f *fakeAdminStore) AdminState(context.Context) (adminauth.State, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.state, nil
}

func (f *fakeAdminStore) SetAdminPassword(_ context.Context, hash, actor string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.setCalls++
	if f.state.IsSet() {
		return adminauth.ErrPasswordSet
	}
	f.state.Hash = hash
	f.record(actor, directory.ActionAdmin, "", nil)
	return nil
}

func (f *fakeAdminStore) BeginAdminAttempt(_ context.Context, at time.Time) (adminauth.State, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	st := f.state
	if !st.IsSet() {
		return st, adminauth.ErrNoPassword
	}
	if st.Wait(at) > 0 {
		return st, adminauth.ErrTooSoon
	}
	f.state.Failures++
	f.state.LastFailure = at
	return st, nil
}

func (f *fakeAdminStore) EndAdminAttempt(context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.state.Failures, f.state.LastFailure = 0, time.Time{}
	return nil
}

func (f *fakeAdminStore) ReviewCounts(context.Context) (never, stale int, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.busy {
		return 0, 0, errBusy
	}
	var ls []directory.Listing
	for _, l := range f.listings {
		ls = append(ls, l)
	}
	never, stale = directory.CountReview(ls, f.now)
	return never, stale, nil
}

func (f *fakeAdminStore) ChangeCount(context.Context) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.busy {
		return 0, errBusy
	}
	return f.count, nil
}

// onDesk returns the listings on the desk (not archived), by id.
func (f *fakeAdminStore) onDesk() []directory.Listing {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.sorted(func(l directory.Listing) bool { return !l.Archived })
}

func (f *fakeAdminStore) Directory(context.Context) (Directory, error) {
	f.mu.Lock()
	busy := f.busy
	f.mu.Unlock()
	if busy {
		return nil, errBusy
	}
	return search.NewIndex(f.onDesk()), nil
}

// edit changes a listing as another desk would: a write the window did
// not make.
func (f *fakeAdminStore) edit(id string, change func(*directory.Listing)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	l := f.listings[id]
	change(&l)
	directorytest.Prepare(&l) // as the store takes a listing in
	l.UpdatedAt = f.tick()
	f.listings[id] = l
	f.record("Other Desk", directory.ActionEdit, id, nil)
}
