package hsds

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"

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

// InIDOrder yields pointers to the listings in the order of their service
// ids (ServiceID), which is how the HSDS exports list them: two exports
// of the same directory are the same file whatever order the listings
// came in, and an import of one appends to the store's tables, which are
// keyed by those ids.
func InIDOrder(ls []directory.Listing) iter.Seq[*directory.Listing] {
	keys := make([]string, len(ls))
	order := make([]int, len(ls))
	for i := range ls {
		keys[i], order[i] = ServiceID(ls[i].ID), i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
	return func(yield func(*directory.Listing) bool) {
		for _, i := range order {
			if !yield(&ls[i]) {
				return
			}
		}
	}
}
