package slip

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"nowrongdoor/directory"
)

// block is what a slip says about one listing, in the order a customer
// reads it, before it is laid out. Everything in it is meant for the
// customer: a phone's staff note and the listing's staff notes are never
// read into it.
type block struct {
	name, org string
	// about is the description at each cut fitting may make, longest
	// first: all of it that speaks to the customer, two sentences, one,
	// none.
	about [aboutCuts]string
	rows  []row
	// qr is what the QR code holds: the website, else the contact text;
	// "" for no code. qrCaption says what scanning it gives. qrBits is
	// the code, made once: making it is most of the work of a slip.
	qr, qrCaption string
	qrBits        [][]bool
}

// row is one line of facts beside its label: a phone, the address, a run
// of days and their hours. A row with a key has two columns inside the
// value, the key in bold (a phone number, the days) and the value beside
// it; the keys of a group line up.
type row struct {
	label string
	key   string
	value string
	group string
	bold  bool
	link  string
	// sub marks the second and later rows of a field: no space above,
	// and no label of their own.
	sub bool
	// span starts the value where the keys start: a heading over a group's
	// rows, such as the name of a schedule.
	span bool
}

// The cuts fitting may make to a description.
const (
	aboutFull = iota
	aboutShort
	aboutFirst
	aboutNone
	aboutCuts
)

// Descriptions are cut to these many characters at most, at a word.
const (
	aboutShortRunes = 280
	aboutFirstRunes = 140
)

// maxServices is how many services a slip lists for a listing with no
// description: enough to say what it is for.
const maxServices = 4

// newBlock gathers what the slip says about l, with labels in lab's
// language and today's hours as of now.
func newBlock(l *directory.Listing, lab *labels, now time.Time) block {
	b := block{name: printable(l.Name, false)}
	if !strings.EqualFold(strings.TrimSpace(l.Organization), strings.TrimSpace(l.Name)) {
		b.org = printable(l.Organization, false)
	}
	b.about[aboutFull] = directory.About(l.Description, 0, 1<<30)
	b.about[aboutShort] = clip(directory.About(l.Description, 2, aboutShortRunes), aboutShortRunes)
	b.about[aboutFirst] = clip(directory.About(l.Description, 1, aboutFirstRunes), aboutFirstRunes)
	for i := range b.about {
		b.about[i] = printable(b.about[i], false)
	}

	add := func(label, value string) {
		if value = strings.TrimSpace(value); value != "" {
			b.rows = append(b.rows, row{label: label, value: printable(value, false)})
		}
	}
	switch l.Status {
	case directory.StatusTemporarilyClosed:
		b.rows = append(b.rows, row{label: lab.pleaseNote, value: lab.tempClosed, bold: true})
	case directory.StatusInactive:
		b.rows = append(b.rows, row{label: lab.pleaseNote, value: lab.noLonger, bold: true})
	}
	if l.AlertActive(now) {
		b.rows = append(b.rows, row{label: lab.pleaseNote, value: printable(l.Alert, false), bold: true})
	}
	if b.about[aboutFull] == "" && len(l.Services) > 0 {
		add(lab.canHelp, strings.Join(l.Services[:min(len(l.Services), maxServices)], "; "))
	}
	b.rows = append(b.rows, phoneRows(l.Phones, lab)...)
	if !l.Address.IsZero() {
		add(lab.address, l.Address.String())
	}
	b.rows = append(b.rows, hoursRows(l, lab, now)...)
	add(lab.bring, l.Documents)
	add(lab.eligibility, l.Eligibility)
	add(lab.fees, l.Fees)
	add(lab.languages, strings.Join(l.Languages, ", "))
	web, webOK := webAddress(l.Website)
	if webOK {
		b.rows = append(b.rows, row{label: lab.website, value: printable(strings.TrimSpace(l.Website), false), link: web})
	}
	if e := strings.TrimSpace(l.Email); e != "" && !strings.ContainsAny(e, " \t\n") {
		b.rows = append(b.rows, row{label: lab.email, value: printable(e, false), link: "mailto:" + e})
	}

	switch contact := contactText(l); {
	case webOK:
		b.qr, b.qrCaption = web, lab.scanWebsite
	case contact != "":
		b.qr, b.qrCaption = contact, lab.scanContact
	}
	if b.qrBits = qrBitmap(b.qr); b.qrBits == nil {
		b.qr, b.qrCaption = "", ""
	}
	return b
}

// phoneRows is each phone, the number (with its extension) in bold and
// beside it the customer-facing label saying who answers; never the staff
// note about where the number came from.
func phoneRows(phones []directory.Phone, lab *labels) []row {
	label := lab.phone
	n := 0
	for _, p := range phones {
		if strings.TrimSpace(p.Number) != "" {
			n++
		}
	}
	if n > 1 {
		label = lab.phones
	}
	var rows []row
	for _, p := range phones {
		if strings.TrimSpace(p.Number) == "" {
			continue
		}
		key := printable(p.Number, false)
		if p.Ext != "" {
			key += " ext.\u00a0" + printable(p.Ext, false) // wraps as a whole, below the number
		}
		rows = append(rows, row{label: label, key: key, value: printable(p.Label, false), group: "phones", sub: len(rows) > 0})
	}
	return rows
}

// hoursRows is today's hours and the week's, from the listing's weekly
// schedules, with the published text as well when it says more than days
// and times ("Appointments required"); or the published text alone when
// it is not a weekly schedule ("By appointment").
func hoursRows(l *directory.Listing, lab *labels, now time.Time) []row {
	text := strings.TrimSpace(l.Hours)
	if len(l.Schedules) == 0 {
		if text == "" {
			return nil
		}
		return []row{{label: lab.hours, value: printable(text, false)}}
	}
	local := now.In(directory.Denver)
	today := local.Weekday()
	var rows []row
	for i, s := range l.Schedules {
		v := lab.dayText(s, today)
		if s.Label != "" {
			v = printable(s.Label, false) + ": " + v
		}
		r := row{label: lab.today, value: v, group: "hours", bold: true, sub: i > 0}
		if i == 0 {
			r.key = lab.dayName(today)
		}
		rows = append(rows, r)
	}
	first := true
	for _, s := range l.Schedules {
		if s.Label != "" {
			rows = append(rows, row{label: lab.thisWeek, value: printable(s.Label, false), group: "hours", span: true, sub: !first})
			first = false
		}
		for _, g := range lab.weekGroups(s, today) {
			rows = append(rows, row{label: lab.thisWeek, key: g.days, value: g.hours, group: "hours", bold: g.today, sub: !first})
			first = false
		}
	}
	if saysMore(text, l.Schedules) {
		rows = append(rows, row{label: lab.moreHours, value: printable(text, false)})
	}
	return rows
}

// dayGroup is a run of weekdays with the same hours: "Mon–Fri",
// "8:00am-5:00pm".
type dayGroup struct {
	days, hours string
	today       bool
}

// weekGroups writes a schedule's week from Monday, joining runs of days
// with the same hours, so a week reads in two or three lines.
func (lab *labels) weekGroups(s directory.Schedule, today time.Weekday) []dayGroup {
	hours := func(d time.Weekday) string { return lab.dayText(s, d) }
	runs := directory.WeekRuns(hours, today)
	out := make([]dayGroup, 0, len(runs))
	for _, r := range runs {
		g := dayGroup{days: capitalize(lab.dayShort[r.First]), hours: hours(r.First), today: r.Today}
		if r.Last != r.First {
			g.days += "–" + lab.dayShort[r.Last]
		}
		out = append(out, g)
	}
	if len(out) == 1 {
		out[0].days = lab.everyDay
	}
	return out
}

// minutesPerDay is a whole day of a schedule's intervals.
const minutesPerDay = 24 * 60

// dayText is one weekday's hours in the slip's language: "8:00am-5:00pm",
// "Closed", "Open 24 hours", or "Until 8:30am" for a day whose only
// opening runs on from the night before.
func (lab *labels) dayText(s directory.Schedule, day time.Weekday) string {
	ivs := s.Week[day]
	if len(ivs) == 0 {
		for _, iv := range s.Week[(day+6)%7] {
			if iv.End > minutesPerDay {
				return strings.Replace(lab.until, "%s", clock(iv.End), 1)
			}
		}
		return lab.closed
	}
	if len(ivs) == 1 && ivs[0] == (directory.Interval{Start: 0, End: minutesPerDay}) {
		return lab.open24
	}
	parts := make([]string, len(ivs))
	for i, iv := range ivs {
		parts[i] = clock(iv.Start) + "-" + clock(iv.End)
	}
	return strings.Join(parts, ", ")
}

// clock writes minutes after midnight as "8:00am", the way US listings
// and their Spanish-speaking readers in Utah write times.
func clock(m int) string {
	m = (m%minutesPerDay + minutesPerDay) % minutesPerDay
	return time.Date(2000, 1, 1, 0, m, 0, 0, time.UTC).Format("3:04pm")
}

// timeWords are the words of an hours text that only restate its days
// and times. Any other word ("appointment", "holidays", "walk-ins") is
// something the week's table does not say.
var timeWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`monday tuesday wednesday thursday friday saturday sunday
		mondays tuesdays wednesdays thursdays fridays saturdays sundays
		mon tue tues wed thu thur thurs fri sat sun m t w th f sa su
		weekday weekdays weekend weekends daily every day days week
		am pm a m p noon midnight to through thru until till and from
		open opens closed hours hour hrs hr a.m p.m year general the of on at`) {
		timeWords[w] = true
	}
}

// saysMore reports whether a published hours text says more than the
// days, times and schedule names ("Main Library") the week's table shows.
func saysMore(text string, schedules []directory.Schedule) bool {
	named := map[string]bool{}
	for _, s := range schedules {
		for _, w := range lowerWords(s.Label) {
			named[w] = true
		}
	}
	for _, w := range lowerWords(text) {
		if !timeWords[w] && !named[w] {
			return true
		}
	}
	return false
}

// lowerWords are the lower-case words of a text, without digits and
// punctuation but for the dots of "a.m.".
func lowerWords(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !('a' <= r && r <= 'z') && r < utf8.RuneSelf && r != '.'
	}) {
		if w = strings.Trim(w, "."); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// webAddress is a website as a link a phone can open, with "https://"
// put before an address entered without it ("dmv.utah.gov"). Anything
// but an http or https address on a named host is refused, so a slip
// never carries a link that opens something else.
func webAddress(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, " \t\n\r") {
		return "", false
	}
	if !strings.Contains(s, "://") {
		if strings.Contains(s, ":") {
			return "", false // "javascript:...", "mailto:..."
		}
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.Contains(u.Hostname(), ".") {
		return "", false
	}
	return s, true
}

// contactText is what a QR code holds for a listing with no website: its
// name, main phone and address, one a line, so a phone shows them to keep.
// It is "" when there is neither phone nor address: a name alone is not
// worth scanning.
func contactText(l *directory.Listing) string {
	var lines []string
	if p, ok := l.MainPhone(); ok && strings.TrimSpace(p.Number) != "" {
		lines = append(lines, p.String())
	}
	if !l.Address.IsZero() {
		lines = append(lines, l.Address.String())
	}
	if len(lines) == 0 {
		return ""
	}
	return clip(strings.TrimSpace(l.Name), maxQRName) + "\n" + strings.Join(lines, "\n")
}

// maxQRName keeps a contact code small enough to scan from paper.
const maxQRName = 120

// clip shortens text to at most n characters, at a word where it can,
// ending it with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	if i := strings.LastIndexByte(string(r), ' '); i > len(string(r))/2 {
		return strings.TrimRight(string(r)[:i], " ,;:") + "…"
	}
	return string(r) + "…"
}
