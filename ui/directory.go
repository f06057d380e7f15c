package ui

import "nowrongdoor/directory"

// Directory is what the desk window needs from the directory: search, the
// categories for the start page and a listing by id. *directory.Index
// satisfies it. Implementations must be safe for concurrent use, because
// searches run off the Fyne goroutine.
type Directory interface {
	Search(query string, limit int) []directory.Result
	Categories() []directory.CategoryCount
	InCategory(name string) []*directory.Listing
	Listing(id string) (*directory.Listing, bool)
}

// emptyDirectory stands in when the desk is given no directory, so the
// window still opens and shows the always-available fallbacks.
type emptyDirectory struct{}

func (emptyDirectory) Search(string, int) []directory.Result     { return nil }
func (emptyDirectory) Categories() []directory.CategoryCount     { return nil }
func (emptyDirectory) InCategory(string) []*directory.Listing    { return nil }
func (emptyDirectory) Listing(string) (*directory.Listing, bool) { return nil, false }
