package hsds

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"iter"

	"nowrongdoor/directory"
)

// WriteJSON writes listings to w as an HSDS 3.0 JSON file: an array of
// services (see FromListing), one to a line, each made and written before
// the next is asked for, so an export of any size holds one service in
// memory at a time.
func WriteJSON(w io.Writer, listings iter.Seq[*directory.Listing]) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // "&" in a name stays readable
	bw.WriteString("[")
	first := true
	for l := range listings {
		s, err := FromListing(l)
		if err != nil {
			return fmt.Errorf("write HSDS JSON: %w", err)
		}
		buf.Reset()
		if err := enc.Encode(&s); err != nil {
			return fmt.Errorf("write HSDS JSON: listing %q: %w", l.ID, err)
		}
		if !first {
			bw.WriteString(",")
		}
		first = false
		bw.WriteString("\n")
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	bw.WriteString("\n]\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write HSDS JSON: %w", err)
	}
	return nil
}

// Pointers yields a pointer to each of ls, for WriteJSON.
func Pointers(ls []directory.Listing) iter.Seq[*directory.Listing] {
	return func(yield func(*directory.Listing) bool) {
		for i := range ls {
			if !yield(&ls[i]) {
				return
			}
		}
	}
}
