package slip

import (
	"errors"
	"strings"
	"testing"
	"time"

	"nowrongdoor/directory"
)

func TestParseLang(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Lang
		err  error
	}{
		{"en", English, nil},
		{"ES", Spanish, nil},
		{" español ", Spanish, nil},
		{"English", English, nil},
		{"fr", "", ErrLang},
		{"", "", ErrLang},
	} {
		got, err := ParseLang(tc.in)
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("ParseLang(%q) = %q, %v, want %q, %v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestWebAddress(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"https://jobs.utah.gov/ui", "https://jobs.utah.gov/ui", true},
		{" http://example.org ", "http://example.org", true},
		{"dmv.utah.gov", "https://dmv.utah.gov", true},
		{"www.utahlegalhelp.org/vlc", "https://www.utahlegalhelp.org/vlc", true},
		{"UtahFoodBank.org", "https://UtahFoodBank.org", true},
		{"javascript:alert(1)", "", false},
		{"mailto:help@example.org", "", false},
		{"ftp://example.org/file", "", false},
		{"file:///etc/passwd", "", false},
		{"localhost", "", false},
		{"see the county page", "", false},
		{"", "", false},
	} {
		got, ok := webAddress(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("webAddress(%q) = %q, %v, want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestContactText(t *testing.T) {
	addr := directory.Address{Street: "2001 S State St", City: "Salt Lake City", State: "UT", Zip: "84190"}
	for _, tc := range []struct {
		name string
		l    directory.Listing
		want string
	}{
		{"phone and address", directory.Listing{Name: "Consulado de México", Phones: []directory.Phone{{Label: "Main", Number: "801-521-8502", Note: "staff only"}, {Number: "801-555-0100"}}, Address: addr},
			"Consulado de México\n801-521-8502\n2001 S State St, Salt Lake City, UT 84190"},
		{"extension", directory.Listing{Name: "Clerk", Phones: []directory.Phone{{Number: "385-468-7400", Ext: "12"}}},
			"Clerk\n385-468-7400 ext. 12"},
		{"address only", directory.Listing{Name: "Drop box", Address: addr}, "Drop box\n2001 S State St, Salt Lake City, UT 84190"},
		{"name only", directory.Listing{Name: "Nothing else"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := contactText(listing(tc.l)); got != tc.want {
				t.Errorf("contactText = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestQRHolds: the code holds the website when there is one a phone can
// open, else the contact text, else nothing.
func TestQRHolds(t *testing.T) {
	for _, tc := range []struct {
		name, website string
		phones        []directory.Phone
		want, caption string
	}{
		{"website", "https://example.org/help", nil, "https://example.org/help", english.scanWebsite},
		{"bare website", "example.org", nil, "https://example.org", english.scanWebsite},
		{"unsafe website", "javascript:alert(1)", []directory.Phone{{Number: "211"}}, "Help\n211", english.scanContact},
		{"no website", "", []directory.Phone{{Number: "211"}}, "Help\n211", english.scanContact},
		{"nothing", "", nil, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBlock(listing(directory.Listing{Name: "Help", Website: tc.website, Phones: tc.phones}), &english, testNow)
			if b.qr != tc.want || b.qrCaption != tc.caption {
				t.Errorf("QR holds %q with caption %q, want %q with %q", b.qr, b.qrCaption, tc.want, tc.caption)
			}
		})
	}
}

func TestHoursRows(t *testing.T) {
	for _, tc := range []struct {
		name, hours string
		lab         *labels
		want        string
	}{
		{"weekdays", "Monday-Friday 8:00am-5:00pm", &english,
			"Today|Wednesday|8:00am-5:00pm|bold\nThis week|Mon–Fri|8:00am-5:00pm|bold\n|Sat–Sun|Closed|"},
		{"Spanish", "Monday-Friday 8:00am-5:00pm", &spanish,
			"Hoy|Miércoles|8:00am-5:00pm|bold\nEsta semana|Lun–vie|8:00am-5:00pm|bold\n|Sáb–dom|Cerrado|"},
		{"around the clock", "24 hours a day, 7 days a week", &spanish,
			"Hoy|Miércoles|Abierto las 24 horas|bold\nEsta semana|Todos los días|Abierto las 24 horas|bold"},
		{"overnight", "Monday-Sunday 7:30pm-8:30am", &english,
			"Today|Wednesday|7:30pm-8:30am|bold\nThis week|Every day|7:30pm-8:30am|bold"},
		{"overnight on weekdays", "Monday-Friday 9:00pm-7:00am", &spanish,
			"Hoy|Miércoles|9:00pm-7:00am|bold\nEsta semana|Lun–vie|9:00pm-7:00am|bold\n|Sáb|Hasta las 7:00am|\n|Dom|Cerrado|"},
		{"not a week", "By appointment only", &english, "Hours||By appointment only|"},
		{"says more", "Monday-Friday 8:00am-5:00pm; closed state holidays", &english,
			"Today|Wednesday|8:00am-5:00pm|bold\nThis week|Mon–Fri|8:00am-5:00pm|bold\n|Sat–Sun|Closed|\n" +
				"About the hours||Monday-Friday 8:00am-5:00pm; closed state holidays|"},
		{"two schedules", "Shelter Monday-Saturday 10:00am-6:00pm; animal control dispatch 24 hours a day, 7 days a week", &english,
			"Today|Wednesday|Shelter: 10:00am-6:00pm|bold\n||Animal control dispatch: Open 24 hours|bold\n" +
				"This week||Shelter|\n|Mon–Sat|10:00am-6:00pm|bold\n|Sun|Closed|\n||Animal control dispatch|\n|Every day|Open 24 hours|bold"},
		{"no hours", "", &english, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var lines []string
			for _, r := range hoursRows(listing(directory.Listing{Name: "x", Hours: tc.hours}), tc.lab, testNow) {
				label := r.label
				if r.sub {
					label = ""
				}
				bold := ""
				if r.bold {
					bold = "bold"
				}
				lines = append(lines, label+"|"+r.key+"|"+r.value+"|"+bold)
			}
			if got := strings.Join(lines, "\n"); got != tc.want {
				t.Errorf("hoursRows(%q) =\n%s\nwant\n%s", tc.hours, got, tc.want)
			}
		})
	}
}

func TestPhoneRows(t *testing.T) {
	rows := phoneRows([]directory.Phone{
		{Label: "Passports", Number: "385-468-7300", Note: "From a third-party guide; confirm before sharing"},
		{Number: "385-468-7400", Ext: "12"},
		{Label: "No number yet"},
	}, &spanish)
	var got []string
	for _, r := range rows {
		got = append(got, r.label+"|"+r.key+"|"+r.value)
	}
	want := "Teléfonos|385-468-7300|Passports\nTeléfonos|385-468-7400 ext.\u00a012|"
	if strings.Join(got, "\n") != want {
		t.Errorf("phoneRows =\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	if rows := phoneRows([]directory.Phone{{Number: "211"}}, &english); len(rows) != 1 || rows[0].label != "Phone" {
		t.Errorf("one phone is labelled %q, want Phone", rows[0].label)
	}
}

func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Consulado de México, niños", "Consulado de México, niños"},
		{"“Quoted” – dash — • …", "“Quoted” – dash — • …"},
		{"two\nlines\tand\r\ntabs", "two lines and  tabs"},
		{"soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"},
		{"Tiếng Việt", "Tieng Viet"},
		{"emoji 😀 and 中文", "emoji ? and ??"},
		{"combining e\u0301", "combining é"},
	} {
		if got := printable(tc.in, false); got != tc.want {
			t.Errorf("printable(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestClip(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"one two three four", 12, "one two…"},
		{"unbrokenlongword", 8, "unbroke…"},
		{"niños niños niños", 9, "niños…"},
	} {
		if got := clip(tc.in, tc.n); got != tc.want {
			t.Errorf("clip(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

func TestDates(t *testing.T) {
	day := time.Date(2027, time.January, 3, 9, 0, 0, 0, directory.Denver)
	if got := english.date(day); got != "January 3, 2027" {
		t.Errorf("English date = %q", got)
	}
	if got := spanish.date(day); got != "3 de enero de 2027" {
		t.Errorf("Spanish date = %q", got)
	}
	if got := spanish.dayName(time.Saturday); got != "Sábado" {
		t.Errorf("Spanish Saturday = %q, want Sábado", got)
	}
}
