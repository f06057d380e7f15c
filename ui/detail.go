package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
	"nowrongdoor/directory/search"
)

// paneKind is what the detail pane has on show.
type paneKind uint8

const (
	paneEmpty    paneKind = iota // nothing yet: the window has just opened
	paneWelcome                  // how to search, and the referrals that always help
	paneCategory                 // a category, highlighted or open
	paneListing                  // one listing
)

// detailPane shows what the results have highlighted: one listing, ordered
// for a conversation (the name, any closure or alert, the copy referral
// button and what the place is for, then phones, address and today's
// hours, what to bring, and the rest), a category, or the welcome page.
type detailPane struct {
	app            fyne.App
	now            func() time.Time
	onCopyReferral func()
	// onPrintSlip and onAddToSlip are the slip's actions; slipCount is
	// how many listings staff have added to the slip, and inSlip whether
	// a listing is one of them.
	onPrintSlip func()
	onAddToSlip func()
	slipCount   func() int
	inSlip      func(id string) bool
	// fallbacks gives the always-available referrals the welcome page
	// offers; onShow shows one of them.
	fallbacks func() []*directory.Listing
	onShow    func(*directory.Listing)
	// onEmail opens an email with the referral; onPin pins or unpins the
	// listing on show, and pinned says whether a listing is pinned.
	onEmail func()
	onPin   func()
	pinned  func(id string) bool

	box    *fyne.Container
	scroll *container.Scroll
	// copied confirms what the listing's buttons did: a referral copied,
	// the listing added to the slip.
	copied *widget.Label
	pin    *widget.Button
	// printSlip and addToSlip are the listing's slip buttons, relabelled
	// as listings are added to the slip; buttons is their row.
	printSlip, addToSlip *widget.Button
	buttons              *fyne.Container
	// notice says above the pane why a key did nothing, such as copy with
	// no listing on show; whatever is shown next takes it away. noticeBox
	// pads it, and is hidden with it so it takes no room.
	notice    *banner
	noticeBox *fyne.Container

	kind     paneKind
	category string
	listing  *directory.Listing
	// shownState is the open state and day the listing was drawn with, so
	// the minute clock redraws it only when they change.
	shownState string
}

func (p *detailPane) buildUI() fyne.CanvasObject {
	p.box = container.New(&reflowLayout{})
	p.scroll = container.NewVScroll(container.NewPadded(p.box))
	p.notice = newBanner("", widget.WarningImportance)
	p.noticeBox = container.NewPadded(p.notice)
	p.noticeBox.Hide()
	// The welcome page is laid out once the window is up (Desk.Show):
	// wrapping its paragraphs is most of the work of opening the window.
	return container.NewBorder(p.noticeBox, nil, nil, nil, p.scroll)
}

// showNotice says above the pane why a key did nothing, until the pane
// shows something else.
func (p *detailPane) showNotice(text string) {
	p.notify(text, widget.WarningImportance)
}

func (p *detailPane) notify(text string, imp widget.Importance) {
	p.notice.Text, p.notice.Importance = text, imp
	p.notice.Refresh()
	p.noticeBox.Show()
}

// showDone confirms something done: under the listing's buttons when a
// listing is on show, else above the pane.
func (p *detailPane) showDone(text string) {
	if p.kind != paneListing || p.copied == nil {
		p.notify(text, widget.SuccessImportance)
		return
	}
	p.hideNotice()
	p.copied.SetText(text)
	p.copied.Show()
}

func (p *detailPane) hideNotice() {
	if p.noticeBox.Visible() {
		p.noticeBox.Hide()
	}
}

// showWelcome is what the pane says before a listing is chosen: how to
// search, and the referrals that always help.
func (p *detailPane) showWelcome() {
	p.hideNotice()
	p.kind, p.category, p.listing = paneWelcome, "", nil
	p.shownState = ""
	p.box.Objects = []fyne.CanvasObject{
		&widget.Label{Text: lang.L("Find the right referral"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord},
		paragraph(lang.L("Type what the customer said in the box above, in their own words: “food stamps”, “DMV”, “ayuda con la renta”. The best match is at the top.")),
		paragraph(lang.L("The best match shows here as you type; Down and Up show the others. Esc clears the box and comes back here.")),
		paragraph(lang.L("Nothing fits? Utah 211 (dial 211) helps with almost any need. For a crisis, call or text 988. For an emergency, call 911.")),
	}
	if p.fallbacks != nil {
		p.box.Objects = append(p.box.Objects, &widget.Label{Text: lang.L("Always available"), TextStyle: fyne.TextStyle{Bold: true}})
		for _, l := range p.fallbacks() {
			text := l.Name
			if ph, ok := l.MainPhone(); ok {
				text = ph.String() + "   " + l.Name
			}
			p.box.Objects = append(p.box.Objects, &widget.Button{Text: text, Alignment: widget.ButtonAlignLeading, Importance: widget.LowImportance, OnTapped: func() { p.onShow(l) }})
		}
	}
	p.box.Objects = append(p.box.Objects, paragraph(lang.L("{{.Copy}} copies the referral on show, {{.Standards}} shows or hides the standards, and {{.Help}} lists every shortcut.",
		map[string]any{"Copy": shortcutText(shortcutCopyReferral), "Standards": shortcutText(shortcutStandards), "Help": shortcutText(shortcutHelp)})))
	p.relayout()
	p.scroll.ScrollToTop()
}

// showCategory is the page for a category the results have highlighted,
// or opened when open is set: its name, its size and the keys that go on
// from it. It offers nothing to copy.
func (p *detailPane) showCategory(c search.CategoryCount, open bool) {
	p.hideNotice()
	p.kind, p.category, p.listing = paneCategory, c.Name, nil
	p.shownState = ""
	hint := lang.L("Enter opens this category. Down and Up move through the categories.")
	if open {
		hint = lang.L("Down and Up show each listing in this category. Esc goes back to all categories.")
	}
	p.box.Objects = []fyne.CanvasObject{
		&widget.Label{Text: c.Name, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord},
		paragraph(lang.N("{{.Count}} listing", c.Count, map[string]any{"Count": c.Count})),
		paragraph(hint),
	}
	p.relayout()
	p.scroll.ScrollToTop()
}

// show draws a listing from the top. The listing already on show is left
// as it is, scrolled where staff left it: results are applied on every
// keystroke, and the top result often stays the same while a word is
// typed.
func (p *detailPane) show(l *directory.Listing) {
	if p.kind == paneListing && p.listing == l {
		return
	}
	p.kind, p.category, p.listing = paneListing, "", l
	p.draw()
	p.scroll.ScrollToTop()
}

// redraw draws the listing on show again, as after an edit.
func (p *detailPane) redraw(l *directory.Listing) {
	p.kind, p.category, p.listing = paneListing, "", l
	p.draw()
}

// refreshClock redraws the listing if its open state or the day changed
// since it was drawn, keeping where staff had scrolled to.
func (p *detailPane) refreshClock() {
	if p.kind != paneListing || p.stateKey(p.listing) == p.shownState {
		return
	}
	copied := p.copied != nil && p.copied.Visible()
	done := ""
	if copied {
		done = p.copied.Text
	}
	p.draw()
	if copied {
		p.copied.SetText(done)
		p.copied.Show()
	}
}

func (p *detailPane) stateKey(l *directory.Listing) string {
	now := p.now()
	badge, _ := openBadge(l, now)
	marker, _ := statusMarker(l, now)
	return now.In(directory.Denver).Format(time.DateOnly) + "|" + badge + "|" + marker
}

func (p *detailPane) draw() {
	p.hideNotice()
	l, now := p.listing, p.now()
	p.shownState = p.stateKey(l)

	objs := []fyne.CanvasObject{
		p.withPin(&widget.Label{Text: l.Name, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord}),
	}
	if sub := joinNonEmpty(" · ", l.Organization, levelName(l.Level)); sub != "" {
		objs = append(objs, &widget.Label{Text: sub, Wrapping: fyne.TextWrapWord})
	}
	switch l.Status {
	case directory.StatusTemporarilyClosed:
		objs = append(objs, newBanner(lang.L("Temporarily closed. Check the alert or call before sending a customer."), widget.DangerImportance))
	case directory.StatusInactive:
		objs = append(objs, newBanner(lang.L("No longer offered. Look for another referral."), widget.DangerImportance))
	}
	if l.AlertActive(now) {
		text := l.Alert
		if !l.AlertUntil.IsZero() {
			text += " " + lang.L("(until {{.Date}})", map[string]any{"Date": longDate(l.AlertUntil.Time())})
		}
		objs = append(objs, newBanner(text, widget.WarningImportance))
	}

	p.copied = &widget.Label{Text: lang.L("Referral copied. Paste it into an email, a text or a document."), Wrapping: fyne.TextWrapWord, Importance: widget.SuccessImportance}
	p.copied.Hide()
	copyReferral := &widget.Button{Text: lang.L("Copy referral"), Icon: theme.ContentCopyIcon(), Importance: widget.HighImportance, OnTapped: p.onCopyReferral}
	p.printSlip = &widget.Button{Icon: theme.DocumentPrintIcon(), OnTapped: p.onPrintSlip}
	p.addToSlip = &widget.Button{Icon: theme.ContentAddIcon(), Importance: widget.LowImportance, OnTapped: p.onAddToSlip}
	p.labelSlipButtons()
	// The referral as text on one row, the slip on the next: four buttons
	// in a row would widen the pane past what a 1024-pixel screen leaves
	// it. The confirmation goes below them, where it has room to wrap.
	p.buttons = container.NewHBox(p.printSlip, p.addToSlip)
	objs = append(objs, container.NewVBox(container.NewHBox(copyReferral, p.emailButton()), p.buttons, p.copied))
	if l.Description != "" {
		objs = append(objs, paragraph(l.Description))
	}

	// Each container is made with all its objects: Container.Add lays out
	// everything it holds again, which for a form of wrapped text costs
	// more than the rest of the keystroke.
	var facts []fyne.CanvasObject
	add := func(title string, content fyne.CanvasObject) {
		facts = append(facts, &widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}}, content)
	}
	// Staff notes say which of the facts below to confirm before sharing
	// them, so they come first, where a 768-pixel screen shows them.
	if l.StaffNotes != "" {
		add(lang.L("For staff"), newStaffNote(l.StaffNotes))
	}
	if len(l.Phones) > 0 {
		rows := make([]fyne.CanvasObject, len(l.Phones))
		for i, ph := range l.Phones {
			rows[i] = p.phoneRow(ph)
		}
		add(lang.N("Phones", len(l.Phones)), container.NewVBox(rows...))
	}
	if !l.Address.IsZero() {
		addr := l.Address.String()
		mapButton := &widget.Button{Text: lang.L("Map"), Icon: theme.SearchIcon(), Importance: widget.LowImportance, OnTapped: func() { p.openURL(mapURL(l.Address).String()) }}
		add(lang.L("Address"), withActions(paragraph(addr), p.copyButton(addr), mapButton))
	}
	p.addHours(add, l, now)
	if l.Documents != "" {
		add(lang.L("What to bring"), paragraph(l.Documents))
	}
	if len(l.Services) > 0 {
		add(lang.L("Refer for"), paragraph("• "+strings.Join(l.Services, "\n• ")))
	}
	if l.Eligibility != "" {
		add(lang.L("Eligibility"), paragraph(l.Eligibility))
	}
	if l.Fees != "" {
		add(lang.L("Fees"), paragraph(l.Fees))
	}
	if len(l.Languages) > 0 {
		add(lang.L("Languages"), paragraph(strings.Join(l.Languages, ", ")))
	}
	if l.Website != "" {
		add(lang.L("Website"), p.link(l.Website))
	}
	if l.Email != "" {
		add(lang.L("Email"), withActions(paragraph(l.Email), p.copyButton(l.Email)))
	}
	if !isBuiltin(l) {
		add(lang.L("Checked"), p.provenance(l))
	}
	objs = append(objs, container.New(layout.NewFormLayout(), facts...))

	p.box.Objects = objs
	p.relayout()
}

// addHours adds today's hours, highlighted with whether the place is open
// now, the week's schedule and the hours as published. Text that is not a
// weekly schedule ("By appointment") is shown as it is.
func (p *detailPane) addHours(add func(string, fyne.CanvasObject), l *directory.Listing, now time.Time) {
	today, ok := todayHours(l, now)
	// A phone that answers around the clock is worth saying while the
	// office is closed, or when it keeps no hours at all.
	lineOpen := phoneLineOpen(l, l.OpenAt(now))
	if !ok && lineOpen {
		add(lang.L("Today"), &widget.Label{Text: lang.L("Phone line open 24/7"), TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.SuccessImportance})
	}
	if ok {
		segs := []widget.RichTextSegment{
			&widget.TextSegment{Text: dayName(now.In(directory.Denver).Weekday()) + ": " + today, Style: widget.RichTextStyleStrong},
		}
		badge, imp := openBadge(l, now)
		if lineOpen {
			badge = lang.L("Phone line open 24/7")
		}
		if badge != "" && badge != today {
			style := widget.RichTextStyleInline
			style.TextStyle.Bold = true
			switch imp {
			case widget.SuccessImportance:
				style.ColorName = theme.ColorNameSuccess
			case widget.WarningImportance:
				style.ColorName = theme.ColorNameWarning
			}
			segs = append(segs, &widget.TextSegment{Text: "  ·  " + badge, Style: style})
		}
		rt := widget.NewRichText(segs...)
		rt.Wrapping = fyne.TextWrapWord
		add(lang.L("Today"), rt)

		week := []fyne.CanvasObject{weekTable(l, now.In(directory.Denver).Weekday())}
		if st := l.OpenAt(now); st.Unconfirmed {
			week = append(week, &widget.Label{Text: lang.L("These hours may have changed. Call to confirm before sending a customer."), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
		}
		add(lang.L("This week"), container.NewVBox(week...))
	}
	if l.Hours != "" {
		title := lang.L("Hours")
		if ok {
			title = lang.L("As published")
		}
		add(title, paragraph(l.Hours))
	}
}

// phoneRow is one phone: the number in bold, who answers, and a copy
// button, with the staff-only note about the number in small text below.
func (p *detailPane) phoneRow(ph directory.Phone) fyne.CanvasObject {
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: ph.String(), Style: widget.RichTextStyleStrong}}
	if ph.Label != "" {
		segs = append(segs, &widget.TextSegment{Text: "   " + ph.Label, Style: widget.RichTextStyleInline})
	}
	if ph.Note != "" {
		// A segment that is not inline ends its line, so the note starts
		// below the number.
		segs[len(segs)-1].(*widget.TextSegment).Style.Inline = false
		segs = append(segs, staffNoteSegments(ph.Note)...)
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return withActions(rt, p.copyButton(ph.String()))
}

// withActions puts buttons at the top right of a value, so the value starts
// right after its heading and wraps in the room left; in a pane too narrow
// for that, as on a 1024-pixel screen, they go below it (actionsLayout).
func withActions(value fyne.CanvasObject, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&actionsLayout{}, value, container.NewHBox(buttons...))
}

// actionsLayout lays out a value and its buttons: the buttons at the top
// right while the value beside them wraps into at most one line more than
// it would at full width, and otherwise below it, so an address is not
// squeezed into a column of one or two words a line beside Copy and Map.
type actionsLayout struct {
	// below is where the last layout put the buttons.
	below bool
}

func (l *actionsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) != 2 {
		return
	}
	value, buttons := objs[0], objs[1]
	b := buttons.MinSize()
	pad := theme.Padding()
	beside := size.Width - b.Width - pad
	heightAt := func(width float32) float32 {
		value.Resize(fyne.NewSize(width, value.MinSize().Height))
		return value.MinSize().Height
	}
	// Most values take a line or two beside the buttons, and cannot take
	// fewer at full width than one; only a longer one is measured again.
	line := fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{}).Height
	l.below = beside <= 0
	if !l.below {
		squeezed := heightAt(beside)
		if squeezed > 2.5*line+2*theme.InnerPadding() { // three lines or more
			l.below = squeezed-heightAt(size.Width) >= 2*line
		}
	}
	if l.below {
		h := heightAt(size.Width)
		value.Move(fyne.NewPos(0, 0))
		value.Resize(fyne.NewSize(size.Width, h))
		buttons.Move(fyne.NewPos(0, h))
		buttons.Resize(b)
		return
	}
	value.Move(fyne.NewPos(0, 0))
	value.Resize(fyne.NewSize(beside, max(value.MinSize().Height, size.Height)))
	buttons.Move(fyne.NewPos(size.Width-b.Width, 0))
	buttons.Resize(b)
}

// MinSize is the value with the buttons where the last layout put them.
func (l *actionsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) != 2 {
		return fyne.Size{}
	}
	v, b := objs[0].MinSize(), objs[1].MinSize()
	if l.below {
		return fyne.NewSize(max(v.Width, b.Width), v.Height+b.Height)
	}
	return fyne.NewSize(v.Width+theme.Padding()+b.Width, max(v.Height, b.Height))
}

// copyButton copies text to the clipboard and says so on itself.
func (p *detailPane) copyButton(text string) *widget.Button {
	b := &widget.Button{Text: lang.L("Copy"), Icon: theme.ContentCopyIcon(), Importance: widget.LowImportance}
	b.OnTapped = func() {
		p.app.Clipboard().SetContent(text)
		b.SetText(lang.L("Copied"))
		b.SetIcon(theme.ConfirmIcon())
	}
	return b
}

// link is a website or source address: a link when it is http or https,
// plain text otherwise, so a bad entry cannot open another program.
func (p *detailPane) link(addr string) fyne.CanvasObject {
	u, ok := webURL(addr)
	if !ok {
		return paragraph(addr)
	}
	h := &widget.Hyperlink{Text: addr, URL: u, Wrapping: fyne.TextWrapBreak}
	h.OnTapped = func() { p.openURL(u.String()) }
	h.ExtendBaseWidget(h)
	return h
}

func (p *detailPane) openURL(addr string) {
	u, ok := webURL(addr)
	if !ok {
		return
	}
	if err := p.app.OpenURL(u); err != nil {
		fyne.LogError("open "+u.String(), err)
	}
}

// provenance says who checked the listing and when, and where it comes
// from, so staff can judge how far to trust it.
func (p *detailPane) provenance(l *directory.Listing) fyne.CanvasObject {
	var box []fyne.CanvasObject
	switch {
	case !l.Verified():
		box = append(box, &widget.Label{Text: lang.L("Not verified by staff yet. Confirm by phone if it matters."), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	default:
		text := lang.L("Verified {{.Date}}", map[string]any{"Date": longDate(l.VerifiedOn.Time())})
		if l.VerifiedBy != "" {
			text = lang.L("Verified {{.Date}} by {{.Who}}", map[string]any{"Date": longDate(l.VerifiedOn.Time()), "Who": l.VerifiedBy})
		}
		imp := widget.MediumImportance
		if l.Stale(p.now()) {
			text += " " + lang.L("(over a year ago; worth a re-check)")
			imp = widget.WarningImportance
		}
		box = append(box, &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Importance: imp})
	}
	if l.SourceDate != "" {
		box = append(box, paragraph(lang.L("Sources read {{.Date}}", map[string]any{"Date": l.SourceDate})))
	}
	for _, s := range l.SourceURLs {
		box = append(box, p.link(s))
	}
	return container.NewVBox(box...)
}

// hideDone takes away a confirmation that no longer holds.
func (p *detailPane) hideDone() {
	p.hideNotice()
	if p.copied != nil && p.copied.Visible() {
		p.copied.Hide()
	}
}

// labelSlipButtons says on the slip buttons what they will do: "Print
// slip (2)" with listings added, "Take off slip" for a listing on it.
func (p *detailPane) labelSlipButtons() {
	n := 0
	if p.slipCount != nil {
		n = p.slipCount()
	}
	p.printSlip.Text = printSlipLabel(n)
	p.addToSlip.Text, p.addToSlip.Icon = lang.L("Add to slip"), theme.ContentAddIcon()
	if p.inSlip != nil && p.listing != nil && p.inSlip(p.listing.ID) {
		p.addToSlip.Text, p.addToSlip.Icon = lang.L("Take off slip"), theme.ContentRemoveIcon()
	}
}

// refreshSlipButtons relabels the slip buttons of the listing on show.
func (p *detailPane) refreshSlipButtons() {
	if p.kind != paneListing || p.printSlip == nil {
		return
	}
	p.labelSlipButtons()
	p.buttons.Refresh() // lays the row out again at the buttons' new widths
}

// showCopied confirms a copied referral. The label belongs to the listing
// drawn with it, so it goes when the pane shows anything else.
func (p *detailPane) showCopied() {
	p.hideNotice()
	if p.kind == paneListing && p.copied != nil {
		p.copied.SetText(lang.L("Referral copied. Paste it into an email, a text or a document."))
		p.copied.Show()
	}
}

// relayout lays out the pane's new objects and has them drawn. It is
// Container.Refresh without refreshing each object: they are all new, so
// they have nothing to catch up on, and refreshing a wrapped label wraps
// its text again, which made drawing a new listing a third slower.
func (p *detailPane) relayout() {
	p.box.Layout.Layout(p.box.Objects, p.box.Size())
	canvas.Refresh(p.box)
}

// paragraph is wrapped body text.
func paragraph(text string) *widget.Label {
	return &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, s := range parts {
		if s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, sep)
}
