package hsds

import (
	"slices"
	"strconv"
	"strings"

	"nowrongdoor/directory"
)

// csvTaken holds the records a service was joined from, so a problem
// with the service can be traced to its file and row; the map of paths is
// made only when one is (csvTaken.origin).
type csvTaken struct {
	j          *csvJoin
	row        int
	org        int // organizations.csv row, 0 when none
	c          *csvChildren
	attrs      []csvAttrRow
	phoneLangs [][]csvRec[Language]
	phoneAttrs [][]csvAttrRow // by phone
	schedAttrs [][]csvAttrRow // by schedule
}

// origin maps the HSDS paths of the service's parts to their rows.
func (t *csvTaken) origin() csvOrigin {
	j := t.j
	o := csvOrigin{"": j.at("service", t.row)}
	if t.org > 0 {
		o["organization"] = j.at("organization", t.org)
	}
	attrs := func(prefix string, rows []csvAttrRow) {
		for k, a := range rows {
			path := prefix + "attributes[" + strconv.Itoa(k) + "]"
			o[path] = j.at("attribute", int(a.row))
			if a.term >= 0 {
				o[path+".taxonomy_term"] = j.at("taxonomy_term", j.termList[a.term].row)
			}
		}
	}
	attrs("", t.attrs)
	if c := t.c; c != nil {
		for i, p := range c.phones {
			prefix := "phones[" + strconv.Itoa(i) + "]"
			o[prefix] = j.at("phone", p.row)
			for k, l := range t.phoneLangs[i] {
				o[prefix+".languages["+strconv.Itoa(k)+"]"] = j.at("language", l.row)
			}
			attrs(prefix+".", t.phoneAttrs[i])
		}
		for i, s := range c.schedules {
			prefix := "schedules[" + strconv.Itoa(i) + "]"
			o[prefix] = j.at("schedule", s.row)
			attrs(prefix+".", t.schedAttrs[i])
		}
		for i, l := range c.languages {
			o["languages["+strconv.Itoa(i)+"]"] = j.at("language", l.row)
		}
		for i, d := range c.documents {
			o["required_documents["+strconv.Itoa(i)+"]"] = j.at("required_document", d.row)
		}
		for i, sal := range c.sals {
			prefix := "service_at_locations[" + strconv.Itoa(i) + "]"
			o[prefix] = j.at("service_at_location", sal.row)
			rows := func(prefix, table string, rows []int) {
				for k, r := range rows {
					o[prefix+"["+strconv.Itoa(k)+"]"] = j.at(table, r)
				}
			}
			rows(prefix+".phones", "phone", sal.phoneRows)
			rows(prefix+".schedules", "schedule", sal.scheduleRows)
			if l := sal.loc; l != nil {
				o[prefix+".location"] = j.at("location", l.row)
				rows(prefix+".location.addresses", "address", l.addressRows)
				rows(prefix+".location.phones", "phone", l.phoneRows)
				rows(prefix+".location.schedules", "schedule", l.scheduleRows)
			}
		}
	}
	return o
}

// services reads services.csv, joining each service with its records,
// and calls fn with the service's record number (its position in the
// file, from 0) until fn returns false.
func (j *csvJoin) services(fn func(index int, s *Service, t *csvTaken) bool) error {
	tr, err := j.table("service", "id organization_id name alternate_name description url email status interpretation_services application_process fees_description fees eligibility_description assured_date alert last_modified")
	if tr == nil || err != nil {
		return err
	}
	defer tr.close()
	for index := 0; tr.next(j.ps); index++ {
		tr.countUnheld(j.notKept)
		id, ok := j.uniqueID(tr)
		if !ok {
			continue
		}
		s := &Service{ID: id, OrganizationID: strings.TrimSpace(tr.get("organization_id")), Name: tr.get("name"),
			AlternateName: tr.get("alternate_name"), Description: tr.get("description"), URL: tr.get("url"),
			Email: tr.get("email"), Status: tr.get("status"), InterpretationServices: tr.get("interpretation_services"),
			ApplicationProcess: tr.get("application_process"), FeesDescription: tr.get("fees_description"), Fees: tr.get("fees"),
			EligibilityDescription: tr.get("eligibility_description"), AssuredDate: tr.get("assured_date"),
			Alert: tr.get("alert"), LastModified: tr.get("last_modified")}
		t := &csvTaken{j: j, row: tr.row}
		if s.OrganizationID != "" {
			org, ok := j.orgs[s.OrganizationID]
			if !ok {
				j.ps.list = append(j.ps.list, directory.Problem{Index: index, ID: id, Field: tr.where("organization_id"),
					Message: tr.where("organization_id") + ": " + strconv.Quote(s.OrganizationID) + " names no organization in organizations.csv; correct the id, or add the organization"})
			} else {
				o := *org.v // the organization is shared; each service gets its own copy
				s.Organization, t.org = &o, org.row
			}
		}
		if c, ok := j.children[id]; ok {
			delete(j.children, id)
			t.c = c
			s.Phones = recValues(c.phones)
			t.phoneLangs, t.phoneAttrs = j.phoneParts(s.Phones)
			s.Schedules = recValues(c.schedules)
			t.schedAttrs = j.scheduleParts(s.Schedules)
			s.Languages = recValues(c.languages)
			s.RequiredDocuments = recValues(c.documents)
			for _, sal := range c.sals {
				v := sal.sal
				if sal.loc != nil {
					v.Location = sal.loc.loc
				}
				s.ServiceAtLocations = append(s.ServiceAtLocations, v)
			}
		}
		s.Attributes, t.attrs = j.takeAttributes(id)
		if !fn(index, s, t) {
			break
		}
	}
	return nil
}

// recValues returns the records' values.
func recValues[T any](recs []csvRec[T]) []T {
	if len(recs) == 0 {
		return nil
	}
	out := make([]T, len(recs))
	for i, r := range recs {
		out[i] = r.v
	}
	return out
}

// leftovers reports the records that were linked to a service, phone or
// schedule the package does not have, once every service is read, and
// counts what no record of the directory could take.
func (j *csvJoin) leftovers() {
	type orphan struct {
		table, column, id string
		row               int
	}
	var orphans []orphan
	for id, c := range j.children {
		for _, r := range c.phones {
			orphans = append(orphans, orphan{"phone", "service_id", id, r.row})
		}
		for _, r := range c.schedules {
			orphans = append(orphans, orphan{"schedule", "service_id", id, r.row})
		}
		for _, r := range c.languages {
			orphans = append(orphans, orphan{"language", "service_id", id, r.row})
		}
		for _, r := range c.documents {
			orphans = append(orphans, orphan{"required_document", "service_id", id, r.row})
		}
		for _, sal := range c.sals {
			orphans = append(orphans, orphan{"service_at_location", "service_id", id, sal.row})
		}
	}
	for id, recs := range j.phoneLanguages {
		for _, r := range recs {
			orphans = append(orphans, orphan{"language", "phone_id", id, r.row})
		}
	}
	for id, c := range j.attrs.chains {
		for i := c.first; i >= 0; i = j.attrs.rec(i).next {
			r := j.attrs.rec(i)
			switch j.attrs.words[r.kind] {
			case "service", "phone", "schedule":
				orphans = append(orphans, orphan{"attribute", "link_id", id, int(r.row)})
			default:
				// Attributes of organizations, locations and other
				// records: the directory has no place for them.
				j.notKept[j.p.tables["attribute"]+" rows of no service, phone or schedule"]++
			}
		}
	}
	for _, l := range j.locations {
		if !l.used {
			j.notKept[j.p.tables["location"]+" rows no service is at"]++
		}
	}
	slices.SortFunc(orphans, func(a, b orphan) int {
		if a.table != b.table {
			return csvTableIndex(a.table) - csvTableIndex(b.table)
		}
		return a.row - b.row
	})
	for _, o := range orphans {
		table := map[string]string{"service_id": "services.csv", "phone_id": "phones.csv"}[o.column]
		if o.column == "link_id" {
			table = "services.csv, phones.csv or schedules.csv"
		}
		j.missing(j.p.tables[o.table], o.row, o.column, o.id, table)
	}
}

// csvTableIndex is the position of the named table in csvTables.
func csvTableIndex(name string) int {
	return slices.IndexFunc(csvTables, func(t *csvTable) bool { return t.Name == name })
}
