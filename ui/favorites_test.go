package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"nowrongdoor/directory/search"
)

// tickingDesk is a test desk whose clock the test moves on.
func tickingDesk(t *testing.T) (*testDesk, func(time.Duration)) {
	t.Helper()
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	now := testNow
	td.now = func() time.Time { return now }
	return td, func(d time.Duration) { now = now.Add(d) }
}

// startRows is the start page as staff read it: each heading row as
// "# name", each listing by its id, each category by its name.
func (td *testDesk) startRows() []string {
	var out []string
	for _, it := range td.results.items {
		switch {
		case it.heading != "":
			out = append(out, "# "+it.heading)
		case it.listing != nil:
			out = append(out, it.listing.ID)
		default:
			out = append(out, it.category.Name)
		}
	}
	return out
}

// TestPinnedOnStartPage: the star pins the listing on show; with the box
// empty it is first on the start page, above the categories, and stays
// pinned until the star is tapped again.
func TestPinnedOnStartPage(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.typeText("passport")
	pin := td.button("Pin")
	test.Tap(pin)
	if got := td.prefs.StringList(prefPinned); !slices.Equal(got, []string{"slco-clerk-passports"}) {
		t.Errorf("pinned = %v, want the passport office", got)
	}
	if pin.Text != "Unpin" {
		t.Errorf("after pinning, the button says %q, want Unpin", pin.Text)
	}
	td.key(fyne.KeyEscape)
	td.wait()
	if got := td.results.heading.Text; got != "Pinned" {
		t.Errorf("start page heading = %q, want Pinned", got)
	}
	rows := td.startRows()
	want := []string{"slco-clerk-passports", "# Browse by category", "Food", "Government & Records"}
	if len(rows) < len(want) || !slices.Equal(rows[:len(want)], want) {
		t.Errorf("start page = %v, want it to begin %v", rows, want)
	}
	// A new desk on the same preferences has it too.
	td2 := newTestDeskOn(t, td.app, newFakeDirectory(fixtureListings()))
	if got := td2.startRows(); len(got) == 0 || got[0] != "slco-clerk-passports" {
		t.Errorf("the next start's page = %v, want the pinned listing first", got)
	}

	td.key(fyne.KeyDown)
	if td.current() == nil || td.current().ID != "slco-clerk-passports" {
		t.Fatalf("Down on the start page shows %v, want the pinned listing", td.current())
	}
	test.Tap(td.button("Unpin"))
	if got := td.prefs.StringList(prefPinned); len(got) != 0 {
		t.Errorf("after unpinning, pinned = %v", got)
	}
	if got := td.results.heading.Text; got != "Recently viewed" {
		t.Errorf("after unpinning, the start page heading = %q, want Recently viewed (pinning counts as viewing)", got)
	}
}

// TestRecentlyViewed: a listing staff stayed on, or copied, is recently
// viewed; the best matches flashing past while a word is typed are not.
// Only listing ids are kept: never what was typed.
func TestRecentlyViewed(t *testing.T) {
	td, tick := tickingDesk(t)
	for _, r := range "pantry" {
		test.Type(td.search, string(r))
		td.wait()
		tick(200 * time.Millisecond)
	}
	tick(10 * time.Second) // staff read it
	td.search.SetText("")
	td.wait()
	td.typeText("passport")
	td.onCopyReferral() // acted on at once
	td.search.SetText("")
	td.wait()

	rows := td.startRows()
	if got := td.results.heading.Text; got != "Recently viewed" {
		t.Errorf("start page heading = %q, want Recently viewed", got)
	}
	want := []string{"slco-clerk-passports", "utah-food-bank", "# Browse by category"}
	if len(rows) < len(want) || !slices.Equal(rows[:len(want)], want) {
		t.Errorf("start page = %v, want it to begin %v", rows, want)
	}
	recent := td.prefs.StringList(prefRecent)
	if !slices.Equal(recent, []string{"slco-clerk-passports", "utah-food-bank"}) {
		t.Errorf("kept %v, want the two listings' ids, newest first", recent)
	}
	for _, key := range []string{prefRecent, prefPinned} {
		for _, v := range td.prefs.StringList(key) {
			if _, ok := td.dir.Listing(v); !ok {
				t.Errorf("preference %s holds %q, which is not a listing id", key, v)
			}
		}
	}

	// Down and Enter walk the start page as they do results, over the
	// headings.
	td.key(fyne.KeyDown)
	td.key(fyne.KeyDown)
	td.key(fyne.KeyDown)
	if got := td.results.items[td.results.cursor]; got.category.Name != "Food" {
		t.Errorf("three Downs reach %+v, want the first category", got)
	}
	td.key(fyne.KeyUp)
	if td.current() == nil || td.current().ID != "utah-food-bank" {
		t.Errorf("Up from the first category shows %v, want the last recent listing", td.current())
	}
}

// TestRecentKeepsEight: the start page offers the last maxRecent
// listings viewed.
func TestRecentKeepsEight(t *testing.T) {
	td := newTestDesk(t, search.NewIndex(defaultListings(t)))
	var ids []string
	for _, l := range td.dir.InCategory("Food") {
		td.showListing(l)
		td.markViewed(l)
		ids = append(ids, l.ID)
	}
	if len(ids) <= maxRecent {
		t.Fatalf("only %d food listings; the test needs more than %d", len(ids), maxRecent)
	}
	got := td.prefs.StringList(prefRecent)
	slices.Reverse(ids)
	if !slices.Equal(got, ids[:maxRecent]) {
		t.Errorf("recent = %v, want the last %d viewed, newest first: %v", got, maxRecent, ids[:maxRecent])
	}
}

// TestBack: Alt+Left, a menu item so it works from the search box, goes
// back through the listings staff stayed on, and says when there are no
// more.
func TestBack(t *testing.T) {
	td, tick := tickingDesk(t)
	back := td.menuItem(shortcutBack)
	for _, q := range []string{"pantry", "passport"} {
		td.search.SetText("")
		td.typeText(q)
		tick(5 * time.Second)
	}
	td.search.SetText("")
	td.typeText("crisis")
	if td.current() == nil || td.current().ID != crisis988ID {
		t.Fatalf("crisis shows %v", td.current())
	}
	for _, want := range []string{"slco-clerk-passports", "utah-food-bank"} {
		back.Action()
		if td.current() == nil || td.current().ID != want {
			t.Fatalf("Alt+Left shows %v, want %s", td.current(), want)
		}
		tick(time.Second)
	}
	if td.search.Text != "crisis" {
		t.Errorf("Alt+Left changed the search box to %q", td.search.Text)
	}
	back.Action()
	if !td.detail.noticeBox.Visible() || !strings.Contains(td.detail.notice.Text, "No earlier listing") {
		t.Errorf("with nothing further back, the notice says %q", td.detail.notice.Text)
	}
	if td.current() == nil || td.current().ID != "utah-food-bank" {
		t.Errorf("with nothing further back, the pane shows %v, want the food bank still", td.current())
	}
}

// TestPinWaitsForResults: Ctrl+D pressed straight after typing pins the
// listing the words typed find, as copy does, rather than saying there is
// nothing to pin; and so does Email.
func TestPinWaitsForResults(t *testing.T) {
	slow := slowDirectory{Directory: newFakeDirectory(fixtureListings()), release: make(chan struct{})}
	a := &mailApp{App: test.NewTempApp(t)}
	td := newTestDeskOn(t, a, slow)
	td.search.SetText("passport") // its search waits for the release
	td.menuItem(shortcutPin).Action()
	td.menuItemLabelled("Email the referral…").Action()
	if got := td.prefs.StringList(prefPinned); len(got) != 0 || len(a.opened) != 0 {
		t.Errorf("pinned %v and emailed %v before the results arrived", got, a.opened)
	}
	close(slow.release)
	td.wait()
	if got := td.prefs.StringList(prefPinned); !slices.Equal(got, []string{"slco-clerk-passports"}) {
		t.Errorf("pinned %v, want the passport office the words typed find", got)
	}
	if len(a.opened) != 1 || a.opened[0].Query().Get("subject") != "Salt Lake County Clerk - Passport Acceptance" {
		t.Errorf("emailed %v, want the passport office", a.opened)
	}
	if td.detail.noticeBox.Visible() {
		t.Errorf("the pane says %q", td.detail.notice.Text)
	}
}
