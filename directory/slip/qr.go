package slip

import (
	"github.com/go-pdf/fpdf"
	"github.com/skip2/go-qrcode"
)

// qrBitmap is the QR code of content, dark modules true, with the quiet
// border of four modules a scanner needs; nil for no content, or content
// too long for a code (the slip prints the text anyway). Medium error
// correction survives a crease or a smudge on a slip carried in a pocket.
func qrBitmap(content string) [][]bool {
	if content == "" {
		return nil
	}
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return nil
	}
	return q.Bitmap()
}

// drawQR draws a QR code as vector squares, sharp on any printer. Each
// row's runs of dark modules are rectangles of one path filled at once,
// each reaching a little into the row below, so no hairline shows between
// rows where a viewer smooths the edges of shapes.
// seamOverlap is how far, in modules, a row's squares reach into the
// next row, hidden under it when that row is dark there too.
const seamOverlap = 0.1

func drawQR(pdf *fpdf.Fpdf, o op) {
	n := len(o.qr)
	if n == 0 {
		return
	}
	m := o.w / float64(n)
	for y, line := range o.qr {
		for x := 0; x < len(line); {
			if !line[x] {
				x++
				continue
			}
			start := x
			for x < len(line) && line[x] {
				x++
			}
			x0, y0 := o.x+float64(start)*m, o.y+float64(y)*m
			x1, y1 := o.x+float64(x)*m, y0+m
			if y+1 < n {
				y1 += m * seamOverlap
			}
			pdf.MoveTo(x0, y0)
			pdf.LineTo(x1, y0)
			pdf.LineTo(x1, y1)
			pdf.LineTo(x0, y1)
			pdf.ClosePath()
		}
	}
	pdf.DrawPath("F")
}
