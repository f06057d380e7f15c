package ui

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// mailApp is a test app that records the addresses it is asked to open,
// and fails to open them when err is set, as on a PC with no mail program.
type mailApp struct {
	fyne.App
	opened []*url.URL
	err    error
}

func (a *mailApp) OpenURL(u *url.URL) error {
	a.opened = append(a.opened, u)
	return a.err
}

func TestMailtoURL(t *testing.T) {
	u := mailtoURL("Salt Lake County Clerk - Marriage & Passports", "Line one + more\nLine two: 50% off?")
	got := u.String()
	want := "mailto:?subject=Salt%20Lake%20County%20Clerk%20-%20Marriage%20%26%20Passports&body=Line%20one%20%2B%20more%0D%0ALine%20two%3A%2050%25%20off%3F"
	if got != want {
		t.Errorf("mailtoURL = %s\nwant %s", got, want)
	}
	back, err := url.Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	q := back.Query()
	if q.Get("subject") != "Salt Lake County Clerk - Marriage & Passports" || q.Get("body") != "Line one + more\r\nLine two: 50% off?" {
		t.Errorf("mailtoURL(...) reads back as %q", q)
	}
	if back.Opaque != "" || back.Host != "" || back.User != nil {
		t.Errorf("mailtoURL has an address: %s", got)
	}
}

// TestEmailReferral: Email… opens the mail program with the agency's name
// as the subject and the referral Copy referral makes as the body.
func TestEmailReferral(t *testing.T) {
	a := &mailApp{App: test.NewTempApp(t)}
	td := newTestDeskOn(t, a, newFakeDirectory(fixtureListings()))
	td.typeText("passport")
	test.Tap(td.button("Email…"))
	if len(a.opened) != 1 {
		t.Fatalf("opened %d addresses, want one email", len(a.opened))
	}
	u := a.opened[0]
	if u.Scheme != "mailto" {
		t.Errorf("opened %s, want a mailto: address", u)
	}
	l := td.current()
	q := u.Query()
	if got := q.Get("subject"); got != l.Name {
		t.Errorf("subject = %q, want %q", got, l.Name)
	}
	if got, want := q.Get("body"), strings.ReplaceAll(referralText(l, testNow), "\n", "\r\n"); got != want {
		t.Errorf("body = %q\nwant the referral %q", got, want)
	}
	if !strings.Contains(td.detailText(), "Your mail program opens with the referral") {
		t.Errorf("the pane does not say the email is on its way:\n%s", td.detailText())
	}
	if td.win.Canvas().Overlays().Top() != nil {
		t.Errorf("a dialog opened although the mail program did")
	}
}

// TestEmailWithoutMailProgram: when the mail program cannot be opened, a
// dialog shows the referral to copy, and copies it.
func TestEmailWithoutMailProgram(t *testing.T) {
	a := &mailApp{App: test.NewTempApp(t), err: errors.New("no mail program")}
	td := newTestDeskOn(t, a, newFakeDirectory(fixtureListings()))
	td.typeText("passport")
	td.menuItemLabelled("Email the referral…").Action()
	top := td.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog when the mail program could not be opened")
	}
	text := objectText(top)
	want := referralText(td.current(), testNow)
	if !strings.Contains(text, "could not be opened") || !strings.Contains(text, want) {
		t.Errorf("the dialog shows:\n%s\nwant why, and the referral:\n%s", text, want)
	}
	var copyButton *widget.Button
	for _, o := range visibleObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Copy" {
			copyButton = b
		}
	}
	if copyButton == nil {
		t.Fatalf("the dialog has no Copy button:\n%s", text)
	}
	test.Tap(copyButton)
	if got := a.Clipboard().Content(); got != want {
		t.Errorf("copied %q, want the referral", got)
	}
	td.pressKey(fyne.KeyEscape)
	if td.win.Canvas().Overlays().Top() != nil {
		t.Errorf("Esc left the dialog open")
	}
}

// TestEmailNothingOnShow: with no listing on show, Email says so and opens
// nothing.
func TestEmailNothingOnShow(t *testing.T) {
	a := &mailApp{App: test.NewTempApp(t)}
	td := newTestDeskOn(t, a, newFakeDirectory(fixtureListings()))
	td.show()
	td.menuItemLabelled("Email the referral…").Action()
	if len(a.opened) != 0 {
		t.Errorf("opened %v with nothing on show", a.opened)
	}
	if !strings.Contains(td.detail.notice.Text, "Nothing to email yet") {
		t.Errorf("notice = %q", td.detail.notice.Text)
	}
}

// TestLongReferralsFitMailto: the default directory's referrals fit in a
// mailto: address, so the dialog is for the rare long one.
func TestLongReferralsFitMailto(t *testing.T) {
	test.NewTempApp(t)
	addTranslations()
	ls := defaultListings(t)
	over := 0
	for i := range ls {
		if n := len(mailtoURL(ls[i].Name, referralText(&ls[i], testNow)).String()); n > maxMailtoLength {
			over++
		}
	}
	if over > len(ls)/10 {
		t.Errorf("%d of %d referrals are too long for a mailto: address", over, len(ls))
	}
}

// menuItemLabelled finds the main-menu item with the given label.
func (td *testDesk) menuItemLabelled(label string) *fyne.MenuItem {
	td.t.Helper()
	for _, m := range td.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	td.t.Fatalf("no menu item %q", label)
	return nil
}
