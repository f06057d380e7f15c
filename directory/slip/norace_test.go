//go:build !race

package slip

// raceBuild is set when the tests run with the race detector; see
// race_test.go.
const raceBuild = false
