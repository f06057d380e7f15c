// Package directory is the domain of No Wrong Door: listings, their one set
// of validation rules, opening hours, the import file format, and the
// editor's contract the window and the store share. It depends on nothing
// else of ours and never on Fyne; the search engine lives below it in
// directory/search, the reader of hours as published in directory/hours,
// and storage in directory/sqlite.
package directory
