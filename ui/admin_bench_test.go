package ui

import (
	"context"
	"testing"

	"nowrongdoor/directory"
)

// BenchmarkAdminRefresh measures what the desk does when another desk
// saved a listing: reading the directory again from the store (here the
// fake, so only the index build counts), swapping it into the window,
// re-running the search on screen and drawing the frame. The search box
// and the listing on show stay.
func BenchmarkAdminRefresh(b *testing.B) {
	f := newFakeAdminStore(defaultListings(b))
	dir, _ := f.Directory(context.Background())
	td := newTestDesk(b, dir)
	td.SetAdmin(f)
	td.show()
	td.pollOnce(context.Background(), f)
	td.typeText("food pantry")
	td.frame()
	id := td.current().ID
	b.ResetTimer()
	for b.Loop() {
		f.edit(id, func(l *directory.Listing) { l.Fees += "." })
		td.pollOnce(context.Background(), f)
		td.until("the refresh", func() bool { s, _ := td.admin.mark.get(); return s == f.count })
		td.wait()
		td.frame()
	}
	b.StopTimer()
	if td.search.Text != "food pantry" || td.current().ID != id {
		b.Fatalf("the refresh lost the search or the listing on show")
	}
}

// BenchmarkAdminReadBack measures the part of a refresh done off the Fyne
// goroutine: the listings read (from the fake) and the index built.
func BenchmarkAdminReadBack(b *testing.B) {
	f := newFakeAdminStore(defaultListings(b))
	for b.Loop() {
		if _, err := readBack(context.Background(), f); err != nil {
			b.Fatal(err)
		}
	}
}
