package hours

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The lexer turns an hours text into words, numbers, clock times and
// punctuation for the parser in parse.go.

type tokKind uint8

const (
	tWord  tokKind = iota + 1
	tNum           // a number with no am/pm: "8", "17:00", "2025"
	tTime          // a clock time: "8:00am", "5 p.m.", "noon", "midnight"
	tOrd           // an ordinal: "1st", "15th"
	tDash          // "-", en dash, em dash
	tComma         // ","
	tSlash         // "/"
	tAmp           // "&"
	tColon         // ":" not inside a time
	tSemi          // ";"
	tOpen          // "("
	tClose         // ")"
	tOther         // any other punctuation
)

type token struct {
	kind     tokKind
	colon    bool // tNum: written h:mm
	zero     bool // tNum: written with a leading zero ("08:00")
	midnight bool // tTime: "midnight" or 12am, which ends a day at 24:00
	min      int  // tTime: minutes after midnight, or -1 if not a real time; tNum: hour*60+minute
	num      int  // tNum: the number before any colon
	pos, end int  // byte offsets in the text; a tWord is lower[pos:end]
}

// lowerASCII lower-cases ASCII letters only, so byte offsets into the
// result are offsets into the original text too.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// letterAt returns the byte length of the letter starting at s[i], or 0.
func letterAt(s string, i int) int {
	c := s[i]
	if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
		return 1
	}
	if c < utf8.RuneSelf {
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if unicode.IsLetter(r) {
		return n
	}
	return 0
}

func isDashRune(r rune) bool {
	switch r {
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return true
	}
	return false
}

// punct maps the punctuation that means something in hours to its token.
var punct = [128]tokKind{',': tComma, ';': tSemi, '/': tSlash, '&': tAmp, ':': tColon,
	'(': tOpen, ')': tClose, '[': tOpen, ']': tClose}

// lex splits lower-cased hours text into tokens. Periods are dropped (they
// only abbreviate: "Mon.", "a.m.") except inside a time such as "8.30am".
func lex(s string) []token {
	toks := make([]token, 0, len(s)/3+4)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '.':
			i++
		case isDigit(c):
			var tk token
			tk, i = lexNumber(s, i)
			toks = append(toks, tk)
		case c == '-':
			toks = append(toks, token{kind: tDash, pos: i, end: i + 1})
			i++
		case c < utf8.RuneSelf && punct[c] != 0:
			toks = append(toks, token{kind: punct[c], pos: i, end: i + 1})
			i++
		default:
			if n := letterAt(s, i); n > 0 {
				j := i + n
				for j < len(s) {
					if m := letterAt(s, j); m > 0 {
						j += m
					} else if s[j] == '\'' && j+1 < len(s) && letterAt(s, j+1) > 0 {
						j++
					} else {
						break
					}
				}
				w := s[i:j]
				switch w {
				case "noon":
					toks = append(toks, token{kind: tTime, min: 12 * 60, pos: i, end: j})
				case "midnight":
					toks = append(toks, token{kind: tTime, min: 0, midnight: true, pos: i, end: j})
				default:
					toks = append(toks, token{kind: tWord, pos: i, end: j})
				}
				i = j
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			switch {
			case isDashRune(r):
				toks = append(toks, token{kind: tDash, pos: i, end: i + n})
			case unicode.IsSpace(r):
			default:
				toks = append(toks, token{kind: tOther, pos: i, end: i + n})
			}
			i += n
		}
	}
	return toks
}

// lexNumber reads a number at s[i]: "8", "8:00", "8am", "8:00 a.m.",
// "12 noon", "8.30pm", "15th".
func lexNumber(s string, i int) (token, int) {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	num := 0
	if j-i <= 4 {
		num, _ = strconv.Atoi(s[i:j])
	} else {
		num = 99999
	}
	tk := token{kind: tNum, num: num, min: num * 60, zero: s[i] == '0' && j-i > 1, pos: i}
	// Ordinals ("15th", "1st") are dates or "1st Saturday", never times.
	if j+1 < len(s) {
		switch s[j : j+2] {
		case "st", "nd", "rd", "th":
			if j+2 == len(s) || letterAt(s, j+2) == 0 {
				tk.kind, tk.end = tOrd, j+2
				return tk, j + 2
			}
		}
	}
	minute, sep := 0, byte(0)
	k := j
	if j+2 < len(s) && (s[j] == ':' || s[j] == '.') && isDigit(s[j+1]) && isDigit(s[j+2]) &&
		(j+3 == len(s) || !isDigit(s[j+3])) {
		minute, sep = int(s[j+1]-'0')*10+int(s[j+2]-'0'), s[j]
		k = j + 3
	}
	// am/pm, attached or after spaces; "a"/"p" alone only when attached.
	k2 := k
	for k2 < len(s) && s[k2] == ' ' {
		k2++
	}
	pm, suffixEnd := false, -1
	rest := s[k2:]
	wordEnd := func(n int) bool { return n == len(rest) || letterAt(rest, n) == 0 }
	switch {
	case strings.HasPrefix(rest, "a.m") || strings.HasPrefix(rest, "p.m"):
		pm, suffixEnd = rest[0] == 'p', k2+3
		if suffixEnd < len(s) && s[suffixEnd] == '.' {
			suffixEnd++
		}
	case (strings.HasPrefix(rest, "am") || strings.HasPrefix(rest, "pm")) && wordEnd(2):
		pm, suffixEnd = rest[0] == 'p', k2+2
	case k2 == k && len(rest) > 0 && (rest[0] == 'a' || rest[0] == 'p') && wordEnd(1):
		pm, suffixEnd = rest[0] == 'p', k2+1
	case strings.HasPrefix(rest, "noon") && wordEnd(4) && num == 12 && minute == 0:
		tk.kind, tk.min, tk.end = tTime, 12*60, k2+4
		return tk, k2 + 4
	case strings.HasPrefix(rest, "midnight") && wordEnd(8) && num == 12 && minute == 0:
		tk.kind, tk.min, tk.midnight, tk.end = tTime, 0, true, k2+8
		return tk, k2 + 8
	}
	if suffixEnd >= 0 {
		tk.kind, tk.end = tTime, suffixEnd
		if num < 1 || num > 12 || minute > 59 {
			tk.min = -1
			return tk, suffixEnd
		}
		tk.min = num%12*60 + minute
		if pm {
			tk.min += 12 * 60
		}
		tk.midnight = tk.min == 0
		return tk, suffixEnd
	}
	if sep == ':' {
		tk.colon, tk.min, tk.end = true, num*60+minute, k
		if minute > 59 {
			tk.min = -1
		}
		return tk, k
	}
	tk.end = j
	return tk, j
}
