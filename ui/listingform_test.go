package ui

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
)

// newTestForm opens a form on a listing in a test window of the size of
// the smallest desk screen.
func newTestForm(t testing.TB, l directory.Listing, isNew bool) (*listingForm, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	f := newListingForm(l, isNew, func() time.Time { return testNow })
	w := test.NewWindow(f.Widget())
	w.Resize(fyne.NewSize(1024, 768))
	t.Cleanup(w.Close)
	return f, w
}

// field is the form's text field with path.
func (f *listingForm) field(t testing.TB, path string) *textField {
	t.Helper()
	for _, tf := range f.texts {
		if tf.path == path {
			return tf
		}
	}
	t.Fatalf("the form has no field %q", path)
	return nil
}

// shownUnder is the problem shown under a label, "" when none is.
func shownUnder(lbl *widget.Label) string {
	if !lbl.Visible() {
		return ""
	}
	return lbl.Text
}

func passportListing() directory.Listing { return fixtureListings()[0] }

func TestFormPhoneProblemBesideItsRow(t *testing.T) {
	f, _ := newTestForm(t, passportListing(), false)
	if s := shownProblems(f); s != "" {
		t.Fatalf("a valid listing shows problems:\n%s", s)
	}
	second := f.phones.rows[1]
	second.number.SetText("")
	test.Type(second.number, "385-468-74OO")
	if got := shownUnder(second.problem); !strings.Contains(got, "has letters in it") {
		t.Errorf("under the second phone: %q, want the advice about letters", got)
	}
	if got := shownUnder(f.phones.rows[0].problem); got != "" {
		t.Errorf("under the first phone, which is right: %q", got)
	}
	second.number.SetText("3854687400")
	if got := shownUnder(second.problem); !strings.Contains(got, `write "385-468-7400"`) {
		t.Errorf("under the second phone: %q, want the number written with dashes", got)
	}
	second.number.SetText("385-468-7400")
	if got := shownUnder(second.problem); got != "" {
		t.Errorf("the fixed phone still shows %q", got)
	}
	if ps := f.Problems(); len(ps) != 0 {
		t.Errorf("Problems() = %v after the fix, want none", ps)
	}
}

func TestFormZipProblemBesideZip(t *testing.T) {
	f, _ := newTestForm(t, passportListing(), false)
	zip := f.field(t, "address.zip")
	zip.entry.SetText("8419")
	if got := shownUnder(zip.problem); !strings.Contains(got, "is not a ZIP code") {
		t.Errorf("under ZIP: %q, want that it is not a ZIP code", got)
	}
	for _, other := range []string{"address.street", "address.city", "address.state", "name"} {
		if got := shownUnder(f.field(t, other).problem); got != "" {
			t.Errorf("under %s: %q, want nothing", other, got)
		}
	}
	if !f.Changed() {
		t.Error("Changed() = false after the ZIP was edited")
	}
	zip.entry.SetText("84190")
	if got := shownUnder(zip.problem); got != "" {
		t.Errorf("under the fixed ZIP: %q", got)
	}
	if f.Changed() {
		t.Error("Changed() = true with the ZIP typed back as it was")
	}
}

func TestFormNewListingNeedsNameAndWayToReach(t *testing.T) {
	f, _ := newTestForm(t, directory.Listing{Level: directory.LevelCounty}, true)
	if f.Changed() {
		t.Error("Changed() = true for a new listing not yet typed in")
	}
	if got := f.status.sel.Selected; got != "Open as usual" {
		t.Errorf("a new listing's status shows %q", got)
	}
	f.level.sel.SetSelected("Nonprofit")
	if got := f.Listing().Level; got != directory.LevelNonprofit {
		t.Errorf("Level = %q after choosing Nonprofit", got)
	}
	if got := shownUnder(f.field(t, "name").problem); !strings.Contains(got, "name is empty") {
		t.Errorf("under name: %q, want that it is empty", got)
	}
	if got := shownUnder(f.general); !strings.Contains(got, "no phone, website, email or address") {
		t.Errorf("at the top: %q, want that there is no way to reach the agency", got)
	}
	f.phones.onAdd()
	test.Type(f.phones.rows[0].number, "801-555-0100")
	if got := shownUnder(f.general); got != "" {
		t.Errorf("at the top with a phone: %q, want nothing", got)
	}
}

func TestFormNewListingSuggestsID(t *testing.T) {
	f, _ := newTestForm(t, directory.Listing{}, true)
	if f.id.entry.Disabled() {
		t.Fatal("a new listing's id cannot be typed")
	}
	test.Type(f.field(t, "name").entry, "Clínica  Fácil (West)")
	if got, want := f.id.entry.Text, "clinica-facil-west"; got != want {
		t.Errorf("id = %q, want %q", got, want)
	}
	if got := shownUnder(f.id.problem); got != "" {
		t.Errorf("under the suggested id: %q", got)
	}
	f.id.entry.SetText("west-clinic")
	test.Type(f.field(t, "name").entry, "!")
	if got := f.id.entry.Text; got != "west-clinic" {
		t.Errorf("the id typed by the admin became %q when the name changed", got)
	}
	old, _ := newTestForm(t, passportListing(), false)
	if !old.id.entry.Disabled() {
		t.Error("a saved listing's id can be changed")
	}
}

func TestFormUntouchedGivesBackTheListing(t *testing.T) {
	for _, l := range defaultListings(t)[:40] {
		f, _ := newTestForm(t, l, false)
		if got := f.Listing(); !reflect.DeepEqual(got, l) {
			t.Errorf("%s: Listing() of an untouched form = %+v, want %+v", l.ID, got, l)
		}
		if f.Changed() {
			t.Errorf("%s: Changed() of an untouched form = true", l.ID)
		}
	}
}

func TestFormListsOnePerLine(t *testing.T) {
	f, _ := newTestForm(t, passportListing(), false)
	f.field(t, "keywords").entry.SetText("passport\n  pasaporte \n\nvisa")
	if got, want := f.Listing().Keywords, []string{"passport", "pasaporte", "visa"}; !slices.Equal(got, want) {
		t.Errorf("Keywords = %q, want %q", got, want)
	}
	f.field(t, "source_urls").entry.SetText("https://saltlakecounty.gov/clerk/passport\nsaltlakecounty.gov")
	if got := shownUnder(f.field(t, "source_urls").problem); !strings.HasPrefix(got, `Line 2: "saltlakecounty.gov"`) {
		t.Errorf("under the sources: %q, want the second one's problem", got)
	}
}

func TestFormAlertUntil(t *testing.T) {
	f, _ := newTestForm(t, passportListing(), false)
	until := f.field(t, "alert_until")
	if got := until.entry.Text; got != "2026-12-31" {
		t.Errorf("alert until shows %q", got)
	}
	until.entry.SetText("12/31/2027")
	if got := shownUnder(until.problem); !strings.Contains(got, "YYYY-MM-DD") {
		t.Errorf("under a date typed wrong: %q", got)
	}
	if !slices.ContainsFunc(f.Problems(), func(p directory.Problem) bool { return p.Field == "alert_until" }) {
		t.Errorf("Problems() = %v, want one for alert_until", f.Problems())
	}
	until.entry.SetText("2027-01-15")
	if got := f.Listing().AlertUntil; got != (directory.Date{Year: 2027, Month: time.January, Day: 15}) {
		t.Errorf("AlertUntil = %v", got)
	}
	until.entry.SetText("")
	if got := f.Listing().AlertUntil; !got.IsZero() {
		t.Errorf("AlertUntil with the date removed = %v, want none", got)
	}
	if got := shownUnder(until.problem); got != "" {
		t.Errorf("under an empty date: %q", got)
	}
}

func TestFormStoreProblemsBesideFields(t *testing.T) {
	f, _ := newTestForm(t, passportListing(), false)
	f.ShowProblems([]directory.Problem{
		{Field: "phones[1].ext", Message: "ext problem"},
		{Field: "keywords[3]", Message: "keyword problem"},
		{Field: "verified_on", Message: "verified problem"},
	})
	if got := shownUnder(f.phones.rows[1].problem); got != "ext problem" {
		t.Errorf("under the second phone: %q", got)
	}
	if got := shownUnder(f.field(t, "keywords").problem); got != "keyword problem" {
		t.Errorf("under keywords: %q", got)
	}
	if got := shownUnder(f.general); got != "verified problem" {
		t.Errorf("at the top: %q", got)
	}
	// A store's problem stays until its field is edited.
	test.Type(f.field(t, "fees").entry, "!")
	if got := shownUnder(f.phones.rows[1].problem); got != "ext problem" {
		t.Errorf("under the second phone after editing the fees: %q", got)
	}
	test.Type(f.phones.rows[1].ext, "3")
	if got := shownUnder(f.phones.rows[1].problem); got != "" {
		t.Errorf("under the second phone after editing it: %q", got)
	}
	if got := shownUnder(f.field(t, "keywords").problem); got != "keyword problem" {
		t.Errorf("under keywords after editing a phone: %q", got)
	}
	// The store's problems repeat the form's: each shows once.
	f.field(t, "address.zip").entry.SetText("8419")
	f.ShowProblems(f.Problems())
	if got := shownUnder(f.field(t, "address.zip").problem); strings.Count(got, "is not a ZIP code") != 1 {
		t.Errorf("under ZIP: %q, want the problem once", got)
	}
}

func TestFormFocusFirstProblem(t *testing.T) {
	f, w := newTestForm(t, passportListing(), false)
	f.field(t, "address.zip").entry.SetText("x")
	f.field(t, "fees").entry.SetText(strings.Repeat("$", directory.MaxTextLength+1))
	f.FocusFirstProblem(w.Canvas())
	if got := w.Canvas().Focused(); got != f.field(t, "address.zip").entry {
		t.Errorf("focused %T, want the ZIP entry", got)
	}
	if f.scroll.Offset.Y == 0 {
		t.Error("the form did not scroll to the ZIP")
	}
}

func TestFormPhonesMoveAndRemove(t *testing.T) {
	f, _ := newTestForm(t, passportListing(), false)
	f.phones.rows[1].up.OnTapped()
	if got := f.Listing().Phones; got[0].Label != "Main office" || got[1].Label != "Passports" || got[0].Ext != "12" {
		t.Errorf("after moving the second phone up: %+v", got)
	}
	f.phones.rows[0].remove.OnTapped()
	if got := f.Listing().Phones; len(got) != 1 || got[0].Number != "385-468-7300" {
		t.Errorf("after removing the first phone: %+v", got)
	}
	if !f.phones.rows[0].up.Disabled() || !f.phones.rows[0].down.Disabled() {
		t.Error("a single phone can be moved")
	}
}

// TestFormLongPaste: a document pasted into a field by mistake is cut to
// a size the window handles, and the admin is told.
func TestFormLongPaste(t *testing.T) {
	f, w := newTestForm(t, passportListing(), false)
	desc := f.field(t, "description")
	desc.entry.SetText("")
	w.Canvas().Focus(desc.entry)
	huge := strings.Repeat("Lorem ipsum dolor sit amet. ", 10<<20/28)
	fyne.CurrentApp().Clipboard().SetContent(huge)
	desc.entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: fyne.CurrentApp().Clipboard()})
	if n := len([]rune(desc.entry.Text)); n != directory.MaxTextLength {
		t.Errorf("the description holds %d characters after a 10 MB paste, want %d", n, directory.MaxTextLength)
	}
	if got := shownUnder(desc.problem); !strings.Contains(got, "only its first 4000 characters were kept") {
		t.Errorf("under the description: %q", got)
	}
	if !slices.ContainsFunc(f.Problems(), func(p directory.Problem) bool { return p.Field == "description" }) {
		t.Errorf("Problems() = %v, want the cut description", f.Problems())
	}
	// Once the admin has looked and typed in it, the note goes.
	desc.entry.TypedRune('.')
	if got := shownUnder(desc.problem); !strings.Contains(got, "longer than 4000") {
		t.Errorf("under the description, one character too long: %q", got)
	}
	desc.entry.SetText("Short again.")
	if got := shownUnder(desc.problem); got != "" {
		t.Errorf("under the shortened description: %q", got)
	}
}

// TestFormTabOrder: Tab moves through the fields in the order they read.
func TestFormTabOrder(t *testing.T) {
	f, w := newTestForm(t, passportListing(), false)
	c := w.Canvas()
	c.Focus(f.field(t, "name").entry)
	p := f.phones.rows[0]
	want := []fyne.Focusable{
		f.field(t, "parent").entry, // the id of a saved listing is not editable
		f.level.sel, f.status.sel,
		f.field(t, "description").entry, f.field(t, "services").entry, f.field(t, "keywords").entry,
		f.field(t, "categories").entry, f.field(t, "languages").entry,
		p.label, p.number, p.ext, p.down, p.remove, p.note, // the first phone cannot move up
	}
	if f.field(t, "description").entry.AcceptsTab() {
		t.Error("Tab in the description types a tab instead of moving on")
	}
	for i, w := range want {
		c.FocusNext()
		if got := c.Focused(); got != w {
			t.Fatalf("Tab %d focused %T, want %T", i+1, got, w)
		}
	}
}

// BenchmarkFormPaste10MB pastes a 10 MB document into the description:
// the time the window is busy before it can take the next key.
func BenchmarkFormPaste10MB(b *testing.B) {
	f, w := newTestForm(b, passportListing(), false)
	desc := f.field(b, "description")
	w.Canvas().Focus(desc.entry)
	huge := strings.Repeat("Lorem ipsum dolor sit amet. ", 10<<20/28)
	clip := &fixedClipboard{huge}
	b.ResetTimer()
	for range b.N {
		desc.entry.SetText("")
		desc.entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	}
}

// BenchmarkFormKeystroke types one letter into the name of the listing
// with the most of everything in the default directory: the work each
// keystroke does (reading the fields, Validate, the problems on show).
func BenchmarkFormKeystroke(b *testing.B) {
	ls := defaultListings(b)
	l := slices.MaxFunc(ls, func(a, c directory.Listing) int {
		return len(a.Description) + len(a.Phones)*100 - len(c.Description) - len(c.Phones)*100
	})
	f, _ := newTestForm(b, l, false)
	name := f.field(b, "name").entry
	b.ResetTimer()
	for i := range b.N {
		name.TypedRune(rune('a' + i%26))
	}
}

// TestTranslationKeysNotReserved: Fyne reads the translation files with
// go-i18n, which takes a file holding a key such as "ID" or "Description"
// for one message and refuses the whole file, so the window would speak
// only English.
func TestTranslationKeysNotReserved(t *testing.T) {
	reserved := []string{"id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation"}
	for _, code := range windowLanguages {
		for key := range readTranslations(t, code) {
			if slices.Contains(reserved, strings.ToLower(key)) {
				t.Errorf("%s.json: the key %q is one go-i18n reserves; word the string otherwise", code, key)
			}
		}
	}
}

// TestFormSpanish: the form speaks Spanish, and the week it shows in
// Spanish reads back as the same hours.
func TestFormSpanish(t *testing.T) {
	test.NewTempApp(t)
	useSpanish(t)
	l := passportListing()
	f := newListingForm(l, false, func() time.Time { return testNow })
	if got := objectText(f.Widget()); !strings.Contains(got, "Horario semanal") || !strings.Contains(got, "Cómo comunicarse") {
		t.Errorf("the form in Spanish reads:\n%s", got)
	}
	mon := f.hours.scheds[0].days[time.Monday]
	if got := mon.Text; got != "8:00 a.m. a 5:00 p.m." {
		t.Errorf("Monday shows %q", got)
	}
	test.Type(mon, " ")
	if got := f.Listing().Schedules[0].Week[time.Monday]; !slices.Equal(got, []directory.Interval{iv(480, 1020)}) {
		t.Errorf("Monday reads back as %v", got)
	}
}

// shownProblems is the problems on show, for test failures.
func shownProblems(f *listingForm) string {
	var b strings.Builder
	for lbl := range f.shown {
		b.WriteString(lbl.Text + "\n")
	}
	return b.String()
}

func TestFormFocusFirstProblemPhoneAndDay(t *testing.T) {
	f, w := newTestForm(t, passportListing(), false)
	f.hours.scheds[0].days[time.Thursday].SetText("9 to fiv")
	f.FocusFirstProblem(w.Canvas())
	if got := w.Canvas().Focused(); got != f.hours.scheds[0].days[time.Thursday] {
		t.Errorf("focused %T, want Thursday's hours", got)
	}
	f.phones.rows[1].number.SetText("911-")
	f.FocusFirstProblem(w.Canvas())
	if got := w.Canvas().Focused(); got != f.phones.rows[1].number {
		t.Errorf("focused %T, want the second phone's number", got)
	}
}

// TestBesideField: beside a phone's row, a problem drops the import
// report's path and label, and other problems read as they are.
func TestBesideField(t *testing.T) {
	for _, tt := range []struct{ field, msg, want string }{
		{"phones[0].number", `phones[0] ("Utah Food Bank") number "801-978-245" has 9 digits; a phone number has 10`,
			`Number "801-978-245" has 9 digits; a phone number has 10`},
		{"phones[2].number", `phones[2] has no number; add it or remove the phone`, `Has no number; add it or remove the phone`},
		{"phones[1].ext", `phones[1] ("Main") ext "x12" should be the extension's digits only, like "1234"`,
			`Ext "x12" should be the extension's digits only, like "1234"`},
		{"address.zip", `address.zip "8419" is not a ZIP code`, `"8419" is not a ZIP code`},
		{"name", "name is empty; give the listing a name", "name is empty; give the listing a name"},
		{"keywords[3]", `keywords[3] has a zero-width character`, `Line 4: has a zero-width character`},
	} {
		if got := besideField(directory.Problem{Field: tt.field, Message: tt.msg}); got != tt.want {
			t.Errorf("besideField(%q, %q) = %q, want %q", tt.field, tt.msg, got, tt.want)
		}
	}
}

// TestFormPhoneAnswers247: "Answers 24/7" marks a line that answers at any
// hour; it is ticked and held while the label says so, and freed when the
// label stops saying so.
func TestFormPhoneAnswers247(t *testing.T) {
	f, _ := newTestForm(t, passportListing(), false)
	r := f.phones.rows[0]
	test.Tap(r.open247)
	if got := f.Listing().Phones[0]; !got.Open247 {
		t.Errorf("after ticking Answers 24/7: %+v, want Open247", got)
	}
	test.Tap(r.open247)
	r.label.SetText("24-hour line")
	if got := f.Listing().Phones[0]; !got.Open247 || !r.open247.Disabled() {
		t.Errorf("label %q: %+v, box disabled %v; want Open247, held", r.label.Text, got, r.open247.Disabled())
	}
	r.label.SetText("Passports")
	if r.open247.Disabled() {
		t.Error("the box stays held after the label stopped saying 24 hours")
	}
}
