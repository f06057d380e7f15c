// Command nowrongdoor is the Salt Lake County Library's referral directory:
// with no arguments it opens the desk window; with a command it searches,
// imports or prints a referral slip from the command line, for admins and
// scripts.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"os/user"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"nowrongdoor/data"
	_ "nowrongdoor/data/localefix" // before Fyne reads the locale; see its doc
	"nowrongdoor/directory"
	"nowrongdoor/directory/slip"
	"nowrongdoor/directory/sqlite"
	"nowrongdoor/ui"
)

// Exit statuses, as DESIGN.md gives them.
const (
	exitOK    = 0
	exitFail  = 1 // a problem the user can fix; the message says how
	exitUsage = 2
)

// maxQueryLength is the longest search accepted, in characters. What a
// customer says at the desk is a few words; anything longer is a pasted
// document or a mistake.
const maxQueryLength = 1000

// version is the release, as in FyneApp.toml (a test keeps them equal);
// a build may override it with -ldflags "-X main.version=...".
var version = "0.1.0"

const usage = `No Wrong Door: the Salt Lake County Library referral directory.

Usage:
  nowrongdoor [--db PATH]                          open the desk window
  nowrongdoor search [--db PATH] [--limit N] [--json] WORDS...
        the listings that best match WORDS, best first (10 unless --limit);
        --json prints [{"id", "name", "score"}, ...]; crisis lines put
        first for someone in danger have "pinned": true
  nowrongdoor import [--db PATH] [--dry-run] [--format F] [--as NAME] FILE
        add and update listings from FILE, all or nothing: the directory's
        own JSON (an array like agencies.json; - reads standard input), an
        Open Referral HSDS 3.0 JSON file, or an HSDS CSV data package (a
        folder or .zip with datapackage.json). The format is detected, or
        named with --format json|hsds-json|hsds-csv. --dry-run only
        reports: what it would add and change, by id, and every invalid
        record with its number and field. A backup of the database is
        taken first, kept with the daily ones. An HSDS file keeps the
        staff notes and verifications it does not carry. It needs the
        admin password, from $NOWRONGDOOR_ADMIN_PASSWORD or asked on the
        terminal (not for --dry-run); the first one given to a database
        becomes its password. --as NAME (else $NOWRONGDOOR_ADMIN_NAME, else
        the login name) is who the audit trail says made the change
  nowrongdoor export [--db PATH] --format F OUT
        write the listings on the desk to the new file OUT: hsds-json (HSDS
        3.0 JSON, for 211 and partners), hsds-csv (an HSDS CSV data
        package: OUT is a new folder), csv (one row a listing, for a
        spreadsheet) or json (the directory's own format, which import
        reads). Ids are the same in every export
  nowrongdoor slip [--db PATH] [--lang en|es] [--large] ID... OUT.pdf
        write a one-page referral slip of the listings with these ids (at
        most 4, 2 with --large) to OUT.pdf, to print for a customer; labels
        in English or Spanish (--lang es), large print with --large;
        OUT.pdf - writes the PDF to standard output
  nowrongdoor check [--db PATH]
        whether the directory is healthy: every listing valid, which lack a
        phone, an address or hours, which wait for review, the audit
        trail's chain and the file's integrity; exit 1 when anything is
        invalid or broken
  nowrongdoor backup [--db PATH] OUT
        write a consistent copy of the database to the new file OUT, while
        desks keep using it
  nowrongdoor restore [--db PATH] [--as NAME] FILE
        replace the database with the backup FILE, after checking it (its
        integrity and audit trail; an older one is brought up to date);
        the replaced database is kept beside it, and the restore is
        recorded as done by --as NAME (or the admin or login name). Close
        the desks first
  nowrongdoor version                              print the version
  nowrongdoor help                                 print this help

The database is --db PATH, else $NOWRONGDOOR_DB, else the user's data folder.
Exit status: 0 done, 1 nothing found, a wrong admin password, an unhealthy
directory (check) or a problem to fix (the message says how), 2 the command line is wrong (or an import has no
admin password and no terminal to ask on).
`

// The environment variables an admin's command reads.
const (
	envAdminPassword = "NOWRONGDOOR_ADMIN_PASSWORD"
	envAdminName     = "NOWRONGDOOR_ADMIN_NAME"
)

func main() {
	// Ctrl-C cancels the context, so an import rolls back cleanly.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// Whether there is a terminal to ask for a password on is settled
	// before attachConsole: the Windows window build, started from cmd.exe
	// or PowerShell, borrows their console but does not hold it (the shell
	// reads keys at once too), so a password typed there could go to the
	// shell. It takes the password from the environment instead.
	tty := isTerminal(os.Stdin)
	if len(os.Args) > 1 {
		attachConsole()
	}
	c := &cli{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	if tty {
		c.askPassword = terminalPrompt(os.Stdin, os.Stderr)
	}
	os.Exit(c.run(ctx, os.Args[1:]))
}

// run is the whole program behind main, with its surroundings passed in so
// tests can drive it; there is no terminal to ask for a password on. It
// returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	c := &cli{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	return c.run(ctx, args)
}

// run runs the command args and returns the exit status.
func (c *cli) run(ctx context.Context, args []string) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && !isHelp(args[0]) && args[0] != "--version" {
		return c.window(ctx, args)
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "search":
		return c.search(ctx, rest)
	case "import":
		return c.importFile(ctx, rest)
	case "export":
		return c.export(ctx, rest)
	case "slip":
		return c.slip(ctx, rest)
	case "check":
		return c.check(ctx, rest)
	case "backup":
		return c.backup(ctx, rest)
	case "restore":
		return c.restore(ctx, rest)
	case "version", "--version":
		if len(rest) > 0 {
			return c.usageError("version takes no arguments")
		}
		fmt.Fprintln(c.stdout, "nowrongdoor", version)
		return exitOK
	case "help", "-h", "-help", "--help":
		fmt.Fprint(c.stdout, usage)
		return exitOK
	default:
		return c.usageError(fmt.Sprintf("unknown command %q", oneLine(cmd)))
	}
}

func isHelp(arg string) bool { return arg == "-h" || arg == "-help" || arg == "--help" }

// cli holds what every command writes to and reads from.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// askPassword asks for a password on the terminal without echoing
	// it; nil when there is no terminal.
	askPassword func(ctx context.Context, prompt string) (string, error)
	// now and sleep are the clock of the delay after wrong passwords;
	// nil means the real one.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
}

// fail prints a one-line message and returns exitFail.
func (c *cli) fail(format string, args ...any) int {
	fmt.Fprintln(c.stderr, "nowrongdoor: "+oneLine(fmt.Sprintf(format, args...)))
	return exitFail
}

// usageError prints what is wrong with the command line and returns exitUsage.
func (c *cli) usageError(msg string) int {
	fmt.Fprintf(c.stderr, "nowrongdoor: %s; run 'nowrongdoor help' for usage\n", oneLine(msg))
	return exitUsage
}

// oneLine keeps a message on one line whatever an error carried in.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "?")), " ")
}

// flags parses a command's flags, which may come before, between or after
// its other arguments; "--" ends them. It returns the other arguments, or
// an exit status when parsing ended the command (a bad flag, or help).
func (c *cli) flags(fs *flag.FlagSet, args []string) ([]string, int, bool) {
	fs.SetOutput(io.Discard)
	var rest []string
	for {
		before := args
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(c.stdout, usage)
				return nil, exitOK, false
			}
			return nil, c.usageError(fs.Name() + ": " + err.Error()), false
		}
		args = fs.Args()
		if n := len(before) - len(args); n > 0 && before[n-1] == "--" {
			return append(rest, args...), 0, true // after "--", no flags
		}
		if len(args) == 0 {
			return rest, 0, true
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// dbPath returns the database to use: --db, else $NOWRONGDOOR_DB, else the
// user's data folder.
func (c *cli) dbPath(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if p := c.getenv("NOWRONGDOOR_DB"); p != "" {
		return p, nil
	}
	return sqlite.DefaultPath()
}

// openStore opens the database named by the --db flag's value (or the
// environment, or the default place), seeding a brand-new one with the
// default directory. It prints why it failed and returns false.
func (c *cli) openStore(ctx context.Context, dbFlag string) (*sqlite.Store, bool) {
	s, err := c.store(ctx, dbFlag)
	if err != nil {
		c.fail("%v", err)
		return nil, false
	}
	return s, true
}

// dryRunScratch returns the database a dry run imports into and rolls
// back, in a scratch folder that cleanup removes: a copy of the database,
// or, when there is none yet, a new database like the one a first run
// makes. The database itself is only read (an older one is migrated in
// the copy), so a dry run never creates or changes a file.
func (c *cli) dryRunScratch(ctx context.Context, dbFlag string) (path string, cleanup func(), err error) {
	cleanup = func() {}
	real, err := c.dbPath(dbFlag)
	if err != nil {
		return "", cleanup, err
	}
	_, statErr := os.Stat(real)
	dir, err := os.MkdirTemp("", "nowrongdoor-dry-run-")
	if err != nil {
		return "", cleanup, fmt.Errorf("make a scratch folder for the dry run: %w", err)
	}
	cleanup = func() { os.RemoveAll(dir) }
	path = filepath.Join(dir, "nowrongdoor.db")
	if errors.Is(statErr, fs.ErrNotExist) {
		fmt.Fprintf(c.stderr, "nowrongdoor: %s does not exist yet; comparing with the built-in directory a new database starts from\n", oneLine(real))
		return path, cleanup, nil
	}
	if err := sqlite.Snapshot(ctx, real, path); err != nil {
		cleanup()
		return "", func() {}, fmt.Errorf("%w%s", err, openAdvice(err))
	}
	return path, cleanup, nil
}

// store is openStore without the printing: its error says what went wrong
// and what to do.
func (c *cli) store(ctx context.Context, dbFlag string) (*sqlite.Store, error) {
	path, err := c.dbPath(dbFlag)
	if err != nil {
		return nil, err
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("%w%s", err, openAdvice(err))
	}
	// A new database is seeded with the default directory, and one seeded
	// by an earlier release gets this release's default listings where no
	// one has changed them. The file is parsed only then: parsing it on
	// every start would be most of the start-up time.
	if _, err := s.SyncDefault(ctx, data.Agencies); err != nil {
		s.Close()
		return nil, fmt.Errorf("%w%s", err, openAdvice(err))
	}
	return s, nil
}

// openAdvice says how to fix a database that will not open.
func openAdvice(err error) string {
	switch {
	case errors.Is(err, sqlite.ErrCorrupt):
		return "; restore a backup, or move the file aside to start afresh, or choose another with --db"
	case errors.Is(err, sqlite.ErrUnwritable), errors.Is(err, os.ErrPermission):
		return "; check the folder exists and you may write to it, or choose another location with --db or NOWRONGDOOR_DB"
	case errors.Is(err, sqlite.ErrForeign):
		return "; choose a No Wrong Door database with --db"
	case errors.Is(err, sqlite.ErrNewerSchema), errors.Is(err, sqlite.ErrBusy):
		return "" // the message says what to do
	}
	return ""
}

func (c *cli) search(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	dbFlag := fs.String("db", "", "database file")
	limit := fs.Int("limit", 10, "number of results")
	asJSON := fs.Bool("json", false, "print JSON")
	words, code, ok := c.flags(fs, args)
	if !ok {
		return code
	}
	if len(words) == 0 {
		return c.usageError("search: give the words to search for, like: nowrongdoor search passport")
	}
	if *limit <= 0 {
		return c.usageError(fmt.Sprintf("search: --limit %d: give a number of results above 0", *limit))
	}
	query := strings.Join(words, " ")
	if msg := queryProblem(query); msg != "" {
		return c.fail("search: %s", msg)
	}
	s, ok := c.openStore(ctx, *dbFlag)
	if !ok {
		return exitFail
	}
	defer s.Close()
	results, keep, err := find(ctx, s, query, *limit)
	defer keep()
	if err != nil {
		return c.fail("%v%s", err, openAdvice(err))
	}

	if *asJSON {
		type hit struct {
			ID     string  `json:"id"`
			Name   string  `json:"name"`
			Score  float64 `json:"score"`
			Pinned bool    `json:"pinned,omitempty"`
		}
		hits := make([]hit, 0, len(results))
		for _, r := range results {
			hits = append(hits, hit{r.Listing.ID, r.Listing.Name, r.Score, r.Pinned})
		}
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(hits); err != nil {
			return c.fail("search: %v", err)
		}
	} else {
		if len(results) > 0 && results[0].Pinned {
			fmt.Fprintln(c.stdout, "If someone is in danger now, call 911. Crisis lines first:")
		}
		tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
		for i, r := range results {
			phone := "no phone"
			if p, ok := r.Listing.MainPhone(); ok {
				phone = p.String()
			}
			fmt.Fprintf(tw, "%d.\t%s\t%s\t%s\n", i+1, r.Listing.Name, r.Listing.Organization, phone)
		}
		if err := tw.Flush(); err != nil {
			return c.fail("search: %v", err)
		}
	}
	if len(results) == 0 {
		return c.fail("no listings match %q; try other or fewer words", shorten(query))
	}
	return exitOK
}

// queryProblem says what is wrong with search words, or "" if nothing.
func queryProblem(q string) string {
	if !utf8.ValidString(q) {
		return "the words are not valid UTF-8 text; set the terminal to UTF-8"
	}
	if n := utf8.RuneCountInString(q); n > maxQueryLength {
		return fmt.Sprintf("the words are %d characters long; use at most %d", n, maxQueryLength)
	}
	for _, r := range q {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return fmt.Sprintf("the words contain the control character U+%04X; remove it", r)
		}
	}
	return ""
}

func shorten(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}

// slip writes a referral slip of the listings named by id to the PDF
// named last.
func (c *cli) slip(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("slip", flag.ContinueOnError)
	dbFlag := fs.String("db", "", "database file")
	langFlag := fs.String("lang", "en", "language of the labels")
	large := fs.Bool("large", false, "large print")
	rest, code, ok := c.flags(fs, args)
	if !ok {
		return code
	}
	lang, err := slip.ParseLang(*langFlag)
	if err != nil {
		return c.usageError(fmt.Sprintf("slip: --lang %s: use en (English) or es (Spanish)", oneLine(*langFlag)))
	}
	if len(rest) < 2 {
		return c.usageError("slip: give the listing ids and then the PDF to write, like: nowrongdoor slip slco-clerk-passports slip.pdf")
	}
	ids, out := rest[:len(rest)-1], rest[len(rest)-1]
	if out != "-" && !strings.EqualFold(filepath.Ext(out), ".pdf") {
		return c.usageError(fmt.Sprintf("slip: the last argument, %q, is the PDF to write: give a name ending in .pdf", oneLine(out)))
	}
	ids = unique(ids)
	if n := len(ids); n > slip.Max(*large) {
		most := fmt.Sprintf("%d (%d with --large)", slip.MaxListings, slip.MaxLargePrintListings)
		if *large {
			most = fmt.Sprintf("%d in large print", slip.MaxLargePrintListings)
		}
		return c.usageError(fmt.Sprintf("slip: %d listings do not fit one page; give at most %s", n, most))
	}
	if fi, err := os.Stat(out); err == nil && fi.IsDir() {
		return c.fail("slip: %s is a folder; give a file name ending in .pdf", out)
	}

	s, ok := c.openStore(ctx, *dbFlag)
	if !ok {
		return exitFail
	}
	defer s.Close()
	listings := make([]*directory.Listing, 0, len(ids))
	for _, id := range ids {
		l, err := s.Listing(ctx, id)
		if errors.Is(err, sqlite.ErrNotFound) {
			return c.fail("slip: no listing has the id %q%s", oneLine(id), c.didYouMean(ctx, s, id))
		}
		if err != nil {
			return c.fail("%v%s", err, openAdvice(err))
		}
		listings = append(listings, &l)
	}

	// The whole slip is made before the file is touched, so a failure
	// leaves no half-written PDF.
	var buf bytes.Buffer
	if err := slip.Render(&buf, listings, slip.Options{Lang: lang, LargePrint: *large}); err != nil {
		return c.fail("%v", err)
	}
	if out == "-" {
		if _, err := c.stdout.Write(buf.Bytes()); err != nil {
			return c.fail("slip: write to standard output: %v", err)
		}
		return exitOK
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return c.fail("slip: cannot write %s: %v; check the folder exists and you may write to it, or give another file", out, err)
	}
	kind := "English"
	if lang == slip.Spanish {
		kind = "Spanish"
	}
	if *large {
		kind += ", large print"
	}
	fmt.Fprintf(c.stdout, "wrote %s: a referral slip of %d listing%s (%s)\n", out, len(listings), plural(len(listings)), kind)
	return exitOK
}

// didYouMean names the listing a search for an unknown id's words finds
// first, as "; did you mean ...?", or else says how to find ids.
func (c *cli) didYouMean(ctx context.Context, s *sqlite.Store, id string) string {
	words := strings.NewReplacer("-", " ", "_", " ").Replace(id)
	r, keep, err := find(ctx, s, words, 1)
	defer keep()
	if err == nil && len(r) > 0 {
		return fmt.Sprintf("; did you mean %s (%s)?", r[0].Listing.ID, oneLine(r[0].Listing.Name))
	}
	return "; find ids with: nowrongdoor search --json WORDS"
}

// unique keeps the first of each repeated string, in order.
func unique(ss []string) []string {
	var out []string
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// loginName is the name of the user running the program: who the audit
// trail names when no admin name is given.
func (c *cli) loginName() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, k := range []string{"USER", "USERNAME"} {
		if v := c.getenv(k); v != "" {
			return v
		}
	}
	return "unknown"
}

// window opens the desk window on the database given by --db, the
// environment or the default location.
func (c *cli) window(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("nowrongdoor", flag.ContinueOnError)
	dbFlag := fs.String("db", "", "database file")
	rest, code, ok := c.flags(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return c.usageError(fmt.Sprintf("unknown command %q", oneLine(rest[0])))
	}
	return c.openWindow(ctx, *dbFlag)
}

// appID names the app to the operating system and Fyne; it keeps window
// sizes and the standards panel's state apart from other apps. It is the
// ID in FyneApp.toml.
const appID = "org.slcolibrary.nowrongdoor"

// How the window's process collects garbage until the window shows; see
// openWindow.
const (
	startupGCPercent   = 400
	startupMemoryLimit = 256 << 20 // bytes
)

// openWindow opens the desk window on the database named by the --db
// flag's value and returns the exit status when it closes. The window opens
// at once and the directory fills in when it has loaded: a few milliseconds
// for the county's directory, seconds for a statewide one. A database that
// cannot be opened is explained in the window, where desk staff see it.
// The store stays open while the window is: admin mode edits through it,
// and the window watches it for changes other desks save.
func (c *cli) openWindow(ctx context.Context, dbFlag string) int {
	// Opening the window parses fonts and lays out and measures text: a
	// lot of short-lived garbage over a live heap of a few megabytes.
	// Collected at half the live heap, that is a dozen collections before
	// the window shows, so until it shows the heap may grow to five times
	// the live heap, within startupMemoryLimit (a statewide directory may
	// be loading meanwhile).
	debug.SetGCPercent(startupGCPercent)
	limit := debug.SetMemoryLimit(-1)
	debug.SetMemoryLimit(min(limit, startupMemoryLimit))
	a := app.NewWithID(appID)
	a.Lifecycle().SetOnStarted(func() {
		// The window's live heap is small (the search index, not the
		// listings), so collecting at half its size again rather than at
		// twice keeps a desk PC's memory down for a few milliseconds of
		// collecting: 238 MB instead of 264 MB with a statewide directory.
		debug.SetGCPercent(50)
		debug.SetMemoryLimit(limit)
	})
	desk := ui.NewDesk(a, nil, data.Standards)
	desk.SetVersion(version)
	desk.ShowLoading()
	status := exitOK
	stores := make(chan *liveStore, 1)
	go func() {
		ls, ix, err := c.loadDirectory(ctx, dbFlag)
		stores <- ls
		if err != nil {
			fmt.Fprintln(c.stderr, "nowrongdoor:", err)
		}
		fyne.Do(func() {
			if err != nil {
				status = exitFail
				desk.ShowLoadProblem(err.Error())
				return
			}
			desk.SetDirectory(ix)
			desk.SetAdmin(ls)
			desk.SetExchange(windowExchange{ls})
		})
		if err == nil {
			// The first window of the day keeps a copy of the directory as
			// it stood, so a bad day can be undone with restore.
			release := ls.hold()
			_, _, err := ls.s.DailyBackup(ctx, time.Now())
			release()
			if err != nil {
				fmt.Fprintln(c.stderr, "nowrongdoor:", err)
			}
		}
	}()
	desk.ShowAndRun()
	select {
	case ls := <-stores:
		if ls != nil {
			ls.close()
		}
	default: // closed before the directory loaded; the process ends anyway
	}
	return status
}

// loadDirectory opens the database and reads the directory for the
// window. The store is returned open when the directory is read.
func (c *cli) loadDirectory(ctx context.Context, dbFlag string) (*liveStore, ui.Directory, error) {
	s, err := c.store(ctx, dbFlag)
	if err != nil {
		return nil, nil, err
	}
	ls := &liveStore{s: s}
	dir, err := ls.Directory(ctx)
	if err != nil {
		s.Close()
		return nil, nil, fmt.Errorf("%w%s", err, openAdvice(err))
	}
	if bad := s.Unreadable(); len(bad) > 0 {
		// The window opens with the rest; the log says what is missing.
		fmt.Fprintf(c.stderr, "nowrongdoor: listings with rows that cannot be read are not on the desk (%d problem%s); nowrongdoor check names them\n",
			len(bad), plural(len(bad)))
	}
	return ls, dir, nil
}
