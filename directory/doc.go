// Package directory is the domain of No Wrong Door: listings and their
// validation, opening hours, and the in-memory search index that desk staff
// type into. It depends on nothing else of ours and never on Fyne; storage
// lives behind it in directory/sqlite.
package directory
