package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"nowrongdoor/directory"
)

// MaxFileSize is the largest file an import reads. A statewide feed of
// 100,000 listings is about 150 MB as JSON; the limit stops a wrong file (a
// disk image, a database) before it fills memory.
const MaxFileSize = 1 << 30

// fileProblem is a ValidationError about the whole file, as the formats'
// readers report one.
func fileProblem(format string, args ...any) error {
	return &directory.ValidationError{Problems: []directory.Problem{{Index: -1, Message: fmt.Sprintf(format, args...)}}}
}

// checkFile refuses what is not a regular file or a folder before a byte
// is read: a device (/dev/zero, /dev/sda) or a pipe never ends, and a file
// over MaxFileSize is not a directory export.
func checkFile(path string) (fs.FileInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s does not exist; check the name", path)
		}
		return nil, err
	}
	switch m := fi.Mode(); {
	case m.IsDir():
		return fi, nil
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return nil, fileProblem("%s is a device, not a file; give the file to import", filepath.Base(path))
	case m&fs.ModeNamedPipe != 0, m&fs.ModeSocket != 0:
		return nil, fileProblem("%s is a pipe, not a file; save what it sends to a file and import that", filepath.Base(path))
	case !m.IsRegular():
		return nil, fileProblem("%s is not a regular file", filepath.Base(path))
	case fi.Size() > MaxFileSize:
		return nil, fileProblem("%s is %d MB, larger than the %d MB an import reads; is it the right file?",
			filepath.Base(path), fi.Size()>>20, MaxFileSize>>20)
	}
	return fi, nil
}

// textProblem names what makes the start of a file unreadable as UTF-8
// JSON, or returns nil. JSON's first characters are ASCII, so the pattern
// of zero bytes among the first four tells UTF-16 and UTF-32 apart with or
// without a byte order mark (RFC 4627, section 3).
func textProblem(head []byte) error {
	switch {
	case len(head) == 0:
		return nil // the format's reader says the file is empty
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE, 0, 0}), len(head) >= 4 && head[0] != 0 && head[1] == 0 && head[2] == 0 && head[3] == 0:
		return fileProblem("the file is UTF-32 text (little-endian); save it as UTF-8")
	case bytes.HasPrefix(head, []byte{0, 0, 0xFE, 0xFF}), len(head) >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] != 0:
		return fileProblem("the file is UTF-32 text (big-endian); save it as UTF-8")
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return fileProblem("the file is UTF-16 text (little-endian, with a byte order mark); save it as UTF-8")
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return fileProblem("the file is UTF-16 text (big-endian, with a byte order mark); save it as UTF-8")
	case len(head) >= 4 && head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0:
		return fileProblem("the file is UTF-16 text (little-endian, no byte order mark); save it as UTF-8")
	case len(head) >= 4 && head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0:
		return fileProblem("the file is UTF-16 text (big-endian, no byte order mark); save it as UTF-8")
	case bytes.HasPrefix(head, []byte{0x1F, 0x8B}):
		return fileProblem("the file is compressed with gzip; unpack it and import the file inside")
	case bytes.HasPrefix(head, []byte("SQLite format 3\x00")):
		return fileProblem("the file is a database, not an export; to put a backup back, use restore")
	case bytes.IndexByte(head, 0) >= 0:
		return fileProblem("the file is not text (it holds zero bytes); is it the right file?")
	}
	return nil
}

// readHead reads up to n bytes from the start of the file at path.
func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, n)
	k, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return head[:k], nil
}

// isZip reports whether the file starts as a zip archive does.
func isZip(head []byte) bool {
	return bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06"))
}

// hasExt reports whether the file name ends in ext, in any case.
func hasExt(path, ext string) bool { return strings.EqualFold(filepath.Ext(path), ext) }
