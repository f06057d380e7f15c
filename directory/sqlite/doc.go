// Package sqlite keeps the directory in a SQLite file on the desk PC: the
// listings, an audit trail of every change, and the schema's migrations.
//
// Every write is one transaction together with its audit rows, so a crash or
// a power cut leaves either the whole change or none of it. The file lives in
// the user's local data folder (see DefaultPath), never on a network share,
// where SQLite's locking is unsafe.
package sqlite
