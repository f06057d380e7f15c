package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
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
}

// buildAdminHeader makes the header and the unlock button; the window is
// built again on a change of language, and so are they.
func (d *Desk) buildAdminHeader() (bar, unlock fyne.CanvasObject) {
	h := &adminHeader{
		who:    &widget.Label{TextStyle: fyne.TextStyle{Bold: true}},
		counts: &widget.Label{},
		unlock: &widget.Button{Text: lang.L("Admin"), Icon: theme.AccountIcon(), Importance: widget.LowImportance, OnTapped: func() { d.requireAdmin(nil) }},
	}
	idle := &widget.Label{Text: lang.L("Locks itself after 15 minutes idle"), Importance: widget.LowImportance}
	h.bar = container.NewPadded(container.NewHBox(
		&widget.Icon{Resource: theme.AccountIcon()}, h.who, h.counts, idle, layout.NewSpacer(),
		&widget.Button{Text: lang.L("Edit listing"), Icon: theme.DocumentCreateIcon(), OnTapped: d.onEditShown},
		&widget.Button{Text: lang.L("Review queue"), Icon: theme.ListIcon(), OnTapped: d.onShowQueue},
		&widget.Button{Text: lang.L("Add listing"), Icon: theme.ContentAddIcon(), OnTapped: d.onAddListing},
		&widget.Button{Text: lang.L("Archived"), Icon: theme.FolderIcon(), OnTapped: d.onShowArchived},
		&widget.Button{Text: lang.L("Lock"), Icon: theme.LogoutIcon(), Importance: widget.WarningImportance, OnTapped: d.lockAdmin},
	))
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
	if !d.adminUnlocked() {
		h.bar.Hide()
		h.unlock.Hidden = d.admin.store == nil
		h.unlock.Refresh()
		return
	}
	h.unlock.Hide()
	h.who.SetText(lang.L("Admin: {{.Name}}", map[string]any{"Name": d.admin.actor}))
	h.counts.SetText(reviewCountsText(d.admin.never, d.admin.stale))
	h.bar.Show()
}

// reviewCountsText says how many listings wait for review: "12 never
// verified · 3 stale".
func reviewCountsText(never, stale int) string {
	return lang.N("{{.Count}} never verified", never, map[string]any{"Count": never}) + " · " +
		lang.N("{{.Count}} stale", stale, map[string]any{"Count": stale})
}
