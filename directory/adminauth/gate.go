package adminauth

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// MaxDelay is the longest wait between attempts, however many have failed:
// long enough that guessing through the program takes years, short enough
// that an admin who mistyped a few times is not locked out of the day.
const MaxDelay = 30 * time.Second

// Delay is how long the next attempt waits after failures wrong passwords
// in a row: nothing after the first (a typo), then 1 s, doubling to at
// most MaxDelay (1, 2, 4, 8, 16, 30, 30 ...).
func Delay(failures int) time.Duration {
	if failures <= 1 {
		return 0
	}
	if failures-2 >= 5 { // 1 s << 5 already exceeds MaxDelay
		return MaxDelay
	}
	return min(time.Second<<(failures-2), MaxDelay)
}

// State is what a Store keeps about the admin password.
type State struct {
	// Hash is the password's PHC string; empty until the first password
	// is set.
	Hash string
	// Failures counts attempts in a row that did not succeed.
	Failures int
	// LastFailure is when the last of them began; zero with no failures.
	LastFailure time.Time
}

// IsSet reports whether an admin password has been set.
func (s State) IsSet() bool { return s.Hash != "" }

// Wait is how long from now the next attempt must wait. A last failure in
// the future (the clock was set back) waits at most the delay itself, so a
// wrong clock cannot lock an admin out.
func (s State) Wait(now time.Time) time.Duration {
	d := Delay(s.Failures)
	if d == 0 {
		return 0
	}
	return max(0, min(s.LastFailure.Add(d).Sub(now), d))
}

// Errors callers act on; match them with errors.Is.
var (
	// ErrNoPassword means no admin password has been set yet: the first
	// one given (after confirmation) becomes it.
	ErrNoPassword = errors.New("no admin password is set yet")
	// ErrPasswordSet means a first password was being set but one
	// already is, set meanwhile by another desk or command.
	ErrPasswordSet = errors.New("an admin password is already set")
	// ErrWrongPassword means the password given is not the admin password.
	// The error is a *WrongPasswordError, which says how long to wait.
	ErrWrongPassword = errors.New("wrong admin password")
	// ErrTooSoon is what a Store returns from BeginAdminAttempt when the delay
	// after the last failure has not passed.
	ErrTooSoon = errors.New("too soon after a wrong admin password")
)

// WrongPasswordError is the error for a wrong password. It matches
// ErrWrongPassword.
type WrongPasswordError struct {
	// Failures counts wrong passwords in a row, this one included.
	Failures int
	// Wait is how long the next attempt must wait.
	Wait time.Duration
}

func (e *WrongPasswordError) Error() string {
	return fmt.Sprintf("%v (%d in a row)", ErrWrongPassword, e.Failures)
}

// Unwrap makes errors.Is(err, ErrWrongPassword) hold.
func (e *WrongPasswordError) Unwrap() error { return ErrWrongPassword }

// Store keeps the admin password's State. Each method is one transaction,
// so two processes unlocking at once each see the other's failures.
type Store interface {
	// AdminState returns the stored state.
	AdminState(ctx context.Context) (State, error)
	// SetAdminPassword stores the hash of the first admin password, and
	// records in the audit trail that actor set it. It returns
	// ErrPasswordSet if a password is set already.
	SetAdminPassword(ctx context.Context, hash, actor string) error
	// BeginAdminAttempt starts an attempt at time at: it returns the state as
	// it was, and counts the attempt as a failure (at is its time) until
	// EndAdminAttempt says it succeeded. Counting first, in one transaction
	// with the check, keeps attempts run in parallel from sharing one
	// delay. If state.Wait(at) > 0 it changes nothing and returns the
	// state and ErrTooSoon; with no password set, ErrNoPassword.
	BeginAdminAttempt(ctx context.Context, at time.Time) (State, error)
	// EndAdminAttempt records that the attempt begun last succeeded: there
	// are no failures any more.
	EndAdminAttempt(ctx context.Context) error
}

// Gate unlocks admin mode against a Store.
type Gate struct {
	Store Store
	// Now tells the time; nil means time.Now.
	Now func() time.Time
	// Sleep waits d or until ctx is done; nil means a real timer.
	Sleep func(ctx context.Context, d time.Duration) error
	// Waiting, if set, is told before each wait for an earlier failure,
	// so the caller can say why nothing happens.
	Waiting func(d time.Duration, failures int)
}

func (g *Gate) now() time.Time {
	if g.Now != nil {
		return g.Now()
	}
	return time.Now()
}

// SleepContext waits d, or until ctx is done and then returns its error.
func SleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (g *Gate) sleep(ctx context.Context, d time.Duration) error {
	if g.Sleep != nil {
		return g.Sleep(ctx, d)
	}
	return SleepContext(ctx, d)
}

// Unlock checks password against the admin password. It first waits out
// the delay left after earlier failures (they are stored, so a restart
// does not skip it). A wrong password is a *WrongPasswordError; with no
// password set, ErrNoPassword. Unlock does not wait after a wrong
// password: the caller says so first, then may sleep the error's Wait.
func (g *Gate) Unlock(ctx context.Context, password string) error {
	for {
		at := g.now()
		st, err := g.Store.BeginAdminAttempt(ctx, at)
		if errors.Is(err, ErrTooSoon) {
			// Another attempt may fail while this one waits, so look
			// again afterwards rather than going straight on.
			wait := st.Wait(at)
			if wait <= 0 { // a Store out of step with Wait: do not spin
				return fmt.Errorf("unlock: %w", err)
			}
			if g.Waiting != nil {
				g.Waiting(wait, st.Failures)
			}
			if err := g.sleep(ctx, wait); err != nil {
				return fmt.Errorf("unlock: %w", err)
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("unlock: %w", err)
		}
		ok, err := Verify(password, st.Hash)
		if err != nil {
			return fmt.Errorf("unlock: %w", err)
		}
		if !ok {
			n := st.Failures + 1
			return &WrongPasswordError{Failures: n, Wait: Delay(n)}
		}
		if err := g.Store.EndAdminAttempt(ctx); err != nil {
			return fmt.Errorf("unlock: %w", err)
		}
		return nil
	}
}

// SetFirst makes password the admin password, when none is set yet; actor
// is who set it, for the audit trail. The caller has had the password
// typed twice. It returns an error wrapping ErrWeakPassword if password
// breaks the rules, and ErrPasswordSet if a password is already set.
func (g *Gate) SetFirst(ctx context.Context, password, actor string) error {
	if err := CheckNewPassword(password); err != nil {
		return fmt.Errorf("set admin password: %w", err)
	}
	if err := g.Store.SetAdminPassword(ctx, Hash(password), actor); err != nil {
		return fmt.Errorf("set admin password: %w", err)
	}
	return nil
}
