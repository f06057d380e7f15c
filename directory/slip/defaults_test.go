package slip

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"nowrongdoor/directory"
)

// variants are the slips made of every default listing.
var variants = []Options{{}, {Lang: Spanish}, {LargePrint: true}}

// rendered is one listing's slip in each of the variants; nil where a
// variant was not made (see sampled).
type rendered struct {
	pdf [3][]byte
	ops [3][]op
}

// sampled reports whether the i'th listing's slip is made in variant v:
// English always; Spanish and large print always, but for every fifth
// listing only under the race detector (raceBuild).
func sampled(i, v int) bool {
	return v == 0 || !raceBuild || i%5 == 0
}

// renderDefaults makes a slip of every default listing in each variant,
// on every processor, checking each as render does, and hands back the
// slips for the tests to read.
func renderDefaults(t *testing.T) ([]*directory.Listing, []rendered) {
	t.Helper()
	ls := defaultListings(t)
	out := make([]rendered, len(ls))
	t.Run("render", func(t *testing.T) {
		for i, l := range ls {
			t.Run(l.ID, func(t *testing.T) {
				t.Parallel()
				for v, opts := range variants {
					if sampled(i, v) {
						out[i].pdf[v], out[i].ops[v] = render(t, []*directory.Listing{l}, opts)
					}
				}
			})
		}
	})
	if t.Failed() {
		t.FailNow()
	}
	return ls, out
}

// TestEveryDefaultListing renders a slip of every listing of the default
// directory, in English, in Spanish and in large print, and reads each
// back the way a customer's phone and a PDF reader do. Each is a valid PDF
// of one page, drawn inside its margins with nothing overlapping, with the
// name and main phone on it and no note meant for staff. When
// poppler-utils and zbar-tools are installed, pdftotext finds the name and
// the main phone in the file, the Spanish slip's labels are Spanish, and
// zbarimg decodes the QR code to the website, or to the contact text when
// there is no website.
func TestEveryDefaultListing(t *testing.T) {
	ls, slips := renderDefaults(t)
	if len(ls) < 200 {
		t.Fatalf("the default directory has %d listings; is it read?", len(ls))
	}
	made := 0
	for i, l := range ls {
		for v, opts := range variants {
			if !sampled(i, v) {
				continue
			}
			made++
			got := flat(text(slips[i].ops[v]))
			if !strings.Contains(got, flat(printable(l.Name, false))) {
				t.Errorf("%s slip (%+v) does not name it:\n%s", l.ID, opts, text(slips[i].ops[v]))
			}
			if p, ok := l.MainPhone(); ok && !strings.Contains(got, p.Number) {
				t.Errorf("%s slip (%+v) lacks the main phone %s", l.ID, opts, p.Number)
			}
			for _, note := range staffNotes(l) {
				if strings.Contains(got, flat(note)) {
					t.Errorf("%s slip (%+v) prints the staff note %q", l.ID, opts, note)
				}
			}
		}
	}
	t.Logf("%d listings, %d slips (English, Spanish, large print), each one page", len(ls), made)

	for _, tool := range []string{"pdftotext", "pdftoppm", "zbarimg"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt-get install poppler-utils zbar-tools); the slips were not read back with it", tool)
		}
	}
	dir := t.TempDir()
	var decoded, websites, contacts, spanishOK atomic.Int32
	t.Run("read back", func(t *testing.T) {
		for i, l := range ls {
			t.Run(l.ID, func(t *testing.T) {
				t.Parallel()
				readBack(t, dir, l, slips[i], &decoded, &websites, &contacts, &spanishOK)
			})
		}
	})
	t.Logf("%d listings read back: %d QR codes decoded (%d websites, %d contact texts), %d Spanish slips with Spanish labels",
		len(ls), decoded.Load(), websites.Load(), contacts.Load(), spanishOK.Load())
}

// readBack reads a listing's English and Spanish slips with pdftotext and
// zbarimg, counting what it checked.
func readBack(t *testing.T, dir string, l *directory.Listing, slip rendered, decoded, websites, contacts, spanishOK *atomic.Int32) {
	pdf := filepath.Join(dir, l.ID+".pdf")
	if err := os.WriteFile(pdf, slip.pdf[0], 0o600); err != nil {
		t.Fatal(err)
	}
	got := flat(tool(t, "pdftotext", "-enc", "UTF-8", pdf, "-"))
	if !strings.Contains(got, flat(l.Name)) {
		t.Errorf("pdftotext of the slip does not hold its name %q:\n%s", l.Name, got)
	}
	if p, ok := l.MainPhone(); ok && !strings.Contains(got, p.Number) {
		t.Errorf("pdftotext of the slip does not hold the main phone %s:\n%s", p.Number, got)
	}

	b := newBlock(l, &english, testNow)
	code := ""
	for _, o := range slip.ops[0] {
		if o.kind == opQR {
			code = scan(t, pdf, o)
		}
	}
	switch {
	case code != b.qr:
		t.Errorf("QR code decodes to %q, want %q (website %q)", code, b.qr, l.Website)
	case b.qr != "":
		decoded.Add(1)
		if _, ok := webAddress(l.Website); ok {
			websites.Add(1)
		} else {
			contacts.Add(1)
		}
	}

	if slip.pdf[1] == nil {
		return
	}
	esPDF := filepath.Join(dir, l.ID+"-es.pdf")
	if err := os.WriteFile(esPDF, slip.pdf[1], 0o600); err != nil {
		t.Fatal(err)
	}
	got = flat(tool(t, "pdftotext", "-enc", "UTF-8", esPDF, "-"))
	for _, r := range newBlock(l, &spanish, testNow).rows {
		if !r.sub && !strings.Contains(got, r.label) {
			t.Errorf("Spanish slip lacks the label %q:\n%s", r.label, got)
		}
	}
	for _, en := range []string{"What to bring", "This week", "Who qualifies", "Please note", "Hours can change", "Scan to"} {
		if strings.Contains(got, en) {
			t.Errorf("Spanish slip has the English label %q:\n%s", en, got)
		}
	}
	if !t.Failed() {
		spanishOK.Add(1)
	}
}

// staffNotes are a listing's notes for staff only.
func staffNotes(l *directory.Listing) []string {
	var out []string
	if l.StaffNotes != "" {
		out = append(out, l.StaffNotes)
	}
	for _, p := range l.Phones {
		if p.Note != "" {
			out = append(out, p.Note)
		}
	}
	return out
}

// tool runs a command and returns what it printed, failing the test if
// it fails.
func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v: %s", name, strings.Join(args, " "), err, errOut.String())
	}
	return out.String()
}

// scan is what zbarimg decodes in the QR code the op drew, printed at
// 150 dots an inch as a desk printer does; "" when it finds no code. Only
// the code and the paper around it are rasterized, which is quicker than
// the page.
func scan(t *testing.T, pdf string, qr op) string {
	t.Helper()
	const dpi = 150
	px := func(mm float64) string { return strconv.Itoa(int(mm / 25.4 * dpi)) }
	png := strings.TrimSuffix(pdf, ".pdf") + "-qr"
	tool(t, "pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-singlefile",
		"-x", px(qr.x-5), "-y", px(qr.y-5), "-W", px(qr.w+10), "-H", px(qr.h+10), pdf, png)
	var out, errOut bytes.Buffer
	cmd := exec.Command("zbarimg", "--quiet", "--raw", png+".png")
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 4 {
		return "" // no code found
	}
	if err != nil {
		t.Fatalf("zbarimg %s.png: %v: %s", png, err, errOut.String())
	}
	return strings.TrimSuffix(out.String(), "\n")
}
