package directorytest

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Question is one desk question of an evaluation set: what a customer said,
// and the listings any of which is a right first referral.
type Question struct {
	Query string   `json:"query"`
	Want  []string `json:"want"`
	// Kind is how it is said: short, conversational, spanish, typo,
	// paraphrase or crisis.
	Kind string `json:"kind,omitempty"`
	Need string `json:"need,omitempty"`
	// Trap marks an ordinary question with words that look alarming ("my
	// phone died"): the crisis rail must not fire on it.
	Trap bool `json:"trap,omitempty"`
}

// LoadQuestions reads an evaluation set, a JSON array of questions.
func LoadQuestions(path string) ([]Question, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load questions: %w", err)
	}
	var qs []Question
	if err := json.Unmarshal(b, &qs); err != nil {
		return nil, fmt.Errorf("load questions %s: %w", path, err)
	}
	return qs, nil
}

// SearchFunc runs a search and returns the ids of the listings found, best
// first. Evaluations compare any search through it: ours, SQLite FTS5,
// plain fuzzy matching.
type SearchFunc func(query string, limit int) []string

// Score is how a search did on a set of questions.
type Score struct {
	N     int
	First int // a right listing first
	Top3  int // a right listing in the first three
	// TypeAhead is the mean share of each question's characters typed
	// before a right listing enters the top three and stays there to the
	// end; Shown, before it is first and stays first, which is when the
	// window shows it (1 for a question where that never happens).
	TypeAhead, Shown float64
	// ShownAnswered is Shown over the questions with a right listing
	// first once typed whole: how early an answer the search does give
	// appears.
	ShownAnswered float64
	// Churn is how many times the first result changes while a question
	// is typed, on average; Overturned counts keystrokes in the middle of
	// a word that put a wrong listing first where the finished words had
	// put a right one.
	Churn      float64
	Overturned int
	// Misses are the questions without a right listing first, with what
	// came first instead.
	Misses []string
}

// FirstShare is the share of questions with a right listing first.
func (s Score) FirstShare() float64 { return share(s.First, s.N) }

// Top3Share is the share with a right listing in the first three.
func (s Score) Top3Share() float64 { return share(s.Top3, s.N) }

func share(k, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(k) / float64(n)
}

// String is one line of figures: "first 87% (52/60), top 3 95%, ...".
func (s Score) String() string {
	return fmt.Sprintf("first %.0f%% (%d/%d), top 3 %.0f%% (%d/%d), type-ahead top 3 %.1f%%, shown first %.1f%% (%.1f%% of those answered), churn %.2f, overturned %d",
		100*s.FirstShare(), s.First, s.N, 100*s.Top3Share(), s.Top3, s.N, 100*s.TypeAhead, 100*s.Shown, 100*s.ShownAnswered, s.Churn, s.Overturned)
}

// Measure runs every question through search, whole and typed a character
// at a time.
func Measure(qs []Question, search SearchFunc) Score {
	return measure(qs, search, true)
}

// MeasureWhole runs every question through search whole only: the first
// and top-three figures, without the typing ones, in a fraction of the time.
func MeasureWhole(qs []Question, search SearchFunc) Score {
	return measure(qs, search, false)
}

func measure(qs []Question, search SearchFunc, typed bool) Score {
	var s Score
	for _, q := range qs {
		s.N++
		got := search(q.Query, 10)
		switch r := rankOf(got, q.Want); {
		case r == 1:
			s.First++
			s.Top3++
		case r >= 1 && r <= 3:
			s.Top3++
		}
		if r := rankOf(got, q.Want); r != 1 {
			top := "nothing"
			if len(got) > 0 {
				top = got[0]
			}
			s.Misses = append(s.Misses, fmt.Sprintf("%q: rank %d, first %s, want %v", q.Query, r, top, q.Want))
		}
		if !typed {
			continue
		}
		t := typeQuestion(q, search)
		s.TypeAhead += t.top3
		s.Shown += t.first
		if rankOf(got, q.Want) == 1 {
			s.ShownAnswered += t.first
		}
		s.Churn += float64(t.churn)
		s.Overturned += t.overturned
	}
	if s.First > 0 {
		s.ShownAnswered /= float64(s.First)
	}
	if s.N > 0 {
		s.TypeAhead /= float64(s.N)
		s.Shown /= float64(s.N)
		s.Churn /= float64(s.N)
	}
	return s
}

// MeasureByKind measures each kind of question apart, in name order.
func MeasureByKind(qs []Question, search SearchFunc) map[string]Score {
	byKind := map[string][]Question{}
	for _, q := range qs {
		byKind[q.Kind] = append(byKind[q.Kind], q)
	}
	out := map[string]Score{}
	for k, kq := range byKind {
		out[k] = Measure(kq, search)
	}
	return out
}

// Kinds returns the keys of a per-kind result in name order.
func Kinds(m map[string]Score) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

type typing struct {
	top3, first float64
	churn       int
	overturned  int
}

// typeQuestion types a question one character at a time.
func typeQuestion(q Question, search SearchFunc) typing {
	text := q.Query
	n := utf8.RuneCountInString(text)
	var prefixes []string
	for i := range text {
		if i > 0 {
			prefixes = append(prefixes, text[:i])
		}
	}
	prefixes = append(prefixes, text)
	tops := make([]string, len(prefixes))
	ranks := make([]int, len(prefixes))
	for i, p := range prefixes {
		got := search(p, 3)
		ranks[i] = rankOf(got, q.Want)
		if len(got) > 0 {
			tops[i] = got[0]
		}
	}
	var t typing
	// settled: the first prefix from which every later one satisfies ok.
	settled := func(ok func(i int) bool) float64 {
		k := len(prefixes)
		for i := len(prefixes) - 1; i >= 0 && ok(i); i-- {
			k = i
		}
		if k == len(prefixes) {
			return 1
		}
		return float64(utf8.RuneCountInString(prefixes[k])) / float64(n)
	}
	t.top3 = settled(func(i int) bool { return ranks[i] >= 1 && ranks[i] <= 3 })
	t.first = settled(func(i int) bool { return ranks[i] == 1 })
	for i := 1; i < len(tops); i++ {
		if tops[i] != "" && tops[i-1] != "" && tops[i] != tops[i-1] {
			t.churn++
		}
	}
	// A keystroke in the middle of a word, after finished words whose
	// results had a right listing first.
	lastFinished := -1
	for i, p := range prefixes {
		r, _ := utf8.DecodeLastRuneInString(p)
		if r == ' ' {
			lastFinished = i
			continue
		}
		if lastFinished >= 0 && ranks[lastFinished] == 1 && ranks[i] != 1 && strings.TrimSpace(p) != strings.TrimSpace(prefixes[lastFinished]) {
			t.overturned++
		}
	}
	return t
}

// rankOf returns the 1-based rank of the first wanted id, or 0.
func rankOf(got, want []string) int {
	for i, id := range got {
		if slices.Contains(want, id) {
			return i + 1
		}
	}
	return 0
}
