package hsds

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
)

// csvWritten are the tables an export writes, each with its header row
// even when it has no rows: those of the records a listing is exported
// as.
var csvWritten = []string{"organization", "service", "attribute", "service_at_location", "location", "phone",
	"address", "schedule", "required_document", "language", "taxonomy_term"}

// csvOut is one table being written.
type csvOut struct {
	t   *csvTable
	f   *os.File
	bw  *bufio.Writer
	w   *csv.Writer
	col map[string]int
	rec []string
}

// set puts v in the current row's column name.
func (o *csvOut) set(name, v string) { o.rec[o.col[name]] = v }

// row starts a new row, every column empty.
func (o *csvOut) row() *csvOut {
	clear(o.rec)
	return o
}

// write writes the current row.
func (o *csvOut) write() error { return o.w.Write(o.rec) }

// csvWriter flattens Services into the tables of a package in a folder,
// one service at a time. Organizations, locations and taxonomy terms that
// several services share are written once.
type csvWriter struct {
	dir  string
	out  map[string]*csvOut
	seen map[string]map[string]bool // ids of the shared records written, by table
	// lastTerm is the taxonomy term last written: most attributes in a row
	// share few terms, so it saves looking each up.
	lastTerm *TaxonomyTerm
	// attr holds the attribute table's column positions: it has most rows.
	attr struct{ id, linkID, termID, linkType, linkEntity, value int }
}

// newCSVWriter creates the tables in dir and writes their header rows.
func newCSVWriter(dir string) (*csvWriter, error) {
	w := &csvWriter{dir: dir, out: map[string]*csvOut{}, seen: map[string]map[string]bool{}}
	for _, name := range csvWritten {
		t := csvTableByName[name]
		f, err := os.Create(filepath.Join(dir, t.Path))
		if err != nil {
			w.abort()
			return nil, fmt.Errorf("write HSDS data package: %w", err)
		}
		bw := bufio.NewWriterSize(f, 64<<10)
		o := &csvOut{t: t, f: f, bw: bw, w: csv.NewWriter(bw), col: map[string]int{}, rec: make([]string, len(t.Columns))}
		for i, c := range t.Columns {
			o.col[c.Name] = i
		}
		w.out[name] = o
		if name == "attribute" {
			w.attr.id, w.attr.linkID, w.attr.termID = o.col["id"], o.col["link_id"], o.col["taxonomy_term_id"]
			w.attr.linkType, w.attr.linkEntity, w.attr.value = o.col["link_type"], o.col["link_entity"], o.col["value"]
		}
		if err := o.w.Write(t.columnNames()); err != nil {
			w.abort()
			return nil, fmt.Errorf("write HSDS data package: %w", err)
		}
	}
	return w, nil
}

// abort closes the files, for a package that will be thrown away.
func (w *csvWriter) abort() {
	for _, o := range w.out {
		o.f.Close()
	}
}

// close flushes and closes the tables, syncing them to disk, and writes
// datapackage.json.
func (w *csvWriter) close() error {
	var errs []error
	for _, name := range csvWritten {
		o := w.out[name]
		o.w.Flush()
		errs = append(errs, o.w.Error(), o.bw.Flush(), o.f.Sync(), o.f.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("write HSDS data package: %w", err)
	}
	f, err := os.Create(filepath.Join(w.dir, "datapackage.json"))
	if err != nil {
		return fmt.Errorf("write HSDS data package: %w", err)
	}
	err = writeDescriptor(f)
	if err = errors.Join(err, f.Sync(), f.Close()); err != nil {
		return fmt.Errorf("write HSDS data package: datapackage.json: %w", err)
	}
	return nil
}

// once reports whether the shared record table/id is written for the
// first time.
func (w *csvWriter) once(table, id string) bool {
	seen := w.seen[table]
	if seen == nil {
		seen = map[string]bool{}
		w.seen[table] = seen
	}
	if seen[id] {
		return false
	}
	seen[id] = true
	return true
}

// csvNumber writes an HSDS number, "" when absent.
func csvNumber(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// writeService writes s and its records.
func (w *csvWriter) writeService(s *Service) error {
	orgID := s.OrganizationID
	if o := s.Organization; o != nil {
		if orgID == "" {
			orgID = o.ID
		}
		if w.once("organization", o.ID) {
			r := w.out["organization"].row()
			r.set("id", o.ID)
			r.set("name", o.Name)
			r.set("description", o.Description)
			r.set("email", o.Email)
			r.set("website", o.Website)
			if err := r.write(); err != nil {
				return err
			}
		}
	}
	r := w.out["service"].row()
	for _, f := range [...]struct{ col, v string }{
		{"id", s.ID}, {"organization_id", orgID}, {"name", s.Name}, {"alternate_name", s.AlternateName},
		{"description", s.Description}, {"url", s.URL}, {"email", s.Email}, {"status", s.Status},
		{"interpretation_services", s.InterpretationServices}, {"application_process", s.ApplicationProcess},
		{"fees_description", s.FeesDescription}, {"fees", s.Fees}, {"eligibility_description", s.EligibilityDescription},
		{"assured_date", s.AssuredDate}, {"alert", s.Alert}, {"last_modified", s.LastModified},
	} {
		r.set(f.col, f.v)
	}
	if err := r.write(); err != nil {
		return err
	}
	if err := w.attributes(s.ID, "service", s.Attributes); err != nil {
		return err
	}
	owner := csvOwner{column: "service_id", id: s.ID}
	if err := w.phones(owner, s.Phones); err != nil {
		return err
	}
	if err := w.schedules(owner, s.Schedules); err != nil {
		return err
	}
	for _, l := range s.Languages {
		if err := w.language(l, "service_id", s.ID); err != nil {
			return err
		}
	}
	for _, d := range s.RequiredDocuments {
		r := w.out["required_document"].row()
		r.set("id", d.ID)
		r.set("service_id", s.ID)
		r.set("document", d.Document)
		if err := r.write(); err != nil {
			return err
		}
	}
	for _, sal := range s.ServiceAtLocations {
		if err := w.serviceAtLocation(s.ID, &sal); err != nil {
			return err
		}
	}
	return nil
}

// csvOwner is the record phones and schedules are linked to, by the
// column that names it.
type csvOwner struct{ column, id string }

func (w *csvWriter) serviceAtLocation(serviceID string, sal *ServiceAtLocation) error {
	locID := sal.LocationID
	if sal.Location != nil && locID == "" {
		locID = sal.Location.ID
	}
	r := w.out["service_at_location"].row()
	r.set("id", sal.ID)
	r.set("service_id", serviceID)
	r.set("location_id", locID)
	r.set("description", sal.Description)
	if err := r.write(); err != nil {
		return err
	}
	if err := w.phones(csvOwner{"service_at_location_id", sal.ID}, sal.Phones); err != nil {
		return err
	}
	if err := w.schedules(csvOwner{"service_at_location_id", sal.ID}, sal.Schedules); err != nil {
		return err
	}
	l := sal.Location
	if l == nil || !w.once("location", l.ID) {
		return nil
	}
	r = w.out["location"].row()
	r.set("id", l.ID)
	r.set("location_type", l.LocationType)
	r.set("name", l.Name)
	r.set("description", l.Description)
	if err := r.write(); err != nil {
		return err
	}
	for _, a := range l.Addresses {
		r := w.out["address"].row()
		for _, f := range [...]struct{ col, v string }{
			{"id", a.ID}, {"location_id", l.ID}, {"address_1", a.Address1}, {"address_2", a.Address2},
			{"city", a.City}, {"state_province", a.StateProvince}, {"postal_code", a.PostalCode},
			{"country", a.Country}, {"address_type", a.AddressType},
		} {
			r.set(f.col, f.v)
		}
		if err := r.write(); err != nil {
			return err
		}
	}
	if err := w.phones(csvOwner{"location_id", l.ID}, l.Phones); err != nil {
		return err
	}
	return w.schedules(csvOwner{"location_id", l.ID}, l.Schedules)
}

func (w *csvWriter) phones(owner csvOwner, phones []Phone) error {
	for _, p := range phones {
		r := w.out["phone"].row()
		r.set("id", p.ID)
		r.set(owner.column, owner.id)
		r.set("number", p.Number)
		r.set("extension", csvNumber(p.Extension))
		r.set("type", p.Type)
		r.set("description", p.Description)
		if err := r.write(); err != nil {
			return err
		}
		for _, l := range p.Languages {
			if err := w.language(l, "phone_id", p.ID); err != nil {
				return err
			}
		}
		if err := w.attributes(p.ID, "phone", p.Attributes); err != nil {
			return err
		}
	}
	return nil
}

func (w *csvWriter) schedules(owner csvOwner, schedules []Schedule) error {
	for _, s := range schedules {
		r := w.out["schedule"].row()
		for _, f := range [...]struct{ col, v string }{
			{"id", s.ID}, {owner.column, owner.id}, {"valid_from", s.ValidFrom}, {"valid_to", s.ValidTo},
			{"wkst", s.Wkst}, {"freq", s.Freq}, {"interval", csvNumber(s.Interval)}, {"byday", s.Byday},
			{"byweekno", s.Byweekno}, {"bymonthday", s.Bymonthday}, {"byyearday", s.Byyearday},
			{"description", s.Description}, {"opens_at", s.OpensAt}, {"closes_at", s.ClosesAt}, {"notes", s.Notes},
		} {
			r.set(f.col, f.v)
		}
		if err := r.write(); err != nil {
			return err
		}
		if err := w.attributes(s.ID, "schedule", s.Attributes); err != nil {
			return err
		}
	}
	return nil
}

func (w *csvWriter) language(l Language, column, id string) error {
	r := w.out["language"].row()
	r.set("id", l.ID)
	r.set(column, id)
	r.set("name", l.Name)
	r.set("code", l.Code)
	r.set("note", l.Note)
	return r.write()
}

// attributes writes the attributes of the record id (a service, phone or
// schedule: entity) and their taxonomy terms.
func (w *csvWriter) attributes(id, entity string, attrs []Attribute) error {
	out := w.out["attribute"]
	for _, a := range attrs {
		termID := a.TaxonomyTermID
		if t := a.TaxonomyTerm; t != nil {
			if termID == "" {
				termID = t.ID
			}
			if t != w.lastTerm && w.once("taxonomy_term", t.ID) {
				r := w.out["taxonomy_term"].row()
				r.set("id", t.ID)
				r.set("code", t.Code)
				r.set("name", t.Name)
				r.set("description", t.Description)
				r.set("taxonomy", t.Taxonomy)
				if err := r.write(); err != nil {
					return err
				}
			}
			w.lastTerm = t
		}
		linkEntity := a.LinkEntity
		if linkEntity == "" {
			linkEntity = entity
		}
		r := out.row()
		r.rec[w.attr.id], r.rec[w.attr.linkID], r.rec[w.attr.termID] = a.ID, id, termID
		r.rec[w.attr.linkType], r.rec[w.attr.linkEntity], r.rec[w.attr.value] = a.LinkType, linkEntity, a.Value
		if err := r.write(); err != nil {
			return err
		}
	}
	return nil
}

// csvResource is a resource of datapackage.json, as the Frictionless
// tabular data package HSDS's own descriptor follows has it.
type csvResource struct {
	Name      string    `json:"name"`
	Path      string    `json:"path"`
	Profile   string    `json:"profile"`
	Format    string    `json:"format"`
	Mediatype string    `json:"mediatype"`
	Encoding  string    `json:"encoding"`
	Schema    csvSchema `json:"schema"`
}

// csvSchema is a resource's table schema.
type csvSchema struct {
	Fields      []csvField      `json:"fields"`
	PrimaryKey  string          `json:"primaryKey"`
	ForeignKeys []csvForeignKey `json:"foreignKeys,omitempty"`
}

// csvField is one column of a table schema.
type csvField struct {
	Name        string          `json:"name"`
	Type        string          `json:"type"`
	Format      string          `json:"format,omitempty"`
	Constraints *csvConstraints `json:"constraints,omitempty"`
}

// csvConstraints are a column's constraints.
type csvConstraints struct {
	Required bool `json:"required,omitempty"`
	Unique   bool `json:"unique,omitempty"`
}

// csvForeignKey says a column holds ids of another resource.
type csvForeignKey struct {
	Fields    string `json:"fields"`
	Reference struct {
		Resource string `json:"resource"`
		Fields   string `json:"fields"`
	} `json:"reference"`
}

// csvForeignKeys are the links between the tables an export writes: a
// column of a table -> the table whose ids it holds.
var csvForeignKeys = map[string]map[string]string{
	"service":             {"organization_id": "organization"},
	"attribute":           {"taxonomy_term_id": "taxonomy_term"},
	"service_at_location": {"service_id": "service", "location_id": "location"},
	"phone":               {"service_id": "service", "service_at_location_id": "service_at_location", "location_id": "location"},
	"address":             {"location_id": "location"},
	"schedule":            {"service_id": "service", "service_at_location_id": "service_at_location", "location_id": "location"},
	"required_document":   {"service_id": "service"},
	"language":            {"service_id": "service", "phone_id": "phone"},
}

// writeDescriptor writes datapackage.json describing the tables an
// export writes, in the tabular schema's order.
func writeDescriptor(out io.Writer) error {
	d := struct {
		Profile   string        `json:"profile"`
		Name      string        `json:"name"`
		Title     string        `json:"title"`
		Resources []csvResource `json:"resources"`
	}{Profile: "tabular-data-package", Name: "nowrongdoor-directory", Title: "No Wrong Door referral directory, HSDS 3.0"}
	for _, t := range csvTables {
		if !slices.Contains(csvWritten, t.Name) {
			continue
		}
		r := csvResource{Name: t.Name, Path: t.Path, Profile: "tabular-data-resource", Format: "csv",
			Mediatype: "text/csv", Encoding: "utf-8", Schema: csvSchema{PrimaryKey: "id"}}
		for _, c := range t.Columns {
			f := csvField{Name: c.Name, Type: c.Type, Format: c.Format}
			if c.Required || c.Name == "id" {
				f.Constraints = &csvConstraints{Required: c.Required, Unique: c.Name == "id"}
			}
			r.Schema.Fields = append(r.Schema.Fields, f)
			if ref, ok := csvForeignKeys[t.Name][c.Name]; ok {
				fk := csvForeignKey{Fields: c.Name}
				fk.Reference.Resource, fk.Reference.Fields = ref, "id"
				r.Schema.ForeignKeys = append(r.Schema.ForeignKeys, fk)
			}
		}
		d.Resources = append(d.Resources, r)
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}
