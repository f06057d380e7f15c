package hsds

// The HSDS 3.0 records this package reads and writes, with the fields of
// the schema (schema/compiled/service.json) the directory can hold or
// needs to name. Optional fields are omitted when empty, as the spec's
// examples do; required ones (id, name, status, organization description,
// address lines) are always written.

// Service is an HSDS service with its organization, phones, schedules and
// locations nested, as the spec's service_full.json and service_list.json
// carry it.
type Service struct {
	ID                     string `json:"id"`
	OrganizationID         string `json:"organization_id,omitempty"`
	Name                   string `json:"name"`
	AlternateName          string `json:"alternate_name,omitempty"`
	Description            string `json:"description,omitempty"`
	URL                    string `json:"url,omitempty"`
	Email                  string `json:"email,omitempty"`
	Status                 string `json:"status"`
	InterpretationServices string `json:"interpretation_services,omitempty"`
	ApplicationProcess     string `json:"application_process,omitempty"`
	FeesDescription        string `json:"fees_description,omitempty"`
	// Fees is HSDS 3.0's older name for fees_description; it is read
	// when fees_description is empty and never written.
	Fees                   string              `json:"fees,omitempty"`
	EligibilityDescription string              `json:"eligibility_description,omitempty"`
	AssuredDate            string              `json:"assured_date,omitempty"`
	Alert                  string              `json:"alert,omitempty"`
	LastModified           string              `json:"last_modified,omitempty"`
	Phones                 []Phone             `json:"phones,omitempty"`
	Schedules              []Schedule          `json:"schedules,omitempty"`
	ServiceAtLocations     []ServiceAtLocation `json:"service_at_locations,omitempty"`
	Languages              []Language          `json:"languages,omitempty"`
	Organization           *Organization       `json:"organization,omitempty"`
	RequiredDocuments      []RequiredDocument  `json:"required_documents,omitempty"`
	Attributes             []Attribute         `json:"attributes,omitempty"`
}

// Organization is the body that runs a service.
type Organization struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Email       string `json:"email,omitempty"`
	Website     string `json:"website,omitempty"`
}

// Phone is a number a customer can call. HSDS gives the extension as a
// number; Extension keeps it as written so leading zeros survive a read.
type Phone struct {
	ID          string      `json:"id"`
	ServiceID   string      `json:"service_id,omitempty"`
	Number      string      `json:"number"`
	Extension   *float64    `json:"extension,omitempty"`
	Type        string      `json:"type,omitempty"`
	Description string      `json:"description,omitempty"`
	Languages   []Language  `json:"languages,omitempty"`
	Attributes  []Attribute `json:"attributes,omitempty"`
}

// Schedule is one HSDS schedule record: one opening period (opens_at to
// closes_at, HH:MM) on the days in Byday (iCal's "MO,TU"), or only a
// description.
type Schedule struct {
	ID          string      `json:"id"`
	ServiceID   string      `json:"service_id,omitempty"`
	ValidFrom   string      `json:"valid_from,omitempty"`
	ValidTo     string      `json:"valid_to,omitempty"`
	Wkst        string      `json:"wkst,omitempty"`
	Freq        string      `json:"freq,omitempty"`
	Interval    *float64    `json:"interval,omitempty"`
	Byday       string      `json:"byday,omitempty"`
	Byweekno    string      `json:"byweekno,omitempty"`
	Bymonthday  string      `json:"bymonthday,omitempty"`
	Byyearday   string      `json:"byyearday,omitempty"`
	Description string      `json:"description,omitempty"`
	OpensAt     string      `json:"opens_at,omitempty"`
	ClosesAt    string      `json:"closes_at,omitempty"`
	Notes       string      `json:"notes,omitempty"`
	Attributes  []Attribute `json:"attributes,omitempty"`
}

// ServiceAtLocation links a service to a location where it is given.
type ServiceAtLocation struct {
	ID          string     `json:"id"`
	ServiceID   string     `json:"service_id,omitempty"`
	LocationID  string     `json:"location_id,omitempty"`
	Description string     `json:"description,omitempty"`
	Phones      []Phone    `json:"phones,omitempty"`
	Schedules   []Schedule `json:"schedules,omitempty"`
	Location    *Location  `json:"location,omitempty"`
}

// Location is a place; physical ones have a street address.
type Location struct {
	ID           string     `json:"id"`
	LocationType string     `json:"location_type"`
	Name         string     `json:"name,omitempty"`
	Description  string     `json:"description,omitempty"`
	Addresses    []Address  `json:"addresses,omitempty"`
	Phones       []Phone    `json:"phones,omitempty"`
	Schedules    []Schedule `json:"schedules,omitempty"`
}

// Address is a location's street (physical) or mailing (postal) address.
type Address struct {
	ID            string `json:"id"`
	LocationID    string `json:"location_id,omitempty"`
	Address1      string `json:"address_1"`
	Address2      string `json:"address_2,omitempty"`
	City          string `json:"city"`
	StateProvince string `json:"state_province"`
	PostalCode    string `json:"postal_code"`
	Country       string `json:"country"`
	AddressType   string `json:"address_type"`
}

// Language is a language a service (or phone) is offered in.
type Language struct {
	ID        string `json:"id"`
	ServiceID string `json:"service_id,omitempty"`
	Name      string `json:"name,omitempty"`
	Code      string `json:"code,omitempty"`
	Note      string `json:"note,omitempty"`
}

// RequiredDocument is a document a customer must bring.
type RequiredDocument struct {
	ID        string `json:"id"`
	ServiceID string `json:"service_id,omitempty"`
	Document  string `json:"document,omitempty"`
}

// Attribute tags a record with a taxonomy term and, optionally, a value.
// The directory's fields HSDS has no place for (level, customer words,
// staff notes...) travel as attributes of its own taxonomy; see
// TaxonomyName.
type Attribute struct {
	ID             string        `json:"id"`
	LinkID         string        `json:"link_id,omitempty"`
	TaxonomyTermID string        `json:"taxonomy_term_id,omitempty"`
	LinkType       string        `json:"link_type,omitempty"`
	LinkEntity     string        `json:"link_entity,omitempty"`
	Value          string        `json:"value,omitempty"`
	TaxonomyTerm   *TaxonomyTerm `json:"taxonomy_term,omitempty"`
}

// TaxonomyTerm is a term of a taxonomy.
type TaxonomyTerm struct {
	ID          string `json:"id"`
	Code        string `json:"code,omitempty"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Taxonomy    string `json:"taxonomy,omitempty"`
}

// TaxonomyName names the taxonomy of the attributes that carry the
// directory's own fields.
const TaxonomyName = "No Wrong Door"
