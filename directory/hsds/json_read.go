package hsds

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"nowrongdoor/directory"
	"nowrongdoor/directory/hours"
)

// MaxFileSize is the largest HSDS JSON file ReadJSON reads: an export of
// 100,000 listings is well under it, and a wrong file (a disk image, an
// endless stream) is refused before it exhausts memory.
const MaxFileSize = 4 << 30

// ReadResult is what ReadJSON read.
type ReadResult struct {
	// Listings are the services read, normalized and valid, in file
	// order. With a *directory.ValidationError whose problems are all
	// about records, it holds every record read, in file order
	// (Problem.Index is its place), so a dry run can report the valid
	// ones too.
	Listings []directory.Listing
	// NotKept counts, for each HSDS field the directory cannot hold, how
	// many records gave it ("wait_time", "phones[].languages"; positions
	// are left out), and "level inferred" for the records whose level
	// was guessed.
	NotKept map[string]int
	// Note says what an admin should know about the file as a whole, such
	// as that it is one page of a longer list; "" when nothing.
	Note string
}

// ReadJSON reads an HSDS 3.0 JSON file: one service object, an array of
// services, or a page of a list ({"contents": [...], "total_items": ...}),
// one service at a time. Every listing is normalized (hours read from the
// hours text when it has no schedules) and validated; a file with any
// problem returns a *directory.ValidationError with all of them, each
// naming its record (Index, from 0) and its field by HSDS path
// ("phones[0].number"). The caller has decoded the file to UTF-8; a UTF-8
// byte order mark is skipped.
func ReadJSON(r io.Reader) (ReadResult, error) { return readJSON(r, time.Now()) }

// StreamJSON reads an HSDS 3.0 JSON file as ReadJSON does, but hands every
// record on to emit as it goes, a batch at a time in file order, with the
// problems of each, and holds only the batches being read and checked:
// an import writes a statewide file while it reads it. A record whose id
// is made from its name waits for the end of the file, where the id is
// made unique among all the file's ids. The result holds no Listings. An
// error from emit stops the reading and is returned as it is.
func StreamJSON(r io.Reader, emit func(directory.Batch) error) (ReadResult, error) {
	return streamJSON(r, time.Now(), emit)
}

// fileError is a ValidationError about the whole file.
func fileError(format string, args ...any) error {
	return &directory.ValidationError{Problems: []directory.Problem{{Index: -1, Message: fmt.Sprintf(format, args...)}}}
}

// batchSize is how many raw services are held at once, checked in
// parallel while the next are read.
const batchSize = 512

// fileReader reads one file.
type fileReader struct {
	sp    *splitter
	now   time.Time
	emit  func(directory.Batch) error
	split int // how many records the splitter has cut
	batch []rawRecord
	// checking is the batch being checked while the next is read.
	checking *checkedBatch
	walkers  []walker       // one per worker, kept from batch to batch
	pending  sync.WaitGroup // the batch being checked
	note     string
	// What the records checked so far tell of the ones after them.
	firstService map[string]int // service id: the first record with it
	firstID      map[string]int // listing id: the first record with it
	held         []heldRecord   // records whose id is made from the name
	notKept      map[string]int
}

// checkedBatch is a batch of records and what checking them gave.
type checkedBatch struct {
	base     int // the place in the file of the first
	records  []record
	listings []directory.Listing
}

// heldRecord is a record waiting for its id to be made unique.
type heldRecord struct {
	at       int
	listing  directory.Listing
	problems []directory.Problem
}

// rawRecord is one service as the file has it, and where it starts.
type rawRecord struct {
	data   []byte
	offset int64
}

// record is what reading one service gave.
type record struct {
	serviceID string
	suggested bool // the id was made from the name
	problems  []directory.Problem
	notKept   []string
	// syntax says how the record breaks JSON's grammar, when it does, and
	// syntaxAt where in the file.
	syntax   string
	syntaxAt int64
}

// readJSON is ReadJSON with now as the instant verified_on may not pass.
func readJSON(r io.Reader, now time.Time) (ReadResult, error) {
	var g directory.Gathered
	res, err := streamJSON(r, now, g.Add)
	if err != nil {
		return ReadResult{}, err
	}
	// What was not kept is reported with the problems too, and every
	// record read stays in Listings, so a dry run says it all.
	problems := g.Done()
	res.Listings = g.Listings
	return res, problems
}

func streamJSON(r io.Reader, now time.Time, emit func(directory.Batch) error) (ReadResult, error) {
	sp := &splitter{r: &limitedReader{r: r, n: MaxFileSize}, buf: make([]byte, 0, 64<<10)}
	fr := &fileReader{sp: sp, now: now, emit: emit,
		firstService: map[string]int{}, firstID: map[string]int{}, notKept: map[string]int{}}
	// Windows editors often start UTF-8 files with a byte order mark,
	// which JSON does not allow but which carries no meaning.
	for len(sp.buf) < 3 && sp.more(0) {
	}
	if len(sp.buf) >= 3 && string(sp.buf[:3]) == "\xEF\xBB\xBF" {
		sp.pos = 3
	}
	err := fr.read()
	fr.pending.Wait() // no worker writes on after an error
	if err != nil {
		var big *tooBigError
		if errors.As(err, &big) {
			return ReadResult{}, fileError("the file is larger than %d GB; is it the right file?", MaxFileSize>>30)
		}
		return ReadResult{}, err
	}
	return ReadResult{NotKept: fr.notKept, Note: fr.note}, nil
}

// emptyFile says what an HSDS file should hold.
const emptyFile = "the file is empty; it should hold HSDS services: a service { ... }, an array of them [ ... ] or a page of a list {\"contents\": [ ... ]}"

// read reads the file's top value and every service in it.
func (fr *fileReader) read() error {
	sp := fr.sp
	c, ok := sp.peek()
	switch {
	case !ok && sp.failure() != nil:
		return fmt.Errorf("read HSDS JSON: %w", sp.failure())
	case !ok:
		return fileError(emptyFile)
	case c == '[':
		sp.pos++
		if err := fr.array(); err != nil {
			return err
		}
	case c == '{':
		sp.pos++
		if err := fr.object(); err != nil {
			return err
		}
	default:
		at := sp.offset()
		v, err := sp.value()
		if err != nil {
			return fr.splitError(err)
		}
		if _, msg := checkJSON(v); msg != "" {
			return fileError("the file is not JSON (byte %d: %s); an HSDS file is JSON: a service { ... } or an array of them [ ... ]", at, msg)
		}
		return fileError("the file holds %s, not HSDS services; put them in [ ]", kindOf(v[0]))
	}
	if c, ok := sp.peek(); ok {
		return fileError("the file goes on after its JSON ends (at byte %d, %q); remove what follows", sp.offset(), rune(c))
	}
	if err := sp.failure(); err != nil {
		return fr.splitError(err)
	}
	if err := fr.flush(); err != nil {
		return err
	}
	fr.pending.Wait()
	if err := fr.finish(); err != nil {
		return err
	}
	if fr.split == 0 {
		return fileError("the file holds no services; it has nothing to import")
	}
	return fr.release()
}

// array reads services up to the closing ], the [ read.
func (fr *fileReader) array() error {
	sp := fr.sp
	for first := true; ; first = false {
		c, ok := sp.peek()
		if !ok {
			return fr.splitError(errTruncated)
		}
		if c == ']' && first {
			sp.pos++
			return nil
		}
		at := sp.offset()
		v, err := sp.value()
		if err != nil {
			return fr.splitError(err)
		}
		if err := fr.add(rawRecord{v, at}); err != nil {
			return err
		}
		if c, ok = sp.peek(); !ok {
			return fr.splitError(errTruncated)
		}
		sp.pos++
		switch c {
		case ',':
		case ']':
			return nil
		default:
			return fr.syntax(sp.offset()-1, fmt.Sprintf("invalid character %q after array element", rune(c)))
		}
	}
}

// syntax is a syntax error at a file offset.
func (fr *fileReader) syntax(at int64, msg string) error {
	return fileError("JSON syntax error at byte %d (in record %d): %s; a missing comma, quote or bracket just before it is the usual cause",
		at, fr.split+1, msg)
}

// splitError explains why the splitter could not read on.
func (fr *fileReader) splitError(err error) error {
	record := fr.split + 1 // counted from 1, as people count
	var depth *depthError
	var unexpected *unexpectedError
	switch {
	case errors.As(err, &unexpected):
		return fr.syntax(unexpected.offset, unexpected.Error())
	case errors.As(err, new(*tooBigError)):
		return err
	case errors.Is(err, errTruncated):
		return fileError("the file ends in the middle of the JSON (in record %d); it looks cut short, so copy or export it again", record)
	case errors.As(err, &depth):
		return fileError("the JSON nests more than %d levels deep (at byte %d, in record %d); that is no HSDS file", maxDepth, depth.offset, record)
	}
	return fmt.Errorf("read HSDS JSON: %w", err)
}

// listMembers are the members of a page of a list besides "contents".
var listMembers = []string{"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty"}

// object reads a top-level object: a page of a list, whose contents are
// read as they come, or one service, whose members are gathered.
func (fr *fileReader) object() error {
	sp := fr.sp
	var keys []string
	var values [][]byte
	contents := false
	for first := true; ; first = false {
		c, ok := sp.peek()
		if !ok {
			return fr.splitError(errTruncated)
		}
		if c == '}' && first {
			sp.pos++
			break
		}
		at := sp.offset()
		k, err := sp.value()
		if err != nil {
			return fr.splitError(err)
		}
		var key string
		if k[0] != '"' || json.Unmarshal(k, &key) != nil {
			return fr.syntax(at, fmt.Sprintf("invalid character %q looking for beginning of object key string", rune(k[0])))
		}
		if c, ok = sp.peek(); !ok || c != ':' {
			if !ok {
				return fr.splitError(errTruncated)
			}
			return fr.syntax(sp.offset(), fmt.Sprintf("invalid character %q after object key", rune(c)))
		}
		sp.pos++
		if c, ok = sp.peek(); !ok {
			return fr.splitError(errTruncated)
		}
		if key == "contents" && !contents {
			contents = true
			if c != '[' {
				v, err := sp.value()
				if err != nil {
					return fr.splitError(err)
				}
				return fileError("the list's contents should be an array of services [ ... ], not %s", kindOf(v[0]))
			}
			sp.pos++
			if err := fr.array(); err != nil {
				return err
			}
		} else {
			at := sp.offset()
			v, err := sp.value()
			if err != nil {
				return fr.splitError(err)
			}
			if n, msg := checkJSON(v); msg != "" {
				return fr.syntax(at+int64(n), msg)
			}
			keys, values = append(keys, key), append(values, v)
		}
		if c, ok = sp.peek(); !ok {
			return fr.splitError(errTruncated)
		}
		sp.pos++
		if c == '}' {
			break
		}
		if c != ',' {
			return fr.syntax(sp.offset()-1, fmt.Sprintf("invalid character %q after object key:value pair", rune(c)))
		}
	}
	if !contents {
		// One service: put its members back together.
		var b bytes.Buffer
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			q, _ := json.Marshal(k)
			b.Write(q)
			b.WriteByte(':')
			b.Write(values[i])
		}
		b.WriteByte('}')
		return fr.add(rawRecord{b.Bytes(), 0})
	}
	var problems []directory.Problem
	page := map[string][]byte{}
	for i, k := range keys {
		if !slices.Contains(listMembers, k) {
			msg := fmt.Sprintf("unknown field %q of the list", k)
			if s := directory.ClosestName(k, append([]string{"contents"}, listMembers...)); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			problems = append(problems, directory.Problem{Index: -1, Field: k, Message: msg})
		}
		page[k] = values[i]
	}
	if len(problems) > 0 {
		return &directory.ValidationError{Problems: problems}
	}
	var pages, number int
	json.Unmarshal(page["total_pages"], &pages)
	json.Unmarshal(page["page_number"], &number)
	if pages > 1 {
		fr.note = fmt.Sprintf("the file is page %d of %d of a list; only the services on this page were read", number, pages)
	}
	return nil
}

// add takes one raw service, checking a batch of them at a time.
func (fr *fileReader) add(raw rawRecord) error {
	fr.batch = append(fr.batch, raw)
	fr.split++
	if len(fr.batch) >= batchSize {
		return fr.flush()
	}
	return nil
}

// flush starts checking the services read since the last flush, in
// parallel, while the splitter reads on; the batch before is waited for
// and handed on first, so one batch is checked at a time.
func (fr *fileReader) flush() error {
	fr.pending.Wait()
	if err := fr.finish(); err != nil {
		return err
	}
	if len(fr.batch) == 0 {
		return nil
	}
	batch := fr.batch
	fr.batch = make([]rawRecord, 0, batchSize)
	c := &checkedBatch{base: fr.split - len(batch), records: make([]record, len(batch)), listings: make([]directory.Listing, len(batch))}
	fr.checking = c
	workers := min(runtime.GOMAXPROCS(0), (len(batch)+63)/64)
	if len(fr.walkers) < workers {
		fr.walkers = make([]walker, workers)
	}
	for w := range workers {
		fr.pending.Go(func() {
			for i := w; i < len(batch); i += workers {
				readRecord(&fr.walkers[w], batch[i], &c.records[i], &c.listings[i], fr.now)
			}
		})
	}
	return nil
}

// readRecord reads, normalizes and validates one service.
func readRecord(wk *walker, rr rawRecord, rec *record, out *directory.Listing, now time.Time) {
	if at, msg := checkJSON(rr.data); msg != "" {
		rec.syntax, rec.syntaxAt = msg, rr.offset+int64(at)
		return
	}
	raw := rr.data
	wk.reset()
	s := &wk.svc
	if !wk.walkService(raw, s) {
		rec.problems = []directory.Problem{{Message: fmt.Sprintf("the record is %s, not a service object { ... }", kindOf(firstByte(raw)))}}
		return
	}
	rec.problems, rec.notKept = wk.problems, wk.notKept
	bad := wk.bad
	rec.serviceID = s.ID
	var o origins
	l, problems, notKept := toListing(s, &o)
	rec.problems = append(rec.problems, problems...)
	if len(o.repeats) > 0 {
		// Nothing of a repeated record is lost: it was read once.
		rec.notKept = slices.DeleteFunc(rec.notKept, func(f string) bool { return isBad(f, o.repeats) })
	}
	rec.notKept = append(rec.notKept, notKept...)
	if l.ID == "" {
		l.ID, rec.suggested = directory.SuggestID(l.Name), true
	}
	if len(l.Schedules) == 0 {
		l.Schedules = hours.Propose(l.Hours)
	}
	l.Normalize()
	for _, p := range l.Validate(now) {
		p.Field, p.Message = o.rename(p.Field, p.Message)
		if isBad(p.Field, bad) || (rec.suggested && p.Field == "id" && l.ID == "") {
			continue // the field's value was of the wrong type, already said
		}
		rec.problems = append(rec.problems, p)
	}
	*out = l
}

// isBad reports whether path is, or is inside, one of the bad values.
func isBad(path string, bad []string) bool {
	for _, b := range bad {
		if path == b || strings.HasPrefix(path, b+".") || strings.HasPrefix(path, b+"[") {
			return true
		}
	}
	return false
}

// finish hands on the batch that was being checked, once checked: it
// finds the ids used by an earlier record, names the records by their
// place, and counts what was not kept. Records whose ids are made from
// their names are held for release.
func (fr *fileReader) finish() error {
	c := fr.checking
	if c == nil {
		return nil
	}
	fr.checking = nil
	out := directory.Batch{Listings: c.listings[:0], At: make([]int, 0, len(c.records))}
	for i := range c.records {
		rec, l, at := &c.records[i], c.listings[i], c.base+i
		if m := rec.syntax; m != "" {
			return fileError("JSON syntax error at byte %d (in record %d): %s; a missing comma, quote or bracket just before it is the usual cause",
				rec.syntaxAt, at+1, m)
		}
		var problems []directory.Problem
		dupService := false
		if rec.serviceID != "" {
			if j, ok := fr.firstService[rec.serviceID]; ok {
				dupService = true
				problems = append(problems, directory.Problem{Field: "id",
					Message: fmt.Sprintf("service id %q is also used by record %d; give each service its own id", directory.Shorten(rec.serviceID), j+1)})
			} else {
				fr.firstService[rec.serviceID] = at
			}
		}
		problems = append(problems, rec.problems...)
		seen := map[string]bool{}
		for _, f := range rec.notKept {
			if f = withoutPositions(f); !seen[f] {
				seen[f] = true
				fr.notKept[f]++
			}
		}
		if rec.suggested && l.ID != "" {
			fr.held = append(fr.held, heldRecord{at, l, problems})
			continue
		}
		if l.ID != "" {
			if j, ok := fr.firstID[l.ID]; !ok {
				fr.firstID[l.ID] = at
			} else if !dupService {
				problems = append(problems, directory.Problem{Field: "id",
					Message: fmt.Sprintf("id is also used by record %d; give each listing its own id", j+1)})
			}
		}
		for _, p := range problems {
			p.Index, p.ID = at, l.ID
			out.Problems = append(out.Problems, p)
		}
		out.Listings = append(out.Listings, l)
		out.At = append(out.At, at)
	}
	if len(out.Listings) == 0 {
		return nil
	}
	return fr.emit(out)
}

// release hands on the records held for an id made from the name, each
// made unique among the ids of the whole file ("food-pantry-2").
func (fr *fileReader) release() error {
	if len(fr.held) == 0 {
		return nil
	}
	out := directory.Batch{Listings: make([]directory.Listing, 0, len(fr.held)), At: make([]int, 0, len(fr.held))}
	for _, h := range fr.held {
		id := h.listing.ID
		for n := 2; ; n++ {
			if _, used := fr.firstID[id]; !used {
				break
			}
			id = h.listing.ID + "-" + strconv.Itoa(n)
		}
		fr.firstID[id] = h.at
		h.listing.ID = id
		for _, p := range h.problems {
			p.Index, p.ID = h.at, id
			out.Problems = append(out.Problems, p)
		}
		out.Listings = append(out.Listings, h.listing)
		out.At = append(out.At, h.at)
	}
	fr.held = nil
	return fr.emit(out)
}

// withoutPositions drops the positions from a path, "phones[2].languages"
// to "phones[].languages", so records count alike.
func withoutPositions(path string) string {
	if strings.IndexByte(path, '[') < 0 {
		return path
	}
	var b strings.Builder
	skip := false
	for _, c := range path {
		switch {
		case c == '[':
			skip = true
			b.WriteRune(c)
		case c == ']':
			skip = false
			b.WriteRune(c)
		case !skip:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func firstByte(raw []byte) byte {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return 'n'
	}
	return raw[0]
}

// tooBigError is returned by limitedReader past its limit.
type tooBigError struct{}

func (*tooBigError) Error() string { return "file too large" }

// limitedReader reads at most n bytes, then fails: the decoder must not
// take a cut-off file for a short one.
type limitedReader struct {
	r io.Reader
	n int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, &tooBigError{}
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}
