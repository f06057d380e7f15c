package data

import (
	"embed"
	_ "embed"
)

// Icon is the app icon, an open door, as a 512x512 PNG. FyneApp.toml points
// at the same file so packaged builds and the running window match.
//
//go:embed icon.png
var Icon []byte

// Translations holds the window's user-visible strings, one JSON file per
// language named like en.json, in the go-i18n format that Fyne's lang
// package loads with AddTranslationsFS(Translations, "translations").
//
//go:embed translations
var Translations embed.FS
