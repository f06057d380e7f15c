package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
)

func TestReferralText(t *testing.T) {
	test.NewTempApp(t)
	addTranslations()
	const footer = "\nReferred Nov 25, 2026 by the Salt Lake County Library"
	for _, tc := range []struct {
		name string
		l    directory.Listing
		want string
	}{
		{
			name: "name only",
			l:    directory.Listing{Name: "Salt Lake County Library"},
			want: "Salt Lake County Library\n" + footer,
		},
		{
			name: "closed, hours as published, unsafe website",
			l: directory.Listing{
				Name:    "Legal Aid Society",
				Phones:  []directory.Phone{{Number: "801-328-8891"}, {Label: "Intake (English, Spanish)", Number: "801-328-8849"}},
				Hours:   "By appointment only",
				Website: "javascript:alert(1)",
				Status:  directory.StatusTemporarilyClosed,
			},
			want: "Legal Aid Society\n" +
				"Please note: Temporarily closed.\n" +
				"Phone: 801-328-8891\n" +
				"Phone: 801-328-8849, Intake (English, Spanish)\n" +
				"Hours: By appointment only\n" +
				"\nHours can change: call first." + footer,
		},
		{
			name: "staff notes stay out",
			l: directory.Listing{
				Name:         "Utah Unemployment Insurance",
				Organization: "Utah Department of Workforce Services",
				Description:  "Takes claims for unemployment benefits. Refer people who lost a job through no fault of their own.",
				Phones: []directory.Phone{
					{Label: "Claims, Salt Lake and South Davis counties", Number: "801-526-4400", Note: "From third-party guides; confirm before sharing"},
				},
				Website:    "https://jobs.utah.gov/ui",
				StaffNotes: "Hours as of 2020; confirm before sharing.",
			},
			want: "Utah Unemployment Insurance\n" +
				"Utah Department of Workforce Services\n" +
				"Takes claims for unemployment benefits.\n" +
				"Phone: 801-526-4400 (Claims, Salt Lake and South Davis counties)\n" +
				"Website: https://jobs.utah.gov/ui\n" + footer,
		},
		{
			name: "services when there is no description",
			l: directory.Listing{
				Name:         "Utah Food Bank",
				Organization: "Utah Food Bank",
				Services:     []string{"Food boxes", "Pantry finder", "Senior boxes", "Kids Cafe", "Mobile pantry"},
			},
			want: "Utah Food Bank\n" +
				"Can help with: Food boxes; Pantry finder; Senior boxes; Kids Cafe\n" + footer,
		},
		{
			name: "several schedules, no phone",
			l: directory.Listing{
				Name:    "Salt Lake County Animal Services",
				Hours:   "Shelter Monday-Saturday 10:00am-6:00pm; animal control dispatch 24 hours a day, 7 days a week",
				Address: directory.Address{Street: "511 W 3900 S", City: "Salt Lake City", State: "UT", Zip: "84123"},
			},
			want: "Salt Lake County Animal Services\n" +
				"Address: 511 W 3900 S, Salt Lake City, UT 84123\n" +
				"Hours (Shelter): Mon–Sat 10:00am-6:00pm; Sun Closed\n" +
				"Hours (Animal control dispatch): Open 24 hours, 7 days a week\n" +
				"\nHours can change." + footer,
		},
		{
			name: "what to bring, alert that has ended",
			l: directory.Listing{
				Name:        "Utah Driver License Division",
				Description: "Issues driver licenses and state ID cards.",
				Phones:      []directory.Phone{{Label: "Main line", Number: "801-965-4437"}},
				Hours:       "Monday-Friday 8:00am-5:00pm",
				Documents:   "Proof of identity, Social Security number and two proofs of Utah residence",
				Alert:       "Closed for remodel",
				AlertUntil:  directory.Date{Year: 2026, Month: time.November, Day: 1},
			},
			want: "Utah Driver License Division\n" +
				"Issues driver licenses and state ID cards.\n" +
				"Phone: 801-965-4437 (Main line)\n" +
				"Hours: Mon–Fri 8:00am-5:00pm; Sat–Sun Closed\n" +
				"What to bring: Proof of identity, Social Security number and two proofs of Utah residence\n" +
				"\nHours can change: call first." + footer,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := tc.l
			directorytest.Prepare(&l)
			if got := referralText(&l, testNow); got != tc.want {
				t.Errorf("referralText =\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestShortDescription(t *testing.T) {
	long := "It" + strings.Repeat(" says", 60) // 302 characters
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Food boxes and a pantry finder.", "Food boxes and a pantry finder."},
		{"Issues marriage licenses. Refer couples who want to get married.", "Issues marriage licenses."},
		{"Runs elections. Handles voter registration. Answers voter questions.", "Runs elections. Handles voter registration."},
		{"Accepts U.S. passport applications by appointment. Takes photos.", "Accepts U.S. passport applications by appointment. Takes photos."},
		{"St. Vincent de Paul serves hot meals. Open to all. Send anyone hungry.", "St. Vincent de Paul serves hot meals. Open to all."},
		{"Serves meals at 8 a.m. Daily. Free.", "Serves meals at 8 a.m. Daily. Free."},
		{"Send families here. Helps with rent.", "Helps with rent."},
		{"The county's library system. Use this record for library cards; see the branch records.", "The county's library system."},
		{"Helps with rent. " + long + ".", "Helps with rent."},
		{long + ". Helps with rent.", long + "."},
	} {
		if got := shortDescription(tc.in); got != tc.want {
			t.Errorf("shortDescription(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
