// Package adminauth guards admin mode: the one admin password of a
// directory database, stored only as an Argon2id hash, and the growing
// delay after failed attempts that makes guessing it slow.
//
// It holds the rules and no storage: a Store (directory/sqlite) keeps the
// hash and the count of failures, so the delay survives a restart of the
// program. Like the rest of directory it never imports Fyne; the window
// and the command line both unlock through a Gate.
//
// The password protects against changes made through the program by
// someone who should not make them. It is not a boundary against a person
// who can write the database file itself: they can change anything in it.
package adminauth
