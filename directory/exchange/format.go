package exchange

import (
	"fmt"
	"strings"
)

// Format is a file format the directory reads or writes.
type Format string

// The formats. CSV is a spreadsheet's one row per listing, for export only.
const (
	JSON     Format = "json"
	HSDSJSON Format = "hsds-json"
	HSDSCSV  Format = "hsds-csv"
	CSV      Format = "csv"
)

// Formats lists every format, in the order help and menus show them.
var Formats = []Format{HSDSJSON, HSDSCSV, CSV, JSON}

// Label names the format for an admin.
func (f Format) Label() string {
	switch f {
	case JSON:
		return "No Wrong Door JSON"
	case HSDSJSON:
		return "HSDS 3.0 JSON"
	case HSDSCSV:
		return "HSDS 3.0 CSV data package"
	case CSV:
		return "Spreadsheet CSV"
	}
	return string(f)
}

// Readable reports whether listings can be imported from the format.
func (f Format) Readable() bool { return f == JSON || f == HSDSJSON || f == HSDSCSV }

// Folder reports whether the format is written as a folder of files.
func (f Format) Folder() bool { return f == HSDSCSV }

// ParseFormat reads a format's name as given to --format.
func ParseFormat(name string) (Format, error) {
	for _, f := range Formats {
		if strings.EqualFold(name, string(f)) {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown format %q; the formats are %s", name, strings.Join(names, ", "))
}
