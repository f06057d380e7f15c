package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/sqlite"
)

// maxNamed is how many listings a line of the check's report names before
// it says how many more there are.
const maxNamed = 12

// check reports whether the directory is healthy: every listing valid, what
// listings lack, which wait for review, the audit trail's chain and the
// file's integrity. It exits 1 when anything is invalid or broken; what is
// merely missing is reported, not failed.
func (c *cli) check(ctx context.Context, args []string) int {
	dbFlag, rest, code, ok := c.dbFlags("check", args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return c.usageError("check takes no arguments besides --db")
	}
	s, ok := c.openExisting(ctx, dbFlag)
	if !ok {
		return exitFail
	}
	defer s.Close()
	now := time.Now()
	desk, err := s.Listings(ctx)
	if err != nil {
		return c.fail("check: %v%s", err, openAdvice(err))
	}
	archived, err := s.Archived(ctx)
	if err != nil {
		return c.fail("check: %v%s", err, openAdvice(err))
	}
	healthy := true
	say := func(format string, a ...any) { fmt.Fprintf(c.stdout, format+"\n", a...) }
	say("Directory: %s", s.Path())
	say("Listings: %d on the desk, %d archived", len(desk), len(archived))

	if bad := s.Unreadable(); len(bad) > 0 {
		healthy = false
		say("Unreadable: %d problems; these listings are left off the desk until they are saved again in admin mode or imported again", len(bad))
		for _, p := range bad {
			say("  %s (field %s)", p.Message, p.Field)
		}
	} else {
		say("Unreadable: none; every stored listing can be read")
	}

	var invalid []string
	for _, l := range slices.Concat(desk, archived) {
		for _, p := range l.Validate(now) {
			invalid = append(invalid, fmt.Sprintf("  %s: %s", l.ID, p.Message))
		}
	}
	if len(invalid) > 0 {
		healthy = false
		say("Invalid: %d problems; fix them in admin mode or with an import", len(invalid))
		for _, line := range invalid {
			say("%s", line)
		}
	} else {
		say("Invalid: none; every listing passes the rules of an import")
	}

	missing := func(what string, lacks func(*directory.Listing) bool) {
		var ids []string
		for i := range desk {
			if lacks(&desk[i]) {
				ids = append(ids, desk[i].ID)
			}
		}
		say("%s: %d%s", what, len(ids), named(ids))
	}
	missing("Without a phone", func(l *directory.Listing) bool { return len(l.Phones) == 0 })
	missing("Without an address", func(l *directory.Listing) bool { return l.Address.IsZero() })
	missing("Without hours", func(l *directory.Listing) bool { return len(l.Schedules) == 0 && l.Hours == "" })
	missing("Hours to confirm (read from the published text)", func(l *directory.Listing) bool {
		return slices.ContainsFunc(l.Schedules, func(s directory.Schedule) bool { return s.Proposed })
	})
	missing("Never verified", func(l *directory.Listing) bool { return !l.Verified() })
	missing("Verified over a year ago", func(l *directory.Listing) bool { return l.Verified() && l.Stale(now) })

	if err := s.VerifyAudit(ctx); err != nil {
		healthy = false
		say("Audit trail: BROKEN: %v", err)
	} else {
		n, err := s.ChangeCount(ctx)
		if err != nil {
			return c.fail("check: %v", err)
		}
		say("Audit trail: %d events, each chained to the one before; none changed or removed", n)
	}
	if err := s.CheckIntegrity(ctx); err != nil {
		healthy = false
		say("File: DAMAGED: %v; restore a backup", err)
	} else {
		say("File: integrity check passed")
	}
	if !healthy {
		say("Not healthy: see above.")
		return exitFail
	}
	say("Healthy.")
	return exitOK
}

// named lists ids after a count, at most maxNamed of them.
func named(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	if len(ids) > maxNamed {
		return fmt.Sprintf(": %s and %d more", strings.Join(ids[:maxNamed], ", "), len(ids)-maxNamed)
	}
	return ": " + strings.Join(ids, ", ")
}

// backup writes a consistent copy of the database to a new file, while
// desks keep using it.
func (c *cli) backup(ctx context.Context, args []string) int {
	dbFlag, rest, code, ok := c.dbFlags("backup", args)
	if !ok {
		return code
	}
	if len(rest) != 1 || rest[0] == "" {
		return c.usageError("backup needs the file to write, like: nowrongdoor backup nowrongdoor-2026-11-30.db")
	}
	s, ok := c.openExisting(ctx, dbFlag)
	if !ok {
		return exitFail
	}
	defer s.Close()
	if err := s.Backup(ctx, rest[0]); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return c.fail("backup: %s exists already; give a new file name, so no backup is overwritten", rest[0])
		}
		return c.fail("backup: %v", err)
	}
	fmt.Fprintf(c.stdout, "backed up %s to %s\n", s.Path(), rest[0])
	return exitOK
}

// dbFlags parses the flags of a command whose only flag is --db, and
// returns its value and the other arguments, or the exit status when
// parsing ended the command.
func (c *cli) dbFlags(name string, args []string) (db string, rest []string, code int, ok bool) {
	flags := flag.NewFlagSet(name, flag.ContinueOnError)
	dbFlag := flags.String("db", "", "database file")
	rest, code, ok = c.flags(flags, args)
	return *dbFlag, rest, code, ok
}

// openExisting opens the database for a command that looks after it
// (check, backup): one that is not there is an error, never created.
func (c *cli) openExisting(ctx context.Context, dbFlag string) (*sqlite.Store, bool) {
	path, err := c.dbPath(dbFlag)
	if err != nil {
		c.fail("%v", err)
		return nil, false
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		c.fail("no database at %s; give its path with --db", path)
		return nil, false
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		c.fail("%v%s", err, openAdvice(err))
		return nil, false
	}
	return s, true
}
