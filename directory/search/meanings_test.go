package search

import (
	"encoding/json"
	"regexp"
	"testing"

	"nowrongdoor/data"
	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
)

func TestIsSlip(t *testing.T) {
	tests := []struct {
		typed, want string
		slip        bool
	}{
		{"hopless", "hopeless", true},      // a letter left out
		{"evictionn", "eviction", true},    // one too many
		{"shleter", "shelter", true},       // two swapped
		{"devorce", "divorce", true},       // a vowel for a vowel
		{"naturalise", "naturalize", true}, // s for z
		{"blowing", "plowing", false},      // another word
		{"walking", "talking", false},
		{"hopeless", "hopeless", true},
		{"hopelessly", "hopeless", false},
	}
	for _, tt := range tests {
		if got := isSlip(tt.typed, tt.want); got != tt.slip {
			t.Errorf("isSlip(%q, %q) = %v, want %v", tt.typed, tt.want, got, tt.slip)
		}
	}
}

func TestMeaningsReadSlipsNotWords(t *testing.T) {
	for _, tt := range []struct{ typed, want string }{
		{"hopless", "hopeless"},
		{"blocking", "blocking"}, // an English word, though one letter from "locking"
		{"bettered", "bettered"}, // not "battered"
		{"creation", "creation"}, // not "cremation"
	} {
		got := defaultCrisisRail().correct(tt.typed)
		if got == tt.typed {
			got = defaultNeeds().correct(tt.typed)
		}
		if got != tt.want {
			t.Errorf("correct(%q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
}

func TestSplitJoined(t *testing.T) {
	var ls []directory.Listing
	if err := json.Unmarshal(data.Agencies, &ls); err != nil {
		t.Fatal(err)
	}
	for i := range ls {
		directorytest.Prepare(&ls[i])
	}
	ix := NewIndex(ls)
	for _, tt := range []struct {
		word string
		want []string
	}{
		{"propertytax", []string{"property", "tax"}},
		{"childsupport", []string{"child", "support"}},
		{"foodstamps", []string{"food", "stamps"}},
		{"carpet", []string{"carpet"}}, // "car" and "pet" are never said together
		{"canada", []string{"canada"}},
	} {
		got := ix.splitJoined([]string{tt.word}, false)
		if len(got) != len(tt.want) || got[0] != tt.want[0] {
			t.Errorf("splitJoined(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestEveryPatternCompiles: every pattern of the needs taxonomy and the
// crisis rail is a regular expression that compiles. They are compiled
// only when a question first needs one, so a bad line would otherwise
// show only then, at a desk.
func TestEveryPatternCompiles(t *testing.T) {
	for name, table := range map[string]*meaningTable{"needs": defaultNeeds(), "crisis": defaultCrisisRail()} {
		if len(table.patterns) == 0 {
			t.Fatalf("%s has no patterns", name)
		}
		for _, p := range table.patterns {
			if _, err := regexp.Compile(p.expression()); err != nil {
				t.Errorf("%s, meaning %q: %v", name, table.meanings[p.meaning].name, err)
			}
		}
	}
}

// TestParseMeaningsErrors: a broken line of a meaning table is reported
// with its line number, what is wrong, and the pattern it is in, so the
// person editing the table can fix it without reading the parser.
func TestParseMeaningsErrors(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"define X", "line 1: a define needs NAME = alternatives"},
		{"define X = ( a", `line 1: "(  ( a )": a ( is not closed`},
		{"define X = a )", `line 1: "(  a ) )": a ) without its (`},
		{"define X = {X}", `line 1: "(  {X} )": {X} is not defined above it`},
		{"define X = a\ndefine Y = {X} | {Z}", `line 2: "(  {X} | {Z} )": {Z} is not defined above it`},
		{"[a]", "line 1: a meaning starts with [name] and its listing ids"},
		{"[a] x\n[b] y\nfoo", "line 2: a has no patterns"},
		{"[a] x", "a has no patterns"},
		{"[a] | y", "a has no patterns"},
		{"[a] x\nfoo\n[b] y\n\n# comment\n", "b has no patterns"},
		{"foo", "line 1: a pattern before any [meaning]"},
		{"[a] x\nfoo ( bar", `line 2: "foo ( bar": a ( is not closed`},
		{"[a] x\nfoo ( ( bar )", `line 2: "foo ( ( bar )": a ( is not closed`},
		{"[a] x\n( a | b )? c ( d", `line 2: "( a | b )? c ( d": a ( is not closed`},
		{"[a] x\nfoo )", `line 2: "foo )": a ) without its (`},
		{"[a] x\nfoo | bar )? baz", `line 2: "foo | bar )? baz": a ) without its (`},
		{"[a] x\n{X} foo", `line 2: "{X} foo": {X} is not defined above it`},
		{"[a] x\nFoo", `line 2: "Foo": "Foo" is not a folded word (lower case, no accents or apostrophes)`},
		{"[a] x\ncan't", `line 2: "can't": "can't" is not a folded word (lower case, no accents or apostrophes)`},
		{"[a] x\nfoo bar ń", `line 2: "foo bar ń": "ń" is not a folded word (lower case, no accents or apostrophes)`},
		{"[a] x\nfoo *", `line 2: "foo *": "*" is not a word`},
	} {
		_, err := parseMeanings(tt.text)
		if err == nil || err.Error() != tt.want {
			t.Errorf("parseMeanings(%q) = %v, want %s", tt.text, err, tt.want)
		}
	}
}
