package slip

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"nowrongdoor/data"
	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
)

// testNow is a Wednesday mid-morning in Salt Lake County.
var testNow = time.Date(2026, time.November, 25, 10, 30, 0, 0, directory.Denver)

// defaultListings is the embedded default directory, as the store seeds it.
func defaultListings(t testing.TB) []*directory.Listing {
	t.Helper()
	var ls []directory.Listing
	if err := json.Unmarshal(data.Agencies, &ls); err != nil {
		t.Fatalf("read default directory: %v", err)
	}
	out := make([]*directory.Listing, len(ls))
	for i := range ls {
		directorytest.Prepare(&ls[i])
		out[i] = &ls[i]
	}
	return out
}

// listing readies a listing made in a test as the store would: hours
// text read into proposed schedules, then normalized.
func listing(l directory.Listing) *directory.Listing {
	directorytest.Prepare(&l)
	return &l
}

// render builds a slip and checks what a slip must always be: drawn
// inside the page's margins with nothing overlapping, and a valid PDF of
// one page. It returns the PDF and the text drawn, line by line.
func render(t *testing.T, listings []*directory.Listing, opts Options) ([]byte, []op) {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = testNow
	}
	pdf, ops, err := build(listings, opts)
	if err != nil {
		t.Fatalf("build(%d listings, %+v) = %v", len(listings), opts, err)
	}
	checkOps(t, ops)
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatalf("Output = %v", err)
	}
	if n := checkPDF(t, buf.Bytes()); n != 1 {
		t.Errorf("slip of %s has %d pages, want 1", names(listings), n)
	}
	return buf.Bytes(), ops
}

func names(ls []*directory.Listing) string {
	var out []string
	for _, l := range ls {
		out = append(out, strconv.Quote(l.ID))
	}
	return strings.Join(out, ", ")
}

// checkOps holds what was drawn to the page: everything inside the
// margins, and no line of text over another or over a QR code.
func checkOps(t *testing.T, ops []op) {
	t.Helper()
	const eps = 1e-6
	for _, o := range ops {
		if o.x < marginSide-eps || o.x+o.w > pageWidth-marginSide+eps ||
			o.y < marginTop-eps || o.y+o.h > pageHeight-marginBottom+eps {
			t.Errorf("%q at (%.1f, %.1f) size %.1fx%.1f passes the margins", o.text, o.x, o.y, o.w, o.h)
		}
	}
	for i, a := range ops {
		if a.kind == opRule {
			continue
		}
		for _, b := range ops[i+1:] {
			if b.kind == opRule || a.kind == opQR && b.kind == opQR {
				continue
			}
			if a.x < b.x+b.w-eps && b.x < a.x+a.w-eps && a.y < b.y+b.h-eps && b.y < a.y+a.h-eps {
				t.Errorf("%q at (%.1f, %.1f) overlaps %q at (%.1f, %.1f)", a.text, a.x, a.y, b.text, b.x, b.y)
			}
		}
	}
}

// text is the slip's text, each drawn line on its own line.
func text(ops []op) string {
	var b strings.Builder
	for _, o := range ops {
		if o.kind == opText {
			b.WriteString(o.text + "\n")
		}
	}
	return b.String()
}

// flat is text with every run of spaces and line breaks one space, so a
// phrase wrapped onto two lines is found whole.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

var (
	xrefEntry = regexp.MustCompile(`^(\d{10}) (\d{5}) ([nf])\s*$`)
	pageCount = regexp.MustCompile(`/Type /Pages\s*/Kids \[[^\]]*\]\s*/Count (\d+)`)
	pageObj   = regexp.MustCompile(`/Type /Page[^s]`)
)

// checkPDF checks a PDF's structure as a reader finds it, without a PDF
// library: the header, the trailer's startxref pointing at the cross
// reference table, and every object the table lists at its offset. It
// returns the page count the page tree gives.
func checkPDF(t *testing.T, b []byte) int {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-1.")) {
		t.Fatalf("PDF starts %q, want %%PDF-1.", b[:min(len(b), 8)])
	}
	if !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
		t.Fatalf("PDF does not end with %%%%EOF")
	}
	i := bytes.LastIndex(b, []byte("startxref"))
	if i < 0 {
		t.Fatalf("PDF has no startxref")
	}
	off, err := strconv.Atoi(strings.Fields(string(b[i+len("startxref"):]))[0])
	if err != nil || off <= 0 || off >= len(b) || !bytes.HasPrefix(b[off:], []byte("xref")) {
		t.Fatalf("startxref %d does not point at the xref table", off)
	}
	lines := strings.Split(string(b[off:]), "\n")
	first, count := 0, 0
	if _, err := fmt.Sscan(lines[1], &first, &count); err != nil {
		t.Fatalf("xref subsection header %q: %v", lines[1], err)
	}
	for k := 0; k < count; k++ {
		m := xrefEntry.FindStringSubmatch(lines[2+k])
		if m == nil {
			t.Fatalf("xref entry %d is %q", k, lines[2+k])
		}
		if m[3] != "n" {
			continue
		}
		at, _ := strconv.Atoi(m[1])
		want := strconv.Itoa(first+k) + " 0 obj"
		if at >= len(b) || !bytes.HasPrefix(b[at:], []byte(want)) {
			t.Fatalf("xref says object %d is at %d, which holds %q", first+k, at, b[at:min(len(b), at+12)])
		}
	}
	pm := pageCount.FindSubmatch(b)
	if pm == nil {
		t.Fatalf("PDF has no page tree")
	}
	n, _ := strconv.Atoi(string(pm[1]))
	if got := len(pageObj.FindAllIndex(b, -1)); got != n {
		t.Errorf("page tree counts %d pages; the file has %d page objects", n, got)
	}
	return n
}
