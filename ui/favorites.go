package ui

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
)

// Preference keys for the listings this desk keeps at hand. They hold
// listing ids and nothing else: never what was typed, and nothing about a
// customer. Ids are not patron data, and a lost or half-written list only
// costs staff a shortcut, so Fyne's preferences are a fit place for them.
const (
	prefPinned = "desk.pinned"
	prefRecent = "desk.recent"
)

const (
	// maxRecent is how many recently viewed listings the start page offers:
	// the few a clerk comes back to within a shift.
	maxRecent = 8
	// maxBack is how many listings Alt+Left can step back through.
	maxBack = 50
	// viewedAfter is how long a listing must stay on show to count as
	// viewed. The best match changes with every keystroke, and Down and Up
	// pass over listings; only one staff stop to read (or act on) counts.
	viewedAfter = 3 * time.Second
)

// history is what the desk remembers of the listings it showed: the way
// back for Alt+Left, in memory only, and the listing on show since when,
// so it can be counted as viewed once staff have read it.
type history struct {
	back []string
	// shownID is the listing on show not yet counted as viewed, since
	// shownAt; "" when there is none.
	shownID string
	shownAt time.Time
}

// The star of a listing's Pin button: hollow until the listing is pinned.
var (
	starOutline = fyne.NewStaticResource("star-outline.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"><path d="M22 9.24l-7.19-.62L12 2 9.19 8.63 2 9.24l5.46 4.73L5.82 21 12 17.27 18.18 21l-1.63-7.03L22 9.24zM12 15.4l-3.76 2.27 1-4.28-3.32-2.88 4.38-.38L12 6.1l1.71 4.04 4.38.38-3.32 2.88 1 4.28L12 15.4z"/></svg>`))
	starFilled  = fyne.NewStaticResource("star.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"><path d="M12 17.27L18.18 21l-1.64-7.03L22 9.24l-7.19-.61L12 2 9.19 8.63 2 9.24l5.46 4.73L5.82 21z"/></svg>`))
)

// pinIcon is the Pin button's star: hollow in the text colour, or filled
// in the primary colour for a pinned listing.
func pinIcon(pinned bool) fyne.Resource {
	if pinned {
		return theme.NewPrimaryThemedResource(starFilled)
	}
	return theme.NewThemedResource(starOutline)
}

// pinText is the Pin button's label: what a tap does.
func pinText(pinned bool) string {
	if pinned {
		return lang.L("Unpin")
	}
	return lang.L("Pin")
}

// pinnedIDs is the listings pinned at this desk, in the order they were
// pinned.
func (d *Desk) pinnedIDs() []string {
	return d.prefs.StringList(prefPinned)
}

func (d *Desk) isPinned(id string) bool {
	return slices.Contains(d.pinnedIDs(), id)
}

// onTogglePin pins the listing on show, or unpins it. A pinned listing is
// on the start page until it is unpinned.
func (d *Desk) onTogglePin() {
	if d.dialogOpen() || d.waitForResults(d.onTogglePin) {
		return
	}
	l := d.current()
	if l == nil {
		d.detail.showNotice(lang.L("Nothing to pin yet: search and pick a listing first."))
		return
	}
	ids := d.pinnedIDs()
	pinned := !slices.Contains(ids, l.ID)
	if pinned {
		ids = append(ids, l.ID)
	} else {
		ids = slices.DeleteFunc(ids, func(id string) bool { return id == l.ID })
	}
	d.prefs.SetStringList(prefPinned, ids)
	d.markViewed(l)
	d.detail.setPinned(pinned)
	if d.onStartPage() {
		d.listCategories()
		d.results.markShown(l.ID)
	}
}

// onStartPage reports whether the results show the start page: the box
// is empty and no category is open.
func (d *Desk) onStartPage() bool {
	return d.applied == d.seq && d.search.Text == "" && d.category == "" && d.notice == ""
}

// noteShown is told of every listing the middle pane shows. The one
// shown before is counted as viewed if it stayed on show long enough.
func (d *Desk) noteShown(l *directory.Listing) {
	if l.ID == d.history.shownID {
		return
	}
	d.settleShown()
	d.history.shownID, d.history.shownAt = l.ID, d.now()
}

// settleShown counts the listing on show as viewed if it has been on show
// long enough, and stops timing it.
func (d *Desk) settleShown() {
	id, since := d.history.shownID, d.history.shownAt
	d.history.shownID = ""
	if id == "" || d.now().Sub(since) < viewedAfter {
		return
	}
	if l, ok := d.listingByID(id); ok {
		d.markViewed(l)
	}
}

// markViewed counts a listing as viewed: staff read it, or acted on it
// (copied, emailed or pinned it). It goes on the way back and first in
// the recently viewed. The window's own stand-ins for 911 and the like
// are always on the welcome page and are not kept.
func (d *Desk) markViewed(l *directory.Listing) {
	if n := len(d.history.back); n == 0 || d.history.back[n-1] != l.ID {
		d.history.back = append(d.history.back, l.ID)
		if len(d.history.back) > maxBack {
			d.history.back = slices.Delete(d.history.back, 0, len(d.history.back)-maxBack)
		}
	}
	if isBuiltin(l) {
		return
	}
	recent := d.prefs.StringList(prefRecent)
	if len(recent) > 0 && recent[0] == l.ID {
		return
	}
	recent = slices.DeleteFunc(recent, func(id string) bool { return id == l.ID })
	recent = append([]string{l.ID}, recent...)
	d.prefs.SetStringList(prefRecent, recent[:min(len(recent), maxRecent)])
}

// listingByID finds a listing in the directory, or among the window's
// stand-ins for the always-available referrals.
func (d *Desk) listingByID(id string) (*directory.Listing, bool) {
	if l, ok := d.dir.Listing(id); ok {
		return l, true
	}
	for _, l := range fallbackListings(d.dir) {
		if l.ID == id {
			return l, true
		}
	}
	return nil, false
}

// onBack shows the listing shown before the one on show (Alt+Left), the
// way a browser's Back button does, and highlights it when the results
// have it. The search box is left as it is.
func (d *Desk) onBack() {
	if d.dialogOpen() {
		return
	}
	shown := d.current()
	d.settleShown()
	for n := len(d.history.back); n > 0; n = len(d.history.back) {
		id := d.history.back[n-1]
		l, ok := d.listingByID(id)
		if !ok || shown != nil && id == shown.ID {
			d.history.back = d.history.back[:n-1]
			continue
		}
		// It stays last on the way back: Alt+Left again steps past it.
		d.showListing(l)
		return
	}
	d.detail.showNotice(lang.L("No earlier listing to go back to."))
}

// startItems is what the start page lists above the categories: the
// listings pinned at this desk, then those recently viewed here, each
// group under a heading row. heading is the first group's name, for the
// heading above the list. With neither, it is just the categories.
func (d *Desk) startItems() (heading string, items []resultItem) {
	d.settleShown()
	var pinned, recent []resultItem
	pinnedIDs := d.pinnedIDs()
	for _, id := range pinnedIDs {
		if l, ok := d.dir.Listing(id); ok {
			pinned = append(pinned, resultItem{listing: l})
		}
	}
	for _, id := range d.prefs.StringList(prefRecent) {
		if slices.Contains(pinnedIDs, id) {
			continue // already above
		}
		if l, ok := d.dir.Listing(id); ok {
			recent = append(recent, resultItem{listing: l})
		}
	}
	categories := lang.L("Browse by category")
	switch {
	case len(pinned) == 0 && len(recent) == 0:
		return categories, nil
	case len(pinned) == 0:
		heading = lang.L("Recently viewed")
	default:
		heading = lang.L("Pinned")
		items = pinned
		if len(recent) > 0 {
			items = append(items, resultItem{heading: lang.L("Recently viewed"), note: lang.L("At this desk, newest first")})
		}
	}
	items = append(items, recent...)
	if len(d.categories) > 0 {
		items = append(items, resultItem{heading: categories,
			note: lang.N("{{.Count}} category", len(d.categories), map[string]any{"Count": len(d.categories)})})
	}
	return heading, items
}

// withPin puts the Pin button at the top right of a listing's name, where
// staff look for it, the name wrapping in the room left.
func (p *detailPane) withPin(name fyne.CanvasObject) fyne.CanvasObject {
	pinned := p.pinned != nil && p.pinned(p.listing.ID)
	p.pin = &widget.Button{Text: pinText(pinned), Icon: pinIcon(pinned), Importance: widget.LowImportance, OnTapped: p.onPin}
	return container.NewBorder(nil, nil, nil, container.NewVBox(p.pin), name)
}

// setPinned shows on the Pin button whether the listing on show is pinned.
func (p *detailPane) setPinned(pinned bool) {
	if p.pin == nil {
		return
	}
	p.pin.SetText(pinText(pinned))
	p.pin.SetIcon(pinIcon(pinned))
}
