package directory

import "strings"

// diffFields are a listing's fields as the audit trail names and reads
// them, in the order the import format writes them. The schedules follow
// the hours they are read from; UpdatedAt is left out, since the store
// sets it on every write and it is the event's own time.
var diffFields = []struct {
	name string
	text func(*Listing) string
}{
	{"id", func(l *Listing) string { return l.ID }},
	{"name", func(l *Listing) string { return l.Name }},
	{"parent", func(l *Listing) string { return l.Organization }},
	{"level", func(l *Listing) string { return string(l.Level) }},
	{"description", func(l *Listing) string { return l.Description }},
	{"services", func(l *Listing) string { return lines(l.Services) }},
	{"keywords", func(l *Listing) string { return lines(l.Keywords) }},
	{"categories", func(l *Listing) string { return lines(l.Categories) }},
	{"phones", func(l *Listing) string { return phoneLines(l.Phones) }},
	{"email", func(l *Listing) string { return l.Email }},
	{"website", func(l *Listing) string { return l.Website }},
	{"address.street", func(l *Listing) string { return l.Address.Street }},
	{"address.city", func(l *Listing) string { return l.Address.City }},
	{"address.state", func(l *Listing) string { return l.Address.State }},
	{"address.zip", func(l *Listing) string { return l.Address.Zip }},
	{"hours", func(l *Listing) string { return l.Hours }},
	{"schedules", func(l *Listing) string { return scheduleLines(l.Schedules) }},
	{"eligibility", func(l *Listing) string { return l.Eligibility }},
	{"fees", func(l *Listing) string { return l.Fees }},
	{"languages", func(l *Listing) string { return lines(l.Languages) }},
	{"documents", func(l *Listing) string { return l.Documents }},
	{"source_urls", func(l *Listing) string { return lines(l.SourceURLs) }},
	{"source_date", func(l *Listing) string { return l.SourceDate }},
	{"status", func(l *Listing) string { return string(l.Status) }},
	{"alert", func(l *Listing) string { return l.Alert }},
	{"alert_until", func(l *Listing) string { return l.AlertUntil.String() }},
	{"verified_on", func(l *Listing) string { return l.VerifiedOn.String() }},
	{"verified_by", func(l *Listing) string { return l.VerifiedBy }},
	{"notes_for_staff", func(l *Listing) string { return l.StaffNotes }},
	{"archived", func(l *Listing) string { return yes(l.Archived) }},
}

// Diff returns the fields that differ between two versions of a listing,
// in a fixed order, with each value as a person reads it in a history:
// lists one entry per line, phones one per line as "Label: 801-555-1234
// ext. 2 (note)", the address part by part (address.street), schedules as
// their week ("Mon-Fri 8:00am-5:00pm"), dates as YYYY-MM-DD. UpdatedAt is
// ignored. Diff compares the listings as given: normalize both first, so
// that spaces, and schedules derived from the hours, compare alike.
func Diff(old, new Listing) []FieldChange {
	var out []FieldChange
	for _, f := range diffFields {
		if o, n := f.text(&old), f.text(&new); o != n {
			out = append(out, FieldChange{Field: f.name, Old: o, New: n})
		}
	}
	return out
}

func lines(list []string) string { return strings.Join(list, "\n") }

func yes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

// phoneLines writes phones one per line: the label, the number as staff
// read it aloud, "24/7" when the line answers at any hour and the label
// does not say so, and the staff-only note in brackets.
func phoneLines(phones []Phone) string {
	var b strings.Builder
	for i, p := range phones {
		if i > 0 {
			b.WriteByte('\n')
		}
		if p.Label != "" {
			b.WriteString(p.Label)
			b.WriteString(": ")
		}
		b.WriteString(p.String())
		if p.Open247 && !labelSaysAroundTheClock(p.Label) {
			b.WriteString(", 24/7")
		}
		if p.Note != "" {
			b.WriteString(" (")
			b.WriteString(p.Note)
			b.WriteString(")")
		}
	}
	return b.String()
}

// scheduleLines writes schedules one per line as Schedule.String does:
// "Shelter: Mon-Sat 10:00am-6:00pm (unconfirmed)".
func scheduleLines(schedules []Schedule) string {
	parts := make([]string, len(schedules))
	for i, s := range schedules {
		parts[i] = s.String()
	}
	return strings.Join(parts, "\n")
}

// FieldNames are the names of a listing's fields as the audit trail and a
// spreadsheet export give them, in the order of the import format.
func FieldNames() []string {
	names := make([]string, len(diffFields))
	for i, f := range diffFields {
		names[i] = f.name
	}
	return names
}

// FieldTexts returns the listing's fields as a person reads them, as Diff
// writes them, in the order of FieldNames.
func (l *Listing) FieldTexts() []string {
	texts := make([]string, len(diffFields))
	for i, f := range diffFields {
		texts[i] = f.text(l)
	}
	return texts
}
