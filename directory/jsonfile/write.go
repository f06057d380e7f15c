package jsonfile

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"nowrongdoor/directory"
)

// Write writes listings in the directory's own format, a JSON array laid
// out as data/agencies.json is, one record at a time. ParseListings reads
// it back. The weekly schedules are not part of the format: the published
// hours text is, and an import keeps the desk's schedules while that text
// is the same.
func Write(w io.Writer, listings []directory.Listing) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("[")
	for i := range listings {
		rec, err := json.MarshalIndent(&listings[i], " ", " ")
		if err != nil {
			return fmt.Errorf("listing %q: %w", listings[i].ID, err)
		}
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n ")
		bw.Write(rec)
	}
	bw.WriteString("\n]\n")
	return bw.Flush()
}
