package directorytest

import (
	"nowrongdoor/directory"
	"nowrongdoor/directory/hours"
)

// Prepare readies a listing made in a test or decoded from a file the way
// the store takes one in: with hours text and no schedules it gets those
// the hours reader proposes, then it is normalized. Tests that build
// listings from hours text call it so that "open now" and the hours shown
// are what a desk would see.
func Prepare(l *directory.Listing) {
	if len(l.Schedules) == 0 {
		l.Schedules = hours.Propose(l.Hours)
	}
	l.Normalize()
}

// PrepareAll prepares each of ls in place, as Prepare.
func PrepareAll(ls []directory.Listing) {
	for i := range ls {
		Prepare(&ls[i])
	}
}
