package hsds

// The terms of No Wrong Door's taxonomy (TaxonomyName): one per field of a
// listing HSDS has no place for. Each attribute of an export names its term
// in full (id, code, name, description, taxonomy), so a partner reading the
// file sees what the value means without a taxonomy file beside it; the
// descriptions are short because every attribute repeats them (a listing
// has about 25 attributes).

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
	termListingID:   {"Listing id", "The listing's id in No Wrong Door."},
	termLevel:       {"Level", "county, city, state, federal, nonprofit or business"},
	termService:     {"Service", "A thing to refer a customer for."},
	termKeyword:     {"Customer word", "A word customers use for the service."},
	termCategory:    {"Category", "A category the service is listed under."},
	termSourceURL:   {"Source", "A page the facts were taken from."},
	termSourceDate:  {"Source date", "When the sources were published."},
	termHours:       {"Hours as published", "The hours in the source's words."},
	termAlertUntil:  {"Alert until", "The last day the alert is shown."},
	termVerifiedBy:  {"Verified by", "Who last checked the listing."},
	termStaffNotes:  {"Notes for staff", "For staff only, never for a referral."},
	termArchived:    {"Archived", "Hidden from the desk, kept."},
	termEmail:       {"Email as written", "The email with the note after it."},
	termExtension:   {"Extension as written", "An extension with a leading zero."},
	termNote:        {"Staff note", "Where the number came from; staff only."},
	termOpen247:     {"Open 24/7", "The line answers at any hour."},
	termLabel:       {"Schedule label", "What these hours are for."},
	termUnconfirmed: {"Hours unconfirmed", "Confirm these hours before sharing."},
	termProposed:    {"Hours proposed", "Read from the hours text, unconfirmed."},
	termPart:        {"Schedule part", "Adds periods to the schedule before it."},
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
