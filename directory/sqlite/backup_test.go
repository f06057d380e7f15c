package sqlite

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestBackup(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	if _, err := s.SeedIfEmpty(ctx, defaultListings(t)); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, out); err != nil {
		t.Fatalf("Backup(%q) = %v", out, err)
	}
	b := openStoreAt(t, out)
	if err := b.CheckIntegrity(ctx); err != nil {
		t.Errorf("CheckIntegrity(backup) = %v", err)
	}
	want, err := s.Listings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := b.Listings(ctx)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("backup Listings() = %d listings, %v, want the %d of the original", len(got), err, len(want))
	}
	if h, err := b.AuditEntries(ctx, ""); err != nil || len(h) != 1 {
		t.Errorf("backup History(\"\") = %v, %v, want the seed entry", h, err)
	}

	// A second backup to the same name must not clobber the first.
	info, _ := os.Stat(out)
	if err := s.Backup(ctx, out); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Backup(%q) over an existing file = %v, want fs.ErrExist", out, err)
	}
	if again, _ := os.Stat(out); !os.SameFile(info, again) || again.ModTime() != info.ModTime() {
		t.Errorf("Backup(%q) touched the existing file", out)
	}
	if err := s.Backup(ctx, s.Path()); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Backup(the database itself) = %v, want fs.ErrExist", err)
	}
	missing := filepath.Join(t.TempDir(), "no", "such", "folder", "b.db")
	if err := s.Backup(ctx, missing); err == nil {
		t.Errorf("Backup(%q) = nil, want an error", missing)
	}
}

func TestCheckIntegrity(t *testing.T) {
	s := openStore(t)
	if err := s.CheckIntegrity(context.Background()); err != nil {
		t.Errorf("CheckIntegrity(new) = %v, want nil", err)
	}
}
