package hours

import (
	"math/bits"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"nowrongdoor/directory"
)

// The parser below reads hours the way a careful person at the desk would:
// it turns text into a weekly schedule only when every part of the text it
// uses is understood. A wrong "Open now" badge sends a customer to a locked
// door, which is worse than no badge, so anything unsure (a time with no days,
// "by appointment only", "every other Saturday", "until 3pm", a bare "9-5")
// keeps the text as text.
//
// Holidays are ignored: the schedule is weekly, so "closed state and federal
// holidays" and "weekends and holidays 9am-6pm" read as their weekly part
// only. The window shows the full text beside the badge.
//
// The parser is hand-written rather than built from regular expressions
// because an import reads the hours of every listing it takes in, up to
// 100,000 of them (a statewide feed).

// Parse reads the weekly schedules stated in an hours text as published.
// Text that states no weekly hours ("By appointment only") gives none.
//
// Parts separated by ';' give one schedule each, labelled by their leading
// words ("Shelter Monday-Saturday 10am-6pm; animal control dispatch 24/7");
// an unlabelled part continues the schedule before it ("Mon-Thu 10am-8pm;
// Fri-Sat 10am-6pm; Sunday closed").
func Parse(text string) []directory.Schedule {
	// Spaces around the text mean nothing; trimming here reads a listing's
	// hours the same before and after Listing.Normalize trims them.
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	if !mayStateHours(text) {
		return nil
	}
	lower := lowerASCII(text)
	toks := lex(lower)
	sc := scratch{outside: make([]token, 0, len(toks)), items: make([]item, 0, 8)}
	scheds := parseParts(text, lower, toks, 0, &sc)
	if len(scheds) == 0 {
		return nil
	}
	if differBySource(lower) {
		if sc.rejected {
			return nil // one of the sources cannot be read, so nothing is common to all
		}
		return intersectSources(scheds)
	}
	return scheds
}

// Propose returns the schedules Parse reads from an hours text as
// published, each marked Proposed for an admin to confirm; none when the
// text states no weekly hours, which then stays only as the listing's
// hours text. Whoever takes in a listing with hours text and no schedules
// (a file import, the default directory) calls it before
// Listing.Normalize, which marks the schedules Unconfirmed when the staff
// notes doubt the hours.
func Propose(text string) []directory.Schedule {
	out := Parse(text)
	for i := range out {
		out[i].Proposed = true
	}
	return out
}

// scratch holds buffers the parts of one text reuse, so that parsing
// allocates little more than the schedules it returns.
type scratch struct {
	outside []token
	items   []item
	// rejected is set when some part of the text could not be read.
	rejected bool
}

// mayStateHours is a quick test that lets most text-only hours skip
// parsing: every weekly schedule needs a digit ("8am", "24/7") or one of the
// few words that state times without one.
func mayStateHours(text string) bool {
	for i := 0; i < len(text); i++ {
		if isDigit(text[i]) {
			return true
		}
	}
	lower := lowerASCII(text)
	for _, w := range []string{"noon", "midnight", "anytime", "any time", "clock"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// differBySource reports whether the text says its sources disagree.
func differBySource(lower string) bool {
	return strings.Contains(lower, "differ by source") || strings.Contains(lower, "sources differ") ||
		strings.Contains(lower, "sources disagree")
}

// intersectSources merges schedules taken from sources that disagree into
// one: open only when every source says open, and unconfirmed. When the
// sources disagree, the hours they share are the ones a customer can rely
// on; saying "closed" for an hour some source calls open is the safer error.
// (For the Utah Warm Line, 9am-10pm daily from the operator's own page lies
// within the 8am-11pm of an older report, so it is what the badge uses.)
// The labels name the sources, not what is open, so they are dropped.
func intersectSources(scheds []directory.Schedule) []directory.Schedule {
	common := weekSpans(&scheds[0])
	for i := 1; i < len(scheds); i++ {
		common = intersectSpans(common, weekSpans(&scheds[i]))
	}
	if len(common) == 0 {
		return nil
	}
	return []directory.Schedule{{Week: weekFromSpans(common), Unconfirmed: true}}
}

// span is a period of the week in minutes after Sunday midnight.
type span struct{ start, end int }

// weekSpans lists the periods a schedule is open as sorted, disjoint spans
// within [0, minutesPerWeek); a period running past Saturday midnight wraps
// round to Sunday morning.
func weekSpans(s *directory.Schedule) []span {
	var out []span
	for d, ivs := range s.Week {
		for _, iv := range ivs {
			a, b := d*minutesPerDay+iv.Start, d*minutesPerDay+iv.End
			if b > minutesPerWeek {
				out = append(out, span{0, b - minutesPerWeek})
				b = minutesPerWeek
			}
			out = append(out, span{a, b})
		}
	}
	return mergeSpans(out)
}

// mergeSpans sorts spans and joins those that overlap or touch, in place.
func mergeSpans(spans []span) []span {
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	out := spans[:0]
	for _, sp := range spans {
		if n := len(out); n > 0 && sp.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, sp.end)
			continue
		}
		out = append(out, sp)
	}
	return out
}

// intersectSpans returns the minutes open in both sorted span lists.
func intersectSpans(a, b []span) []span {
	var out []span
	for i, j := 0, 0; i < len(a) && j < len(b); {
		if lo, hi := max(a[i].start, b[j].start), min(a[i].end, b[j].end); lo < hi {
			out = append(out, span{lo, hi})
		}
		if a[i].end < b[j].end {
			i++
		} else {
			j++
		}
	}
	return out
}

// weekFromSpans turns sorted, disjoint week spans back into daily intervals;
// a period that starts during one day and ends during the next stays on its
// first day, the way hours are written.
func weekFromSpans(spans []span) [7][]directory.Interval {
	var week [7][]directory.Interval
	if len(spans) == 1 && spans[0] == (span{0, minutesPerWeek}) {
		for d := range week {
			week[d] = []directory.Interval{wholeDay}
		}
		return week
	}
	// Join a span that ends at Saturday midnight with one that starts at
	// Sunday midnight: they are one overnight period.
	if n := len(spans); n > 1 && spans[0].start == 0 && spans[n-1].end == minutesPerWeek {
		spans = append(spans[1:n-1:n-1], span{spans[n-1].start, minutesPerWeek + spans[0].end})
	}
	for _, sp := range spans {
		for cur := sp.start; cur < sp.end; {
			dayStart := cur / minutesPerDay * minutesPerDay
			day := dayStart / minutesPerDay % 7
			if cur > dayStart && sp.end <= dayStart+2*minutesPerDay {
				week[day] = append(week[day], directory.Interval{Start: cur - dayStart, End: sp.end - dayStart})
				break
			}
			end := min(sp.end, dayStart+minutesPerDay)
			week[day] = append(week[day], directory.Interval{Start: cur - dayStart, End: end - dayStart})
			cur = end
		}
	}
	for d := range week {
		week[d] = mergeIntervals(week[d])
	}
	return week
}

// parseParts reads the ';'-separated parts of a text (or of a
// parenthetical, at depth > 0) into schedules.
func parseParts(text, lower string, toks []token, depth int, sc *scratch) []directory.Schedule {
	var (
		builds     []building
		cur        = -1
		textDoubt  bool
		byAppt     bool
		closures   []closure
		bareClosed bool
	)
	start, level := 0, 0
	for i := 0; i <= len(toks); i++ {
		if i < len(toks) {
			switch toks[i].kind {
			case tOpen:
				level++
				continue
			case tClose:
				if level > 0 {
					level--
				}
				continue
			case tSemi:
				if level > 0 {
					continue
				}
			default:
				continue
			}
		}
		part := toks[start:i]
		start = i + 1
		if len(part) == 0 {
			continue
		}
		r := parsePart(text, lower, part, depth, sc)
		if r.bareClosed {
			bareClosed = true
		}
		switch {
		case len(r.nested) > 0:
			for _, s := range r.nested {
				b := building{label: s.Label, unconfirmed: s.Unconfirmed || r.doubt}
				for d, ivs := range s.Week {
					b.add(1<<d, ivs)
				}
				builds = append(builds, b)
			}
			cur = len(builds) - 1
		case r.rejected:
			// An unlabelled part that mentions days or times but could not
			// be read continues the schedule before it, which is then
			// incomplete: drop it rather than show a day as closed that
			// the text may say is open.
			if r.label == "" && r.mentionsHours && cur >= 0 {
				builds[cur].poisoned = true
			}
			textDoubt = textDoubt || r.sourceNote
			byAppt = byAppt || r.byAppointment && !r.mentionsHours
			sc.rejected = true
		case len(r.pairs) == 0:
			if r.closedDays != 0 || len(r.closedTimes) > 0 {
				closures = append(closures, closure{r.label, r.closedDays, r.closedTimes})
			}
			textDoubt = textDoubt || r.sourceNote
		default:
			if r.label != "" || cur < 0 {
				builds = append(builds, building{label: r.label})
				cur = len(builds) - 1
			}
			b := &builds[cur]
			var touched uint8
			for _, p := range r.pairs {
				touched |= p.days
				b.add(p.days, p.ivs)
			}
			b.close(r.closedDays)
			for _, cut := range r.closedTimes {
				b.cut(touched, cut)
			}
			b.unconfirmed = b.unconfirmed || r.doubt
		}
	}
	if bareClosed {
		// "Closed" with no day, time or holiday after it ("Closed for
		// remodel") puts every stated hour in doubt.
		return nil
	}
	// Closures stated on their own ("closed weekends", "Sunday closed")
	// apply to every schedule of the text, or to the one they name.
	// A closure naming no schedule of the text ("the office is closed
	// Wednesdays") is applied to all: closed by mistake is the safer error.
	for _, c := range closures {
		named := false
		for i := range builds {
			named = named || c.label != "" && strings.EqualFold(c.label, builds[i].label)
		}
		for i := range builds {
			if named && !strings.EqualFold(c.label, builds[i].label) {
				continue
			}
			builds[i].close(c.days)
			for _, cut := range c.times {
				builds[i].cut(everyDay, cut)
			}
		}
	}
	var out []directory.Schedule
	for i := range builds {
		b := &builds[i]
		if b.poisoned || len(b.ents) == 0 {
			continue
		}
		// "Mon-Fri 9am-5pm; by appointment only": the door is staffed but
		// not open to a walk-in customer, so the listing's own (unlabelled)
		// hours give no badge. A labelled schedule names its own service
		// ("Appointments required (Mi Consulado line: Monday-Friday ...)")
		// and stays.
		if byAppt && b.label == "" {
			continue
		}
		s := b.schedule()
		// A source note in a part with no hours of its own ("...;
		// requests after 4:30pm processed next business day (as of 2011;
		// confirm)") is about the whole text. A hedge there ("Visiting
		// generally 9am-9pm") is about that part only.
		s.Unconfirmed = s.Unconfirmed || textDoubt
		if out == nil {
			out = make([]directory.Schedule, 0, len(builds)-i)
		}
		out = append(out, s)
	}
	return out
}

// building is a schedule being read: a flat list of each day's intervals,
// turned into a Schedule once the whole text is read.
type building struct {
	label       string
	ents        []dayInterval
	unconfirmed bool
	poisoned    bool
}

type dayInterval struct {
	day int
	iv  directory.Interval
}

// add opens the schedule during each of ivs on each of days.
func (b *building) add(days uint8, ivs []directory.Interval) {
	b.ents = slices.Grow(b.ents, bits.OnesCount8(days)*len(ivs))
	for d := range 7 {
		if days&(1<<d) != 0 {
			for _, iv := range ivs {
				b.ents = append(b.ents, dayInterval{d, iv})
			}
		}
	}
}

// close closes the schedule on days.
func (b *building) close(days uint8) {
	if days == 0 {
		return
	}
	b.ents = slices.DeleteFunc(b.ents, func(e dayInterval) bool { return days&(1<<e.day) != 0 })
}

// cut removes the minutes of cut from each of days ("closed noon-1pm").
func (b *building) cut(days uint8, cut directory.Interval) {
	var out []dayInterval
	for _, e := range b.ents {
		if days&(1<<e.day) == 0 {
			out = append(out, e)
			continue
		}
		for _, iv := range subtractInterval([]directory.Interval{e.iv}, cut) {
			out = append(out, dayInterval{e.day, iv})
		}
	}
	b.ents = out
}

// schedule turns the entries into a Schedule, each day's intervals sorted
// and merged, all days sharing one backing array.
func (b *building) schedule() directory.Schedule {
	slices.SortFunc(b.ents, func(x, y dayInterval) int {
		if x.day != y.day {
			return x.day - y.day
		}
		return x.iv.Start - y.iv.Start
	})
	s := directory.Schedule{Label: b.label, Unconfirmed: b.unconfirmed}
	all := make([]directory.Interval, 0, len(b.ents))
	for i := 0; i < len(b.ents); {
		d, from := b.ents[i].day, len(all)
		for ; i < len(b.ents) && b.ents[i].day == d; i++ {
			iv := b.ents[i].iv
			if n := len(all); n > from && iv.Start <= all[n-1].End {
				all[n-1].End = max(all[n-1].End, iv.End)
				continue
			}
			all = append(all, iv)
		}
		s.Week[d] = all[from:len(all):len(all)]
	}
	// A whole day joined with a period that runs past midnight ("24/7;
	// Fri 1pm-1am") would last longer than a day: the week's minutes,
	// said again in days, are the same hours in the shape a schedule has.
	for _, ivs := range s.Week {
		for _, iv := range ivs {
			if iv.End-iv.Start > minutesPerDay {
				s.Week = weekFromSpans(weekSpans(&s))
				return s
			}
		}
	}
	return s
}

type closure struct {
	label string
	days  uint8
	times []directory.Interval
}

// pair is a set of days and the hours stated for them.
type pair struct {
	days uint8
	ivs  []directory.Interval
}

// partResult is what one ';'-separated part of the text says.
type partResult struct {
	label         string
	pairs         []pair
	closedDays    uint8
	closedTimes   []directory.Interval
	rejected      bool // the part says something about hours we cannot read surely
	mentionsHours bool // the part names a day or a time
	doubt         bool // the part doubts itself: "(as of 2020; confirm)", "typically"
	sourceNote    bool // the doubt is a note on the source, "(as of 2020; confirm)"
	byAppointment bool // "by appointment only", "appointments required", "no walk-ins"
	bareClosed    bool // "closed" with nothing to say what
	nested        []directory.Schedule
}

type itemKind uint8

const (
	itDays itemKind = iota + 1
	itTimes
	itClosed
	itExcept
)

// item is a day set, a list of hours, or a word that changes them.
type item struct {
	kind  itemKind
	days  uint8
	ivs   []directory.Interval
	daily bool // itTimes that says its own days: "24/7", "24 hours a day"
	pos   int  // byte offset in the text
	// from and to are the item's tokens, toks[from:to].
	from, to int
}

// wholeDayOnly is the hours of a day open around the clock. It is shared,
// so nothing may modify it.
var wholeDayOnly = []directory.Interval{wholeDay}

// push records an item made of tokens from..to-1.
func (p *parser) push(it item, from, to int) {
	it.pos, it.from, it.to = p.toks[from].pos, from, to
	p.items = append(p.items, it)
}

// doubtMarkers are phrases by which the text says its hours may be out of
// date or second-hand.
var doubtMarkers = []string{"confirm", "as of ", "third-party", "third party", "article", "undated",
	"covid", "unverified", "outdated"}

func parsePart(text, lower string, part []token, depth int, sc *scratch) partResult {
	var r partResult
	span := lower[part[0].pos:part[len(part)-1].end]
	for _, m := range doubtMarkers {
		if strings.Contains(span, m) {
			r.doubt, r.sourceNote = true, true
			break
		}
	}

	// Split the part into the text outside parentheses and the
	// parenthetical notes.
	outside := sc.outside[:0]
	var groups [][]token
	level, groupStart := 0, 0
	for i, tk := range part {
		switch tk.kind {
		case tOpen:
			if level == 0 {
				groupStart = i + 1
			}
			level++
			continue
		case tClose:
			if level == 0 {
				continue
			}
			if level--; level == 0 {
				groups = append(groups, part[groupStart:i])
			}
			continue
		}
		if level == 0 {
			outside = append(outside, tk)
		}
	}
	if level > 0 {
		groups = append(groups, part[groupStart:])
	}
	sc.outside = outside

	p := parser{lower: lower, toks: outside, items: sc.items[:0]}
	p.scan()
	defer func() { sc.items = p.items }()
	r.doubt = r.doubt || p.hedge
	r.byAppointment = p.byAppointment
	r.mentionsHours = p.mentionsHours()
	r.label = p.label(text, part[0].pos)
	if p.reject {
		r.rejected = true
		return r
	}
	if len(p.items) == 0 {
		// Nothing outside the parentheses: hours may be stated inside,
		// "appointments are free (Mi Consulado line: Monday-Friday ...)".
		if depth < 2 {
			for _, g := range groups {
				if len(g) == 0 || !mentionsTime(g) {
					continue
				}
				nested := parseParts(text, lower, g, depth+1, sc)
				for i := range nested {
					if nested[i].Label == "" {
						nested[i].Label = r.label
					}
				}
				r.nested = append(r.nested, nested...)
			}
		}
		return r
	}
	// A note in parentheses that states times, or closes a weekday, changes
	// the hours in a way we do not read: "(closed 3:30pm-4:00pm)",
	// "(except Wednesdays)".
	for _, g := range groups {
		if mentionsTime(g) || closesDay(lower, g) {
			r.rejected = true
			return r
		}
	}
	p.pair(&r)
	if p.reject {
		r.rejected = true
		r.pairs = nil
	}
	return r
}

// mentionsTime reports whether tokens contain a clock time, or a range of
// bare hours such as "(lunch 12-1)".
func mentionsTime(toks []token) bool {
	for i, tk := range toks {
		if tk.kind == tTime || tk.kind == tNum && tk.colon {
			return true
		}
		if tk.kind == tNum && tk.num <= 24 && i+2 < len(toks) && toks[i+1].kind == tDash &&
			toks[i+2].kind == tNum && toks[i+2].num <= 24 {
			return true
		}
	}
	return false
}

// closesDay reports whether a note closes or excepts a weekday.
func closesDay(lower string, toks []token) bool {
	closes, day := false, false
	for _, tk := range toks {
		if tk.kind != tWord {
			continue
		}
		w := lower[tk.pos:tk.end]
		switch w {
		case "closed", "except", "excluding", "no", "not":
			closes = true
		}
		if _, _, ok := dayWord(w); ok {
			day = true
		}
	}
	return closes && day
}

type parser struct {
	lower string // the lower-cased text the tokens index
	toks  []token
	items []item
	// reject is set when the part says something about hours that we do not
	// read surely; hedge when it hedges ("typically").
	reject, hedge bool
	// byAppointment is set when the reject is for appointments only.
	byAppointment bool
}

func (p *parser) word(i int) string {
	if i < len(p.toks) && p.toks[i].kind == tWord {
		return p.lower[p.toks[i].pos:p.toks[i].end]
	}
	return ""
}

func (p *parser) kind(i int) tokKind {
	if i < len(p.toks) {
		return p.toks[i].kind
	}
	return 0
}

// dayWord reads a weekday name: full, plural or abbreviated. short is set for
// the one- and two-letter forms ("M", "Th"), which count only inside a range
// or list of days ("M-F").
func dayWord(w string) (d time.Weekday, short, ok bool) {
	switch w {
	case "sunday", "sundays", "sun":
		return time.Sunday, false, true
	case "monday", "mondays", "mon":
		return time.Monday, false, true
	case "tuesday", "tuesdays", "tue", "tues":
		return time.Tuesday, false, true
	case "wednesday", "wednesdays", "wed", "weds":
		return time.Wednesday, false, true
	case "thursday", "thursdays", "thu", "thur", "thurs":
		return time.Thursday, false, true
	case "friday", "fridays", "fri":
		return time.Friday, false, true
	case "saturday", "saturdays", "sat":
		return time.Saturday, false, true
	case "m":
		return time.Monday, true, true
	case "tu":
		return time.Tuesday, true, true
	case "w":
		return time.Wednesday, true, true
	case "th":
		return time.Thursday, true, true
	case "f":
		return time.Friday, true, true
	}
	return 0, false, false
}

// dayTerm reads one element of a day list at token i: a weekday, or a word
// for several ("weekdays", "daily", "7 days a week", "on business days").
// single is the weekday when the element is one day (it may start a range),
// else -1.
func (p *parser) dayTerm(i int) (mask uint8, single int, short bool, next int, ok bool) {
	if i >= len(p.toks) {
		return 0, -1, false, i, false
	}
	tk := p.toks[i]
	if tk.kind == tNum {
		// "7 days a week", "7 days", "365 days a year", "seven days a week".
		if (tk.num == 7 || tk.num == 365) && !tk.colon && p.word(i+1) == "days" {
			j := i + 2
			if w := p.word(j); w == "a" || w == "per" || w == "each" {
				if w2 := p.word(j + 1); w2 == "week" || w2 == "year" || w2 == "wk" {
					j += 2
				}
			}
			return everyDay, -1, false, j, true
		}
		return 0, -1, false, i, false
	}
	if tk.kind != tWord {
		return 0, -1, false, i, false
	}
	w0 := p.word(i)
	switch w0 {
	case "daily", "everyday", "nightly":
		return everyDay, -1, false, i + 1, true
	case "weekdays", "weekday":
		return monToFri, -1, false, i + 1, true
	case "weekends", "weekend":
		return satAndSun, -1, false, i + 1, true
	case "business":
		if p.word(i+1) == "days" {
			return monToFri, -1, false, i + 2, true
		}
	case "seven":
		if p.word(i+1) == "days" {
			j := i + 2
			if w := p.word(j); (w == "a" || w == "per") && p.word(j+1) == "week" {
				j += 2
			}
			return everyDay, -1, false, j, true
		}
	case "all":
		if p.word(i+1) == "week" {
			return everyDay, -1, false, i + 2, true
		}
	case "every", "each":
		switch w := p.word(i + 1); w {
		case "day", "night":
			return everyDay, -1, false, i + 2, true
		case "weekday":
			return monToFri, -1, false, i + 2, true
		default:
			if d, short, ok := dayWord(w); ok && !short {
				return 1 << d, int(d), false, i + 2, true
			}
		}
	}
	if d, short, ok := dayWord(w0); ok {
		return 1 << d, int(d), short, i + 1, true
	}
	return 0, -1, false, i, false
}

// days reads a day expression at token i: "Monday-Friday", "Mon, Wed, Fri",
// "Tuesdays and Wednesdays", "Monday through Friday", "M-F", "weekdays and
// Saturday".
func (p *parser) days(i int) (mask uint8, next int, ok bool) {
	m, last, short, j, ok := p.dayTerm(i)
	if !ok {
		return 0, i, false
	}
	terms, allShort := 1, short
	for {
		// A range: "Monday-Friday", "Mon to Fri", "Monday through Friday".
		if last >= 0 {
			k := j
			if p.kind(k) == tDash || p.word(k) == "to" || p.word(k) == "through" || p.word(k) == "thru" {
				if w := p.word(k + 1); w != "" {
					if d, s, ok := dayWord(w); ok {
						for x := last; ; x = (x + 1) % 7 {
							m |= 1 << x
							if x == int(d) {
								break
							}
						}
						terms++
						allShort = allShort && s
						j, last = k+2, -1
						continue
					}
				}
			}
		}
		// A list: "Mon, Wed, Fri", "Tuesdays and Wednesdays", "Sat/Sun".
		k := j
		if p.kind(k) == tComma || p.kind(k) == tSlash || p.kind(k) == tAmp || p.word(k) == "and" {
			k++
			if p.word(k) == "and" {
				k++
			}
			if m2, l2, s2, k2, ok := p.dayTerm(k); ok {
				m |= m2
				terms++
				allShort = allShort && s2
				j, last = k2, l2
				continue
			}
		}
		break
	}
	if terms == 1 && allShort {
		// A lone "M", "W" or "F" is a letter, not a day.
		return 0, i, false
	}
	return m, j, true
}

// timeish reports whether token i can be one end of a time range.
func (p *parser) timeish(i int) bool {
	if i >= len(p.toks) {
		return false
	}
	tk := p.toks[i]
	return tk.kind == tTime || tk.kind == tNum && tk.num <= 24
}

func (p *parser) rangeSep(i int) bool {
	if p.kind(i) == tDash {
		return true
	}
	switch p.word(i) {
	case "to", "until", "till", "til", "through", "thru":
		return true
	}
	return false
}

// timeRange reads "8:00am-5:00pm", "8 am to 5 pm", "9-11am", "noon-midnight",
// "17:00-21:00". ok is false when token i does not start a range; bad is set
// when it does but cannot be read surely ("9-5", "13pm-2pm").
func (p *parser) timeRange(i int) (iv directory.Interval, next int, ok, bad bool) {
	if !p.timeish(i) || !p.rangeSep(i+1) || !p.timeish(i+2) {
		return directory.Interval{}, i, false, false
	}
	a, b := p.toks[i], p.toks[i+2]
	if a.kind == tNum && b.kind == tNum && !a.colon && !b.colon {
		// Two bare numbers: "9-5" is probably office hours, but "7-11" is
		// not sure, and "1-2" may be anything.
		return directory.Interval{}, i + 3, true, true
	}
	if a.kind == tTime && a.min < 0 || b.kind == tTime && b.min < 0 {
		return directory.Interval{}, i + 3, true, true
	}
	var start, end int
	switch {
	case a.kind == tTime && b.kind == tTime:
		start, end = a.min, b.min
	case a.kind == tTime:
		start = a.min
		var okb bool
		if end, okb = inferEnd(start, b); !okb {
			return directory.Interval{}, i + 3, true, true
		}
	case b.kind == tTime:
		end = b.min
		if b.midnight {
			end = minutesPerDay
		}
		var oka bool
		if start, oka = inferStart(a, end); !oka {
			return directory.Interval{}, i + 3, true, true
		}
	default:
		// Both h:mm without am/pm: only a clear 24-hour clock ("17:00",
		// "08:00") is read; "1:00-5:00" may mean the afternoon.
		if a.min < 0 || b.min < 0 || a.num > 24 || b.num > 24 {
			return directory.Interval{}, i + 3, true, true
		}
		clear24 := a.zero || b.zero || a.num >= 13 || b.num >= 13 || a.num == 0
		if !clear24 {
			return directory.Interval{}, i + 3, true, true
		}
		start, end = a.min, b.min
		if start == minutesPerDay {
			start = 0
		}
	}
	if end == 0 || b.midnight {
		end = minutesPerDay
	}
	if end <= start {
		end += minutesPerDay // overnight: 7:30pm-8:30am
	}
	if end-start > minutesPerDay || end-start == minutesPerDay && start != 0 {
		// Longer than a day, or a whole day starting at some odd hour.
		return directory.Interval{}, i + 3, true, true
	}
	return directory.Interval{Start: start, End: end}, i + 3, true, false
}

// inferStart reads the start of "9-11am" or "10-2pm": the number takes
// whichever of am and pm makes the shorter period.
func inferStart(a token, end int) (int, bool) { return inferHour(a, end, true) }

// inferEnd reads the end of "8am-5" the same way.
func inferEnd(start int, b token) (int, bool) { return inferHour(b, start, false) }

// inferHour reads a bare hour next to a known time: of its am and pm
// readings, the one that makes the shorter period, the hour being the
// period's start when isStart and its end otherwise.
func inferHour(t token, known int, isStart bool) (int, bool) {
	if t.kind != tNum || t.num < 1 || t.num > 12 || t.min < 0 {
		return 0, false
	}
	base := t.num%12*60 + (t.min - t.num*60)
	best, bestDur := 0, minutesPerDay+1
	for _, v := range []int{base, base + 12*60} {
		from, to := v, known
		if !isStart {
			from, to = known, v
		}
		dur := ((to-from)%minutesPerDay + minutesPerDay) % minutesPerDay
		if dur > 0 && dur < bestDur {
			best, bestDur = v, dur
		}
	}
	return best, bestDur <= minutesPerDay
}

// holidayWord reports whether a word names holidays, which a weekly schedule
// ignores.
func holidayWord(w string) bool {
	return strings.HasPrefix(w, "holiday") || w == "christmas" || w == "thanksgiving" || w == "new"
}

// riskyWords make a part's hours uncertain in ways a weekly schedule cannot
// say: a single end ("until 3pm"), recurrence other than weekly, seasons and
// dates, appointments, or vagueness.
var riskyWords = map[string]bool{
	"until": true, "till": true, "til": true, "after": true, "before": true,
	"other": true, "alternate": true, "alternating": true, "biweekly": true,
	"month": true, "months": true, "monthly": true, "once": true, "twice": true,
	"season": true, "seasonal": true, "seasonally": true, "summer": true, "winter": true,
	"spring": true, "autumn": true, "during": true, "semester": true,
	"vary": true, "varies": true, "varying": true, "variable": true,
	"sometimes": true, "occasionally": true, "some": true, "certain": true, "select": true,
	"most": true, "mostly": true, "about": true, "approximately": true, "approx": true,
	"roughly": true, "not": true, "tbd": true, "unless": true, "may": true,
	"temporarily": true, "reopen": true, "reopens": true, "reopening": true,
	"january": true, "february": true, "march": true, "april": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "jan": true, "feb": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// hedgeWords keep the hours but mark them unconfirmed.
var hedgeWords = map[string]bool{"typically": true, "generally": true, "usually": true, "normally": true}

var ordinals = map[string]bool{"first": true, "second": true, "third": true, "fourth": true, "fifth": true, "last": true}

// scan turns the part's tokens into items, or sets reject.
func (p *parser) scan() {
	t := p.toks
	for i := 0; i < len(t) && !p.reject; {
		tk := t[i]
		switch tk.kind {
		case tWord:
			if m, j, ok := p.days(i); ok {
				p.push(item{kind: itDays, days: m}, i, j)
				i = j
				continue
			}
			w := p.word(i)
			switch {
			case w == "closed":
				if p.closedHoliday(i + 1) {
					i++
					continue
				}
				p.push(item{kind: itClosed}, i, i+1)
			case w == "except" || w == "excluding":
				if p.closedHoliday(i + 1) {
					i++
					continue
				}
				p.push(item{kind: itExcept}, i, i+1)
			case w == "anytime":
				p.push(item{kind: itTimes, ivs: wholeDayOnly, daily: true}, i, i+1)
			case w == "any" && p.word(i+1) == "time":
				p.push(item{kind: itTimes, ivs: wholeDayOnly, daily: true}, i, i+2)
				i += 2
				continue
			case (w == "around" || w == "round") && p.word(i+1) == "the" && p.word(i+2) == "clock":
				p.push(item{kind: itTimes, ivs: wholeDayOnly, daily: true}, i, i+3)
				i += 3
				continue
			case w == "every" && p.word(i+1) == "other":
				p.reject = true
			case ordinals[w] && p.isDayAt(i+1):
				p.reject = true // "first Saturday", "last Friday"
			case riskyWords[w]:
				p.reject = true
			case w == "appointment" || w == "appointments":
				// "by appointment", "appointments required": the door is
				// not open to walk-ins; "appointments encouraged" is.
				switch p.word(i + 1) {
				case "only", "required", "needed", "necessary":
					p.reject, p.byAppointment = true, true
				}
				if i > 0 && p.word(i-1) == "by" {
					p.reject, p.byAppointment = true, true
				}
			case w == "no" && p.word(i+1) == "walk":
				p.reject, p.byAppointment = true, true
			case hedgeWords[w]:
				p.hedge = true
			}
			i++
		case tNum:
			// "24/7", "24x7", "24-7".
			if tk.num == 24 && !tk.colon && (p.kind(i+1) == tSlash || p.kind(i+1) == tDash || p.word(i+1) == "x") &&
				p.kind(i+2) == tNum && p.toks[i+2].num == 7 && !p.toks[i+2].colon {
				p.push(item{kind: itTimes, ivs: wholeDayOnly, daily: true}, i, i+3)
				i += 3
				continue
			}
			// "24 hours a day", "open 24 hours", "24 hours".
			if tk.num == 24 && !tk.colon {
				if w := p.word(i + 1); w == "hours" || w == "hrs" || w == "hour" {
					j := i + 2
					daily := i > 0 && p.word(i-1) == "open"
					if w2 := p.word(j); (w2 == "a" || w2 == "per" || w2 == "each") && p.word(j+1) == "day" {
						daily, j = true, j+2
					}
					p.push(item{kind: itTimes, ivs: wholeDayOnly, daily: daily}, i, j)
					i = j
					continue
				}
			}
			if m, j, ok := p.days(i); ok {
				p.push(item{kind: itDays, days: m}, i, j)
				i = j
				continue
			}
			if j, ok := p.times(i); ok {
				i = j
				continue
			}
			if tk.colon {
				p.reject = true // a lone clock time
			}
			i++
		case tTime:
			j, ok := p.times(i)
			if !ok {
				p.reject = true // "until 3:00pm", a lone time
			}
			i = j
		case tOrd:
			if p.isDayAt(i + 1) {
				p.reject = true // "1st Saturday"
			}
			i++
		default:
			i++
		}
	}
}

// times reads a list of time ranges at token i ("8am-noon, 1pm-5pm") into an
// item and returns where the list ends; ok is false when i does not start a
// range.
func (p *parser) times(i int) (next int, ok bool) {
	iv, j, ok, bad := p.timeRange(i)
	if !ok {
		return i, false
	}
	if bad {
		p.reject = true
		return j, true
	}
	ivs := []directory.Interval{iv}
	for {
		k := j
		if p.kind(k) != tComma && p.kind(k) != tAmp && p.word(k) != "and" {
			break
		}
		iv, k2, ok, bad := p.timeRange(k + 1)
		if !ok {
			break
		}
		if bad {
			p.reject = true
			return k2, true
		}
		ivs = append(ivs, iv)
		j = k2
	}
	p.push(item{kind: itTimes, ivs: ivs}, i, j)
	return j, true
}

// closedHoliday reports whether the words after "closed" or "except" name
// holidays rather than days or times.
func (p *parser) closedHoliday(i int) bool {
	for k := i; k < len(p.toks) && k < i+6; k++ {
		if p.isDayAt(k) || p.timeish(k) {
			return false
		}
		if holidayWord(p.word(k)) {
			return true
		}
	}
	return false
}

func (p *parser) isDayAt(i int) bool {
	_, _, _, _, ok := p.dayTerm(i)
	return ok
}

// mentionsHours reports whether the part names a day or a clock time.
func (p *parser) mentionsHours() bool {
	if len(p.items) > 0 {
		return true
	}
	for i, tk := range p.toks {
		if tk.kind == tTime || tk.kind == tNum && tk.colon {
			return true
		}
		if tk.kind == tWord {
			if p.isDayAt(i) {
				return true
			}
		}
	}
	return false
}

// fillerWords end a label without being part of it: "Crisis shelter open
// 24 hours", "Online filing site available ...", "Phone lines answer
// anytime".
var fillerWords = map[string]bool{
	"open": true, "opens": true, "available": true, "answer": true, "answers": true, "answered": true,
	"staffed": true, "served": true, "hours": true, "hour": true, "is": true, "are": true, "can": true,
	"be": true, "reported": true, "from": true, "on": true, "at": true, "by": true, "the": true,
	"and": true, "every": true, "each": true, "typically": true, "generally": true, "usually": true,
	"normally": true, "we": true, "we're": true,
}

// label returns the part's leading words, before its first day or time, as
// the schedule's label: "Shelter", "Main Library", "Animal control dispatch".
func (p *parser) label(text string, partStart int) string {
	end := -1
	if len(p.items) > 0 {
		end = p.items[0].pos
	} else {
		for i, tk := range p.toks {
			if tk.kind == tTime || tk.kind == tNum || tk.kind == tWord && p.isDayAt(i) {
				end = tk.pos
				break
			}
		}
	}
	if end < 0 {
		if len(p.toks) == 0 {
			return ""
		}
		end = p.toks[len(p.toks)-1].end
	}
	if end < partStart {
		return ""
	}
	l := text[partStart:end]
	for {
		l = strings.TrimRight(l, " \t\r\n:,-–—(")
		i := strings.LastIndexAny(l, " \t") + 1
		if i >= len(l) || !fillerWords[strings.ToLower(l[i:])] {
			break
		}
		l = l[:i]
	}
	l = strings.TrimLeft(l, " \t\r\n:,-–—)")
	if l == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(l)
	if u := unicode.ToUpper(r); u != r {
		return string(u) + l[n:]
	}
	return l
}

// connectorWords may stand between two pairs of days and hours of the same
// subject: "Mon-Fri 9am-5pm and Sat 10am-1pm".
var connectorWords = map[string]bool{"and": true, "also": true, "plus": true, "then": true, "from": true,
	"on": true, "open": true, "opens": true, "to": true}

// newSubject reports whether the tokens from..to-1 between two pairs hold
// words that name something new.
func (p *parser) newSubject(from, to int) bool {
	for k := from; k < to; k++ {
		if w := p.word(k); w != "" && !connectorWords[w] && !holidayWord(w) {
			return true
		}
	}
	return false
}

// pair matches days with their hours: "Mon-Fri 9am-5pm", "7am-7pm on
// business days", "Sunday closed", "daily except Sunday 9am-5pm".
func (p *parser) pair(r *partResult) {
	its := p.items
	pairedTo := -1 // token index after the last pair
	newPair := func(days uint8, ivs []directory.Interval, first, last item) {
		if pairedTo >= 0 && p.newSubject(pairedTo, min(first.from, last.from)) {
			// "Office Mon-Fri 9am-5pm, phone line 24/7": the second pair
			// is about something else. Unsure which: keep the text.
			p.reject = true
			return
		}
		r.pairs = append(r.pairs, pair{days, ivs})
		pairedTo = max(first.to, last.to)
	}
	for i := 0; i < len(its) && !p.reject; {
		it := its[i]
		next := func(k int) itemKind {
			if i+k < len(its) {
				return its[i+k].kind
			}
			return 0
		}
		switch it.kind {
		case itDays:
			switch {
			case next(1) == itExcept && next(2) == itDays:
				its[i+2].days = it.days &^ its[i+2].days
				i += 2
			case next(1) == itTimes:
				newPair(it.days, its[i+1].ivs, it, its[i+1])
				i += 2
			case next(1) == itClosed:
				r.closedDays |= it.days
				i += 2
			default:
				p.reject = true // days with no hours: "Open 7 days a week"
			}
		case itTimes:
			switch {
			case next(1) == itDays:
				newPair(its[i+1].days, it.ivs, it, its[i+1])
				i += 2
			case it.daily:
				newPair(everyDay, it.ivs, it, it)
				i++
			default:
				p.reject = true // hours with no days: "8:30am-6:00pm"
			}
		case itClosed, itExcept:
			switch {
			case next(1) == itDays:
				r.closedDays |= its[i+1].days
				i += 2
			case next(1) == itTimes && it.kind == itClosed:
				r.closedTimes = append(r.closedTimes, its[i+1].ivs...)
				i += 2
			default:
				p.reject = true
				if it.kind == itClosed {
					r.bareClosed = true
				}
			}
		}
	}
}
