package hsds

import (
	"bytes"
	"strconv"
)

// The walker decodes the members the model holds as it checks a record,
// so a service is read in one pass with no reflection, and the members
// ToListing does not read (the ids of records nested in a service, the
// descriptions of terms) are never copied: reading a statewide file
// spends its time here.

// objectTypes are the walker's types by name.
var objectTypes = func() map[string]*object {
	m := map[string]*object{}
	var visit func(o *object)
	visit = func(o *object) {
		if m[o.name] != nil {
			return
		}
		m[o.name] = o
		for _, mem := range o.members {
			if mem.typ != nil {
				visit(mem.typ)
			}
		}
	}
	visit(serviceObject)
	return m
}()

var (
	phoneObject       = objectTypes["phone"]
	scheduleObject    = objectTypes["schedule"]
	salObject         = objectTypes["service_at_location"]
	locationObject    = objectTypes["location"]
	addressObject     = objectTypes["address"]
	languageObject    = objectTypes["language"]
	documentObject    = objectTypes["required_document"]
	attributeObject   = objectTypes["attribute"]
	termObject        = objectTypes["taxonomy_term"]
	organizationObjec = objectTypes["organization"]
)

// text reads the string at w.pos.
func (w *walker) text() string {
	raw := w.str()
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw)
	}
	return unescape(raw)
}

// interned reads the string at w.pos, sharing one copy of each of the
// short texts that repeat from record to record (the codes and names of
// terms).
func (w *walker) interned() string {
	raw := w.str()
	if len(raw) > 64 || bytes.IndexByte(raw, '\\') >= 0 {
		w.pos -= len(raw) + 2
		return w.text()
	}
	if s, ok := w.strings[string(raw)]; ok {
		return s
	}
	s := string(raw)
	if w.strings == nil {
		w.strings = map[string]string{}
	}
	if len(w.strings) < 4096 {
		w.strings[s] = s
	}
	return s
}

// newTerm returns a zero term from the walker's slab: a record's terms
// are read by ToListing and then dropped, so the slab is used again for
// the next record (see reset).
func (w *walker) newTerm() *TaxonomyTerm {
	if len(w.terms) == cap(w.terms) {
		w.terms = make([]TaxonomyTerm, 0, max(64, 2*cap(w.terms)))
	}
	w.terms = append(w.terms, TaxonomyTerm{})
	return &w.terms[len(w.terms)-1]
}

// reset readies the walker for the next record, keeping the memory of
// the last one's service, which ToListing has copied what it keeps from.
func (w *walker) reset() {
	w.problems, w.notKept, w.bad = nil, nil, nil
	w.terms = w.terms[:0]
	s := &w.svc
	*s = Service{Phones: s.Phones[:0], Schedules: s.Schedules[:0], Attributes: s.Attributes[:0],
		Languages: s.Languages[:0], ServiceAtLocations: s.ServiceAtLocations[:0], RequiredDocuments: s.RequiredDocuments[:0]}
}

// number reads the number at w.pos; a number out of range is a problem.
func (w *walker) number() *float64 {
	start := w.pos
	w.skip()
	f, err := strconv.ParseFloat(string(w.data[start:w.pos]), 64)
	if err != nil {
		w.problem(string(w.path) + " " + string(w.data[start:w.pos]) + " is not a number that can be read")
		w.bad = append(w.bad, string(w.path))
		return nil
	}
	return &f
}

// set decodes the member key of the record dst at w.pos; see setter.
func (w *walker) set(dst any, key string, held bool) bool {
	switch d := dst.(type) {
	case *Service:
		return w.setService(d, key, held)
	case *Organization:
		return w.setOrganization(d, key, held)
	case *Phone:
		return w.setPhone(d, key, held)
	case *Schedule:
		return w.setSchedule(d, key, held)
	case *ServiceAtLocation:
		return w.setServiceAtLocation(d, key, held)
	case *Location:
		return w.setLocation(d, key, held)
	case *Address:
		return w.setAddress(d, key, held)
	case *Language:
		return w.setLanguage(d, key, held)
	case *RequiredDocument:
		return w.setDocument(d, key, held)
	case *Attribute:
		return w.setAttribute(d, key, held)
	case *TaxonomyTerm:
		return w.setTerm(d, key, held)
	}
	return false
}

func (w *walker) service(s *Service) { w.object(serviceObject, true, s) }

func (w *walker) setService(s *Service, key string, held bool) bool {
	switch key {
	case "id":
		s.ID = w.text()
	case "organization_id":
		s.OrganizationID = w.text()
	case "name":
		s.Name = w.text()
	case "alternate_name":
		s.AlternateName = w.text()
	case "description":
		s.Description = w.text()
	case "url":
		s.URL = w.text()
	case "email":
		s.Email = w.text()
	case "status":
		s.Status = w.text()
	case "interpretation_services":
		s.InterpretationServices = w.text()
	case "application_process":
		s.ApplicationProcess = w.text()
	case "fees_description":
		s.FeesDescription = w.text()
	case "fees":
		s.Fees = w.text()
	case "eligibility_description":
		s.EligibilityDescription = w.text()
	case "assured_date":
		s.AssuredDate = w.text()
	case "alert":
		s.Alert = w.text()
	case "last_modified":
		s.LastModified = w.text()
	case "phones":
		for mark, i := w.arrayOpen(), 0; w.arrayNext(mark, &i); {
			s.Phones = append(s.Phones, Phone{})
			w.phone(&s.Phones[len(s.Phones)-1], held)
		}
	case "schedules":
		for mark, i := w.arrayOpen(), 0; w.arrayNext(mark, &i); {
			s.Schedules = append(s.Schedules, Schedule{})
			w.schedule(&s.Schedules[len(s.Schedules)-1], held)
		}
	case "service_at_locations":
		for mark, i := w.arrayOpen(), 0; w.arrayNext(mark, &i); {
			s.ServiceAtLocations = append(s.ServiceAtLocations, ServiceAtLocation{})
			w.serviceAtLocation(&s.ServiceAtLocations[len(s.ServiceAtLocations)-1], held)
		}
	case "languages":
		for mark, i := w.arrayOpen(), 0; w.arrayNext(mark, &i); {
			s.Languages = append(s.Languages, Language{})
			w.language(&s.Languages[len(s.Languages)-1], held)
		}
	case "organization":
		s.Organization = &Organization{}
		w.organization(s.Organization, held)
	case "required_documents":
		for mark, i := w.arrayOpen(), 0; w.arrayNext(mark, &i); {
			s.RequiredDocuments = append(s.RequiredDocuments, RequiredDocument{})
			w.document(&s.RequiredDocuments[len(s.RequiredDocuments)-1], held)
		}
	case "attributes":
		for mark, i := w.arrayOpen(), 0; w.arrayNext(mark, &i); {
			s.Attributes = append(s.Attributes, Attribute{})
			w.attribute(&s.Attributes[len(s.Attributes)-1], held)
		}
	default:
		return false
	}
	return true
}

func (w *walker) organization(o *Organization, held bool) { w.object(organizationObjec, held, o) }

func (w *walker) setOrganization(o *Organization, key string, _ bool) bool {
	switch key {
	case "id":
		o.ID = w.text()
	case "name":
		o.Name = w.text()
	case "description":
		o.Description = w.text()
	case "email":
		o.Email = w.text()
	case "website":
		o.Website = w.text()
	default:
		return false
	}
	return true
}

func (w *walker) phone(p *Phone, held bool) { w.object(phoneObject, held, p) }

func (w *walker) setPhone(p *Phone, key string, held bool) bool {
	switch key {
	case "id":
		p.ID = w.text()
	case "number":
		p.Number = w.text()
	case "extension":
		p.Extension = w.number()
	case "type":
		p.Type = w.text()
	case "description":
		p.Description = w.text()
	case "languages":
		for mark, i := w.arrayOpen(), 0; w.arrayNext(mark, &i); {
			p.Languages = append(p.Languages, Language{})
			w.language(&p.Languages[len(p.Languages)-1], held)
		}
	case "attributes":
		for mark, i := w.arrayOpen(), 0; w.arrayNext(mark, &i); {
			p.Attributes = append(p.Attributes, Attribute{})
			w.attribute(&p.Attributes[len(p.Attributes)-1], held)
		}
	default:
		return false
	}
	return true
}

func (w *walker) schedule(s *Schedule, held bool) { w.object(scheduleObject, held, s) }

func (w *walker) setSchedule(s *Schedule, key string, held bool) bool {
	switch key {
	case "id":
		s.ID = w.text()
	case "valid_from":
		s.ValidFrom = w.text()
	case "valid_to":
		s.ValidTo = w.text()
	case "wkst":
		s.Wkst = w.text()
	case "freq":
		s.Freq = w.text()
	case "interval":
		s.Interval = w.number()
	case "byday":
		s.Byday = w.text()
	case "byweekno":
		s.Byweekno = w.text()
	case "bymonthday":
		s.Bymonthday = w.text()
	case "byyearday":
		s.Byyearday = w.text()
	case "description":
		s.Description = w.text()
	case "opens_at":
		s.OpensAt = w.text()
	case "closes_at":
		s.ClosesAt = w.text()
	case "notes":
		s.Notes = w.text()
	case "attributes":
		for mark, i := w.arrayOpen(), 0; w.arrayNext(mark, &i); {
			s.Attributes = append(s.Attributes, Attribute{})
			w.attribute(&s.Attributes[len(s.Attributes)-1], held)
		}
	default:
		return false
	}
	return true
}

func (w *walker) serviceAtLocation(sal *ServiceAtLocation, held bool) { w.object(salObject, held, sal) }

func (w *walker) setServiceAtLocation(sal *ServiceAtLocation, key string, held bool) bool {
	switch key {
	case "description":
		sal.Description = w.text()
	case "phones":
		for mark, i := w.arrayOpen(), 0; w.arrayNext(mark, &i); {
			sal.Phones = append(sal.Phones, Phone{})
			w.phone(&sal.Phones[len(sal.Phones)-1], held)
		}
	case "schedules":
		for mark, i := w.arrayOpen(), 0; w.arrayNext(mark, &i); {
			sal.Schedules = append(sal.Schedules, Schedule{})
			w.schedule(&sal.Schedules[len(sal.Schedules)-1], held)
		}
	case "location":
		sal.Location = &Location{}
		w.location(sal.Location, held)
	default:
		return false
	}
	return true
}

func (w *walker) location(l *Location, held bool) { w.object(locationObject, held, l) }

func (w *walker) setLocation(l *Location, key string, held bool) bool {
	switch key {
	case "location_type":
		l.LocationType = w.text()
	case "name":
		l.Name = w.text()
	case "description":
		l.Description = w.text()
	case "addresses":
		for mark, i := w.arrayOpen(), 0; w.arrayNext(mark, &i); {
			l.Addresses = append(l.Addresses, Address{})
			w.address(&l.Addresses[len(l.Addresses)-1], held)
		}
	case "phones":
		for mark, i := w.arrayOpen(), 0; w.arrayNext(mark, &i); {
			l.Phones = append(l.Phones, Phone{})
			w.phone(&l.Phones[len(l.Phones)-1], held)
		}
	case "schedules":
		for mark, i := w.arrayOpen(), 0; w.arrayNext(mark, &i); {
			l.Schedules = append(l.Schedules, Schedule{})
			w.schedule(&l.Schedules[len(l.Schedules)-1], held)
		}
	default:
		return false
	}
	return true
}

func (w *walker) address(a *Address, held bool) { w.object(addressObject, held, a) }

func (w *walker) setAddress(a *Address, key string, _ bool) bool {
	switch key {
	case "address_1":
		a.Address1 = w.text()
	case "address_2":
		a.Address2 = w.text()
	case "city":
		a.City = w.text()
	case "state_province":
		a.StateProvince = w.text()
	case "postal_code":
		a.PostalCode = w.text()
	case "country":
		a.Country = w.text()
	case "address_type":
		a.AddressType = w.text()
	default:
		return false
	}
	return true
}

func (w *walker) language(l *Language, held bool) { w.object(languageObject, held, l) }

func (w *walker) setLanguage(l *Language, key string, _ bool) bool {
	switch key {
	case "name":
		l.Name = w.text()
	case "code":
		l.Code = w.text()
	case "note":
		l.Note = w.text()
	default:
		return false
	}
	return true
}

func (w *walker) document(d *RequiredDocument, held bool) { w.object(documentObject, held, d) }

func (w *walker) setDocument(d *RequiredDocument, key string, _ bool) bool {
	if key != "document" {
		return false
	}
	d.Document = w.text()
	return true
}

func (w *walker) attribute(a *Attribute, held bool) { w.object(attributeObject, held, a) }

func (w *walker) setAttribute(a *Attribute, key string, held bool) bool {
	switch key {
	case "taxonomy_term_id":
		a.TaxonomyTermID = w.interned()
	case "value":
		a.Value = w.text()
	case "taxonomy_term":
		a.TaxonomyTerm = w.newTerm()
		w.term(a.TaxonomyTerm, held)
	default:
		return false
	}
	return true
}

func (w *walker) term(t *TaxonomyTerm, held bool) { w.object(termObject, held, t) }

func (w *walker) setTerm(t *TaxonomyTerm, key string, _ bool) bool {
	switch key {
	case "id":
		t.ID = w.interned()
	case "code":
		t.Code = w.interned()
	case "name":
		t.Name = w.interned()
	case "taxonomy":
		t.Taxonomy = w.interned()
	default:
		return false
	}
	return true
}
