//go:build race

package slip

// raceBuild is set when the tests run with the race detector, which makes
// each slip about fifteen times slower to make (most of it inside fpdf's
// font handling): the every-listing test then makes the Spanish and large
// print slips of every fifth listing only.
const raceBuild = true
