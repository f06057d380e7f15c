package ui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"nowrongdoor/data"
)

var loadTranslations sync.Once

// addTranslations registers the window's strings with Fyne's lang package
// once per process; a second desk (tests, or a rebuilt window) reuses them.
func addTranslations() {
	loadTranslations.Do(func() {
		if err := lang.AddTranslationsFS(data.Translations, "translations"); err != nil {
			// The English text is also each string's key, so the window
			// stays readable without the file.
			fyne.LogError("load translations", err)
		}
	})
}
