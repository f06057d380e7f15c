package sqlite

import (
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"nowrongdoor/directory/adminauth"
)

// cheapHash hashes with small costs, to keep tests quick under the race
// detector; what the store does with it is the same.
func cheapHash(password string) string {
	return adminauth.Params{Memory: 64, Time: 1, Threads: 1}.Hash(password)
}

// fakeClock moves only when the gate sleeps, and remembers each sleep.
type fakeClock struct {
	now    time.Time
	sleeps []time.Duration
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return ctx.Err()
}

func gateOn(s *Store, c *fakeClock) *adminauth.Gate {
	return &adminauth.Gate{Store: s, Now: func() time.Time { return c.now }, Sleep: c.Sleep}
}

func TestAdminPasswordSetOnce(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	if st, err := s.AdminState(ctx); err != nil || st.IsSet() || st.Failures != 0 {
		t.Fatalf("AdminState() of a new database = %+v, %v, want nothing set", st, err)
	}
	if err := s.SetAdminPassword(ctx, "$argon2id$v=19$m=64,t=1,p=1$short", "Ana"); !errors.Is(err, adminauth.ErrMalformedHash) {
		t.Errorf("SetAdminPassword(malformed) = %v, want ErrMalformedHash", err)
	}
	hash := cheapHash("first password")
	if err := s.SetAdminPassword(ctx, hash, "Ana"); err != nil {
		t.Fatalf("SetAdminPassword() = %v", err)
	}
	if err := s.SetAdminPassword(ctx, cheapHash("second password"), "Bo"); !errors.Is(err, adminauth.ErrPasswordSet) {
		t.Errorf("SetAdminPassword() again = %v, want ErrPasswordSet", err)
	}
	if st, err := s.AdminState(ctx); err != nil || st.Hash != hash {
		t.Errorf("AdminState() = %+v, %v, want the first hash kept", st, err)
	}
	h, err := s.AuditEntries(ctx, "")
	if err != nil || len(h) != 1 || h[0].Actor != "Ana" || h[0].Action != actionSetPassword {
		t.Fatalf("History(\"\") = %+v, %v, want one %s row by Ana", h, err, actionSetPassword)
	}
	if strings.Contains(string(h[0].Detail), "argon2") {
		t.Errorf("the audit row holds %s, want no hash in it", h[0].Detail)
	}
}

// TestAdminFailuresPersist: wrong passwords are counted in the database,
// so the delay they earn survives closing and reopening it (a restart of
// the program), and the right password clears them.
func TestAdminFailuresPersist(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "nowrongdoor.db")
	c := &fakeClock{now: time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetAdminPassword(ctx, cheapHash("the right password"), "Ana"); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := gateOn(s, c).Unlock(ctx, "a wrong password"); !errors.Is(err, adminauth.ErrWrongPassword) {
			t.Fatalf("Unlock(wrong) = %v, want ErrWrongPassword", err)
		}
	}
	failedAt := c.now // the third attempt waited 1 s, then failed here
	s.Close()

	s = openStoreAt(t, path)
	st, err := s.AdminState(ctx)
	if err != nil || st.Failures != 3 || !st.LastFailure.Equal(failedAt) {
		t.Fatalf("AdminState() after reopening = %+v, %v, want 3 failures, the last at %v", st, err, failedAt)
	}
	c.sleeps = nil
	if err := gateOn(s, c).Unlock(ctx, "the right password"); err != nil {
		t.Fatalf("Unlock(right) = %v", err)
	}
	if want := []time.Duration{adminauth.Delay(3)}; !reflect.DeepEqual(c.sleeps, want) {
		t.Errorf("Unlock after reopening slept %v, want %v: the delay the failures earned", c.sleeps, want)
	}
	if st, err := s.AdminState(ctx); err != nil || st.Failures != 0 || !st.LastFailure.IsZero() {
		t.Errorf("AdminState() after the right password = %+v, %v, want no failures", st, err)
	}
}

// TestAdminAttemptsInParallel: attempts begun at one moment from several
// processes cannot all skip the delay: the count and the check are one
// transaction, so after the two that need no wait the rest are told to.
func TestAdminAttemptsInParallel(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "nowrongdoor.db")
	first := openStoreAt(t, path)
	if err := first.SetAdminPassword(ctx, cheapHash("the right password"), "Ana"); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 3, 4, 9, 0, 0, 0, time.UTC)
	const n = 8
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		s := openStoreAt(t, path) // a store each, as separate processes have
		wg.Go(func() { _, errs[i] = s.BeginAdminAttempt(ctx, at) })
	}
	wg.Wait()
	var begun, tooSoon int
	for _, err := range errs {
		switch {
		case err == nil:
			begun++
		case errors.Is(err, adminauth.ErrTooSoon):
			tooSoon++
		default:
			t.Errorf("BeginAdminAttempt() = %v", err)
		}
	}
	if begun != 2 || tooSoon != n-2 {
		t.Errorf("%d attempts at once: %d begun, %d too soon; want 2 and %d", n, begun, tooSoon, n-2)
	}
	if st, err := first.AdminState(ctx); err != nil || st.Failures != 2 {
		t.Errorf("AdminState() = %+v, %v, want 2 failures counted", st, err)
	}
}

func TestAdminAttemptNoPassword(t *testing.T) {
	s := openStore(t)
	if _, err := s.BeginAdminAttempt(context.Background(), time.Now()); !errors.Is(err, adminauth.ErrNoPassword) {
		t.Errorf("BeginAdminAttempt() with no password = %v, want ErrNoPassword", err)
	}
}

// TestOpenReleaseDatabase opens a database made by release 0.1.0, the
// current release, before the admin password: it was made with
//
//	nowrongdoor import --db release-0.1.0.db small.json
//
// on a new file (so it holds the default directory and one imported
// listing, release-fixture-office) and compressed with gzip -9. This
// release must bring it up to date with nothing lost.
func TestOpenReleaseDatabase(t *testing.T) {
	ctx := context.Background()
	path := gunzip(t, "testdata/release-0.1.0.db.gz")
	s := openStoreAt(t, path)
	if err := s.CheckIntegrity(ctx); err != nil {
		t.Fatalf("CheckIntegrity() = %v", err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	var version int
	if err := s.db.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&version); err != nil || version != len(ms) {
		t.Errorf("schema version after opening = %d, %v, want %d", version, err, len(ms))
	}
	if n, err := s.Count(ctx); err != nil || n != len(defaultListings(t))+1 {
		t.Errorf("Count() = %d, %v, want the default listings and one imported", n, err)
	}
	l, err := s.Listing(ctx, "release-fixture-office")
	if err != nil || l.Name != "Fixture Office" || len(l.Phones) != 1 || l.Phones[0].Ext != "12" {
		t.Errorf("Listing(release-fixture-office) = %+v, %v, want it as imported", l, err)
	}
	h, err := s.AuditEntries(ctx, "release-fixture-office")
	if err != nil || len(h) != 1 || h[0].Action != actionAdd {
		t.Errorf("History(release-fixture-office) = %+v, %v, want its add", h, err)
	}
	if h, err := s.AuditEntries(ctx, ""); err != nil || len(h) != 2 || h[0].Action != actionImport || h[1].Action != actionSeed {
		t.Errorf("History(\"\") = %+v, %v, want the import and the seed", h, err)
	}
	if st, err := s.AdminState(ctx); err != nil || st.IsSet() {
		t.Errorf("AdminState() = %+v, %v, want no password set", st, err)
	}
	if err := s.SetAdminPassword(ctx, cheapHash("the first password"), "Ana"); err != nil {
		t.Errorf("SetAdminPassword() on the release database = %v", err)
	}
}

// gunzip writes the uncompressed copy of a gzip file to a temporary
// folder and returns its path.
func gunzip(t *testing.T, name string) string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), strings.TrimSuffix(filepath.Base(name), ".gz"))
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, zr); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}
