package directory

import (
	"slices"
	"strings"
	"time"
)

// Level says which kind of body runs a listing, so staff can tell a county
// office from a nonprofit at a glance.
type Level string

// The levels a listing may have.
const (
	LevelCounty    Level = "county"
	LevelCity      Level = "city"
	LevelState     Level = "state"
	LevelFederal   Level = "federal"
	LevelNonprofit Level = "nonprofit"
	// LevelBusiness is a private company customers deal with, such as a
	// utility.
	LevelBusiness Level = "business"
)

// Levels lists every valid level, in the order the window shows them.
var Levels = []Level{LevelCounty, LevelCity, LevelState, LevelFederal, LevelNonprofit, LevelBusiness}

// Status says whether a customer can be sent to a listing today.
type Status string

// The statuses a listing may have. An empty status in a file means active.
const (
	StatusActive            Status = "active"
	StatusTemporarilyClosed Status = "temporarily_closed"
	StatusInactive          Status = "inactive"
)

// Statuses lists every valid status.
var Statuses = []Status{StatusActive, StatusTemporarilyClosed, StatusInactive}

// Phone is one number a customer can call. Label says who answers
// ("Marriage Division", "24-hour crisis line") and is shown to customers;
// Note says where the number came from ("From third-party guides; confirm
// before sharing") and is for staff only: it never goes into a referral.
type Phone struct {
	Label  string `json:"label"`
	Number string `json:"number"`
	Ext    string `json:"ext,omitempty"`
	Note   string `json:"note,omitempty"`
	// Open247 says the line answers at any hour, whatever the listing's
	// schedule: a crisis line, a utility's outage line. Normalize sets it
	// when the label says so ("24-hour crisis line"); an admin sets it for
	// a line whose label does not.
	Open247 bool `json:"open_24_7,omitempty"`
}

// String formats the phone as staff read it aloud: number, then extension.
func (p Phone) String() string {
	if p.Ext == "" {
		return p.Number
	}
	return p.Number + " ext. " + p.Ext
}

// Address is where a customer goes in person.
type Address struct {
	Street string `json:"street"`
	City   string `json:"city"`
	State  string `json:"state"`
	Zip    string `json:"zip"`
}

// IsZero reports whether the address has no street and no city, which is how
// phone-only and online-only listings are recorded.
func (a Address) IsZero() bool {
	return strings.TrimSpace(a.Street) == "" && strings.TrimSpace(a.City) == ""
}

// String formats the address on one line, skipping empty parts.
func (a Address) String() string {
	var parts []string
	if s := strings.TrimSpace(a.Street); s != "" {
		parts = append(parts, s)
	}
	cityState := strings.TrimSpace(a.City)
	if st := strings.TrimSpace(a.State); st != "" {
		if cityState != "" {
			cityState += ", "
		}
		cityState += st
	}
	if z := strings.TrimSpace(a.Zip); z != "" {
		if cityState != "" {
			cityState += " "
		}
		cityState += z
	}
	if cityState != "" {
		parts = append(parts, cityState)
	}
	return strings.Join(parts, ", ")
}

// Listing is one place a customer can be sent: a county division, a program
// or an outside agency. In Open Referral HSDS terms it is a service together
// with its organization, location, phones and schedule.
//
// The JSON form is the import format of data/agencies.json; fields the
// default data does not carry are optional.
type Listing struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Organization string   `json:"parent"`
	Level        Level    `json:"level"`
	Description  string   `json:"description"`
	Services     []string `json:"services"`
	// Keywords are the words customers use, English and Spanish.
	Keywords   []string `json:"keywords"`
	Categories []string `json:"categories"`
	Phones     []Phone  `json:"phones"`
	Email      string   `json:"email"`
	Website    string   `json:"website"`
	Address    Address  `json:"address"`
	// Hours is the text as published. The weekly schedule parsed from it is
	// Schedules; text that states no weekly hours is shown as it is.
	Hours       string   `json:"hours"`
	Eligibility string   `json:"eligibility"`
	Fees        string   `json:"fees"`
	Languages   []string `json:"languages"`
	Documents   string   `json:"documents"`
	SourceURLs  []string `json:"source_urls"`
	SourceDate  string   `json:"source_date"`

	Status Status `json:"status,omitempty"`
	// Alert is a notice shown above everything else ("closed for remodel
	// until March"); it disappears after AlertUntil when that is set.
	Alert      string `json:"alert,omitempty"`
	AlertUntil Date   `json:"alert_until,omitzero"`
	// VerifiedOn is the day a person last checked the listing against its
	// sources, kept apart from UpdatedAt: an edit is not a verification.
	VerifiedOn Date   `json:"verified_on,omitzero"`
	VerifiedBy string `json:"verified_by,omitempty"`
	// StaffNotes are for staff only and never go into a referral: where a
	// fact came from, what to confirm before sharing it.
	StaffNotes string `json:"notes_for_staff,omitempty"`
	// UpdatedAt is when the store last changed the listing. It is set by the
	// store, and ignored on import.
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	// Archived listings are hidden from the desk and kept, so an admin can
	// restore them; only an archived listing can be deleted.
	Archived bool `json:"archived,omitempty"`

	// Schedules are the weekly hours, stored with the listing (HSDS
	// schedule rows), one per part of the hours that states them ("Shelter
	// Monday-Saturday ...; dispatch 24/7"). Those read from Hours by the
	// hours reader are Proposed until an admin confirms them.
	Schedules []Schedule `json:"-"`
}

// Normalize tidies a listing read from a file or being saved: it trims
// spaces, drops empty list entries and defaults the status to active, and
// marks its schedules Unconfirmed when the staff notes doubt the hours. It
// never reads the hours text: whoever takes in a listing with hours text
// and no schedules (an import) proposes them with hours.Propose first.
// Validate reports what Normalize cannot fix.
func (l *Listing) Normalize() {
	trim := func(s *string) { *s = strings.TrimSpace(*s) }
	for _, s := range []*string{&l.ID, &l.Name, &l.Organization, &l.Description, &l.Email, &l.Website,
		&l.Hours, &l.Eligibility, &l.Fees, &l.Documents, &l.SourceDate, &l.Alert, &l.VerifiedBy, &l.StaffNotes,
		&l.Address.Street, &l.Address.City, &l.Address.State, &l.Address.Zip} {
		trim(s)
	}
	l.Level = Level(strings.ToLower(strings.TrimSpace(string(l.Level))))
	l.Status = Status(strings.ToLower(strings.TrimSpace(string(l.Status))))
	if l.Status == "" {
		l.Status = StatusActive
	}
	l.Services = compact(l.Services)
	l.Keywords = compact(l.Keywords)
	l.Categories = compact(l.Categories)
	l.Languages = compact(l.Languages)
	l.SourceURLs = compact(l.SourceURLs)
	phones := make([]Phone, 0, len(l.Phones)) // never nil, as compact: an export writes [], not null
	for _, p := range l.Phones {
		p.Label, p.Number, p.Ext, p.Note = strings.TrimSpace(p.Label), strings.TrimSpace(p.Number), strings.TrimSpace(p.Ext), strings.TrimSpace(p.Note)
		if labelSaysAroundTheClock(p.Label) {
			p.Open247 = true // stored, so the editor shows it and an export carries it
		}
		if p.Label != "" || p.Number != "" || p.Ext != "" || p.Note != "" {
			phones = append(phones, p)
		}
	}
	l.Phones = phones
	if hoursDoubted(l.StaffNotes) {
		l.Schedules = slices.Clone(l.Schedules) // the caller's may be shared
		for i := range l.Schedules {
			l.Schedules[i].Unconfirmed = true
		}
	}
}

// hoursDoubted reports whether staff notes doubt the published hours: a
// sentence that speaks of hours and asks to confirm them ("Hours as of
// 2011; confirm before sharing."). Such provenance used to sit in the
// hours text itself, where the hours reader saw it.
func hoursDoubted(notes string) bool {
	for _, sentence := range strings.Split(strings.ToLower(notes), ". ") {
		if (strings.Contains(sentence, "hours") || strings.Contains(sentence, "times")) &&
			(strings.Contains(sentence, "confirm") || strings.Contains(sentence, "verify")) {
			return true
		}
	}
	return false
}

// compact trims each entry and drops empty ones, keeping order. It always
// returns a non-nil slice so JSON exports write [] rather than null.
func compact(in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// MainPhone returns the first phone, the one the results list shows.
func (l *Listing) MainPhone() (Phone, bool) {
	if len(l.Phones) == 0 {
		return Phone{}, false
	}
	return l.Phones[0], true
}

// AlertActive reports whether the alert should be shown at instant t: it has
// text and its end date, if any, has not passed in America/Denver.
func (l *Listing) AlertActive(t time.Time) bool {
	if l.Alert == "" {
		return false
	}
	if l.AlertUntil.IsZero() {
		return true
	}
	return !l.AlertUntil.Before(DateOf(t))
}

// Verified reports whether a person has ever checked the listing.
func (l *Listing) Verified() bool { return !l.VerifiedOn.IsZero() }

// StaleAfter is how long a verification stays fresh. A listing not verified
// within it is flagged for admins to check again.
const StaleAfter = 365 * 24 * time.Hour

// Stale reports whether the listing needs checking at instant t: it was never
// verified, or last verified longer ago than StaleAfter.
func (l *Listing) Stale(t time.Time) bool {
	if l.VerifiedOn.IsZero() {
		return true
	}
	return t.Sub(l.VerifiedOn.Time()) > StaleAfter
}

// CountReview counts the listings waiting for review at instant t: those
// never verified, and those verified longer ago than StaleAfter. Archived
// listings wait for nothing.
func CountReview(ls []Listing, t time.Time) (never, stale int) {
	for i := range ls {
		switch l := &ls[i]; {
		case l.Archived:
		case !l.Verified():
			never++
		case l.Stale(t):
			stale++
		}
	}
	return never, stale
}
