//go:build race

package sqlite

// raceEnabled is set when the tests run under the race detector, which
// makes the pure-Go SQLite many times slower: ranking every desk question
// through FTS5, or killing thirty imports, would take minutes, and says
// nothing about races.
const raceEnabled = true
