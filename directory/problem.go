package directory

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
)

// ErrInvalidFile is matched by errors.Is for every error that says listings
// break the rules: a file's content (jsonfile.ParseListings, as opposed to
// failing to read it) or listings checked by ValidateListings.
var ErrInvalidFile = errors.New("invalid directory file")

// Problem is one thing wrong with a listing or an import file, precise
// enough for an admin to find and fix it by hand.
type Problem struct {
	// Index is the record's position in the file's array, counting from 0,
	// or -1 for a problem with the file as a whole.
	Index int
	// ID is the record's id as written, or "" when it has none.
	ID string
	// Field is the JSON path of the offending field ("phones[1].number"),
	// or "" when the problem is with the whole record or file.
	Field string
	// Message says what is wrong and how to fix it.
	Message string
}

// String formats the problem as one line naming the record, counted from
// 1 as people and editors count (the window says the same):
// `record 12 (id "slco-wic"): name is empty; give the listing a name`.
func (p Problem) String() string {
	if p.Index < 0 {
		return p.Message
	}
	if p.ID == "" {
		return fmt.Sprintf("record %d (no id): %s", p.Index+1, p.Message)
	}
	return fmt.Sprintf("record %d (id %q): %s", p.Index+1, shorten(p.ID), p.Message)
}

// ValidationError reports every problem found in an import file or a set of
// listings at once, so an admin can fix them all before trying again. It
// matches ErrInvalidFile.
type ValidationError struct {
	Problems []Problem
}

// maxErrorLines caps how many problems Error spells out; Problems keeps all.
const maxErrorLines = 20

// Error lists the problems one per line.
func (e *ValidationError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i == maxErrorLines {
			fmt.Fprintf(&b, "\n... and %d more problems", len(e.Problems)-i)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// Unwrap makes errors.Is(err, ErrInvalidFile) true.
func (e *ValidationError) Unwrap() error { return ErrInvalidFile }

// inChunks calls fn over [0, n) split into chunks, one per processor when n
// is large enough to be worth it: checking a statewide feed of 100,000
// listings is CPU work that parallelizes perfectly.
func inChunks(n int, fn func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n/1000+1)
	if workers <= 1 {
		fn(0, n)
		return
	}
	size := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += size {
		wg.Go(func() { fn(lo, min(lo+size, n)) })
	}
	wg.Wait()
}
