package directory

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// About is the start of a description for a customer to read: its first
// sentences, up to maxSentences and, past the first, up to maxRunes
// characters, leaving out the sentences that speak to staff ("Refer
// couples who want to get married"). A referral and a printed slip keep
// what tells the customer what the place does. maxSentences below 1 puts
// no limit on the number of sentences.
func About(desc string, maxSentences, maxRunes int) string {
	var kept []string
	n := 0
	for _, s := range Sentences(desc) {
		if SpeaksToStaff(s) {
			continue
		}
		size := utf8.RuneCountInString(s)
		if len(kept) > 0 && n+1+size > maxRunes {
			break
		}
		kept = append(kept, s)
		n += size + 1
		if len(kept) == maxSentences {
			break
		}
	}
	return strings.Join(kept, " ")
}

// SpeaksToStaff reports whether a sentence of a description speaks to
// staff, telling them whom to send there ("Refer couples who...") or how
// to use the directory ("Use this record for..."), rather than telling
// the customer what the place does.
func SpeaksToStaff(sentence string) bool {
	for _, w := range []string{"Refer ", "Send "} {
		if strings.HasPrefix(sentence, w) {
			return true
		}
	}
	return strings.Contains(strings.ToLower(sentence), "this record")
}

// abbreviations end in a full stop without ending a sentence.
var abbreviations = map[string]bool{
	"u.s": true, "st": true, "dr": true, "mr": true, "mrs": true, "ms": true, "jr": true, "sr": true,
	"no": true, "inc": true, "co": true, "corp": true, "ave": true, "blvd": true, "ste": true, "mt": true,
	"ft": true, "vs": true, "e.g": true, "i.e": true, "a.m": true, "p.m": true, "approx": true, "dept": true,
}

// Sentences splits text after a full stop, question or exclamation mark
// that is followed by a space and a capital letter, digit or opening quote
// or bracket, unless the word before it is an abbreviation or an initial.
// Runs of spaces and line breaks become one space.
func Sentences(text string) []string {
	text = strings.Join(strings.Fields(text), " ")
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		if i+2 >= len(text) || text[i+1] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(text[i+2:])
		if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !strings.ContainsRune("\"“(", next) {
			continue
		}
		if c == '.' {
			word := text[strings.LastIndexByte(text[:i], ' ')+1 : i]
			word = strings.TrimLeft(word, "(\"“")
			if abbreviations[strings.ToLower(word)] || utf8.RuneCountInString(word) == 1 {
				continue
			}
		}
		out = append(out, text[start:i+1])
		start = i + 2
	}
	if rest := strings.TrimSpace(text[start:]); rest != "" {
		out = append(out, rest)
	}
	return out
}
