package hsds

import (
	"math/rand/v2"
	"testing"
)

// The run scanners agree with a byte-by-byte scan on every position of
// every special byte, among plain ASCII and UTF-8 bytes.
func TestRunsAgreeWithBytewiseScan(t *testing.T) {
	slow := func(b []byte, special func(byte) bool) int {
		for i, c := range b {
			if special(c) {
				return i
			}
		}
		return -1
	}
	plain := func(c byte) bool { return c < 0x20 || c == '"' || c == '\\' }
	quote := func(c byte) bool { return c == '"' || c == '\\' }
	r := rand.New(rand.NewPCG(1, 2))
	fill := []byte("abc é→ 0123456789xyz{}[],:")
	for n := range 40 {
		for _, special := range []byte{'"', '\\', 0, '\n', 0x1F, 0x7F, 0x20} {
			for at := -1; at < n; at++ {
				b := make([]byte, n)
				for i := range b {
					b[i] = fill[r.IntN(len(fill))]
				}
				if at >= 0 {
					b[at] = special
				}
				want := slow(b, plain)
				if want < 0 {
					want = len(b)
				}
				if got := plainRun(b); got != want {
					t.Fatalf("plainRun(%q) = %d, want %d", b, got, want)
				}
				if got, want := toQuoteOrBackslash(b), slow(b, quote); got != want {
					t.Fatalf("toQuoteOrBackslash(%q) = %d, want %d", b, got, want)
				}
			}
		}
	}
}
