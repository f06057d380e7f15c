package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
)

// headSize is how much of a file Detect reads: enough for the first record
// of any JSON export.
const headSize = 64 << 10

// Detect says which format the file or folder at path is in: a folder or a
// .zip is an HSDS CSV data package; JSON is HSDS when it is a service or a
// list of them ({"contents": [...]}), and otherwise told apart by the
// field names of its first record. A file that no import reads is an
// error saying what it is instead.
func Detect(path string) (Format, error) {
	fi, err := checkFile(path)
	if err != nil {
		return "", err
	}
	if fi.IsDir() {
		return HSDSCSV, nil
	}
	head, err := readHead(path, headSize)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", filepath.Base(path), err)
	}
	if isZip(head) {
		return HSDSCSV, nil
	}
	if err := textProblem(head); err != nil {
		return "", err
	}
	if hasExt(path, ".csv") {
		return "", fileProblem("%s is one CSV file; an HSDS CSV import takes the folder or .zip that holds datapackage.json and the tables (services.csv, organizations.csv, ...)", filepath.Base(path))
	}
	return detectJSON(head), nil
}

// Field names only one of the JSON formats uses.
var (
	ownFields  = []string{"parent", "level", "website", "hours", "keywords", "categories", "source_urls", "source_date", "notes_for_staff", "staff_notes", "address", "documents", "eligibility", "fees"}
	hsdsFields = []string{"url", "organization", "organization_id", "service_at_locations", "schedules", "eligibility_description", "fees_description", "alternate_name", "assured_date", "last_modified", "required_documents", "attributes", "program_id", "contents", "total_items"}
)

// detectJSON tells the directory's JSON from HSDS JSON by the start of the
// file. What it cannot tell is taken as the directory's own, whose reader
// then says what is wrong.
func detectJSON(head []byte) Format {
	head = bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '{' {
		return HSDSJSON // the directory's files are arrays
	}
	own, hsds := 0, 0
	for _, key := range firstRecordKeys(trimmed) {
		if slices.Contains(ownFields, key) {
			own++
		}
		if slices.Contains(hsdsFields, key) {
			hsds++
		}
	}
	if hsds > own {
		return HSDSJSON
	}
	return JSON
}

// firstRecordKeys returns the member names of the first object in a JSON
// array, as far as data holds them (it may end mid-record).
func firstRecordKeys(data []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		key, ok := tok.(string)
		if !ok {
			break
		}
		keys = append(keys, key)
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			break
		}
	}
	return keys
}
