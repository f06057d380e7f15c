package ui

import (
	"sync"

	"nowrongdoor/directory/search"
)

// searchRequest is one query to run off the Fyne goroutine. seq identifies
// the keystroke it came from, so results that arrive after a newer keystroke
// are dropped.
type searchRequest struct {
	seq   uint64
	query string
	dir   Directory
	limit int
	done  func(seq uint64, query string, results []search.Result)
}

// searcher runs searches one at a time off the Fyne goroutine. A query
// submitted while one runs replaces any still waiting, so a fast typist on
// a slow PC never queues up searches for words already typed past.
type searcher struct {
	mu      sync.Mutex
	running bool
	next    *searchRequest
}

// submit schedules r, replacing any request not yet started.
func (s *searcher) submit(r searchRequest) {
	s.mu.Lock()
	s.next = &r
	if s.running {
		s.mu.Unlock()
		return
	}
	s.running = true
	s.mu.Unlock()
	go s.run()
}

func (s *searcher) run() {
	for {
		s.mu.Lock()
		r := s.next
		s.next = nil
		if r == nil {
			s.running = false
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
		r.done(r.seq, r.query, r.dir.Search(r.query, r.limit))
	}
}
