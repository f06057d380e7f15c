package directory

import "strings"

// ClosestName returns the known name nearest to a misspelled one, for a
// "did you mean" after an unknown field or column: a name differing in
// case, one the key starts or is started by (three letters at least), or
// one within two edits; "" when none is near enough to be a likely typo.
// Names are compared as ASCII, as field and column names are.
func ClosestName(key string, names []string) string {
	best, bestDist := "", 3
	lk := strings.ToLower(key)
	for _, n := range names {
		if strings.EqualFold(n, key) {
			return n
		}
		d := editDistance(lk, n)
		if len(lk) >= 3 && (strings.HasPrefix(n, lk) || strings.HasPrefix(lk, n)) {
			d = min(d, 1)
		}
		if d < bestDist && d < len(key) {
			best, bestDist = n, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
