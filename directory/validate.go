package directory

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The length limits of a listing's texts, in characters. They are far above
// anything the default data holds and stop a pasted document (a 10 MB
// description froze the window for minutes) before it reaches the store.
const (
	// MaxIDLength is the longest listing id. Ids appear in URLs and
	// exports, so they stay short.
	MaxIDLength = 100
	// MaxNameLength bounds one-line texts: name, parent, the address's
	// street and city, verified_by, and the coded fields (level, status,
	// state, zip, source_date), which other rules check more closely.
	MaxNameLength = 200
	// MaxTextLength bounds the texts that may run to paragraphs:
	// description, hours, eligibility, fees, documents, alert and
	// notes_for_staff.
	MaxTextLength = 4000
	// MaxItemLength bounds one entry of services, keywords, categories or
	// languages, and a phone's label, number, ext and note.
	MaxItemLength = 300
	// MaxURLLength bounds the website and each source URL; longer links do
	// not survive being copied between programs.
	MaxURLLength = 2000
	// MaxEmailLength is the longest email text: an address (at most 254
	// characters by RFC 5321) and the short note the default data puts
	// after some.
	MaxEmailLength = 320
	// MaxListLength bounds how many entries each list (services,
	// keywords, categories, languages, source_urls, phones) holds.
	MaxListLength = 100
)

// ServiceNumbers are the three-digit numbers a listing's phone may be:
// 211 (community services), 311 (city services), 511 (road
// conditions), 711 (relay for deaf callers), 811 (call before you dig),
// 911 and 988 (suicide and crisis). The importer accepted 511 and 811
// before these rules were written down, so files that use them still
// import.
var ServiceNumbers = []string{"211", "311", "511", "711", "811", "911", "988"}

// usStates maps the two-letter codes of the US states, the District of
// Columbia and the inhabited territories to their names, which messages use
// to suggest a code. Military (AA, AE, AP) and freely associated state codes
// are left out: no referral is to an address there.
var usStates = map[string]string{
	"AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
	"CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
	"HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
	"KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
	"MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri",
	"MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
	"NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio",
	"OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
	"SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
	"VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
	"DC": "District of Columbia", "AS": "American Samoa", "GU": "Guam",
	"MP": "Northern Mariana Islands", "PR": "Puerto Rico", "VI": "U.S. Virgin Islands",
}

var (
	// North American numbers as the default data writes them,
	// 385-468-7300 and 1-800-662-4545: an area code and an exchange that
	// start with 2-9 (the North American Numbering Plan), then four digits.
	phonePattern = regexp.MustCompile(`^(1-)?[2-9][0-9]{2}-[2-9][0-9]{2}-[0-9]{4}$|^(` + strings.Join(ServiceNumbers, "|") + `)$`)
	extPattern   = regexp.MustCompile(`^[0-9]{1,6}$`)
	// The address form browsers accept in an email field (WHATWG), with a
	// top-level domain of letters required: an address on a bare host name
	// is a typo in a directory.
	emailPattern = regexp.MustCompile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}$")
	zipPattern   = regexp.MustCompile(`^[0-9]{5}(-[0-9]{4})?$`)
	// source_date records when a source was published, as precisely as it
	// says: 2024, 2024-06 or 2024-06-24.
	sourceDatePattern = regexp.MustCompile(`^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$`)
)

// Validate reports everything wrong with a normalized listing (see
// Normalize) that Normalize cannot fix: the rules are the same for an
// import and for an edit in the window. Each problem names its field by its
// path in the import format ("phones[1].number", or "" for the listing as a
// whole) and says how to fix it. Index is left 0 for the caller to set.
//
// now is the instant verified_on may not be later than, in America/Denver;
// it is a parameter so that tests are deterministic.
func (l *Listing) Validate(now time.Time) []Problem {
	v := validator{l: l}
	v.texts()
	v.rules(now)
	return v.ps
}

// validator collects the problems of one listing.
type validator struct {
	l  *Listing
	ps []Problem
	// bad holds the fields with a text problem (too long, a forbidden
	// character). Their other rules are skipped: one problem a field is
	// enough, and quoting a 10 MB value in a message helps no one.
	bad map[string]bool
}

func (v *validator) add(field, format string, args ...any) {
	if v.bad[field] {
		return
	}
	v.ps = append(v.ps, Problem{ID: v.l.ID, Field: field, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) addText(field, format string, args ...any) {
	v.add(field, format, args...)
	if v.bad == nil {
		v.bad = map[string]bool{}
	}
	v.bad[field] = true
}

// rules checks what each field means. It runs after texts.
func (v *validator) rules(now time.Time) {
	l := v.l
	switch {
	case l.ID == "":
		v.add("id", "id is empty; give the listing a unique id of lower-case letters, digits and dashes, like %q", suggestID(l.Name))
	case !validID(l.ID):
		v.add("id", "id %q may use only lower-case letters, digits and single dashes between them; use %q", shorten(l.ID), suggestID(l.ID))
	}
	if l.Name == "" {
		v.add("name", "name is empty; give the listing a name")
	}
	switch {
	case l.Level == "":
		v.add("level", "level is empty; set it to one of %s", joinNames(Levels))
	case !slices.Contains(Levels, l.Level):
		v.add("level", "level %q is not one of %s", shorten(string(l.Level)), joinNames(Levels))
	}
	if !slices.Contains(Statuses, l.Status) {
		v.add("status", "status %q is not one of %s", shorten(string(l.Status)), joinNames(Statuses))
	}
	if !l.reachable() {
		v.add("", "the listing has no phone, website, email or address; add at least one so staff can tell the customer how to reach the agency")
	}
	v.phones()
	v.schedules()
	v.email()
	if l.Website != "" {
		if why := webURLProblem(l.Website); why != "" {
			v.add("website", "website %q %s", shorten(l.Website), why)
		}
	}
	for i, u := range l.SourceURLs {
		if v.bad["source_urls"] {
			break // too many to check one by one
		}
		if why := webURLProblem(u); why != "" {
			field := fmt.Sprintf("source_urls[%d]", i)
			v.add(field, "%s %q %s", field, shorten(u), why)
		}
	}
	if l.SourceDate != "" && !sourceDatePattern.MatchString(l.SourceDate) {
		v.add("source_date", "source_date %q should be YYYY, YYYY-MM or YYYY-MM-DD", shorten(l.SourceDate))
	}
	v.address()
	if today := DateOf(now); today.Before(l.VerifiedOn) {
		v.add("verified_on", "verified_on %s is in the future; give the day a person last checked the listing, today (%s) or earlier", l.VerifiedOn, today)
	}
}

// reachable reports whether staff can tell a customer how to reach the
// listing: a phone number, a website, an email or an address (a street or
// a city). A source URL counts when there is none of those, so staff can
// look the way up there: three default listings (an app, a food pantry and
// a mobile clinic known from news articles) have nothing else yet, and
// the default data must load as it is.
func (l *Listing) reachable() bool {
	for _, p := range l.Phones {
		if p.Number != "" {
			return true
		}
	}
	return l.Website != "" || l.Email != "" || !l.Address.IsZero() || len(l.SourceURLs) > 0
}

func (v *validator) phones() {
	if v.bad["phones"] {
		return // too many to check one by one
	}
	for i, p := range v.l.Phones {
		noNumber, badNumber := p.Number == "", p.Number != "" && !phonePattern.MatchString(p.Number)
		badExt := p.Ext != "" && !extPattern.MatchString(p.Ext)
		if !noNumber && !badNumber && !badExt {
			continue // named only for a problem: this runs for every phone of an import
		}
		field := fmt.Sprintf("phones[%d]", i)
		what := field
		if p.Label != "" {
			what = fmt.Sprintf("%s (%q)", field, shorten(p.Label))
		}
		switch {
		case noNumber:
			v.add(field+".number", "%s has no number; add it or remove the phone", what)
		case badNumber:
			v.add(field+".number", "%s number %q %s", what, shorten(p.Number), phoneAdvice(p.Number))
		}
		if badExt {
			v.add(field+".ext", "%s ext %q should be the extension's digits only, like \"1234\"", what, shorten(p.Ext))
		}
	}
}

// phoneAdvice says what is wrong with a phone number phonePattern refuses,
// suggesting the fixed number when the digits make it plain.
func phoneAdvice(number string) string {
	lower := strings.ToLower(number)
	if strings.Contains(lower, "ext") || strings.Contains(lower, "x") {
		return "has an extension in it; put the extension in \"ext\""
	}
	var digits []byte
	letters := false
	for _, r := range number {
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, byte(r))
		case unicode.IsLetter(r):
			letters = true
		}
	}
	d := string(digits)
	switch {
	case letters && d != "":
		return "has letters in it; write the number in digits only (the letters' keys on a phone pad), like 1-800-662-4545"
	case len(d) == 0:
		return "is not a phone number; write it like 385-468-7300, 1-800-662-4545 or 211"
	case len(d) == 11 && d[0] == '1':
		if why := nanpProblem(d[1:]); why != "" {
			return why
		}
		return fmt.Sprintf("is not written like 1-800-662-4545; write %q", "1-"+dashed(d[1:]))
	case len(d) == 10:
		if why := nanpProblem(d); why != "" {
			return why
		}
		return fmt.Sprintf("is not written like 385-468-7300; write %q", dashed(d))
	case len(d) == 3:
		return fmt.Sprintf("is not a three-digit number in service here; those are %s", strings.Join(ServiceNumbers, ", "))
	case len(d) == 7:
		return "has no area code; a phone number has 10 digits, as 801-555-1234"
	}
	return fmt.Sprintf("has %d digits; a phone number has 10, as 801-555-1234, or 11 with a leading 1, as 1-800-662-4545", len(d))
}

// nanpProblem explains why ten digits are not a North American number, or
// returns "" when they are one.
func nanpProblem(d string) string {
	switch {
	case d[0] < '2':
		return fmt.Sprintf("has the area code %s, and no area code starts with 0 or 1; check the number", d[:3])
	case d[3] < '2':
		return fmt.Sprintf("has the exchange %s (the middle three digits), and no exchange starts with 0 or 1; check the number", d[3:6])
	}
	return ""
}

// dashed writes ten digits as 385-468-7300.
func dashed(d string) string { return d[:3] + "-" + d[3:6] + "-" + d[6:] }

func (v *validator) email() {
	e := v.l.Email
	if e == "" {
		return
	}
	// The first word must be an address; a note may follow it, as in
	// "discrimination@utah.gov (fair housing: fh@utah.gov)".
	first, _, _ := strings.Cut(e, " ")
	switch {
	case strings.HasPrefix(strings.ToLower(first), "mailto:"):
		v.add("email", "email %q starts with mailto:; write the address alone, like name@example.org", shorten(e))
	case len(first) > 254:
		v.add("email", "email starts with an address longer than 254 characters, longer than any address can be; check it")
	case !emailPattern.MatchString(first):
		v.add("email", "email %q does not start with an address like name@example.org", shorten(e))
	}
}

// webURLProblem says why s is not a link the window may open, or returns
// "" when it is one: an absolute http or https URL with a host and no
// user name, which phishing links use to disguise their host
// ("https://slco.org@evil.example/").
func webURLProblem(s string) string {
	const advice = "; write it in full, like https://example.org/page"
	u, err := url.Parse(s)
	switch {
	case err != nil || u.Hostname() == "" || hasSpace(s):
		return "is not a web address" + advice
	case u.Scheme != "http" && u.Scheme != "https":
		return "is not a web address (only http and https links open)" + advice
	case u.User != nil:
		return "has a user name before @, which can disguise where a link goes; remove it, like https://example.org/page"
	}
	return ""
}

// hasSpace reports whether s holds white space, decoding only non-ASCII
// bytes: it runs for every link of an import.
func hasSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < utf8.RuneSelf {
			if b <= ' ' {
				return true
			}
		} else if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
			return true
		}
	}
	return false
}

func (v *validator) address() {
	a := v.l.Address
	if st := a.State; st != "" && usStates[st] == "" {
		upper := strings.ToUpper(st)
		code := ""
		if usStates[upper] != "" {
			code = upper
		}
		for c, name := range usStates {
			if strings.EqualFold(strings.TrimSuffix(st, "."), name) {
				code = c
			}
		}
		if code != "" {
			v.add("address.state", "address.state %q should be the two capital letters of the state's code: %q", shorten(st), code)
		} else {
			v.add("address.state", "address.state %q is not the code of a US state or territory; write its two letters, like UT", shorten(st))
		}
	}
	if z := a.Zip; z != "" && !zipPattern.MatchString(z) {
		var digits strings.Builder
		for _, r := range z {
			if r >= '0' && r <= '9' {
				digits.WriteRune(r)
			}
		}
		if d := digits.String(); len(d) == 9 && len(z) <= 11 {
			v.add("address.zip", "address.zip %q is not written like 84111-2904; write %q", shorten(z), d[:5]+"-"+d[5:])
		} else {
			v.add("address.zip", "address.zip %q is not a ZIP code; write its 5 digits, like 84111, or ZIP+4, like 84111-2904", shorten(z))
		}
	}
}

// validID reports whether id is a slug: lower-case letters and digits in
// words joined by single dashes ("slco-clerk-passports").
func validID(id string) bool {
	if id == "" || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && id[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// texts checks every text of the listing for its length, for valid UTF-8
// and for characters that do not belong in it. Paragraph texts may hold line
// breaks and tabs; one-line texts may not. Names of list entries are
// formatted only for a problem: this runs for every listing of an import.
func (v *validator) texts() {
	l := v.l
	for _, f := range [...]struct {
		name      string
		value     string
		max       int
		multiline bool
	}{
		{"id", l.ID, MaxIDLength, false}, {"name", l.Name, MaxNameLength, false},
		{"parent", l.Organization, MaxNameLength, false},
		{"level", string(l.Level), MaxNameLength, false}, {"status", string(l.Status), MaxNameLength, false},
		{"email", l.Email, MaxEmailLength, false}, {"website", l.Website, MaxURLLength, false},
		{"address.street", l.Address.Street, MaxNameLength, false}, {"address.city", l.Address.City, MaxNameLength, false},
		{"address.state", l.Address.State, MaxNameLength, false}, {"address.zip", l.Address.Zip, MaxNameLength, false},
		{"source_date", l.SourceDate, MaxNameLength, false}, {"verified_by", l.VerifiedBy, MaxNameLength, false},
		{"description", l.Description, MaxTextLength, true}, {"hours", l.Hours, MaxTextLength, true},
		{"eligibility", l.Eligibility, MaxTextLength, true}, {"fees", l.Fees, MaxTextLength, true},
		{"documents", l.Documents, MaxTextLength, true}, {"alert", l.Alert, MaxTextLength, true},
		{"notes_for_staff", l.StaffNotes, MaxTextLength, true},
	} {
		v.text(f.name, f.value, f.max, f.multiline)
	}
	for _, list := range [...]struct {
		name   string
		values []string
		max    int
	}{
		{"services", l.Services, MaxItemLength}, {"keywords", l.Keywords, MaxItemLength},
		{"categories", l.Categories, MaxItemLength}, {"languages", l.Languages, MaxItemLength},
		{"source_urls", l.SourceURLs, MaxURLLength},
	} {
		if len(list.values) > MaxListLength {
			v.addText(list.name, "%s has %d entries, more than %d; keep the ones staff need", list.name, len(list.values), MaxListLength)
			continue
		}
		for i, s := range list.values {
			if !textOK(s, list.max, false) {
				v.text(fmt.Sprintf("%s[%d]", list.name, i), s, list.max, false)
			}
		}
	}
	if len(l.Phones) > MaxListLength {
		v.addText("phones", "phones has %d entries, more than %d; keep the ones staff need", len(l.Phones), MaxListLength)
		return
	}
	for i, p := range l.Phones {
		for _, f := range [...]struct{ name, value string }{{"label", p.Label}, {"number", p.Number}, {"ext", p.Ext}, {"note", p.Note}} {
			if !textOK(f.value, MaxItemLength, false) {
				v.text(fmt.Sprintf("phones[%d].%s", i, f.name), f.value, MaxItemLength, false)
			}
		}
	}
}

// text checks one text: its length first, so a huge value is refused
// without more work, then its characters.
func (v *validator) text(name, value string, max int, multiline bool) {
	if tooLong(value, max) {
		v.addText(name, "%s is %d characters long, longer than %d; shorten it", name, utf8.RuneCountInString(value), max)
		return
	}
	if !utf8.ValidString(value) {
		// Only from the window or a feed: an import refuses the whole
		// file first. Such text would change on its way to the store.
		at := 0
		for at < len(value) {
			r, size := utf8.DecodeRuneInString(value[at:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			at += size
		}
		v.addText(name, "%s is not valid UTF-8 text at character %d; type that part again", name, utf8.RuneCountInString(value[:at])+1)
		return
	}
	r, at, ok := forbiddenRune(value, multiline)
	if !ok {
		return
	}
	pos := utf8.RuneCountInString(value[:at]) + 1
	if what, ok := invisibles[r]; ok {
		v.addText(name, "%s contains U+%04X (%s), an invisible character, at character %d; remove it", name, r, what, pos)
		return
	}
	v.addText(name, "%s contains the control character U+%04X at character %d; remove it", name, r, pos)
}

// textOK reports whether a text passes text's checks, cheaply.
func textOK(s string, max int, multiline bool) bool {
	if tooLong(s, max) {
		return false
	}
	_, _, bad := forbiddenRune(s, multiline)
	return !bad && utf8.ValidString(s)
}

// tooLong reports whether s has more than max characters, counting them
// only when its bytes could.
func tooLong(s string, max int) bool {
	return len(s) > max && utf8.RuneCountInString(s) > max
}

// invisibles are the format characters no listing text may hold, with the
// names messages give them. The directional overrides, embeddings and
// isolates make text display in another order than it is stored (a name
// can be made to read backwards); the zero-width characters make two texts
// look the same when they differ, so a search or a duplicate check misses.
var invisibles = map[rune]string{
	'\u200B': "zero width space", '\u200C': "zero width non-joiner", '\u200D': "zero width joiner",
	'\u2060': "word joiner", '\uFEFF': "zero width no-break space",
	'\u202A': "left-to-right embedding", '\u202B': "right-to-left embedding",
	'\u202C': "pop directional formatting", '\u202D': "left-to-right override",
	'\u202E': "right-to-left override", '\u2066': "left-to-right isolate",
	'\u2067': "right-to-left isolate", '\u2068': "first strong isolate", '\u2069': "pop directional isolate",
}

// forbiddenRune returns the first character of s that no text may hold,
// and its byte offset: a control character (other than tab, line feed and
// carriage return when multiline allows them), a line or paragraph
// separator, or one of the invisibles. It looks at bytes, decoding only
// where such a character can start, because it runs over every text of
// every listing of an import.
func forbiddenRune(s string, multiline bool) (rune, int, bool) {
	for i := 0; i < len(s); i++ {
		b := s[i]
		switch {
		case b < 0x20 || b == 0x7f:
			if multiline && (b == '\t' || b == '\n' || b == '\r') {
				continue
			}
			return rune(b), i, true
		case b == 0xc2 || b == 0xe2 || b == 0xef:
			// C1 controls (U+0080-U+009F); U+2028 and U+2029, which
			// break lines in some viewers and in JavaScript; the
			// invisibles, all in U+2000-U+206F but U+FEFF.
			r, _ := utf8.DecodeRuneInString(s[i:])
			if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
				return r, i, true
			}
			if _, ok := invisibles[r]; ok {
				return r, i, true
			}
		}
	}
	return 0, 0, false
}

// ValidateListings checks listings that did not come from a file (an edit in
// the window, a feed) by the same rules as jsonfile.ParseListings, including
// that ids are unique, with now as the instant verified_on may not pass. The
// listings must be normalized. It returns a *ValidationError, or nil.
func ValidateListings(listings []Listing, now time.Time) error {
	perListing := make([][]Problem, len(listings))
	inChunks(len(listings), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			perListing[i] = listings[i].Validate(now)
		}
	})
	var problems []Problem
	for i, ps := range perListing {
		for _, p := range ps {
			p.Index = i
			problems = append(problems, p)
		}
	}
	problems = append(problems, DuplicateIDs(listings)...)
	if len(problems) == 0 {
		return nil
	}
	slices.SortStableFunc(problems, func(a, b Problem) int { return a.Index - b.Index })
	return &ValidationError{Problems: problems}
}

// DuplicateIDs reports every listing whose id an earlier one already uses,
// as a problem of the later listing naming the earlier by its place.
func DuplicateIDs(listings []Listing) []Problem {
	var ps []Problem
	first := make(map[string]int, len(listings))
	for i, l := range listings {
		if l.ID == "" {
			continue
		}
		if j, ok := first[l.ID]; ok {
			ps = append(ps, Problem{Index: i, ID: l.ID, Field: "id",
				Message: fmt.Sprintf("id is also used by record %d; give each listing its own id", j+1)})
			continue
		}
		first[l.ID] = i
	}
	return ps
}

// suggestID turns a name or a malformed id into a valid id, for messages.
func suggestID(s string) string {
	if id := SuggestID(s); id != "" {
		return id
	}
	return "slco-wic"
}

// SuggestID makes an id from a name (or a malformed id) by the rules
// Validate holds ids to: lower-case letters and digits in words joined by
// single dashes, accents dropped ("Clínica Fácil" is "clinica-facil"), at
// most about 60 characters; "" when the name has no letter or digit.
func SuggestID(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range name {
		// A letter at a time, not the whole name: it may be 10 MB.
		parts := string(r)
		if r >= utf8.RuneSelf {
			parts = norm.NFD.String(parts)
		}
		for _, c := range parts {
			c = unicode.ToLower(c)
			switch {
			case unicode.Is(unicode.Mn, c):
				continue // an accent, after NFD
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				if dash && b.Len() > 0 {
					b.WriteByte('-')
				}
				b.WriteRune(c)
				dash = false
			default:
				dash = true
			}
		}
		if b.Len() >= 60 {
			break
		}
	}
	return b.String()
}

func joinNames[T ~string](vs []T) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = string(v)
	}
	return strings.Join(q, ", ")
}

// shorten quotes a value for a message; see Shorten.
func shorten(s string) string { return Shorten(s) }

// Shorten cuts a value quoted in a message to about 40 characters, with
// "..." when it was longer. It never converts the whole value: it may be
// megabytes.
func Shorten(s string) string {
	if len(s) <= 40 || utf8.RuneCountInString(s) <= 40 {
		return s
	}
	n := 0
	for i := range s {
		if n == 37 {
			return s[:i] + "..."
		}
		n++
	}
	return s
}
