package hsds

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// Most of a statewide file is the text inside strings, so the scans skip
// it a run at a time rather than a byte at a time: that was a third of
// the time a read of 100,000 services took.

// toQuoteOrBackslash returns the index of the first '"' or '\\' in b, or
// -1, using the vectorized bytes.IndexByte.
func toQuoteOrBackslash(b []byte) int {
	q := bytes.IndexByte(b, '"')
	if q < 0 {
		return bytes.IndexByte(b, '\\')
	}
	if k := bytes.IndexByte(b[:q], '\\'); k >= 0 {
		return k
	}
	return q
}

const (
	ones = 0x0101010101010101
	high = 0x8080808080808080
)

// plainRun returns how many bytes at the start of b a JSON string may hold
// as they are: none is a quote, a backslash or a control character. It
// looks at eight bytes at a time; of the bytes a word flags, the first
// is always a true one (a borrow only runs upward).
func plainRun(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		control := (x - ones*0x20) &^ x & high
		q := x ^ (ones * '"')
		q = (q - ones) &^ q & high
		bs := x ^ (ones * '\\')
		bs = (bs - ones) &^ bs & high
		if m := control | q | bs; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(b); i++ {
		if c := b[i]; c < 0x20 || c == '"' || c == '\\' {
			return i
		}
	}
	return i
}
