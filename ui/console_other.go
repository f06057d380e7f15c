//go:build !windows

package ui

// AttachConsole does nothing outside Windows, where a program started from
// a terminal always has it.
func AttachConsole() {}
