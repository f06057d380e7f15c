package exchange

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"nowrongdoor/directory"
	"nowrongdoor/directory/hsds"
	"nowrongdoor/directory/jsonfile"
)

// Write exports listings in format to path: a file, or for an HSDS CSV
// data package a folder. It writes beside path under a temporary name and
// renames it into place when complete, so a failed or interrupted export
// leaves nothing, and never half a file. An existing path is refused unless
// replace is set (a save dialog has asked).
func Write(ctx context.Context, path string, format Format, listings []directory.Listing, replace bool) error {
	if _, err := os.Lstat(path); err == nil && !replace {
		return fmt.Errorf("%s already exists; choose another name, or move it away first", path)
	}
	switch format {
	case JSON, CSV:
		return writeFile(ctx, path, func(w io.Writer) error {
			if format == JSON {
				return jsonfile.Write(w, listings)
			}
			return writeSheet(w, listings)
		})
	case HSDSJSON:
		return writeFile(ctx, path, func(w io.Writer) error { return hsds.WriteJSON(w, hsds.InIDOrder(listings)) })
	case HSDSCSV:
		if replace {
			// A folder is replaced only once the new one is complete:
			// the old is moved aside, then removed.
			return replaceFolder(ctx, path, func(dir string) error { return hsds.WritePackage(dir, hsds.InIDOrder(listings)) })
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return hsds.WritePackage(path, hsds.InIDOrder(listings))
	}
	return fmt.Errorf("cannot export as %q", format)
}

// replaceFolder writes a new folder through fill beside path, then puts
// it in the place of the folder at path.
func replaceFolder(ctx context.Context, path string, fill func(dir string) error) error {
	tmp := path + ".new"
	os.RemoveAll(tmp)
	if err := fill(tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := ctx.Err(); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	old := path + ".old"
	os.RemoveAll(old)
	if err := os.Rename(path, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		os.RemoveAll(tmp)
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return os.RemoveAll(old)
}

// writeFile writes a file through fill under a temporary name beside path,
// flushes it to the disk and renames it into place, unless ctx is done.
func writeFile(ctx context.Context, path string, fill func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("export: the folder %s does not exist", dir)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err := fill(bw); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err // stopped: nothing is put in place
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists; choose another name", path)
		}
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
