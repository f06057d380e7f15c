package ui

import (
	"context"
	"errors"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory/adminauth"
)

// unlockDialog asks for the admin password and the admin's name, or, the
// first time, has the admin set the password. Checking a password takes
// Argon2id tens of milliseconds, so it runs off the Fyne goroutine.
type unlockDialog struct {
	d   *Desk
	dlg *dialog.CustomDialog
	// first is set while the admin sets the first password.
	first                   bool
	name, password, confirm *escEntry
	confirmLabel            *widget.Label
	// rules says what a new password must be; message says what went
	// wrong, or to wait.
	title, rules, message *widget.Label
	submit                *widget.Button
	// then runs once admin mode is unlocked.
	then func()
	// busy is set while a password is checked or saved; waitGen counts
	// countdowns, so an older one stops.
	busy    bool
	waitGen int
}

// showUnlock asks whether a password is set, then opens the dialog for
// setting it or for unlocking with it.
func (d *Desk) showUnlock(then func()) {
	s := d.admin.store
	go func() {
		st, err := s.AdminState(context.Background())
		d.do(func() {
			if d.dialogOpen() || d.adminUnlocked() {
				return
			}
			u := d.newUnlockDialog(err == nil && !st.IsSet(), then)
			if err != nil {
				u.say(lang.L("The admin password could not be read: {{.Error}}. Try again.", map[string]any{"Error": storeProblem(err)}))
			}
		})
	}()
}

func (d *Desk) newUnlockDialog(first bool, then func()) *unlockDialog {
	u := &unlockDialog{
		d:        d,
		then:     then,
		name:     &escEntry{Entry: widget.Entry{PlaceHolder: lang.L("Your name")}},
		password: &escEntry{Entry: widget.Entry{Password: true, PlaceHolder: lang.L("Admin password")}},
		confirm:  &escEntry{Entry: widget.Entry{Password: true, PlaceHolder: lang.L("The same password again")}},
		title:    &widget.Label{TextStyle: fyne.TextStyle{Bold: true}},
		rules:    paragraph(""),
		message:  &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance},
	}
	for _, e := range []*escEntry{u.name, u.password, u.confirm} {
		e.ExtendBaseWidget(e)
		e.OnSubmitted = func(string) { u.onSubmit() }
		e.onEscape = func() { u.dlg.Hide() }
	}
	u.name.SetText(d.prefs.String(prefAdminName))
	u.submit = &widget.Button{Importance: widget.HighImportance, OnTapped: u.onSubmit}
	// Labels beside the boxes, not only placeholders: a placeholder goes
	// once something is typed, and then nothing says which box is which.
	u.confirmLabel = widget.NewLabel(lang.L("Password again"))
	fields := container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.L("Your name")), u.name,
		widget.NewLabel(lang.L("Password")), u.password,
		u.confirmLabel, u.confirm)
	content := container.NewVBox(u.title,
		paragraph(lang.L("Your name goes on every change you make.")),
		fields, u.rules, u.message,
		&widget.Label{Text: lang.L("Admin mode locks itself after 15 minutes idle."), Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord},
	)
	u.dlg = dialog.NewCustomWithoutButtons(lang.L("Admin mode"), content, d.win)
	cancel := newDialogButton(lang.L("Cancel"), u.dlg.Hide)
	cancel.Importance = widget.MediumImportance
	u.dlg.SetButtons([]fyne.CanvasObject{cancel, u.submit})
	u.dlg.Resize(fyne.NewSize(460, 0))
	u.setFirst(first)
	d.admin.unlock = u
	focus := fyne.Focusable(u.password)
	if first || u.name.Text == "" {
		focus = u.name
	}
	d.openDialog(u.dlg, focus)
	u.dlg.SetOnClosed(func() {
		u.waitGen++
		if d.admin.unlock == u {
			d.admin.unlock = nil
		}
		if d.extra.open == u.dlg {
			d.extra.open = nil
		}
		d.win.Canvas().Focus(d.search)
	})
	return u
}

// setFirst words the dialog for setting the first password, or for
// unlocking.
func (u *unlockDialog) setFirst(first bool) {
	u.first = first
	if first {
		u.title.SetText(lang.L("Set the admin password"))
		u.submit.SetText(lang.L("Set password and unlock"))
		u.rules.SetText(lang.L("No admin password is set yet. Choose one of at least {{.Count}} characters, and type it twice. A few words you will remember make a good one; it cannot be recovered if it is forgotten.",
			map[string]any{"Count": adminauth.MinPasswordLength}))
		u.rules.Show()
		u.confirm.Show()
		u.confirmLabel.Show()
		return
	}
	u.title.SetText(lang.L("Unlock admin mode"))
	u.submit.SetText(lang.L("Unlock"))
	u.rules.Hide()
	u.confirm.Hide()
	u.confirmLabel.Hide()
}

// say shows what went wrong or what to wait for; "" clears it.
func (u *unlockDialog) say(text string) {
	u.message.SetText(text)
}

// onSubmit checks what was typed and sets or checks the password off the
// Fyne goroutine.
func (u *unlockDialog) onSubmit() {
	if u.busy || u.submit.Disabled() {
		return
	}
	name := strings.TrimSpace(u.name.Text)
	if name == "" {
		u.say(lang.L("Type your name: it goes on every change you make."))
		u.d.win.Canvas().Focus(u.name)
		return
	}
	pw := u.password.Text
	if u.first {
		if msg := newPasswordProblem(pw, u.confirm.Text); msg != "" {
			u.say(msg)
			return
		}
	} else if pw == "" {
		u.say(lang.L("Type the admin password."))
		u.d.win.Canvas().Focus(u.password)
		return
	}
	u.busy = true
	u.submit.Disable()
	u.say("")
	gate := *u.d.admin.gate
	gate.Waiting = func(wait time.Duration, _ int) {
		u.d.do(func() { u.countdown(wait, lang.L("A wrong password was typed here or at another desk.")) })
	}
	first := u.first
	go func() {
		var err error
		if first {
			err = gate.SetFirst(context.Background(), pw, name)
		} else {
			err = gate.Unlock(context.Background(), pw)
		}
		u.d.do(func() { u.done(name, err) })
	}()
}

// newPasswordProblem says what is wrong with a new password typed twice,
// or "" when it may be set.
func newPasswordProblem(pw, again string) string {
	if err := adminauth.CheckNewPassword(pw); err != nil {
		if n := utf8.RuneCountInString(pw); n < adminauth.MinPasswordLength {
			return lang.L("The password has {{.Have}} characters; use at least {{.Count}}.",
				map[string]any{"Have": n, "Count": adminauth.MinPasswordLength})
		}
		return lang.L("This password cannot be used: {{.Error}}", map[string]any{"Error": storeProblem(err)})
	}
	if pw != again {
		return lang.L("The two passwords are not the same; type them again.")
	}
	return ""
}

// done acts on the answer: unlocked, a wrong password and the wait that
// follows it, or a password set meanwhile by another desk.
func (u *unlockDialog) done(name string, err error) {
	u.busy = false
	u.submit.Enable()
	var wrong *adminauth.WrongPasswordError
	switch {
	case err == nil:
		u.waitGen++
		u.dlg.Hide()
		u.d.unlocked(name)
		if u.then != nil {
			u.then()
		}
	case errors.As(err, &wrong):
		u.password.SetText("")
		u.d.win.Canvas().Focus(u.password)
		if wrong.Wait <= 0 {
			u.say(lang.L("Wrong password. Try again."))
			return
		}
		u.countdown(wrong.Wait, "")
	case errors.Is(err, adminauth.ErrPasswordSet):
		u.setFirst(false)
		u.password.SetText("")
		u.say(lang.L("Another desk set the admin password a moment ago. Type that password to unlock."))
	case errors.Is(err, adminauth.ErrNoPassword):
		u.setFirst(true)
		u.say(lang.L("No admin password is set yet: set one now."))
	default:
		u.say(lang.L("Admin mode could not be unlocked: {{.Error}}. Try again.", map[string]any{"Error": storeProblem(err)}))
	}
}

// countdown says how long to wait before the next try, with why in front
// ("" for a wrong password just typed), counting down each second; the
// unlock button waits too.
func (u *unlockDialog) countdown(wait time.Duration, why string) {
	u.waitGen++
	gen := u.waitGen
	end := time.Now().Add(wait)
	var tick func()
	tick = func() {
		if gen != u.waitGen {
			return
		}
		left := int(math.Ceil(time.Until(end).Seconds()))
		if left <= 0 {
			u.submit.Enable()
			u.say(lang.L("Try again now."))
			return
		}
		u.submit.Disable()
		msg := lang.N("Wrong password. Wait {{.Count}} second before trying again.", left, map[string]any{"Count": left})
		if why != "" {
			msg = why + " " + lang.N("Wait {{.Count}} second before trying again.", left, map[string]any{"Count": left})
		}
		u.say(msg)
		time.AfterFunc(time.Second, func() { u.d.do(tick) })
	}
	tick()
}

// escEntry is an Entry that gives Esc to the dialog it is in: a plain
// Entry keeps every key while it has the focus, so Esc would do nothing.
type escEntry struct {
	widget.Entry
	onEscape func()
}

// TypedKey closes the dialog on Esc and leaves the rest to Entry.
func (e *escEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}
