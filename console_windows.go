//go:build windows

package main

import (
	"os"
	"syscall"
)

// attachConsole connects a command typed in a console window to that
// console. On Windows the app is built as a GUI program, so that opening it
// from the Start menu shows no black console window; such a program starts
// with no console, and without this "nowrongdoor search ..." typed in
// cmd.exe or PowerShell would print nothing. Output redirected to a file
// or a pipe already works and is left alone.
func attachConsole() {
	if h, err := syscall.GetStdHandle(syscall.STD_OUTPUT_HANDLE); err == nil && h != 0 && h != syscall.InvalidHandle {
		return
	}
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if ok, _, _ := attach.Call(attachParentProcess); ok == 0 {
		return // started from Explorer: there is no console to attach to
	}
	if out, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		os.Stdout, os.Stderr = out, out
	}
	if in, err := os.OpenFile("CONIN$", os.O_RDONLY, 0); err == nil {
		os.Stdin = in
	}
}
