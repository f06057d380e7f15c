package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
)

// detailPane shows one listing, ordered for a conversation: the name, any
// closure or alert, the copy referral button and what the place is for,
// then phones, address and today's hours, what to bring, and the rest.
type detailPane struct {
	app            fyne.App
	now            func() time.Time
	onCopyReferral func()
	// fallbacks gives the always-available referrals the welcome page
	// offers; onShow shows one of them.
	fallbacks func() []*directory.Listing
	onShow    func(*directory.Listing)

	box    *fyne.Container
	scroll *container.Scroll
	copied *widget.Label

	listing *directory.Listing
	// shownState is the open state and day the listing was drawn with, so
	// the minute clock redraws it only when they change.
	shownState string
}

func (p *detailPane) buildUI() fyne.CanvasObject {
	p.box = container.NewVBox()
	p.scroll = container.NewVScroll(container.NewPadded(p.box))
	// The welcome page is laid out once the window is up (Desk.Show):
	// wrapping its paragraphs is most of the work of opening the window.
	return p.scroll
}

// showWelcome is what the pane says before a listing is chosen: how to
// search, and the referrals that always help.
func (p *detailPane) showWelcome() {
	p.listing = nil
	p.shownState = ""
	p.box.Objects = []fyne.CanvasObject{
		&widget.Label{Text: lang.L("Find the right referral"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord},
		paragraph(lang.L("Type what the customer said in the box above, in their own words: “food stamps”, “DMV”, “ayuda con la renta”. The best match is at the top.")),
		paragraph(lang.L("Down and Up move through the results and Enter shows one. Esc clears the box and shows the categories.")),
		paragraph(lang.L("Nothing fits? Utah 211 (dial 211) helps with almost any need. For a crisis, call or text 988. For an emergency, call 911.")),
	}
	if p.fallbacks != nil {
		p.box.Add(&widget.Label{Text: lang.L("Always available"), TextStyle: fyne.TextStyle{Bold: true}})
		for _, l := range p.fallbacks() {
			text := l.Name
			if ph, ok := l.MainPhone(); ok {
				text = ph.String() + "   " + l.Name
			}
			p.box.Add(&widget.Button{Text: text, Alignment: widget.ButtonAlignLeading, Importance: widget.LowImportance, OnTapped: func() { p.onShow(l) }})
		}
	}
	p.box.Add(paragraph(lang.L("{{.Copy}} copies the referral on show, {{.Standards}} shows or hides the standards, and {{.Help}} lists every shortcut.",
		map[string]any{"Copy": shortcutText(shortcutCopyReferral), "Standards": shortcutText(shortcutStandards), "Help": shortcutText(shortcutHelp)})))
	p.box.Refresh()
	p.scroll.ScrollToTop()
}

// show draws a listing from the top.
func (p *detailPane) show(l *directory.Listing) {
	p.listing = l
	p.draw()
	p.scroll.ScrollToTop()
}

// refreshClock redraws the listing if its open state or the day changed
// since it was drawn, keeping where staff had scrolled to.
func (p *detailPane) refreshClock() {
	if p.listing == nil || p.stateKey(p.listing) == p.shownState {
		return
	}
	p.draw()
}

func (p *detailPane) stateKey(l *directory.Listing) string {
	now := p.now()
	badge, _ := openBadge(l, now)
	marker, _ := statusMarker(l, now)
	return now.In(directory.Denver).Format(time.DateOnly) + "|" + badge + "|" + marker
}

func (p *detailPane) draw() {
	l, now := p.listing, p.now()
	p.shownState = p.stateKey(l)

	objs := []fyne.CanvasObject{
		&widget.Label{Text: l.Name, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord},
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
			text += " " + lang.L("(until {{.Date}})", map[string]any{"Date": l.AlertUntil.Time().Format("Jan 2, 2006")})
		}
		objs = append(objs, newBanner(text, widget.WarningImportance))
	}

	p.copied = &widget.Label{Text: lang.L("Referral copied. Paste it into an email, a text or a document."), Wrapping: fyne.TextWrapWord, Importance: widget.SuccessImportance}
	p.copied.Hide()
	copyReferral := &widget.Button{Text: lang.L("Copy referral"), Icon: theme.ContentCopyIcon(), Importance: widget.HighImportance, OnTapped: p.onCopyReferral}
	objs = append(objs, container.NewBorder(nil, nil, copyReferral, nil, p.copied))
	if l.Description != "" {
		objs = append(objs, paragraph(l.Description))
	}

	facts := container.New(layout.NewFormLayout())
	add := func(title string, content fyne.CanvasObject) {
		facts.Add(&widget.Label{Text: title, TextStyle: fyne.TextStyle{Bold: true}})
		facts.Add(content)
	}
	if len(l.Phones) > 0 {
		rows := container.NewVBox()
		for _, ph := range l.Phones {
			rows.Add(p.phoneRow(ph))
		}
		add(lang.N("Phones", len(l.Phones)), rows)
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
	if l.StaffNotes != "" {
		add(lang.L("Staff notes"), paragraph(l.StaffNotes))
	}
	if !isBuiltin(l) {
		add(lang.L("Checked"), p.provenance(l))
	}
	objs = append(objs, facts)

	p.box.Objects = objs
	p.box.Refresh()
}

// addHours adds today's hours, highlighted with whether the place is open
// now, the week's schedule and the hours as published. Text that is not a
// weekly schedule ("By appointment") is shown as it is.
func (p *detailPane) addHours(add func(string, fyne.CanvasObject), l *directory.Listing, now time.Time) {
	today, ok := todayHours(l, now)
	if ok {
		segs := []widget.RichTextSegment{
			&widget.TextSegment{Text: dayName(now.In(directory.Denver).Weekday()) + ": " + today, Style: widget.RichTextStyleStrong},
		}
		if badge, imp := openBadge(l, now); badge != "" && badge != today {
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

		week := container.NewVBox()
		for _, s := range l.Schedules {
			if s.Label != "" {
				week.Add(&widget.Label{Text: s.Label, Wrapping: fyne.TextWrapWord})
			}
			days := container.New(layout.NewFormLayout())
			for _, g := range weekGroups(s, now.In(directory.Denver).Weekday()) {
				days.Add(&widget.Label{Text: g.days, TextStyle: fyne.TextStyle{Bold: g.today}})
				days.Add(&widget.Label{Text: g.hours, TextStyle: fyne.TextStyle{Bold: g.today}, Wrapping: fyne.TextWrapWord})
			}
			week.Add(days)
		}
		if st := l.OpenAt(now); st.Unconfirmed {
			week.Add(&widget.Label{Text: lang.L("These hours may have changed. Call to confirm before sending a customer."), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
		}
		add(lang.L("This week"), week)
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
// button.
func (p *detailPane) phoneRow(ph directory.Phone) fyne.CanvasObject {
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: ph.String(), Style: widget.RichTextStyleStrong}}
	if ph.Label != "" {
		segs = append(segs, &widget.TextSegment{Text: "   " + ph.Label, Style: widget.RichTextStyleInline})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return withActions(rt, p.copyButton(ph.String()))
}

// withActions puts buttons at the top right of a value, so the value starts
// right after its heading and wraps in the room left.
func withActions(value fyne.CanvasObject, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(buttons...)), value)
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
	box := container.NewVBox()
	switch {
	case !l.Verified():
		box.Add(&widget.Label{Text: lang.L("Not verified by staff yet. Confirm by phone if it matters."), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	default:
		text := lang.L("Verified {{.Date}}", map[string]any{"Date": l.VerifiedOn.Time().Format("Jan 2, 2006")})
		if l.VerifiedBy != "" {
			text = lang.L("Verified {{.Date}} by {{.Who}}", map[string]any{"Date": l.VerifiedOn.Time().Format("Jan 2, 2006"), "Who": l.VerifiedBy})
		}
		imp := widget.MediumImportance
		if l.Stale(p.now()) {
			text += " " + lang.L("(over a year ago; worth a re-check)")
			imp = widget.WarningImportance
		}
		box.Add(&widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Importance: imp})
	}
	if l.SourceDate != "" {
		box.Add(paragraph(lang.L("Sources read {{.Date}}", map[string]any{"Date": l.SourceDate})))
	}
	for _, s := range l.SourceURLs {
		box.Add(p.link(s))
	}
	return box
}

// showCopied confirms a copied referral until another listing is shown.
func (p *detailPane) showCopied() {
	if p.copied != nil {
		p.copied.Show()
	}
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
