package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"nowrongdoor/directory"
)

// referralText is the plain-text referral staff copy for a customer to take
// away in an email, a text message or on paper: the name, any notice they
// must know first, phones, address, today's hours, what to bring and the
// website. Lines are plain, with no formatting that would not paste cleanly.
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
	switch l.Status {
	case directory.StatusTemporarilyClosed:
		line(lang.L("Please note"), lang.L("Temporarily closed."))
	case directory.StatusInactive:
		line(lang.L("Please note"), lang.L("No longer offered."))
	}
	if l.AlertActive(now) {
		line(lang.L("Please note"), l.Alert)
	}
	for _, p := range l.Phones {
		v := p.String()
		if p.Label != "" {
			v += " (" + p.Label + ")"
		}
		line(lang.L("Phone"), v)
	}
	if !l.Address.IsZero() {
		line(lang.L("Address"), l.Address.String())
	}
	if today, ok := todayHours(l, now); ok {
		line(lang.L("Hours today ({{.Day}})", map[string]any{"Day": dayName(now.In(directory.Denver).Weekday())}), today)
	} else {
		line(lang.L("Hours"), l.Hours)
	}
	line(lang.L("What to bring"), l.Documents)
	if u, ok := webURL(l.Website); ok {
		line(lang.L("Website"), u.String())
	}
	return strings.TrimSuffix(b.String(), "\n")
}
