package hsds

// The HSDS CSV data package (WritePackage, ReadPackage) is the same
// records as HSDS JSON, flattened into one table a kind of record and
// joined again by id.
//
// An export writes, through a temporary folder renamed into place,
// organizations.csv, services.csv, attributes.csv, service_at_location.csv,
// locations.csv, phones.csv, addresses.csv, schedules.csv,
// required_documents.csv, languages.csv and taxonomy_terms.csv, each with
// every column HSDS's tabular schema gives the table (empty tables keep
// their header row), and datapackage.json: a Frictionless tabular data
// package naming each table's fields, types, formats, required fields,
// primary key and links. Records several services share (an organization,
// a taxonomy term) are written once. A phone or schedule is linked to its
// service by service_id, an attribute to its record by link_id and
// link_entity.
//
// A package is read from a folder, or a zip holding its files or one
// folder of them (at most MaxPackageSize unpacked, MaxPackageFiles
// entries, no names that climb out, no folders within). Tables are found
// by datapackage.json's resources, or by HSDS's file names when it is not
// a descriptor (the spec's own example is a pointer to one), which the
// result's Note says. Columns are read by their header's names, in any
// order; a name HSDS does not define is a problem (with a "did you mean"),
// and a column HSDS defines that the directory cannot hold is counted as
// not kept ("services.csv column wait_time"), as are the tables it has no
// place for (contacts.csv, funding.csv, ...). A phone or schedule belongs
// to the first of its service_id, service_at_location_id and location_id
// it gives, as HSDS JSON nests it once; a row linked to a record the
// package lacks is a problem naming its file, row and column; one linked
// only to an organization or contact is not kept. Every problem names the
// service's record number (its place in services.csv, from 0) and the
// cell to fix: "addresses.csv row 2, column postal_code", rows counted as
// a spreadsheet counts them, the header being row 1.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"nowrongdoor/directory"
)

// writeCSVServices writes the services each gives (by calling write for
// each) as a data package in dir. dir must not exist or be empty; the
// package is written in a temporary folder beside it and renamed into
// place, so a failed export leaves nothing half-written.
func writeCSVServices(dir string, each func(write func(*Service) error) error) (err error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("write HSDS data package: %s already holds files; give a new or empty folder", dir)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("write HSDS data package: %w", err)
	}
	parent := filepath.Dir(filepath.Clean(dir))
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".partial-")
	if err != nil {
		return fmt.Errorf("write HSDS data package: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	w, err := newCSVWriter(tmp)
	if err != nil {
		return err
	}
	if err := each(w.writeService); err != nil {
		w.abort()
		return fmt.Errorf("write HSDS data package: %w", err)
	}
	if err := w.close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("write HSDS data package: %w", err)
	}
	// An empty folder given for the package is replaced; a file that
	// appeared in it meanwhile makes Remove fail, and nothing is lost.
	if err := os.Remove(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("write HSDS data package: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("write HSDS data package: %w", err)
	}
	return nil
}

// csvRead is what reading a package's tables gives besides its services.
type csvRead struct {
	// NotKept counts what the package holds that a Service cannot: files,
	// tables, columns and rows, by name.
	NotKept map[string]int
	// Problems are what is wrong with the package's tables, each naming
	// its file and row.
	Problems []directory.Problem
	// Note says what an admin should know about the package as a whole.
	Note string
}

// readCSVServices reads the data package (folder or zip) at name, calling
// fn with each service joined with its records, in services.csv's order.
// Problems with the tables are returned in csvRead, and fn's are the
// caller's; the error is for a package that cannot be read at all.
func readCSVServices(name string, fn func(index int, s *Service, t *csvTaken)) (csvRead, error) {
	var ps csvProblems
	p, err := openCSVPackage(name, &ps)
	if err != nil {
		return csvRead{}, err
	}
	defer p.close()
	j := &csvJoin{p: p, ps: &ps, notKept: p.notKept,
		orgs: map[string]csvRec[*Organization]{}, terms: map[string]int32{},
		locations: map[string]*csvLocation{}, sals: map[string]*csvSAL{}, children: map[string]*csvChildren{},
		phoneLanguages: map[string][]csvRec[Language]{}, attrs: csvAttrIndex{chains: map[string]csvChain{}},
		ids: map[string]map[string]int{}}
	if err := j.load(); err != nil {
		return csvRead{}, csvReadError(err)
	}
	err = j.services(func(index int, s *Service, t *csvTaken) bool {
		fn(index, s, t)
		return true
	})
	if err != nil {
		return csvRead{}, csvReadError(err)
	}
	j.leftovers()
	return csvRead{NotKept: j.notKept, Problems: ps.list, Note: p.note}, nil
}

// csvReadError wraps an error reading a package's file.
func csvReadError(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("read HSDS data package: a file ends early (a truncated download or zip?): %w", err)
	}
	return fmt.Errorf("read HSDS data package: %w", err)
}
