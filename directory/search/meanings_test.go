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
