package directory_test

import (
	"slices"
	"strings"
	"testing"

	"nowrongdoor/directory"
)

func TestAbout(t *testing.T) {
	long := "It" + strings.Repeat(" says", 60) // 302 characters
	for _, tc := range []struct {
		in        string
		sentences int
		want      string
	}{
		{"", 2, ""},
		{"Food boxes and a pantry finder.", 2, "Food boxes and a pantry finder."},
		{"Issues marriage licenses. Refer couples who want to get married.", 2, "Issues marriage licenses."},
		{"Runs elections. Handles voter registration. Answers voter questions.", 2, "Runs elections. Handles voter registration."},
		{"Runs elections. Handles voter registration. Answers voter questions.", 1, "Runs elections."},
		{"Runs elections. Handles voter registration. Answers voter questions.", 0, "Runs elections. Handles voter registration. Answers voter questions."},
		{"Send families here. Helps with rent.", 2, "Helps with rent."},
		{"The county's library system. Use this record for library cards; see the branch records.", 0, "The county's library system."},
		{"Helps with rent. " + long + ".", 2, "Helps with rent."},
		{long + ". Helps with rent.", 2, long + "."},
	} {
		if got := directory.About(tc.in, tc.sentences, 280); got != tc.want {
			t.Errorf("About(%q, %d, 280) = %q, want %q", tc.in, tc.sentences, got, tc.want)
		}
	}
}

func TestSentences(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"One. Two! Three? Four", []string{"One.", "Two!", "Three?", "Four"}},
		{"Near 1940 W. North Temple. Call first.", []string{"Near 1940 W. North Temple.", "Call first."}},
		{"Offices in the U.S. and abroad. Ask.", []string{"Offices in the U.S. and abroad.", "Ask."}},
		{"Ends with version 2.0 today. Next", []string{"Ends with version 2.0 today.", "Next"}},
		{"Quoted. \"Yes,\" they said.", []string{"Quoted.", "\"Yes,\" they said."}},
		{"Two\n\nlines.  Spaced", []string{"Two lines.", "Spaced"}},
	} {
		if got := directory.Sentences(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Sentences(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
