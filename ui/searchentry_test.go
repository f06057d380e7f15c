package ui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"nowrongdoor/directory/search"
)

// TestPasteCutToFit pastes a whole document into the search box: the box
// keeps its first maxSearchLength characters and searches them, the
// results say the rest was left out, typing past the limit is dropped,
// and the note goes once the text changes.
func TestPasteCutToFit(t *testing.T) {
	td := newTestDesk(t, search.NewIndex(defaultListings(t)))
	td.show()
	doc := strings.Repeat("help with rent ", 7000) // about 100 KB
	td.app.Clipboard().SetContent(doc)
	td.search.TypedShortcut(&fyne.ShortcutPaste{Clipboard: td.app.Clipboard()})
	td.wait()

	if n := utf8.RuneCountInString(td.search.Text); n != maxSearchLength {
		t.Fatalf("after pasting %d characters the box holds %d, want %d", len(doc), n, maxSearchLength)
	}
	if !strings.HasPrefix(doc, td.search.Text) {
		t.Errorf("the box holds %.40q…, want the start of what was pasted", td.search.Text)
	}
	if got := td.app.Clipboard().Content(); got != doc {
		t.Errorf("the paste changed the clipboard to %.40q…", got)
	}
	if len(td.ids()) == 0 || td.current() == nil {
		t.Errorf("no results for the pasted text: heading %q", td.results.heading.Text)
	}
	note := "keeps the first 1000 characters"
	if !td.results.hint.Visible() || strings.Count(td.results.hint.Text, note) != 1 {
		t.Errorf("results hint = %q (shown %v), want the note that the rest was left out, once", td.results.hint.Text, td.results.hint.Visible())
	}

	text := td.search.Text
	td.typeOnWindow("xy")
	if td.search.Text != text {
		t.Errorf("typing into the full box changed it to end %q", td.search.Text[len(td.search.Text)-10:])
	}
	if strings.Count(td.results.hint.Text, note) != 1 {
		t.Errorf("after typing into the full box the hint is %q, want the note once", td.results.hint.Text)
	}

	td.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	td.wait()
	if td.results.hint.Visible() {
		t.Errorf("after Backspace the results still say %q", td.results.hint.Text)
	}
}

// TestPasteReplacesSelection pastes over the whole of a search: the
// selected text makes room, and a paste that fits is taken as it is.
func TestPasteReplacesSelection(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.typeText("food")
	td.focusSearch() // selects the text
	td.app.Clipboard().SetContent("passport photo")
	td.search.TypedShortcut(&fyne.ShortcutPaste{Clipboard: td.app.Clipboard()})
	td.wait()
	if td.search.Text != "passport photo" || td.results.hint.Visible() {
		t.Errorf("pasting a short search over the box gave %q, hint %q", td.search.Text, td.results.hint.Text)
	}

	long := strings.Repeat("a", maxSearchLength-3) + "bcdefg"
	td.focusSearch()
	td.app.Clipboard().SetContent(long)
	td.search.TypedShortcut(&fyne.ShortcutPaste{Clipboard: td.app.Clipboard()})
	td.wait()
	if want := long[:maxSearchLength]; td.search.Text != want {
		t.Errorf("pasting %d characters over a selection left %d, want the first %d", len(long), len(td.search.Text), maxSearchLength)
	}
	if !td.results.hint.Visible() {
		t.Errorf("no note that the paste was cut; the results show %q", td.results.heading.Text)
	}
}

func TestFirstRunes(t *testing.T) {
	for _, c := range []struct {
		text string
		n    int
		want string
	}{
		{"passport", 4, "pass"},
		{"passport", 20, "passport"},
		{"🙂🙂🙂", 2, "🙂🙂"},
		{"\u200fpassport", 1, "\u200f"},
		{"ayuda", 0, ""},
	} {
		if got := firstRunes(c.text, c.n); got != c.want {
			t.Errorf("firstRunes(%q, %d) = %q, want %q", c.text, c.n, got, c.want)
		}
	}
}
