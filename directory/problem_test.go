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
