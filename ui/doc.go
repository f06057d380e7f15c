// Package ui is the Fyne desk window of No Wrong Door: the search box desk
// staff type what a customer said into, the results, the listing at a glance
// and the customer service standards beside them.
//
// It talks to the directory through the small Directory interface it
// declares, never touches storage, and never reads os.Args or the
// environment: main.go builds the app and the directory and passes them in
// through NewDesk.
package ui
