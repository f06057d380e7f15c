package ui

import (
	"fyne.io/fyne/v2/lang"

	"nowrongdoor/directory"
)

// The listings offered whenever a search finds nothing, so staff never hit a
// dead end: Utah 211 for any need, 988 for a crisis, and 911 for an
// emergency.
const (
	utah211ID   = "united-way-211-utah"
	crisis988ID = "988-suicide-crisis-lifeline"
	emergencyID = "emergency-911"
)

// fallbackListings returns the always-available referrals. 211 and 988 come
// from the directory when it has them, so edits there show; each has a
// built-in stand-in in case an admin removed it.
func fallbackListings(dir Directory) []*directory.Listing {
	out := make([]*directory.Listing, 0, 3)
	for _, id := range []string{utah211ID, crisis988ID} {
		if l, ok := dir.Listing(id); ok {
			out = append(out, l)
		} else {
			out = append(out, builtinListing(id))
		}
	}
	return append(out, builtinListing(emergencyID))
}

// builtinListing makes the stand-in for a fallback id.
func builtinListing(id string) *directory.Listing {
	l := &directory.Listing{ID: id, Fees: lang.L("Free"), Hours: lang.L("24 hours a day, 7 days a week")}
	switch id {
	case utah211ID:
		l.Name = lang.L("Utah 211")
		l.Organization = lang.L("United Way")
		l.Description = lang.L("Free statewide information and referral line for food, housing, rent and utility help, health care and more. A good first call when a customer needs help but nobody knows where.")
		l.Phones = []directory.Phone{{Label: lang.L("Dial"), Number: "211"}}
	case crisis988ID:
		l.Name = lang.L("988 Suicide & Crisis Lifeline")
		l.Organization = lang.L("Utah Crisis Line")
		l.Description = lang.L("Free, confidential call, text and chat line for anyone in emotional distress or a mental health or substance use crisis, or worried about someone else.")
		l.Phones = []directory.Phone{{Label: lang.L("Call or text"), Number: "988"}}
	default:
		l.ID = emergencyID
		l.Name = lang.L("911 Emergency")
		l.Organization = lang.L("Police, fire and ambulance")
		l.Description = lang.L("Call 911 when someone is in danger right now: a medical emergency, a fire, or a crime happening now.")
		l.Phones = []directory.Phone{{Label: lang.L("Emergency"), Number: "911"}}
	}
	// Each is open around the clock: the schedule is stated here rather
	// than read from the (translated) hours text, which only the import's
	// reader does.
	var always directory.Schedule
	for d := range always.Week {
		always.Week[d] = []directory.Interval{{Start: 0, End: 24 * 60}}
	}
	l.Schedules = []directory.Schedule{always}
	l.Normalize()
	return l
}

// isBuiltin reports whether a listing is one of the window's own stand-ins
// rather than a directory entry staff verify.
func isBuiltin(l *directory.Listing) bool {
	if l.ID == emergencyID {
		return true
	}
	return (l.ID == utah211ID || l.ID == crisis988ID) && len(l.SourceURLs) == 0
}
