// Package localefix keeps Fyne from logging a locale error at start-up
// when the system locale is "C.UTF-8", the default of many Debian and
// Ubuntu machines and containers. Fyne's language lookup reads C.UTF-8 as
// the language "C", fails to parse it, and prints three lines of "Fyne
// error" to standard error before main runs, which pollutes every command
// a script runs.
//
// It must initialize before fyne.io/fyne/v2/lang, which reads the locale
// in its own init, so it cannot be code of the main package: main
// initializes after everything it imports. Go initializes packages in
// import-path order among those whose imports are ready; this package
// imports only os, and Fyne's lang package waits on text/template, whose
// path sorts after ours, so importing it anywhere in the program is enough.
// It is process set-up, not part of the window, so it lives beside the
// embedded assets rather than in ui; main imports it.
package localefix

import "os"

func init() {
	locale := ""
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale = os.Getenv(env); locale != "" {
			break
		}
	}
	switch locale {
	case "C.UTF-8", "C.utf8", "C.UTF8", "POSIX.UTF-8":
		// LANGUAGE names only the language of messages: English, the
		// language "C" means.
		if os.Getenv("LANGUAGE") == "" {
			os.Setenv("LANGUAGE", "en")
		}
	}
}
