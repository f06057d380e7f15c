//go:build !unix

package exchange

import "testing"

// makeFifo makes no named pipe where the system has none of that kind.
func makeFifo(t *testing.T, path string) bool { return false }
