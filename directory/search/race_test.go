//go:build race

package search_test

// raceEnabled is set when the tests run under the race detector, which
// makes the search many times slower: typing a thousand desk questions a
// letter at a time would take minutes, and says nothing about races.
const raceEnabled = true
