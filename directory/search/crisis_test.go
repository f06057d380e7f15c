package search_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"nowrongdoor/directory/directorytest"
	"nowrongdoor/directory/search"
)

// crisisSets are the desk question sets the rail is held to, with the share
// of their crisis questions that must put a right crisis line first,
// pinned. The rail was written with the original set and the dev half in
// view and must get every one of them; on the test half, never tuned on,
// it got 11 of 22 when measured, and the bound sits below that.
//
// maxFalseAlarms is how many ordinary questions of the set may pin a
// crisis line. Every set allows none but one: in holdout3, measured once,
// a customer whose ex follows her to her car and who asks for a protective
// order gets the domestic violence lines pinned (they do help with
// protective orders; the court's listing comes fifth). Its writer filed it
// as ordinary, and it is counted as the rail's false alarm.
var crisisSets = []struct {
	path           string
	minPinned      float64
	maxFalseAlarms int
}{
	{"testdata/queries.json", 1, 0},
	{"testdata/desk_dev.json", 1, 0},
	{"testdata/desk_test.json", 0.45, 0},
	{"testdata/desk_holdout.json", 0.55, 0},  // measured once: 34 of 56
	{"testdata/desk_holdout3.json", 0.52, 1}, // measured once: 34 of 56, 1 false alarm of 293
}

// TestCrisisRailFires: said in ways crisis.txt does not spell out, a
// question from someone in danger puts the right crisis line first,
// marked pinned.
func TestCrisisRailFires(t *testing.T) {
	_, ix := searchDefaults(t)
	selfHarm := []string{"988-suicide-crisis-lifeline", "utah-crisis-line-mcot"}
	dv := []string{"udvc-linkline", "national-domestic-violence-hotline"}
	tests := []struct {
		query string
		want  []string
	}{
		{"i can't do this anymore", selfHarm},
		{"I Can't Do This Any More!!", selfHarm},
		{"someone to talk to I feel hopeless", selfHarm},
		{"i feel so hopless", selfHarm},
		{"no le veo sentido a nada", selfHarm},
		{"ya no quiero vivir", selfHarm},
		{"my daughter wrote a goodbye letter", selfHarm},
		{"he talks about wanting to die", selfHarm},
		{"scared to go home", dv},
		{"my boyfriend choked me last night", dv},
		{"tengo miedo de volver a mi casa", dv},
		{"she threatened to kill me", dv},
		{"the kids next door always have bruises", []string{"utah-dcfs-child-abuse-reporting"}},
		{"my neighbor's caregiver is stealing her social security checks", []string{"utah-adult-protective-services"}},
		{"my roommate took a whole bottle of tylenol", []string{"utah-poison-control-center"}},
		{"she won't wake up and her lips are blue", []string{"utah-poison-control-center"}},
		{"me violaron", []string{"utah-rape-sexual-assault-crisis-line"}},
		{"my son is hearing voices and hasn't slept in days", []string{"utah-crisis-line-mcot"}},
	}
	for _, tt := range tests {
		got := ix.Search(tt.query, 5)
		if len(got) == 0 || !got[0].Pinned || !slices.Contains(tt.want, got[0].Listing.ID) {
			t.Errorf("Search(%q) = %v, want one of %v first and pinned", tt.query, pinnedIDs(got), tt.want)
		}
	}
}

// TestCrisisRailQuiet: ordinary questions with words that sound alarming
// do not fire the rail, or staff learn to ignore it.
func TestCrisisRailQuiet(t *testing.T) {
	_, ix := searchDefaults(t)
	for _, q := range []string{
		"my car battery died", "how do I kill the weeds in my yard", "shot records for school",
		"this parking ticket is killing me", "report a hit and run", "I'm dying to see the planetarium show",
		"my phone died and I need to print my boarding pass", "drug take back day", "substance abuse counseling",
		"my dog attacked the neighbor's cat", "I can't pay my rent anymore", "hopefully someone can help with my taxes",
		"I hurt my back at work and my boss won't pay", "abusive landlord", "dead animal in the road",
		"my mom passed away and I need a death certificate", "fire department non emergency", "I'm done with my lease",
		"bullet journal class", "la bateria de mi carro se murio", "mi perro esta enfermo", "quiero vivir en un apartamento barato",
		"he says the rent is going up", "child support", "elder law attorney", "my toddler needs shots",
	} {
		if c := ix.Crisis(q); len(c) > 0 {
			t.Errorf("Crisis(%q) = %v, want none", q, c)
		}
		if got := ix.Search(q, 3); len(got) > 0 && got[0].Pinned {
			t.Errorf("Search(%q) pinned %s, want nothing pinned", q, got[0].Listing.ID)
		}
	}
}

// TestCrisisRailOnDeskQuestions runs the rail over every desk question set:
// crisis questions put a right crisis line first, pinned (see crisisSets);
// no other question fires it, the false-alarm test. Run with -v for the
// crisis questions it misses.
func TestCrisisRailOnDeskQuestions(t *testing.T) {
	_, ix := searchDefaults(t)
	for _, set := range crisisSets {
		qs, err := directorytest.LoadQuestions(set.path)
		if err != nil {
			t.Fatal(err)
		}
		crises, pinnedRight, ordinary, alarms := 0, 0, 0, 0
		for _, q := range qs {
			got := ix.Search(q.Query, 3)
			pinned := len(got) > 0 && got[0].Pinned
			switch {
			case q.Kind == "crisis":
				crises++
				if pinned && slices.Contains(q.Want, got[0].Listing.ID) {
					pinnedRight++
				} else {
					t.Logf("%s: Search(%q) = %v, want one of %v first and pinned", set.path, q.Query, pinnedIDs(got), q.Want)
				}
			case pinned && !isCrisisQuestion(q):
				alarms++
				t.Logf("%s: Search(%q) pinned %s, want nothing pinned (false alarm)", set.path, q.Query, got[0].Listing.ID)
			default:
				ordinary++
			}
		}
		t.Logf("%s: crisis questions %d, a right crisis line first and pinned for %d; ordinary questions %d, false alarms %d", set.path, crises, pinnedRight, ordinary+alarms, alarms)
		if alarms > set.maxFalseAlarms {
			t.Errorf("%s: %d ordinary questions pinned a crisis line, want at most %d", set.path, alarms, set.maxFalseAlarms)
		}
		if crises > 0 && float64(pinnedRight)/float64(crises) < set.minPinned {
			t.Errorf("%s: a right crisis line first and pinned for %d of %d crisis questions, want at least %.0f%%", set.path, pinnedRight, crises, 100*set.minPinned)
		}
	}
}

// isCrisisQuestion reports whether a question of the team's original set,
// which has no kinds, asks for a crisis line by name.
func isCrisisQuestion(q directorytest.Question) bool {
	for _, id := range q.Want {
		if strings.Contains(id, "crisis") || strings.Contains(id, "linkline") || strings.Contains(id, "violence") {
			return true
		}
	}
	return false
}

func pinnedIDs(rs []search.Result) []string {
	var out []string
	for _, r := range rs {
		s := r.Listing.ID
		if r.Pinned {
			s += " (pinned)"
		}
		out = append(out, s)
	}
	return out
}

// TestCrisisRailThenHelpers: after the pinned lines come the listings that
// also help with that kind of danger, unpinned, before anything the words
// merely matched.
func TestCrisisRailThenHelpers(t *testing.T) {
	_, ix := searchDefaults(t)
	got := ix.Search("i can't do this anymore", 5)
	want := []string{"988-suicide-crisis-lifeline (pinned)", "utah-crisis-line-mcot (pinned)", "hmhi-crisis-care-center", "hmhi-youth-crisis-care", "safeut-app"}
	if !slices.Equal(pinnedIDs(got), want) {
		t.Errorf("Search(%q) = %v, want %v", "i can't do this anymore", pinnedIDs(got), want)
	}
}

// TestCrisisExamples: each phrasing of crisis_examples.txt reads
// as its kind of danger ("self-harm: i just want it all to stop"), and each
// "none:" phrasing as none. The phrasings are written apart from the desk
// question sets, as examples of each meaning and of ordinary questions
// that share its words.
func TestCrisisExamples(t *testing.T) {
	_, ix := searchDefaults(t)
	b, err := os.ReadFile("crisis_examples.txt")
	if err != nil {
		t.Fatal(err)
	}
	for n, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, phrase, ok := strings.Cut(line, ":")
		if !ok {
			t.Errorf("crisis_examples.txt:%d: want kind: phrasing", n+1)
			continue
		}
		kind, phrase = strings.TrimSpace(kind), strings.TrimSpace(phrase)
		got := ix.Crisis(phrase)
		switch {
		case kind == "none" && len(got) > 0:
			t.Errorf("Crisis(%q) = %v, want none (crisis_examples.txt:%d)", phrase, got, n+1)
		case kind != "none" && !slices.Contains(got, kind):
			t.Errorf("Crisis(%q) = %v, want %s (crisis_examples.txt:%d)", phrase, got, kind, n+1)
		}
	}
}
