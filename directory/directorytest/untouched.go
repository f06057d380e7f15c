package directorytest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FileFacts is what a test compares to say a file was left alone: its
// bytes and modification time.
type FileFacts struct {
	bytes   []byte
	modTime time.Time
}

// Bytes returns the file's bytes as they were.
func (f FileFacts) Bytes() []byte { return f.bytes }

// Untouchable sets the file's modification time well in the past, so a
// write shows even on a file system with coarse times, and returns its
// facts.
func Untouchable(t testing.TB, path string) FileFacts {
	t.Helper()
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	return factsOf(t, path)
}

func factsOf(t testing.TB, path string) FileFacts {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return FileFacts{b, fi.ModTime()}
}

// CheckUntouched fails the test if the file's bytes or modification time
// differ from before (see Untouchable), or a -wal, -shm or -journal file
// is beside it: what did what says it.
func CheckUntouched(t testing.TB, what, path string, before FileFacts) {
	t.Helper()
	after := factsOf(t, path)
	if !bytes.Equal(after.bytes, before.bytes) {
		t.Errorf("%s changed the bytes of %s", what, filepath.Base(path))
	}
	if !after.modTime.Equal(before.modTime) {
		t.Errorf("%s changed the modification time of %s: %v, was %v", what, filepath.Base(path), after.modTime, before.modTime)
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(path + suffix); err == nil {
			t.Errorf("%s left %s beside the file", what, filepath.Base(path+suffix))
		}
	}
}
