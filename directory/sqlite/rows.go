package sqlite

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/hsds"
)

// A listing is stored as HSDS rows (migrations/0004_hsds.sql): its service,
// its organization (shared by name), its location when it has an address,
// and its phones and schedule rows in order. This file lays a listing out
// as rows and reads it back by column name.

// The columns each table is written with, in the order of the values
// encodeListing gives.
const (
	organizationColumns = `id, name`
	serviceColumns      = `id, listing_id, organization_id, name, description, level, status, email, url,
	eligibility, fees, documents, services, keywords, categories, languages, source_urls, source_date,
	hours, alert, alert_until, verified_on, verified_by, staff_notes, archived, content_hash, updated_at`
	locationColumns = `id, service_id, address_1, city, state_province, postal_code`
	phoneColumns    = `id, service_id, position, number, extension, description, staff_note, open_24_7`
	scheduleColumns = `id, service_id, position, part, label, byday, opens_at, closes_at, valid_from,
	valid_to, description, unconfirmed, proposed`
)

// width returns the number of columns in a column list.
func width(columns string) int { return strings.Count(columns, ",") + 1 }

// serviceUpdatedAt and serviceContentHash are the positions of updated_at,
// which content comparisons leave out, and of content_hash in
// serviceColumns.
var (
	serviceUpdatedAt   = width(serviceColumns) - 1
	serviceContentHash = width(serviceColumns) - 2
)

// listingRows is a listing laid out as rows, each row's values in the order
// of its table's columns above.
type listingRows struct {
	hash      string // of the rows but updated_at; see contentHash
	org       []any  // nil when the listing names no organization
	service   []any
	location  []any // nil when the listing has no address
	phones    [][]any
	schedules [][]any
}

// encodeListing lays a listing out as rows, with their content hash. l is
// normalized.
func encodeListing(l *directory.Listing) (listingRows, error) {
	r, err := encodeRows(l)
	if err != nil {
		return r, err
	}
	r.hash = contentHash(r)
	r.service[serviceContentHash] = r.hash
	return r, nil
}

// encodeRows lays a listing out as rows without their content hash: a
// stored listing's, which an update only compares with the new rows.
func encodeRows(l *directory.Listing) (listingRows, error) {
	var r listingRows
	sid := hsds.ServiceID(l.ID)
	lists := make([]string, 0, 5)
	for _, v := range [][]string{l.Services, l.Keywords, l.Categories, l.Languages, l.SourceURLs} {
		s, err := jsonArray(v)
		if err != nil {
			return r, fmt.Errorf("listing %q: %w", l.ID, err)
		}
		lists = append(lists, s)
	}
	var org any // NULL: no organization
	if l.Organization != "" {
		id := hsds.OrganizationID(l.Organization)
		r.org, org = []any{id, l.Organization}, id
	}
	archived := 0
	if l.Archived {
		archived = 1
	}
	r.service = []any{sid, l.ID, org, l.Name, l.Description, string(l.Level), string(l.Status), l.Email, l.Website,
		l.Eligibility, l.Fees, l.Documents, lists[0], lists[1], lists[2], lists[3], lists[4], l.SourceDate,
		l.Hours, l.Alert, l.AlertUntil.String(), l.VerifiedOn.String(), l.VerifiedBy, l.StaffNotes, archived,
		"", formatTime(l.UpdatedAt)}
	if a := l.Address; a != (directory.Address{}) {
		r.location = []any{hsds.LocationID(l.ID), sid, a.Street, a.City, a.State, a.Zip}
	}
	for i, p := range l.Phones {
		r.phones = append(r.phones, []any{hsds.PhoneID(l.ID, i), sid, i, p.Number, p.Ext, p.Label, p.Note, boolInt(p.Open247)})
	}
	for i, s := range l.Schedules {
		parts, err := hsds.Parts(s)
		if err != nil {
			return r, fmt.Errorf("listing %q: schedule %d: %w", l.ID, i+1, err)
		}
		for j, p := range parts {
			r.schedules = append(r.schedules, []any{hsds.ScheduleID(l.ID, i, j), sid, i, j, s.Label, p.Byday,
				p.OpensAt, p.ClosesAt, s.ValidFrom.String(), s.ValidTo.String(), s.Description,
				boolInt(s.Unconfirmed), boolInt(s.Proposed)})
		}
	}
	return r, nil
}

// contentHash returns a SHA-256 of a listing's rows, their updated_at and
// content_hash left out, each value written with its length so that no two
// different listings write the same bytes.
func contentHash(r listingRows) string {
	h := sha256.New()
	var buf []byte
	row := func(vals []any, skip ...int) {
		buf = append(buf[:0], '[')
		for i, v := range vals {
			if slices.Contains(skip, i) {
				continue
			}
			switch v := v.(type) {
			case string:
				buf = strconv.AppendInt(append(buf, 's'), int64(len(v)), 10)
				buf = append(append(buf, ':'), v...)
			case int:
				buf = strconv.AppendInt(append(buf, 'i'), int64(v), 10)
			case nil:
				buf = append(buf, 'n')
			default:
				panic(fmt.Sprintf("contentHash: value of type %T", v)) // a bug in encodeListing
			}
			buf = append(buf, ';')
		}
		h.Write(append(buf, ']'))
	}
	row(r.org)
	row(r.service, serviceContentHash, serviceUpdatedAt)
	row(r.location)
	for _, p := range r.phones {
		row(p)
	}
	for _, s := range r.schedules {
		row(s)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sameRows reports whether two listings' rows are equal apart from
// updated_at: whether writing one over the other would change anything.
// Their content hashes are not compared: either may not be worked out
// (see encodeRows), and each follows from the rows.
func sameRows(a, b listingRows) bool {
	for i := range a.service {
		if i != serviceUpdatedAt && i != serviceContentHash && a.service[i] != b.service[i] {
			return false
		}
	}
	return slices.Equal(a.org, b.org) && slices.Equal(a.location, b.location) &&
		slices.EqualFunc(a.phones, b.phones, slices.Equal) &&
		slices.EqualFunc(a.schedules, b.schedules, slices.Equal)
}

// serviceRow is a service row, read by column name (see serviceFields).
type serviceRow struct {
	ID, ListingID, OrganizationID, Name, Description, Level, Status, Email, URL         string
	Eligibility, Fees, Documents, Services, Keywords, Categories, Languages, SourceURLs string
	SourceDate, Hours, Alert, AlertUntil, VerifiedOn, VerifiedBy, StaffNotes, UpdatedAt string
	Archived                                                                            int64
}

// serviceFields maps the column names of the service queries to where
// they are read.
var serviceFields = map[string]func(*serviceRow) any{
	"id": func(r *serviceRow) any { return &r.ID }, "listing_id": func(r *serviceRow) any { return &r.ListingID },
	"organization_id": func(r *serviceRow) any { return &r.OrganizationID }, "name": func(r *serviceRow) any { return &r.Name },
	"description": func(r *serviceRow) any { return &r.Description }, "level": func(r *serviceRow) any { return &r.Level },
	"status": func(r *serviceRow) any { return &r.Status }, "email": func(r *serviceRow) any { return &r.Email },
	"url": func(r *serviceRow) any { return &r.URL }, "eligibility": func(r *serviceRow) any { return &r.Eligibility },
	"fees": func(r *serviceRow) any { return &r.Fees }, "documents": func(r *serviceRow) any { return &r.Documents },
	"services": func(r *serviceRow) any { return &r.Services }, "keywords": func(r *serviceRow) any { return &r.Keywords },
	"categories": func(r *serviceRow) any { return &r.Categories }, "languages": func(r *serviceRow) any { return &r.Languages },
	"source_urls": func(r *serviceRow) any { return &r.SourceURLs }, "source_date": func(r *serviceRow) any { return &r.SourceDate },
	"hours": func(r *serviceRow) any { return &r.Hours }, "alert": func(r *serviceRow) any { return &r.Alert },
	"alert_until": func(r *serviceRow) any { return &r.AlertUntil }, "verified_on": func(r *serviceRow) any { return &r.VerifiedOn },
	"verified_by": func(r *serviceRow) any { return &r.VerifiedBy }, "staff_notes": func(r *serviceRow) any { return &r.StaffNotes },
	"archived": func(r *serviceRow) any { return &r.Archived }, "updated_at": func(r *serviceRow) any { return &r.UpdatedAt },
}

// The service queries: a whole listing's row, and the fields search reads.
// The organization's name and the location's address are read apart and
// joined in Go: a join looked both up in a random page of their tables for
// every listing, a third of the time it took to load 100,000.
const (
	wholeServiceSQL = `SELECT id, listing_id, coalesce(organization_id, '') AS organization_id, name, description,
	level, status, email, url, eligibility, fees, documents, services, keywords, categories, languages,
	source_urls, source_date, hours, alert, alert_until, verified_on, verified_by, staff_notes, archived,
	updated_at FROM service`
	searchServiceSQL = `SELECT id, listing_id, coalesce(organization_id, '') AS organization_id, name, level,
	description, services, keywords, categories, status, archived FROM service`
	organizationSQL = `SELECT id, name FROM organization`
	locationSQL     = `SELECT service_id, address_1, city, state_province, postal_code FROM location`
)

// decodeService turns a service row into a listing, without its address,
// phones and schedules; orgs are the organizations' names by id. Fields the
// query did not read stay empty. A column that cannot be read is left
// empty and reported as a problem naming it: the listing is skipped by a
// load (see Unreadable), and what could be read is kept for the editor.
func decodeService(r *serviceRow, orgs map[string]string, whole bool) (directory.Listing, []directory.Problem) {
	l := directory.Listing{
		ID: r.ListingID, Name: r.Name, Organization: orgs[r.OrganizationID], Level: directory.Level(r.Level),
		Description: r.Description, Status: directory.Status(r.Status), Email: r.Email, Website: r.URL,
		Hours: r.Hours, Eligibility: r.Eligibility, Fees: r.Fees, Documents: r.Documents,
		SourceDate: r.SourceDate, Alert: r.Alert, VerifiedBy: r.VerifiedBy, StaffNotes: r.StaffNotes,
		Archived: r.Archived != 0,
	}
	var problems []directory.Problem
	lists := []struct {
		field, src string
		dst        *[]string
	}{{"services", r.Services, &l.Services}, {"keywords", r.Keywords, &l.Keywords}, {"categories", r.Categories, &l.Categories}}
	if whole {
		lists = append(lists, struct {
			field, src string
			dst        *[]string
		}{"languages", r.Languages, &l.Languages}, struct {
			field, src string
			dst        *[]string
		}{"source_urls", r.SourceURLs, &l.SourceURLs})
	}
	for _, f := range lists {
		list, err := decodeStrings(f.src)
		if err != nil {
			problems = append(problems, rowProblem(l.ID, f.field, fmt.Sprintf("its %s cannot be read: the database holds %s, not a list", words(f.field), quoteShort(f.src))))
			continue
		}
		*f.dst = list
	}
	if !whole {
		return l, problems
	}
	for _, d := range []struct {
		field, src string
		dst        *directory.Date
	}{{"alert_until", r.AlertUntil, &l.AlertUntil}, {"verified_on", r.VerifiedOn, &l.VerifiedOn}} {
		var err error
		if *d.dst, err = directory.ParseDate(d.src); err != nil {
			problems = append(problems, rowProblem(l.ID, d.field, fmt.Sprintf("its %s cannot be read: the database holds %s, not a date like 2026-11-30", words(d.field), quoteShort(d.src))))
		}
	}
	var err error
	if l.UpdatedAt, err = time.Parse(time.RFC3339Nano, r.UpdatedAt); err != nil {
		problems = append(problems, rowProblem(l.ID, "updated_at", fmt.Sprintf("its time of last change cannot be read: the database holds %s, not a time", quoteShort(r.UpdatedAt))))
	}
	return l, problems
}

// locationRow is a location row, read by column name (see locationFields).
type locationRow struct {
	ServiceID, Street, City, State, Zip string
}

var locationFields = map[string]func(*locationRow) any{
	"service_id": func(r *locationRow) any { return &r.ServiceID }, "address_1": func(r *locationRow) any { return &r.Street },
	"city": func(r *locationRow) any { return &r.City }, "state_province": func(r *locationRow) any { return &r.State },
	"postal_code": func(r *locationRow) any { return &r.Zip },
}

// organizationRow is an organization row.
type organizationRow struct{ ID, Name string }

var organizationFields = map[string]func(*organizationRow) any{
	"id": func(r *organizationRow) any { return &r.ID }, "name": func(r *organizationRow) any { return &r.Name },
}

// phoneRow is a phone row, read by column name (see phoneFields).
type phoneRow struct {
	ServiceID, Number, Extension, Description, StaffNote string
	Open247                                              int64
}

const phoneSQL = `SELECT service_id, number, extension, description, staff_note, open_24_7 FROM phone`

var phoneFields = map[string]func(*phoneRow) any{
	"service_id": func(r *phoneRow) any { return &r.ServiceID }, "number": func(r *phoneRow) any { return &r.Number },
	"extension": func(r *phoneRow) any { return &r.Extension }, "description": func(r *phoneRow) any { return &r.Description },
	"staff_note": func(r *phoneRow) any { return &r.StaffNote }, "open_24_7": func(r *phoneRow) any { return &r.Open247 },
}

// scheduleRow is a schedule row, read by column name (see scheduleFields).
type scheduleRow struct {
	ServiceID, Label, Byday, OpensAt, ClosesAt, ValidFrom, ValidTo, Description string
	Position, Part, Unconfirmed, Proposed                                       int64
}

const scheduleSQL = `SELECT service_id, position, part, label, byday, opens_at, closes_at, valid_from, valid_to,
	description, unconfirmed, proposed FROM schedule`

var scheduleFields = map[string]func(*scheduleRow) any{
	"service_id": func(r *scheduleRow) any { return &r.ServiceID }, "position": func(r *scheduleRow) any { return &r.Position },
	"part": func(r *scheduleRow) any { return &r.Part }, "label": func(r *scheduleRow) any { return &r.Label },
	"byday": func(r *scheduleRow) any { return &r.Byday }, "opens_at": func(r *scheduleRow) any { return &r.OpensAt },
	"closes_at": func(r *scheduleRow) any { return &r.ClosesAt }, "valid_from": func(r *scheduleRow) any { return &r.ValidFrom },
	"valid_to": func(r *scheduleRow) any { return &r.ValidTo }, "description": func(r *scheduleRow) any { return &r.Description },
	"unconfirmed": func(r *scheduleRow) any { return &r.Unconfirmed }, "proposed": func(r *scheduleRow) any { return &r.Proposed },
}

// addSchedulePart adds a schedule row to the listing's schedules: the
// first part of a position starts a schedule, the others add periods.
// Rows come in order of position and part. A row that cannot be read is
// returned as a problem naming the schedule.
func addSchedulePart(l *directory.Listing, r *scheduleRow) *directory.Problem {
	field := fmt.Sprintf("schedules[%d]", r.Position)
	bad := func(column, what string) *directory.Problem {
		p := rowProblem(l.ID, field+column, fmt.Sprintf("its hours (schedule %d) cannot be read: %s", r.Position+1, what))
		return &p
	}
	if r.Part == 0 {
		s := directory.Schedule{Label: r.Label, Description: r.Description,
			Unconfirmed: r.Unconfirmed != 0, Proposed: r.Proposed != 0}
		var err error
		if s.ValidFrom, err = directory.ParseDate(r.ValidFrom); err != nil {
			return bad(".valid_from", fmt.Sprintf("the first day it holds is %s, not a date like 2026-11-30", quoteShort(r.ValidFrom)))
		}
		if s.ValidTo, err = directory.ParseDate(r.ValidTo); err != nil {
			return bad(".valid_to", fmt.Sprintf("the last day it holds is %s, not a date like 2026-11-30", quoteShort(r.ValidTo)))
		}
		l.Schedules = append(l.Schedules, s)
	}
	if len(l.Schedules) != int(r.Position)+1 {
		return bad("", fmt.Sprintf("its rows are out of order or some are missing (part %d comes after schedule %d)", r.Part+1, len(l.Schedules)))
	}
	if err := hsds.AddPart(&l.Schedules[r.Position], r.Byday, r.OpensAt, r.ClosesAt); err != nil {
		column := ".byday"
		for _, c := range []string{"opens_at", "closes_at"} {
			if strings.HasPrefix(err.Error(), c) {
				column = "." + c
			}
		}
		return bad(column, err.Error())
	}
	return nil
}

// namedScan returns the scan destinations of a query's columns, found by
// name in fields, for a row r; a column fields does not know is a bug in
// the query.
func namedScan[T any](columns []string, fields map[string]func(*T) any) (func(r *T, dst []any), error) {
	get := make([]func(*T) any, len(columns))
	for i, c := range columns {
		if get[i] = fields[c]; get[i] == nil {
			return nil, fmt.Errorf("query reads column %q, which has no field", c)
		}
	}
	return func(r *T, dst []any) {
		for i, g := range get {
			dst[i] = g(r)
		}
	}, nil
}
