package slip

import (
	"strings"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
)

// The page, in millimetres: US Letter, with margins every home and office
// printer can print inside.
const (
	pageWidth    = 215.9
	pageHeight   = 279.4
	marginSide   = 15.0
	marginTop    = 13.0
	marginBottom = 13.0
	contentWidth = pageWidth - 2*marginSide

	ptToMM      = 25.4 / 72
	lineSpacing = 1.22

	// columnGap is the room between a label and its value, a key and its
	// value, and the text and the QR code.
	columnGap = 4.0
	// fieldGap is the space above each fact; blockGap the space either
	// side of the rule between listings.
	fieldGap = 1.1
	blockGap = 3.5
	// maxLabelShare is the most of the width the label column takes;
	// longer labels wrap in it.
	maxLabelShare = 0.28
	// maxKeyShare is the most of the value column a key (a phone number,
	// a run of days) takes.
	maxKeyShare = 0.45
)

// step is one try at fitting a slip on its page: type sizes and how much
// of each description to keep. Fitting tries them in order and keeps the
// first that fits.
type step struct {
	body  float64 // points
	name  float64
	small float64
	qr    float64 // the QR code's side, mm
	about int     // aboutFull ... aboutNone
	// capLines, when set, keeps each fact to so many lines, ending the
	// last with "…".
	capLines int
	// share, the last resort, gives each listing a share of the page
	// (shares) and leaves out the facts at its end that do not fit in
	// it, so the slip stays one page whatever the listings hold: a name
	// of two lines, its organization and the QR code fit any share of a
	// page of at most Max listings.
	share bool
}

// steps are the tries for a slip: first everything at the preferred
// size; then descriptions cut to two sentences, then smaller type down to
// a floor that stays readable (large print stays large), then shorter
// descriptions and capped facts.
func steps(largePrint bool) []step {
	sizes := []float64{14, 13, 12, 11, 10, 9}
	mk := func(body float64) step {
		return step{body: body, name: body * 1.45, small: max(body*0.75, 7.5), qr: 30}
	}
	if largePrint {
		sizes = []float64{18, 17, 16, 15, 14}
		mk = func(body float64) step {
			return step{body: body, name: body * 1.35, small: max(body*0.72, 11), qr: 36}
		}
	}
	var out []step
	for i, size := range sizes {
		s := mk(size)
		if i == 0 {
			s.about = aboutFull
			out = append(out, s)
		}
		s.about = aboutShort
		out = append(out, s)
	}
	least := mk(sizes[len(sizes)-1])
	for _, s := range []step{
		{about: aboutFirst},
		{about: aboutNone},
		{about: aboutNone, capLines: 3},
		{about: aboutNone, capLines: 2, share: true},
	} {
		s.body, s.name, s.small, s.qr = least.body, least.name, least.small, least.qr
		out = append(out, s)
	}
	return out
}

// style is how a run of text is set.
type style struct {
	size float64 // points
	bold bool
	gray bool
}

func (st style) lineHeight() float64 { return st.size * ptToMM * lineSpacing }

type opKind uint8

const (
	opText opKind = iota
	opRule
	opQR
)

// op is one thing to draw: a line of text, a rule, or a QR code. Laying
// a slip out makes ops; only the ops of the step that fits are drawn.
type op struct {
	kind       opKind
	x, y, w, h float64
	text       string
	style      style
	link       string
	qr         [][]bool
}

// layout lays a slip out at one step, measuring text with the PDF's fonts.
type layout struct {
	pdf    *fpdf.Fpdf
	lab    *labels
	st     step
	ops    []op
	y      float64
	labelW float64
	// floatLeft and floatBottom are the QR code beside the listing being
	// laid out: a line that starts above floatBottom ends at floatLeft.
	floatLeft, floatBottom float64
	font                   style
}

func (lo *layout) setFont(st style) {
	if lo.font == st {
		return
	}
	lo.font = st
	bold := ""
	if st.bold {
		bold = "B"
	}
	lo.pdf.SetFont(fontFamily, bold, st.size)
}

func (lo *layout) width(s string, st style) float64 {
	lo.setFont(st)
	return lo.pdf.GetStringWidth(s)
}

// rightAt is where a line that starts at y must end.
func (lo *layout) rightAt(y float64) float64 {
	if y < lo.floatBottom {
		return lo.floatLeft
	}
	return pageWidth - marginSide
}

// wrap breaks s into lines at spaces (never at a no-break space, which
// holds "ext. 12" together), line i no wider than width(i). A
// word too wide for a line of its own (a long web address) is broken
// after a slash, dot or hyphen where it can be. With maxLines set, the
// lines past it are left out and the last kept ends in "…".
func (lo *layout) wrap(s string, st style, width func(i int) float64, maxLines int) []string {
	lo.setFont(st)
	space := lo.pdf.GetStringWidth(" ")
	var lines []string
	line, lineW := "", 0.0
	for _, word := range words(s) {
		ww := lo.pdf.GetStringWidth(word)
		if line != "" && lineW+space+ww <= width(len(lines))+slack {
			line, lineW = line+" "+word, lineW+space+ww
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		for w := width(len(lines)); ww > w+slack; w = width(len(lines)) {
			head, rest := lo.breakWord(word, w)
			lines = append(lines, head)
			word, ww = rest, lo.pdf.GetStringWidth(rest)
		}
		line, lineW = word, ww
	}
	if line != "" {
		lines = append(lines, line)
	}
	if maxLines > 0 && len(lines) > maxLines {
		lines = lines[:maxLines]
		last := maxLines - 1
		lines[last] = lo.ellipsize(lines[last], width(last))
	}
	return lines
}

// words splits text at its spaces for wrapping, keeping a dash that
// stands alone with the word after it, so no line ends in a dangling "-"
// ("Workforce Services -" over "Employment Centers").
func words(s string) []string {
	var out []string
	glue := false
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' }) {
		if glue {
			out[len(out)-1] += " " + w
		} else {
			out = append(out, w)
		}
		glue = w == "-" || w == "–" || w == "—"
	}
	return out
}

// slack is how far past its measure a line may run: widths are sums of
// floating-point numbers, and a column made as wide as its widest word
// must still hold that word.
const slack = 1e-6

// breakWord splits a word too wide for width: the head is the most that
// fits (at least one letter), cut after a slash, dot or hyphen in its
// second half if it has one.
func (lo *layout) breakWord(word string, width float64) (head, rest string) {
	n, w := 0, 0.0
	for i, r := range word {
		cw := lo.pdf.GetStringWidth(string(r))
		if w+cw > width && i > 0 {
			break
		}
		n, w = i+utf8.RuneLen(r), w+cw
	}
	if cut := strings.LastIndexAny(word[:n], "/.-?&"); cut >= n/2 && cut+1 < n {
		n = cut + 1
	}
	return word[:n], word[n:]
}

// ellipsize ends a line cut short with "…", taking letters off it until
// both fit width.
func (lo *layout) ellipsize(line string, width float64) string {
	r := []rune(strings.TrimRight(line, " ,;:"))
	for len(r) > 0 && lo.pdf.GetStringWidth(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ,;:") + "…"
}

// lines lays out wrapped text with its top at y, from x to the right edge
// at each line; it returns the lines' height.
func (lo *layout) lines(x, y float64, text string, st style, link string, maxLines int) float64 {
	lh := st.lineHeight()
	ls := lo.wrap(text, st, func(i int) float64 { return lo.rightAt(y+float64(i)*lh) - x }, maxLines)
	lo.emitLines(x, y, ls, st, link)
	return float64(len(ls)) * lh
}

func (lo *layout) emitLines(x, y float64, ls []string, st style, link string) {
	lh := st.lineHeight()
	for i, l := range ls {
		lo.ops = append(lo.ops, op{kind: opText, x: x, y: y + float64(i)*lh, w: lo.width(l, st), h: lh, text: l, style: st, link: link})
	}
}

// header is the library's name and the date across the top, over a rule.
func (lo *layout) header(date string) {
	st := style{size: lo.st.body, bold: true}
	lh := st.lineHeight()
	lo.ops = append(lo.ops, op{kind: opText, x: marginSide, y: lo.y, w: lo.width(lo.lab.library, st), h: lh, text: lo.lab.library, style: st})
	dst := style{size: lo.st.body}
	w := lo.width(date, dst)
	lo.ops = append(lo.ops, op{kind: opText, x: pageWidth - marginSide - w, y: lo.y, w: w, h: lh, text: date, style: dst})
	lo.y += lh + 1.5
	lo.rule()
}

func (lo *layout) rule() {
	lo.ops = append(lo.ops, op{kind: opRule, x: marginSide, y: lo.y, w: contentWidth})
}

// footer is the reminder to call first at the foot of the page; it
// returns where the footer starts, the bottom of the room for listings.
func (lo *layout) footer(text string) float64 {
	if text == "" {
		return pageHeight - marginBottom
	}
	st := style{size: lo.st.body + 1, bold: true}
	lh := st.lineHeight()
	ls := lo.wrap(text, st, func(int) float64 { return contentWidth }, 0)
	top := pageHeight - marginBottom - float64(len(ls))*lh
	for i, l := range ls {
		w := lo.width(l, st)
		lo.ops = append(lo.ops, op{kind: opText, x: (pageWidth - w) / 2, y: top + float64(i)*lh, w: w, h: lh, text: l, style: st})
	}
	lo.ops = append(lo.ops, op{kind: opRule, x: marginSide, y: top - 2, w: contentWidth})
	return top - 2 - blockGap
}

// labelWidth is the label column's width: the widest label the slip
// uses, up to maxLabelShare of the page.
func (lo *layout) labelWidth(blocks []block) float64 {
	st := style{size: lo.st.body, bold: true}
	w := 0.0
	for _, b := range blocks {
		for _, r := range b.rows {
			if !r.sub {
				w = max(w, lo.width(r.label, st))
			}
		}
	}
	return min(w+columnGap, contentWidth*maxLabelShare)
}

// block lays out one listing from lo.y: its QR code at the top right, the
// name and organization, what it is for and its facts. With limit set
// (share), facts that would end below it are left out. It reports
// whether anything was left out.
func (lo *layout) block(b *block, limit float64) (cut bool) {
	top := lo.y
	right := pageWidth - marginSide
	lo.floatBottom = 0
	if bm := b.qrBits; bm != nil {
		q := lo.st.qr
		lo.ops = append(lo.ops, op{kind: opQR, x: right - q, y: top, w: q, h: q, qr: bm})
		cst := style{size: lo.st.small}
		ls := lo.wrap(b.qrCaption, cst, func(int) float64 { return q }, 3)
		for i, l := range ls {
			w := lo.width(l, cst)
			lo.ops = append(lo.ops, op{kind: opText, x: right - q/2 - w/2, y: top + q + float64(i)*cst.lineHeight(), w: w, h: cst.lineHeight(), text: l, style: cst})
		}
		lo.floatLeft = right - q - columnGap
		lo.floatBottom = top + q + float64(len(ls))*cst.lineHeight() + 1
	}

	nameLines := 0
	if lo.st.capLines > 0 {
		nameLines = 2
	}
	lo.y += lo.lines(marginSide, lo.y, b.name, style{size: lo.st.name, bold: true}, "", nameLines)
	if b.org != "" {
		lo.y += lo.lines(marginSide, lo.y, b.org, style{size: lo.st.body, gray: true}, "", lo.st.capLines)
	}
	if about := b.about[lo.st.about]; about != "" {
		lo.y += fieldGap
		lo.y += lo.lines(marginSide, lo.y, about, style{size: lo.st.body}, "", 0)
	}

	keyW := lo.keyWidths(b)
	for _, r := range b.rows {
		if !lo.row(r, keyW[r.group], limit) {
			cut = true
			break
		}
	}
	lo.y = max(lo.y, lo.floatBottom)
	lo.floatBottom = 0
	return cut
}

// keyWidths is the width of each group's key column in a listing: its
// widest key, up to maxKeyShare of the value column, but never narrower
// than the widest word of a key, so a phone number is never broken ("ext.
// 12" goes below it instead).
func (lo *layout) keyWidths(b *block) map[string]float64 {
	st := style{size: lo.st.body, bold: true}
	whole, word := map[string]float64{}, map[string]float64{}
	for _, r := range b.rows {
		if r.key == "" {
			continue
		}
		whole[r.group] = max(whole[r.group], lo.width(r.key, st))
		for _, w := range strings.Split(r.key, " ") {
			word[r.group] = max(word[r.group], lo.width(w, st))
		}
	}
	valueW := lo.floatLeftOr() - marginSide - lo.labelW
	out := map[string]float64{}
	for g, w := range whole {
		out[g] = max(min(w, valueW*maxKeyShare), word[g]) + columnGap
	}
	return out
}

func (lo *layout) floatLeftOr() float64 {
	if lo.floatBottom > 0 {
		return lo.floatLeft
	}
	return pageWidth - marginSide
}

// row lays out one fact: its label (unless it continues the fact above),
// its key and its value, side by side, each wrapped in its column. It
// leaves the row out and reports false when it would end below limit.
func (lo *layout) row(r row, keyW, limit float64) bool {
	top := lo.y
	if !r.sub {
		top += fieldGap
	}
	st := style{size: lo.st.body, bold: r.bold}
	lst := style{size: lo.st.body, bold: true}
	lh := st.lineHeight()
	labelX := marginSide
	keyX := labelX + lo.labelW
	valueX := keyX + keyW
	if r.span {
		valueX = keyX
	}
	var labelLines, keyLines []string
	if !r.sub {
		labelLines = lo.wrap(r.label, lst, func(int) float64 { return lo.labelW - columnGap }, lo.st.capLines)
	}
	if r.key != "" {
		keyLines = lo.wrap(r.key, lst, func(int) float64 { return keyW - columnGap }, lo.st.capLines)
	}
	valueLines := lo.wrap(r.value, st, func(i int) float64 { return lo.rightAt(top+float64(i)*lh) - valueX }, lo.st.capLines)
	h := float64(max(len(labelLines), len(keyLines), len(valueLines))) * lh
	if limit > 0 && top+h > limit {
		return false
	}
	lo.emitLines(labelX, top, labelLines, lst, "")
	lo.emitLines(keyX, top, keyLines, lst, "")
	lo.emitLines(valueX, top, valueLines, st, r.link)
	lo.y = top + h
	return true
}

// slipLayout lays out the whole slip at step st and reports whether it
// fits the page: the header, each listing with a rule between them, and
// the footer.
func slipLayout(pdf *fpdf.Fpdf, lab *labels, st step, blocks []block, date, foot string) ([]op, bool) {
	lo := &layout{pdf: pdf, lab: lab, st: st, y: marginTop}
	bottom := lo.footer(foot)
	lo.header(date)
	lo.labelW = lo.labelWidth(blocks)
	lo.y += blockGap
	var shares []float64
	if st.share {
		shares = lo.shares(blocks, bottom-lo.y-float64(len(blocks)-1)*2*blockGap)
	}
	for i := range blocks {
		if i > 0 {
			lo.y += blockGap
			lo.rule()
			lo.y += blockGap
		}
		limit := 0.0
		if shares != nil {
			limit = lo.y + shares[i]
		}
		lo.block(&blocks[i], limit)
	}
	return lo.ops, lo.y <= bottom
}

// shares divides room among the listings for the last step: a listing
// that needs less than an equal share keeps what it needs, and the rest
// is shared equally among the others.
func (lo *layout) shares(blocks []block, room float64) []float64 {
	need := make([]float64, len(blocks))
	for i := range blocks {
		m := &layout{pdf: lo.pdf, lab: lo.lab, st: lo.st, labelW: lo.labelW}
		m.block(&blocks[i], 0)
		need[i] = m.y
	}
	out := make([]float64, len(blocks))
	left, open := room, len(blocks)
	for settled := true; settled && open > 0; {
		settled = false
		fair := left / float64(open)
		for i, n := range need {
			if out[i] == 0 && n <= fair {
				out[i], left, open, settled = n, left-n, open-1, true
			}
		}
	}
	for i := range out {
		if out[i] == 0 {
			out[i] = left / float64(open)
		}
	}
	return out
}

// draw puts the ops on the page.
func draw(pdf *fpdf.Fpdf, ops []op) {
	pdf.SetLineWidth(0.3)
	pdf.SetDrawColor(150, 150, 150)
	pdf.SetFillColor(0, 0, 0)
	pdf.SetCellMargin(0)
	var font style
	for _, o := range ops {
		switch o.kind {
		case opText:
			if o.style != font {
				font = o.style
				bold := ""
				if o.style.bold {
					bold = "B"
				}
				pdf.SetFont(fontFamily, bold, o.style.size)
				if o.style.gray {
					pdf.SetTextColor(70, 70, 70)
				} else {
					pdf.SetTextColor(0, 0, 0)
				}
			}
			pdf.SetXY(o.x, o.y)
			pdf.CellFormat(o.w, o.h, o.text, "", 0, "L", false, 0, o.link)
		case opRule:
			pdf.Line(o.x, o.y, o.x+o.w, o.y)
		case opQR:
			drawQR(pdf, o)
		}
	}
}
