package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"nowrongdoor/directory"
)

// referralText is the plain-text referral staff copy for a customer to take
// away in an email, a text message or on paper: the name and organization,
// any notice they must know first, what the place is for, phones with
// their customer-facing labels, address, the week's hours, what to bring
// and the website, then a reminder to call first and who gave the referral
// when. Staff-only notes (a phone's Note, the listing's StaffNotes) never
// go in. Lines are plain, with no formatting that would not paste cleanly.
func referralText(l *directory.Listing, now time.Time) string {
	var b strings.Builder
	line := func(label, value string) {
		if value = strings.TrimSpace(value); value == "" {
			return
		}
		if label != "" {
			b.WriteString(label)
			b.WriteString(": ")
		}
		b.WriteString(value)
		b.WriteString("\n")
	}
	line("", l.Name)
	if !strings.EqualFold(l.Organization, l.Name) {
		line("", l.Organization)
	}
	switch l.Status {
	case directory.StatusTemporarilyClosed:
		line(lang.L("Please note"), lang.L("Temporarily closed."))
	case directory.StatusInactive:
		line(lang.L("Please note"), lang.L("No longer offered."))
	}
	if l.AlertActive(now) {
		line(lang.L("Please note"), l.Alert)
	}
	if about := shortDescription(l.Description); about != "" {
		line("", about)
	} else if len(l.Services) > 0 {
		line(lang.L("Can help with"), strings.Join(l.Services[:min(len(l.Services), maxReferralServices)], "; "))
	}
	for _, p := range l.Phones {
		line(lang.L("Phone"), referralPhone(p))
	}
	if !l.Address.IsZero() {
		line(lang.L("Address"), l.Address.String())
	}
	hours := referralHours(l, now)
	for _, h := range hours {
		line(h[0], h[1])
	}
	line(lang.L("What to bring"), l.Documents)
	if u, ok := webURL(l.Website); ok {
		line(lang.L("Website"), u.String())
	}

	b.WriteString("\n")
	switch {
	case len(hours) > 0 && len(l.Phones) > 0:
		line("", lang.L("Hours can change: call first."))
	case len(hours) > 0:
		line("", lang.L("Hours can change."))
	}
	line("", lang.L("Referred {{.Date}} by the Salt Lake County Library", map[string]any{"Date": longDate(now.In(directory.Denver))}))
	return strings.TrimSuffix(b.String(), "\n")
}

// referralPhone is a phone with its customer-facing label, never its
// staff note: "385-468-7300 (Passports)", or "801-840-4000, Animal control
// dispatch (24/7)" when the label has brackets of its own.
func referralPhone(p directory.Phone) string {
	switch {
	case p.Label == "":
		return p.String()
	case strings.ContainsAny(p.Label, "()"):
		return p.String() + ", " + p.Label
	}
	return p.String() + " (" + p.Label + ")"
}

// maxReferralServices is how many services a referral lists when the
// listing has no description: enough to say what it is for.
const maxReferralServices = 4

// referralHours is the week's hours as label and value lines, grouped the
// way the detail pane shows them ("Mon–Fri 8:00am-5:00pm; Sat–Sun
// Closed"), one line per schedule and labelled when there are several; or
// the hours as published when they are not a weekly schedule.
func referralHours(l *directory.Listing, now time.Time) [][2]string {
	if len(l.Schedules) == 0 {
		if l.Hours == "" {
			return nil
		}
		return [][2]string{{lang.L("Hours"), l.Hours}}
	}
	today := now.In(directory.Denver).Weekday()
	var out [][2]string
	for _, s := range l.Schedules {
		week := lang.L("Open 24 hours, 7 days a week")
		if !s.AlwaysOpen() {
			var groups []string
			for _, g := range weekGroups(s, today) {
				groups = append(groups, g.days+" "+g.hours)
			}
			week = strings.Join(groups, "; ")
		}
		label := lang.L("Hours")
		if s.Label != "" {
			label = lang.L("Hours ({{.Label}})", map[string]any{"Label": s.Label})
		}
		out = append(out, [2]string{label, week})
	}
	return out
}

// Descriptions run to a few sentences, the later ones often telling staff
// whom to send ("Refer couples who want to get married"). A referral keeps
// the first one or two that tell the customer what the place does.
const (
	referralSentences    = 2
	referralAboutMaxRune = 280
)

// shortDescription is the start of a description for a referral: its first
// sentences, up to referralSentences and, past the first, up to
// referralAboutMaxRune characters, leaving out sentences addressed to staff.
func shortDescription(desc string) string {
	return directory.About(desc, referralSentences, referralAboutMaxRune)
}
