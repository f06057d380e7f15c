package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
	"nowrongdoor/directory/adminauth"
	"nowrongdoor/directory/search"
)

// newAdminDesk is a desk over the fixture directory with admin mode on a
// fake store holding the same listings.
func newAdminDesk(t *testing.T) (*testDesk, *fakeAdminStore) {
	t.Helper()
	f := newFakeAdminStore(fixtureListings())
	ls := f.onDesk()
	td := newTestDesk(t, search.NewIndex(ls))
	td.SetAdmin(f)
	t.Cleanup(func() {
		td.stopPolling()
		td.admin.editor.close()
	})
	return td, f
}

// until runs what goroutines hand back to the window until cond holds.
func (td *testDesk) until(what string, cond func() bool) {
	td.t.Helper()
	timeout := time.After(10 * time.Second)
	for !cond() {
		select {
		case f := <-td.queue:
			f()
		case <-timeout:
			td.t.Fatalf("%s never happened", what)
		}
	}
}

// unlockAs unlocks admin mode for a test that is not about the password.
func (td *testDesk) unlockAs(name string) {
	td.unlocked(name)
}

// openEditorOn opens the editor on a listing and waits for it.
func (td *testDesk) openEditorOn(id string) *listingEditor {
	td.t.Helper()
	td.openEditor(id)
	td.until("the editor opening", func() bool { return td.admin.editor != nil })
	return td.admin.editor
}

// entryWithText finds the form's entry holding text, to type into it as
// an admin would.
func entryWithText(t *testing.T, root fyne.CanvasObject, text string) *widget.Entry {
	t.Helper()
	for _, o := range visibleObjects(root) {
		if e, ok := o.(*widget.Entry); ok && e.Text == text {
			return e
		}
		if e, ok := o.(*fieldEntry); ok && e.Text == text {
			return &e.Entry
		}
	}
	t.Fatalf("no field holds %q", text)
	return nil
}

// overlayButton finds a button by its text in the dialog on top of c.
func overlayButton(t *testing.T, c fyne.Canvas, text string) *widget.Button {
	t.Helper()
	top := c.Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog is open; wanted a %q button", text)
	}
	for _, o := range visibleObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("the dialog has no %q button; it shows:\n%s", text, objectText(top))
	return nil
}

func overlayText(c fyne.Canvas) string {
	if top := c.Overlays().Top(); top != nil {
		return objectText(top)
	}
	return ""
}

func TestAdminUnavailableWithoutStore(t *testing.T) {
	td := newTestDesk(t, search.NewIndex(fixtureListings()))
	td.SetAdmin(nil)
	it := td.menuItem(shortcutAdmin)
	if !it.Disabled || !strings.Contains(it.Label, "needs the directory's database") {
		t.Errorf("admin menu item = %q (disabled %v), want it disabled saying why", it.Label, it.Disabled)
	}
}

// TestAdminSetsFirstPassword: with no password set, the first unlock sets
// it, after the two typings agree, and remembers the admin's name.
func TestAdminSetsFirstPassword(t *testing.T) {
	td, f := newAdminDesk(t)
	td.menuItem(shortcutAdmin).Action()
	td.until("the unlock dialog", func() bool { return td.admin.unlock != nil })
	u := td.admin.unlock
	if !u.first || !u.confirm.Visible() {
		t.Fatalf("with no password set, the dialog should ask for a new one twice")
	}
	if !strings.Contains(u.rules.Text, "at least 10 characters") {
		t.Errorf("rules = %q, want the length rule", u.rules.Text)
	}
	test.Type(u.name, "Jane Doe")
	test.Type(u.password, "short")
	test.Type(u.confirm, "short")
	test.Tap(u.submit)
	if got, want := u.message.Text, "The password has 5 characters; use at least 10."; got != want {
		t.Errorf("short password: message = %q, want %q", got, want)
	}
	u.password.SetText("river stones at dusk")
	u.confirm.SetText("river stones at dawn")
	test.Tap(u.submit)
	if got, want := u.message.Text, "The two passwords are not the same; type them again."; got != want {
		t.Errorf("mismatch: message = %q, want %q", got, want)
	}
	if f.setCalls != 0 {
		t.Fatalf("a rejected password reached the store")
	}
	u.confirm.SetText("river stones at dusk")
	test.Tap(u.submit)
	td.until("admin mode unlocking", td.adminUnlocked)
	if ok, err := adminauth.Verify("river stones at dusk", f.state.Hash); !ok || err != nil {
		t.Errorf("stored hash does not match the password set (%v)", err)
	}
	if got := td.prefs.String(prefAdminName); got != "Jane Doe" {
		t.Errorf("remembered name = %q, want Jane Doe", got)
	}
	if strings.Contains(fmt.Sprint(td.prefs.String(prefAdminName)), "river") {
		t.Errorf("the password reached the preferences")
	}
	if !td.admin.header.bar.Visible() || td.admin.header.who.Text != "Admin: Jane Doe" {
		t.Errorf("header = %q (shown %v), want Admin: Jane Doe", td.admin.header.who.Text, td.admin.header.bar.Visible())
	}
	td.until("the review counts", func() bool { return td.admin.header.counts.Text != "0 never verified · 0 stale" })
	if got, want := td.admin.header.counts.Text, "4 never verified · 0 stale"; got != want {
		t.Errorf("counts = %q, want %q", got, want)
	}
}

// TestAdminWrongPassword: a wrong password says so and how long to wait,
// leaves admin mode locked and writes nothing.
func TestAdminWrongPassword(t *testing.T) {
	td, f := newAdminDesk(t)
	f.state = adminauth.State{Hash: adminauth.Hash("the right password"), Failures: 1, LastFailure: testNow.Add(-time.Hour)}
	td.prefs.SetString(prefAdminName, "Jane Doe")
	td.requireAdmin(nil)
	td.until("the unlock dialog", func() bool { return td.admin.unlock != nil })
	u := td.admin.unlock
	if u.first || u.confirm.Visible() {
		t.Fatalf("with a password set, the dialog should ask for it once")
	}
	if u.name.Text != "Jane Doe" {
		t.Errorf("name = %q, want the last one used here", u.name.Text)
	}
	test.Type(u.password, "a wrong password")
	test.Tap(u.submit)
	td.until("the answer", func() bool { return !u.busy })
	if got, want := u.message.Text, "Wrong password. Wait 1 second before trying again."; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	if td.adminUnlocked() {
		t.Errorf("a wrong password unlocked admin mode")
	}
	if !u.submit.Disabled() {
		t.Errorf("the unlock button should wait out the delay")
	}
	if f.writes != 0 || f.setCalls != 0 || len(f.events) != 0 {
		t.Errorf("a wrong password wrote %d changes, %d passwords, %d events", f.writes, f.setCalls, len(f.events))
	}
	if u.password.Text != "" {
		t.Errorf("the wrong password stays in the box")
	}
	td.pressKey(fyne.KeyEscape)
	if td.dialogOpen() || td.admin.unlock != nil {
		t.Errorf("Esc in the password box did not close the dialog")
	}
}

// TestAdminEditRequiresUnlock: Ctrl+E on a listing asks for the password
// first, then opens that listing.
func TestAdminEditRequiresUnlock(t *testing.T) {
	td, f := newAdminDesk(t)
	f.state = adminauth.State{Hash: adminauth.Hash("the right password")}
	td.typeText("passport")
	td.menuItem(shortcutEdit).Action()
	td.until("the unlock dialog", func() bool { return td.admin.unlock != nil })
	u := td.admin.unlock
	test.Type(u.name, "Jane Doe")
	test.Type(u.password, "the right password")
	test.Tap(u.submit)
	td.until("the editor opening", func() bool { return td.admin.editor != nil })
	if got := td.admin.editor.orig.ID; got != "slco-clerk-passports" {
		t.Errorf("editor opened %q, want the listing on show", got)
	}
}

// TestAdminSave: a change saved is confirmed with the fields it changed,
// and the desk shows the listing as saved.
func TestAdminSave(t *testing.T) {
	td, f := newAdminDesk(t)
	td.unlockAs("Jane Doe")
	td.typeText("food bank")
	e := td.openEditorOn("utah-food-bank")
	if !e.save.Disabled() {
		t.Errorf("Save is enabled before anything changed")
	}
	name := entryWithText(t, e.form.Widget(), "Utah Food Bank")
	name.SetText("Utah Food Bank Pantry")
	if e.save.Disabled() {
		t.Fatalf("Save stays disabled after a change")
	}
	test.Tap(e.save)
	td.until("the save", func() bool { return !e.busy })
	if got, want := e.status.Text, "Saved: Name"; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
	if got := f.listings["utah-food-bank"].Name; got != "Utah Food Bank Pantry" {
		t.Errorf("stored name = %q", got)
	}
	if ev := f.events[len(f.events)-1]; ev.Actor != "Jane Doe" || ev.Action != directory.ActionEdit {
		t.Errorf("last event = %+v, want an edit by Jane Doe", ev)
	}
	td.wait()
	if cur := td.current(); cur == nil || cur.Name != "Utah Food Bank Pantry" {
		t.Errorf("the desk shows %v, want the saved listing", cur)
	}
	if td.search.Text != "food bank" {
		t.Errorf("search box = %q, want it kept", td.search.Text)
	}
}

// TestAdminSaveValidationError: problems the store finds go beside their
// fields, and nothing is saved.
func TestAdminSaveValidationError(t *testing.T) {
	td, f := newAdminDesk(t)
	td.unlockAs("Jane Doe")
	e := td.openEditorOn("utah-food-bank")
	entryWithText(t, e.form.Widget(), "Utah Food Bank").SetText("Utah Food Bank Pantry")
	msg := "website \"ftp://x\" is not a web address; use http:// or https://"
	f.saveErr = &directory.ValidationError{Problems: []directory.Problem{{Field: "website", Message: msg}}}
	test.Tap(e.save)
	td.until("the save", func() bool { return !e.busy })
	if got, want := e.status.Text, "The listing was not saved: 1 problem to fix, shown beside its field."; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
	// Beside the field, the field's name is not repeated.
	if shown := strings.TrimPrefix(msg, "website "); !strings.Contains(objectText(e.win.Content()), shown) {
		t.Errorf("the editor does not show the problem %q; it shows:\n%s", shown, objectText(e.win.Content()))
	}
	if f.writes != 0 {
		t.Errorf("a rejected save wrote %d changes", f.writes)
	}
}

// TestAdminConflict: a listing saved at another desk after it was opened
// is not overwritten; the admin is told and offered the listing as saved.
func TestAdminConflict(t *testing.T) {
	td, f := newAdminDesk(t)
	td.unlockAs("Jane Doe")
	e := td.openEditorOn("utah-food-bank")
	f.edit("utah-food-bank", func(l *directory.Listing) { l.Fees = "Free" })
	entryWithText(t, e.form.Widget(), "Utah Food Bank").SetText("Utah Food Bank Pantry")
	test.Tap(e.save)
	td.until("the save", func() bool { return !e.busy })
	if got, want := e.status.Text, "Not saved: someone else saved this listing after you opened it."; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
	if text := overlayText(e.win.Canvas()); !strings.Contains(text, "Another admin saved “Utah Food Bank” after you opened it") {
		t.Errorf("conflict dialog says:\n%s", text)
	}
	if got := f.listings["utah-food-bank"].Name; got != "Utah Food Bank" {
		t.Errorf("the other desk's save was overwritten: name %q", got)
	}
	test.Tap(overlayButton(t, e.win.Canvas(), "Reload"))
	td.until("the reload", func() bool { return !e.busy })
	if e.orig.Fees != "Free" || e.form.Changed() {
		t.Errorf("after reload the form has fees %q, changed %v; want the saved listing", e.orig.Fees, e.form.Changed())
	}
}

// TestAdminCancelAsks: closing the editor with changes asks first.
func TestAdminCancelAsks(t *testing.T) {
	td, _ := newAdminDesk(t)
	td.unlockAs("Jane Doe")
	e := td.openEditorOn("utah-food-bank")
	entryWithText(t, e.form.Widget(), "Utah Food Bank").SetText("Changed")
	test.Tap(e.cancel)
	if td.admin.editor != e {
		t.Fatalf("Cancel closed the editor without asking")
	}
	test.Tap(overlayButton(t, e.win.Canvas(), "Discard changes"))
	if td.admin.editor != nil {
		t.Errorf("Discard changes left the editor open")
	}
}

// TestAdminQueue: the queue lists never verified first, then the oldest;
// Mark verified takes the listing off and lowers the counts.
func TestAdminQueue(t *testing.T) {
	f := newFakeAdminStore(fixtureListings())
	for id, on := range map[string]directory.Date{
		"utah-food-bank":       {Year: 2025, Month: time.September, Day: 20}, // 14 months
		"westside-food-pantry": {Year: 2023, Month: time.March, Day: 1},
		"slco-clerk-passports": {Year: 2026, Month: time.June, Day: 1}, // fresh
		crisis988ID:            {Year: 2026, Month: time.November, Day: 1},
	} {
		l := f.listings[id]
		l.VerifiedOn = on
		f.listings[id] = l
	}
	ls := f.onDesk()
	td := newTestDesk(t, search.NewIndex(ls))
	td.SetAdmin(f)
	t.Cleanup(func() { td.admin.editor.close() })
	td.unlockAs("Jane Doe")
	td.until("the review counts", func() bool { return td.admin.never == 1 })
	if got, want := td.admin.header.counts.Text, "1 never verified · 2 stale"; got != want {
		t.Errorf("counts = %q, want %q", got, want)
	}
	td.onShowQueue()
	td.until("the queue", func() bool { return td.admin.queue != nil && len(td.admin.queue.items) > 0 })
	q := td.admin.queue
	var lines []string
	for i := range q.items {
		title, sub := q.line(i)
		lines = append(lines, title+" | "+sub)
	}
	want := []string{
		"Utah 211 (United Way 2-1-1) | never verified · United Way of Salt Lake",
		"Westside Food Pantry | verified 3 years ago · Westside Churches",
		"Utah Food Bank | verified 14 months ago · Utah Food Bank",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("queue =\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	// The cursor starts on the first row; Down and Enter open the second,
	// as the keyboard would.
	if q.list.cursor != 0 {
		t.Errorf("cursor = %d, want the first row", q.list.cursor)
	}
	q.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	q.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	td.until("the editor opening", func() bool { return td.admin.editor != nil })
	e := td.admin.editor
	if e.orig.ID != "westside-food-pantry" {
		t.Fatalf("Enter opened %q, want the second row", e.orig.ID)
	}
	test.Tap(e.verify)
	td.until("the queue shrinking", func() bool { return len(q.items) == 2 })
	for _, it := range q.items {
		if it.ID == "westside-food-pantry" {
			t.Errorf("the verified listing is still in the queue")
		}
	}
	if got, want := td.admin.header.counts.Text, "1 never verified · 1 stale"; got != want {
		t.Errorf("counts after verifying = %q, want %q", got, want)
	}
	if got := e.status.Text; got != "Marked verified today by Jane Doe." {
		t.Errorf("status = %q", got)
	}
	if l := f.listings["westside-food-pantry"]; l.VerifiedBy != "Jane Doe" || l.VerifiedOn != directory.DateOf(testNow) {
		t.Errorf("stored verification = %v by %q", l.VerifiedOn, l.VerifiedBy)
	}
}

// TestHistoryText: each event reads "date time · who · what", each field
// changed "Field: old → new", long values whole.
func TestHistoryText(t *testing.T) {
	test.NewTempApp(t)
	addTranslations()
	at := time.Date(2026, time.November, 30, 14, 14, 0, 0, directory.Denver)
	long := strings.Repeat("Open to every resident of the county. ", 20)
	events := []directory.Event{
		{At: at, Actor: "Jane Doe", Action: directory.ActionVerify, ListingID: "x"},
		{At: at.Add(-time.Hour).UTC(), Actor: "Jane Doe", Action: directory.ActionEdit, ListingID: "x", Changes: []directory.FieldChange{
			{Field: "phones", Old: "801-555-0100", New: "801-555-0199"},
			{Field: "eligibility", Old: "", New: long},
		}},
	}
	heading, lines := historyEntry(events[0])
	if want := "Nov 30, 2026 2:14pm · Jane Doe · marked verified"; heading != want || len(lines) != 0 {
		t.Errorf("verify event = %q %q, want %q", heading, lines, want)
	}
	heading, lines = historyEntry(events[1])
	if want := "Nov 30, 2026 1:14pm · Jane Doe · edited"; heading != want {
		t.Errorf("edit event = %q, want %q", heading, want)
	}
	if len(lines) != 2 || lines[0] != "Phones: 801-555-0100 → 801-555-0199" || lines[1] != "Eligibility: (empty) → "+strings.TrimSpace(long) {
		t.Errorf("changes = %q", lines)
	}
	segs := historySegments(events)
	if len(segs) != 5 {
		t.Fatalf("segments = %d, want 5 (two events, a line between, two changes)", len(segs))
	}
	if got := segs[0].(*widget.TextSegment).Text; !strings.HasSuffix(got, "marked verified") {
		t.Errorf("newest first: first line = %q", got)
	}
}

// TestArchiveHidesAfterRefresh: a listing archived (here or at another
// desk) leaves the search once the desk sees the change.
func TestArchiveHidesAfterRefresh(t *testing.T) {
	td, f := newAdminDesk(t)
	td.pollOnce(context.Background(), f) // learns the count
	td.typeText("pantry")
	if !containsID(td.ids(), "westside-food-pantry") {
		t.Fatalf("before archiving, pantry finds %v", td.ids())
	}
	if err := f.Archive(context.Background(), "westside-food-pantry", "Other Desk"); err != nil {
		t.Fatal(err)
	}
	td.pollOnce(context.Background(), f)
	td.until("the refresh", func() bool { return td.admin.mark.seen == f.count })
	td.wait()
	if containsID(td.ids(), "westside-food-pantry") {
		t.Errorf("after archiving, pantry still finds %v", td.ids())
	}
	if td.search.Text != "pantry" {
		t.Errorf("search box = %q, want it kept", td.search.Text)
	}
}

// TestRefreshKeepsView: another desk's save is drawn in, keeping the
// search text, the highlighted row and the listing on show.
func TestRefreshKeepsView(t *testing.T) {
	td, f := newAdminDesk(t)
	td.pollOnce(context.Background(), f)
	td.typeText("food")
	td.key(fyne.KeyDown)
	shown := td.current()
	if shown == nil || td.results.cursor != 1 {
		t.Fatalf("Down did not show the second result")
	}
	f.edit(shown.ID, func(l *directory.Listing) { l.Description = "Now open Sundays too." })
	f.edit("slco-clerk-passports", func(l *directory.Listing) { l.Fees = "$35" })
	td.pollOnce(context.Background(), f)
	td.until("the refresh", func() bool { return td.admin.mark.seen == f.count })
	td.wait()
	if td.search.Text != "food" {
		t.Errorf("search box = %q, want food", td.search.Text)
	}
	cur := td.current()
	if cur == nil || cur.ID != shown.ID {
		t.Fatalf("on show = %v, want %s", cur, shown.ID)
	}
	if td.results.cursor != td.results.indexOf(shown.ID) {
		t.Errorf("highlight on row %d, want %d", td.results.cursor, td.results.indexOf(shown.ID))
	}
	if !strings.Contains(td.detailText(), "Now open Sundays too.") {
		t.Errorf("the listing on show was not drawn as saved:\n%s", td.detailText())
	}
}

// TestRefreshBusyIsQuiet: a store busy with another desk's write is asked
// again later, and nothing about it is shown.
func TestRefreshBusyIsQuiet(t *testing.T) {
	td, f := newAdminDesk(t)
	td.pollOnce(context.Background(), f)
	f.edit("utah-food-bank", func(l *directory.Listing) { l.Fees = "Free" })
	f.busy = true
	td.pollOnce(context.Background(), f)
	if td.detail.noticeBox.Visible() || strings.Contains(td.detailText(), "locked") {
		t.Errorf("a busy store was reported: %q", td.detail.notice.Text)
	}
	f.busy = false
	td.pollOnce(context.Background(), f)
	td.until("the refresh", func() bool { return td.admin.mark.seen == f.count })
	if l, _ := td.dir.Listing("utah-food-bank"); l.Fees != "Free" {
		t.Errorf("after the store was free again, the desk has fees %q", l.Fees)
	}
}

// TestAdminIdleLock: admin mode locks itself after 15 minutes idle.
func TestAdminIdleLock(t *testing.T) {
	td, _ := newAdminDesk(t)
	td.unlockAs("Jane Doe")
	now := testNow
	td.now = func() time.Time { return now }
	td.touchAdmin()
	now = now.Add(14 * time.Minute)
	td.checkAdminIdle()
	if !td.adminUnlocked() {
		t.Fatalf("locked after 14 minutes")
	}
	now = now.Add(2 * time.Minute)
	td.checkAdminIdle()
	if td.adminUnlocked() || td.admin.header.bar.Visible() {
		t.Errorf("still unlocked after 16 minutes idle")
	}
	if !strings.Contains(td.detail.notice.Text, "locked itself") {
		t.Errorf("notice = %q, want it to say why", td.detail.notice.Text)
	}
}

func containsID(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// TestHistoryValues: values kept as JSON read as words, in their order.
func TestHistoryValues(t *testing.T) {
	test.NewTempApp(t)
	addTranslations()
	for _, tc := range []struct{ in, want string }{
		{"", "(empty)"},
		{"801-555-0100", "801-555-0100"},
		{`[{"label":"Main","number":"801-555-0199","ext":"12"},{"number":"211"}]`, "Main 801-555-0199 12; 211"},
		{`["English","Spanish"]`, "English; Spanish"},
		{`[]`, "(empty)"},
		{`{"street":"2001 S State St","city":"Salt Lake City","state":"UT","zip":"84190"}`, "2001 S State St Salt Lake City UT 84190"},
		{`[not json`, "[not json"},
	} {
		if got := valueText(tc.in); got != tc.want {
			t.Errorf("valueText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestAdminArchiveAndDelete: Archive in the editor takes the listing off
// the desk at once; Delete, offered only then, names the listing before
// removing it.
func TestAdminArchiveAndDelete(t *testing.T) {
	td, f := newAdminDesk(t)
	td.unlockAs("Jane Doe")
	td.typeText("pantry")
	e := td.openEditorOn("westside-food-pantry")
	if e.del.Visible() || e.restore.Visible() || !e.archive.Visible() {
		t.Fatalf("a listing on the desk offers Delete or Restore")
	}
	test.Tap(e.archive)
	td.until("the archive", func() bool { return !e.busy })
	td.wait()
	if containsID(td.ids(), "westside-food-pantry") {
		t.Errorf("after archiving, pantry still finds %v", td.ids())
	}
	if !e.del.Visible() || !e.restore.Visible() || e.archive.Visible() {
		t.Errorf("an archived listing should offer Restore and Delete, not Archive")
	}
	test.Tap(e.del)
	if text := overlayText(e.win.Canvas()); !strings.Contains(text, "Delete “Westside Food Pantry” for good?") {
		t.Fatalf("delete confirmation says:\n%s", text)
	}
	if _, err := f.Load(context.Background(), "westside-food-pantry"); err != nil {
		t.Fatalf("deleted before the confirmation: %v", err)
	}
	test.Tap(overlayButton(t, e.win.Canvas(), "Delete"))
	td.until("the delete", func() bool { return td.admin.editor == nil })
	if _, err := f.Load(context.Background(), "westside-food-pantry"); err == nil {
		t.Errorf("the listing is still stored after Delete")
	}
}

// TestAdminArchivedList: the archived listings can be restored to the
// desk, or deleted for good after a confirmation naming the listing.
func TestAdminArchivedList(t *testing.T) {
	td, f := newAdminDesk(t)
	for _, id := range []string{"westside-food-pantry", "utah-food-bank"} {
		if err := f.Archive(context.Background(), id, "Jane Doe"); err != nil {
			t.Fatal(err)
		}
	}
	td.unlockAs("Jane Doe")
	td.onShowArchived()
	td.until("the archived list", func() bool { return td.admin.archived != nil && len(td.admin.archived.items) == 2 })
	a := td.admin.archived
	if title, _ := a.line(0); title != "Utah Food Bank" {
		t.Errorf("first row = %q, want the list by name", title)
	}
	// A double click on the second row restores it.
	var rows []*adminRow
	for _, o := range visibleObjects(a.list) {
		if r, ok := o.(*adminRow); ok {
			rows = append(rows, r)
		}
	}
	if len(rows) < 2 {
		t.Fatalf("the list draws %d rows, want 2", len(rows))
	}
	test.DoubleTap(rows[1])
	td.until("the restore", func() bool { return len(a.items) == 1 })
	if l, _ := f.Load(context.Background(), "westside-food-pantry"); l.Archived {
		t.Errorf("the double-clicked listing is still archived")
	}
	if _, ok := td.dir.Listing("westside-food-pantry"); !ok {
		t.Errorf("the restored listing is not back on the desk")
	}
	if !strings.Contains(a.heading.Text, "Restored “Westside Food Pantry”") {
		t.Errorf("heading = %q, want it to say what was restored", a.heading.Text)
	}
	a.list.Select(0)
	test.Tap(a.del)
	if text := overlayText(td.win.Canvas()); !strings.Contains(text, "Delete “Utah Food Bank” for good?") {
		t.Fatalf("delete confirmation says:\n%s", text)
	}
	test.Tap(overlayButton(t, td.win.Canvas(), "Delete"))
	td.until("the delete", func() bool { return len(a.items) == 0 })
	if _, err := f.Load(context.Background(), "utah-food-bank"); err == nil {
		t.Errorf("the listing is still stored after Delete")
	}
}

// TestAdminSaveBusy: a store still busy after the tries is said in
// words, never as "database is locked", and nothing is saved.
func TestAdminSaveBusy(t *testing.T) {
	td, f := newAdminDesk(t)
	td.unlockAs("Jane Doe")
	e := td.openEditorOn("utah-food-bank")
	entryWithText(t, e.form.Widget(), "Utah Food Bank").SetText("Utah Food Bank Pantry")
	f.saveErr = errBusy
	if got := storeProblem(errBusy); strings.Contains(got, "locked") {
		t.Errorf("storeProblem(busy) = %q", got)
	}
	// One busy answer is tried again quietly, and the save goes through.
	test.Tap(e.save)
	td.until("the save", func() bool { return !e.busy })
	if got := e.status.Text; got != "Saved: Name" {
		t.Errorf("after one busy answer, status = %q, want the save done", got)
	}
}

// TestAdminEditorSeesOtherDesk: a listing open in the editor and saved at
// another desk is shown as saved there, or, with changes here, the admin
// is warned before Save is refused.
func TestAdminEditorSeesOtherDesk(t *testing.T) {
	td, f := newAdminDesk(t)
	td.unlockAs("Jane Doe")
	td.pollOnce(context.Background(), f)
	e := td.openEditorOn("utah-food-bank")
	f.edit("utah-food-bank", func(l *directory.Listing) { l.Name = "Utah Food Bank (main)" })
	td.pollOnce(context.Background(), f)
	td.until("the refresh", func() bool { s, _ := td.admin.mark.get(); return s == f.count })
	if e.orig.Name != "Utah Food Bank (main)" || e.form.Changed() {
		t.Errorf("unchanged editor shows %q (changed %v), want the other desk's save", e.orig.Name, e.form.Changed())
	}
	entryWithText(t, e.form.Widget(), "Utah Food Bank (main)").SetText("Mine")
	f.edit("utah-food-bank", func(l *directory.Listing) { l.Fees = "Free" })
	td.pollOnce(context.Background(), f)
	td.until("the refresh", func() bool { s, _ := td.admin.mark.get(); return s == f.count })
	if !strings.HasPrefix(e.status.Text, "Another desk saved this listing after you opened it.") || !e.form.Changed() {
		t.Errorf("with changes, status = %q (changed %v), want a warning and the changes kept", e.status.Text, e.form.Changed())
	}
}

// TestActionTextWordsEveryAction: a history never shows an action's code
// ("update") where a person reads it.
func TestActionTextWordsEveryAction(t *testing.T) {
	for _, a := range []string{directory.ActionSeed, directory.ActionImport, directory.ActionUpdate, directory.ActionRefresh,
		directory.ActionAdd, directory.ActionEdit, directory.ActionArchive, directory.ActionRestore,
		directory.ActionDelete, directory.ActionVerify, directory.ActionAdmin} {
		if got := actionText(a); got == a || got == "" {
			t.Errorf("actionText(%q) = %q, want it in words", a, got)
		}
	}
}

// A listing stored with rows the store cannot read opens in the editor
// with what could be read, and says what is missing, so the admin can
// put it right and save it whole again.
func TestEditorOpensADamagedListing(t *testing.T) {
	td, f := newAdminDesk(t)
	td.unlockAs("Jane Doe")
	id := fixtureListings()[0].ID
	f.damaged = map[string]string{id: "its hours (schedule 1) cannot be read"}
	e := td.openEditorOn(id)
	if e.orig.ID != id || e.orig.Name != fixtureListings()[0].Name {
		t.Fatalf("the editor opened %q, want %q with what could be read", e.orig.ID, id)
	}
	if got := e.status.Text; !strings.Contains(got, "Part of this listing could not be read") || !strings.Contains(got, "its hours (schedule 1) cannot be read") {
		t.Errorf("the editor says %q, want what could not be read", got)
	}
}
