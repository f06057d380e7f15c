package ui

import (
	"context"
	"sync"
	"time"
)

// pollEvery is how often the desk asks the store whether another desk or
// a command saved something: soon enough that a change shows while the
// customer is still at the desk, and one small query each time.
const pollEvery = 2 * time.Second

// startPolling watches the store for changes saved elsewhere, once the
// window is up and admin mode has a store.
func (d *Desk) startPolling() {
	s := d.admin.store
	if s == nil || d.admin.stopPoll != nil {
		return
	}
	stop := make(chan struct{})
	d.admin.stopPoll = stop
	go func() {
		tick := time.NewTicker(pollEvery)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				d.pollOnce(context.Background(), s)
			}
		}
	}()
}

// stopPolling ends the watch.
func (d *Desk) stopPolling() {
	if d.admin.stopPoll != nil {
		close(d.admin.stopPoll)
		d.admin.stopPoll = nil
	}
}

// pollOnce asks the store, off the Fyne goroutine, whether its change
// count rose past the directory on show, and if so reads the directory
// again and swaps it in, keeping what the clerk is doing. The first look
// only learns the count: the window loaded the directory itself. A store
// busy now is asked again at the next tick, never reported: staff have
// nothing to do about it.
func (d *Desk) pollOnce(ctx context.Context, s AdminStore) {
	count, err := s.ChangeCount(ctx)
	if err != nil {
		return
	}
	seen, known := d.admin.mark.get()
	if !known {
		d.admin.mark.advance(count)
		return
	}
	if count <= seen {
		return
	}
	r, err := readBack(ctx, s)
	if err != nil {
		return
	}
	d.do(func() {
		if d.admin.store == s {
			d.applyReload(r, "")
		}
	})
}

// changeMark is the change count of the directory on show, read by the
// poll off the Fyne goroutine and moved on by whoever swaps a directory in.
type changeMark struct {
	mu    sync.Mutex
	seen  int64
	known bool
}

func (m *changeMark) get() (int64, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.seen, m.known
}

// advance records count and reports whether it is newer than the count
// on show (or the first known).
func (m *changeMark) advance(count int64) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.known && count <= m.seen {
		return false
	}
	m.seen, m.known = count, true
	return true
}

// reset forgets the count, as for a new store.
func (m *changeMark) reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.seen, m.known = 0, false
}
