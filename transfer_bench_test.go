package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nowrongdoor/data"
	"nowrongdoor/directory/directorytest"
	"nowrongdoor/directory/exchange"
	"nowrongdoor/directory/jsonfile"
)

// BenchmarkImportHSDS100k is the whole import command, as an admin runs
// it, of a statewide HSDS 3.0 JSON file of 100,000 listings into a new
// database: detecting and reading the file, seeding the database, the
// backup before the import, the password, and the import itself.
func BenchmarkImportHSDS100k(b *testing.B) {
	def, err := jsonfile.ParseListings(bytes.NewReader(data.Agencies))
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(b.TempDir(), "statewide.json")
	ctx := context.Background()
	if err := exchange.Write(ctx, file, exchange.HSDSJSON, directorytest.Synthetic(def, 100_000), false); err != nil {
		b.Fatal(err)
	}
	fi, _ := os.Stat(file)
	b.ReportMetric(float64(fi.Size())/(1<<20), "file-MB")
	env := func(k string) string { return admin[k] }
	b.ResetTimer()
	for i := range b.N {
		db := filepath.Join(b.TempDir(), "nowrongdoor.db")
		var out, errOut strings.Builder
		// The synthetic listings begin with the default ones, which a new
		// database holds already.
		if code := run(ctx, []string{"import", "--db", db, file}, strings.NewReader(""), &out, &errOut, env); code != exitOK ||
			out.String() != "added 99790, updated 0, unchanged 210\n" {
			b.Fatalf("import (run %d) = %d, %q, %q", i, code, out.String(), errOut.String())
		}
	}
}
