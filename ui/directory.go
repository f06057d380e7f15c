package ui

import (
	"nowrongdoor/directory"
	"nowrongdoor/directory/search"
)

// Directory is what the desk window needs from the directory: search, the
// categories for the start page and a listing by id. *search.Index
// satisfies it. Implementations must be safe for concurrent use, because
// searches run off the Fyne goroutine.
type Directory interface {
	Search(query string, limit int) []search.Result
	Categories() []search.CategoryCount
	InCategory(name string) []*directory.Listing
	Listing(id string) (*directory.Listing, bool)
}

// emptyDirectory stands in when the desk is given no directory, so the
// window still opens and shows the always-available fallbacks.
type emptyDirectory struct{}

func (emptyDirectory) Search(string, int) []search.Result        { return nil }
func (emptyDirectory) Categories() []search.CategoryCount        { return nil }
func (emptyDirectory) InCategory(string) []*directory.Listing    { return nil }
func (emptyDirectory) Listing(string) (*directory.Listing, bool) { return nil, false }
