package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// adminHeader is the bar above the search box while admin mode is
// unlocked: who is the admin, how many listings wait for review, and the
// admin's actions. Locked, only the small unlock button beside the search
// box shows.
type adminHeader struct {
	bar    *fyne.Container
	who    *widget.Label
	counts *widget.Label
	// unlock is the small button beside the search box.
	unlock *widget.Button
	// relayout lays out again the bars around the header and the button
	// once either is shown or hidden.
	relayout func()
}

// buildAdminHeader makes the header and the unlock button; the window is
// built again on a change of language, and so are they.
func (d *Desk) buildAdminHeader() (bar, unlock fyne.CanvasObject) {
	h := &adminHeader{
		who:    &widget.Label{TextStyle: fyne.TextStyle{Bold: true}},
		counts: &widget.Label{SizeName: theme.SizeNameCaptionText},
		unlock: &widget.Button{Text: lang.L("Admin"), Icon: theme.AccountIcon(), Importance: widget.LowImportance, OnTapped: func() { d.requireAdmin(nil) }},
	}
	// The note gives way first when the window is narrow.
	idle := &widget.Label{Text: lang.L("Locks itself after 15 minutes idle"), Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
	h.bar = container.NewPadded(container.NewBorder(nil, nil,
		// The name above the counts keeps the bar narrow enough for a
		// 1024-pixel screen in Spanish.
		container.NewHBox(&widget.Icon{Resource: theme.AccountIcon()}, container.New(tightRows{}, h.who, h.counts)),
		container.NewCenter(container.NewHBox(
			&widget.Button{Text: lang.L("Edit listing"), Icon: theme.DocumentCreateIcon(), OnTapped: d.onEditShown},
			&widget.Button{Text: lang.L("Review queue"), Icon: theme.ListIcon(), OnTapped: d.onShowQueue},
			&widget.Button{Text: lang.L("Add listing"), Icon: theme.ContentAddIcon(), OnTapped: d.onAddListing},
			&widget.Button{Text: lang.L("Archived"), Icon: theme.FolderIcon(), OnTapped: d.onShowArchived},
			&widget.Button{Text: lang.L("Lock"), Icon: theme.LogoutIcon(), Importance: widget.WarningImportance, OnTapped: d.lockAdmin})),
		idle))
	// Both start hidden, as a locked desk with no store yet shows them:
	// laying out a bar no one sees measured every button's text, a
	// quarter of the time the window took to show.
	h.bar.Hide()
	h.unlock.Hide()
	d.admin.header = h
	h.update(d)
	return h.bar, h.unlock
}

// update shows the header while admin mode is unlocked, with the admin's
// name and the review counts, and the unlock button while it is locked.
func (h *adminHeader) update(d *Desk) {
	if h == nil {
		return
	}
	unlocked := d.adminUnlocked()
	if unlocked {
		h.who.SetText(lang.L("Admin: {{.Name}}", map[string]any{"Name": d.admin.actor}))
		h.counts.SetText(reviewCountsText(d.admin.never, d.admin.stale))
	}
	if h.bar.Visible() == unlocked && h.unlock.Visible() == (!unlocked && d.admin.store != nil) {
		if unlocked {
			h.bar.Refresh() // the counts may have grown
		}
		return
	}
	h.bar.Hidden = !unlocked
	h.unlock.Hidden = unlocked || d.admin.store == nil
	if h.relayout != nil {
		h.relayout()
	}
	h.bar.Refresh()
	h.unlock.Refresh()
}

// relayout lays containers out again, in order, without redrawing what
// they hold: a bar whose parts were shown or hidden makes room for them.
func relayout(cs ...*fyne.Container) {
	for _, c := range cs {
		if c.Layout != nil {
			c.Layout.Layout(c.Objects, c.Size())
		}
	}
}

// reviewCountsText says how many listings wait for review: "12 never
// verified · 3 stale".
func reviewCountsText(never, stale int) string {
	return lang.N("{{.Count}} never verified", never, map[string]any{"Count": never}) + " · " +
		lang.N("{{.Count}} stale", stale, map[string]any{"Count": stale})
}
