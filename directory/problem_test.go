package directory

import (
	"fmt"
	"strings"
	"testing"
)

func TestValidationErrorCapsLines(t *testing.T) {
	var ps []Problem
	for i := range 25 {
		ps = append(ps, Problem{Index: i, ID: fmt.Sprint("x", i), Message: "name is empty"})
	}
	msg := (&ValidationError{Problems: ps}).Error()
	if lines := strings.Count(msg, "\n") + 1; lines != maxErrorLines+1 || !strings.HasSuffix(msg, "... and 5 more problems") {
		t.Errorf("Error() = %d lines ending %q, want %d lines ending with the count of the rest", lines, msg[len(msg)-30:], maxErrorLines+1)
	}
}

func TestClosestName(t *testing.T) {
	names := []string{"name", "notes_for_staff", "phones", "postal_code", "id"}
	for key, want := range map[string]string{
		"nmae":       "name",        // two letters swapped
		"Name":       "name",        // case
		"phone":      "phones",      // a prefix
		"postalcode": "postal_code", // an edit
		"website":    "",            // nothing near
		"i":          "",            // too short to guess from
	} {
		if got := ClosestName(key, names); got != want {
			t.Errorf("ClosestName(%q) = %q, want %q", key, got, want)
		}
	}
}
