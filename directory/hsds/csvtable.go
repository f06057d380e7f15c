package hsds

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"

	"nowrongdoor/directory"
)

// csvTableReader reads one table of a package row by row, its columns by
// the names in its header row, in any order.
type csvTableReader struct {
	path string // the file's path in the package, for messages
	t    *csvTable
	f    fs.File
	r    *csv.Reader
	col  map[string]int // column name -> position in a row
	rec  []string
	row  int // the current row's number as a spreadsheet shows it: the header is row 1
	// unheld are the columns of the header that HSDS defines and the
	// caller cannot hold; a non-empty value in one is counted as not kept
	// under its key.
	unheld []unheldColumn
}

// unheldColumn is a column whose values the caller cannot hold.
type unheldColumn struct {
	i   int
	key string // "services.csv column wait_time"
}

// openCSVTable opens path in fsys as table t and reads its header. A
// header the table cannot be read by is a problem added to ps, and the
// reader returned is nil; so is a missing file when the table is not
// required. Unknown columns are problems too, and the table is still read.
// held lists the columns the caller keeps (nil: none, the table is only
// counted).
func openCSVTable(fsys fs.FS, path string, t *csvTable, held []string, ps *csvProblems) (*csvTableReader, error) {
	f, err := fsys.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	br := bufio.NewReader(f)
	if enc := sniffEncoding(br); enc != "" {
		ps.file("%s is %s text; save it as UTF-8", path, enc)
		f.Close()
		return nil, nil
	}
	tr := &csvTableReader{path: path, t: t, f: f, r: csv.NewReader(br), row: 1}
	tr.r.ReuseRecord = true
	header, err := tr.r.Read()
	if err == io.EOF {
		ps.file("%s is empty; it needs a header row naming its columns, such as %s", path, strings.Join(t.columnNames()[:min(4, len(t.Columns))], ","))
		f.Close()
		return nil, nil
	}
	if err != nil {
		tr.syntax(err, len(header), ps)
		f.Close()
		return nil, nil
	}
	tr.col = make(map[string]int, len(header))
	known := t.columnNames()
	for i, name := range header {
		if i == 0 {
			name = strings.TrimPrefix(name, "\uFEFF") // spreadsheets write a byte order mark
		}
		name = strings.TrimSpace(name)
		switch {
		case name == "":
			ps.file("%s: column %d of the header row has no name; name it or remove the column", path, i+1)
		case !utf8.ValidString(name):
			ps.file("%s: column %d of the header row is not UTF-8 text; save the file as UTF-8", path, i+1)
		case tr.has(name):
			ps.file("%s: the header row names column %s twice; remove one", path, name)
		case !slices.Contains(known, name):
			msg := fmt.Sprintf("%s: unknown column %q", path, name)
			if near := directory.ClosestName(name, known); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			} else {
				msg += fmt.Sprintf("; HSDS names the columns of %s %s", path, strings.Join(known, ", "))
			}
			ps.file("%s", msg)
		default:
			tr.col[name] = i
			if !slices.Contains(held, name) {
				tr.unheld = append(tr.unheld, unheldColumn{i, path + " column " + name})
			}
		}
	}
	if _, ok := tr.col["id"]; !ok {
		ps.file("%s has no id column; every HSDS table starts with one, the record's id", path)
		f.Close()
		return nil, nil
	}
	return tr, nil
}

// has reports whether the header already named column name.
func (tr *csvTableReader) has(name string) bool {
	_, ok := tr.col[name]
	return ok
}

// next reads the next row. It returns false at the end of the file, and
// on a row that cannot be read, which it adds to ps: the rest of the file
// cannot be trusted.
func (tr *csvTableReader) next(ps *csvProblems) bool {
	rec, err := tr.r.Read()
	if err == io.EOF {
		return false
	}
	if err != nil {
		tr.syntax(err, len(rec), ps)
		return false
	}
	for _, v := range rec {
		if !utf8.ValidString(v) {
			line, _ := tr.r.FieldPos(0)
			ps.file("%s line %d is not UTF-8 text; save the file as UTF-8", tr.path, line)
			return false
		}
	}
	tr.rec = rec
	tr.row++
	return true
}

// get returns the current row's value in column name, "" when the table
// has no such column.
func (tr *csvTableReader) get(name string) string {
	if i, ok := tr.col[name]; ok {
		return tr.rec[i]
	}
	return ""
}

// index returns the position of column name in a row, -1 when the table
// has no such column; at reads it.
func (tr *csvTableReader) index(name string) int {
	if i, ok := tr.col[name]; ok {
		return i
	}
	return -1
}

// at returns the current row's value at position i (from index), "" for
// -1.
func (tr *csvTableReader) at(i int) string {
	if i < 0 {
		return ""
	}
	return tr.rec[i]
}

// where names the current row's cell in column name, as problems do.
func (tr *csvTableReader) where(name string) string {
	return fmt.Sprintf("%s row %d, column %s", tr.path, tr.row, name)
}

// countUnheld adds the current row's values in columns the caller cannot
// hold to notKept, by file and column.
func (tr *csvTableReader) countUnheld(notKept map[string]int) {
	for _, c := range tr.unheld {
		if strings.TrimSpace(tr.rec[c.i]) != "" {
			notKept[c.key]++
		}
	}
}

// close closes the file.
func (tr *csvTableReader) close() { tr.f.Close() }

// syntax adds a problem for a row encoding/csv could not read, naming the
// file and line, and saying what to fix.
// n is how many fields the row had.
func (tr *csvTableReader) syntax(err error, n int, ps *csvProblems) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		ps.file("%s could not be read to its end (%v); is the file, or the zip holding it, damaged?", tr.path, err)
		return
	}
	switch {
	case errors.Is(pe.Err, csv.ErrFieldCount):
		ps.file("%s line %d: the row has %d fields and the header row %d; a value holding a comma must be in double quotes", tr.path, pe.Line, n, tr.r.FieldsPerRecord)
	case errors.Is(pe.Err, csv.ErrBareQuote):
		ps.file("%s line %d, column %d: a double quote inside a value that is not quoted; put the value in double quotes and write the quote twice (\"\")", tr.path, pe.Line, pe.Column)
	case errors.Is(pe.Err, csv.ErrQuote):
		ps.file("%s line %d, column %d: a quoted value is not closed, or its closing quote is followed by more text; write a quote inside a value twice (\"\")", tr.path, pe.Line, pe.Column)
	default:
		ps.file("%s line %d: %v", tr.path, pe.Line, pe.Err)
	}
}

// sniffEncoding names the encoding of text that is not UTF-8 by its first
// bytes (a UTF-16 or UTF-32 byte order mark, or the zero bytes such text
// has between ASCII letters), or returns "" for what may be UTF-8. Named,
// so the admin is not told of a missing comma.
func sniffEncoding(br *bufio.Reader) string {
	head, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(head, []byte{0, 0, 0xFE, 0xFF}):
		return "UTF-32"
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return "UTF-16"
	case len(head) == 4 && (head[1] == 0 && head[2] == 0 && head[3] == 0 || head[0] == 0 && head[1] == 0 && head[2] == 0):
		return "UTF-32 (with no byte order mark)"
	case len(head) >= 2 && (head[0] == 0) != (head[1] == 0):
		return "UTF-16 (with no byte order mark)"
	}
	return ""
}
