package slip

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"nowrongdoor/directory"
)

// passports is a listing with every field a slip shows, and notes for
// staff that must never reach it.
func passports() *directory.Listing {
	return listing(directory.Listing{
		ID:           "slco-clerk-passports",
		Name:         "Salt Lake County Clerk - Passport Acceptance",
		Organization: "Salt Lake County Clerk",
		Description:  "Accepts U.S. passport applications by appointment. Takes passport photos. Refer anyone who needs a first passport.",
		Phones: []directory.Phone{
			{Label: "Passports", Number: "385-468-7300", Note: "From a third-party guide; confirm before sharing"},
			{Label: "Main office", Number: "385-468-7400", Ext: "12"},
		},
		Website:     "https://saltlakecounty.gov/clerk/passport",
		Email:       "passports@example.org",
		Address:     directory.Address{Street: "2001 S State St", City: "Salt Lake City", State: "UT", Zip: "84190"},
		Hours:       "Monday-Friday 8:00am-5:00pm",
		Documents:   "Form DS-11, proof of citizenship, photo ID",
		Eligibility: "U.S. citizens",
		Fees:        "$35 acceptance fee",
		Languages:   []string{"English", "Spanish"},
		StaffNotes:  "Ask for Dana at the counter; do not give out her cell.",
	})
}

func TestRenderShowsWhatTheCustomerNeeds(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
		want []string
	}{
		{"English", Options{}, []string{
			"Salt Lake County Library", "November 25, 2026",
			"Salt Lake County Clerk - Passport Acceptance", "Salt Lake County Clerk",
			"Accepts U.S. passport applications by appointment. Takes passport photos.",
			"Phones 385-468-7300 Passports 385-468-7400 ext. 12 Main office",
			"Address 2001 S State St, Salt Lake City, UT 84190",
			"Today Wednesday 8:00am-5:00pm",
			"This week Mon–Fri 8:00am-5:00pm Sat–Sun Closed",
			"What to bring Form DS-11, proof of citizenship, photo ID",
			"Who qualifies U.S. citizens", "Cost $35 acceptance fee", "Languages English, Spanish",
			"Website https://saltlakecounty.gov/clerk/passport", "Email passports@example.org",
			"Scan to open the website", "Hours can change: call first.",
		}},
		{"Spanish", Options{Lang: Spanish}, []string{
			"Salt Lake County Library", "25 de noviembre de 2026",
			"Salt Lake County Clerk - Passport Acceptance",
			"Teléfonos 385-468-7300 Passports", "Dirección 2001 S State St",
			"Hoy Miércoles 8:00am-5:00pm",
			"Esta semana Lun–vie 8:00am-5:00pm Sáb–dom Cerrado",
			"Qué llevar Form DS-11", "Requisitos U.S. citizens", "Costo $35", "Idiomas English, Spanish",
			"Sitio web https://saltlakecounty.gov/clerk/passport", "Correo electrónico passports@example.org",
			"Escanee para abrir el sitio web", "El horario puede cambiar: llame antes de ir.",
		}},
		{"large print", Options{LargePrint: true}, []string{
			"Salt Lake County Clerk - Passport Acceptance", "385-468-7300", "Hours can change: call first.",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ops := render(t, []*directory.Listing{passports()}, tc.opts)
			got := flat(text(ops))
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("slip does not say %q; it says:\n%s", w, text(ops))
				}
			}
			for _, staff := range []string{"third-party", "Dana", "Refer anyone"} {
				if strings.Contains(got, staff) {
					t.Errorf("slip says %q, meant for staff only:\n%s", staff, text(ops))
				}
			}
		})
	}
}

func TestLargePrintIsLarger(t *testing.T) {
	size := func(opts Options) float64 {
		_, ops := render(t, []*directory.Listing{passports()}, opts)
		for _, o := range ops {
			if o.text == "385-468-7300" {
				return o.style.size
			}
		}
		t.Fatalf("no phone on the slip")
		return 0
	}
	standard, large := size(Options{}), size(Options{LargePrint: true})
	if large < 14 || large <= standard {
		t.Errorf("large print phone is %.0fpt, standard %.0fpt; want large print of 14pt or more, above standard", large, standard)
	}
}

// TestNeverOverflows: whatever the listings hold, the slip is one page
// with everything inside its margins, and keeps what matters most.
func TestNeverOverflows(t *testing.T) {
	long := strings.Repeat("The office helps with many things and asks for many papers. ", 34)[:2000]
	unbroken := strings.Repeat("x", 2000)
	var phones []directory.Phone
	for i := 0; i < 20; i++ {
		phones = append(phones, directory.Phone{Label: long[:200], Number: "801-555-0100"})
	}
	huge := directory.Listing{
		ID: "huge", Name: long[:300], Organization: long[:300], Description: long + unbroken,
		Phones: phones, Website: "https://example.org/" + unbroken[:400], Email: "a@" + unbroken[:300] + ".org",
		Address:   directory.Address{Street: long[:400], City: "Salt Lake City", State: "UT"},
		Hours:     "Monday 8:00am-9:00am; Tuesday 10:00am-11:00am; Wednesday noon-1:00pm; Thursday 2:00pm-3:00pm; Friday 4:00pm-5:00pm; Saturday 6:00pm-7:00pm; Sunday 8:00pm-9:00pm. " + long,
		Documents: long, Eligibility: long, Fees: long, Languages: strings.Fields(long), Alert: long,
	}
	for _, tc := range []struct {
		name     string
		listings []*directory.Listing
		opts     Options
		want     []string
	}{
		{"a 2,000-character description", []*directory.Listing{listing(directory.Listing{ID: "d", Name: "Long Description Center", Description: long, Phones: []directory.Phone{{Number: "801-555-0101"}}})},
			Options{}, []string{"Long Description Center", "801-555-0101", "The office helps with many things"}},
		{"a 2,000-character description, large print", []*directory.Listing{listing(directory.Listing{ID: "d", Name: "Long Description Center", Description: long, Phones: []directory.Phone{{Number: "801-555-0101"}}})},
			Options{LargePrint: true}, []string{"Long Description Center", "801-555-0101", "The office helps with many things"}},
		{"a description with no spaces", []*directory.Listing{listing(directory.Listing{ID: "d", Name: "No Spaces", Description: unbroken})},
			Options{}, []string{"No Spaces", "xxxxxxxx"}},
		{"everything long", []*directory.Listing{listing(huge)}, Options{}, []string{"The office helps", "801-555-0100"}},
		{"four of everything long", []*directory.Listing{listing(huge), listing(huge), listing(huge), listing(huge)}, Options{}, []string{"801-555-0100"}},
		{"two of everything long, large print", []*directory.Listing{listing(huge), listing(huge)}, Options{LargePrint: true, Lang: Spanish}, []string{"801-555-0100"}},
		{"four ordinary", []*directory.Listing{passports(), passports(), passports(), passports()}, Options{Lang: Spanish}, []string{"385-468-7300", "Salt Lake County Clerk - Passport Acceptance"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ops := render(t, tc.listings, tc.opts)
			got := flat(text(ops))
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("slip does not say %q; it says:\n%s", w, text(ops))
				}
			}
			qrs := 0
			for _, o := range ops {
				if o.kind == opQR {
					qrs++
				}
			}
			if want := len(tc.listings); qrs != want && tc.listings[0].Website != "" {
				t.Errorf("slip has %d QR codes, want %d", qrs, want)
			}
		})
	}
}

// TestNothingKnown: a listing with no website, phones, address or hours
// still makes a clean slip: its name, and no empty labels, no code to
// scan and no reminder to call.
func TestNothingKnown(t *testing.T) {
	_, ops := render(t, []*directory.Listing{listing(directory.Listing{ID: "bare", Name: "Neighborhood Help Desk"})}, Options{})
	want := "Salt Lake County Library\nNovember 25, 2026\nNeighborhood Help Desk\n"
	if got := text(ops); got != want {
		t.Errorf("slip of a bare listing says\n%s\nwant\n%s", got, want)
	}
	for _, o := range ops {
		if o.kind == opQR {
			t.Errorf("slip of a bare listing has a QR code")
		}
	}
}

func TestRenderErrors(t *testing.T) {
	five := []*directory.Listing{passports(), passports(), passports(), passports(), passports()}
	for _, tc := range []struct {
		name     string
		listings []*directory.Listing
		opts     Options
		want     error
	}{
		{"none", nil, Options{}, ErrNoListings},
		{"five", five, Options{}, ErrTooMany},
		{"three in large print", five[:3], Options{LargePrint: true}, ErrTooMany},
		{"French", five[:1], Options{Lang: "fr"}, ErrLang},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Render(&buf, tc.listings, tc.opts)
			if !errors.Is(err, tc.want) {
				t.Errorf("Render = %v, want %v", err, tc.want)
			}
			if buf.Len() > 0 {
				t.Errorf("Render wrote %d bytes on error", buf.Len())
			}
		})
	}
	for _, n := range []int{MaxListings, MaxLargePrintListings} {
		if err := Render(io.Discard, five[:n], Options{LargePrint: n == MaxLargePrintListings}); err != nil {
			t.Errorf("Render of %d listings = %v", n, err)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestRenderWriteError(t *testing.T) {
	err := Render(failWriter{}, []*directory.Listing{passports()}, Options{Now: testNow})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Render to a failing writer = %v, want its error", err)
	}
}

// TestDatedByOptions: a slip is dated by Options.Now, not the clock, in
// its text and its document properties.
func TestDatedByOptions(t *testing.T) {
	b, ops := render(t, []*directory.Listing{passports()}, Options{Now: time.Date(2027, time.March, 1, 23, 30, 0, 0, directory.Denver)})
	if !strings.Contains(text(ops), "March 1, 2027") {
		t.Errorf("slip made on March 1, 2027 says:\n%s", text(ops))
	}
	if !bytes.Contains(b, []byte("/CreationDate (D:20270301")) {
		t.Errorf("slip made on March 1, 2027 has no creation date of that day")
	}
}

// TestClosedAndAlert: a customer is told first when a place is closed or
// has a notice.
func TestClosedAndAlert(t *testing.T) {
	l := passports()
	l.Status = directory.StatusTemporarilyClosed
	l.Alert = "Moving to a new building in December"
	_, ops := render(t, []*directory.Listing{l}, Options{})
	got := flat(text(ops))
	for _, w := range []string{"Please note Temporarily closed.", "Moving to a new building in December"} {
		if !strings.Contains(got, w) {
			t.Errorf("slip does not say %q:\n%s", w, text(ops))
		}
	}
	if strings.Index(got, "Temporarily closed") > strings.Index(got, "385-468-7300") {
		t.Errorf("the closure comes after the phones:\n%s", text(ops))
	}
	l.AlertUntil = directory.Date{Year: 2026, Month: time.November, Day: 1}
	_, ops = render(t, []*directory.Listing{l}, Options{})
	if strings.Contains(text(ops), "Moving") {
		t.Errorf("slip shows an alert that ended")
	}
}
