package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"nowrongdoor/directory/sqlite"
)

// restore replaces the database with a backup through sqlite.Restore: the
// backup is copied and checked first (that it is ours, opens, migrates if
// older, passes the integrity check and its audit chain verifies); the
// database it replaces is kept beside it as a backup of its own; and the
// copy takes the database's place in one rename, so a crash leaves one or
// the other, never a mix. Who restored it (--as, or the admin's name from
// the environment, or the login name) is recorded in the restored
// directory's audit trail.
func (c *cli) restore(ctx context.Context, args []string) int {
	flags := flag.NewFlagSet("restore", flag.ContinueOnError)
	dbFlag := flags.String("db", "", "database file")
	asFlag := flags.String("as", "", "the admin's name, for the audit trail")
	rest, code, ok := c.flags(flags, args)
	if !ok {
		return code
	}
	if len(rest) != 1 || rest[0] == "" {
		return c.usageError("restore needs the backup file, like: nowrongdoor restore nowrongdoor-2026-11-30.db")
	}
	actor, err := c.adminName(*asFlag)
	if err != nil {
		return c.usageError("restore: " + err.Error())
	}
	from := rest[0]
	path, err := c.dbPath(*dbFlag)
	if err != nil {
		return c.fail("%v", err)
	}
	done, err := sqlite.Restore(ctx, path, from, time.Now(), actor)
	if err != nil {
		return c.fail("%v%s", err, openAdvice(err))
	}
	fmt.Fprintf(c.stdout, "restored %s (%d listings) as %s\n", from, done.Listings, path)
	if done.Replaced != "" {
		fmt.Fprintf(c.stdout, "the database it replaced is kept as %s\n", done.Replaced)
	}
	return exitOK
}
