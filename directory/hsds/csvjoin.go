package hsds

import (
	"strconv"
	"strings"
)

// Reading a package joins its tables into nested Services, as HSDS JSON
// carries them. The tables a service's records hang from are read first
// and indexed by the id they are linked by (phones by service_id,
// attributes by link_id, ...); then services.csv is read one row at a time
// and each service takes its records out of the indexes, so what is held
// at once is one copy of the package's records, never its text as well.
// What is left in the indexes at the end refers to a record the package
// does not have.

// csvRec is a record read from a table, with its row.
type csvRec[T any] struct {
	v   T
	row int
}

// csvLocation is a location with the rows of its records.
type csvLocation struct {
	loc          *Location
	row          int
	addressRows  []int
	phoneRows    []int
	scheduleRows []int
	used         bool
}

// csvSAL is a service_at_location row with the rows of its records.
type csvSAL struct {
	sal          ServiceAtLocation
	row          int
	loc          *csvLocation
	phoneRows    []int
	scheduleRows []int
}

// csvChildren are the records of one service, by service_id.
type csvChildren struct {
	phones    []csvRec[Phone]
	schedules []csvRec[Schedule]
	sals      []*csvSAL
	languages []csvRec[Language]
	documents []csvRec[RequiredDocument]
}

// csvOrigin says where each part of a service read from a package came
// from: an HSDS path ("phones[0]", "" for the service itself) -> the
// file and row ("phones.csv row 3").
type csvOrigin map[string]string

// where names the cell an HSDS path ("phones[0].number") was read from,
// "phones.csv row 3, column number", or returns the path when no part of
// it came from a known row.
func (o csvOrigin) where(hsdsPath string) string {
	prefix := hsdsPath
	for {
		if at, ok := o[prefix]; ok {
			rest := strings.TrimPrefix(strings.TrimPrefix(hsdsPath, prefix), ".")
			switch {
			case rest == "":
				return at
			case strings.ContainsAny(rest, ".["):
				return at + " (" + rest + ")"
			}
			return at + ", column " + rest
		}
		i := strings.LastIndexAny(prefix, ".[")
		if i < 0 {
			if prefix == "" {
				return hsdsPath
			}
			prefix = ""
			continue
		}
		prefix = prefix[:i]
	}
}

// csvJoin holds the indexed records of a package while its services are
// read.
type csvJoin struct {
	p       *csvPackage
	ps      *csvProblems
	notKept map[string]int

	orgs      map[string]csvRec[*Organization]
	terms     map[string]int32 // in termList
	termList  []csvRec[*TaxonomyTerm]
	locations map[string]*csvLocation
	sals      map[string]*csvSAL
	children  map[string]*csvChildren
	// phoneLanguages and attributes are indexed by the id of the record
	// they belong to (phone_id, link_id).
	phoneLanguages map[string][]csvRec[Language]
	attrs          csvAttrIndex
	// ids holds the ids read from each table that others refer to, so a
	// duplicate is named.
	ids map[string]map[string]int
}

// table opens a table of the package, or returns nil when the package
// does not have it or its header cannot be read (a problem then).
func (j *csvJoin) table(name string, held string) (*csvTableReader, error) {
	file, ok := j.p.tables[name]
	if !ok {
		return nil, nil
	}
	return openCSVTable(j.p.fsys, file, csvTableByName[name], strings.Fields(held), j.ps)
}

// child returns the records of service id, making room for them.
func (j *csvJoin) child(id string) *csvChildren {
	c := j.children[id]
	if c == nil {
		c = &csvChildren{}
		j.children[id] = c
	}
	return c
}

// uniqueID checks that the current row's id is new in its table and
// returns it. A duplicate is a problem.
func (j *csvJoin) uniqueID(tr *csvTableReader) (string, bool) {
	id := strings.TrimSpace(tr.get("id"))
	seen := j.ids[tr.t.Name]
	if seen == nil {
		seen = map[string]int{}
		j.ids[tr.t.Name] = seen
	}
	if id == "" {
		j.ps.file("%s: the row has no id; give every row a unique id", tr.where("id"))
		return "", false
	}
	if first, dup := seen[id]; dup {
		j.ps.file("%s: id %q is also row %d's; give every row its own id", tr.where("id"), id, first)
		return "", false
	}
	seen[strings.Clone(id)] = tr.row // not the row's text, which may not be kept
	return id, true
}

// number reads an HSDS number column, nil when empty.
func (j *csvJoin) number(tr *csvTableReader, column string) *float64 {
	v := strings.TrimSpace(tr.get(column))
	if v == "" {
		return nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		j.ps.file("%s: %q is not a number; write digits only", tr.where(column), v)
		return nil
	}
	return &f
}

// missing is a problem with a row that refers to a record the package
// lacks.
func (j *csvJoin) missing(file string, row int, column, id, table string) {
	j.ps.file("%s row %d, column %s: %q names no record of %s; correct the id or remove the row", file, row, column, id, table)
}

// load reads every table but services.csv into the indexes.
func (j *csvJoin) load() error {
	for _, step := range []func() error{j.loadOrganizations, j.loadTerms, j.loadLocations, j.loadAddresses,
		j.loadSALs, j.loadPhones, j.loadSchedules, j.loadLanguages, j.loadDocuments, j.loadAttributes, j.countOthers} {
		if err := step(); err != nil {
			return err
		}
	}
	j.finishLocations()
	clear(j.ids) // each table's ids were checked as it was read
	return nil
}

func (j *csvJoin) loadOrganizations() error {
	tr, err := j.table("organization", "id name description email website")
	if tr == nil || err != nil {
		return err
	}
	defer tr.close()
	for tr.next(j.ps) {
		tr.countUnheld(j.notKept)
		if id, ok := j.uniqueID(tr); ok {
			j.orgs[id] = csvRec[*Organization]{&Organization{ID: id, Name: tr.get("name"), Description: tr.get("description"),
				Email: tr.get("email"), Website: tr.get("website")}, tr.row}
		}
	}
	return nil
}

func (j *csvJoin) loadTerms() error {
	tr, err := j.table("taxonomy_term", "id code name description taxonomy")
	if tr == nil || err != nil {
		return err
	}
	defer tr.close()
	for tr.next(j.ps) {
		tr.countUnheld(j.notKept)
		if id, ok := j.uniqueID(tr); ok {
			j.terms[id] = int32(len(j.termList))
			j.termList = append(j.termList, csvRec[*TaxonomyTerm]{&TaxonomyTerm{ID: id, Code: tr.get("code"), Name: tr.get("name"),
				Description: tr.get("description"), Taxonomy: tr.get("taxonomy")}, tr.row})
		}
	}
	return nil
}

func (j *csvJoin) loadLocations() error {
	tr, err := j.table("location", "id location_type name description")
	if tr == nil || err != nil {
		return err
	}
	defer tr.close()
	for tr.next(j.ps) {
		tr.countUnheld(j.notKept)
		if id, ok := j.uniqueID(tr); ok {
			j.locations[id] = &csvLocation{loc: &Location{ID: id, LocationType: tr.get("location_type"),
				Name: tr.get("name"), Description: tr.get("description")}, row: tr.row}
		}
	}
	return nil
}

func (j *csvJoin) loadAddresses() error {
	tr, err := j.table("address", "id location_id address_1 address_2 city state_province postal_code country address_type")
	if tr == nil || err != nil {
		return err
	}
	defer tr.close()
	for tr.next(j.ps) {
		tr.countUnheld(j.notKept)
		id, ok := j.uniqueID(tr)
		if !ok {
			continue
		}
		locID := strings.TrimSpace(tr.get("location_id"))
		l := j.locations[locID]
		if l == nil {
			j.missing(tr.path, tr.row, "location_id", locID, "locations.csv")
			continue
		}
		l.loc.Addresses = append(l.loc.Addresses, Address{ID: id, LocationID: locID, Address1: tr.get("address_1"),
			Address2: tr.get("address_2"), City: tr.get("city"), StateProvince: tr.get("state_province"),
			PostalCode: tr.get("postal_code"), Country: tr.get("country"), AddressType: tr.get("address_type")})
		l.addressRows = append(l.addressRows, tr.row)
	}
	return nil
}

func (j *csvJoin) loadSALs() error {
	tr, err := j.table("service_at_location", "id service_id location_id description")
	if tr == nil || err != nil {
		return err
	}
	defer tr.close()
	for tr.next(j.ps) {
		tr.countUnheld(j.notKept)
		id, ok := j.uniqueID(tr)
		if !ok {
			continue
		}
		sal := &csvSAL{sal: ServiceAtLocation{ID: id, ServiceID: strings.TrimSpace(tr.get("service_id")),
			LocationID: strings.TrimSpace(tr.get("location_id")), Description: tr.get("description")}, row: tr.row}
		if sal.sal.LocationID != "" {
			if sal.loc = j.locations[sal.sal.LocationID]; sal.loc == nil {
				j.missing(tr.path, tr.row, "location_id", sal.sal.LocationID, "locations.csv")
				continue
			}
			sal.loc.used = true
		}
		if sal.sal.ServiceID == "" {
			j.ps.file("%s: the row links no service; give the id of a service in services.csv", tr.where("service_id"))
			continue
		}
		j.sals[id] = sal
		c := j.child(sal.sal.ServiceID)
		c.sals = append(c.sals, sal)
	}
	return nil
}

// owner is what a phone or schedule row belongs to: a service, a
// service_at_location or a location, in that order of preference, since
// HSDS JSON nests a record once; the other links are redundant there.
// It returns false, having counted or reported the row, when it belongs
// to none the directory holds.
func (j *csvJoin) owner(tr *csvTableReader, kind string) (svc string, sal *csvSAL, loc *csvLocation, ok bool) {
	if svc = strings.TrimSpace(tr.get("service_id")); svc != "" {
		return svc, nil, nil, true
	}
	if id := strings.TrimSpace(tr.get("service_at_location_id")); id != "" {
		if sal = j.sals[id]; sal == nil {
			j.missing(tr.path, tr.row, "service_at_location_id", id, "service_at_location.csv")
			return "", nil, nil, false
		}
		return "", sal, nil, true
	}
	if id := strings.TrimSpace(tr.get("location_id")); id != "" {
		if loc = j.locations[id]; loc == nil {
			j.missing(tr.path, tr.row, "location_id", id, "locations.csv")
			return "", nil, nil, false
		}
		return "", nil, loc, true
	}
	j.notKept[tr.path+" rows of no service or location ("+kind+" of an organization or contact)"]++
	return "", nil, nil, false
}

func (j *csvJoin) loadPhones() error {
	tr, err := j.table("phone", "id service_id service_at_location_id location_id number extension type description")
	if tr == nil || err != nil {
		return err
	}
	defer tr.close()
	for tr.next(j.ps) {
		tr.countUnheld(j.notKept)
		id, ok := j.uniqueID(tr)
		if !ok {
			continue
		}
		p := Phone{ID: id, Number: tr.get("number"), Extension: j.number(tr, "extension"),
			Type: tr.get("type"), Description: tr.get("description")}
		svc, sal, loc, ok := j.owner(tr, "phones")
		switch {
		case !ok:
		case sal != nil:
			sal.sal.Phones = append(sal.sal.Phones, p)
			sal.phoneRows = append(sal.phoneRows, tr.row)
		case loc != nil:
			loc.loc.Phones = append(loc.loc.Phones, p)
			loc.phoneRows = append(loc.phoneRows, tr.row)
		default:
			p.ServiceID = svc
			c := j.child(svc)
			c.phones = append(c.phones, csvRec[Phone]{p, tr.row})
		}
	}
	return nil
}

func (j *csvJoin) loadSchedules() error {
	tr, err := j.table("schedule", "id service_id service_at_location_id location_id valid_from valid_to wkst freq interval byday byweekno bymonthday byyearday description opens_at closes_at notes")
	if tr == nil || err != nil {
		return err
	}
	defer tr.close()
	for tr.next(j.ps) {
		tr.countUnheld(j.notKept)
		id, ok := j.uniqueID(tr)
		if !ok {
			continue
		}
		s := Schedule{ID: id, ValidFrom: tr.get("valid_from"), ValidTo: tr.get("valid_to"), Wkst: tr.get("wkst"),
			Freq: tr.get("freq"), Interval: j.number(tr, "interval"), Byday: tr.get("byday"), Byweekno: tr.get("byweekno"),
			Bymonthday: tr.get("bymonthday"), Byyearday: tr.get("byyearday"), Description: tr.get("description"),
			OpensAt: tr.get("opens_at"), ClosesAt: tr.get("closes_at"), Notes: tr.get("notes")}
		svc, sal, loc, ok := j.owner(tr, "schedules")
		switch {
		case !ok:
		case sal != nil:
			sal.sal.Schedules = append(sal.sal.Schedules, s)
			sal.scheduleRows = append(sal.scheduleRows, tr.row)
		case loc != nil:
			loc.loc.Schedules = append(loc.loc.Schedules, s)
			loc.scheduleRows = append(loc.scheduleRows, tr.row)
		default:
			s.ServiceID = svc
			c := j.child(svc)
			c.schedules = append(c.schedules, csvRec[Schedule]{s, tr.row})
		}
	}
	return nil
}

func (j *csvJoin) loadLanguages() error {
	tr, err := j.table("language", "id service_id phone_id name code note")
	if tr == nil || err != nil {
		return err
	}
	defer tr.close()
	for tr.next(j.ps) {
		tr.countUnheld(j.notKept)
		l := Language{ID: strings.TrimSpace(tr.get("id")), Name: tr.get("name"), Code: tr.get("code"), Note: tr.get("note")}
		switch svc, phone := strings.TrimSpace(tr.get("service_id")), strings.TrimSpace(tr.get("phone_id")); {
		case svc != "":
			l.ServiceID = svc
			c := j.child(svc)
			c.languages = append(c.languages, csvRec[Language]{l, tr.row})
		case phone != "":
			j.phoneLanguages[phone] = append(j.phoneLanguages[phone], csvRec[Language]{l, tr.row})
		default:
			j.notKept[tr.path+" rows of no service or phone (languages of a location)"]++
		}
	}
	return nil
}

func (j *csvJoin) loadDocuments() error {
	tr, err := j.table("required_document", "id service_id document")
	if tr == nil || err != nil {
		return err
	}
	defer tr.close()
	for tr.next(j.ps) {
		tr.countUnheld(j.notKept)
		svc := strings.TrimSpace(tr.get("service_id"))
		if svc == "" {
			j.ps.file("%s: the row links no service; give the id of a service in services.csv", tr.where("service_id"))
			continue
		}
		c := j.child(svc)
		c.documents = append(c.documents, csvRec[RequiredDocument]{RequiredDocument{ID: strings.TrimSpace(tr.get("id")),
			ServiceID: svc, Document: tr.get("document")}, tr.row})
	}
	return nil
}

func (j *csvJoin) loadAttributes() error {
	tr, err := j.table("attribute", "id link_id taxonomy_term_id link_type link_entity value")
	if tr == nil || err != nil {
		return err
	}
	defer tr.close()
	// The table has most of a package's rows: its columns are looked up
	// once, and its words and terms compared with the row before's.
	id, link, termCol, linkType, kind, value := tr.index("id"), tr.index("link_id"), tr.index("taxonomy_term_id"),
		tr.index("link_type"), tr.index("link_entity"), tr.index("value")
	lastTermID, lastTerm := "", int32(-1)
	for tr.next(j.ps) {
		tr.countUnheld(j.notKept)
		a := csvAttr{value: strings.Clone(tr.at(value)), linkType: j.attrs.word(tr.at(linkType)),
			kind: j.attrs.word(tr.at(kind)), term: -1, row: int32(tr.row)}
		a.setID(strings.TrimSpace(tr.at(id)))
		if termID := strings.TrimSpace(tr.at(termCol)); termID == lastTermID && termID != "" {
			a.term = lastTerm
		} else if termID != "" {
			t, ok := j.terms[termID]
			if !ok {
				j.missing(tr.path, tr.row, "taxonomy_term_id", termID, "taxonomy_terms.csv")
				continue
			}
			a.term, lastTerm, lastTermID = t, t, j.termList[t].v.ID
		}
		j.attrs.add(strings.TrimSpace(tr.at(link)), a)
	}
	return nil
}

// countOthers counts the rows of the tables the directory has no place
// for (programs, contacts, funding, ...), so an import says what it left.
func (j *csvJoin) countOthers() error {
	for _, t := range csvTables {
		switch t.Name {
		case "organization", "service", "attribute", "service_at_location", "location", "phone", "address",
			"schedule", "required_document", "language", "taxonomy_term":
			continue
		}
		tr, err := j.table(t.Name, "")
		if tr == nil || err != nil {
			return err
		}
		n := 0
		for tr.next(j.ps) {
			n++
		}
		tr.close()
		if n > 0 {
			j.notKept[tr.path+" (the directory has no place for "+strings.ReplaceAll(t.Name, "_", " ")+" records)"] += n
		}
	}
	return nil
}

// finishLocations gives the phones and schedules of locations and
// service_at_locations their languages and attributes, once every table
// is read.
func (j *csvJoin) finishLocations() {
	for _, l := range j.locations {
		j.phoneParts(l.loc.Phones)
		j.scheduleParts(l.loc.Schedules)
	}
	for _, s := range j.sals {
		j.phoneParts(s.sal.Phones)
		j.scheduleParts(s.sal.Schedules)
	}
}

// phoneParts gives phones their languages and attributes, and returns
// the records they came from, by phone.
func (j *csvJoin) phoneParts(phones []Phone) (langs [][]csvRec[Language], attrs [][]csvAttrRow) {
	if len(phones) == 0 {
		return nil, nil
	}
	langs = make([][]csvRec[Language], len(phones))
	attrs = make([][]csvAttrRow, len(phones))
	for i := range phones {
		p := &phones[i]
		if recs, ok := j.phoneLanguages[p.ID]; ok && p.ID != "" {
			delete(j.phoneLanguages, p.ID)
			langs[i] = recs
			p.Languages = make([]Language, len(recs))
			for k, l := range recs {
				p.Languages[k] = l.v
			}
		}
		p.Attributes, attrs[i] = j.takeAttributes(p.ID)
	}
	return langs, attrs
}

// scheduleParts gives schedules their attributes, and returns the
// records they came from, by schedule.
func (j *csvJoin) scheduleParts(schedules []Schedule) [][]csvAttrRow {
	if len(schedules) == 0 {
		return nil
	}
	attrs := make([][]csvAttrRow, len(schedules))
	for i := range schedules {
		schedules[i].Attributes, attrs[i] = j.takeAttributes(schedules[i].ID)
	}
	return attrs
}

// at names a row of a table, "phones.csv row 3".
func (j *csvJoin) at(table string, row int) string {
	return j.p.tables[table] + " row " + strconv.Itoa(row)
}
