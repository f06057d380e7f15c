//go:build !windows

package main

// attachConsole does nothing outside Windows, where a program started from
// a terminal always has it.
func attachConsole() {}
