// Package jsonfile reads the directory's own file format, a JSON array of
// listings like data/agencies.json, into validated listings. Every problem
// of a file is reported at once, naming the record and the field as the
// file writes them. The rules themselves are the domain's,
// directory.Listing.Validate, shared with the window's editor; this package
// adds only what is about the file (its encoding, its JSON, field names).
package jsonfile
