package main

import (
	"archive/zip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/exchange"
	"nowrongdoor/directory/sqlite"
)

// maxReported is how many new or changed listings a dry run names before
// it says how many more there are.
const maxReported = 50

// importFile adds and updates listings from a file in any format an
// import reads, all or nothing, after reading and checking all of it.
func (c *cli) importFile(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	dbFlag := fs.String("db", "", "database file")
	dryRun := fs.Bool("dry-run", false, "report only")
	asFlag := fs.String("as", "", "the admin's name, for the audit trail")
	formatFlag := fs.String("format", "", "json, hsds-json or hsds-csv; detected when not given")
	files, code, ok := c.flags(fs, args)
	if !ok {
		return code
	}
	switch {
	case len(files) == 0:
		return c.usageError("import: give the file to import, like: nowrongdoor import agencies.json")
	case len(files) > 1:
		return c.usageError(fmt.Sprintf("import: give one file, not %d", len(files)))
	}
	name := files[0]
	var format exchange.Format
	if *formatFlag != "" {
		f, err := exchange.ParseFormat(*formatFlag)
		if err == nil && !f.Readable() {
			err = fmt.Errorf("%s is for export only; an import reads json, hsds-json or hsds-csv", f)
		}
		if err != nil {
			return c.usageError("import: " + err.Error())
		}
		format = f
	}
	actor, err := c.adminName(*asFlag)
	if err != nil {
		return c.usageError("import: " + err.Error())
	}
	// A dry run writes nothing, so it needs no password. Where the
	// password will come from is settled before any work is done.
	if !*dryRun && c.getenv(envAdminPassword) == "" && c.askPassword == nil {
		return c.usageError("import: an import needs the admin password and there is no terminal to ask on; set " + envAdminPassword)
	}

	// A file that cannot be read at all (a device, UTF-16, a database) is
	// refused before the database is opened.
	if name != "-" {
		if format == "" {
			if format, err = exchange.Detect(name); err != nil {
				return c.importFailed(name, err)
			}
		}
		if err := exchange.Check(name, format); err != nil {
			return c.importFailed(name, err)
		}
	} else if format == "" {
		format = exchange.JSON
	}

	if err := ctx.Err(); err != nil {
		return c.importFailed(name, err)
	}
	defer collectForImport(name)()
	db := *dbFlag
	created := false // by this import, which removes it should it fail
	if *dryRun {
		// A dry run writes nothing, not even a new database: it imports
		// into a scratch copy (with no database yet, a new one seeded with
		// the built-in directory) and rolls back.
		scratch, cleanup, err := c.dryRunScratch(ctx, *dbFlag)
		if err != nil {
			return c.fail("%v", err)
		}
		defer cleanup()
		db = scratch
	} else if path, err := c.dbPath(db); err == nil {
		_, statErr := os.Stat(path)
		created = errors.Is(statErr, os.ErrNotExist)
	}
	s, ok := c.openStore(ctx, db)
	if !ok {
		return exitFail
	}
	defer s.Close()
	// The file is read while it is written, so a bad record may show
	// only near its end: then the transaction rolls back, and a database
	// the import made is removed, so a bad file leaves no trace.
	undo := func() {}
	if created {
		undo = func() { s.Close(); removeDatabase(s.Path()) }
	}
	if !*dryRun {
		if code, ok := c.unlock(ctx, s, "import", actor); !ok {
			undo()
			return code
		}
	}
	var changes []sqlite.ImportChange
	opts := fileImportOptions(format, name, actor)
	opts.DryRun = *dryRun
	if *dryRun {
		opts.Changed = func(ch sqlite.ImportChange) { changes = append(changes, ch) }
	}
	// A new database holds only the built-in directory: nothing to back up.
	var backup string
	if !*dryRun && !created {
		if backup, err = s.BackupBeforeImport(ctx, time.Now()); err != nil {
			return c.fail("import: a backup before the import could not be made, so nothing was imported: %v", err)
		}
	}
	var res exchange.Result
	rep, err := importStream(ctx, s, opts, &res, func(emit func(directory.Batch) error) (exchange.Result, error) {
		return c.streamImport(ctx, name, format, emit)
	})
	if backup != "" {
		if err := s.ImportBackupDone(backup, err == nil && rep.Added+rep.Updated > 0); err != nil {
			fmt.Fprintf(c.stderr, "nowrongdoor: %v\n", err)
		}
	}
	if err != nil {
		undo()
		if errors.Is(err, errInvalidRecords) {
			c.printProblems(name, res.Invalid)
			n := len(res.Invalid)
			return c.fail("%s: %d problem%s in %d of %d records; fix %s and import again, nothing was imported",
				name, n, plural(n), res.InvalidRecords(), res.Records, them(n))
		}
		return c.importFailed(name, err)
	}
	fmt.Fprintf(c.stdout, "added %d, updated %d, unchanged %d", rep.Added, rep.Updated, rep.Unchanged)
	if *dryRun {
		if len(res.Invalid) > 0 {
			fmt.Fprintf(c.stdout, ", invalid %d", res.InvalidRecords())
		}
		fmt.Fprint(c.stdout, " (dry run: nothing was written)")
	}
	fmt.Fprintln(c.stdout)
	if *dryRun {
		c.printChanges(changes)
	}
	c.printNotKept(res.NotKept)
	if backup != "" && rep.Added+rep.Updated > 0 {
		fmt.Fprintf(c.stderr, "nowrongdoor: the database as it was before the import is kept in %s\n", oneLine(backup))
	}
	if len(res.Invalid) > 0 {
		c.printProblems(name, res.Invalid)
		return c.fail("%s: %d problem%s in %d of %d records; fix %s before importing", name, len(res.Invalid),
			plural(len(res.Invalid)), res.InvalidRecords(), res.Records, them(len(res.Invalid)))
	}
	return exitOK
}

// collectForImport tunes the garbage collector for an import of the file
// or folder at name until the returned func is called. An import makes
// garbage fast and keeps little (the batches in hand): collecting when
// the heap has grown fivefold rather than twofold takes a tenth of an
// import's time off, and a memory limit of twice the file's size, less
// SQLite's page cache and what the runtime holds beside the heap, keeps
// an import within about twice the file's size.
func collectForImport(name string) func() {
	var size int64
	filepath.WalkDir(name, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				size += fi.Size()
			}
		}
		return nil
	})
	// A zipped package is held as its tables, unpacked.
	if z, err := zip.OpenReader(name); err == nil {
		size = 0
		for _, f := range z.File {
			size += int64(min(f.UncompressedSize64, 1<<40))
		}
		z.Close()
	}
	if size == 0 {
		return func() {} // standard input, or nothing to read
	}
	const pageCache = 64 << 20 // see sqlite's listingWriter
	gogc := debug.SetGCPercent(400)
	limit := debug.SetMemoryLimit(max(2*size-pageCache-128<<20, 192<<20))
	return func() {
		debug.SetGCPercent(gogc)
		debug.SetMemoryLimit(limit)
	}
}

// importStream imports into s, with opts, what stream reads, handing res
// what it read: the command line's import and the window's alike. All or
// nothing: a file with an invalid record imports nothing (the error is
// errInvalidRecords) but in a dry run, which reports them.
func importStream(ctx context.Context, s *sqlite.Store, opts sqlite.ImportOptions, res *exchange.Result,
	stream func(emit func(directory.Batch) error) (exchange.Result, error)) (sqlite.ImportReport, error) {
	return s.ImportStream(ctx, func(emit func(directory.Batch) error) error {
		var err error
		if *res, err = stream(emit); err != nil {
			return err
		}
		if len(res.Invalid) > 0 && !opts.DryRun {
			return errInvalidRecords
		}
		return nil
	}, opts)
}

// errInvalidRecords ends an import whose file has a record with a problem,
// once the whole file has been read and every problem found.
var errInvalidRecords = errors.New("the file has records with problems")

// removeDatabase removes a database file and SQLite's files beside it.
func removeDatabase(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

// fileImportOptions are the options of an import of the file name (- for
// standard input), in format, by actor: the command line's and the
// window's alike.
func fileImportOptions(format exchange.Format, name, actor string) sqlite.ImportOptions {
	source := name
	if abs, err := filepath.Abs(name); err == nil && name != "-" {
		source = abs
	}
	return sqlite.ImportOptions{Actor: actor, Source: source,
		// A partner's HSDS file knows nothing of this desk's staff notes
		// and verifications; the directory's own JSON is the whole listing.
		KeepLocal: format != exchange.JSON,
		// exchange's readers normalized and validated every listing
		// they hand on; the store checks what its rows rely on.
		Validated: true}
}

// streamImport reads the file (- for standard input) in format, handing
// its valid listings on to emit as it reads.
func (c *cli) streamImport(ctx context.Context, name string, format exchange.Format, emit func(directory.Batch) error) (exchange.Result, error) {
	if name == "-" {
		return exchange.StreamFrom(ctx, c.stdin, format, emit)
	}
	return exchange.Stream(ctx, name, format, emit)
}

// importFailed says why an import failed, in words for the admin.
func (c *cli) importFailed(name string, err error) int {
	if errors.Is(err, context.Canceled) {
		return c.fail("import: interrupted; nothing imported")
	}
	var invalid *directory.ValidationError
	if errors.As(err, &invalid) {
		c.printProblems(name, invalid.Problems)
		n := len(invalid.Problems)
		return c.fail("%s: %d problem%s; fix %s and import again, nothing was imported", name, n, plural(n), them(n))
	}
	return c.fail("import: %v", err)
}

// printProblems writes each problem on a line of its own to stderr.
func (c *cli) printProblems(name string, problems []directory.Problem) {
	for _, p := range problems {
		fmt.Fprintf(c.stderr, "nowrongdoor: %s: %s\n", oneLine(name), oneLine(p.String()))
	}
}

// printChanges names what a dry run would add and change, so the admin
// can check it before importing.
func (c *cli) printChanges(changes []sqlite.ImportChange) {
	for i, ch := range changes {
		if i == maxReported {
			fmt.Fprintf(c.stdout, "  ... and %d more\n", len(changes)-i)
			break
		}
		if ch.Added {
			fmt.Fprintf(c.stdout, "  new: %s (%s)\n", ch.ID, oneLine(shorten(ch.Name)))
			continue
		}
		fields := make([]string, len(ch.Fields))
		for j, f := range ch.Fields {
			fields[j] = f.Field
		}
		fmt.Fprintf(c.stdout, "  changed: %s (%s): %s\n", ch.ID, oneLine(shorten(ch.Name)), strings.Join(fields, ", "))
	}
}

// printNotKept says which of the file's fields the directory has no place
// for, so nobody expects to find them.
func (c *cli) printNotKept(notKept map[string]int) {
	if len(notKept) == 0 {
		return
	}
	var parts []string
	for _, field := range slices.Sorted(maps.Keys(notKept)) {
		parts = append(parts, fmt.Sprintf("%s (%d)", field, notKept[field]))
	}
	fmt.Fprintf(c.stdout, "  not kept, the directory has no place for them: %s\n", strings.Join(parts, ", "))
}

// export writes the listings on the desk to a file in a format partners
// and spreadsheets read.
func (c *cli) export(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	dbFlag := fs.String("db", "", "database file")
	formatFlag := fs.String("format", "", "hsds-json, hsds-csv, csv or json")
	files, code, ok := c.flags(fs, args)
	if !ok {
		return code
	}
	switch {
	case len(files) == 0:
		return c.usageError("export: give the file to write, like: nowrongdoor export --format hsds-json directory.json")
	case len(files) > 1:
		return c.usageError(fmt.Sprintf("export: give one file, not %d", len(files)))
	}
	out := files[0]
	name := *formatFlag
	if name == "" && strings.EqualFold(filepath.Ext(out), ".csv") {
		name = string(exchange.CSV)
	}
	if name == "" {
		return c.usageError("export: give --format hsds-json, hsds-csv, csv or json")
	}
	format, err := exchange.ParseFormat(name)
	if err != nil {
		return c.usageError("export: " + err.Error())
	}
	s, ok := c.openStore(ctx, *dbFlag)
	if !ok {
		return exitFail
	}
	defer s.Close()
	listings, err := s.Listings(ctx)
	if err != nil {
		return c.fail("export: %v%s", err, openAdvice(err))
	}
	if err := exchange.Write(ctx, out, format, listings, false); err != nil {
		if errors.Is(err, context.Canceled) {
			return c.fail("export: interrupted; nothing written")
		}
		return c.fail("%v", err)
	}
	fmt.Fprintf(c.stdout, "exported %d listings to %s (%s)\n", len(listings), out, format.Label())
	return exitOK
}
