package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"nowrongdoor/data"
	"nowrongdoor/directory"
)

// auditMix makes a store whose trail holds every kind of event: the seed,
// an import that updates and adds, edits, a verification, an archive, a
// delete and the admin password set. It returns the store and the seq of
// the edit of def[0].
func auditMix(t *testing.T) (*Store, int64) {
	t.Helper()
	ctx := context.Background()
	s, _ := editStore(t)
	def := defaultListings(t)
	if _, err := s.SyncDefault(ctx, data.Agencies); err != nil {
		t.Fatal(err)
	}
	changed := []directory.Listing{def[1], def[2], sample("new", "New")}
	changed[0].Fees = "Free"
	changed[1].Phones = append(changed[1].Phones, directory.Phone{Label: "Spanish", Number: "801-555-1234", Ext: "2"})
	if _, err := s.Import(ctx, changed, ImportOptions{Actor: "Bo", Source: "fix.json"}); err != nil {
		t.Fatal(err)
	}
	l := mustLoad(t, s, def[0].ID)
	l.Name += " (edited)"
	if _, _, err := s.Save(ctx, l, l.UpdatedAt, "Ana"); err != nil {
		t.Fatal(err)
	}
	h, err := s.History(ctx, def[0].ID)
	if err != nil || len(h) == 0 {
		t.Fatalf("History(%q) = %v, %v", def[0].ID, h, err)
	}
	edit := h[0].Seq
	if _, err := s.MarkVerified(ctx, def[3].ID, "Ana"); err != nil {
		t.Fatal(err)
	}
	if err := s.Archive(ctx, "new", "Ana"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, "new", "Ana"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetAdminPassword(ctx, cheapHash("a password"), "Ana"); err != nil {
		t.Fatal(err)
	}
	// A later release changes a default listing no person has touched.
	recs := defaultRecords(t)
	recs[5]["description"] = "Changed by a later release."
	if rep, err := s.SyncDefault(ctx, marshalFile(t, recs)); err != nil || rep.Updated != 1 {
		t.Fatalf("SyncDefault(later release) = %+v, %v, want one listing updated", rep, err)
	}
	return s, edit
}

func TestAuditChainVerifies(t *testing.T) {
	ctx := context.Background()
	s, _ := auditMix(t)
	if err := s.VerifyAudit(ctx); err != nil {
		t.Fatalf("VerifyAudit() = %v", err)
	}
	var events, links, changes int
	if err := s.rdb.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM audit), (SELECT count(*) FROM audit_chain),
		(SELECT count(*) FROM audit_change)`).Scan(&events, &links, &changes); err != nil {
		t.Fatal(err)
	}
	if events != links || changes == 0 {
		t.Errorf("%d events, %d chained, %d field changes; want every event chained and some changes", events, links, changes)
	}
	if n := changeCount(t, s); n != int64(events) {
		t.Errorf("ChangeCount() = %d, want the %d events", n, events)
	}
	// The import's update recorded the fields it changed, and still keeps
	// the whole previous version. Both listings came with the seed, which
	// ends their histories.
	def := defaultListings(t)
	h, err := s.History(ctx, def[2].ID)
	if err != nil || len(h) != 2 || h[1].Action != actionSeed || h[0].Action != actionUpdate || h[0].Note != "fix.json" || len(h[0].Changes) != 1 ||
		h[0].Changes[0].Field != "phones" || !strings.HasSuffix(h[0].Changes[0].New, "\nSpanish: 801-555-1234 ext. 2") {
		t.Errorf("History(%q) = %+v, %v, want one update by the import adding the Spanish line", def[2].ID, h, err)
	}
	h, err = s.History(ctx, def[5].ID)
	if err != nil || len(h) != 2 || h[1].Action != actionSeed || h[0].Action != actionRefresh || len(h[0].Changes) != 1 ||
		h[0].Changes[0] != (directory.FieldChange{Field: "description", Old: def[5].Description, New: "Changed by a later release."}) {
		t.Errorf("History(%q) = %+v, %v, want the release's refresh of its description", def[5].ID, h, err)
	}
	entries, err := s.AuditEntries(ctx, def[2].ID)
	if err != nil || len(entries) != 1 {
		t.Fatalf("AuditEntries(%q) = %+v, %v", def[2].ID, entries, err)
	}
	var detail struct{ Before directory.Listing }
	if err := json.Unmarshal(entries[0].Detail, &detail); err != nil || detail.Before.Name != def[2].Name || len(detail.Before.Phones) != len(def[2].Phones) {
		t.Errorf("the update's detail = %s, %v, want the listing before it", entries[0].Detail, err)
	}
}

// tamper runs statements on the database file through a connection of its
// own, with no foreign keys, as another program could.
func tamper(t *testing.T, s *Store, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+s.Path()+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

const dropAuditTriggers = `DROP TRIGGER audit_is_append_only_update; DROP TRIGGER audit_is_append_only_delete;
	DROP TRIGGER audit_change_is_append_only_update; DROP TRIGGER audit_change_is_append_only_delete;
	DROP TRIGGER audit_chain_is_append_only_update; DROP TRIGGER audit_chain_is_append_only_delete`

func TestVerifyAuditFindsTampering(t *testing.T) {
	tests := []struct {
		name string
		sql  string // %E is the edit's seq, %N the one after it, %L the last
		// broken is the event named, want a word of the problem.
		broken string
		want   string
	}{
		{"an actor changed", `UPDATE audit SET actor = 'Mallory' WHERE id = %E`, "%E", "altered"},
		{"a note changed", `UPDATE audit SET note = 'nothing to see' WHERE id = %E`, "%E", "altered"},
		{"a time changed", `UPDATE audit SET at = '2020-01-01T00:00:00Z' WHERE id = %E`, "%E", "altered"},
		{"a field change's old value changed", `UPDATE audit_change SET old = 'x' WHERE event_id = %E`, "%E", "altered"},
		{"a field change removed", `DELETE FROM audit_change WHERE event_id = %E`, "%E", "altered"},
		{"a field change slipped in", `INSERT INTO audit_change VALUES (%E, 99, 'fees', '', 'Free')`, "%E", "altered"},
		{"an event removed", `DELETE FROM audit WHERE id = %E`, "%N", "link to event"},
		{"an event removed with its chain row", `DELETE FROM audit WHERE id = %E; DELETE FROM audit_chain WHERE seq = %E`, "%N", "link to event"},
		{"the first event removed", `DELETE FROM audit WHERE id = 1; DELETE FROM audit_chain WHERE seq = 1`, "2", "first event"},
		{"an event's hash changed", `UPDATE audit_chain SET hash = '` + strings.Repeat("a", 64) + `' WHERE seq = %E`, "%E", "altered"},
		{"the last event removed, its chain row left", `DELETE FROM audit WHERE id = %L`, "%L", "removed"},
		{"an event written around the store", `INSERT INTO audit (at, actor, action, detail) VALUES ('2026-01-15T00:00:00Z', 'Mallory', 'edit', '{}')`, "%L+1", "not in the chain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s, edit := auditMix(t)
			last := changeCount(t, s)
			seqs := strings.NewReplacer("%E", itoa(edit), "%N", itoa(edit+1), "%L+1", itoa(last+1), "%L", itoa(last))
			tamper(t, s, dropAuditTriggers, seqs.Replace(tt.sql))
			err := s.VerifyAudit(ctx)
			var ae *AuditError
			if !errors.Is(err, ErrTampered) || !errors.As(err, &ae) {
				t.Fatalf("VerifyAudit() = %v, want ErrTampered as an *AuditError", err)
			}
			if itoa(ae.Seq) != seqs.Replace(tt.broken) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("VerifyAudit() = %v, want event %s named, saying %q", err, seqs.Replace(tt.broken), tt.want)
			}
		})
	}
}

func TestVerifyAuditFindsARewrittenEvent(t *testing.T) {
	// Whoever rewrites an event and computes its hash again breaks the
	// link from the event after it.
	ctx := context.Background()
	s, edit := auditMix(t)
	tamper(t, s, dropAuditTriggers, `UPDATE audit SET actor = 'Mallory' WHERE id = `+itoa(edit))
	var rewritten *storedEvent
	err := eachEvent(ctx, s.rdb, `a.id = ?`, false, func(e *storedEvent) error { rewritten = e; return nil }, edit)
	if err != nil || rewritten == nil {
		t.Fatalf("reading event %d: %v", edit, err)
	}
	tamper(t, s, `UPDATE audit_chain SET hash = '`+eventHash(rewritten.prevHash.String, rewritten)+`' WHERE seq = `+itoa(edit))
	err = s.VerifyAudit(ctx)
	var ae *AuditError
	if !errors.As(err, &ae) || ae.Seq != edit+1 || !strings.Contains(err.Error(), "rewritten") {
		t.Errorf("VerifyAudit() = %v, want event %d named, its link to %d broken", err, edit+1, edit)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestAuditFieldsAndChainAreAppendOnly(t *testing.T) {
	// Without the triggers dropped, nothing in the trail can be changed.
	ctx := context.Background()
	s, edit := auditMix(t)
	for _, q := range []string{
		`UPDATE audit SET actor = 'Mallory' WHERE id = ?`,
		`DELETE FROM audit WHERE id = ?`,
		`UPDATE audit_change SET new = 'x' WHERE event_id = ?`,
		`DELETE FROM audit_change WHERE event_id = ?`,
		`UPDATE audit_chain SET hash = 'x' WHERE seq = ?`,
		`DELETE FROM audit_chain WHERE seq = ?`,
	} {
		if _, err := s.db.ExecContext(ctx, q, edit); err == nil || !strings.Contains(err.Error(), "audit rows are never") {
			t.Errorf("%s = %v, want it refused", q, err)
		}
	}
	if err := s.VerifyAudit(ctx); err != nil {
		t.Errorf("VerifyAudit() = %v", err)
	}
}

func TestAuditChainCannotFork(t *testing.T) {
	// Two events can never follow the same one, whoever writes them.
	ctx := context.Background()
	s, _ := auditMix(t)
	_, err := s.db.ExecContext(ctx, `INSERT INTO audit_chain (seq, prev_hash, hash)
		SELECT max(seq) + 1, (SELECT prev_hash FROM audit_chain ORDER BY seq DESC LIMIT 1), ? FROM audit_chain`, strings.Repeat("b", 64))
	if err == nil || !strings.Contains(err.Error(), "UNIQUE") {
		t.Errorf("a second event after one already followed = %v, want a UNIQUE failure", err)
	}
}

func TestMigrationChainsExistingEvents(t *testing.T) {
	// The events of a database made before the chain are chained when it
	// is opened, with nothing lost, and tampering with them shows.
	ctx := context.Background()
	s := openStoreAt(t, gunzip(t, "testdata/release-0.1.0.db.gz"))
	if err := s.VerifyAudit(ctx); err != nil {
		t.Fatalf("VerifyAudit() on a migrated database = %v", err)
	}
	var events, links int
	if err := s.rdb.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM audit), (SELECT count(*) FROM audit_chain)`).Scan(&events, &links); err != nil {
		t.Fatal(err)
	}
	if events != 3 || links != 3 {
		t.Errorf("after migration %d events, %d chained; want the release's 3, all chained", events, links)
	}
	h, err := s.History(ctx, "release-fixture-office")
	if err != nil || len(h) != 1 || h[0].Action != actionAdd || h[0].Seq != 2 || h[0].Note == "" {
		t.Errorf("History(release-fixture-office) = %+v, %v, want its add, noting the file it came from", h, err)
	}
	l := mustLoad(t, s, "release-fixture-office")
	if l.Archived {
		t.Errorf("a listing of the release is archived: %+v", l)
	}
	l.Fees = "Free"
	if _, _, err := s.Save(ctx, l, l.UpdatedAt, "Ana"); err != nil {
		t.Fatal(err)
	}
	if err := s.VerifyAudit(ctx); err != nil {
		t.Errorf("VerifyAudit() after an edit = %v", err)
	}
	tamper(t, s, dropAuditTriggers, `UPDATE audit SET detail = '{}' WHERE id = 1`)
	var ae *AuditError
	if err := s.VerifyAudit(ctx); !errors.As(err, &ae) || ae.Seq != 1 {
		t.Errorf("VerifyAudit() after the seed's detail changed = %v, want event 1 named", err)
	}
}

func TestAuditEventsOrder(t *testing.T) {
	// Whole-directory events read back newest first, each chained.
	ctx := context.Background()
	s, _ := auditMix(t)
	h, err := s.History(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range h {
		got = append(got, e.Action+" by "+e.Actor)
	}
	want := []string{"refresh by default directory", "set-admin-password by Ana", "import by Bo", "seed by nowrongdoor"}
	if !slices.Equal(got, want) {
		t.Errorf("History(\"\") = %q, want %q", got, want)
	}
}
