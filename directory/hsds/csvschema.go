package hsds

import "strings"

// The tables of an HSDS 3.0 CSV data package and their columns, as the
// tabular schema (schema/compiled/tabular.json) defines them, in its
// order. A column is written name[:type-or-format][!]: ":number" is a
// number, any other suffix a string format, "!" a required column. Kept
// here, not read from the spec, because a desk has no copy of it.
var csvTableSpecs = [][3]string{
	{"organization", "organizations.csv", "id:uuid! name! alternate_name description! email:email website:uri tax_status tax_id year_incorporated:number legal_status logo uri:uri parent_organization_id:uuid"},
	{"program", "programs.csv", "id:uuid! organization_id:uuid name! alternate_name description!"},
	{"service", "services.csv", "id:uuid! organization_id:uuid program_id:uuid name! alternate_name description url:uri email:email status! interpretation_services application_process fees_description wait_time fees accreditations eligibility_description minimum_age:number maximum_age:number assured_date assurer_email:email licenses alert last_modified:date-time"},
	{"attribute", "attributes.csv", "id:uuid! link_id:uuid taxonomy_term_id:uuid link_type link_entity value"},
	{"service_at_location", "service_at_location.csv", "id:uuid! service_id:uuid location_id:uuid description"},
	{"location", "locations.csv", "id:uuid! location_type! url:uri organization_id:uuid name alternate_name description transportation latitude:number longitude:number external_identifier external_identifier_type"},
	{"phone", "phones.csv", "id:uuid! location_id:uuid service_id:uuid organization_id:uuid contact_id:uuid service_at_location_id:uuid number! extension:number type description"},
	{"contact", "contacts.csv", "id:uuid! organization_id:uuid service_id:uuid service_at_location_id:uuid location_id:uuid name title department email:email"},
	{"address", "addresses.csv", "id:uuid! location_id:uuid attention address_1! address_2 city! region state_province! postal_code! country! address_type!"},
	{"schedule", "schedules.csv", "id:uuid! service_id:uuid location_id:uuid service_at_location_id:uuid valid_from valid_to dtstart timezone:number until count:number wkst freq interval:number byday byweekno bymonthday byyearday description opens_at closes_at schedule_link:uri attending_type notes"},
	{"funding", "funding.csv", "id:uuid! organization_id:uuid service_id:uuid source"},
	{"service_area", "service_areas.csv", "id:uuid! service_id:uuid name description extent extent_type uri"},
	{"required_document", "required_documents.csv", "id:uuid! service_id:uuid document uri:uri"},
	{"language", "languages.csv", "id:uuid! service_id:uuid location_id:uuid phone_id:uuid name code note"},
	{"accessibility", "accessibility.csv", "id:uuid! location_id:uuid description details url:uri"},
	{"taxonomy_term", "taxonomy_terms.csv", "id:uuid! code name! description! parent_id:uuid taxonomy language taxonomy_id:uuid term_uri:uri"},
	{"metadata", "metadata.csv", "id:uuid! resource_id:uuid resource_type last_action_date! last_action_type! field_name! previous_value! replacement_value! updated_by!"},
	{"meta_table_description", "meta_table_descriptions.csv", "id:uuid! name language character_set"},
	{"cost_option", "cost_options.csv", "id:uuid! service_id:uuid valid_from valid_to option currency amount:number amount_description"},
	{"organization_identifier", "organization_identifiers.csv", "id:uuid! organization_id:uuid identifier_scheme identifier_type! identifier!"},
	{"taxonomy", "taxonomies.csv", "id:uuid! name! description! uri:uri version"},
}

// csvTable is one table of the package.
type csvTable struct {
	Name    string // the resource name, "phone"
	Path    string // the standard file name, "phones.csv"
	Columns []csvColumn
}

// csvColumn is one column of a table.
type csvColumn struct {
	Name     string
	Type     string // "string" or "number"
	Format   string // "uuid", "email", "uri", "date-time" or ""
	Required bool
}

// columnNames lists the table's column names in order.
func (t *csvTable) columnNames() []string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	return names
}

// csvTables are the tables HSDS defines, in the tabular schema's order;
// csvTableByName and csvTableByPath find one.
var (
	csvTables      []*csvTable
	csvTableByName = map[string]*csvTable{}
	csvTableByPath = map[string]*csvTable{}
)

func init() {
	for _, spec := range csvTableSpecs {
		t := &csvTable{Name: spec[0], Path: spec[1]}
		for f := range strings.FieldsSeq(spec[2]) {
			c := csvColumn{Type: "string"}
			f, c.Required = strings.CutSuffix(f, "!")
			f, kind, _ := strings.Cut(f, ":")
			c.Name = f
			switch kind {
			case "number":
				c.Type = "number"
			default:
				c.Format = kind
			}
			t.Columns = append(t.Columns, c)
		}
		csvTables = append(csvTables, t)
		csvTableByName[t.Name] = t
		csvTableByPath[t.Path] = t
	}
}
