package directory

import (
	"regexp"
	"strings"
)

// aroundTheClock finds the words a phone label uses to say the line
// answers at any hour: "24/7", "24 hours", "24-hour", "call anytime",
// "any time", and the Spanish "24 horas".
var aroundTheClock = regexp.MustCompile(`\b24\s*/\s*7\b|\b24[\s-]*(?:hours?|hrs?|horas)\b|\bany\s?time\b`)

// notAroundTheClock finds the same words used for a delay rather than for
// when the line answers ("call back within 24 hours").
var notAroundTheClock = regexp.MustCompile(`\b(?:within|in|after|under|next)\s+24\b`)

// AroundTheClock reports whether the line answers at any hour, as crisis
// lines and utilities' customer service do: it is marked so, or its label
// says so. Only the customer-facing label counts: the staff note says where
// the number came from, not when it answers.
func (p Phone) AroundTheClock() bool {
	return p.Open247 || labelSaysAroundTheClock(p.Label)
}

// labelSaysAroundTheClock reports whether a phone's label says the line
// answers at any hour.
func labelSaysAroundTheClock(label string) bool {
	label = strings.ToLower(label)
	if notAroundTheClock.MatchString(label) {
		return false
	}
	return aroundTheClock.MatchString(label)
}

// AroundTheClockPhone returns the first of the listing's phones that
// answers at any hour, so a listing whose office is closed can still say
// its line is open.
func (l *Listing) AroundTheClockPhone() (Phone, bool) {
	for _, p := range l.Phones {
		if p.AroundTheClock() {
			return p, true
		}
	}
	return Phone{}, false
}

// asksToConfirm finds a note's request to check a fact before passing it
// on. "Confirmed" and "verified" say the check was done, so they do not
// count.
var asksToConfirm = regexp.MustCompile(`\b(?:confirm|verify|re-?check)\b`)

// AsksToConfirm reports whether a staff-only note (a phone's Note or a
// listing's StaffNotes) asks staff to confirm something before sharing it,
// such as "From third-party guides; confirm before sharing".
func AsksToConfirm(note string) bool {
	return asksToConfirm.MatchString(strings.ToLower(note))
}
