package exchange

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"nowrongdoor/directory"
	"nowrongdoor/directory/hsds"
	"nowrongdoor/directory/jsonfile"
)

// Result is what an import read from a file.
type Result struct {
	Format Format
	// Records is how many listings the file holds.
	Records int
	// Listings are the records that pass every rule, in file order.
	Listings []directory.Listing
	// Invalid are the problems of the records that do not, each naming its
	// record (Index), the listing's id and the field as the file names it.
	Invalid []directory.Problem
	// NotKept counts the fields of the file the directory has no place
	// for, by name (an HSDS "wait_time"), for the report.
	NotKept map[string]int
	// Note says what an admin should know about the file as a whole (one
	// page of a longer list); "" when nothing.
	Note string
}

// InvalidRecords returns how many records have a problem.
func (r Result) InvalidRecords() int {
	n, last := 0, -1
	for _, p := range r.Invalid { // sorted by record
		if p.Index != last {
			n, last = n+1, p.Index
		}
	}
	return n
}

// Read reads the listings of the file or folder at path in format (see
// Detect). Records that break the rules are reported in Invalid and left
// out of Listings; a problem with the file as a whole (not JSON, cut
// short, UTF-16, a device) is the error, a *directory.ValidationError, and
// nothing is read. Reading stops with ctx's error when ctx is done.
func Read(ctx context.Context, path string, format Format) (Result, error) {
	return gather(func(emit func(directory.Batch) error) (Result, error) { return Stream(ctx, path, format, emit) })
}

// ReadFrom is Read for a stream, such as standard input, of a JSON format.
func ReadFrom(ctx context.Context, r io.Reader, format Format) (Result, error) {
	return gather(func(emit func(directory.Batch) error) (Result, error) { return StreamFrom(ctx, r, format, emit) })
}

// gather runs stream and puts the listings it hands on in the result, in
// file order.
func gather(stream func(emit func(directory.Batch) error) (Result, error)) (Result, error) {
	var g directory.Gathered
	res, err := stream(g.Add)
	if err != nil {
		return Result{}, err
	}
	g.Done() // the problems are in res already
	res.Listings = g.Listings
	return res, nil
}

// Check refuses what cannot be imported as format before anything is
// read or written: a path that is missing, a device or pipe, a folder
// given for a file, a file too large, or one whose first bytes are not
// UTF-8 text (UTF-16, gzip, a database). Stream checks the same; an
// import checks first so that such a file does not even open the
// database.
func Check(path string, format Format) error {
	fi, err := checkFile(path)
	if err != nil {
		return err
	}
	switch format {
	case JSON, HSDSJSON:
		if fi.IsDir() {
			return fileProblem("%s is a folder; a %s import takes a file", filepath.Base(path), format.Label())
		}
		head, err := readHead(path, 4)
		if err != nil {
			return err
		}
		return textProblem(head)
	case HSDSCSV:
		return nil
	}
	return fmt.Errorf("%s cannot be imported; the formats an import reads are %s, %s and %s",
		format.Label(), JSON.Label(), HSDSJSON.Label(), HSDSCSV.Label())
}

// Stream reads the file or folder at path in format as Read does, but
// hands the listings that pass every rule on to emit as it reads, a batch
// at a time, each listing with its place in the file, so that an import
// writes a statewide file while reading it and memory holds only a few
// batches. The result counts every record and has every problem; its
// Listings are empty. Batches come in file order, but for a few records
// an HSDS reader hands on at the end (see hsds.StreamJSON). An error from
// emit stops the reading and is returned as it is. The HSDS CSV package
// is read whole first: its tables are joined by id.
func Stream(ctx context.Context, path string, format Format, emit func(directory.Batch) error) (Result, error) {
	if err := Check(path, format); err != nil {
		return Result{}, err
	}
	switch format {
	case JSON, HSDSJSON:
		f, err := os.Open(path)
		if err != nil {
			return Result{}, err
		}
		defer f.Close()
		return StreamFrom(ctx, f, format, emit)
	}
	// HSDSCSV; Check refused the rest.
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	pkg, err := hsds.ReadPackage(path)
	var ve *directory.ValidationError
	if err != nil && (!errors.As(err, &ve) || fileWide(ve)) {
		return Result{}, err
	}
	c := collector{emit: emit, res: Result{Format: HSDSCSV, NotKept: pkg.NotKept, Note: pkg.Note}}
	if ve != nil {
		c.res.Invalid = ve.Problems
	}
	bad := map[int]bool{}
	for _, p := range c.res.Invalid {
		bad[p.Index] = true
	}
	for lo := 0; lo < len(pkg.Listings); lo += batchSize {
		b := directory.Batch{}
		for i := lo; i < min(lo+batchSize, len(pkg.Listings)); i++ {
			c.res.Records++
			if !bad[i] {
				b.Listings, b.At = append(b.Listings, pkg.Listings[i]), append(b.At, i)
			}
		}
		if err := c.emitValid(ctx, b); err != nil {
			return Result{}, err
		}
	}
	return c.res, nil
}

// batchSize is how many listings of a package Stream hands on at a time.
const batchSize = 512

// StreamFrom is Stream for a stream, such as standard input, of a JSON
// format.
func StreamFrom(ctx context.Context, r io.Reader, format Format, emit func(directory.Batch) error) (Result, error) {
	br := bufio.NewReaderSize(ctxReader{ctx, r}, 64<<10)
	head, _ := br.Peek(4)
	if err := textProblem(head); err != nil {
		return Result{}, err
	}
	c := collector{emit: emit, res: Result{Format: format}}
	var err error
	switch format {
	case JSON:
		err = jsonfile.StreamListings(br, func(b directory.Batch) error { return c.add(ctx, b) })
	case HSDSJSON:
		var res hsds.ReadResult
		res, err = hsds.StreamJSON(br, func(b directory.Batch) error { return c.add(ctx, b) })
		c.res.NotKept, c.res.Note = res.NotKept, res.Note
	default:
		return Result{}, fmt.Errorf("%s cannot be read from a stream", format.Label())
	}
	if err != nil {
		return Result{}, err
	}
	slices.SortStableFunc(c.res.Invalid, func(a, b directory.Problem) int { return a.Index - b.Index })
	return c.res, nil
}

// collector counts the records a reader hands on and gathers their
// problems, and hands the valid ones on.
type collector struct {
	emit func(directory.Batch) error
	res  Result
}

func (c *collector) add(ctx context.Context, b directory.Batch) error {
	c.res.Records += len(b.Listings)
	c.res.Invalid = append(c.res.Invalid, b.Problems...)
	return c.emitValid(ctx, b.Valid())
}

func (c *collector) emitValid(ctx context.Context, b directory.Batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(b.Listings) == 0 {
		return nil
	}
	return c.emit(b)
}

// fileWide reports whether a reader's problems are about the file as a
// whole rather than its records.
func fileWide(ve *directory.ValidationError) bool {
	return slices.ContainsFunc(ve.Problems, func(p directory.Problem) bool { return p.Index < 0 })
}

// ctxReader stops a read when its context is done, so Ctrl-C stops an
// import of a large file at once.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
