// Package directorytest makes directories of any size for benchmarks and
// tests, so search and import can be measured at the scale of a statewide
// 211 feed without shipping one.
package directorytest

import (
	"fmt"
	"math/rand/v2"

	"nowrongdoor/directory"
)

// places are Utah cities and towns, so synthetic names read like real
// branches and satellite offices ("Utah Food Bank - Ogden").
var places = []string{
	"Ogden", "Provo", "Orem", "Logan", "St. George", "Layton", "Bountiful", "Lehi", "Tooele",
	"Murray", "Sandy", "Draper", "Riverton", "Herriman", "Kearns", "Magna", "Midvale", "Holladay",
	"Millcreek", "Taylorsville", "West Valley", "West Jordan", "South Jordan", "Cottonwood Heights",
	"Price", "Vernal", "Moab", "Cedar City", "Richfield", "Heber", "Park City", "Brigham City",
	"Spanish Fork", "Springville", "American Fork", "Pleasant Grove", "Kaysville", "Clearfield",
	"Roy", "Syracuse", "Eagle Mountain", "Saratoga Springs", "Payson", "Nephi", "Delta", "Blanding",
	"Kanab", "Fillmore", "Beaver", "Manti", "Ephraim", "Tremonton", "Morgan", "Coalville",
}

// kinds name the sort of office a synthetic listing is.
var kinds = []string{
	"Office", "Center", "Clinic", "Outreach", "Branch", "Program", "Satellite Office",
	"Community Center", "Service Center", "Walk-in Desk", "Mobile Unit", "Resource Center",
}

// Synthetic returns n listings made deterministically from base (usually the
// default directory): each copies a base listing, gets its own id, a name
// with a place and kind of office, and keywords mixed in from another
// listing, so the vocabulary and the spread of matches look like a real
// statewide feed. The same base and n always give the same listings.
func Synthetic(base []directory.Listing, n int) []directory.Listing {
	if len(base) == 0 || n <= 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(211, uint64(n)))
	out := make([]directory.Listing, n)
	for i := range out {
		b := base[i%len(base)]
		l := b
		if i >= len(base) {
			place := places[rng.IntN(len(places))]
			kind := kinds[rng.IntN(len(kinds))]
			other := base[rng.IntN(len(base))]
			l.ID = fmt.Sprintf("%s-%d", b.ID, i)
			l.Name = fmt.Sprintf("%s - %s %s", b.Name, place, kind)
			l.Keywords = append(append([]string(nil), b.Keywords...), pick(rng, other.Keywords, 2)...)
			l.Services = append(append([]string(nil), b.Services...), pick(rng, other.Services, 1)...)
			l.Address.City = place
		}
		out[i] = l
	}
	return out
}

// pick returns up to k entries of from, chosen by rng.
func pick(rng *rand.Rand, from []string, k int) []string {
	if len(from) == 0 {
		return nil
	}
	out := make([]string, 0, k)
	for range k {
		out = append(out, from[rng.IntN(len(from))])
	}
	return out
}
