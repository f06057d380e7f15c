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
func (r Result) InvalidRecords() int { return r.Records - len(r.Listings) }

// Read reads the listings of the file or folder at path in format (see
// Detect). Records that break the rules are reported in Invalid and left
// out of Listings; a problem with the file as a whole (not JSON, cut
// short, UTF-16, a device) is the error, a *directory.ValidationError, and
// nothing is read. Reading stops with ctx's error when ctx is done.
func Read(ctx context.Context, path string, format Format) (Result, error) {
	fi, err := checkFile(path)
	if err != nil {
		return Result{}, err
	}
	switch format {
	case JSON, HSDSJSON:
		if fi.IsDir() {
			return Result{}, fileProblem("%s is a folder; a %s import takes a file", filepath.Base(path), format.Label())
		}
		f, err := os.Open(path)
		if err != nil {
			return Result{}, err
		}
		defer f.Close()
		return ReadFrom(ctx, f, format)
	case HSDSCSV:
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		res, err := hsds.ReadPackage(path)
		return splitHSDS(HSDSCSV, res, err)
	}
	return Result{}, fmt.Errorf("%s cannot be imported; the formats an import reads are %s, %s and %s",
		format.Label(), JSON.Label(), HSDSJSON.Label(), HSDSCSV.Label())
}

// ReadFrom is Read for a stream, such as standard input, of a JSON format.
func ReadFrom(ctx context.Context, r io.Reader, format Format) (Result, error) {
	br := bufio.NewReaderSize(ctxReader{ctx, r}, 64<<10)
	head, _ := br.Peek(4)
	if err := textProblem(head); err != nil {
		return Result{}, err
	}
	switch format {
	case JSON:
		listings, err := jsonfile.ReadListings(br)
		return split(JSON, listings, err)
	case HSDSJSON:
		res, err := hsds.ReadJSON(br)
		return splitHSDS(HSDSJSON, res, err)
	}
	return Result{}, fmt.Errorf("%s cannot be read from a stream", format.Label())
}

// split sorts what a format's reader returned into the listings that pass
// and the problems of those that do not.
func split(format Format, listings []directory.Listing, err error) (Result, error) {
	res := Result{Format: format, Records: len(listings)}
	var ve *directory.ValidationError
	if err != nil && (!errors.As(err, &ve) || slices.ContainsFunc(ve.Problems, func(p directory.Problem) bool { return p.Index < 0 })) {
		return Result{}, err // about the file, or not about its content
	}
	bad := map[int]bool{}
	if ve != nil {
		res.Invalid = ve.Problems
		for _, p := range ve.Problems {
			bad[p.Index] = true
		}
	}
	res.Listings = listings[:0] // in place: a statewide file is large
	for i := range listings {
		if !bad[i] {
			res.Listings = append(res.Listings, listings[i])
		}
	}
	return res, nil
}

// splitHSDS is split for what an HSDS reader returned, with the fields
// it could not keep and what it says about the file.
func splitHSDS(format Format, res hsds.ReadResult, err error) (Result, error) {
	out, err := split(format, res.Listings, err)
	if err != nil {
		return Result{}, err
	}
	out.NotKept, out.Note = res.NotKept, res.Note
	return out, nil
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
