package ui

import (
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/data"
	"nowrongdoor/directory"
	"nowrongdoor/directory/search"
)

// Preference keys for the window's layout. They hold only how the window
// looks, never directory data, because Fyne rewrites its preferences file in
// place.
const (
	prefWindowWidth     = "desk.window.width"
	prefWindowHeight    = "desk.window.height"
	prefResultsSplit    = "desk.split.results"
	prefStandardsSplit  = "desk.split.standards"
	prefStandardsShown  = "desk.standards.shown"
	defaultWindowWidth  = 1280
	defaultWindowHeight = 720
	// searchLimit is how many results a search shows; more than a clerk
	// reads, few enough to draw in a frame.
	searchLimit = 100
	// maxSearchLength is the most characters the search box holds, as
	// many as the command line's search accepts. What a customer says at
	// the desk is a few words; anything longer is a pasted document.
	maxSearchLength = 1000
	// startupSettle is how long after showing the window its first screens
	// are laid out and drawn.
	startupSettle = 500 * time.Millisecond
)

// Desk is the desk window: the search box on top, results on the left, the
// listing on show in the middle and the customer service standards on the
// right. Create it with NewDesk and show it with ShowAndRun. Its methods
// must be called on the Fyne goroutine.
type Desk struct {
	app   fyne.App
	win   fyne.Window
	dir   Directory
	prefs fyne.Preferences
	// history is the listings shown lately, for Alt+Left and the start
	// page (favorites.go); extra is the state of the settings, About and
	// email dialogs and of actions waiting for results (extra.go).
	history history
	extra   extra
	// admin is admin mode: the store it edits, who unlocked it, and its
	// windows and dialogs (adminmode.go).
	admin adminMode

	search          *searchEntry
	results         *resultsPane
	detail          *detailPane
	standards       *standardsPanel
	standardsButton *widget.Button
	standardsItem   *fyne.MenuItem
	menu            *fyne.MainMenu
	split, inner    *container.Split
	// shortcuts is the keyboard shortcuts dialog while it is open.
	shortcuts dialog.Dialog
	// dialogKeys, while a slip's dialog is open, takes Enter and Esc
	// pressed when nothing in the dialog has the focus.
	dialogKeys func(*fyne.KeyEvent)
	// slip is the referral slip being put together; printItem and
	// clearSlipItem are its menu items, which show how many it holds.
	slip                     *slipTray
	printItem, clearSlipItem *fyne.MenuItem

	searcher   searcher
	categories []search.CategoryCount
	// seq counts changes of the search box; applied is the change whose
	// results are on screen. Results for an older change are dropped.
	seq, applied uint64
	// pendingMoves, pendingEnter, pendingCopy and pendingPrint hold Down,
	// Up, Enter, copy and print pressed before the results of the last
	// keystroke arrived, so a quick "type, Down, Enter" or "type, copy"
	// acts on what was typed rather than on the results before it.
	pendingMoves int
	pendingEnter bool
	pendingCopy  bool
	pendingPrint bool
	// category is the category open in the results, "" for none.
	category string
	// keepID is the listing to keep on show when the search now running
	// finds it: set when a new directory re-runs the search, so an edit
	// does not move staff off the listing they were reading.
	keepID string
	// full is set when the search box was too full to take all of a paste
	// or a keystroke, until its text next changes; the results say so.
	full bool
	// notice, when set, stands in the results pane instead of categories
	// and matches, above the always-available fallbacks: the directory is
	// still loading, or could not be opened. noticeHint says what to do.
	notice, noticeHint string

	// do runs a function on the Fyne goroutine (fyne.Do); tests swap it
	// for a queue they drain on their own goroutine.
	do        func(func())
	now       func() time.Time
	stopClock chan struct{}
	// built is set once the window has its content; until then changes
	// only mark widgets, so nothing is laid out twice at start-up.
	built bool
}

// NewDesk builds the desk window over dir, with the Markdown standards text
// (data.Standards) in the side panel. The window's size, split positions
// and whether the standards are shown come back from the app's preferences.
// A nil dir gives an empty directory.
func NewDesk(a fyne.App, dir Directory, standards []byte) *Desk {
	addTranslations()
	if dir == nil {
		dir = emptyDirectory{}
	}
	d := &Desk{
		app:   a,
		dir:   dir,
		prefs: a.Preferences(),
		do:    fyne.Do,
		now:   time.Now,
	}
	// A window takes the app's icon when it is made. Set on the window as
	// well, the 512-pixel icon was decoded and sent to the window system
	// twice before the window showed.
	if a.Icon() == nil {
		a.SetIcon(fyne.NewStaticResource("icon.png", data.Icon))
	}
	d.win = a.NewWindow(lang.L("No Wrong Door"))
	d.standards = &standardsPanel{standards: standards}
	d.applySettings()
	d.slip = newSlipTray(a)
	d.buildUI()
	return d
}

// Window returns the desk window, for dialogs and tests.
func (d *Desk) Window() fyne.Window { return d.win }

// Show shows the window and starts the clock that keeps the open/closed
// badges current.
func (d *Desk) Show() {
	d.startClock()
	d.startPolling()
	d.win.Show()
	// Lay out the welcome page and the standards text after the window is
	// up, so staff can start typing sooner.
	go d.do(d.fillAfterShow)
	// Measuring and drawing the text of the first screens leaves a lot of
	// garbage behind; hand it back to the system once they are drawn, since
	// desk PCs are often short of memory.
	time.AfterFunc(startupSettle, debug.FreeOSMemory)
}

// fillStandards lays out the standards text below the reminder.
func (d *Desk) fillStandards() {
	d.standards.fill()
}

// fillAfterShow lays out what the window can show a moment after it
// opens: the welcome page, unless the pane already shows something, and
// the standards text when the panel is open.
func (d *Desk) fillAfterShow() {
	if d.detail.kind == paneEmpty {
		d.detail.showWelcome()
	}
	if d.standards.content.Visible() {
		d.fillStandards()
	}
}

// ShowAndRun shows the window and runs the app until it is closed.
func (d *Desk) ShowAndRun() {
	d.Show()
	d.app.Run()
}

// SetDirectory swaps in a rebuilt directory after an edit, keeping the
// search, the open category and the listing on show while they still have
// it. Call it on the Fyne goroutine (from fyne.Do when the directory was
// rebuilt elsewhere).
func (d *Desk) SetDirectory(dir Directory) {
	if dir == nil {
		dir = emptyDirectory{}
	}
	d.dir = dir
	d.notice, d.noticeHint = "", ""
	d.categories = dir.Categories()
	// The listing on show is drawn again as the new directory has it; one
	// the directory no longer has gives way to what the search shows.
	shown := d.current()
	if shown != nil && !isBuiltin(shown) {
		if l, ok := dir.Listing(shown.ID); ok {
			shown = l
			d.detail.redraw(l)
		} else {
			shown = nil
			d.showWelcome()
		}
	}
	switch {
	case strings.TrimSpace(d.search.Text) != "":
		d.onSearchChanged(d.search.Text)
		if shown != nil {
			d.keepID = shown.ID
		}
	case d.category != "":
		d.openCategory(d.category, true)
	default:
		d.listCategories()
		if shown == nil {
			d.detail.showWelcome() // its fallbacks come from the directory
		}
	}
}

// ShowLoading says in the results pane that the directory is still
// loading, until SetDirectory; the desk opens first and fills in when a
// large directory has loaded. Call it on the Fyne goroutine.
func (d *Desk) ShowLoading() {
	d.setNotice(lang.L("Loading the directory…"), "")
}

// ShowLoadProblem says in the results pane that the directory could not be
// opened, with problem (what went wrong and what to do), until
// SetDirectory. Utah 211, 988 and 911 stay offered below it, so the desk
// is never a dead end. Call it on the Fyne goroutine.
func (d *Desk) ShowLoadProblem(problem string) {
	d.setNotice(lang.L("The directory could not be opened"),
		problem+"\n\n"+lang.L("Until it is fixed, these can always help:"))
}

// setNotice puts a notice in the results pane, in place of the categories
// and the matches, above the fallbacks. The middle pane is left alone: the
// window may not be up yet, and the welcome page waits for it.
func (d *Desk) setNotice(notice, hint string) {
	d.notice, d.noticeHint = notice, hint
	if strings.TrimSpace(d.search.Text) != "" {
		d.onSearchChanged(d.search.Text)
	} else {
		d.listCategories()
	}
}

// showNotice shows the notice above the fallbacks.
func (d *Desk) showNotice() {
	d.results.show(d.notice, fallbackItems(d.dir), false, d.noticeHint, -1)
}

// fallbackItems are the always-available referrals as rows of the results.
func fallbackItems(dir Directory) []resultItem {
	var items []resultItem
	for _, l := range fallbackListings(dir) {
		items = append(items, resultItem{listing: l})
	}
	return items
}

func (d *Desk) buildUI() {
	d.search = newSearchEntry()
	d.search.PlaceHolder = lang.L("What does the customer need?")
	d.search.OnChanged = d.onSearchChanged
	d.search.onDown = func() { d.onMove(1) }
	d.search.onUp = func() { d.onMove(-1) }
	d.search.onEnter = d.onEnter
	d.search.onEscape = d.onEscape
	d.search.onShortcut = d.onEntryShortcut
	d.search.maxRunes = maxSearchLength
	d.search.onFull = d.onSearchFull
	d.search.ActionItem = &widget.Button{Icon: theme.ContentClearIcon(), Importance: widget.LowImportance, OnTapped: d.onClearTapped}

	d.results = &resultsPane{now: d.timeNow, onActivate: d.onActivate, onHighlight: d.onHighlight, onBack: d.onBrowse}
	d.detail = &detailPane{
		app:            d.app,
		now:            d.timeNow,
		onCopyReferral: d.onCopyReferral,
		onPrintSlip:    d.onPrintSlip,
		onAddToSlip:    d.onAddToSlip,
		slipCount:      func() int { return len(d.slip.listings) },
		inSlip:         d.slip.has,
		fallbacks:      func() []*directory.Listing { return fallbackListings(d.dir) },
		onShow:         d.showListing,
		onEmail:        d.onEmailReferral,
		onPin:          d.onTogglePin,
		pinned:         d.isPinned,
	}
	d.standardsButton = &widget.Button{Icon: theme.DocumentIcon(), OnTapped: d.onToggleStandards}
	help := &widget.Button{Text: lang.L("Shortcuts"), Icon: theme.HelpIcon(), Importance: widget.LowImportance, OnTapped: d.onShowShortcuts}

	adminBar, adminButton := d.buildAdminHeader()
	side := container.NewHBox(adminButton, d.standardsButton, help)
	top := container.NewBorder(nil, nil, nil, side, d.search)
	d.inner = container.NewHSplit(d.detail.buildUI(), d.standards.buildUI())
	d.inner.Offset = d.prefs.FloatWithFallback(prefStandardsSplit, 0.64)
	d.split = container.NewHSplit(d.results.buildUI(), d.inner)
	d.split.Offset = d.prefs.FloatWithFallback(prefResultsSplit, 0.34)

	d.menu = d.buildMenu()
	d.win.SetMainMenu(d.menu)
	d.setStandardsShown(d.prefs.BoolWithFallback(prefStandardsShown, true))
	d.categories = d.dir.Categories()
	d.listCategories()

	// Size the window, then add the content to an empty one: a window lays
	// new content out at its minimum size first, where every wrapped line
	// is measured word by word, which costs a slow PC most of its start-up
	// time. Added to a sized container it is laid out once, at full size.
	d.win.Resize(fyne.NewSize(
		float32(d.prefs.FloatWithFallback(prefWindowWidth, defaultWindowWidth)),
		float32(d.prefs.FloatWithFallback(prefWindowHeight, defaultWindowHeight))))
	root := container.NewStack()
	d.win.SetContent(root)
	head := container.NewVBox(adminBar, container.NewPadded(top))
	body := container.NewBorder(head, nil, nil, nil, d.split)
	root.Add(body)
	// The admin header and button come and go; the bars around them make
	// room.
	d.admin.header.relayout = func() { relayout(body, head, top, side) }
	d.win.SetOnClosed(d.onClosed)

	c := d.win.Canvas()
	c.SetOnTypedRune(d.onCanvasRune)
	c.SetOnTypedKey(d.onCanvasKey)
	c.AddShortcut(shortcutSearchAlt, func(fyne.Shortcut) { d.focusSearch() })
	c.Focus(d.search)
	d.built = true
}

// timeNow is the time badges and today's hours are reckoned at; tests fix it.
func (d *Desk) timeNow() time.Time { return d.now() }

// onSearchChanged runs a search for every change of the box. The search
// runs off the Fyne goroutine; its results come back through d.do and are
// dropped if the box changed again meanwhile. An empty box goes back to
// the categories and the welcome page at once.
func (d *Desk) onSearchChanged(text string) {
	d.seq++
	d.pendingMoves, d.pendingEnter, d.pendingCopy, d.pendingPrint = 0, false, false, false
	d.keepID = ""
	d.full = false
	q := strings.TrimSpace(firstRunes(text, maxSearchLength))
	if q == "" {
		d.applied = d.seq
		d.showCategories()
		return
	}
	d.searcher.submit(searchRequest{
		seq:   d.seq,
		query: q,
		dir:   d.dir,
		limit: searchLimit,
		done: func(seq uint64, query string, results []search.Result) {
			d.do(func() { d.applyResults(seq, query, results) })
		},
	})
}

// applyResults shows the results of the latest change of the box and puts
// the best of them in the middle pane, so what is on show always answers
// what is typed. With no match, or while the directory is not there, the
// pane shows the welcome page and its always-available referrals.
func (d *Desk) applyResults(seq uint64, query string, results []search.Result) {
	if seq != d.seq {
		return
	}
	d.applied = seq
	d.category = ""
	keep := d.keepID
	d.keepID = ""
	switch {
	case d.notice != "":
		d.showNotice()
		d.keepOrWelcome(keep)
	case len(results) == 0:
		d.results.show(
			lang.L("No matches for “{{.Query}}”", map[string]any{"Query": query}),
			fallbackItems(d.dir), true,
			joinNonEmpty("\n\n", d.fullHint(),
				lang.L("Try fewer words, another word the customer used, or browse the categories. These can always help:")), -1)
		d.keepOrWelcome(keep)
	default:
		results = pinnedFirst(results)
		items := make([]resultItem, len(results))
		for i, r := range results {
			items[i] = resultItem{listing: r.Listing}
		}
		cursor := 0
		for i, it := range items {
			if it.listing.ID == keep {
				cursor = i
			}
		}
		d.results.show(lang.N("{{.Count}} match", len(items), map[string]any{"Count": len(items)}), items, false, d.fullHint(), cursor)
		if cursor > 0 { // a kept listing stays in sight, as after a refresh
			d.results.list.ScrollTo(cursor)
		}
		// The search pins crisis lines first when the words read as
		// someone in danger; staff are told to call 911 above them.
		d.results.setCrisis(results[0].Pinned)
		d.preview(items[cursor].listing)
	}
	d.applyPendingKeys()
	d.runWaiting()
}

// pinnedFirst puts the results the search pinned ahead of the others,
// keeping each group's order. The search already does; the window does not
// rely on it, because the call-911 banner speaks for the rows at the top.
func pinnedFirst(results []search.Result) []search.Result {
	if !slices.ContainsFunc(results, func(r search.Result) bool { return r.Pinned }) {
		return results
	}
	out := slices.Clone(results)
	slices.SortStableFunc(out, func(a, b search.Result) int {
		switch {
		case a.Pinned == b.Pinned:
			return 0
		case a.Pinned:
			return -1
		}
		return 1
	})
	return out
}

// onSearchFull says in the results that the search box kept only the
// first maxSearchLength characters of what was pasted or typed. It stays
// until the box changes again.
func (d *Desk) onSearchFull() {
	if d.full {
		return
	}
	d.full = true
	if d.applied == d.seq && strings.TrimSpace(d.search.Text) != "" && d.notice == "" {
		d.results.setHint(joinNonEmpty("\n\n", d.fullHint(), d.results.hint.Text))
	}
}

// fullHint is the results' note about a search box too full to take what
// was pasted, "" while it is not.
func (d *Desk) fullHint() string {
	if !d.full {
		return ""
	}
	return lang.L("The search box keeps the first {{.Count}} characters; the rest was left out. A few of the customer's words find more.",
		map[string]any{"Count": maxSearchLength})
}

// keepOrWelcome highlights and keeps on show the listing with id keep when
// the results have it, and otherwise shows the welcome page.
func (d *Desk) keepOrWelcome(keep string) {
	if i := d.results.indexOf(keep); keep != "" && i >= 0 {
		d.results.setCursor(i)
		d.preview(d.results.items[i].listing)
		return
	}
	d.showWelcome()
}

// onMove moves the highlight, or remembers the move until the results of
// the last keystroke arrive.
func (d *Desk) onMove(delta int) {
	if d.applied != d.seq {
		d.pendingMoves += delta
		return
	}
	d.results.move(delta)
}

// onEnter opens the highlighted category or shows the highlighted listing,
// once the results of the last keystroke are on screen.
func (d *Desk) onEnter() {
	if d.applied != d.seq {
		d.pendingEnter = true
		return
	}
	d.results.activateCursor()
}

func (d *Desk) applyPendingKeys() {
	moves, enter, copyReferral, printSlip := d.pendingMoves, d.pendingEnter, d.pendingCopy, d.pendingPrint
	d.pendingMoves, d.pendingEnter, d.pendingCopy, d.pendingPrint = 0, false, false, false
	for ; moves > 0; moves-- {
		d.results.move(1)
	}
	for ; moves < 0; moves++ {
		d.results.move(-1)
	}
	if enter {
		d.results.activateCursor()
	}
	if copyReferral {
		d.onCopyReferral()
	}
	if printSlip {
		d.onPrintSlip()
	}
}

// showCategories is the start page: every category with its number of
// listings on the left, the welcome page in the middle.
func (d *Desk) showCategories() {
	d.listCategories()
	d.showWelcome()
}

// listCategories lists the categories in the results pane, below the
// listings pinned and recently viewed at this desk, or the notice while
// there is one.
func (d *Desk) listCategories() {
	d.category = ""
	if d.notice != "" {
		d.showNotice()
		return
	}
	heading, items := d.startItems()
	for _, c := range d.categories {
		items = append(items, resultItem{category: c})
	}
	d.results.show(heading, items, false, "", -1)
}

// openCategory lists the listings in a category and shows the category's
// page in the middle. With keep set, a listing on show that is in the
// category stays on show instead.
func (d *Desk) openCategory(name string, keep bool) {
	d.category = name
	listings := d.dir.InCategory(name)
	items := make([]resultItem, len(listings))
	for i, l := range listings {
		items[i] = resultItem{listing: l}
	}
	cursor := -1
	if shown := d.current(); keep && shown != nil {
		for i, l := range listings {
			if l.ID == shown.ID {
				cursor = i
			}
		}
	}
	d.results.show(name, items, true, "", cursor)
	if cursor < 0 {
		d.detail.showCategory(search.CategoryCount{Name: name, Count: len(listings)}, true)
	}
}

// current is the listing on show in the middle pane, nil when the pane
// shows the welcome page or a category. Copy referral copies it and
// nothing else.
func (d *Desk) current() *directory.Listing {
	if d.detail.kind != paneListing {
		return nil
	}
	return d.detail.listing
}

// onActivate opens a category or shows a listing, from a click or Enter.
// A click leaves the focus on the list; it goes back to the search box so
// staff can type the next search straight away.
func (d *Desk) onActivate(it resultItem) {
	if c := d.win.Canvas(); c.Focused() != d.search {
		c.Focus(d.search)
	}
	if it.listing == nil {
		d.openCategory(it.category.Name, false)
		return
	}
	d.showListing(it.listing)
}

// onHighlight shows the row Down or Up has reached: its listing, or the
// page of its category.
func (d *Desk) onHighlight(it resultItem) {
	if it.listing == nil {
		d.detail.showCategory(it.category, false)
		return
	}
	d.preview(it.listing)
}

// showListing shows a listing in the middle, highlighting its row if it is
// in the results.
func (d *Desk) showListing(l *directory.Listing) {
	d.preview(l)
	d.results.markShown(l.ID)
}

// preview shows a listing in the middle whose row is already highlighted.
func (d *Desk) preview(l *directory.Listing) {
	d.detail.show(l)
	d.noteShown(l)
}

// showWelcome shows the welcome page in the middle, unless it is there.
func (d *Desk) showWelcome() {
	if d.detail.kind != paneWelcome {
		d.detail.showWelcome()
	}
}

// onEscape clears the search box, or leaves an open category, or takes
// the highlight off the categories: each goes back to the welcome page.
func (d *Desk) onEscape() {
	switch {
	case d.search.Text != "":
		d.search.SetText("")
	case d.category != "":
		d.showCategories()
	default:
		d.results.clearCursor()
		d.showWelcome()
	}
}

// onBrowse goes back to the categories from anywhere.
func (d *Desk) onBrowse() {
	if d.dialogOpen() {
		return
	}
	if d.search.Text != "" {
		d.search.SetText("") // shows the categories
	} else {
		d.showCategories()
	}
	d.win.Canvas().Focus(d.search)
}

func (d *Desk) onClearTapped() {
	d.search.SetText("")
	d.win.Canvas().Focus(d.search)
}

// focusSearch puts the cursor in the search box with its text selected, so
// the next word typed replaces the last search.
func (d *Desk) focusSearch() {
	if d.dialogOpen() {
		return
	}
	d.win.Canvas().Focus(d.search)
	d.search.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// onEntryShortcut takes the keys that are not on the menu while the search
// box has focus.
func (d *Desk) onEntryShortcut(s fyne.Shortcut) bool {
	if s.ShortcutName() == shortcutSearchAlt.ShortcutName() {
		d.focusSearch()
		return true
	}
	return false
}

// onCanvasRune sends typing to the search box when nothing has focus, as
// after a click on the pane, so staff can just start typing. With a dialog
// open nothing in it has the focus either, and typing is meant for it.
func (d *Desk) onCanvasRune(r rune) {
	if d.dialogOpen() {
		return
	}
	d.win.Canvas().Focus(d.search)
	d.search.TypedRune(r)
}

// onCanvasKey gives the search box's keys the same meaning when nothing has
// focus. With a dialog open they stay off the search box; Enter and Esc
// close the dialog when a click has taken the focus off its button.
func (d *Desk) onCanvasKey(ev *fyne.KeyEvent) {
	if d.dialogOpen() {
		switch ev.Name {
		case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape:
			// A slip's dialog decides what its keys do (Enter prints);
			// the others close.
			if d.shortcuts == nil && d.dialogKeys != nil {
				d.dialogKeys(ev)
			} else {
				d.hideDialogs()
			}
		}
		return
	}
	switch ev.Name {
	case fyne.KeyDown, fyne.KeyUp, fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape:
		d.search.TypedKey(ev)
	}
}

// onCopyReferral puts the referral for the listing on show on the
// clipboard. With none on show it says so and copies nothing: what is
// copied is always what staff can see. Pressed before the results of the
// last keystroke arrive, it waits for them and copies their best match,
// not the listing of a word already typed past.
func (d *Desk) onCopyReferral() {
	if d.dialogOpen() {
		return
	}
	if d.applied != d.seq {
		d.pendingCopy = true
		return
	}
	l := d.current()
	if l == nil {
		d.detail.showNotice(lang.L("Nothing to copy yet: search and pick a listing first."))
		return
	}
	d.app.Clipboard().SetContent(referralText(l, d.now()))
	d.markViewed(l)
	d.detail.showCopied()
}

func (d *Desk) onToggleStandards() {
	if d.dialogOpen() {
		return
	}
	shown := !d.standards.content.Visible()
	d.setStandardsShown(shown)
	d.prefs.SetBool(prefStandardsShown, shown)
}

// setStandardsShown shows or hides the standards panel. Before the window
// has content it only marks the widgets, so nothing is laid out twice.
func (d *Desk) setStandardsShown(shown bool) {
	if shown {
		if d.built {
			d.fillStandards()
		}
		d.standards.content.Show()
	} else {
		d.standards.content.Hide()
	}
	d.standardsButton.Text = lang.L("Show standards")
	if shown {
		d.standardsButton.Text = lang.L("Hide standards")
	}
	d.standardsItem.Checked = shown
	if !d.built {
		return
	}
	d.standardsButton.Refresh()
	d.inner.Refresh()
	d.menu.Refresh()
}

// onClosed remembers the window's size and split positions.
func (d *Desk) onClosed() {
	if d.stopClock != nil {
		close(d.stopClock)
		d.stopClock = nil
	}
	d.stopPolling()
	d.admin.editor.close()
	d.saveLayout()
}

// startClock refreshes the open/closed badges and today's hours once a
// minute, so a window left open all day stays right.
func (d *Desk) startClock() {
	if d.stopClock != nil {
		return
	}
	stop := make(chan struct{})
	d.stopClock = stop
	go func() {
		tick := time.NewTicker(time.Minute)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				d.do(d.onTick)
			}
		}
	}()
}

func (d *Desk) onTick() {
	d.results.list.Refresh()
	d.detail.refreshClock()
	d.checkAdminIdle()
}
