package jsonfile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"nowrongdoor/directory"
	"nowrongdoor/directory/hours"
)

// MaxFileSize is the largest import file ParseListings reads. A statewide
// feed of 100,000 listings is about 150 MB; the limit stops a wrong file
// (a disk image, a device) from exhausting memory.
const MaxFileSize = 1 << 30

// fileProblem is a ValidationError about the whole file.
func fileProblem(format string, args ...any) error {
	return &directory.ValidationError{Problems: []directory.Problem{{Index: -1, Message: fmt.Sprintf(format, args...)}}}
}

// ParseListings reads a directory file: a JSON array of listings in the
// format of data/agencies.json. It normalizes every record and validates all
// of them, returning a *directory.ValidationError (which matches
// directory.ErrInvalidFile) with every problem found, or the listings when
// there are none. Fields the format does not know are
// problems too: a misspelled field silently dropped would lose data. The
// rules are directory.Listing.Validate's, with verified_on checked against this
// computer's clock.
func ParseListings(r io.Reader) ([]directory.Listing, error) {
	listings, err := ReadListings(r)
	if err != nil {
		return nil, err
	}
	return listings, nil
}

// ReadListings is ParseListings for a report: with a
// *directory.ValidationError whose problems are all about records, it also
// returns every record read, in file order (Problem.Index is its place),
// so a dry run can say what the valid ones would do. It reads the file as
// a stream, a record at a time, so memory holds the listings and not the
// file.
func ReadListings(r io.Reader) ([]directory.Listing, error) {
	return readListings(r, time.Now())
}

// StreamListings reads a file as ReadListings does, but hands every record
// on to emit as it goes, a batch at a time in file order, with the
// problems of each, and holds only the batches being read and checked: an
// import writes a statewide file while it reads it. An error from emit
// stops the reading and is returned as it is.
func StreamListings(r io.Reader, emit func(directory.Batch) error) error {
	return streamListings(r, time.Now(), emit)
}

// batchSize is how many records are read before they are checked together,
// on every processor.
const batchSize = 2048

// readListings is ReadListings with now as the instant verified_on may
// not pass.
func readListings(r io.Reader, now time.Time) ([]directory.Listing, error) {
	var g directory.Gathered
	if err := streamListings(r, now, g.Add); err != nil {
		return nil, err
	}
	problems := g.Done()
	return g.Listings, problems
}

func streamListings(r io.Reader, now time.Time, emit func(directory.Batch) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(3)
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return fileProblem("the file is UTF-16 text; save it as UTF-8")
	}
	// Windows editors often start UTF-8 files with a byte order mark, which
	// JSON does not allow but which carries no meaning.
	if bytes.Equal(head, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
	}
	pr := newPositionReader(io.LimitReader(br, MaxFileSize+1))
	dec := json.NewDecoder(pr)
	tok, err := dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) && pr.invalid < 0 {
			return fileProblem("the file is empty; it should hold a JSON array of listings: [ {\"id\": ..., \"name\": ...}, ... ]")
		}
		return streamProblem(pr, 0, err, true)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fileProblem("the file holds a JSON %s, not an array of listings; put the listings in [ ]", tokenKind(tok))
	}
	// Records are read in batches; each batch is checked on every
	// processor while the next is read, and handed on once checked.
	var (
		checking *directory.Batch // being checked
		batch    []json.RawMessage
		records  int
		wg       sync.WaitGroup
		firstID  = map[string]int{}
	)
	defer wg.Wait() // a read that fails leaves no check running
	// handOn waits for the batch being checked, finds the ids an earlier
	// record used, and hands the batch on.
	handOn := func() error {
		wg.Wait()
		b := checking
		if b == nil {
			return nil
		}
		checking = nil
		for i, l := range b.Listings {
			if l.ID == "" {
				continue
			}
			if j, ok := firstID[l.ID]; ok {
				b.Problems = append(b.Problems, directory.Problem{Index: b.At[i], ID: l.ID, Field: "id",
					Message: fmt.Sprintf("id is also used by record %d; give each listing its own id", j+1)})
			} else {
				firstID[l.ID] = b.At[i]
			}
		}
		return emit(*b)
	}
	check := func() error {
		if err := handOn(); err != nil || len(batch) == 0 {
			return err
		}
		raws, lo := batch, records
		records += len(raws)
		batch = make([]json.RawMessage, 0, batchSize)
		b := &directory.Batch{Listings: make([]directory.Listing, len(raws)), At: make([]int, len(raws))}
		checking = b
		problems := make([][]directory.Problem, len(raws))
		wg.Go(func() {
			inChunks(len(raws), func(from, to int) {
				for i := from; i < to; i++ {
					b.At[i] = lo + i
					problems[i] = checkRecord(raws[i], &b.Listings[i], now)
					for j := range problems[i] {
						problems[i][j].Index = lo + i
					}
				}
			})
			for _, ps := range problems {
				b.Problems = append(b.Problems, ps...)
			}
		})
		return nil
	}
	for dec.More() {
		var raw json.RawMessage
		start := dec.InputOffset()
		if err := dec.Decode(&raw); err != nil {
			return streamProblem(pr, start, err, false)
		}
		if batch = append(batch, raw); len(batch) == batchSize {
			if err := check(); err != nil {
				return err
			}
		}
	}
	if err := check(); err != nil {
		return err
	}
	if err := handOn(); err != nil {
		return err
	}
	start := dec.InputOffset()
	if _, err := dec.Token(); err != nil { // the closing ]
		return streamProblem(pr, start, err, false)
	}
	start = dec.InputOffset()
	if _, err := dec.Token(); !errors.Is(err, io.EOF) { // nothing after it
		if err == nil {
			err = &json.SyntaxError{Offset: start}
		}
		return streamProblem(pr, start, err, false)
	}
	if pr.read > MaxFileSize {
		return fileProblem("the file is larger than %d MB; is it the right file?", MaxFileSize>>20)
	}
	if records == 0 {
		return fileProblem("the file holds an empty array; it has no listings to import")
	}
	return nil
}

// checkRecord decodes, normalizes and validates one record of a file.
func checkRecord(raw json.RawMessage, l *directory.Listing, now time.Time) []directory.Problem {
	bad, oldNames, problems := decodeRecord(raw, l)
	if problems != nil && bad == nil {
		return problems // not an object at all; nothing more to say
	}
	// A file gives hours as published; the reader proposes the weekly
	// schedules an admin then confirms. Before Normalize, which marks
	// them doubted when the staff notes doubt the hours.
	if len(l.Schedules) == 0 {
		l.Schedules = hours.Propose(l.Hours)
	}
	l.Normalize()
	tidy(l)
	for _, p := range l.Validate(now) {
		if bad[topField(p.Field)] {
			continue
		}
		// Name the field as the file does, so the admin can find it.
		if old, ok := oldNames[p.Field]; ok {
			p.Field = old
			if rest, ok := strings.CutPrefix(p.Message, listingAliases[old]); ok {
				p.Message = old + rest
			}
		}
		problems = append(problems, p)
	}
	return problems
}

// inChunks calls fn over [0, n) split into chunks, one per processor when n
// is large enough to be worth it: checking a statewide feed of 100,000
// listings is CPU work that parallelizes perfectly.
func inChunks(n int, fn func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n/1000+1)
	if workers <= 1 {
		fn(0, n)
		return
	}
	size := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += size {
		wg.Go(func() { fn(lo, min(lo+size, n)) })
	}
	wg.Wait()
}

// streamProblem explains why the file stopped being read: it is not
// UTF-8, it ends early, or its JSON is broken at a place given as a line
// and column. start is where the decoder was before the read that failed;
// first says no token had been read yet.
func streamProblem(pr *positionReader, start int64, err error, first bool) error {
	if pr.failed != nil {
		// The file could not be read (a disk error, an import stopped):
		// not a problem of its content.
		return fmt.Errorf("read directory file: %w", pr.failed)
	}
	if pr.read > MaxFileSize {
		return fileProblem("the file is larger than %d MB; is it the right file?", MaxFileSize>>20)
	}
	if errors.Is(err, errNotUTF8) || pr.invalid >= 0 {
		line, col := pr.lineCol(pr.invalid)
		return fileProblem("the file is not valid UTF-8 text (line %d, column %d); save it as UTF-8", line, col)
	}
	var syn *json.SyntaxError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		line, col := pr.lineCol(pr.read)
		return fileProblem("the file ends in the middle of the JSON (line %d, column %d); it looks cut short, so copy or export it again", line, col)
	case errors.As(err, &syn):
		line, col := pr.lineCol(syntaxAt(pr, start, syn))
		if first {
			return fileProblem("the file is not JSON (line %d, column %d: %v); a directory file is a JSON array of listings", line, col, syn)
		}
		return fileProblem("JSON syntax error at line %d, column %d: %v; a missing comma, quote or bracket just before it is the usual cause", line, col, syn)
	default:
		return fileProblem("the file is not a JSON array of listings: %v", err)
	}
}

// syntaxAt returns the offset of the byte a syntax error is about. The
// decoder's offsets count from places it does not expose, so the text from
// start, where the failed read began, is read again on its own, past a
// separating comma; when that reads cleanly the error was the decoder's
// own about what came between values, and its offset is the place.
func syntaxAt(pr *positionReader, start int64, syn *json.SyntaxError) int64 {
	from := min(max(start-pr.tailStart, 0), int64(len(pr.tail)))
	rest := pr.tail[from:]
	skipped := len(rest)
	rest = bytes.TrimLeft(rest, " \t\r\n")
	rest = bytes.TrimPrefix(rest, []byte(","))
	skipped -= len(rest)
	var raw json.RawMessage
	if err := json.NewDecoder(bytes.NewReader(rest)).Decode(&raw); err != nil {
		var again *json.SyntaxError
		if errors.As(err, &again) {
			return pr.tailStart + from + int64(skipped) + again.Offset - 1
		}
	}
	return min(syn.Offset, pr.read)
}

// invalidUTF8Offset returns the offset of the first byte that is not valid UTF-8.
func invalidUTF8Offset(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// jsonField is a field of a struct in the import format.
type jsonField struct {
	index int
	typ   reflect.Type
}

// fieldsOf maps the JSON names of a struct type's fields to the fields. It
// is derived from the struct tags so the importer never drifts from the
// format. The map also holds the old names in aliases (old name to current
// name); names lists only the current ones, for messages.
func fieldsOf(t reflect.Type, aliases map[string]string) (map[string]jsonField, []string) {
	fields := map[string]jsonField{}
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = jsonField{i, f.Type}
		names = append(names, name)
	}
	for old, name := range aliases {
		fields[old] = fields[name]
	}
	return fields, names
}

// listingAliases maps the names listing fields had in files made for
// earlier releases to their names now, so those files still import. Staff
// notes were "staff_notes" until the default data named them
// "notes_for_staff". Aliases are of string fields.
var listingAliases = map[string]string{"staff_notes": "notes_for_staff"}

var (
	listingFields, listingFieldNames = fieldsOf(reflect.TypeFor[directory.Listing](), listingAliases)
	phoneFields, phoneFieldNames     = fieldsOf(reflect.TypeFor[directory.Phone](), nil)
	addressFields, addressFieldNames = fieldsOf(reflect.TypeFor[directory.Address](), nil)
)

// decodeRecord decodes one array element into l field by field, so that one
// field of the wrong type does not hide problems in the others. It returns
// the set of top-level fields that could not be decoded (nil when the
// element is not an object at all), the old names the record gives fields
// under (current name to old name, see listingAliases) and the problems
// found.
func decodeRecord(raw json.RawMessage, l *directory.Listing) (bad map[string]bool, oldNames map[string]string, problems []directory.Problem) {
	keys, values, err := objectMembers(raw)
	if err != nil {
		return nil, nil, []directory.Problem{{Message: fmt.Sprintf("the record is %s, not a listing object { ... }", jsonKind(raw))}}
	}
	bad = map[string]bool{}
	oldNames = map[string]string{}
	given := map[string]string{} // current name to the key that gave it first
	// The id first, so problems with other fields can name the record.
	if i := slices.Index(keys, "id"); i >= 0 {
		if json.Unmarshal(values[i], &l.ID) == nil {
			l.ID = strings.TrimSpace(l.ID)
		}
	}
	id := func() string { return l.ID }
	problems = append(problems, checkKeys(keys, listingFields, listingFieldNames, "", id)...)
	v := reflect.ValueOf(l).Elem()
	for i, key := range keys {
		f, ok := listingFields[key]
		if !ok {
			continue
		}
		name := key
		if now, ok := listingAliases[key]; ok {
			name = now
			oldNames[now] = key
		}
		// A field given under both its names is decoded aside the second
		// time, and must say the same both times.
		dst := v.Field(f.index)
		first, seen := given[name]
		both := seen && first != key
		if both {
			dst = reflect.New(f.typ).Elem()
		} else {
			given[name] = key
		}
		if err := json.Unmarshal(values[i], dst.Addr().Interface()); err != nil {
			bad[name] = true
			problems = append(problems, directory.Problem{ID: l.ID, Field: key, Message: decodeMessage(key, f.typ, values[i], err)})
			continue
		}
		if both {
			delete(oldNames, name) // the problems name the current field
			old := first
			if key != name {
				old = key
			}
			if !bad[name] && strings.TrimSpace(dst.String()) != strings.TrimSpace(v.Field(f.index).String()) {
				problems = append(problems, directory.Problem{ID: l.ID, Field: key, Message: fmt.Sprintf(
					"%s and %s give different text; they are one field (%s is its name in files made for earlier releases), so keep one",
					first, key, old)})
			}
			continue
		}
		switch key {
		case "address":
			problems = append(problems, checkNested(values[i], addressFields, addressFieldNames, "address", id)...)
		case "phones":
			var phones []json.RawMessage
			if json.Unmarshal(values[i], &phones) == nil {
				for j, p := range phones {
					problems = append(problems, checkNested(p, phoneFields, phoneFieldNames, fmt.Sprintf("phones[%d]", j), id)...)
				}
			}
		}
	}
	return bad, oldNames, problems
}

// checkNested checks the member names of a nested object (an address, a phone).
func checkNested(raw json.RawMessage, fields map[string]jsonField, names []string, path string, id func() string) []directory.Problem {
	keys, _, err := objectMembers(raw)
	if err != nil {
		return nil // null, or a type error already reported by decoding
	}
	return checkKeys(keys, fields, names, path+".", id)
}

// checkKeys reports member names the format does not know, and names given
// twice (JSON decoders keep the last, silently dropping the first).
func checkKeys(keys []string, fields map[string]jsonField, names []string, prefix string, id func() string) []directory.Problem {
	var problems []directory.Problem
	seen := map[string]bool{}
	for _, key := range keys {
		if seen[key] {
			problems = append(problems, directory.Problem{ID: id(), Field: prefix + key,
				Message: fmt.Sprintf("field %q appears more than once; keep one", prefix+key)})
			continue
		}
		seen[key] = true
		if _, ok := fields[key]; ok {
			continue
		}
		msg := fmt.Sprintf("unknown field %q", prefix+key)
		if s := directory.ClosestName(key, names); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", prefix+s)
		} else {
			msg += fmt.Sprintf("; the fields are %s", strings.Join(names, ", "))
		}
		problems = append(problems, directory.Problem{ID: id(), Field: prefix + key, Message: msg})
	}
	return problems
}

// objectMembers returns the member names and raw values of a JSON object in
// order, duplicates included.
func objectMembers(raw json.RawMessage) ([]string, []json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, nil, errors.New("not an object")
	}
	var keys []string
	var values []json.RawMessage
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		key, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		keys = append(keys, key)
		values = append(values, v)
	}
	return keys, values, nil
}

// jsonKind names the kind of a JSON value for a message.
func jsonKind(raw json.RawMessage) string {
	s := bytes.TrimSpace(raw)
	if len(s) == 0 {
		return "empty"
	}
	switch s[0] {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 'n':
		return "null"
	case 't', 'f':
		return "a boolean"
	case '{':
		return "an object"
	default:
		return "a number"
	}
}

// decodeMessage explains why a field's value could not be decoded.
func decodeMessage(key string, t reflect.Type, raw json.RawMessage, err error) string {
	if t == reflect.TypeFor[directory.Date]() {
		return fmt.Sprintf("%s %s is not a date; write it as YYYY-MM-DD, like 2026-03-31", key, directory.Shorten(string(raw)))
	}
	var want string
	switch {
	case t == reflect.TypeFor[[]directory.Phone]():
		want = `an array of phones, like [{"label": "Main line", "number": "385-468-7300"}]`
	case t == reflect.TypeFor[directory.Address]():
		want = `an object, like {"street": ..., "city": ..., "state": "UT", "zip": ...}`
	case t.Kind() == reflect.Slice:
		want = `an array of strings, like ["first", "second"]`
	case t == reflect.TypeFor[string]() || t.Kind() == reflect.String:
		want = "a string in double quotes"
	default:
		want = "a " + t.String()
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) && typ.Field != "" && typ.Field != key {
		inner := typ.Field
		if !strings.HasPrefix(inner, key+".") {
			inner = key + "." + inner
		}
		return fmt.Sprintf("%s should be %s; %s is %s", key, want, inner, jsonValueKind(typ.Value))
	}
	return fmt.Sprintf("%s should be %s, not %s", key, want, jsonKind(raw))
}

// jsonValueKind names the kind of JSON value an UnmarshalTypeError saw.
func jsonValueKind(v string) string {
	v, _, _ = strings.Cut(v, " ")
	switch v {
	case "array", "object":
		return "an " + v
	case "bool":
		return "a boolean"
	}
	return "a " + v
}

// topField returns the top-level field of a JSON path: "phones" for
// "phones[1].number".
func topField(path string) string {
	if i := strings.IndexAny(path, "[."); i >= 0 {
		return path[:i]
	}
	return path
}

// tidy fixes what an admin obviously meant, beyond what Normalize does: a
// web address written without its scheme ("IRS.gov", as the default data
// has) gets https://, so the window can open it.
func tidy(l *directory.Listing) {
	l.Website = withScheme(l.Website)
	for i, u := range l.SourceURLs {
		l.SourceURLs[i] = withScheme(u)
	}
}

// bareHost matches a web address written without a scheme: a dotted host
// name, then an optional path.
var bareHost = regexp.MustCompile(`^(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}(/\S*)?$`)

func withScheme(s string) string {
	if s != "" && !strings.Contains(s, "://") && bareHost.MatchString(s) {
		return "https://" + s
	}
	return s
}

// tokenKind names the kind of a JSON value from its first token.
func tokenKind(tok json.Token) string {
	switch tok.(type) {
	case json.Delim:
		return "object"
	case string:
		return "string"
	case bool:
		return "boolean"
	case nil:
		return "null"
	}
	return "number"
}
