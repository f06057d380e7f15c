package hsds

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"nowrongdoor/directory"
)

// ToListing reads an HSDS service as a listing, before Normalize and
// Validate. problems are about the HSDS record itself (a time or a byday
// it cannot read), each with its HSDS path as Field; notKept names the
// HSDS fields the record gives that the directory cannot hold
// ("wait_time", "phones[0].languages", "schedules[1] (MONTHLY)"). A
// service with no listing_id attribute gets its id from the service's id
// when that is a valid listing id, else none (the caller makes one from
// the name); its level, when no attribute gives it, is inferred and
// notKept says "level inferred".
func ToListing(s *Service) (l directory.Listing, problems []directory.Problem, notKept []string) {
	var o origins
	l, problems, notKept = toListing(s, &o)
	return l, problems, notKept
}

// origins records where in the HSDS record each field of a listing came
// from, so a problem Validate finds names the HSDS field to fix. Paths
// are only formatted for a problem (see path).
type origins struct {
	id, level, email, fees, documents string
	// Where each entry of a list came from: the attribute at that
	// position (its value), or see keywordPath.
	services, keywords, categories, urls []int
	sourceDate, hours, alertUntil        string
	verifiedBy, staffNotes               string
	phones                               []phoneOrigin
	address                              string
	schedules                            []string
	// repeats are the records skipped as repeats of one read before
	// (the same phone on the service and its location).
	repeats []string
}

// alternateName in origins.keywords marks the keyword that is the
// service's alternate_name; foreignTerm(k) < 0 marks the name of the term
// of attribute k.
const alternateName = -1

func foreignTerm(k int) int { return -k - 2 }

// phoneOrigin is where a phone came from: its record, and the attribute
// that gave its staff note.
type phoneOrigin struct{ base, note string }

// fixedPaths are the HSDS paths of the listing fields that always come
// from the same place.
var fixedPaths = map[string]string{
	"name": "name", "parent": "organization.name", "status": "status", "description": "description",
	"website": "url", "eligibility": "eligibility_description", "alert": "alert", "verified_on": "assured_date",
}

// path returns the HSDS path of a listing field as Validate names it
// ("phones[1].number"), or the field itself when it has none.
func (o *origins) path(field string) string {
	if p, ok := fixedPaths[field]; ok {
		return p
	}
	top, rest, _ := strings.Cut(field, ".")
	name, index := top, -1
	if i := strings.IndexByte(top, '['); i > 0 && strings.HasSuffix(top, "]") {
		name = top[:i]
		index, _ = strconv.Atoi(top[i+1 : len(top)-1])
	}
	at := func(list []int) string {
		if index < 0 || index >= len(list) {
			return "attributes"
		}
		switch k := list[index]; {
		case k == alternateName:
			return "alternate_name"
		case k < 0:
			return "attributes[" + strconv.Itoa(foreignTerm(k)) + "].taxonomy_term.name"
		default:
			return "attributes[" + strconv.Itoa(k) + "].value"
		}
	}
	or := func(p, alt string) string {
		if p != "" {
			return p
		}
		return alt
	}
	switch name {
	case "id":
		return or(o.id, "id")
	case "level":
		return or(o.level, "attributes")
	case "email":
		return or(o.email, "email")
	case "fees":
		return or(o.fees, "fees_description")
	case "documents":
		return or(o.documents, "required_documents")
	case "source_date":
		return or(o.sourceDate, field)
	case "hours":
		return or(o.hours, field)
	case "alert_until":
		return or(o.alertUntil, field)
	case "verified_by":
		return or(o.verifiedBy, field)
	case "notes_for_staff":
		return or(o.staffNotes, field)
	case "services":
		return at(o.services)
	case "keywords":
		return at(o.keywords)
	case "categories":
		return at(o.categories)
	case "source_urls":
		return at(o.urls)
	case "languages":
		if index >= 0 {
			return fmt.Sprintf("languages[%d].name", index)
		}
		return "languages"
	case "address":
		if o.address == "" {
			return field
		}
		switch rest {
		case "street":
			return o.address + ".address_1"
		case "city":
			return o.address + ".city"
		case "state":
			return o.address + ".state_province"
		case "zip":
			return o.address + ".postal_code"
		}
		return o.address
	case "phones":
		if index < 0 || index >= len(o.phones) {
			return "phones"
		}
		p := o.phones[index]
		switch rest {
		case "label":
			return p.base + ".description"
		case "number":
			return p.base + ".number"
		case "ext":
			return p.base + ".extension"
		case "note":
			return or(p.note, p.base)
		}
		return p.base
	case "schedules":
		if index < 0 || index >= len(o.schedules) {
			return "schedules"
		}
		switch rest {
		case "description", "valid_to", "valid_from":
			return o.schedules[index] + "." + rest
		}
		return o.schedules[index]
	}
	return field
}

// rename names a problem Validate found by the HSDS path of its field,
// in its Field and where its message starts with the field ("address.zip
// \"x\" is not a ZIP code", "phones[0] (\"Main\") number ...").
func (o *origins) rename(field, message string) (string, string) {
	path := o.path(field)
	if field == "" || path == field {
		return path, message
	}
	if rest, ok := strings.CutPrefix(message, field); ok {
		return path, path + rest
	}
	top, _, _ := strings.Cut(field, ".")
	if rest, ok := strings.CutPrefix(message, top); ok && strings.HasSuffix(top, "]") {
		if p := o.path(top); p != top {
			return path, p + rest
		}
	}
	return path, message
}

// toListing is ToListing, recording where each field came from in o.
func toListing(s *Service, o *origins) (l directory.Listing, problems []directory.Problem, notKept []string) {
	r := reader{o: o}
	l = directory.Listing{
		Name: s.Name, Description: s.Description, Website: s.URL, Email: s.Email, Eligibility: s.EligibilityDescription,
		Fees: s.FeesDescription, Alert: s.Alert,
	}
	o.fees = "fees_description"
	switch {
	case s.FeesDescription == "" && s.Fees != "":
		l.Fees, o.fees = s.Fees, "fees"
	case s.Fees != "" && strings.TrimSpace(s.Fees) != strings.TrimSpace(s.FeesDescription):
		r.notKept("fees")
	}
	if s.Organization != nil {
		l.Organization = s.Organization.Name
		org := s.Organization
		for _, f := range [...]struct{ name, value string }{{"description", org.Description}, {"email", org.Email}, {"website", org.Website}} {
			if strings.TrimSpace(f.value) != "" {
				r.notKept("organization." + f.name)
			}
		}
	}
	r.status(s.Status, &l)
	if s.AssuredDate != "" {
		d := s.AssuredDate
		if len(d) > 10 && d[10] == 'T' {
			d = d[:10] // a date and time; the day is what a verification records
		}
		v, err := directory.ParseDate(d)
		if err != nil {
			r.problem("assured_date", "assured_date %q is not a date; write it as YYYY-MM-DD, like 2026-03-31", directory.Shorten(s.AssuredDate))
		}
		l.VerifiedOn = v
	}
	if s.LastModified != "" {
		t, err := time.Parse(time.RFC3339Nano, s.LastModified)
		if err != nil {
			r.problem("last_modified", "last_modified %q is not a date and time like 2026-03-31T09:00:00Z", directory.Shorten(s.LastModified))
		}
		l.UpdatedAt = t
	}
	r.serviceAttributes(s.Attributes, &l)
	if s.AlternateName != "" {
		// Another name for the service is a word customers use for it.
		l.Keywords = append([]string{s.AlternateName}, l.Keywords...)
		o.keywords = append([]int{alternateName}, o.keywords...)
	}
	// Text HSDS keeps in fields of their own the directory shows in the
	// description, where staff read it before a referral.
	for _, f := range [...]struct{ label, value string }{
		{"How to apply: ", s.ApplicationProcess}, {"Interpretation: ", s.InterpretationServices},
	} {
		if v := strings.TrimSpace(f.value); v != "" {
			if l.Description != "" {
				l.Description += "\n\n"
			}
			l.Description += f.label + v
		}
	}
	for i, lang := range s.Languages {
		name := lang.Name
		if strings.TrimSpace(name) == "" {
			name = lang.Code
		}
		l.Languages = append(l.Languages, name)
		if strings.TrimSpace(lang.Note) != "" {
			r.notKept(fmt.Sprintf("languages[%d].note", i))
		}
	}
	var docs []string
	for i, d := range s.RequiredDocuments {
		if strings.TrimSpace(d.Document) != "" {
			docs = append(docs, strings.TrimSpace(d.Document))
			o.documents = fmt.Sprintf("required_documents[%d].document", i)
		}
	}
	if len(docs) > 1 {
		o.documents = "required_documents"
	}
	l.Documents = strings.Join(docs, "\n")

	r.seen = map[string]bool{}
	r.phones(s.Phones, "phones", &l)
	r.schedules(s.Schedules, "schedules", &l)
	r.locations(s.ServiceAtLocations, &l)

	if l.ID == "" && validID(strings.ToLower(strings.TrimSpace(s.ID))) {
		l.ID, o.id = strings.ToLower(strings.TrimSpace(s.ID)), "id"
	}
	if l.Level == "" {
		l.Level = inferLevel(s)
		r.notKept("level inferred")
	}
	return l, r.problems, r.kept
}

// reader collects what reading one service found.
type reader struct {
	o        *origins
	problems []directory.Problem
	kept     []string
	// seen holds the ids of the phones and schedules read, since a file
	// may give one on the service, its service_at_location and its
	// location alike.
	seen map[string]bool
	// lastForeign is set when the schedule last read came from a
	// partner's record, which the next may add days to.
	lastForeign bool
	// ourService is set when the service is No Wrong Door's export (it
	// has a listing_id attribute): its schedule records are never merged.
	ourService bool
}

func (r *reader) problem(field, format string, args ...any) {
	r.problems = append(r.problems, directory.Problem{Field: field, Message: fmt.Sprintf(format, args...)})
}

func (r *reader) notKept(field string) { r.kept = append(r.kept, field) }

// status reads a service's status.
func (r *reader) status(s string, l *directory.Listing) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "active":
		l.Status = directory.StatusActive
	case "inactive", "defunct":
		l.Status = directory.StatusInactive
	case "temporarily closed", "temporarily_closed":
		l.Status = directory.StatusTemporarilyClosed
	default:
		r.problem("status", "status %q is not one of active, inactive, defunct, temporarily closed", directory.Shorten(s))
	}
}

// ours returns the code of an attribute's term when it is of No Wrong
// Door's taxonomy.
func ours(a *Attribute) (string, bool) {
	if t := a.TaxonomyTerm; t != nil {
		if t.Taxonomy == TaxonomyName {
			_, known := terms[t.Code]
			return t.Code, known
		}
		if t.ID == "" || termByID[t.ID] == "" {
			return "", false
		}
		return termByID[t.ID], true
	}
	code, ok := termByID[a.TaxonomyTermID]
	return code, ok
}

// serviceAttributes reads the attributes of a service: ours carry fields
// of the listing, a foreign term's name is a word customers use.
func (r *reader) serviceAttributes(as []Attribute, l *directory.Listing) {
	o := r.o
	for k := range as {
		a := &as[k]
		code, isOurs := ours(a)
		if !isOurs {
			if a.TaxonomyTerm != nil && strings.TrimSpace(a.TaxonomyTerm.Name) != "" {
				l.Keywords = append(l.Keywords, a.TaxonomyTerm.Name)
				o.keywords = append(o.keywords, foreignTerm(k))
			} else {
				r.notKept("attributes[" + strconv.Itoa(k) + "]")
			}
			continue
		}
		v := a.Value
		switch code {
		case termService:
			l.Services, o.services = append(l.Services, v), append(o.services, k)
			continue
		case termKeyword:
			l.Keywords, o.keywords = append(l.Keywords, v), append(o.keywords, k)
			continue
		case termCategory:
			l.Categories, o.categories = append(l.Categories, v), append(o.categories, k)
			continue
		case termSourceURL:
			l.SourceURLs, o.urls = append(l.SourceURLs, v), append(o.urls, k)
			continue
		}
		// The other fields are one to a listing: their paths are made now.
		path := "attributes[" + strconv.Itoa(k) + "].value"
		switch code {
		case termListingID:
			l.ID, o.id = v, path
			r.ourService = true
		case termLevel:
			l.Level, o.level = directory.Level(v), path
		case termSourceDate:
			l.SourceDate, o.sourceDate = v, path
		case termHours:
			l.Hours, o.hours = v, path
		case termAlertUntil:
			d, err := directory.ParseDate(v)
			if err != nil {
				r.problem(path, "alert_until %q is not a date; write it as YYYY-MM-DD, like 2026-03-31", directory.Shorten(v))
			}
			l.AlertUntil, o.alertUntil = d, path
		case termVerifiedBy:
			l.VerifiedBy, o.verifiedBy = v, path
		case termStaffNotes:
			l.StaffNotes, o.staffNotes = v, path
		case termArchived:
			l.Archived = r.flag(path, v)
		case termEmail:
			l.Email, o.email = v, path
		default:
			r.notKept(path)
		}
	}
}

// flag reads an attribute that says yes by being there.
func (r *reader) flag(path, v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "yes", "":
		return true
	case "false", "no":
		return false
	}
	r.problem(path, "%s %q should be true or false", path, directory.Shorten(v))
	return false
}

// phones reads phone records at base ("phones", "service_at_locations[0].phones").
func (r *reader) phones(ps []Phone, base string, l *directory.Listing) {
	for i := range ps {
		p := &ps[i]
		path := fmt.Sprintf("%s[%d]", base, i)
		if p.ID != "" {
			if r.seen["phone:"+p.ID] {
				r.o.repeats = append(r.o.repeats, path)
				continue
			}
			r.seen["phone:"+p.ID] = true
		}
		ph := directory.Phone{Number: p.Number, Label: p.Description}
		if strings.TrimSpace(p.Number) == "" && strings.TrimSpace(p.Description) == "" && p.Extension == nil {
			continue // nothing a customer could call; Normalize would drop it too
		}
		if t := strings.ToLower(strings.TrimSpace(p.Type)); t != "" && t != "voice" {
			// Fax, text, TTY: staff must know before they give the number.
			if strings.TrimSpace(ph.Label) == "" {
				ph.Label = t
			} else {
				ph.Label += " (" + t + ")"
			}
		}
		if e := p.Extension; e != nil {
			if *e < 0 || *e != math.Trunc(*e) || *e > 1e15 {
				r.problem(path+".extension", "%s.extension %v is not an extension's digits", path, *e)
			} else {
				ph.Ext = strconv.FormatFloat(*e, 'f', -1, 64)
			}
		}
		origin := phoneOrigin{base: path}
		for k := range p.Attributes {
			a := &p.Attributes[k]
			apath := fmt.Sprintf("%s.attributes[%d]", path, k)
			code, isOurs := ours(a)
			switch {
			case !isOurs:
				r.notKept(apath)
			case code == termExtension:
				ph.Ext = a.Value
			case code == termNote:
				ph.Note, origin.note = a.Value, apath+".value"
			case code == termOpen247:
				ph.Open247 = r.flag(apath+".value", a.Value)
			default:
				r.notKept(apath)
			}
		}
		if len(p.Languages) > 0 {
			r.notKept(path + ".languages")
		}
		l.Phones = append(l.Phones, ph)
		r.o.phones = append(r.o.phones, origin)
	}
}

// locations reads the address of the first physical location (else the
// first location), and the phones and schedules of every
// service_at_location and its location.
func (r *reader) locations(sals []ServiceAtLocation, l *directory.Listing) {
	chosen, chosenAddr := -1, -1
	for i := range sals {
		loc := sals[i].Location
		if loc == nil {
			continue
		}
		for j, a := range loc.Addresses {
			better := chosen < 0 || (a.AddressType == "physical" && sals[chosen].Location.Addresses[chosenAddr].AddressType != "physical")
			if better {
				chosen, chosenAddr = i, j
			}
		}
	}
	for i := range sals {
		sal := &sals[i]
		base := fmt.Sprintf("service_at_locations[%d]", i)
		r.phones(sal.Phones, base+".phones", l)
		r.schedules(sal.Schedules, base+".schedules", l)
		if strings.TrimSpace(sal.Description) != "" {
			r.notKept(base + ".description")
		}
		loc := sal.Location
		if loc == nil {
			continue
		}
		r.phones(loc.Phones, base+".location.phones", l)
		r.schedules(loc.Schedules, base+".location.schedules", l)
		for _, f := range [...]struct{ name, value string }{{"name", loc.Name}, {"description", loc.Description}} {
			if strings.TrimSpace(f.value) != "" {
				r.notKept(base + ".location." + f.name)
			}
		}
		for j := range loc.Addresses {
			apath := fmt.Sprintf("%s.location.addresses[%d]", base, j)
			if i != chosen || j != chosenAddr {
				r.notKept(apath)
				continue
			}
			a := &loc.Addresses[j]
			l.Address = directory.Address{Street: a.Address1, City: a.City, State: a.StateProvince, Zip: a.PostalCode}
			r.o.address = apath
			if strings.TrimSpace(a.Address2) != "" {
				r.notKept(apath + ".address_2")
			}
			if c := strings.ToUpper(strings.TrimSpace(a.Country)); c != "" && c != "US" && c != "USA" {
				r.notKept(apath + ".country")
			}
		}
	}
}

// validID reports whether id is a valid listing id: lower-case letters and
// digits in words joined by single dashes, as directory.SuggestID makes
// them.
func validID(id string) bool {
	return id != "" && len(id) <= directory.MaxIDLength && directory.SuggestID(id) == id
}

// inferLevel guesses the level of a service from a partner's file, which
// does not say, conservatively: the words of its organization's and its
// own name, and a .gov web address; anything else is a nonprofit, the
// commonest in a 211 file, for an admin to correct.
func inferLevel(s *Service) directory.Level {
	name := " " + s.Name + " "
	if s.Organization != nil {
		name = " " + s.Organization.Name + name
	}
	host := strings.ToLower(s.URL)
	if _, after, ok := strings.Cut(host, "://"); ok {
		host = after
	}
	host, _, _ = strings.Cut(host, "/")
	gov := strings.HasSuffix(host, ".gov") || strings.HasSuffix(host, ".us")
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(name, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has(" County ", " County,", "County of "):
		return directory.LevelCounty
	case has("City of ", "Town of ", " City Hall"):
		return directory.LevelCity
	case has("State of ", " State ") && gov, has("Utah Department", "Utah Division", "Utah Office", "Utah State"):
		return directory.LevelState
	case has("U.S. ", "United States ", "Federal ") && gov:
		return directory.LevelFederal
	}
	return directory.LevelNonprofit
}

// byday reads the days of an HSDS schedule record ("MO,TU"), or reports
// false when it holds something else ("1MO", a monthly rule's).
func readByday(s string) ([]time.Weekday, bool) {
	var out []time.Weekday
	for code := range strings.SplitSeq(s, ",") {
		code = strings.ToUpper(strings.TrimSpace(code))
		d := slices.Index(byday[:], code)
		if d < 0 {
			return nil, false
		}
		out = append(out, time.Weekday(d))
	}
	return out, true
}

// readTime reads an HSDS time of day, "HH:MM" or "HH:MM:SS" (seconds are
// dropped), as minutes after midnight; "24:00" is midnight at the day's end.
func readTime(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if len(s) == 8 && s[5] == ':' && isDigits(s[6:]) {
		s = s[:5]
	}
	if len(s) != 5 || s[2] != ':' || !isDigits(s[:2]) || !isDigits(s[3:]) {
		return 0, false
	}
	h, m := int(s[0]-'0')*10+int(s[1]-'0'), int(s[3]-'0')*10+int(s[4]-'0')
	if m > 59 || h > 24 || (h == 24 && m > 0) {
		return 0, false
	}
	return h*60 + m, true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// schedules reads schedule records at base ("schedules",
// "service_at_locations[0].schedules"). A record of ours that is a part
// adds its periods to the schedule before it; records of a partner's
// file that differ only in days and times (one per day, say) make one
// schedule.
func (r *reader) schedules(rs []Schedule, base string, l *directory.Listing) {
	for i := range rs {
		rec := &rs[i]
		path := fmt.Sprintf("%s[%d]", base, i)
		if rec.ID != "" {
			if r.seen["schedule:"+rec.ID] {
				r.o.repeats = append(r.o.repeats, path)
				continue
			}
			r.seen["schedule:"+rec.ID] = true
		}
		var s directory.Schedule
		s.Description = rec.Description
		part, foreign := false, !r.ourService
		for k := range rec.Attributes {
			a := &rec.Attributes[k]
			apath := fmt.Sprintf("%s.attributes[%d]", path, k)
			code, isOurs := ours(a)
			if isOurs {
				foreign = false
			}
			switch {
			case !isOurs:
				r.notKept(apath)
			case code == termPart:
				part = true
			case code == termLabel:
				s.Label = a.Value
			case code == termUnconfirmed:
				s.Unconfirmed = r.flag(apath+".value", a.Value)
			case code == termProposed:
				s.Proposed = r.flag(apath+".value", a.Value)
			default:
				r.notKept(apath)
			}
		}
		var err error
		if s.ValidFrom, err = directory.ParseDate(rec.ValidFrom); err != nil {
			r.problem(path+".valid_from", "%s.valid_from %q is not a date; write it as YYYY-MM-DD", path, directory.Shorten(rec.ValidFrom))
		}
		if s.ValidTo, err = directory.ParseDate(rec.ValidTo); err != nil {
			r.problem(path+".valid_to", "%s.valid_to %q is not a date; write it as YYYY-MM-DD", path, directory.Shorten(rec.ValidTo))
		}
		if strings.TrimSpace(rec.Notes) != "" {
			r.notKept(path + ".notes")
		}
		freq := strings.ToUpper(strings.TrimSpace(rec.Freq))
		if freq != "" && freq != "WEEKLY" {
			// A monthly rule ("the first Tuesday") is no weekly schedule;
			// its description still tells staff when.
			r.notKept(fmt.Sprintf("%s (%s)", path, freq))
			if strings.TrimSpace(s.Description) != "" {
				r.addSchedule(l, s, path)
			}
			r.lastForeign = false
			continue
		}
		// Rules that narrow a weekly schedule to some weeks or days of
		// the year: its days and times are kept, marked unconfirmed, so
		// the window says the hours may differ.
		for _, f := range [...]struct{ name, value string }{{"byweekno", rec.Byweekno}, {"bymonthday", rec.Bymonthday}, {"byyearday", rec.Byyearday}} {
			if strings.TrimSpace(f.value) != "" {
				r.notKept(path + "." + f.name)
				s.Unconfirmed = true
			}
		}
		if rec.Interval != nil && *rec.Interval != 1 {
			r.notKept(path + ".interval")
			s.Unconfirmed = true
		}
		var days []time.Weekday
		var opens, closes int
		if strings.TrimSpace(rec.Byday) != "" {
			var ok bool
			if days, ok = readByday(rec.Byday); !ok {
				r.problem(path+".byday", "%s.byday %q is not days of the week like MO,TU,FR", path, directory.Shorten(rec.Byday))
			}
			var okOpen, okClose bool
			opens, okOpen = readTime(rec.OpensAt)
			closes, okClose = readTime(rec.ClosesAt)
			switch {
			case rec.OpensAt == "" || rec.ClosesAt == "":
				r.problem(path, "%s gives days (byday) but no opens_at and closes_at; give both, like \"09:00\" and \"17:00\"", path)
				days = nil
			case !okOpen:
				r.problem(path+".opens_at", "%s.opens_at %q is not a time of day like 09:00", path, directory.Shorten(rec.OpensAt))
				days = nil
			case !okClose:
				r.problem(path+".closes_at", "%s.closes_at %q is not a time of day like 17:00", path, directory.Shorten(rec.ClosesAt))
				days = nil
			}
			if opens == 24*60 {
				opens = 0 // "24:00" opening is the day's start
			}
			if closes <= opens {
				closes += 24 * 60 // closes the next day
			}
		} else if rec.OpensAt != "" || rec.ClosesAt != "" {
			r.notKept(path + " (times without byday)")
		}
		last := len(l.Schedules) - 1
		switch {
		case part && last >= 0:
			addPeriods(&l.Schedules[last], days, opens, closes)
		case foreign && r.lastForeign && last >= 0 && l.Schedules[last].Description == s.Description &&
			l.Schedules[last].ValidFrom == s.ValidFrom && l.Schedules[last].ValidTo == s.ValidTo &&
			l.Schedules[last].Unconfirmed == s.Unconfirmed:
			addPeriods(&l.Schedules[last], days, opens, closes)
		default:
			addPeriods(&s, days, opens, closes)
			r.addSchedule(l, s, path)
		}
		r.lastForeign = foreign
	}
}

// addSchedule adds a schedule read from the record at path.
func (r *reader) addSchedule(l *directory.Listing, s directory.Schedule, path string) {
	l.Schedules = append(l.Schedules, s)
	r.o.schedules = append(r.o.schedules, path)
}

// addPeriods opens s from opens to closes on days, keeping each day's
// periods in order.
func addPeriods(s *directory.Schedule, days []time.Weekday, opens, closes int) {
	for _, d := range days {
		s.Week[d] = append(s.Week[d], directory.Interval{Start: opens, End: closes})
		if n := len(s.Week[d]); n > 1 && s.Week[d][n-2].Start > opens {
			slices.SortFunc(s.Week[d], func(a, b directory.Interval) int { return a.Start - b.Start })
		}
	}
}
