package hsds

import (
	"fmt"
	"iter"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/hours"
)

// WritePackage writes the listings as an HSDS 3.0 CSV data package into
// dir, which must not exist or be empty: a CSV file per table the
// listings' records use, each with its header row even when it has no
// rows, and datapackage.json describing them (name, path, columns and
// their types, as HSDS's tabular schema has them). It is written in a
// temporary folder beside dir and renamed into place, so a failed export
// leaves nothing half-written.
func WritePackage(dir string, listings iter.Seq[*directory.Listing]) error {
	return writeCSVServices(dir, func(write func(*Service) error) error {
		// Listings are mapped to services in batches, in parallel, and
		// written in order.
		batch := make([]*directory.Listing, 0, csvBatch)
		services := make([]Service, csvBatch)
		errs := make([]error, csvBatch)
		flush := func() error {
			workers := min(runtime.GOMAXPROCS(0), (len(batch)+63)/64)
			var wg sync.WaitGroup
			for w := range workers {
				wg.Go(func() {
					for i := w; i < len(batch); i += workers {
						services[i], errs[i] = FromListing(batch[i])
					}
				})
			}
			wg.Wait()
			for i := range batch {
				if errs[i] != nil {
					return fmt.Errorf("listing %s: %w", batch[i].ID, errs[i])
				}
				if err := write(&services[i]); err != nil {
					return err
				}
			}
			clear(services)
			batch = batch[:0]
			return nil
		}
		for l := range listings {
			if batch = append(batch, l); len(batch) == csvBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		return flush()
	})
}

// ReadPackage reads an HSDS CSV data package: a folder, or a zip of one,
// holding datapackage.json and the tables (services.csv, organizations.csv,
// phones.csv, ...). The tables are those datapackage.json's resources name
// when it describes the package, else those with HSDS's file names. Each
// service is joined with its records and read as a listing, normalized and
// validated as an import is. When anything is wrong, the error is a
// *directory.ValidationError with every problem: each names the service's
// record number (its place in services.csv, from 0) and the file, row and
// column to fix ("addresses.csv row 2, column postal_code").
func ReadPackage(path string) (ReadResult, error) {
	return readPackage(path, time.Now())
}

// readPackage is ReadPackage with now as the instant verified_on may not
// pass.
func readPackage(path string, now time.Time) (ReadResult, error) {
	res := ReadResult{NotKept: map[string]int{}}
	var problems []directory.Problem
	ids := csvIDs{taken: map[string]bool{}}
	var unnamed []int // listings that get an id from their name, once every id is known
	// Services are joined one at a time, and read as listings in batches,
	// in parallel: the mapping and the rules are most of the work.
	batch := make([]csvItem, 0, csvBatch)
	flush := func() {
		workers := min(runtime.GOMAXPROCS(0), (len(batch)+63)/64)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for i := w; i < len(batch); i += workers {
					it := &batch[i]
					it.l, it.problems, it.kept = csvListing(it.index, it.s, it.t, now)
					it.s, it.t = nil, nil
				}
			})
		}
		wg.Wait()
		for i := range batch {
			it := &batch[i]
			problems = append(problems, it.problems...)
			for _, k := range it.kept {
				res.NotKept[k]++
			}
			if it.l.ID == "" {
				unnamed = append(unnamed, len(res.Listings))
			} else {
				ids.taken[it.l.ID] = true
			}
			res.Listings = append(res.Listings, it.l)
		}
		clear(batch)
		batch = batch[:0]
	}
	read, err := readCSVServices(path, func(index int, s *Service, t *csvTaken) {
		batch = append(batch, csvItem{index: index, s: s, t: t})
		if len(batch) == csvBatch {
			flush()
		}
	})
	flush()
	if err != nil {
		return ReadResult{}, err
	}
	for _, i := range unnamed {
		res.Listings[i].ID = ids.from(res.Listings[i].Name)
	}
	for k, n := range read.NotKept {
		res.NotKept[k] += n
	}
	res.Note = read.Note
	problems = append(read.Problems, problems...)
	if len(res.Listings) == 0 && len(problems) == 0 {
		problems = append(problems, directory.Problem{Index: -1, Message: "services.csv has no rows; the package has no services to import"})
	}
	problems = append(problems, directory.DuplicateIDs(res.Listings)...)
	if len(problems) > 0 {
		// The package's problems first, then each record's, in file order.
		slices.SortStableFunc(problems, func(a, b directory.Problem) int { return a.Index - b.Index })
		// Every record read stays, so a dry run can report the valid ones.
		return ReadResult{Listings: res.Listings, NotKept: res.NotKept, Note: res.Note}, &directory.ValidationError{Problems: problems}
	}
	return res, nil
}

// csvBatch is how many services are read as listings at once.
const csvBatch = 512

// csvItem is a service joined, and then the listing read from it.
type csvItem struct {
	index    int
	s        *Service
	t        *csvTaken
	l        directory.Listing
	problems []directory.Problem
	kept     []string
}

// csvListing reads the service with record number index as a listing,
// ready to be stored, and returns its problems, each naming the file, row
// and column it came from, and what it cannot keep, each once.
func csvListing(index int, s *Service, t *csvTaken, now time.Time) (_ directory.Listing, _ []directory.Problem, notKept []string) {
	var o origins
	l, mapped, kept := toListing(s, &o)
	for _, k := range kept {
		if k = t.j.notKeptName(k); !slices.Contains(notKept, k) {
			notKept = append(notKept, k) // counted once a record, as ReadJSON does
		}
	}
	if len(l.Schedules) == 0 {
		l.Schedules = hours.Propose(l.Hours)
	}
	l.Normalize()
	valid := l.Validate(now)
	if len(mapped) == 0 && len(valid) == 0 {
		return l, nil, notKept
	}
	origin := t.origin()
	var problems []directory.Problem
	for _, p := range mapped {
		problems = append(problems, csvProblem(index, s.ID, origin.where(p.Field), p.Field, p.Message))
	}
	for _, p := range valid {
		if l.ID == "" && p.Field == "id" {
			continue // an id is made from the name
		}
		problems = append(problems, csvProblem(index, l.ID, origin.where(o.path(p.Field)), p.Field, p.Message))
	}
	return l, problems, notKept
}

// csvIndexes matches the positions in a path, "[0]", so what is not kept
// is counted by field.
var csvIndexes = regexp.MustCompile(`\[\d+\]`)

// csvPathTables are the tables the parts of a Service are read from, by
// HSDS path without positions, longest first.
var csvPathTables = []struct{ path, table string }{
	{"service_at_locations.location.addresses", "address"},
	{"service_at_locations.location.phones", "phone"},
	{"service_at_locations.location.schedules", "schedule"},
	{"service_at_locations.location", "location"},
	{"service_at_locations.phones", "phone"},
	{"service_at_locations.schedules", "schedule"},
	{"service_at_locations", "service_at_location"},
	{"required_documents", "required_document"},
	{"phones.languages", "language"},
	{"organization", "organization"},
	{"attributes", "attribute"},
	{"languages", "language"},
	{"schedules", "schedule"},
	{"phones", "phone"},
}

// notKeptName names what the mapping could not keep of a service
// ("organization.email", "schedules[1] (MONTHLY)") as a package holds it:
// "organizations.csv column email", "schedules.csv rows (MONTHLY)". A note
// that is no field ("level inferred") is kept as it is.
func (j *csvJoin) notKeptName(k string) string {
	path, note, _ := strings.Cut(csvIndexes.ReplaceAllString(k, ""), " ")
	if note != "" && !strings.HasPrefix(note, "(") {
		return k
	}
	table, column := "service", path
	for _, pt := range csvPathTables {
		if rest, ok := strings.CutPrefix(path, pt.path); ok && (rest == "" || rest[0] == '.') {
			table, column = pt.table, strings.TrimPrefix(rest, ".")
			break
		}
	}
	file := j.p.tables[table]
	if file == "" {
		file = csvTableByName[table].Path
	}
	name := file + " column " + column
	if column == "" {
		name = file + " rows"
	}
	if note != "" {
		name += " " + note
	}
	return name
}

// csvProblem is a problem of record index at cell where. A message that
// starts with the field's name in the listing or HSDS record names the
// cell instead.
func csvProblem(index int, id, where, field, msg string) directory.Problem {
	if rest, ok := strings.CutPrefix(msg, field); ok && (rest == "" || rest[0] == ' ') {
		msg = where + rest
	} else {
		msg = where + ": " + msg
	}
	return directory.Problem{Index: index, ID: id, Field: where, Message: msg}
}

// csvIDs makes listing ids from names, unique within a package.
type csvIDs struct{ taken map[string]bool }

// from returns an id made from name that no other listing has.
func (c csvIDs) from(name string) string {
	base := directory.SuggestID(name)
	id := base
	for n := 2; c.taken[id] || id == ""; n++ {
		id = base + "-" + strconv.Itoa(n)
		if base == "" {
			id = "listing-" + strconv.Itoa(n)
		}
	}
	c.taken[id] = true
	return id
}
