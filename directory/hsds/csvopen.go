package hsds

import (
	"archive/zip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"nowrongdoor/directory"
)

// Limits on a zipped package, so a zip bomb is refused before anything is
// unpacked: a statewide feed of 100,000 listings is a few hundred MB of
// CSV in a couple of dozen files.
const (
	// MaxPackageSize is the most a zipped package may hold, uncompressed.
	MaxPackageSize = 1 << 30
	// MaxPackageFiles is the most entries a zipped package may have.
	MaxPackageFiles = 1000
)

// csvProblems collects the problems of a package.
type csvProblems struct{ list []directory.Problem }

// file adds a problem with the package, not with one record.
func (ps *csvProblems) file(format string, args ...any) {
	ps.list = append(ps.list, directory.Problem{Index: -1, Message: fmt.Sprintf(format, args...)})
}

// csvPackage is an opened data package: its files, and where each table
// it has is.
type csvPackage struct {
	fsys   fs.FS
	closer io.Closer
	// tables maps a table's name to its file in fsys.
	tables map[string]string
	// notKept counts what the package holds that the directory cannot:
	// files and tables by name.
	notKept map[string]int
	// note says what an admin should know about the package as a whole.
	note string
}

// openCSVPackage opens the folder or zip at name and finds its tables.
// What a user can fix is a problem added to ps; the error is for a
// package that cannot be read at all.
func openCSVPackage(name string, ps *csvProblems) (*csvPackage, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("open HSDS data package: %w", err)
	}
	p := &csvPackage{tables: map[string]string{}, notKept: map[string]int{}}
	switch {
	case fi.IsDir():
		p.fsys = os.DirFS(name)
	case fi.Mode().IsRegular():
		zr, err := zip.OpenReader(name)
		if errors.Is(err, zip.ErrFormat) {
			return nil, fmt.Errorf("open HSDS data package: %s is neither a folder nor a zip file; an HSDS CSV data package is a folder, or a zip of one, holding datapackage.json and services.csv", name)
		}
		if err != nil {
			return nil, fmt.Errorf("open HSDS data package: %w", err)
		}
		fsys, err := zipRoot(&zr.Reader)
		if err != nil {
			zr.Close()
			return nil, fmt.Errorf("open HSDS data package %s: %w", name, err)
		}
		p.fsys, p.closer = fsys, zr
	default:
		return nil, fmt.Errorf("open HSDS data package: %s is not a folder or a file (a device?); give the package's folder or zip", name)
	}
	if err := p.findTables(ps); err != nil {
		p.close()
		return nil, err
	}
	return p, nil
}

// close releases a zip.
func (p *csvPackage) close() {
	if p.closer != nil {
		p.closer.Close()
	}
}

// zipRoot checks a zip's entries and returns the folder holding the
// package: the zip's root, or its one top folder. It refuses a zip bomb
// (more than MaxPackageSize uncompressed or MaxPackageFiles entries, as
// its headers say; archive/zip refuses an entry that unpacks to more than
// its header said), names that climb out of the zip, and folders within
// the package's folder. macOS's __MACOSX folder is passed over.
func zipRoot(zr *zip.Reader) (fs.FS, error) {
	if len(zr.File) > MaxPackageFiles {
		return nil, fmt.Errorf("the zip holds %d entries, more than the %d a data package may have; is it the right file?", len(zr.File), MaxPackageFiles)
	}
	var total uint64
	tops := map[string]bool{}
	rootFiles := false
	for _, f := range zr.File {
		name := f.Name
		if strings.HasPrefix(name, "__MACOSX/") {
			continue
		}
		if strings.Contains(name, `\`) || strings.HasPrefix(name, "/") || slices.Contains(strings.Split(name, "/"), "..") || !fs.ValidPath(strings.TrimSuffix(name, "/")) {
			return nil, fmt.Errorf("the zip has an entry named %q, which points outside the package; zip the package's folder itself", name)
		}
		if f.Mode()&fs.ModeSymlink != 0 {
			return nil, fmt.Errorf("the zip entry %q is a symbolic link; zip the files themselves", name)
		}
		total += f.UncompressedSize64
		if total > MaxPackageSize {
			return nil, fmt.Errorf("the zip unpacks to more than %d MB, more than a data package may hold; is it the right file?", MaxPackageSize>>20)
		}
		parts := strings.Split(strings.TrimSuffix(name, "/"), "/")
		switch {
		case len(parts) == 1 && !strings.HasSuffix(name, "/"):
			rootFiles = true
		case len(parts) == 1:
			tops[parts[0]] = true
		case len(parts) == 2 && !strings.HasSuffix(name, "/"):
			tops[parts[0]] = true
		default:
			return nil, fmt.Errorf("the zip has a folder within a folder (%q); a data package keeps its files in one folder", name)
		}
	}
	switch {
	case len(tops) == 0:
		return zr, nil
	case len(tops) == 1 && !rootFiles:
		for top := range tops {
			return fs.Sub(zr, top)
		}
	}
	return nil, fmt.Errorf("the zip holds folders beside the package's files; zip the package's folder alone")
}

// csvDescriptor is what ReadPackage reads of datapackage.json.
type csvDescriptor struct {
	Resources []struct {
		Name string          `json:"name"`
		Path json.RawMessage `json:"path"`
	} `json:"resources"`
}

// findTables finds the package's tables: by datapackage.json's resources
// when it is a data package descriptor, else by HSDS's file names. The
// spec's own examples/csv/datapackage.json is a pointer ("../../datapackage.json"),
// not a descriptor; such a file is noted, not refused.
func (p *csvPackage) findTables(ps *csvProblems) error {
	entries, err := fs.ReadDir(p.fsys, ".")
	if err != nil {
		return fmt.Errorf("read HSDS data package: %w", err)
	}
	files := map[string]bool{}
	for _, e := range entries {
		if !e.IsDir() {
			files[e.Name()] = true
		}
	}
	byDescriptor := false
	if files["datapackage.json"] {
		data, err := fs.ReadFile(p.fsys, "datapackage.json")
		if err != nil {
			return fmt.Errorf("read HSDS data package: %w", err)
		}
		var d csvDescriptor
		if json.Unmarshal(data, &d) == nil && len(d.Resources) > 0 {
			byDescriptor = true
			p.fromDescriptor(&d, files, ps)
		} else {
			p.note = "datapackage.json does not describe the package's tables (it is not a data package descriptor); they were found by HSDS's file names"
		}
	}
	if !byDescriptor {
		for _, t := range csvTables {
			if files[t.Path] {
				p.tables[t.Name] = t.Path
			}
		}
	}
	used := map[string]bool{"datapackage.json": true}
	for _, f := range p.tables {
		used[f] = true
	}
	for f := range files {
		switch {
		case used[f] || !strings.EqualFold(path.Ext(f), ".csv"):
		case csvTableByPath[f] != nil:
			p.notKept["file "+f+" (datapackage.json does not name it)"]++
		default:
			p.notKept["file "+f+" (not an HSDS table)"]++
		}
	}
	if _, ok := p.tables["service"]; !ok {
		switch {
		case len(files) == 0:
			ps.file("the package is empty; an HSDS CSV data package holds datapackage.json, services.csv and the other tables (organizations.csv, phones.csv, ...)")
		case byDescriptor:
			ps.file("datapackage.json names no service resource; an HSDS CSV data package has services.csv")
		default:
			ps.file("the package has no services.csv; an HSDS CSV data package holds services.csv and the other tables (organizations.csv, phones.csv, ...) beside datapackage.json")
		}
	}
	return nil
}

// fromDescriptor finds the tables by the descriptor's resources.
func (p *csvPackage) fromDescriptor(d *csvDescriptor, files map[string]bool, ps *csvProblems) {
	for i, r := range d.Resources {
		var file string
		if err := json.Unmarshal(r.Path, &file); err != nil || file == "" {
			ps.file("datapackage.json: resource %d (%q) has no path naming one file; give its CSV file's name", i, r.Name)
			continue
		}
		t, ok := csvTableByName[r.Name]
		if !ok {
			p.notKept["table "+r.Name+" (not an HSDS table)"]++
			continue
		}
		file = strings.TrimPrefix(file, "./")
		if !fs.ValidPath(file) || strings.ContainsAny(file, `\:`) {
			ps.file("datapackage.json: resource %q has path %q, which is not a file in the package; give the file's name, like %q", r.Name, file, t.Path)
			continue
		}
		if _, err := fs.Stat(p.fsys, file); err != nil {
			ps.file("datapackage.json names %s for resource %q, and the package has no such file", file, r.Name)
			continue
		}
		if prev, ok := p.tables[r.Name]; ok {
			ps.file("datapackage.json names resource %q twice (%s and %s); keep one", r.Name, prev, file)
			continue
		}
		p.tables[r.Name] = file
	}
}
