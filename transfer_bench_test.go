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

// BenchmarkImportChangedHSDS100k is the whole import command of a
// statewide HSDS 3.0 JSON file whose 100,000 listings all changed since
// the database last imported them: each is read back, compared, updated in
// place and recorded with its previous version. listings/s is the figure
// an admin refreshing a statewide feed waits on.
func BenchmarkImportChangedHSDS100k(b *testing.B) {
	const n = 100_000
	def, err := jsonfile.ParseListings(bytes.NewReader(data.Agencies))
	if err != nil {
		b.Fatal(err)
	}
	ls := directorytest.Synthetic(def, n)
	dir := b.TempDir()
	first, changed := filepath.Join(dir, "statewide.json"), filepath.Join(dir, "changed.json")
	ctx := context.Background()
	if err := exchange.Write(ctx, first, exchange.HSDSJSON, ls, false); err != nil {
		b.Fatal(err)
	}
	for i := range ls {
		ls[i].Description += " Updated."
	}
	if err := exchange.Write(ctx, changed, exchange.HSDSJSON, ls, false); err != nil {
		b.Fatal(err)
	}
	env := func(k string) string { return admin[k] }
	template := filepath.Join(dir, "template.db")
	var out, errOut strings.Builder
	if code := run(ctx, []string{"import", "--db", template, first}, strings.NewReader(""), &out, &errOut, env); code != exitOK {
		b.Fatalf("import = %d, %q", code, errOut.String())
	}
	if _, err := os.Stat(template + "-wal"); err == nil {
		b.Fatal("the import left a -wal beside the database; a copy of the file alone would miss it")
	}
	whole, err := os.ReadFile(template)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		db := filepath.Join(b.TempDir(), "nowrongdoor.db")
		if err := os.WriteFile(db, whole, 0o600); err != nil {
			b.Fatal(err)
		}
		out.Reset()
		errOut.Reset()
		b.StartTimer()
		if code := run(ctx, []string{"import", "--db", db, changed}, strings.NewReader(""), &out, &errOut, env); code != exitOK ||
			out.String() != "added 0, updated 100000, unchanged 0\n" {
			b.Fatalf("import (run %d) = %d, %q, %q", i, code, out.String(), errOut.String())
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "listings/s")
}
