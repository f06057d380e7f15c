package hsds

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"nowrongdoor/directory"
)

// FromListing lays a listing out as one HSDS service with its organization,
// phones, schedules, location, languages, required documents and the
// attributes that carry the fields HSDS has no place for (see doc.go). l
// should be normalized and valid; a schedule period that cannot be written
// is an error. Records nested in the service do not repeat its id
// (service_id), which a file that nests them does not need.
func FromListing(l *directory.Listing) (Service, error) {
	sid := ServiceID(l.ID)
	s := Service{
		ID: sid, Name: l.Name, Description: l.Description, URL: l.Website, Status: exportStatus(l.Status),
		FeesDescription: l.Fees, EligibilityDescription: l.Eligibility, Alert: l.Alert,
		AssuredDate: l.VerifiedOn.String(),
	}
	// HSDS's email is an address; the directory's may have a note after it.
	address, _, _ := strings.Cut(l.Email, " ")
	s.Email = address
	if !l.UpdatedAt.IsZero() {
		s.LastModified = l.UpdatedAt.UTC().Format(time.RFC3339Nano)
	}
	if l.Organization != "" {
		oid := OrganizationID(l.Organization)
		s.OrganizationID = oid
		s.Organization = &Organization{ID: oid, Name: l.Organization}
	}
	given := map[string]bool{}
	a := attrs{listingID: l.ID, link: "service", given: given}
	a.add(termListingID, l.ID)
	a.add(termLevel, string(l.Level))
	for _, v := range l.Services {
		a.add(termService, v)
	}
	for _, v := range l.Keywords {
		a.add(termKeyword, v)
	}
	for _, v := range l.Categories {
		a.add(termCategory, v)
	}
	for _, v := range l.SourceURLs {
		a.add(termSourceURL, v)
	}
	a.add(termSourceDate, l.SourceDate)
	a.add(termHours, l.Hours)
	a.add(termAlertUntil, l.AlertUntil.String())
	a.add(termVerifiedBy, l.VerifiedBy)
	a.add(termStaffNotes, l.StaffNotes)
	a.addFlag(termArchived, l.Archived)
	if l.Email != address {
		a.add(termEmail, l.Email)
	}
	s.Attributes = a.out

	if len(l.Phones) > 0 {
		s.Phones = make([]Phone, len(l.Phones))
	}
	for i, p := range l.Phones {
		pid := PhoneID(l.ID, i)
		ph := Phone{ID: pid, Number: p.Number, Type: "voice", Description: p.Label}
		pa := attrs{listingID: l.ID, link: "phone:" + strconv.Itoa(i), given: given}
		if n, ok := plainNumber(p.Ext); ok {
			ph.Extension = &n
		} else {
			pa.add(termExtension, p.Ext)
		}
		pa.add(termNote, p.Note)
		pa.addFlag(termOpen247, p.Open247)
		ph.Attributes = pa.out
		s.Phones[i] = ph
	}

	for i, sc := range l.Schedules {
		parts, err := Parts(sc)
		if err != nil {
			return Service{}, fmt.Errorf("listing %q: schedule %d: %w", l.ID, i+1, err)
		}
		for j, p := range parts {
			id := ScheduleID(l.ID, i, j)
			r := Schedule{ID: id, ValidFrom: sc.ValidFrom.String(), ValidTo: sc.ValidTo.String(),
				Description: sc.Description}
			if p.Byday != "" {
				r.Freq, r.Wkst, r.Byday = "WEEKLY", "MO", p.Byday
				// HSDS times are times of day: a period past midnight
				// closes at the next day's time, earlier than it opens.
				opens, _ := ParseHHMM(p.OpensAt)
				closes, _ := ParseHHMM(p.ClosesAt)
				r.OpensAt, r.ClosesAt = HHMM(opens%(24*60)), HHMM(closes%(24*60))
			}
			ra := attrs{listingID: l.ID, link: "schedule:" + strconv.Itoa(i) + ":" + strconv.Itoa(j), given: given}
			if j > 0 {
				ra.add(termPart, strconv.Itoa(j))
			}
			ra.add(termLabel, sc.Label)
			ra.addFlag(termUnconfirmed, sc.Unconfirmed)
			ra.addFlag(termProposed, sc.Proposed)
			r.Attributes = ra.out
			s.Schedules = append(s.Schedules, r)
		}
	}

	if ad := l.Address; ad != (directory.Address{}) {
		lid := LocationID(l.ID)
		s.ServiceAtLocations = []ServiceAtLocation{{
			ID: ServiceAtLocationID(l.ID), LocationID: lid,
			Location: &Location{ID: lid, LocationType: "physical", Addresses: []Address{{
				ID: AddressID(l.ID), LocationID: lid, Address1: ad.Street, City: ad.City, StateProvince: ad.State,
				PostalCode: ad.Zip, Country: "US", AddressType: "physical",
			}}},
		}}
	}
	for i, name := range l.Languages {
		s.Languages = append(s.Languages, Language{ID: LanguageID(l.ID, i), Name: name})
	}
	if l.Documents != "" {
		s.RequiredDocuments = []RequiredDocument{{ID: RequiredDocumentID(l.ID), ServiceID: sid, Document: l.Documents}}
	}
	return s, nil
}

// attrs collects the attributes of one record of a listing.
type attrs struct {
	listingID, link string
	out             []Attribute
	// given holds the codes whose term a record of the same service has
	// spelled out already: after the first, an attribute names its term
	// by id alone. Every attribute spelling out its term made an export
	// of 100,000 listings 924 MB, four fifths of it the same terms again.
	given map[string]bool
}

// add adds an attribute with value, unless value is empty.
func (a *attrs) add(code, value string) {
	if value == "" {
		return
	}
	t := termRecords[code]
	// Nested under its record, an attribute's link is where it sits: its
	// link_id and link_entity would repeat the record's id and kind in
	// every attribute, a third of an export. The CSV package, flat, writes
	// them from the record.
	at := Attribute{ID: AttributeID(a.listingID, a.link, len(a.out)), Value: value}
	if a.given[code] {
		at.TaxonomyTermID = t.ID
	} else {
		at.TaxonomyTerm = t // its id is the term's, not written twice
		a.given[code] = true
	}
	a.out = append(a.out, at)
}

// addFlag adds an attribute with value "true" when set.
func (a *attrs) addFlag(code string, set bool) {
	if set {
		a.add(code, "true")
	}
}

// plainNumber reads an extension HSDS can hold as a number: digits with
// no leading zero, which read back as the same text.
func plainNumber(ext string) (float64, bool) {
	if ext == "" || len(ext) > 15 || (ext[0] == '0' && ext != "0") {
		return 0, false
	}
	for i := 0; i < len(ext); i++ {
		if ext[i] < '0' || ext[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseFloat(ext, 64)
	return n, err == nil
}

// exportStatus names a status as HSDS does.
func exportStatus(s directory.Status) string {
	switch s {
	case directory.StatusTemporarilyClosed:
		return "temporarily closed"
	case "":
		return string(directory.StatusActive)
	}
	return string(s)
}
