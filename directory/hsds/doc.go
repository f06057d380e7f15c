// Package hsds speaks Open Referral's Human Services Data Specification
// 3.0, the format the 211 world exchanges directories in: the ids a
// listing's HSDS records carry, how its weekly hours are written as HSDS
// schedule records, how a listing maps to an HSDS service and back
// (FromListing, ToListing), and the HSDS JSON file (WriteJSON, ReadJSON).
//
// # A listing as an HSDS service
//
// A listing is one service, its ids UUIDv5s of the listing's id (ids.go),
// the same the store gives its rows, so every export names a listing alike:
//
//   - name, description, url (website), email (the address; text after it,
//     "a@b.org (general: c@b.org)", travels in full as an attribute),
//     eligibility_description, fees_description, alert, assured_date (the
//     day verified), last_modified (updated_at, RFC 3339), status
//     (temporarily_closed is HSDS's "temporarily closed"; "defunct" reads
//     as inactive).
//   - organization, nested, with organization_id: shared by name.
//   - phones: number, extension (a number; one with a leading zero travels
//     as an attribute, so it reads back as written), type "voice",
//     description (the label customers hear). The staff-only note and
//     "open 24/7" are phone attributes.
//   - schedules: one record per opening period of a schedule (Parts), freq
//     WEEKLY, wkst MO, byday, opens_at and closes_at as times of day: an
//     overnight period closing at 26:30 is written "02:30", and a record
//     whose closes_at is not after its opens_at closes the next day.
//     valid_from, valid_to and description are on every record; the label,
//     "unconfirmed", "proposed" and "part" (this record adds periods to the
//     schedule of the one before) are attributes.
//   - service_at_locations[0], a physical location with one physical
//     address (address_1, city, state_province, postal_code, country US).
//   - languages [{id, name}], required_documents [{id, document}].
//   - attributes of No Wrong Door's taxonomy (TaxonomyName) for what HSDS
//     has no field for: listing_id (so a round trip keeps the listing's
//     id), level, service, keyword, category, source_url (one attribute per
//     entry, in order), source_date, hours (as published), alert_until,
//     verified_by, notes_for_staff, archived. Each names its term in full.
//
// An export read back gives the same listing, every field and flag.
//
// # A partner's service as a listing
//
// A service that is not an export of ours (no listing_id attribute) is read
// as far as the directory can hold it, and the rest is reported, field by
// field, as not kept:
//
//   - its id, lower-cased, is the listing's when it is a valid listing id
//     (a UUID is); else ReadJSON makes one from the name.
//   - its level, which HSDS does not give, is inferred from the names and
//     web address (County: county; City of, Town of: city; Utah Department
//     or State of with a .gov address: state; U.S. or Federal with a .gov
//     address: federal; else nonprofit), and reported as "level inferred"
//     for an admin to check.
//   - alternate_name and the names of a foreign taxonomy's terms are
//     keywords: words customers use for the service.
//   - application_process and interpretation_services are added to the
//     description ("How to apply: ...", "Interpretation: ..."), where staff
//     read them before a referral; fees, HSDS's older field, is read when
//     fees_description is empty.
//   - phones and schedules are read from the service, every
//     service_at_location and its location, each id once; a phone's type
//     other than voice ("fax") is added to its label.
//   - the address is the first physical one of any location, else the
//     first; the others are not kept.
//   - a schedule record: "HH:MM" or "HH:MM:SS" times; records that differ
//     only in days and times make one schedule; a MONTHLY one is not a
//     weekly schedule and is kept only as its description; byweekno,
//     bymonthday, byyearday or an interval other than 1 narrow a weekly
//     schedule the directory cannot: its days and times are kept, marked
//     unconfirmed, and those fields reported not kept.
//
// Member names the HSDS schema does not define are problems, with a "did
// you mean", as in today's import format: a misspelled field silently
// dropped would lose data. So are names given twice and values of the
// wrong type, each named by its HSDS path.
//
// # Reading a file
//
// ReadJSON streams: its own splitter (json_scan.go) cuts the file into
// records, counting brackets outside strings, and hands them on in batches
// of 512 to one worker per processor, checked while the next batch is read,
// so a file is held two batches at a time besides the listings read. A worker checks a record against JSON's
// grammar (checkJSON) and walks it against the HSDS types (json_members.go),
// decoding into a Service what the model holds as it goes (json_decode.go);
// then ToListing, the hours reader when there is hours text and no schedule,
// Normalize and Validate, whose problems are renamed to the HSDS path they
// came from. Nothing recurses deeper than the HSDS types, so no nesting
// exhausts the stack; JSON nested more than 10,000 levels is refused, as
// encoding/json refuses it. The file's problems are all reported at once,
// each with its record number (from 0) and HSDS path; what was not kept is
// counted per field for the dry run's report.
package hsds
