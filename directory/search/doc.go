// Package search is the desk's search engine: an in-memory index of the
// directory's listings, and the ranking that reads what a customer said
// into listings, best first. It holds the word lists that tune it
// (synonyms, stop, weak and context words), the needs taxonomy, the crisis
// safety rail and the naive Bayes reader that backs both. It imports the
// domain, nowrongdoor/directory, and nothing else of ours; the domain never
// imports it.
package search
