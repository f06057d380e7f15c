package directory

import (
	"encoding/json"
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// validateNow is the clock of these tests: verified_on may not be later
// than 2026-03-15 in Salt Lake County.
var validateNow = time.Date(2026, time.March, 15, 10, 0, 0, 0, Denver)

// validListing returns a normalized listing that passes every rule, for
// tests to break one field at a time.
func validListing() *Listing {
	l := &Listing{
		ID:           "slco-wic",
		Name:         "Salt Lake County WIC",
		Organization: "Salt Lake County Health Department",
		Level:        LevelCounty,
		Description:  "Food and nutrition help for women, infants and children.",
		Services:     []string{"WIC benefits"},
		Keywords:     []string{"wic", "formula"},
		Categories:   []string{"Food"},
		Phones:       []Phone{{Label: "Main line", Number: "385-468-4100"}},
		Email:        "wic@slco.org",
		Website:      "https://saltlakecounty.gov/health/wic",
		Address:      Address{Street: "610 S 200 E", City: "Salt Lake City", State: "UT", Zip: "84111"},
		Hours:        "Monday-Friday 8:00am-5:00pm",
		Languages:    []string{"English", "Spanish"},
		SourceURLs:   []string{"https://saltlakecounty.gov/health/wic"},
		SourceDate:   "2025-10",
	}
	l.Normalize()
	return l
}

// ruleCase is one row of a rule's table: an edit to a valid listing, and
// the problem it must cause, or none when want is "".
type ruleCase struct {
	name  string
	edit  func(l *Listing)
	field string
	want  string
}

// runRules checks each case: a valid case has no problems; an invalid one
// has a problem at field whose message contains want, and no problem at
// any other field (each case breaks one rule).
func runRules(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := validListing()
			tc.edit(l)
			got := l.Validate(validateNow)
			if tc.want == "" {
				if len(got) != 0 {
					t.Errorf("Validate() = %+v, want no problems", got)
				}
				return
			}
			var found bool
			for _, p := range got {
				if p.Field == tc.field && strings.Contains(p.Message, tc.want) {
					found = true
				}
				if p.Field != tc.field {
					t.Errorf("Validate() problem %+v, want problems only at %q", p, tc.field)
				}
				if p.ID != l.ID {
					t.Errorf("Validate() problem %+v names id %q, want %q", p, p.ID, l.ID)
				}
			}
			if !found {
				t.Errorf("Validate() = %+v, want a problem at %q containing %q", got, tc.field, tc.want)
			}
		})
	}
}

func TestValidateID(t *testing.T) {
	runRules(t, []ruleCase{
		{"slug", func(l *Listing) { l.ID = "slco-clerk-passports-2" }, "", ""},
		{"empty", func(l *Listing) { l.ID = "" }, "id", `id is empty; give the listing a unique id of lower-case letters, digits and dashes, like "salt-lake-county-wic"`},
		{"capitals and space", func(l *Listing) { l.ID = "SLCO WIC" }, "id", `id "SLCO WIC" may use only lower-case letters, digits and single dashes between them; use "slco-wic"`},
		{"double dash", func(l *Listing) { l.ID = "slco--wic" }, "id", "single dashes"},
		{"too long", func(l *Listing) { l.ID = strings.Repeat("a", MaxIDLength+1) }, "id", "id is 101 characters long, longer than 100; shorten it"},
	})
}

func TestValidateName(t *testing.T) {
	runRules(t, []ruleCase{
		{"Spanish", func(l *Listing) { l.Name = "Consulado de México en Salt Lake City" }, "", ""},
		{"at the limit", func(l *Listing) { l.Name = strings.Repeat("é", MaxNameLength) }, "", ""},
		{"empty", func(l *Listing) { l.Name = "" }, "name", "name is empty; give the listing a name"},
		{"too long", func(l *Listing) { l.Name = strings.Repeat("é", MaxNameLength+1) }, "name", "name is 201 characters long, longer than 200; shorten it"},
	})
}

func TestValidateLevelAndStatus(t *testing.T) {
	runRules(t, []ruleCase{
		{"business", func(l *Listing) { l.Level = LevelBusiness }, "", ""},
		{"temporarily closed", func(l *Listing) { l.Status = StatusTemporarilyClosed }, "", ""},
		{"no level", func(l *Listing) { l.Level = "" }, "level", "level is empty; set it to one of county, city, state, federal, nonprofit, business"},
		{"unknown level", func(l *Listing) { l.Level = "tribal" }, "level", `level "tribal" is not one of`},
		{"unknown status", func(l *Listing) { l.Status = "closed" }, "status", `status "closed" is not one of active, temporarily_closed, inactive`},
	})
}

func TestValidateReach(t *testing.T) {
	none := func(l *Listing) {
		l.Phones, l.Website, l.Email, l.Address, l.SourceURLs = nil, "", "", Address{}, nil
	}
	runRules(t, []ruleCase{
		{"phone only", func(l *Listing) { none(l); l.Phones = []Phone{{Number: "211"}} }, "", ""},
		{"website only", func(l *Listing) { none(l); l.Website = "https://example.org" }, "", ""},
		{"email only", func(l *Listing) { none(l); l.Email = "help@example.org" }, "", ""},
		{"street only", func(l *Listing) { none(l); l.Address.Street = "2001 S State St" }, "", ""},
		{"city only", func(l *Listing) { none(l); l.Address = Address{City: "Herriman", State: "UT"} }, "", ""},
		// Lenient on purpose: default listings known only from their
		// sources must load (see reachable).
		{"source only", func(l *Listing) { none(l); l.SourceURLs = []string{"https://example.org/news"} }, "", ""},
		{"nothing", none, "", "the listing has no phone, website, email or address; add at least one"},
		{"state and zip are not a way", func(l *Listing) { none(l); l.Address = Address{State: "UT", Zip: "84111"} }, "", "has no phone, website, email or address"},
	})
}

func TestValidatePhones(t *testing.T) {
	phone := func(number, ext string) func(l *Listing) {
		return func(l *Listing) { l.Phones = []Phone{{Label: "Main", Number: number, Ext: ext}} }
	}
	cases := []ruleCase{
		{"local", phone("801-535-6000", ""), "", ""},
		{"toll-free with 1", phone("1-800-662-4545", ""), "", ""},
		{"toll-free without 1", phone("800-371-7897", ""), "", ""},
		{"extension", phone("385-468-7300", "123456"), "", ""},
		{"no number", phone("", ""), "phones[0].number", `phones[0] ("Main") has no number; add it or remove the phone`},
		{"too few digits", phone("801-555-12", ""), "phones[0].number", `phones[0] ("Main") number "801-555-12" has 8 digits; a phone number has 10, as 801-555-1234`},
		{"too many digits", phone("801-555-12345", ""), "phones[0].number", "has 11 digits; a phone number has 10"},
		{"no area code", phone("555-1234", ""), "phones[0].number", "has no area code; a phone number has 10 digits, as 801-555-1234"},
		{"brackets", phone("(801) 535-6000", ""), "phones[0].number", `is not written like 385-468-7300; write "801-535-6000"`},
		{"dots with 1", phone("1.800.662.4545", ""), "phones[0].number", `is not written like 1-800-662-4545; write "1-800-662-4545"`},
		{"plus one", phone("+1 801 535 6000", ""), "phones[0].number", `write "1-801-535-6000"`},
		{"area code starts with 1", phone("180-535-6000", ""), "phones[0].number", "has the area code 180, and no area code starts with 0 or 1"},
		{"exchange starts with 0", phone("801-035-6000", ""), "phones[0].number", "has the exchange 035 (the middle three digits), and no exchange starts with 0 or 1"},
		{"extension in the number", phone("801-535-6000 x12", ""), "phones[0].number", `has an extension in it; put the extension in "ext"`},
		{"letters", phone("1-800-FLOWERS", ""), "phones[0].number", "has letters in it; write the number in digits only"},
		{"words", phone("call the front desk", ""), "phones[0].number", "is not a phone number; write it like 385-468-7300, 1-800-662-4545 or 211"},
		{"three digits not in service", phone("411", ""), "phones[0].number", "is not a three-digit number in service here; those are 211, 311, 511, 711, 811, 911, 988"},
		{"extension with letters", phone("801-535-6000", "x12"), "phones[0].ext", `phones[0] ("Main") ext "x12" should be the extension's digits only`},
		{"extension too long", phone("801-535-6000", "1234567"), "phones[0].ext", "digits only"},
		{"second phone named", func(l *Listing) { l.Phones = append(l.Phones, Phone{Number: "12"}) }, "phones[1].number", `phones[1] number "12" has 2 digits`},
	}
	for _, n := range ServiceNumbers {
		cases = append(cases, ruleCase{n, phone(n, ""), "", ""})
	}
	runRules(t, cases)
}

func TestValidateEmail(t *testing.T) {
	runRules(t, []ruleCase{
		{"none", func(l *Listing) { l.Email = "" }, "", ""},
		{"plus and dots", func(l *Listing) { l.Email = "library.board+wic@slcolibrary.org" }, "", ""},
		{"with a note", func(l *Listing) { l.Email = "discrimination@utah.gov (fair housing: fh@utah.gov)" }, "", ""},
		{"at spelled out", func(l *Listing) { l.Email = "wic at slco.org" }, "email", `email "wic at slco.org" does not start with an address like name@example.org`},
		{"no domain", func(l *Listing) { l.Email = "wic@" }, "email", "does not start with an address"},
		{"no top-level domain", func(l *Listing) { l.Email = "wic@slco" }, "email", "does not start with an address"},
		{"two at signs", func(l *Listing) { l.Email = "wic@@slco.org" }, "email", "does not start with an address"},
		{"angle brackets", func(l *Listing) { l.Email = "<wic@slco.org>" }, "email", "does not start with an address"},
		{"mailto", func(l *Listing) { l.Email = "mailto:wic@slco.org" }, "email", "starts with mailto:; write the address alone"},
		{"address too long", func(l *Listing) { l.Email = strings.Repeat("a", 250) + "@slco.org" }, "email", "longer than any address can be"},
	})
}

func TestValidateURLs(t *testing.T) {
	website := func(u string) func(l *Listing) { return func(l *Listing) { l.Website = u } }
	runRules(t, []ruleCase{
		{"https", website("https://slco.org/treasurer/"), "", ""},
		{"http with port and query", website("http://example.org:8080/a?b=c#d"), "", ""},
		{"ftp", website("ftp://slco.org/"), "website", `website "ftp://slco.org/" is not a web address (only http and https links open); write it in full, like https://example.org/page`},
		{"javascript", website("javascript:alert(1)"), "website", "is not a web address"},
		{"words", website("see the county site"), "website", "is not a web address; write it in full"},
		{"no host", website("https:///path"), "website", "is not a web address"},
		{"user name", website("https://slco.org@evil.example/"), "website", `website "https://slco.org@evil.example/" has a user name before @, which can disguise where a link goes; remove it`},
		{"user and password", website("https://a:b@example.org/"), "website", "has a user name before @"},
		{"too long", website("https://example.org/" + strings.Repeat("a", MaxURLLength)), "website", "longer than 2000; shorten it"},
		{"relative source", func(l *Listing) { l.SourceURLs = []string{"https://example.org", "/health/wic"} }, "source_urls[1]", `source_urls[1] "/health/wic" is not a web address`},
		{"source with user name", func(l *Listing) { l.SourceURLs = []string{"http://user@example.org/"} }, "source_urls[0]", "has a user name before @"},
	})
}

func TestValidateAddress(t *testing.T) {
	state := func(s string) func(l *Listing) { return func(l *Listing) { l.Address.State = s } }
	zip := func(z string) func(l *Listing) { return func(l *Listing) { l.Address.Zip = z } }
	runRules(t, []ruleCase{
		{"no state", state(""), "", ""},
		{"District of Columbia", state("DC"), "", ""},
		{"Puerto Rico", state("PR"), "", ""},
		{"Guam", state("GU"), "", ""},
		{"lower case", state("ut"), "address.state", `address.state "ut" should be the two capital letters of the state's code: "UT"`},
		{"full name", state("Utah"), "address.state", `should be the two capital letters of the state's code: "UT"`},
		{"two-word name", state("new mexico"), "address.state", `"NM"`},
		{"not a state", state("ZZ"), "address.state", `address.state "ZZ" is not the code of a US state or territory; write its two letters, like UT`},
		{"military", state("AE"), "address.state", "is not the code of a US state or territory"},
		{"no zip", zip(""), "", ""},
		{"zip+4", zip("84111-2904"), "", ""},
		{"short zip", zip("8411"), "address.zip", `address.zip "8411" is not a ZIP code; write its 5 digits, like 84111, or ZIP+4, like 84111-2904`},
		{"nine digits", zip("841112904"), "address.zip", `address.zip "841112904" is not written like 84111-2904; write "84111-2904"`},
		{"space in zip+4", zip("84111 2904"), "address.zip", `write "84111-2904"`},
		{"letters", zip("K1A 0B1"), "address.zip", "is not a ZIP code"},
		{"six digits", zip("841110"), "address.zip", "is not a ZIP code"},
	})
}

func TestValidateLengths(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n) }
	cases := []ruleCase{
		{"description at the limit", func(l *Listing) { l.Description = long(MaxTextLength) }, "", ""},
		{"description", func(l *Listing) { l.Description = long(MaxTextLength + 1) }, "description", "description is 4001 characters long, longer than 4000; shorten it"},
		{"hours", func(l *Listing) { l.Hours = long(MaxTextLength + 1) }, "hours", "longer than 4000"},
		{"eligibility", func(l *Listing) { l.Eligibility = long(MaxTextLength + 1) }, "eligibility", "longer than 4000"},
		{"fees", func(l *Listing) { l.Fees = long(MaxTextLength + 1) }, "fees", "longer than 4000"},
		{"documents", func(l *Listing) { l.Documents = long(MaxTextLength + 1) }, "documents", "longer than 4000"},
		{"alert", func(l *Listing) { l.Alert = long(MaxTextLength + 1) }, "alert", "longer than 4000"},
		{"notes", func(l *Listing) { l.StaffNotes = long(MaxTextLength + 1) }, "notes_for_staff", "notes_for_staff is 4001 characters long"},
		{"parent", func(l *Listing) { l.Organization = long(MaxNameLength + 1) }, "parent", "longer than 200"},
		{"street", func(l *Listing) { l.Address.Street = long(MaxNameLength + 1) }, "address.street", "longer than 200"},
		{"city", func(l *Listing) { l.Address.City = long(MaxNameLength + 1) }, "address.city", "longer than 200"},
		{"verified by", func(l *Listing) { l.VerifiedBy = long(MaxNameLength + 1) }, "verified_by", "longer than 200"},
		{"huge zip", func(l *Listing) { l.Address.Zip = long(1 << 20) }, "address.zip", "address.zip is 1048576 characters long, longer than 200"},
		{"email", func(l *Listing) { l.Email = "a@b.org " + long(MaxEmailLength) }, "email", "longer than 320"},
		{"service", func(l *Listing) { l.Services = []string{"x", long(MaxItemLength + 1)} }, "services[1]", "services[1] is 301 characters long, longer than 300"},
		{"keyword", func(l *Listing) { l.Keywords = []string{long(MaxItemLength + 1)} }, "keywords[0]", "longer than 300"},
		{"category", func(l *Listing) { l.Categories = []string{long(MaxItemLength + 1)} }, "categories[0]", "longer than 300"},
		{"language", func(l *Listing) { l.Languages = []string{long(MaxItemLength + 1)} }, "languages[0]", "longer than 300"},
		{"source URL", func(l *Listing) { l.SourceURLs = []string{"https://example.org/" + long(MaxURLLength)} }, "source_urls[0]", "longer than 2000"},
		{"phone label", func(l *Listing) { l.Phones[0].Label = long(MaxItemLength + 1) }, "phones[0].label", "longer than 300"},
		{"phone note", func(l *Listing) { l.Phones[0].Note = long(MaxItemLength + 1) }, "phones[0].note", "longer than 300"},
		{"phone number", func(l *Listing) { l.Phones[0].Number = long(MaxItemLength + 1) }, "phones[0].number", "longer than 300"},
		{"too many keywords", func(l *Listing) { l.Keywords = strings.Fields(strings.Repeat("k ", MaxListLength+1)) }, "keywords", "keywords has 101 entries, more than 100; keep the ones staff need"},
		{"too many phones", func(l *Listing) { l.Phones = make([]Phone, MaxListLength+1) }, "phones", "phones has 101 entries, more than 100"},
	}
	runRules(t, cases)
}

// TestValidateHugeDescription: a 10 MB description, which froze the window
// for minutes, is refused with a message that says what to do (how fast:
// BenchmarkValidateHugeDescription).
func TestValidateHugeDescription(t *testing.T) {
	l := validListing()
	l.Description = strings.Repeat("Help with food. ", 10<<20/16) + "Call first."
	got := l.Validate(validateNow)
	want := "description is 10485771 characters long, longer than 4000; shorten it"
	if len(got) != 1 || got[0].Field != "description" || got[0].Message != want {
		t.Errorf("Validate(10 MB description) = %+v, want one problem %q", got, want)
	}
}

// BenchmarkValidateHugeDescription measures refusing a 10 MB description,
// which once froze the window for minutes; the budget is well under a
// second. Speed is a benchmark's to measure, not a test's: a shared machine
// under load would fail a timed test.
func BenchmarkValidateHugeDescription(b *testing.B) {
	l := validListing()
	l.Description = strings.Repeat("Help with food. ", 10<<20/16) + "Call first."
	for b.Loop() {
		if len(l.Validate(validateNow)) != 1 {
			b.Fatal("Validate(10 MB description) did not refuse it")
		}
	}
}

func TestValidateCharacters(t *testing.T) {
	runRules(t, []ruleCase{
		{"accents and symbols", func(l *Listing) { l.Name = "Café € … ¡sí! 日本 — ½" }, "", ""},
		{"tab and line breaks in a paragraph", func(l *Listing) { l.Description = "One.\r\nTwo.\tThree." }, "", ""},
		{"right-to-left override in name", func(l *Listing) { l.Name = "WIC \u202Eecffo" }, "name",
			"name contains U+202E (right-to-left override), an invisible character, at character 5; remove it"},
		{"left-to-right embedding", func(l *Listing) { l.Description = "a\u202Ab" }, "description", "U+202A (left-to-right embedding)"},
		{"pop directional formatting", func(l *Listing) { l.Fees = "a\u202Cb" }, "fees", "U+202C"},
		{"right-to-left isolate", func(l *Listing) { l.Address.Street = "\u2067610 S 200 E" }, "address.street", "U+2067 (right-to-left isolate), an invisible character, at character 1"},
		{"pop directional isolate", func(l *Listing) { l.Hours = "9-5\u2069" }, "hours", "U+2069"},
		{"zero width space in a keyword", func(l *Listing) { l.Keywords = []string{"wic", "for\u200Bmula"} }, "keywords[1]", "keywords[1] contains U+200B (zero width space), an invisible character, at character 4"},
		{"zero width joiner", func(l *Listing) { l.Phones[0].Label = "Main\u200D" }, "phones[0].label", "U+200D (zero width joiner)"},
		{"zero width non-joiner", func(l *Listing) { l.Organization = "S\u200CLCo" }, "parent", "U+200C"},
		{"word joiner", func(l *Listing) { l.Email = "wic@slco.org\u2060" }, "email", "U+2060 (word joiner)"},
		{"byte order mark", func(l *Listing) { l.Website = "\uFEFFhttps://slco.org" }, "website", "U+FEFF (zero width no-break space)"},
		{"invisible in source URL", func(l *Listing) { l.SourceURLs = []string{"https://slco.org/\u200B"} }, "source_urls[0]", "U+200B"},
		{"control character in name", func(l *Listing) { l.Name = "WIC\aoffice" }, "name", "name contains the control character U+0007 at character 4; remove it"},
		{"line break in name", func(l *Listing) { l.Name = "WIC\noffice" }, "name", "U+000A"},
		{"line separator in description", func(l *Listing) { l.Description = "a\u2028b" }, "description", "U+2028"},
		{"C1 control in notes", func(l *Listing) { l.StaffNotes = "a\u0085b" }, "notes_for_staff", "U+0085"},
		{"NUL in a phone note", func(l *Listing) { l.Phones[0].Note = "per\x00guide" }, "phones[0].note", "phones[0].note contains the control character U+0000"},
		{"escape in the zip", func(l *Listing) { l.Address.Zip = "84111\x1b" }, "address.zip", "U+001B"},
		{"position counts characters", func(l *Listing) { l.Name = "Café\u200B" }, "name", "at character 5"},
		{"invalid UTF-8 in a website", func(l *Listing) { l.Website = "http://\xb4" }, "website", "website is not valid UTF-8 text at character 8; type that part again"},
		{"invalid UTF-8 in a keyword", func(l *Listing) { l.Keywords = []string{"caf\xe9"} }, "keywords[0]", "is not valid UTF-8 text at character 4"},
	})
}

func TestValidateVerifiedOn(t *testing.T) {
	on := func(y int, m time.Month, d int) func(l *Listing) {
		return func(l *Listing) { l.VerifiedOn = Date{y, m, d} }
	}
	runRules(t, []ruleCase{
		{"never", on(0, 0, 0), "", ""},
		{"last year", on(2025, time.March, 16), "", ""},
		{"today", on(2026, time.March, 15), "", ""},
		{"tomorrow", on(2026, time.March, 16), "verified_on", "verified_on 2026-03-16 is in the future; give the day a person last checked the listing, today (2026-03-15) or earlier"},
		{"next year", on(2027, time.January, 1), "verified_on", "is in the future"},
	})
	// Today is reckoned in Salt Lake County: at 11 pm on March 15 in
	// Denver it is already March 16 in UTC, and March 16 is still ahead.
	late := time.Date(2026, time.March, 16, 5, 0, 0, 0, time.UTC)
	l := validListing()
	l.VerifiedOn = Date{2026, time.March, 16}
	if got := l.Validate(late); len(got) != 1 || got[0].Field != "verified_on" {
		t.Errorf("Validate(%v) with verified_on %v = %+v, want it in the future", late, l.VerifiedOn, got)
	}
}

func TestValidateSourceDate(t *testing.T) {
	runRules(t, []ruleCase{
		{"year", func(l *Listing) { l.SourceDate = "2019" }, "", ""},
		{"day", func(l *Listing) { l.SourceDate = "2019-02-07" }, "", ""},
		{"words", func(l *Listing) { l.SourceDate = "March 2024" }, "source_date", `source_date "March 2024" should be YYYY, YYYY-MM or YYYY-MM-DD`},
		{"month 13", func(l *Listing) { l.SourceDate = "2024-13" }, "source_date", "should be YYYY"},
	})
}

func TestValidateListings(t *testing.T) {
	listings := make([]Listing, 3)
	for i, id := range []string{"slco-wic", "slco-food", "slco-aging"} {
		listings[i] = *validListing()
		listings[i].ID = id
	}
	if err := ValidateListings(listings, validateNow); err != nil {
		t.Errorf("ValidateListings(valid listings) = %v, want nil", err)
	}
	listings[0].Name = ""
	listings[2].ID = listings[1].ID
	err := ValidateListings(listings, validateNow)
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 2 || ve.Problems[0].Field != "name" || ve.Problems[1].Index != 2 {
		t.Errorf("ValidateListings(no name, duplicate id) = %v, want both problems", err)
	}
}

func TestForbiddenRune(t *testing.T) {
	tests := []struct {
		s         string
		multiline bool
		want      rune
		at        int
		ok        bool
	}{
		{"plain text", false, 0, 0, false},
		{"café € … ¡sí! 日本 ﬁ ｆｕｌｌ", false, 0, 0, false},
		{"a\tb", false, '\t', 1, true},
		{"a\tb\r\nc", true, 0, 0, false},
		{"a\x00b", true, 0, 1, true},
		{"a\x7fb", false, 0x7f, 1, true},
		{"a\u0085b", false, 0x85, 1, true},
		{"a\u009fb", true, 0x9f, 1, true},
		{"a\u2028b", true, 0x2028, 1, true},
		{"a\u2029b", false, 0x2029, 1, true},
		{"\x1b[31m", true, 0x1b, 0, true},
		{"é\u202Eb", false, 0x202e, 2, true},
		{"\u2066x", true, 0x2066, 0, true},
		{"ab\uFEFF", true, 0xfeff, 2, true},
		{"\u2010\u2013\u2019\u2026", false, 0, 0, false}, // hyphen, dash, quote, ellipsis: near but allowed
		{"\u200E\u200F", false, 0, 0, false},             // marks, not overrides: allowed
	}
	for _, tt := range tests {
		if r, at, ok := forbiddenRune(tt.s, tt.multiline); r != tt.want || at != tt.at || ok != tt.ok {
			t.Errorf("forbiddenRune(%q, %v) = %U, %d, %v, want %U, %d, %v", tt.s, tt.multiline, r, at, ok, tt.want, tt.at, tt.ok)
		}
	}
}

func TestShorten(t *testing.T) {
	tests := []struct{ in, want string }{
		{"short", "short"},
		{strings.Repeat("é", 40), strings.Repeat("é", 40)},
		{strings.Repeat("é", 41), strings.Repeat("é", 37) + "..."},
		{strings.Repeat("a", 10<<20), strings.Repeat("a", 37) + "..."},
	}
	for _, tt := range tests {
		if got := shorten(tt.in); got != tt.want {
			t.Errorf("shorten(%.50q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// listingJSONNames holds the JSON names of a Listing's fields, the names a
// Problem.Field starts with.
var listingJSONNames = func() map[string]bool {
	names := map[string]bool{}
	t := reflect.TypeFor[Listing]()
	for i := range t.NumField() {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); name != "" && name != "-" {
			names[name] = true
		}
	}
	return names
}()

// topField returns the top-level field of a problem's path: "phones" for
// "phones[1].number".
func topField(path string) string {
	if i := strings.IndexAny(path, "[."); i >= 0 {
		return path[:i]
	}
	return path
}

// fieldPath is the shape of every Problem.Field Validate gives.
var fieldPath = regexp.MustCompile(`^$|^[a-z_]+(\[[0-9]+\])?(\.[a-z]+)?$`)

// FuzzValidate fuzzes the texts of a listing through Normalize and
// Validate, as an import or an edit does. Validate must not panic, must give
// the same answer twice, must name real fields with short, clean messages,
// and whatever it accepts must obey the rules by an independent reading and
// come back unchanged from its JSON. (jsonfile's FuzzParseListings checks
// that what an import accepts imports again unchanged.)
func FuzzValidate(f *testing.F) {
	f.Add("Salt Lake County WIC", "385-468-4100", "", "wic@slco.org", "https://slco.org", "UT", "84111", "Food help.", "wic", "2026-01-02")
	f.Add("", "(801) 535-6000", "x12", "wic at slco.org", "IRS.gov", "ut", "84111 2904", "a\x00b", "for\u200Bmula", "2027-01-01")
	f.Add("WIC \u202Eecffo", "1.800.662.4545", "123", "mailto:a@b.org", "https://u:p@evil.example/", "Utah", "841112904", "one\r\ntwo", "k", "")
	f.Add("  ", "211", "", "discrimination@utah.gov (fair housing: fh@utah.gov)", "javascript:alert(1)", "ZZ", "8411", "\uFEFF", "\u2066", "2026-03-15")
	f.Add("Café\u200D", "1-800-FLOWERS", "1234567", "a@b", "http://[::1]:80/", "pr", "K1A 0B1", strings.Repeat("x", MaxTextLength+1), strings.Repeat("y", MaxItemLength+1), "2026-03-16")
	f.Add("n", "555-1234", "", "", "", "", "", "", "", "2026-02-30")
	f.Fuzz(func(t *testing.T, name, number, ext, email, website, state, zip, description, keyword, verified string) {
		l := validListing()
		l.Name, l.Email, l.Website, l.Description = name, email, website, description
		l.Phones = []Phone{{Label: "Main", Number: number, Ext: ext}}
		l.Address.State, l.Address.Zip = state, zip
		l.Keywords = []string{keyword, "wic"}
		if d, err := ParseDate(verified); err == nil {
			l.VerifiedOn = d
		}
		l.Normalize()

		got := l.Validate(validateNow)
		if again := l.Validate(validateNow); !reflect.DeepEqual(got, again) {
			t.Fatalf("Validate is not deterministic:\n%+v\n%+v", got, again)
		}
		for _, p := range got {
			if !fieldPath.MatchString(p.Field) || (p.Field != "" && !listingJSONNames[topField(p.Field)]) {
				t.Errorf("problem %+v names no field of the format", p)
			}
			if p.Message == "" || !utf8.ValidString(p.Message) || len(p.Message) > 600 {
				t.Errorf("problem %+v: want a short, valid message", p)
			}
			if _, _, bad := forbiddenRune(p.Message, false); bad {
				t.Errorf("problem %+v: the message holds a character the window must not show", p)
			}
		}
		if len(got) > 0 {
			return
		}

		for _, s := range []string{l.Name, l.Email, l.Website, l.Description, l.Address.State, l.Address.Zip, l.Keywords[0], l.Phones[0].Number, l.Phones[0].Ext} {
			if strings.ContainsFunc(s, func(r rune) bool {
				return r < 0x20 && !strings.ContainsRune("\t\r\n", r) || r == 0x7f || r >= 0x80 && r <= 0x9f ||
					r >= 0x200b && r <= 0x200d || r == 0x2060 || r == 0xfeff || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
			}) {
				t.Errorf("Validate accepted %q, which holds a forbidden character", s)
			}
		}
		if utf8.RuneCountInString(l.Name) > MaxNameLength || utf8.RuneCountInString(l.Description) > MaxTextLength {
			t.Errorf("Validate accepted a name or description over its limit")
		}
		if d := strings.ReplaceAll(l.Phones[0].Number, "-", ""); !(len(d) == 3 || len(d) == 10 || len(d) == 11 && d[0] == '1') {
			t.Errorf("Validate accepted the phone number %q", l.Phones[0].Number)
		}
		if st := l.Address.State; st != "" && (len(st) != 2 || strings.ToUpper(st) != st) {
			t.Errorf("Validate accepted the state %q", st)
		}
		if z := l.Address.Zip; z != "" && len(z) != 5 && len(z) != 10 {
			t.Errorf("Validate accepted the zip %q", z)
		}
		if l.Website != "" && !strings.HasPrefix(l.Website, "http://") && !strings.HasPrefix(l.Website, "https://") {
			t.Errorf("Validate accepted the website %q", l.Website)
		}
		if validateNow.Before(l.VerifiedOn.Time()) {
			t.Errorf("Validate accepted verified_on %v, after %v", l.VerifiedOn, validateNow)
		}

		file, err := json.Marshal([]*Listing{l})
		if err != nil {
			t.Fatalf("json.Marshal(accepted listing) = %v", err)
		}
		var back []Listing
		if err := json.Unmarshal(file, &back); err != nil {
			t.Fatalf("json.Unmarshal(json.Marshal(accepted listing)) = %v\nfile: %s", err, file)
		}
		back[0].Normalize()
		if !reflect.DeepEqual(back[0], *l) {
			t.Fatalf("round trip changed the listing:\n%+v\n%+v", *l, back[0])
		}
	})
}

// TestSuggestID: the id the editor offers for a name is a valid id, with
// accents dropped rather than the letters.
func TestSuggestID(t *testing.T) {
	for name, want := range map[string]string{
		"Clínica Fácil":                    "clinica-facil",
		"Salt Lake County WIC (Rose Park)": "salt-lake-county-wic-rose-park",
		"  ¿Qué?  ":                        "que",
		"---":                              "",
	} {
		if got := SuggestID(name); got != want {
			t.Errorf("SuggestID(%q) = %q, want %q", name, got, want)
		}
		if got := SuggestID(name); got != "" && !validID(got) {
			t.Errorf("SuggestID(%q) = %q, which Validate refuses", name, got)
		}
	}
}
