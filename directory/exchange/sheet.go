package exchange

import (
	"encoding/csv"
	"io"
	"strings"

	"nowrongdoor/directory"
)

// writeSheet writes listings as a spreadsheet reads them: one row a
// listing, a column a field (directory.FieldNames, then updated_at), lists
// and phones one entry per line within their cell, and weekly hours as
// they read ("Mon-Fri 8:00am-5:00pm"). It starts with a UTF-8 byte order
// mark and ends lines with CRLF, which is how Excel on Windows knows the
// file is UTF-8 ("Español" rather than "EspaÃ±ol").
func writeSheet(w io.Writer, listings []directory.Listing) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(append(directory.FieldNames(), "updated_at")); err != nil {
		return err
	}
	for i := range listings {
		l := &listings[i]
		row := l.FieldTexts()
		updated := ""
		if !l.UpdatedAt.IsZero() {
			updated = l.UpdatedAt.UTC().Format("2006-01-02 15:04:05Z")
		}
		row = append(row, updated)
		for j := range row {
			row[j] = cellText(row[j])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cellText guards a value a spreadsheet would take as a formula: a cell
// starting with =, +, -, @ or a tab is run by Excel and LibreOffice
// ("=HYPERLINK(...)" from a partner's file), so it gets a leading
// apostrophe, which spreadsheets show as text (OWASP's advice for CSV
// injection). The directory's own values never start so, but an
// imported one may.
func cellText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
