package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"

	"nowrongdoor/directory"
	"nowrongdoor/directory/adminauth"
)

// AdminStore is what admin mode needs of the store: the editor, the admin
// password's state, and what the desk shows and polls. Its methods are
// called off the Fyne goroutine and must be safe for concurrent use.
type AdminStore interface {
	directory.Editor
	adminauth.Store
	// ReviewCounts is how many listings on the desk were never verified,
	// and how many were verified longer ago than directory.StaleAfter.
	ReviewCounts(ctx context.Context) (never, stale int, err error)
	// ChangeCount rises with every committed write by any process, so a
	// desk can tell that another desk saved something.
	ChangeCount(ctx context.Context) (int64, error)
	// Directory returns the directory on the desk (the listings not
	// archived) as it is now, ready to search, after a change.
	Directory(ctx context.Context) (Directory, error)
}

const (
	// prefAdminName is the name the admin last unlocked with at this desk,
	// offered again next time. The password is never kept.
	prefAdminName = "admin.name"
	// adminIdleLock is how long admin mode stays unlocked without admin
	// work, so a desk left unlocked does not stay open to anyone.
	adminIdleLock = 15 * time.Minute
)

// The admin keys, on menu items so they work while the search box has
// the focus.
var (
	shortcutAdmin = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutEdit  = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
)

// adminMode is admin mode's state in the desk: the store, who unlocked
// it, the review counts and the admin windows and dialogs open now.
type adminMode struct {
	store AdminStore
	gate  *adminauth.Gate
	// actor is the admin's name while admin mode is unlocked, "" while it
	// is locked.
	actor string
	// lastActive is when the admin last did admin work; after
	// adminIdleLock without any, admin mode locks itself.
	lastActive time.Time
	// never and stale are the review counts the header shows.
	never, stale int

	header   *adminHeader
	unlock   *unlockDialog
	editor   *listingEditor
	queue    *reviewQueue
	archived *archivedList
	// item is the Admin menu's first item: unlock, or lock.
	item *fyne.MenuItem

	// exchange is Import, Export and Restore (exchange.go); fileItems
	// are their Admin menu items, and files the dialog of one open now.
	exchange  Exchange
	fileItems []*fyne.MenuItem
	files     *fileDialog
	// pick, when set, answers the questions for a path instead of Fyne's
	// choosers: tests set it.
	pick func(pathPick)

	// mark is the change count of the directory on show; reloads for an
	// older count are dropped.
	mark changeMark
	// stopPoll ends the poll for other desks' changes.
	stopPoll chan struct{}
}

// SetAdmin gives the desk the store admin mode works on, and starts
// watching it for changes other desks save. nil leaves admin mode
// unavailable: its menu item says why. Call it on the Fyne goroutine.
func (d *Desk) SetAdmin(s AdminStore) {
	d.stopPolling()
	d.lockAdmin()
	d.admin.store = s
	d.admin.gate = nil
	if s != nil {
		d.admin.gate = &adminauth.Gate{Store: s, Now: d.timeNow}
	}
	d.admin.mark.reset()
	d.updateAdminItem()
	// Import, Export and Restore are available only with a store.
	d.SetExchange(d.admin.exchange)
	if s != nil && d.stopClock != nil { // the window is up: watch now
		d.startPolling()
	}
}

// adminUnlocked reports whether admin mode is unlocked.
func (d *Desk) adminUnlocked() bool { return d.admin.actor != "" && d.admin.store != nil }

// adminMenu is the Admin menu: unlock or lock, and what an unlocked admin
// can do.
func (d *Desk) adminMenu() *fyne.Menu {
	d.admin.item = &fyne.MenuItem{Shortcut: shortcutAdmin, Action: d.onAdminItem}
	d.updateAdminItem()
	d.admin.fileItems = d.fileMenuItems()
	return fyne.NewMenu(lang.L("Admin"), append([]*fyne.MenuItem{
		d.admin.item,
		&fyne.MenuItem{Label: lang.L("Edit the listing on show"), Shortcut: shortcutEdit, Action: d.onEditShown},
		&fyne.MenuItem{Label: lang.L("Add a listing…"), Action: d.onAddListing},
		&fyne.MenuItem{Label: lang.L("Review queue…"), Action: d.onShowQueue},
		&fyne.MenuItem{Label: lang.L("Archived listings…"), Action: d.onShowArchived},
		fyne.NewMenuItemSeparator(),
	}, d.admin.fileItems...)...)
}

// updateAdminItem words the Admin menu's first item for the state admin
// mode is in.
func (d *Desk) updateAdminItem() {
	it := d.admin.item
	if it == nil {
		return
	}
	it.Disabled = false
	switch {
	case d.admin.store == nil:
		it.Label = lang.L("Admin mode (needs the directory's database)")
		it.Disabled = true
	case d.adminUnlocked():
		it.Label = lang.L("Lock admin mode")
	default:
		it.Label = lang.L("Admin mode…")
	}
	if d.menu != nil && d.built {
		d.menu.Refresh()
	}
}

// onAdminItem unlocks admin mode, or locks it when it is unlocked.
func (d *Desk) onAdminItem() {
	if d.adminUnlocked() {
		d.lockAdmin()
		return
	}
	d.requireAdmin(nil)
}

// requireAdmin runs then at once when admin mode is unlocked, and
// otherwise asks for the password first and runs it after (then may be
// nil). With no store it does nothing.
func (d *Desk) requireAdmin(then func()) {
	if d.admin.store == nil {
		return
	}
	if d.adminUnlocked() {
		d.touchAdmin()
		if then != nil {
			then()
		}
		return
	}
	if d.dialogOpen() {
		return
	}
	d.showUnlock(then)
}

// unlocked makes actor the admin, shows the header and remembers the name
// for next time.
func (d *Desk) unlocked(actor string) {
	d.admin.actor = actor
	d.prefs.SetString(prefAdminName, actor)
	d.touchAdmin()
	d.updateAdminItem()
	d.admin.header.update(d)
	d.refreshCounts()
}

// lockAdmin locks admin mode: the header goes, and the admin's windows
// and dialogs close. An editor with changes not saved loses them: a desk
// left unlocked must not keep an admin's half-made change for anyone.
func (d *Desk) lockAdmin() {
	if d.admin.actor == "" {
		return
	}
	d.admin.actor = ""
	if e := d.admin.editor; e != nil {
		e.close()
	}
	if d.admin.queue != nil || d.admin.archived != nil || d.admin.files != nil {
		d.hideDialogs()
	}
	d.updateAdminItem()
	d.admin.header.update(d)
}

// touchAdmin notes admin work now, putting off the idle lock.
func (d *Desk) touchAdmin() { d.admin.lastActive = d.timeNow() }

// checkAdminIdle locks admin mode after adminIdleLock without admin work,
// and says so. The minute clock calls it.
func (d *Desk) checkAdminIdle() {
	if !d.adminUnlocked() || d.timeNow().Sub(d.admin.lastActive) < adminIdleLock {
		return
	}
	d.lockAdmin()
	d.detail.showNotice(lang.L("Admin mode locked itself after 15 minutes without admin work."))
}

// refreshCounts fetches the review counts off the Fyne goroutine and shows
// them in the header. A store busy now is asked again at the next change.
func (d *Desk) refreshCounts() {
	s := d.admin.store
	if s == nil {
		return
	}
	go func() {
		never, stale, err := s.ReviewCounts(context.Background())
		if err != nil {
			return
		}
		d.do(func() { d.setCounts(never, stale) })
	}()
}

// setCounts shows the review counts in the header and the queue.
func (d *Desk) setCounts(never, stale int) {
	d.admin.never, d.admin.stale = never, stale
	d.admin.header.update(d)
}

// onEditShown opens the listing on show in the editor, asking for the
// admin password first when admin mode is locked.
func (d *Desk) onEditShown() {
	if d.admin.store == nil || d.dialogOpen() {
		return
	}
	l := d.current()
	if l == nil {
		d.detail.showNotice(lang.L("Nothing to edit yet: search and pick a listing first."))
		return
	}
	id := l.ID
	d.requireAdmin(func() { d.openEditor(id) })
}

// onAddListing opens the editor on a new, empty listing.
func (d *Desk) onAddListing() {
	if d.admin.store == nil || d.dialogOpen() {
		return
	}
	d.requireAdmin(func() { d.openNewEditor() })
}
