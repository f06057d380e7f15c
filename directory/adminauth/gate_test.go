package adminauth

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

// memStore is a Store in memory, with the semantics directory/sqlite
// gives: an attempt counts as a failure from its start until it succeeds.
type memStore struct {
	st     State
	audits []string
}

func (m *memStore) AdminState(context.Context) (State, error) { return m.st, nil }

func (m *memStore) SetAdminPassword(_ context.Context, hash, actor string) error {
	if m.st.IsSet() {
		return ErrPasswordSet
	}
	m.st = State{Hash: hash}
	m.audits = append(m.audits, actor)
	return nil
}

func (m *memStore) BeginAdminAttempt(_ context.Context, at time.Time) (State, error) {
	if !m.st.IsSet() {
		return State{}, ErrNoPassword
	}
	before := m.st
	if before.Wait(at) > 0 {
		return before, ErrTooSoon
	}
	m.st.Failures++
	m.st.LastFailure = at
	return before, nil
}

func (m *memStore) EndAdminAttempt(context.Context) error {
	m.st.Failures, m.st.LastFailure = 0, time.Time{}
	return nil
}

// fakeClock is a clock that moves only when the code under test sleeps
// (or the test says so), and remembers each sleep.
type fakeClock struct {
	now    time.Time
	sleeps []time.Duration
}

func (c *fakeClock) Now() time.Time { return c.now }

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return ctx.Err()
}

const password = "shelf-reader-1923"

// newGate returns a gate on a store holding a cheap hash of password.
func newGate() (*Gate, *memStore, *fakeClock) {
	s := &memStore{st: State{Hash: cheap.Hash(password)}}
	c := &fakeClock{now: time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)}
	return &Gate{Store: s, Now: c.Now, Sleep: c.Sleep}, s, c
}

func TestDelay(t *testing.T) {
	want := []time.Duration{0, 0, 1, 2, 4, 8, 16, 30, 30, 30}
	for n, w := range want {
		if got := Delay(n); got != w*time.Second {
			t.Errorf("Delay(%d) = %v, want %v", n, got, w*time.Second)
		}
	}
	for _, n := range []int{-1, 64, 65, 1 << 40} {
		if got := Delay(n); got < 0 || got > MaxDelay {
			t.Errorf("Delay(%d) = %v, want 0 to %v", n, got, MaxDelay)
		}
	}
}

func TestStateWait(t *testing.T) {
	t0 := time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		st   State
		now  time.Time
		want time.Duration
	}{
		{State{}, t0, 0},
		{State{Failures: 1, LastFailure: t0}, t0, 0},
		{State{Failures: 3, LastFailure: t0}, t0, 2 * time.Second},
		{State{Failures: 3, LastFailure: t0}, t0.Add(500 * time.Millisecond), 1500 * time.Millisecond},
		{State{Failures: 3, LastFailure: t0}, t0.Add(2 * time.Second), 0},
		{State{Failures: 3, LastFailure: t0}, t0.Add(time.Hour), 0},
		{State{Failures: 3, LastFailure: t0}, t0.Add(-time.Hour), 2 * time.Second}, // the clock went back
		{State{Failures: 50, LastFailure: t0}, t0, MaxDelay},
	}
	for _, tt := range tests {
		if got := tt.st.Wait(tt.now); got != tt.want {
			t.Errorf("%+v.Wait(last failure %+v) = %v, want %v", tt.st, tt.now.Sub(t0), got, tt.want)
		}
	}
}

func TestUnlock(t *testing.T) {
	ctx := context.Background()
	g, s, c := newGate()
	if err := g.Unlock(ctx, password); err != nil {
		t.Fatalf("Unlock(right password) = %v, want nil", err)
	}
	if s.st.Failures != 0 || len(c.sleeps) != 0 {
		t.Errorf("after a right password: %d failures, slept %v; want none", s.st.Failures, c.sleeps)
	}
}

// TestUnlockDelays: wrong passwords in a row wait 0, 0, 1, 2, 4 ... s
// before the next try, whether the caller sleeps after a failure (the
// command line) or tries again at once (a script, or a restart); the right
// one resets the count.
func TestUnlockDelays(t *testing.T) {
	ctx := context.Background()
	g, s, c := newGate()
	var told []int
	g.Waiting = func(_ time.Duration, failures int) { told = append(told, failures) }
	var waits []time.Duration
	for i := 1; i <= 9; i++ {
		err := g.Unlock(ctx, "wrong password")
		var wp *WrongPasswordError
		if !errors.As(err, &wp) || !errors.Is(err, ErrWrongPassword) || wp.Failures != i {
			t.Fatalf("Unlock(wrong) #%d = %v, want a WrongPasswordError with %d failures", i, err, i)
		}
		waits = append(waits, wp.Wait)
		if s.st.Failures != i {
			t.Errorf("after wrong password #%d the store counts %d failures", i, s.st.Failures)
		}
	}
	want := []time.Duration{0, 1, 2, 4, 8, 16, 30, 30, 30}
	for i := range want {
		want[i] *= time.Second
	}
	if !reflect.DeepEqual(waits, want) {
		t.Errorf("WrongPasswordError.Wait = %v, want %v", waits, want)
	}
	// Nobody slept after the failures, so each attempt waited out the
	// last one's delay first.
	if !reflect.DeepEqual(c.sleeps, want[1:len(want)-1]) {
		t.Errorf("Unlock slept %v, want %v before the attempts", c.sleeps, want[1:len(want)-1])
	}
	if !reflect.DeepEqual(told, []int{2, 3, 4, 5, 6, 7, 8}) {
		t.Errorf("Waiting was told of %v failures, want 2 to 8", told)
	}

	// A caller that sleeps the delay after a failure is not made to wait
	// again; the right password then clears the count.
	c.now = c.now.Add(MaxDelay)
	c.sleeps = nil
	if err := g.Unlock(ctx, password); err != nil {
		t.Fatalf("Unlock(right) after failures = %v", err)
	}
	if len(c.sleeps) != 0 || s.st.Failures != 0 || !s.st.LastFailure.IsZero() {
		t.Errorf("right password after the delay: slept %v, state %+v; want no wait and no failures", c.sleeps, s.st)
	}
	if err := g.Unlock(ctx, "wrong again"); !errors.Is(err, ErrWrongPassword) || err.(*WrongPasswordError).Wait != 0 {
		t.Errorf("Unlock(wrong) after a success = %v, want a first failure with no wait", err)
	}
}

func TestUnlockWaitCanceled(t *testing.T) {
	g, s, c := newGate()
	s.st.Failures, s.st.LastFailure = 5, c.now
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := g.Unlock(ctx, password); !errors.Is(err, context.Canceled) {
		t.Errorf("Unlock while waiting, canceled = %v, want context.Canceled", err)
	}
	if s.st.Failures != 5 {
		t.Errorf("a canceled wait left %d failures, want 5: nothing tried", s.st.Failures)
	}
}

func TestUnlockNoPassword(t *testing.T) {
	g, s, _ := newGate()
	s.st = State{}
	if err := g.Unlock(context.Background(), password); !errors.Is(err, ErrNoPassword) {
		t.Errorf("Unlock with no password set = %v, want ErrNoPassword", err)
	}
}

func TestUnlockDamagedHash(t *testing.T) {
	g, s, _ := newGate()
	s.st.Hash = "$argon2id$v=19$m=64,t=1,p=1$bad"
	if err := g.Unlock(context.Background(), password); !errors.Is(err, ErrMalformedHash) {
		t.Errorf("Unlock against a damaged hash = %v, want ErrMalformedHash", err)
	}
}

func TestSetFirst(t *testing.T) {
	ctx := context.Background()
	g, s, _ := newGate()
	s.st = State{}
	if err := g.SetFirst(ctx, "short", "Ana"); !errors.Is(err, ErrWeakPassword) || s.st.IsSet() {
		t.Errorf("SetFirst(short) = %v, set %v; want ErrWeakPassword and nothing set", err, s.st.IsSet())
	}
	if err := g.SetFirst(ctx, password, "Ana"); err != nil {
		t.Fatalf("SetFirst() = %v", err)
	}
	if p, err := ParseParams(s.st.Hash); err != nil || p != DefaultParams {
		t.Errorf("SetFirst stored a hash with costs %+v, %v, want DefaultParams", p, err)
	}
	if !reflect.DeepEqual(s.audits, []string{"Ana"}) {
		t.Errorf("SetFirst recorded actors %q, want [Ana]", s.audits)
	}
	if err := g.SetFirst(ctx, "another good password", "Bo"); !errors.Is(err, ErrPasswordSet) {
		t.Errorf("SetFirst() a second time = %v, want ErrPasswordSet", err)
	}
	if err := g.Unlock(ctx, password); err != nil {
		t.Errorf("Unlock(first password) = %v", err)
	}
}
