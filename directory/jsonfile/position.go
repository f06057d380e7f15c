package jsonfile

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"
)

// errNotUTF8 is returned by positionReader's Read at the first byte that
// is not UTF-8; the JSON decoder would otherwise replace it silently.
var errNotUTF8 = errors.New("not UTF-8")

// keepBytes is how much of what it read a positionReader keeps to turn an
// offset into a line and column: a problem is always in the record being
// decoded, and a record is far smaller.
const keepBytes = 1 << 20

// positionReader passes a file through to the JSON decoder, one buffer at
// a time, so an import never holds the whole file. It checks the text is
// UTF-8 as it goes and keeps the last stretch of what it read, with the
// line and column it starts at, so a problem can still be placed the way
// editors count.
type positionReader struct {
	r       io.Reader
	pending []byte // the start of a character split across reads
	read    int64  // bytes passed on
	invalid int64  // offset of the first byte that is not UTF-8, or -1
	failed  error  // the reader's own error, not the end of the file

	tail        []byte // the last bytes passed on
	tailStart   int64  // offset of tail[0]
	linesBefore int    // newlines before tail[0]
	colBefore   int    // characters between the last of them and tail[0]
}

func newPositionReader(r io.Reader) *positionReader {
	return &positionReader{r: r, invalid: -1}
}

func (p *positionReader) Read(b []byte) (int, error) {
	if p.invalid >= 0 {
		return 0, errNotUTF8
	}
	if len(b) <= utf8.UTFMax {
		return 0, io.ErrShortBuffer // the decoder always asks for more
	}
	// Pending bytes go first, so what is passed on always ends on a
	// character boundary.
	k := copy(b, p.pending)
	p.pending = p.pending[:0]
	n, err := p.r.Read(b[k:])
	if err != nil && !errors.Is(err, io.EOF) {
		p.failed = err
	}
	n += k
	data := b[:n]
	cut := len(data)
	if err == nil {
		// Hold back a character cut short by the read, for the next.
		for i := 1; i <= utf8.UTFMax-1 && i <= len(data); i++ {
			if c := data[len(data)-i]; c >= 0xC0 {
				if !utf8.FullRune(data[len(data)-i:]) {
					cut = len(data) - i
				}
				break
			} else if c < 0x80 {
				break
			}
		}
		p.pending = append(p.pending, data[cut:]...)
	} // at the end, a character cut short is invalid, found below
	data = data[:cut]
	if !utf8.Valid(data) {
		i := invalidUTF8Offset(data)
		p.invalid = p.read + int64(i)
		p.keep(data[:i])
		p.read += int64(i)
		return i, errNotUTF8
	}
	p.keep(data)
	p.read += int64(len(data))
	return len(data), err
}

// keep appends data to the tail, dropping what is older than keepBytes.
func (p *positionReader) keep(data []byte) {
	p.tail = append(p.tail, data...)
	if len(p.tail) < 2*keepBytes {
		return
	}
	drop := len(p.tail) - keepBytes
	for drop > 0 && !utf8.RuneStart(p.tail[drop]) {
		drop--
	}
	gone := p.tail[:drop]
	if nl := bytes.LastIndexByte(gone, '\n'); nl >= 0 {
		p.linesBefore += bytes.Count(gone, []byte("\n"))
		p.colBefore = utf8.RuneCount(gone[nl+1:])
	} else {
		p.colBefore += utf8.RuneCount(gone)
	}
	p.tailStart += int64(drop)
	p.tail = append(p.tail[:0], p.tail[drop:]...)
}

// lineCol converts an offset into a 1-based line and column (in
// characters). An offset older than the tail is placed at the tail's
// start, which never happens for a record smaller than keepBytes.
func (p *positionReader) lineCol(offset int64) (line, col int) {
	i := int(min(max(offset-p.tailStart, 0), int64(len(p.tail))))
	before := p.tail[:i]
	line = p.linesBefore + bytes.Count(before, []byte("\n")) + 1
	if nl := bytes.LastIndexByte(before, '\n'); nl >= 0 {
		return line, utf8.RuneCount(before[nl+1:]) + 1
	}
	return line, p.colBefore + utf8.RuneCount(before) + 1
}
