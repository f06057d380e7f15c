package slip

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// The slip is set in the Go fonts: they are built into the program (no
// font files to ship beside it, under the same BSD licence as Go), made
// for legibility (1, l and I, 0 and O differ, which matters in phone
// numbers), and cover the accents of Spanish and the other Latin
// languages. fpdf embeds only the letters a slip uses.
const fontFamily = "Go"

var (
	fontRegular = goregular.TTF
	fontBold    = gobold.TTF
)

// covered is the set of runes both fonts can draw. fpdf has no fallback
// font, and a rune it has no width for is drawn as nothing or breaks its
// line measure, so text is fitted to this set first (printable).
var covered = func() map[rune]bool {
	set := map[rune]bool{}
	var buf sfnt.Buffer
	fonts := make([]*sfnt.Font, 0, 2)
	for _, ttf := range [][]byte{fontRegular, fontBold} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			// The fonts are compiled in; a test renders with them.
			panic("slip: parse built-in font: " + err.Error())
		}
		fonts = append(fonts, f)
	}
	for r := rune(0x20); r < 0x3000; r++ {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			continue // invisible: a soft hyphen, a zero-width space
		}
		ok := true
		for _, f := range fonts {
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				ok = false
				break
			}
		}
		if ok {
			set[r] = true
		}
	}
	return set
}()

// printable fits text to what the fonts can draw: a line break becomes a
// space unless keepLines is set, other control and invisible formatting
// characters go, a letter the fonts lack is written without its accent
// when they have the bare letter ("ế" as "e"), and anything else becomes
// "?", so a slip never loses a word silently or breaks its layout.
func printable(s string, keepLines bool) string {
	if isCovered(s, keepLines) {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		switch {
		case r == '\n' && keepLines:
			b.WriteRune(r)
		case r == '\n', r == '\t', r == '\r':
			b.WriteRune(' ')
		case covered[r]:
			b.WriteRune(r)
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), unicode.Is(unicode.Mn, r):
			// nothing to draw
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		default:
			b.WriteRune(bare(r))
		}
	}
	return b.String()
}

func isCovered(s string, keepLines bool) bool {
	for _, r := range s {
		if !covered[r] && !(r == '\n' && keepLines) {
			return false
		}
	}
	return true
}

// bare is a letter without its accents when the fonts have that, else
// "?".
func bare(r rune) rune {
	d, _ := utf8.DecodeRuneInString(norm.NFD.String(string(r)))
	if covered[d] && !unicode.Is(unicode.Mn, d) {
		return d
	}
	return '?'
}
