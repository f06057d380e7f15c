// Package data embeds the default directory and the assets the app ships with,
// so a new desk PC works from a single binary with no files beside it.
package data

import _ "embed"

// Agencies is the default directory in the import format: a JSON array of
// listings compiled from public county and agency pages, each with its
// sources. It seeds an empty database on first run; when a release changes
// it, the default listings no one has changed are updated to it.
//
//go:embed agencies.json
var Agencies []byte

// Standards is the Library Customer Service Standards in Markdown, the text
// of the window's side panel.
//
//go:embed standards.md
var Standards []byte
