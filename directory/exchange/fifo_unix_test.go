//go:build unix

package exchange

import (
	"syscall"
	"testing"
)

// makeFifo makes a named pipe, a file that never ends while a writer
// holds it open.
func makeFifo(t *testing.T, path string) bool {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	return true
}
