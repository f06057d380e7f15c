package hsds

import "nowrongdoor/directory"

// ReadResult is what an HSDS import read: the listings, and what the file
// held that the directory cannot keep, by HSDS field, with how many records
// had it.
//
// Declared here until the HSDS JSON reader, which returns the same, lands
// it; the integrator keeps one.
type ReadResult struct {
	Listings []directory.Listing
	NotKept  map[string]int
}
