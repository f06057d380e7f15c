package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/term"

	"nowrongdoor/directory/adminauth"
	"nowrongdoor/directory/sqlite"
)

// maxNameLength is the longest admin name accepted: a name, not a note.
const maxNameLength = 100

// adminName returns who the audit trail says made a change: --as, else
// $NOWRONGDOOR_ADMIN_NAME, else the login name. Nothing else about the
// admin is stored.
func (c *cli) adminName(flagValue string) (string, error) {
	name, from := flagValue, "--as"
	if name == "" {
		name, from = c.getenv(envAdminName), envAdminName
	}
	if name == "" {
		return c.loginName(), nil
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return "", fmt.Errorf("%s is blank; give the admin's name", from)
	}
	if !utf8.ValidString(name) {
		return "", fmt.Errorf("%s is not valid UTF-8 text; set the terminal to UTF-8", from)
	}
	if n := utf8.RuneCountInString(name); n > maxNameLength {
		return "", fmt.Errorf("%s is %d characters long; give a name of at most %d", from, n, maxNameLength)
	}
	for _, r := range name {
		// Format characters include the bidi overrides and zero-width
		// characters that can make a name read as another.
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return "", fmt.Errorf("%s contains the invisible character U+%04X; remove it", from, r)
		}
	}
	return name, nil
}

// isTerminal reports whether f is a terminal.
func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// terminalPrompt returns a function that asks for a password on the
// terminal in without echoing it, writing the prompt to out.
func terminalPrompt(in *os.File, out io.Writer) func(context.Context, string) (string, error) {
	fd := int(in.Fd())
	return func(ctx context.Context, prompt string) (string, error) {
		state, err := term.GetState(fd)
		if err != nil {
			return "", err
		}
		fmt.Fprint(out, prompt)
		type result struct {
			b   []byte
			err error
		}
		done := make(chan result, 1)
		go func() {
			b, err := term.ReadPassword(fd)
			done <- result{b, err}
		}()
		select {
		case r := <-done:
			fmt.Fprintln(out) // the Enter typed was not echoed
			return string(r.b), r.err
		case <-ctx.Done():
			// Ctrl-C: ReadPassword would restore the echo only after
			// Enter, and the program ends now.
			term.Restore(fd, state)
			fmt.Fprintln(out)
			return "", ctx.Err()
		}
	}
}

// unlock asks for the admin password and checks it before a command op
// writes, or sets it if the database has none yet. The password comes
// from $NOWRONGDOOR_ADMIN_PASSWORD, else the terminal; the caller has made
// sure one of them is there. It returns false, and the exit status, when
// the command must stop.
func (c *cli) unlock(ctx context.Context, s *sqlite.Store, op, actor string) (int, bool) {
	gate := &adminauth.Gate{Store: s, Now: c.now, Sleep: c.sleep,
		Waiting: func(d time.Duration, failures int) {
			fmt.Fprintf(c.stderr, "nowrongdoor: %d wrong admin passwords in a row: waiting %s before trying this one\n", failures, seconds(d))
		}}
	st, err := s.AdminState(ctx)
	if err != nil {
		return c.fail("%v%s", err, openAdvice(err)), false
	}
	env := c.getenv(envAdminPassword)
	if !st.IsSet() {
		return c.setFirstPassword(ctx, gate, op, env, actor)
	}
	password, from := env, " (from "+envAdminPassword+")"
	if password == "" {
		from = ""
		if password, err = c.askPassword(ctx, "Admin password: "); err != nil {
			return c.passwordProblem(op, err), false
		}
	}
	err = gate.Unlock(ctx, password)
	var wrong *adminauth.WrongPasswordError
	if errors.As(err, &wrong) {
		msg := fmt.Sprintf("%s: wrong admin password%s; nothing was changed", op, from)
		if wrong.Wait > 0 {
			msg += fmt.Sprintf(" (%d wrong in a row: waiting %s, so guessing is slow)", wrong.Failures, seconds(wrong.Wait))
		}
		c.fail("%s", msg)
		c.pause(ctx, wrong.Wait)
		return exitFail, false
	}
	if err != nil {
		return c.passwordProblem(op, err), false
	}
	return 0, true
}

// setFirstPassword makes the first password given the database's admin
// password: from the environment as it is, from the terminal typed twice.
func (c *cli) setFirstPassword(ctx context.Context, gate *adminauth.Gate, op, env, actor string) (int, bool) {
	password, from := env, " from "+envAdminPassword
	if password == "" {
		from = ""
		fmt.Fprintf(c.stderr, "nowrongdoor: this database has no admin password yet; the one you choose now (at least %d characters) will be needed for every change\n",
			adminauth.MinPasswordLength)
		var err error
		if password, err = c.askPassword(ctx, "New admin password: "); err != nil {
			return c.passwordProblem(op, err), false
		}
		// Checked before the second prompt, so a short one is not typed
		// twice in vain.
		if err := adminauth.CheckNewPassword(password); err != nil {
			return c.passwordProblem(op, err), false
		}
		again, err := c.askPassword(ctx, "Type it again: ")
		if err != nil {
			return c.passwordProblem(op, err), false
		}
		if again != password {
			return c.fail("%s: the two passwords typed differ; no password was set and nothing was changed", op), false
		}
	}
	if err := gate.SetFirst(ctx, password, actor); err != nil {
		return c.passwordProblem(op, err), false
	}
	fmt.Fprintf(c.stderr, "nowrongdoor: the admin password of this database is now set%s; every change will need it\n", from)
	return 0, true
}

// passwordProblem says what went wrong with the admin password and how to
// go on, and returns exitFail.
func (c *cli) passwordProblem(op string, err error) int {
	switch {
	case errors.Is(err, adminauth.ErrWeakPassword):
		return c.fail("%s: %v; nothing was changed", op, err)
	case errors.Is(err, adminauth.ErrPasswordSet):
		return c.fail("%s: an admin password was set meanwhile, by another desk or command; run the %s again with it", op, op)
	case errors.Is(err, adminauth.ErrMalformedHash):
		return c.fail("%s: %v; nothing was changed: restore a backup of the database", op, err)
	case errors.Is(err, context.Canceled):
		return c.fail("%s: canceled; nothing was changed", op)
	case errors.Is(err, io.EOF):
		return c.fail("%s: no admin password was typed; nothing was changed", op)
	}
	return c.fail("%s: %v%s", op, err, openAdvice(err))
}

// pause waits d, or until ctx is done.
func (c *cli) pause(ctx context.Context, d time.Duration) {
	if d <= 0 {
		return
	}
	if c.sleep != nil {
		c.sleep(ctx, d)
		return
	}
	adminauth.SleepContext(ctx, d)
}

// seconds shows a wait in whole seconds, rounded up, as "4 s".
func seconds(d time.Duration) string {
	return fmt.Sprintf("%d s", (d+time.Second-1)/time.Second)
}
