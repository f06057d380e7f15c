package ui

import (
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"nowrongdoor/data"
)

// The languages the window speaks, as kept under prefLanguage. The empty
// choice follows the system's language.
const (
	languageSystem  = ""
	languageEnglish = "en"
	languageSpanish = "es"
)

// prefLanguage is the language staff chose in Settings, one of the
// language constants.
const prefLanguage = "desk.language"

// windowLanguages are the languages the window has translations for, each
// a file data/translations/CODE.json.
var windowLanguages = []string{languageEnglish, languageSpanish}

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

// chosenLanguage is the language setLanguage last applied, "" for the
// system's.
var chosenLanguage string

// setLanguage makes lang.L speak choice: English, Spanish, or with
// languageSystem the system's language. Widgets made before keep their
// text: the window must be built again to speak the new language.
//
// Fyne 2.7 always translates into the system's language and offers no way
// to pick another, so a chosen language's strings are registered under
// the system's language, replacing the window's strings there. Going back
// to the system's language registers each file under its own language
// again. Fyne's own few strings (Quit, Cancel, OK and the like) follow
// the system unless the window's files carry them, which they do.
func setLanguage(choice string) {
	addTranslations()
	if choice == chosenLanguage {
		return
	}
	if chosenLanguage != languageSystem {
		for _, code := range windowLanguages {
			registerLanguage(code, code)
		}
	}
	chosenLanguage = choice
	if choice == languageSystem {
		return
	}
	// Fyne matches the system's locale ("en-US") to the languages it has
	// by their base language ("en"), so that is where the chosen strings
	// go. Under "en-US" itself they would be a language of their own,
	// without Fyne's strings, and could not be taken back.
	system, _, _ := strings.Cut(lang.SystemLocale().String(), "-")
	if system != choice {
		registerLanguage(choice, system)
	}
}

// registerLanguage adds the window's strings in language code as the
// strings of language as.
func registerLanguage(code, as string) {
	raw, err := data.Translations.ReadFile("translations/" + code + ".json")
	if err != nil {
		fyne.LogError("read translations "+code, err)
		return
	}
	if err := lang.AddTranslationsForLocale(raw, fyne.Locale(as)); err != nil {
		fyne.LogError("load translations "+code, err)
	}
}

// languageName is how a language choice is offered in Settings. Each
// language is named in itself, so staff who read only one can find it.
func languageName(choice string) string {
	switch choice {
	case languageEnglish:
		return "English"
	case languageSpanish:
		return "Español"
	}
	return lang.L("Same as the computer")
}
