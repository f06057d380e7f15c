package hsds

import (
	"errors"
	"fmt"
	"io"
)

// A statewide file is read with two scans of its own rather than
// encoding/json's Decoder, which scanned each record twice and copied it
// between buffers (half of the time a read took): the splitter finds where
// each record ends, counting brackets outside strings, and checkJSON, run
// with the walker on the worker that takes the record, holds it to JSON's
// grammar.

// maxDepth is how deeply JSON may nest, as in encoding/json; a service
// nests a dozen levels at most.
const maxDepth = 10000

// errTruncated says the file ended inside a value.
var errTruncated = errors.New("unexpected end of JSON")

// depthError says a value nests deeper than maxDepth.
type depthError struct{ offset int64 }

func (e *depthError) Error() string { return "JSON nested too deeply" }

// splitter cuts a stream into the JSON values a file is made of.
type splitter struct {
	r    io.Reader
	buf  []byte
	pos  int   // of the next byte of buf to read
	base int64 // the file offset of buf[0]
	err  error // of r, once it failed or ended
}

// offset is the file offset of the next byte.
func (s *splitter) offset() int64 { return s.base + int64(s.pos) }

// more reads more of the stream into buf, keeping buf[keep:]; it reports
// false when there is no more.
func (s *splitter) more(keep int) bool {
	if s.err != nil {
		return false
	}
	if keep > 0 {
		n := copy(s.buf, s.buf[keep:])
		s.base += int64(keep)
		s.pos -= keep
		s.buf = s.buf[:n]
	}
	if len(s.buf) == cap(s.buf) {
		s.buf = append(s.buf, make([]byte, max(64<<10, cap(s.buf)))...)[:len(s.buf)]
	}
	n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
	s.buf = s.buf[:len(s.buf)+n]
	if err != nil {
		s.err = err
	}
	return n > 0 || err == nil
}

// peek skips white space and returns the next byte, or false at the end
// of the stream.
func (s *splitter) peek() (byte, bool) {
	for {
		for s.pos < len(s.buf) {
			switch c := s.buf[s.pos]; c {
			case ' ', '\t', '\n', '\r':
				s.pos++
			default:
				return c, true
			}
		}
		if !s.more(s.pos) {
			return 0, false
		}
	}
}

// failure is the error that ended the stream, or nil at its plain end.
func (s *splitter) failure() error {
	if s.err == io.EOF {
		return nil
	}
	return s.err
}

// value returns a copy of the next JSON value, which starts at the next
// byte (peek first): up to its closing bracket or quote, or for a number
// or literal, up to the next delimiter. It does not check the value's
// grammar; checkJSON does.
func (s *splitter) value() ([]byte, error) {
	start := s.pos
	depth := 0
	inString := false
	i := s.pos
	for {
		for ; i < len(s.buf); i++ {
			c := s.buf[i]
			if inString {
				if c != '"' && c != '\\' {
					k := toQuoteOrBackslash(s.buf[i:])
					if k < 0 {
						i = len(s.buf) - 1 // read on
						continue
					}
					i += k
					c = s.buf[i]
				}
				switch c {
				case '\\':
					i++ // the escaped byte, perhaps in the next read
				case '"':
					inString = false
					if depth == 0 {
						return s.take(start, i+1)
					}
				}
				continue
			}
			switch c {
			case '"':
				inString = true
			case '{', '[':
				depth++
				if depth > maxDepth {
					return nil, &depthError{s.base + int64(i)}
				}
			case '}', ']':
				if depth == 0 { // the end of a number or literal
					return s.take(start, i)
				}
				depth--
				if depth == 0 {
					return s.take(start, i+1)
				}
			case ',', ' ', '\t', '\n', '\r', ':':
				if depth == 0 {
					return s.take(start, i)
				}
			}
		}
		// Keep the value read so far; read on.
		n := i - start
		if !s.more(start) {
			if err := s.failure(); err != nil {
				return nil, err
			}
			if depth == 0 && !inString && i > start {
				return s.take(s.pos, s.pos+n) // a number or literal at the very end
			}
			return nil, errTruncated
		}
		start = s.pos
		i = start + n
	}
}

// take copies buf[from:to] and moves past it; an empty value is a
// character no value starts with.
func (s *splitter) take(from, to int) ([]byte, error) {
	if to == from {
		return nil, &unexpectedError{s.base + int64(from), s.buf[from]}
	}
	v := make([]byte, to-from)
	copy(v, s.buf[from:to])
	s.pos = to
	return v, nil
}

// unexpectedError is a character where a value should start.
type unexpectedError struct {
	offset int64
	c      byte
}

func (e *unexpectedError) Error() string {
	return fmt.Sprintf("invalid character %q looking for beginning of value", rune(e.c))
}

// checkJSON reports where raw breaks JSON's grammar, or -1: raw must be
// exactly one value. It never recurses.
func checkJSON(raw []byte) (int, string) {
	const (
		wantValue = iota
		wantValueOrClose
		wantKey
		wantKeyOrClose
		wantColon
		wantCommaOrClose
	)
	var stack []byte
	state := wantValue
	i := 0
	for {
		for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
			i++
		}
		if i >= len(raw) {
			if state == wantCommaOrClose && len(stack) == 0 {
				return -1, ""
			}
			return len(raw), "unexpected end of JSON input"
		}
		c := raw[i]
		switch state {
		case wantValue, wantValueOrClose:
			if c == ']' && state == wantValueOrClose {
				stack = stack[:len(stack)-1]
				state, i = wantCommaOrClose, i+1
				continue
			}
			switch {
			case c == '{' || c == '[':
				if len(stack) >= maxDepth {
					return i, "JSON nested too deeply"
				}
				stack = append(stack, c)
				state, i = wantValueOrClose, i+1
				if c == '{' {
					state = wantKeyOrClose
				}
				continue
			case c == '"':
				end, msg := checkString(raw, i)
				if msg != "" {
					return end, msg
				}
				i = end
			case c == 't' || c == 'f' || c == 'n':
				word := map[byte]string{'t': "true", 'f': "false", 'n': "null"}[c]
				if len(raw)-i < len(word) || string(raw[i:i+len(word)]) != word {
					return i, fmt.Sprintf("invalid character %q in literal %s (expecting %s)", firstLetter(raw[i:]), word, word)
				}
				i += len(word)
			case c == '-' || (c >= '0' && c <= '9'):
				end, msg := checkNumber(raw, i)
				if msg != "" {
					return end, msg
				}
				i = end
			default:
				return i, fmt.Sprintf("invalid character %q looking for beginning of value", firstLetter(raw[i:]))
			}
			state = wantCommaOrClose
		case wantKey, wantKeyOrClose:
			if c == '}' && state == wantKeyOrClose {
				stack = stack[:len(stack)-1]
				state, i = wantCommaOrClose, i+1
				continue
			}
			if c != '"' {
				return i, fmt.Sprintf("invalid character %q looking for beginning of object key string", firstLetter(raw[i:]))
			}
			end, msg := checkString(raw, i)
			if msg != "" {
				return end, msg
			}
			state, i = wantColon, end
		case wantColon:
			if c != ':' {
				return i, fmt.Sprintf("invalid character %q after object key", firstLetter(raw[i:]))
			}
			state, i = wantValue, i+1
		case wantCommaOrClose:
			if len(stack) == 0 {
				return i, fmt.Sprintf("invalid character %q after top-level value", firstLetter(raw[i:]))
			}
			top := stack[len(stack)-1]
			switch {
			case c == ',' && top == '{':
				state = wantKey
			case c == ',':
				state = wantValue
			case (c == '}' && top == '{') || (c == ']' && top == '['):
				stack = stack[:len(stack)-1]
			case top == '{':
				return i, fmt.Sprintf("invalid character %q after object key:value pair", firstLetter(raw[i:]))
			default:
				return i, fmt.Sprintf("invalid character %q after array element", firstLetter(raw[i:]))
			}
			i++
		}
	}
}

// checkString checks the string starting at raw[i] and returns the offset
// after it.
func checkString(raw []byte, i int) (int, string) {
	for i++; i < len(raw); i++ {
		i += plainRun(raw[i:])
		if i >= len(raw) {
			break
		}
		switch c := raw[i]; {
		case c == '"':
			return i + 1, ""
		case c < 0x20:
			return i, fmt.Sprintf("invalid character %q in string literal", rune(c))
		case c == '\\':
			i++
			if i >= len(raw) {
				break
			}
			switch raw[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if len(raw)-i < 5 || !isHex(raw[i+1:i+5]) {
					return i, "invalid \\u escape in string literal; it takes four hexadecimal digits"
				}
				i += 4
			default:
				return i, fmt.Sprintf("invalid character %q in string escape code", firstLetter(raw[i:]))
			}
		}
	}
	return len(raw), "unexpected end of JSON input"
}

func isHex(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// checkNumber checks the number starting at raw[i] and returns the offset
// after it.
func checkNumber(raw []byte, i int) (int, string) {
	digits := func() bool {
		start := i
		for i < len(raw) && raw[i] >= '0' && raw[i] <= '9' {
			i++
		}
		return i > start
	}
	bad := func() (int, string) {
		if i >= len(raw) {
			return i, "unexpected end of JSON input"
		}
		return i, fmt.Sprintf("invalid character %q in numeric literal", firstLetter(raw[i:]))
	}
	if raw[i] == '-' {
		i++
	}
	switch {
	case i < len(raw) && raw[i] == '0':
		i++
	case !digits():
		return bad()
	}
	if i < len(raw) && raw[i] == '.' {
		i++
		if !digits() {
			return bad()
		}
	}
	if i < len(raw) && (raw[i] == 'e' || raw[i] == 'E') {
		i++
		if i < len(raw) && (raw[i] == '+' || raw[i] == '-') {
			i++
		}
		if !digits() {
			return bad()
		}
	}
	return i, ""
}

// firstLetter returns the character b starts with, for a message.
func firstLetter(b []byte) rune {
	for _, r := range string(b[:min(len(b), 4)]) {
		return r
	}
	return 0
}
