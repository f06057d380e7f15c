package search

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Query limits: a pasted page of text must not stall the window. Desk
// questions are a few words; anything past these is ignored.
const (
	maxQueryBytes = 512
	maxQueryTerms = 16
	maxTokenBytes = 32
)

// foldRune maps a rune to the lower-case ASCII letters it is searched as, so
// "Médico" finds "medico" and typing without accents always works. Runes
// that are not letters or digits fold to a space (a word break); letters
// outside Latin are kept, lower-cased.
func foldRune(r rune) (rune, bool) {
	switch {
	case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return r, true
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A', true
	case r < utf8.RuneSelf:
		return ' ', false
	}
	if f, ok := latinFold[r]; ok {
		return f, true
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return unicode.ToLower(r), true
	}
	return ' ', false
}

// latinFold strips the accents of Spanish, French, Portuguese and German
// letters. A table beats pulling in a Unicode normalization library for
// the handful of letters the directory's languages use.
var latinFold = map[rune]rune{
	'á': 'a', 'à': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'å': 'a', 'Á': 'a', 'À': 'a', 'Â': 'a', 'Ä': 'a', 'Ã': 'a', 'Å': 'a',
	'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e', 'É': 'e', 'È': 'e', 'Ê': 'e', 'Ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i', 'Í': 'i', 'Ì': 'i', 'Î': 'i', 'Ï': 'i',
	'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o', 'Ó': 'o', 'Ò': 'o', 'Ô': 'o', 'Ö': 'o', 'Õ': 'o',
	'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u', 'Ú': 'u', 'Ù': 'u', 'Û': 'u', 'Ü': 'u',
	'ñ': 'n', 'Ñ': 'n', 'ç': 'c', 'Ç': 'c', 'ý': 'y', 'ÿ': 'y', 'Ý': 'y',
}

// tokenize splits text into folded words. Apostrophes join ("driver's"
// is "drivers", "don't" is "dont") because customers type them either way.
// It appends to dst to let callers reuse a buffer.
func tokenize(dst []string, text string) []string {
	scanWords(text, nil, func(w []byte) { dst = append(dst, string(w)) })
	return dst
}

// scanWords calls fn with each folded word of text, built in buf (which it
// returns, grown, for reuse). The word is only valid during the call. It
// allocates nothing for ASCII text, which is most of the directory, so the
// index builds quickly at 100,000 listings.
func scanWords(text string, buf []byte, fn func(word []byte)) []byte {
	w := buf[:0]
	flush := func() {
		if len(w) > 0 {
			if len(w) > maxTokenBytes {
				cut := maxTokenBytes
				for cut > 0 && !utf8.RuneStart(w[cut]) {
					cut--
				}
				w = w[:cut]
			}
			fn(w)
			w = w[:0]
		}
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				w = append(w, c)
			case c >= 'A' && c <= 'Z':
				w = append(w, c+'a'-'A')
			case c == '\'':
			default:
				flush()
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r == '’' {
			continue
		}
		if f, ok := foldRune(r); ok {
			w = utf8.AppendRune(w, f)
		} else {
			flush()
		}
	}
	flush()
	return w
}

func onlyStopwords(words []string) bool {
	for _, w := range words {
		if !stopwords[w] {
			return false
		}
	}
	return true
}

// keepTelling shortens a long question to n words, in order, dropping the
// words of context first and then the weak ones: a customer who talks for
// a while names the need somewhere, not always early.
func keepTelling(words []string, n int) []string {
	for _, drop := range []func(string) bool{
		func(w string) bool { return contextwords[w] || isNumber(w) },
		func(w string) bool { return weakwords[w] },
	} {
		extra := len(words) - n
		if extra <= 0 {
			break
		}
		kept := words[:0:0]
		for _, w := range words {
			if extra > 0 && drop(w) {
				extra--
				continue
			}
			kept = append(kept, w)
		}
		words = kept
	}
	return words[:min(n, len(words))]
}

// stem reduces an English or Spanish word to a stem shared by its common
// forms: "licenses", "licensing" and "license" all give "licens";
// "kicking" gives "kick". It is deliberately light (a few suffix rules):
// a heavy stemmer merges words customers mean differently, such as
// "housing" and "house" is fine but "general" and "generous" is not.
func stem(w string) string {
	n := len(w)
	if n <= 3 || !isASCIIWord(w) {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && n > 4:
		w = w[:n-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"),
		strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "zes"):
		w = w[:n-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		// "address", "bus", "crisis" are not plurals.
	case strings.HasSuffix(w, "s"):
		w = w[:n-1]
	case strings.HasSuffix(w, "ing") && n >= 6:
		w = undouble(w[:n-3])
	case strings.HasSuffix(w, "ied") && n > 4:
		w = w[:n-3] + "y"
	case strings.HasSuffix(w, "ed") && n >= 5 && !strings.HasSuffix(w, "eed"):
		w = undouble(w[:n-2])
	}
	if len(w) > 3 && w[len(w)-1] == 'e' {
		w = w[:len(w)-1]
	}
	return w
}

// undouble turns "shopp" (from "shopping") back into "shop".
func undouble(w string) string {
	n := len(w)
	if n >= 3 && w[n-1] == w[n-2] && !strings.ContainsRune("lsz", rune(w[n-1])) && !strings.ContainsRune("aeiou", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}

func isASCIIWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

//go:embed stopwords.txt
var stopwordsText string

// stopwords are the words of a desk question that say nothing about where
// to send the customer ("where do I get my ..."), in English and Spanish.
// They are data, in stopwords.txt.
var stopwords = parseWordList(stopwordsText)

//go:embed weakwords.txt
var weakwordsText string

// weakwords say that a customer wants something but not what ("benefits",
// "assistance"); a slot of only weak words weighs weakFactor of another.
var weakwords = parseWordList(weakwordsText)

//go:embed contextwords.txt
var contextwordsText string

// contextwords tell the story around a need: who, when, how sure; a slot
// of only context words weighs contextFactor of another.
var contextwords = parseWordList(contextwordsText)

// parseWordList reads a list of words, several to a line, with # comments.
func parseWordList(text string) map[string]bool {
	set := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		for _, w := range tokenize(nil, line) {
			set[w] = true
		}
	}
	return set
}

// queryWords turns what was typed into the words searched for: folded,
// stop words dropped, limited in size, with their stems. partial reports
// whether the last word may still be being typed (no space after it yet),
// so it also matches as a prefix; stopPrefix, that it is a stop word being
// typed, to be matched only as the start of a longer word: "la" may be
// the Spanish article or the start of "lawyer".
func queryWords(query string) (words, stems []string, partial, stopPrefix bool) {
	if len(query) > maxQueryBytes {
		query = query[:maxQueryBytes]
	}
	query = strings.ToValidUTF8(query, " ")
	all := tokenize(nil, query)
	if len(all) == 0 {
		return nil, nil, false, false
	}
	lastRune, _ := utf8.DecodeLastRuneInString(query)
	_, partial = foldRune(lastRune)
	// One or two letters being typed after words that say nothing yet
	// ("someone to t", "I'm looking f") say nothing either: the results
	// stay with the words before them.
	if n := len(all); partial && n > 1 && len(all[n-1]) <= 2 && onlyStopwords(all[:n-1]) {
		all, partial = all[:n-1], false
	}
	for i, w := range all {
		if !stopwords[w] {
			words = append(words, w)
		} else if i == len(all)-1 && partial && len(w) >= 2 {
			words = append(words, w)
			stopPrefix = true
		}
	}
	switch {
	case len(words) == 0 || stopPrefix && len(words) == 1:
		// A question of only stop words ("help") is searched as typed.
		words, stopPrefix = all, false
	case words[len(words)-1] != all[len(all)-1]:
		partial = false // the word being typed was a stop word
	}
	// One letter being typed after other words says nothing yet ("job s");
	// the results stay put until the next letter.
	if partial && len(words) > 1 && len(words[len(words)-1]) == 1 {
		words, partial = words[:len(words)-1], false
	}
	if len(words) > maxQueryTerms {
		words = keepTelling(words, maxQueryTerms)
		partial, stopPrefix = false, false
	}
	stems = make([]string, len(words))
	for i, w := range words {
		stems[i] = stem(w)
	}
	return words, stems, partial, stopPrefix && partial
}
