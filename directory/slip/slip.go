package slip

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"nowrongdoor/directory"
)

// Options say how to print a slip.
type Options struct {
	// Lang is the language of the labels; "" is English.
	Lang Lang
	// LargePrint sets the slip in bigger type, with fewer listings a page.
	LargePrint bool
	// Now is when the slip is made: its date, and the day whose hours it
	// gives as today's, in Salt Lake County. Zero means now.
	Now time.Time
}

// How many listings one page holds: a customer is rarely sent to more
// places at once, and more would need type too small to read.
const (
	MaxListings           = 4
	MaxLargePrintListings = 2
)

// Max is how many listings a slip holds in the given print size.
func Max(largePrint bool) int {
	if largePrint {
		return MaxLargePrintListings
	}
	return MaxListings
}

// Errors Render returns, wrapped; callers test them with errors.Is.
var (
	// ErrNoListings means the slip was given nothing to print.
	ErrNoListings = errors.New("no listings to print")
	// ErrTooMany means more listings were given than one page holds (Max).
	ErrTooMany = errors.New("more listings than one page holds")
	// ErrLang means a language the slip has no labels for.
	ErrLang = errors.New("not a slip language; use en (English) or es (Spanish)")
)

// Render writes a one-page US Letter PDF slip of the listings, in the
// order given, to w. It never writes a second page: when the listings do
// not fit at the preferred size, descriptions are cut to their first
// sentences, then the type is made smaller down to a readable floor,
// then the longest facts are cut short. A listing's staff notes and its
// phones' notes are never printed.
func Render(w io.Writer, listings []*directory.Listing, opts Options) error {
	pdf, _, err := build(listings, opts)
	if err != nil {
		return err
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("slip: write the PDF: %w", err)
	}
	return nil
}

// build lays the slip out and draws it, returning the document and what
// was drawn on its page, which the tests hold to the page's edges.
func build(listings []*directory.Listing, opts Options) (*fpdf.Fpdf, []op, error) {
	switch {
	case len(listings) == 0:
		return nil, nil, fmt.Errorf("slip: %w", ErrNoListings)
	case len(listings) > Max(opts.LargePrint):
		return nil, nil, fmt.Errorf("slip of %d listings: %w (at most %d, %d in large print)",
			len(listings), ErrTooMany, MaxListings, MaxLargePrintListings)
	case opts.Lang != "" && opts.Lang != English && opts.Lang != Spanish:
		return nil, nil, fmt.Errorf("slip: language %q: %w", opts.Lang, ErrLang)
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	lab := labelsFor(opts.Lang)
	blocks := make([]block, len(listings))
	hours, phones := false, false
	names := make([]string, len(listings))
	for i, l := range listings {
		blocks[i] = newBlock(l, lab, now)
		names[i] = blocks[i].name
		hours = hours || l.Hours != "" || len(l.Schedules) > 0
		phones = phones || len(l.Phones) > 0
	}
	// As in the copied referral: call first when there are hours to
	// check and a phone to check them on.
	foot := ""
	switch {
	case hours && phones:
		foot = lab.callFirst
	case hours:
		foot = lab.hoursCanChange
	}

	pdf := newPDF(lab, strings.Join(names, "; "), now)
	date := lab.date(now.In(directory.Denver))
	var ops []op
	for _, st := range steps(opts.LargePrint) {
		var fits bool
		if ops, fits = slipLayout(pdf, lab, st, blocks, date, foot); fits {
			break
		}
	}
	// The last step shares the page out and always fits. The page is
	// added only now, so measuring leaves nothing in it.
	pdf.AddPage()
	draw(pdf, ops)
	if err := pdf.Error(); err != nil {
		return nil, nil, fmt.Errorf("slip: %w", err)
	}
	return pdf, ops, nil
}

// newPDF starts a Letter document with the slip's fonts, title
// and language, dated now so the same slip made twice is the same file.
func newPDF(lab *labels, title string, now time.Time) *fpdf.Fpdf {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: pageWidth, Ht: pageHeight}})
	pdf.SetMargins(marginSide, marginTop, marginSide)
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	pdf.SetTitle(title, true)
	pdf.SetAuthor(lab.library, true)
	pdf.SetCreator("No Wrong Door", true)
	pdf.SetLang(lab.pdfLang)
	pdf.SetCreationDate(now)
	pdf.SetModificationDate(now)
	return pdf
}
