package hsds

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestDescriptorFollowsTheTabularSchema checks the datapackage.json an
// export writes against HSDS's tabular schema (schema/compiled/tabular.json)
// and its simple listing of tables and fields (schema/simple/schema.csv):
// every resource is an HSDS table at its path, with the table's fields in
// order, their types and formats, and every CSV's header is its fields.
func TestDescriptorFollowsTheTabularSchema(t *testing.T) {
	spec := csvSpecDir(t)
	dir := csvWriteTestPackage(t, csvDefaultListings(t)[:3])
	raw, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Profile   string `json:"profile"`
		Resources []struct {
			Name, Path, Profile, Format string
			Schema                      struct {
				Fields []struct {
					Name, Type, Format string
					Constraints        struct{ Required, Unique bool }
				}
				PrimaryKey  string `json:"primaryKey"`
				ForeignKeys []struct {
					Fields    string
					Reference struct{ Resource, Fields string }
				} `json:"foreignKeys"`
			}
		}
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("datapackage.json is not JSON: %v", err)
	}
	if d.Profile != "tabular-data-package" {
		t.Errorf("datapackage.json profile = %q, want tabular-data-package", d.Profile)
	}

	// The tabular schema: each table's path, fields (arrays are the
	// nested records, not columns), types, formats and required fields.
	var tabular struct {
		Properties map[string]struct {
			Items struct {
				Name, Path string
				Required   []string
				Properties map[string]struct{ Name, Type, Format string }
			}
		}
	}
	tb, err := os.ReadFile(filepath.Join(spec, "schema", "compiled", "tabular.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(tb, &tabular); err != nil {
		t.Fatal(err)
	}
	// schema.csv: table_name,name,type,... one row a field.
	f, err := os.Open(filepath.Join(spec, "schema", "simple", "schema.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	simple := map[string][]string{}
	for _, r := range rows[1:] {
		if len(r) > 2 && r[2] != "" && r[2] != "array" {
			simple[r[0]] = append(simple[r[0]], r[1])
		}
	}

	var names []string
	for _, r := range d.Resources {
		names = append(names, r.Name)
		tt, ok := tabular.Properties[r.Name]
		if !ok {
			t.Errorf("resource %q is not an HSDS table", r.Name)
			continue
		}
		if r.Path != tt.Items.Path || r.Profile != "tabular-data-resource" || r.Format != "csv" || r.Schema.PrimaryKey != "id" {
			t.Errorf("resource %s: path %q profile %q format %q primary key %q; want path %q, a tabular-data-resource in csv keyed by id",
				r.Name, r.Path, r.Profile, r.Format, r.Schema.PrimaryKey, tt.Items.Path)
		}
		var fields []string
		for _, fl := range r.Schema.Fields {
			fields = append(fields, fl.Name)
			p, ok := tt.Items.Properties[fl.Name]
			switch {
			case !ok || p.Type == "array":
				t.Errorf("resource %s: field %s is not a column of HSDS's %s table", r.Name, fl.Name, r.Name)
			case fl.Type != p.Type || fl.Format != p.Format:
				t.Errorf("resource %s: field %s is %s/%s, HSDS says %s/%s", r.Name, fl.Name, fl.Type, fl.Format, p.Type, p.Format)
			}
			if want := slices.Contains(tt.Items.Required, fl.Name); fl.Constraints.Required != want {
				t.Errorf("resource %s: field %s required = %v, HSDS says %v", r.Name, fl.Name, fl.Constraints.Required, want)
			}
		}
		// Every field schema.csv lists is there, in its order.
		var inSimple []string
		for _, name := range fields {
			if slices.Contains(simple[r.Name], name) {
				inSimple = append(inSimple, name)
			}
		}
		if !slices.Equal(inSimple, simple[r.Name]) {
			t.Errorf("resource %s: fields %v; schema.csv lists %v", r.Name, fields, simple[r.Name])
		}
		for _, fk := range r.Schema.ForeignKeys {
			if !slices.Contains(fields, fk.Fields) || fk.Reference.Fields != "id" || !slices.Contains(csvWritten, fk.Reference.Resource) {
				t.Errorf("resource %s: foreign key %+v does not link a field to the id of a resource of the package", r.Name, fk)
			}
		}
		// The file is there, its header the fields.
		cf, err := os.Open(filepath.Join(dir, r.Path))
		if err != nil {
			t.Errorf("resource %s: %v", r.Name, err)
			continue
		}
		header, err := csv.NewReader(cf).Read()
		cf.Close()
		if err != nil || !slices.Equal(header, fields) {
			t.Errorf("%s header = %v (%v), want the resource's fields %v", r.Path, header, err, fields)
		}
	}
	want := []string{"organization", "service", "attribute", "service_at_location", "location", "phone", "address",
		"schedule", "required_document", "language", "taxonomy_term"}
	if !slices.Equal(names, want) {
		t.Errorf("datapackage.json resources = %v, want %v", names, want)
	}
}
