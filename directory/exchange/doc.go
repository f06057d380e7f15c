// Package exchange reads and writes the directory's files in every format
// an admin meets: the directory's own JSON (data/agencies.json), Open
// Referral HSDS 3.0 as one JSON file or as a CSV data package (a folder or
// .zip with datapackage.json), and, for export only, a spreadsheet CSV.
//
// It owns what is about the file rather than the format: which format a
// file is in, whether it is text a JSON reader can take (UTF-16 and UTF-32
// are named as such, not reported as "a missing comma"), whether it is a
// file at all (a device or a pipe that never ends is refused before a byte
// is read), and writing an export so that a failed one leaves nothing
// half-written. The formats themselves are directory/jsonfile's and
// directory/hsds's.
package exchange
