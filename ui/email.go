package ui

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// maxMailtoLength is the longest mailto: address handed to the system.
// Windows passes at most 2,083 characters of an address to the mail
// program, and some mail programs take fewer; a longer one would open an
// email with the referral cut short, so it is offered to copy instead.
const maxMailtoLength = 2000

// mailtoURL is a mailto: address with no recipient, so the staff member's
// mail program opens a new email for them to address, with subject and
// body filled in (RFC 6068: spaces as %20, lines ending in CR LF).
func mailtoURL(subject, body string) *url.URL {
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\n", "\r\n")
	return &url.URL{Scheme: "mailto", RawQuery: "subject=" + mailtoEscape(subject) + "&body=" + mailtoEscape(body)}
}

// mailtoEscape escapes text for a mailto: header value. QueryEscape writes
// a space as "+", which mail programs show as a plus sign.
func mailtoEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// emailButton is the Email… button beside Copy referral.
func (p *detailPane) emailButton() *widget.Button {
	return &widget.Button{Text: lang.L("Email…"), Icon: theme.MailComposeIcon(), OnTapped: p.onEmail}
}

// showEmailed says an email with the referral is on its way to the mail
// program, where Copy referral says it copied.
func (p *detailPane) showEmailed() {
	p.hideNotice()
	if p.kind == paneListing && p.copied != nil {
		p.copied.SetText(lang.L("Your mail program opens with the referral. Add the customer's address there."))
		p.copied.Show()
	}
}

// onEmailReferral opens the staff member's mail program with a new email:
// the agency's name as its subject and the referral (the text Copy
// referral copies) as its body. The app keeps no address: staff type the
// customer's in their mail program. When the mail program cannot be
// opened, or the referral is too long to hand it, a dialog offers the
// text to copy instead.
func (d *Desk) onEmailReferral() {
	if d.dialogOpen() || d.waitForResults(d.onEmailReferral) {
		return
	}
	l := d.current()
	if l == nil {
		d.detail.showNotice(lang.L("Nothing to email yet: search and pick a listing first."))
		return
	}
	text := referralText(l, d.now())
	d.markViewed(l)
	u := mailtoURL(l.Name, text)
	if len(u.String()) > maxMailtoLength {
		d.showEmailText(l.Name, text, lang.L("This referral is too long to hand to the mail program. Copy it and paste it into an email:"))
		return
	}
	if err := d.app.OpenURL(u); err != nil {
		fyne.LogError("open mail program", err)
		d.showEmailText(l.Name, text, lang.L("The mail program could not be opened. Copy the referral and paste it into an email:"))
		return
	}
	d.detail.showEmailed()
}

// showEmailText shows the referral in a dialog, with why and a button to
// copy it, for staff to paste into an email themselves.
func (d *Desk) showEmailText(subject, text, why string) {
	body := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Selectable: true}
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(420, 240))
	content := container.NewBorder(
		container.NewVBox(paragraph(why), &widget.Label{Text: subject, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}),
		nil, nil, nil, scroll)
	dlg := dialog.NewCustomWithoutButtons(lang.L("Email the referral"), content, d.win)
	closeButton := newDialogButton(lang.L("Close"), dlg.Hide)
	copyButton := &widget.Button{Text: lang.L("Copy"), Icon: theme.ContentCopyIcon()}
	copyButton.OnTapped = func() {
		d.app.Clipboard().SetContent(text)
		copyButton.SetText(lang.L("Copied"))
		copyButton.SetIcon(theme.ConfirmIcon())
	}
	dlg.SetButtons([]fyne.CanvasObject{copyButton, closeButton})
	d.openDialog(dlg, closeButton)
}
