package hsds

// The terms of No Wrong Door's taxonomy (TaxonomyName): one per field of a
// listing HSDS has no place for. Each attribute of an export names its term
// in full (id, code, name, description, taxonomy), so a partner reading the
// file sees what the value means without a taxonomy file beside it.

// The codes of the terms, as attributes carry them.
const (
	termListingID  = "listing_id"
	termLevel      = "level"
	termService    = "service"
	termKeyword    = "keyword"
	termCategory   = "category"
	termSourceURL  = "source_url"
	termSourceDate = "source_date"
	termHours      = "hours"
	termAlertUntil = "alert_until"
	termVerifiedBy = "verified_by"
	termStaffNotes = "notes_for_staff"
	termArchived   = "archived"
	termEmail      = "email"
	// Of a phone.
	termExtension = "extension"
	termNote      = "note"
	termOpen247   = "open_24_7"
	// Of a schedule record.
	termLabel       = "label"
	termUnconfirmed = "unconfirmed"
	termProposed    = "proposed"
	termPart        = "part"
)

// term is a term's name and description.
type term struct{ name, description string }

// terms are the taxonomy's terms by code.
var terms = map[string]term{
	termListingID:   {"Listing id", "The listing's id in No Wrong Door, kept so that an import of this file updates the same listing."},
	termLevel:       {"Level", "Which kind of body runs the service: county, city, state, federal, nonprofit or business."},
	termService:     {"Service", "One thing to refer a customer for, in staff's words."},
	termKeyword:     {"Customer word", "A word or phrase customers use for the service, English or Spanish."},
	termCategory:    {"Category", "A category of the directory the service is listed under."},
	termSourceURL:   {"Source", "A web page the listing's facts were taken from."},
	termSourceDate:  {"Source date", "When the sources were published: YYYY, YYYY-MM or YYYY-MM-DD."},
	termHours:       {"Hours as published", "The opening hours in the words of the source; the schedules are read from them."},
	termAlertUntil:  {"Alert until", "The last day (YYYY-MM-DD) the service's alert is shown."},
	termVerifiedBy:  {"Verified by", "Who last checked the listing against its sources (assured_date is when)."},
	termStaffNotes:  {"Notes for staff", "Notes for library staff only, never for a referral: where a fact came from, what to confirm."},
	termArchived:    {"Archived", "The listing is archived: hidden from the desk and kept."},
	termEmail:       {"Email as written", "The email text in full when a note follows the address (email holds the address alone)."},
	termExtension:   {"Extension as written", "The phone's extension when it is not a plain number (a leading zero)."},
	termNote:        {"Staff note", "Where the number came from, for staff only; never given to a customer."},
	termOpen247:     {"Open 24/7", "The line answers at any hour, whatever the service's schedule."},
	termLabel:       {"Schedule label", "What the hours are for when a service has several (\"Shelter\", \"Office\")."},
	termUnconfirmed: {"Hours unconfirmed", "The sources doubt these hours; confirm them before sharing."},
	termProposed:    {"Hours proposed", "Read by a program from the hours as published; not yet confirmed by a person."},
	termPart:        {"Schedule part", "This record adds periods to the schedule of the record before it (one schedule, several opening periods)."},
}

// termByID maps the id of each term to its code, for attributes that name
// their term by taxonomy_term_id alone.
var termByID = func() map[string]string {
	m := make(map[string]string, len(terms))
	for code := range terms {
		m[TermID(code)] = code
	}
	return m
}()

// termRecords are the HSDS records of the terms by code, made once: every
// attribute of an export shares its term's record.
var termRecords = func() map[string]*TaxonomyTerm {
	m := make(map[string]*TaxonomyTerm, len(terms))
	for code, t := range terms {
		m[code] = &TaxonomyTerm{ID: TermID(code), Code: code, Name: t.name, Description: t.description, Taxonomy: TaxonomyName}
	}
	return m
}()
