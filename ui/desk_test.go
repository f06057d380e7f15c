package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/data"
	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
	"nowrongdoor/directory/search"
)

func TestTypingShowsTopResult(t *testing.T) {
	td := newTestDesk(t, search.NewIndex(defaultListings(t)))
	td.typeText("passport")
	if ids := td.ids(); len(ids) == 0 || ids[0] != "slco-clerk-passports" {
		t.Fatalf("Search(%q) ids = %v, want slco-clerk-passports first", "passport", ids)
	}
	rows := td.visibleRows()
	if len(rows) == 0 || !strings.Contains(rows[0], "Passport") {
		t.Errorf("first row drawn = %v, want the passport office", rows)
	}
	if got := td.results.heading.Text; !strings.Contains(got, "match") {
		t.Errorf("heading = %q, want a count of matches", got)
	}
}

func TestSearchBoxFocusedAtStart(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	if td.win.Canvas().Focused() != td.search {
		t.Errorf("focused = %v, want the search box", td.win.Canvas().Focused())
	}
	if td.search.PlaceHolder != "What does the customer need?" {
		t.Errorf("placeholder = %q", td.search.PlaceHolder)
	}
}

func TestSelectingShowsDetails(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.typeText("passport")
	td.results.list.Select(0) // as a click does
	if td.current() == nil || td.current().ID != "slco-clerk-passports" {
		t.Fatalf("shown = %v, want the passport office", td.current())
	}
	text := td.detailText()
	for _, want := range []string{
		"Salt Lake County Clerk - Passport Acceptance",
		"! No photos on Fridays in December (until Dec 31, 2026)",
		"[Copy referral]",
		"385-468-7300   Passports",
		"385-468-7400 ext. 12   Main office",
		"2001 S State St, Salt Lake City, UT 84190",
		"[Map]",
		"Form DS-11, proof of citizenship, photo ID",
		"U.S. citizens",
		"$35 acceptance fee",
		"English, Spanish",
		"https://saltlakecounty.gov/clerk/passport",
		"Verified Jun 1, 2026 by J. Rivera",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("detail does not show %q; it shows:\n%s", want, text)
		}
	}
	// The alert comes before everything staff act on.
	if strings.Index(text, "! No photos") > strings.Index(text, "385-468-7300") {
		t.Errorf("alert is shown after the phones:\n%s", text)
	}
}

func TestClosedListingWarnsFirst(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.typeText("pantry")
	i := slices.Index(td.ids(), "westside-food-pantry")
	if i < 0 {
		t.Fatalf("Search(%q) ids = %v, want the closed pantry", "pantry", td.ids())
	}
	td.results.list.Select(i)
	if text := td.detailText(); !strings.Contains(text, "! Temporarily closed.") {
		t.Errorf("detail of a closed listing has no closure banner:\n%s", text)
	}
	marker, _ := statusMarker(td.results.items[i].listing, testNow)
	if marker != "Temporarily closed" {
		t.Errorf("results marker = %q, want %q", marker, "Temporarily closed")
	}
}

func TestKeyboardNavigation(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.show()
	td.typeText("food")
	ids := td.ids()
	if len(ids) < 3 {
		t.Fatalf("Search(%q) ids = %v, want three or more", "food", ids)
	}
	// The best match is on show at once, and highlighted.
	if td.results.cursor != 0 || td.current() == nil || td.current().ID != ids[0] {
		t.Fatalf("after typing: cursor %d, shown %v; want row 0, %s", td.results.cursor, td.current(), ids[0])
	}
	// The pane follows the highlight.
	td.key(fyne.KeyDown)
	if td.results.cursor != 1 || td.current().ID != ids[1] {
		t.Errorf("after Down: cursor %d, shown %s; want row 1, %s", td.results.cursor, td.current().ID, ids[1])
	}
	td.key(fyne.KeyDown)
	td.key(fyne.KeyUp)
	if td.results.cursor != 1 || td.current().ID != ids[1] {
		t.Errorf("after Down Down Up: cursor %d, shown %s; want row 1, %s", td.results.cursor, td.current().ID, ids[1])
	}
	td.key(fyne.KeyUp)
	td.key(fyne.KeyUp) // stays on the first row
	td.key(fyne.KeyEnter)
	if td.results.cursor != 0 || td.current().ID != ids[0] {
		t.Errorf("after Up Up Enter: cursor %d, shown %s; want row 0, %s", td.results.cursor, td.current().ID, ids[0])
	}

	td.key(fyne.KeyEscape)
	if td.search.Text != "" || td.results.heading.Text != "Browse by category" {
		t.Fatalf("Escape left %q in the box and heading %q", td.search.Text, td.results.heading.Text)
	}
	if td.detail.kind != paneWelcome || td.current() != nil {
		t.Errorf("Escape left the pane on %v (kind %d), want the welcome page", td.current(), td.detail.kind)
	}
	// Down highlights a category and shows its page; Enter opens it.
	td.key(fyne.KeyDown)
	if td.detail.kind != paneCategory || td.detail.category != "Food" || td.category != "" {
		t.Errorf("Down on the categories: pane kind %d on %q, open %q; want Food's page, not opened", td.detail.kind, td.detail.category, td.category)
	}
	td.key(fyne.KeyReturn)
	if td.category != "Food" {
		t.Fatalf("Enter on the first category opened %q, want Food", td.category)
	}
	if td.detail.kind != paneCategory || !strings.Contains(td.detailText(), "Esc goes back to all categories") {
		t.Errorf("an open category shows:\n%s", td.detailText())
	}
	td.key(fyne.KeyDown)
	if first := td.ids()[0]; td.current() == nil || td.current().ID != first {
		t.Errorf("Down in Food showed %v, want %s", td.current(), first)
	}
	td.key(fyne.KeyEscape)
	if td.category != "" || len(td.results.items) == 0 || td.results.items[0].listing != nil {
		t.Errorf("Escape in a category did not go back to the categories")
	}
	if td.detail.kind != paneWelcome {
		t.Errorf("Escape in a category left pane kind %d, want the welcome page", td.detail.kind)
	}
}

// TestPaneBelongsToSearch: a new search replaces the listing on show with
// its own best match, and copy never hands over a listing from an earlier
// search or one nobody can see.
func TestPaneBelongsToSearch(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.show()
	td.typeText("passport")
	td.key(fyne.KeyReturn)
	td.menuItem(shortcutCopyReferral).Action()
	if got := td.app.Clipboard().Content(); !strings.HasPrefix(got, "Salt Lake County Clerk - Passport Acceptance\n") {
		t.Fatalf("copy put %q, want the passport referral", got)
	}

	// Staff select the search (Ctrl+F) and type another.
	td.focusSearch()
	td.typeText("food")
	ids := td.ids()
	if len(ids) == 0 || td.current() == nil || td.current().ID != ids[0] {
		t.Fatalf("after a new search the pane shows %v, want its best match %v", td.current(), ids)
	}
	text := td.detailText()
	if strings.Contains(text, "Passport") {
		t.Errorf("the pane still shows the passport office after searching %q:\n%s", "food", text)
	}
	if strings.Contains(text, "Referral copied") {
		t.Errorf("the pane says a referral was copied, but none was for %s", ids[0])
	}
	if td.results.cursor != 0 {
		t.Errorf("the best match is not highlighted: cursor %d", td.results.cursor)
	}
	td.onCopyReferral() // Ctrl+Shift+C, the menu item and the button all call it
	if got, want := td.app.Clipboard().Content(), td.current().Name+"\n"; !strings.HasPrefix(got, want) {
		t.Errorf("copy after a new search put %q, want the referral for %s", got, td.current().ID)
	}

	// Esc: the welcome page, and nothing to copy.
	td.key(fyne.KeyEscape)
	if td.detail.kind != paneWelcome || !strings.Contains(td.detailText(), "Find the right referral") {
		t.Fatalf("Escape shows:\n%s", td.detailText())
	}
	td.app.Clipboard().SetContent("what staff copied elsewhere")
	test.Tap(td.button("211   Utah 211 (United Way 2-1-1)")) // shows a listing...
	td.key(fyne.KeyEscape)                                   // ...and Esc puts the welcome page back
	td.menuItem(shortcutCopyReferral).Action()
	if got := td.app.Clipboard().Content(); got != "what staff copied elsewhere" {
		t.Errorf("copy with nothing on show put %q on the clipboard", got)
	}
	if !td.detail.noticeBox.Visible() || !strings.Contains(td.detail.notice.Text, "Nothing to copy") {
		t.Errorf("copy with nothing on show did not say so")
	}
	if td.category != "" || td.current() != nil || td.results.cursor != -1 {
		t.Errorf("copy with nothing on show picked something: category %q, shown %v, cursor %d", td.category, td.current(), td.results.cursor)
	}
	// The notice goes with the next thing shown.
	td.typeText("pantry")
	if td.detail.noticeBox.Visible() {
		t.Errorf("the nothing-to-copy notice stayed over %s", td.current().ID)
	}
}

// TestCategoryPageHasNothingToCopy: a highlighted or open category is not
// a listing, so copy says so rather than picking one.
func TestCategoryPageHasNothingToCopy(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.key(fyne.KeyDown)
	td.key(fyne.KeyReturn)
	if td.category != "Food" || td.detail.kind != paneCategory {
		t.Fatalf("Down Enter opened %q with pane kind %d", td.category, td.detail.kind)
	}
	td.app.Clipboard().SetContent("")
	td.onCopyReferral()
	if got := td.app.Clipboard().Content(); got != "" {
		t.Errorf("copy on a category page put %q", got)
	}
	if td.current() != nil || td.results.cursor != -1 {
		t.Errorf("copy on a category page picked %v", td.current())
	}
}

// TestClickOnHighlightedCategoryOpensIt: the list ignores a click on its
// selected row, so a highlighted category must not be left selected.
func TestClickOnHighlightedCategoryOpensIt(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.key(fyne.KeyDown)
	td.results.list.Select(0) // as a click does
	if td.category != "Food" {
		t.Errorf("a click on the highlighted category opened %q, want Food", td.category)
	}
	if td.win.Canvas().Focused() != td.search {
		t.Errorf("after a click the focus is on %v, want the search box", td.win.Canvas().Focused())
	}
}

// TestSameTopResultIsNotRedrawn: while a word is typed the top result often
// stays the same; the pane is left as it is.
func TestSameTopResultIsNotRedrawn(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.typeText("pass")
	first := td.detail.box.Objects[0]
	td.typeText("port")
	if td.detail.box.Objects[0] != first {
		t.Errorf("the pane was redrawn for the listing already on show")
	}
}

func TestTypingAnywhereGoesToSearch(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.win.Canvas().Unfocus()
	test.TypeOnCanvas(td.win.Canvas(), "food")
	td.wait()
	if td.search.Text != "food" || td.win.Canvas().Focused() != td.search {
		t.Errorf("typing with nothing focused gave box %q, focus %v", td.search.Text, td.win.Canvas().Focused())
	}
}

func TestFocusSearchShortcuts(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.typeText("food")
	td.win.Canvas().Unfocus()
	td.menuItem(shortcutSearch).Action()
	if td.win.Canvas().Focused() != td.search {
		t.Fatalf("Ctrl+F did not focus the search box")
	}
	if td.search.SelectedText() != "food" {
		t.Errorf("Ctrl+F selected %q, want the whole search so typing replaces it", td.search.SelectedText())
	}
	td.win.Canvas().Unfocus()
	td.search.TypedShortcut(shortcutSearchAlt)
	if td.win.Canvas().Focused() != td.search {
		t.Errorf("Ctrl+K did not focus the search box")
	}
}

func TestCopyReferral(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.typeText("passport")
	td.key(fyne.KeyReturn)
	td.menuItem(shortcutCopyReferral).Action()
	want := "Salt Lake County Clerk - Passport Acceptance\n" +
		"Salt Lake County Clerk\n" +
		"Please note: No photos on Fridays in December\n" +
		"Accepts U.S. passport applications by appointment.\n" +
		"Phone: 385-468-7300 (Passports)\n" +
		"Phone: 385-468-7400 ext. 12 (Main office)\n" +
		"Address: 2001 S State St, Salt Lake City, UT 84190\n" +
		"Hours: Mon–Fri 8:00am-5:00pm; Sat–Sun Closed\n" +
		"What to bring: Form DS-11, proof of citizenship, photo ID\n" +
		"Website: https://saltlakecounty.gov/clerk/passport\n" +
		"\n" +
		"Hours can change: call first.\n" +
		"Referred Nov 25, 2026 by the Salt Lake County Library"
	if got := td.app.Clipboard().Content(); got != want {
		t.Errorf("clipboard =\n%s\nwant\n%s", got, want)
	}
	if !td.detail.copied.Visible() {
		t.Errorf("copying did not say so")
	}
}

func TestCopyReferralButtonAndPhone(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.typeText("food bank")
	td.key(fyne.KeyReturn)
	test.Tap(td.button("Copy referral"))
	want := "Utah Food Bank\n" +
		"Food boxes and a pantry finder.\n" +
		"Phone: 801-978-2452\n" +
		"Address: 3150 S 900 W, South Salt Lake, UT 84119\n" +
		"Hours: Mon–Sat 9:00am-6:00pm; Sun Closed\n" +
		"\n" +
		"Hours can change: call first.\n" +
		"Referred Nov 25, 2026 by the Salt Lake County Library"
	if got := td.app.Clipboard().Content(); got != want {
		t.Fatalf("Copy referral button put\n%s\nwant\n%s", got, want)
	}
	// Each phone has its own copy button.
	copyPhone := td.button("Copy")
	test.Tap(copyPhone)
	if copyPhone.Text != "Copied" {
		t.Errorf("copy button says %q after copying, want %q", copyPhone.Text, "Copied")
	}
	if got := td.app.Clipboard().Content(); got != "801-978-2452" {
		t.Errorf("phone copy button put %q, want the number", got)
	}
}

func TestCopyReferralCopiesBestMatch(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.typeText("passport")
	td.onCopyReferral()
	if td.current() == nil || !strings.HasPrefix(td.app.Clipboard().Content(), td.current().Name+"\n") {
		t.Errorf("copy with nothing shown: shown %v, clipboard %q", td.current(), td.app.Clipboard().Content())
	}
}

func TestEmptyBoxShowsCategories(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	var got []string
	for _, it := range td.results.items {
		got = append(got, it.category.Name)
	}
	want := []string{"Food", "Government & Records", "Housing & Shelter", "Mental Health & Crisis"}
	if !slices.Equal(got, want) {
		t.Fatalf("start page categories = %v, want %v", got, want)
	}
	if rows := td.visibleRows(); len(rows) != 4 || rows[0] != "Food" {
		t.Errorf("rows drawn = %v", rows)
	}
	td.results.list.Select(0) // a click on Food
	if ids := td.ids(); !slices.Equal(ids, []string{utah211ID, "utah-food-bank", "westside-food-pantry"}) {
		t.Errorf("Food lists %v", ids)
	}
	if !td.results.back.Visible() {
		t.Fatalf("no way back from a category")
	}
	test.Tap(td.results.back)
	if td.category != "" || td.results.items[0].category.Name != "Food" {
		t.Errorf("back did not return to the categories")
	}
	// Typing and clearing comes back to the categories too.
	td.typeText("food")
	td.search.SetText("")
	td.wait()
	if td.results.heading.Text != "Browse by category" {
		t.Errorf("cleared box heading = %q", td.results.heading.Text)
	}
}

func TestZeroResultsOffersFallbacks(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.typeText("xyzzy plugh")
	if ids := td.ids(); !slices.Equal(ids, []string{utah211ID, crisis988ID, emergencyID}) {
		t.Fatalf("no-match fallbacks = %v", ids)
	}
	if !td.results.hint.Visible() || !strings.Contains(td.results.hint.Text, "fewer words") {
		t.Errorf("no advice on what to try: %q", td.results.hint.Text)
	}
	if !strings.Contains(td.results.heading.Text, "xyzzy plugh") {
		t.Errorf("heading %q does not repeat the search", td.results.heading.Text)
	}
	// The fallbacks come from the directory when it has them.
	if td.results.items[0].listing.Name != "Utah 211 (United Way 2-1-1)" {
		t.Errorf("211 fallback = %q, want the directory's listing", td.results.items[0].listing.Name)
	}
	td.key(fyne.KeyDown)
	td.key(fyne.KeyDown)
	td.key(fyne.KeyDown)
	td.key(fyne.KeyReturn)
	if text := td.detailText(); td.current().ID != emergencyID || !strings.Contains(text, "911") {
		t.Errorf("911 fallback shows:\n%s", text)
	}
}

func TestFallbacksWithoutDirectory(t *testing.T) {
	td := newTestDesk(t, nil)
	td.typeText("anything")
	if ids := td.ids(); !slices.Equal(ids, []string{utah211ID, crisis988ID, emergencyID}) {
		t.Fatalf("fallbacks with an empty directory = %v", ids)
	}
	if l := td.results.items[0].listing; l.Phones[0].Number != "211" {
		t.Errorf("built-in 211 = %+v", l)
	}
}

func TestStaleResultsAreDropped(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.typeText("food")
	before := td.ids()
	shown := td.current()
	td.applyResults(td.seq-1, "passport", []search.Result{{Listing: &fixtureListings()[0]}})
	if !slices.Equal(td.ids(), before) {
		t.Errorf("results of an older keystroke replaced the list: %v", td.ids())
	}
	if td.current() != shown {
		t.Errorf("results of an older keystroke put %v on show, want %v", td.current(), shown)
	}
}

// slowDirectory holds each search until the test lets it go.
type slowDirectory struct {
	Directory
	release chan struct{}
}

func (s slowDirectory) Search(q string, limit int) []search.Result {
	<-s.release
	return s.Directory.Search(q, limit)
}

func TestTypingNeverWaitsForSearch(t *testing.T) {
	slow := slowDirectory{Directory: newFakeDirectory(fixtureListings()), release: make(chan struct{})}
	td := newTestDesk(t, slow)
	test.Type(td.search, "pass") // returns although no search can finish
	if td.search.Text != "pass" {
		t.Fatalf("box = %q", td.search.Text)
	}
	test.Type(td.search, "port")
	close(slow.release)
	td.wait()
	if ids := td.ids(); len(ids) == 0 || ids[0] != "slco-clerk-passports" {
		t.Errorf("final results = %v, want those for %q", ids, "passport")
	}
}

func TestStandardsToggleRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	td := newTestDeskOn(t, a, newFakeDirectory(fixtureListings()))
	if !td.standards.content.Visible() {
		t.Fatalf("standards hidden on first start")
	}
	item := td.menuItem(shortcutStandards)
	item.Action()
	if td.standards.content.Visible() || item.Checked || td.standardsButton.Text != "Show standards" {
		t.Fatalf("after toggle: visible %v, checked %v, button %q", td.standards.content.Visible(), item.Checked, td.standardsButton.Text)
	}
	again := newTestDeskOn(t, a, newFakeDirectory(fixtureListings()))
	if again.standards.content.Visible() {
		t.Errorf("hidden standards came back shown after a restart")
	}
	test.Tap(again.standardsButton)
	if !again.standards.content.Visible() || !a.Preferences().Bool(prefStandardsShown) {
		t.Errorf("the toolbar button did not show the standards again")
	}
}

func TestStandardsPanel(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.show()
	text := objectText(td.standards.content)
	for _, want := range []string{"No wrong door", "Listen", "Rephrase", "Refer", "Confirm", "Follow up", "Library Customer Service Standards", "Service-Oriented"} {
		if !strings.Contains(text, want) {
			t.Errorf("standards panel lacks %q", want)
		}
	}
}

func TestReminderDrawnFromStandards(t *testing.T) {
	for _, step := range reminderSteps() {
		if !strings.Contains(string(data.Standards), step.source) {
			t.Errorf("reminder %q cites %q, which the standards no longer say", step.text, step.source)
		}
	}
}

func TestLayoutRemembered(t *testing.T) {
	a := test.NewTempApp(t)
	td := newTestDeskOn(t, a, newFakeDirectory(fixtureListings()))
	td.win.Resize(fyne.NewSize(1100, 650))
	td.split.SetOffset(0.4)
	td.inner.SetOffset(0.55)
	td.onClosed()
	again := NewDesk(a, newFakeDirectory(fixtureListings()), data.Standards)
	if got := again.win.Canvas().Size(); got != fyne.NewSize(1100, 650) {
		t.Errorf("window size after restart = %v", got)
	}
	if again.split.Offset != 0.4 || again.inner.Offset != 0.55 {
		t.Errorf("split offsets after restart = %v, %v", again.split.Offset, again.inner.Offset)
	}
}

func TestShortcutsOnMenu(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	for _, s := range []fyne.Shortcut{shortcutSearch, shortcutCopyReferral, shortcutStandards, shortcutHelp, shortcutPrintSlip, shortcutAddToSlip} {
		item := td.menuItem(s)
		if item.Action == nil {
			t.Errorf("menu item %q does nothing", item.Label)
		}
	}
	for _, s := range []*desktop.CustomShortcut{shortcutSearch, shortcutCopyReferral, shortcutStandards, shortcutHelp, shortcutPrintSlip, shortcutAddToSlip} {
		if s.Modifier&fyne.KeyModifierShortcutDefault == 0 {
			t.Errorf("%s does not use the platform's shortcut key", s.ShortcutName())
		}
	}
	td.menuItem(shortcutHelp).Action()
	top := td.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(objectText(top), "Ctrl+Shift+C") {
		t.Errorf("the shortcuts dialog did not open or lacks the copy key")
	}
}

func TestSetDirectory(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.typeText("passport")
	td.key(fyne.KeyReturn)
	ls := fixtureListings()
	ls[0].Phones = []directory.Phone{{Label: "Passports", Number: "385-468-0000"}}
	td.SetDirectory(newFakeDirectory(ls))
	td.wait()
	if !strings.Contains(td.detailText(), "385-468-0000") {
		t.Errorf("edited listing not redrawn:\n%s", td.detailText())
	}
	if ids := td.ids(); len(ids) == 0 || ids[0] != "slco-clerk-passports" {
		t.Errorf("search not re-run on the new directory: %v", ids)
	}
}

func TestMainLayoutMarkup(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.typeText("passport")
	td.key(fyne.KeyReturn)
	test.AssertRendersToMarkup(t, "desk_listing.xml", td.win.Canvas())
}

func TestKeysBeforeResultsArrive(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.typeText("food")
	// Type more and press Down, Enter before the search answers: the keys
	// apply to the new results, not to the ones on screen.
	before := td.current()
	test.Type(td.search, " bank")
	td.key(fyne.KeyDown)
	td.key(fyne.KeyReturn)
	if td.current() != before {
		t.Fatalf("Down, Enter acted on stale results: showed %s", td.current().ID)
	}
	td.wait()
	ids := td.ids()
	want := ids[min(1, len(ids)-1)]
	if td.current() == nil || td.current().ID != want {
		t.Errorf("Down, Enter typed ahead showed %v, want the second result %s of %v", td.current(), want, ids)
	}
}

func TestWelcomeOffersFallbacks(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.show()
	text := td.detailText()
	for _, want := range []string{"[211   Utah 211 (United Way 2-1-1)]", "[988   988 Suicide & Crisis Lifeline (Utah)]", "[911   911 Emergency]", "Ctrl+Shift+C"} {
		if !strings.Contains(text, want) {
			t.Errorf("start page lacks %q:\n%s", want, text)
		}
	}
	test.Tap(td.button("911   911 Emergency"))
	if td.current() == nil || td.current().ID != emergencyID {
		t.Errorf("the 911 button showed %v", td.current())
	}
}

// TestFitsSmallScreen checks that the window, with the standards shown and
// the wordiest listing of the default directory on show, needs no more than
// a 1366x768 screen, so nothing is cut off on the desk PCs' laptops.
func TestFitsSmallScreen(t *testing.T) {
	ls := defaultListings(t)
	td := newTestDesk(t, search.NewIndex(ls))
	td.show()
	longest := &ls[0]
	for i := range ls {
		if len(ls[i].Description)+len(ls[i].Documents)+len(ls[i].Name) > len(longest.Description)+len(longest.Documents)+len(longest.Name) {
			longest = &ls[i]
		}
	}
	td.showListing(longest)
	t.Logf("window min size %v with %s", td.win.Content().MinSize(), longest.ID)
	if min := td.win.Content().MinSize(); min.Width > 1366 || min.Height > 768-60 {
		t.Errorf("window needs %v to show %s; a 1366x768 screen (less the title and task bars) has 1366x708", min, longest.ID)
	}
}

// TestLoadingThenDirectory: the window opens before the directory has
// loaded; what was typed meanwhile is searched as soon as it arrives.
func TestLoadingThenDirectory(t *testing.T) {
	td := newTestDesk(t, nil)
	td.ShowLoading()
	if got := td.results.heading.Text; got != "Loading the directory…" {
		t.Errorf("heading while loading = %q", got)
	}
	td.typeText("passport")
	if got := td.results.heading.Text; got != "Loading the directory…" {
		t.Errorf("heading after typing while loading = %q, want the loading notice, not 'no matches'", got)
	}
	if ids := td.ids(); !slices.Equal(ids, []string{utah211ID, crisis988ID, emergencyID}) {
		t.Errorf("while loading the results offer %v, want the fallbacks", ids)
	}
	td.SetDirectory(newFakeDirectory(fixtureListings()))
	td.wait()
	if ids := td.ids(); len(ids) == 0 || ids[0] != "slco-clerk-passports" {
		t.Errorf("after loading, results = %v, want the passport listing first", ids)
	}
}

// TestLoadProblem: a directory that cannot be opened is explained where
// desk staff look, and the fallbacks stay on offer.
func TestLoadProblem(t *testing.T) {
	td := newTestDesk(t, nil)
	td.ShowLoadProblem("open nowrongdoor.db: the file is damaged; restore a backup")
	if got := td.results.heading.Text; got != "The directory could not be opened" {
		t.Errorf("heading = %q", got)
	}
	if hint := td.results.hint; hint.Hidden || !strings.Contains(hint.Text, "restore a backup") {
		t.Errorf("hint = %q (hidden %v), want the problem and what to do", hint.Text, hint.Hidden)
	}
	if ids := td.ids(); !slices.Equal(ids, []string{utah211ID, crisis988ID, emergencyID}) {
		t.Errorf("results = %v, want the fallbacks", ids)
	}
}

// crisisDirectory stands in for the search's safety rail: for the words of
// someone in danger it pins the 988 listing first, as directory.Search will.
// With out of order set it returns the pinned listing second, to check the
// window puts it first whatever the search does.
type crisisDirectory struct {
	Directory
	outOfOrder bool
}

func (c crisisDirectory) Search(q string, limit int) []search.Result {
	if !strings.Contains(q, "hurt") {
		return c.Directory.Search(q, limit)
	}
	crisis, _ := c.Directory.Listing(crisis988ID)
	food, _ := c.Directory.Listing("utah-food-bank")
	pinned := search.Result{Listing: crisis, Score: 1, Pinned: true}
	other := search.Result{Listing: food, Score: 2}
	if c.outOfOrder {
		return []search.Result{other, pinned}
	}
	return []search.Result{pinned, other}
}

func TestCrisisBanner(t *testing.T) {
	for _, outOfOrder := range []bool{false, true} {
		td := newTestDesk(t, crisisDirectory{Directory: newFakeDirectory(fixtureListings()), outOfOrder: outOfOrder})
		td.typeText("food")
		if td.results.crisis.Visible() {
			t.Fatalf("the call-911 banner shows for %q", "food")
		}
		td.focusSearch()
		td.typeText("he said he will hurt me")
		if !td.results.crisis.Visible() || td.results.crisis.Text != "If someone is in danger now, call 911." {
			t.Errorf("outOfOrder=%v: banner visible %v, text %q; want the call-911 banner", outOfOrder, td.results.crisis.Visible(), td.results.crisis.Text)
		}
		if ids := td.ids(); !slices.Equal(ids, []string{crisis988ID, "utah-food-bank"}) {
			t.Errorf("outOfOrder=%v: rows = %v, want the pinned crisis line first", outOfOrder, ids)
		}
		if td.current() == nil || td.current().ID != crisis988ID {
			t.Errorf("outOfOrder=%v: pane shows %v, want the pinned crisis line", outOfOrder, td.current())
		}
		// The banner sits above the list, in the danger colour.
		text := objectText(td.win.Content())
		if !strings.Contains(text, "! If someone is in danger now, call 911.") || td.results.crisis.Importance != widget.DangerImportance {
			t.Errorf("the banner is not drawn in the danger colour above the results:\n%s", text)
		}
		td.key(fyne.KeyEscape)
		if td.results.crisis.Visible() {
			t.Errorf("the banner stayed after Esc")
		}
	}
}

// notedListing has staff-only notes on a phone and on the listing, one
// asking staff to confirm and one not.
func notedListing() *directory.Listing {
	l := &directory.Listing{
		ID:           "slco-clerk-elections",
		Name:         "Salt Lake County Clerk - Elections",
		Organization: "Salt Lake County Clerk",
		Level:        directory.LevelCounty,
		Description:  "Voter registration and ballots. Staff answer questions about elections.",
		Phones: []directory.Phone{
			{Label: "Election Office", Number: "385-468-7399", Note: "From an ActionUtah listing (third-party); confirm before sharing"},
			{Label: "Main office", Number: "385-468-7400", Note: "Listed on the county page"},
		},
		Hours:      "Monday-Friday 8:00am-5:00pm",
		StaffNotes: "Hours as of 2023; confirm before sharing.",
		SourceURLs: []string{"https://slco.org/clerk/elections"},
	}
	l.Normalize()
	return l
}

// staffNoteTexts finds the rich text the pane draws in the staff-note
// style, each as its segments' texts joined.
func staffNoteTexts(root fyne.CanvasObject) []string {
	var out []string
	for _, o := range visibleObjects(root) {
		rt, ok := o.(*widget.RichText)
		if !ok {
			continue
		}
		var b strings.Builder
		for _, seg := range rt.Segments {
			if ts, ok := seg.(*widget.TextSegment); ok && ts.Style.SizeName == theme.SizeNameCaptionText {
				b.WriteString(ts.Text)
			}
		}
		if b.Len() > 0 {
			out = append(out, b.String())
		}
	}
	return out
}

func TestStaffNotesShownToStaffOnly(t *testing.T) {
	l := notedListing()
	td := newTestDesk(t, newFakeDirectory([]directory.Listing{*l}))
	td.typeText("elections")
	if td.current() == nil || td.current().ID != l.ID {
		t.Fatalf("shown = %v, want %s", td.current(), l.ID)
	}
	got := staffNoteTexts(td.detail.box)
	want := []string{
		"Confirm before sharing   Hours as of 2023; confirm before sharing.",
		"Confirm before sharing   From an ActionUtah listing (third-party); confirm before sharing",
		"Listed on the county page",
	}
	if !slices.Equal(got, want) {
		t.Errorf("staff notes drawn small = %q, want %q", got, want)
	}
	// The notes are muted and the confirm tag is in the warning colour.
	for _, o := range visibleObjects(td.detail.box) {
		rt, ok := o.(*widget.RichText)
		if !ok {
			continue
		}
		for _, seg := range rt.Segments {
			ts, ok := seg.(*widget.TextSegment)
			if !ok || ts.Style.SizeName != theme.SizeNameCaptionText {
				continue
			}
			wantColor := theme.ColorNamePlaceHolder
			if strings.HasPrefix(ts.Text, "Confirm before sharing") {
				wantColor = theme.ColorNameWarning
			}
			if ts.Style.ColorName != wantColor {
				t.Errorf("staff note %q is drawn in %q, want %q", ts.Text, ts.Style.ColorName, wantColor)
			}
		}
	}
	if text := td.detailText(); !strings.Contains(text, "For staff") {
		t.Errorf("no For staff section:\n%s", text)
	}
	// None of it is handed to the customer.
	td.onCopyReferral()
	ref := td.app.Clipboard().Content()
	for _, note := range []string{"ActionUtah", "county page", "as of 2023", "confirm", "For staff"} {
		if strings.Contains(ref, note) {
			t.Errorf("the referral holds the staff note %q:\n%s", note, ref)
		}
	}
	if !strings.Contains(ref, "385-468-7399 (Election Office)") {
		t.Errorf("the referral lacks the phone with its label:\n%s", ref)
	}
}

// rowFor is the drawn results row of the listing titled title.
func (td *testDesk) rowFor(title string) *resultRow {
	td.t.Helper()
	for _, o := range visibleObjects(td.results.list) {
		if r, ok := o.(*resultRow); ok && r.Visible() && r.title.Text == title {
			return r
		}
	}
	td.t.Fatalf("no row drawn for %q; rows %v", title, td.visibleRows())
	return nil
}

// TestResultBadges: the results say when staff checked a listing only
// where it was checked, and that a phone answers around the clock when the
// office does not.
func TestResultBadges(t *testing.T) {
	ls := fixtureListings()
	crisisLine := directory.Listing{
		ID:         "optum-crisis",
		Name:       "Optum Salt Lake County crisis line",
		Keywords:   []string{"crisis"},
		Phones:     []directory.Phone{{Label: "24-hour crisis line (TTY 711)", Number: "801-587-3000"}},
		SourceURLs: []string{"https://example.org/optum"},
	}
	saturday := directory.Listing{
		ID:         "saturday-clinic",
		Name:       "Saturday Legal Clinic",
		Keywords:   []string{"legal"},
		Phones:     []directory.Phone{{Label: "Clinic", Number: "801-555-0101"}, {Label: "Legal hotline, call any time", Number: "801-555-0102"}},
		Hours:      "Saturday 9:00am-1:00pm",
		VerifiedOn: directory.Date{Year: 2025, Month: time.March, Day: 2},
		SourceURLs: []string{"https://example.org/clinic"},
	}
	directorytest.Prepare(&crisisLine)
	directorytest.Prepare(&saturday)
	td := newTestDesk(t, newFakeDirectory(append(ls, crisisLine, saturday)))

	td.typeText("passport") // verified June 1, 2026
	row := td.rowFor("Salt Lake County Clerk - Passport Acceptance")
	if !row.tick.Visible() || row.tick.Resource != row.freshTick || row.note.Text != "checked 6 months ago" || row.note.Importance != widget.MediumImportance {
		t.Errorf("verified row: tick %v, note %q (%v); want a tick and %q", row.tick.Visible(), row.note.Text, row.note.Importance, "checked 6 months ago")
	}

	td.focusSearch()
	td.typeText("food bank") // never verified
	row = td.rowFor("Utah Food Bank")
	if row.tick.Visible() || row.note.Visible() {
		t.Errorf("unverified row shows tick %v, note %q; want nothing", row.tick.Visible(), row.note.Text)
	}
	td.detail.scroll.ScrollToBottom()
	if text := td.detailText(); !strings.Contains(text, "Not verified by staff yet") {
		t.Errorf("the detail pane no longer says the listing is not verified:\n%s", text)
	}

	td.focusSearch()
	td.typeText("legal clinic") // closed on a Wednesday, hotline any time, checked 20 months ago
	row = td.rowFor("Saturday Legal Clinic")
	if row.badge.Text != "24/7 line" || row.badge.Importance != widget.SuccessImportance {
		t.Errorf("closed office with a hotline: badge %q, want %q", row.badge.Text, "24/7 line")
	}
	if row.tick.Resource != row.staleTick || row.note.Importance != widget.WarningImportance || row.note.Text != "checked 21 months ago" {
		t.Errorf("stale row: note %q (%v); want %q in the warning colour", row.note.Text, row.note.Importance, "checked 21 months ago")
	}
	if text := td.detailText(); !strings.Contains(text, "Wednesday: Closed  ·  Phone line open 24/7") {
		t.Errorf("the detail does not offer the line while closed:\n%s", text)
	}

	td.focusSearch()
	td.typeText("optum") // no hours at all
	row = td.rowFor("Optum Salt Lake County crisis line")
	if row.badge.Text != "24/7 line" {
		t.Errorf("crisis line with no hours: badge %q, want %q", row.badge.Text, "24/7 line")
	}
	if text := td.detailText(); !strings.Contains(text, "Today\nPhone line open 24/7") {
		t.Errorf("the detail of a line with no hours does not say it answers at all hours:\n%s", text)
	}
}

// TestShortcutsDialogCloses: Ctrl+/ opens the shortcuts, and Esc, Enter or
// Ctrl+/ again close them, whether or not the Close button has the focus.
func TestShortcutsDialogCloses(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	help := td.menuItem(shortcutHelp)
	for _, tc := range []struct {
		name      string
		unfocused bool // a click on the dialog's text took the focus off Close
		close     func()
	}{
		{"Esc", false, func() { td.pressKey(fyne.KeyEscape) }},
		{"Enter", false, func() { td.pressKey(fyne.KeyReturn) }},
		{"keypad Enter", false, func() { td.pressKey(fyne.KeyEnter) }},
		{"Esc after a click", true, func() { td.pressKey(fyne.KeyEscape) }},
		{"Enter after a click", true, func() { td.pressKey(fyne.KeyReturn) }},
		{"Ctrl+/ again", false, help.Action},
	} {
		help.Action()
		if td.win.Canvas().Overlays().Top() == nil {
			t.Fatalf("%s: Ctrl+/ did not open the shortcuts", tc.name)
		}
		if tc.unfocused {
			td.win.Canvas().Unfocus()
		}
		tc.close()
		if top := td.win.Canvas().Overlays().Top(); top != nil {
			t.Errorf("%s left the shortcuts dialog open", tc.name)
			top.Hide()
			td.shortcuts = nil
		}
		if td.win.Canvas().Focused() != td.search {
			t.Errorf("after %s the focus is on %v, want the search box", tc.name, td.win.Canvas().Focused())
		}
	}
}

// TestNothingActsBehindDialog: with the shortcuts open, typing, keys and
// the menu's actions leave the window behind them alone.
func TestNothingActsBehindDialog(t *testing.T) {
	td := newTestDesk(t, newFakeDirectory(fixtureListings()))
	td.typeText("food")
	shown, cursor := td.current(), td.results.cursor
	td.app.Clipboard().SetContent("before")
	standards := td.standards.content.Visible()

	td.menuItem(shortcutHelp).Action()
	td.win.Canvas().Unfocus() // the worst case: nothing in the dialog has the focus
	td.typeOnWindow("xyz")
	td.pressKey(fyne.KeyDown)
	td.pressKey(fyne.KeyUp)
	td.pressKey(fyne.KeyDown)
	td.menuItem(shortcutCopyReferral).Action()
	td.menuItem(shortcutStandards).Action()
	td.menuItem(shortcutSearch).Action()
	td.search.TypedShortcut(shortcutSearchAlt)
	if td.search.Text != "food" {
		t.Errorf("typing behind the dialog changed the search to %q", td.search.Text)
	}
	if td.current() != shown || td.results.cursor != cursor {
		t.Errorf("keys behind the dialog moved the results to row %d, %v", td.results.cursor, td.current())
	}
	if got := td.app.Clipboard().Content(); got != "before" {
		t.Errorf("copy behind the dialog put %q", got)
	}
	if td.standards.content.Visible() != standards {
		t.Errorf("the standards panel was toggled behind the dialog")
	}
	if td.win.Canvas().Overlays().Top() == nil {
		t.Fatalf("the dialog closed on keys other than Esc and Enter")
	}
	// Esc closes the dialog and only the dialog: the search stays.
	td.pressKey(fyne.KeyEscape)
	if td.win.Canvas().Overlays().Top() != nil {
		t.Fatalf("Esc did not close the dialog")
	}
	if td.search.Text != "food" || td.current() != shown {
		t.Errorf("Esc on the dialog also cleared the search: box %q, shown %v", td.search.Text, td.current())
	}
	// With the dialog gone the keys work again.
	td.typeOnWindow(" bank")
	td.wait()
	if td.search.Text != "food bank" {
		t.Errorf("after the dialog closed typing gave %q", td.search.Text)
	}
}

// TestCopyBeforeResultsArrive: copy pressed while the search for the last
// keystroke still runs copies that search's best match once it arrives,
// never the listing of a word already typed past.
func TestCopyBeforeResultsArrive(t *testing.T) {
	slow := slowDirectory{Directory: newFakeDirectory(fixtureListings()), release: make(chan struct{})}
	td := newTestDesk(t, slow)
	close(slow.release)
	td.typeText("food bank")
	slow.release = make(chan struct{})
	td.Desk.dir = slow
	td.focusSearch()
	test.Type(td.search, "passport")
	td.app.Clipboard().SetContent("")
	td.menuItem(shortcutCopyReferral).Action()
	if got := td.app.Clipboard().Content(); got != "" {
		t.Fatalf("copy before the results arrived put %q", got)
	}
	close(slow.release)
	td.wait()
	if got := td.app.Clipboard().Content(); !strings.HasPrefix(got, "Salt Lake County Clerk - Passport Acceptance\n") {
		t.Errorf("copy typed ahead put %q, want the passport referral", got)
	}
	if !td.detail.copied.Visible() {
		t.Errorf("the copy typed ahead did not say so")
	}
}

// The desk's window, and every window the program opens after it, shows
// the program's icon in the taskbar: it is the app's icon, set before the
// window is made (a window without its own shows the app's). An icon the
// app was given already is kept.
func TestDeskGivesTheAppItsIcon(t *testing.T) {
	a := &iconApp{App: test.NewTempApp(t)}
	newTestDeskOn(t, a, search.NewIndex(defaultListings(t)))
	if a.icon == nil || !slices.Equal(a.icon.Content(), data.Icon) {
		t.Fatalf("the app's icon after NewDesk = %v, want the program's icon", a.icon)
	}

	own := fyne.NewStaticResource("own.png", []byte{1})
	a = &iconApp{App: test.NewTempApp(t), icon: own}
	newTestDeskOn(t, a, search.NewIndex(defaultListings(t)))
	if a.icon != own {
		t.Errorf("NewDesk replaced the app's own icon with %v", a.icon)
	}
}

// iconApp keeps the icon it is given, which Fyne's test app drops.
type iconApp struct {
	fyne.App
	icon fyne.Resource
}

func (a *iconApp) Icon() fyne.Resource     { return a.icon }
func (a *iconApp) SetIcon(r fyne.Resource) { a.icon = r }
