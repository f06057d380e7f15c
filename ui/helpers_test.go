package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/data"
	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
)

// fyneLog keeps what Fyne logs during the tests, so TestMain can fail the
// run if it reports a widget touched off the Fyne goroutine.
var fyneLog syncBuffer

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestMain(m *testing.M) {
	log.SetOutput(io.MultiWriter(os.Stderr, &fyneLog))
	code := m.Run()
	if strings.Contains(fyneLog.String(), "Error in Fyne call thread") {
		fmt.Fprintln(os.Stderr, "FAIL: Fyne reported a call on the wrong goroutine (see the log above)")
		code = 1
	}
	os.Exit(code)
}

// testNow is a Wednesday mid-morning in Salt Lake County.
var testNow = time.Date(2026, time.November, 25, 10, 30, 0, 0, directory.Denver)

// defaultListings is the embedded default directory, as main.go loads it.
func defaultListings(t testing.TB) []directory.Listing {
	t.Helper()
	var ls []directory.Listing
	if err := json.Unmarshal(data.Agencies, &ls); err != nil {
		t.Fatalf("read default directory: %v", err)
	}
	for i := range ls {
		directorytest.Prepare(&ls[i])
	}
	return ls
}

// fixtureListings is a small directory whose every field the tests know.
func fixtureListings() []directory.Listing {
	ls := []directory.Listing{
		{
			ID:           "slco-clerk-passports",
			Name:         "Salt Lake County Clerk - Passport Acceptance",
			Organization: "Salt Lake County Clerk",
			Level:        directory.LevelCounty,
			Description:  "Accepts U.S. passport applications by appointment.",
			Services:     []string{"Passport applications", "Passport photos"},
			Keywords:     []string{"passport", "pasaporte"},
			Categories:   []string{"Government & Records"},
			Phones:       []directory.Phone{{Label: "Passports", Number: "385-468-7300"}, {Label: "Main office", Number: "385-468-7400", Ext: "12"}},
			Website:      "https://saltlakecounty.gov/clerk/passport",
			Address:      directory.Address{Street: "2001 S State St", City: "Salt Lake City", State: "UT", Zip: "84190"},
			Hours:        "Monday-Friday 8:00am-5:00pm",
			Documents:    "Form DS-11, proof of citizenship, photo ID",
			Eligibility:  "U.S. citizens",
			Fees:         "$35 acceptance fee",
			Languages:    []string{"English", "Spanish"},
			SourceURLs:   []string{"https://saltlakecounty.gov/clerk/passport"},
			Alert:        "No photos on Fridays in December",
			AlertUntil:   directory.Date{Year: 2026, Month: time.December, Day: 31},
			VerifiedOn:   directory.Date{Year: 2026, Month: time.June, Day: 1},
			VerifiedBy:   "J. Rivera",
		},
		{
			ID:           "utah-food-bank",
			Name:         "Utah Food Bank",
			Organization: "Utah Food Bank",
			Level:        directory.LevelNonprofit,
			Description:  "Food boxes and a pantry finder.",
			Keywords:     []string{"food", "pantry", "comida"},
			Categories:   []string{"Food"},
			Phones:       []directory.Phone{{Number: "801-978-2452"}},
			Address:      directory.Address{Street: "3150 S 900 W", City: "South Salt Lake", State: "UT", Zip: "84119"},
			Hours:        "Monday-Saturday 9:00am-6:00pm",
			SourceURLs:   []string{"https://www.utahfoodbank.org/"},
		},
		{
			ID:           "westside-food-pantry",
			Name:         "Westside Food Pantry",
			Organization: "Westside Churches",
			Level:        directory.LevelNonprofit,
			Keywords:     []string{"food", "pantry"},
			Categories:   []string{"Food"},
			Phones:       []directory.Phone{{Number: "801-555-0100"}},
			Hours:        "Tuesday 4:00pm-7:00pm",
			Status:       directory.StatusTemporarilyClosed,
			SourceURLs:   []string{"https://example.org/pantry"},
		},
		{
			ID:           utah211ID,
			Name:         "Utah 211 (United Way 2-1-1)",
			Organization: "United Way of Salt Lake",
			Level:        directory.LevelNonprofit,
			Keywords:     []string{"211", "help", "food"},
			Categories:   []string{"Food", "Housing & Shelter"},
			Phones:       []directory.Phone{{Label: "Dial", Number: "211"}},
			Hours:        "24 hours a day, 7 days a week",
			SourceURLs:   []string{"https://uw.org/211"},
		},
		{
			ID:           crisis988ID,
			Name:         "988 Suicide & Crisis Lifeline (Utah)",
			Organization: "Utah Department of Health and Human Services",
			Level:        directory.LevelState,
			Keywords:     []string{"crisis", "suicide"},
			Categories:   []string{"Mental Health & Crisis"},
			Phones:       []directory.Phone{{Label: "Call or text (24/7)", Number: "988"}},
			Hours:        "24 hours a day, 7 days a week",
			SourceURLs:   []string{"https://988.utah.gov/"},
		},
	}
	for i := range ls {
		directorytest.Prepare(&ls[i])
	}
	return ls
}

// testDesk is a desk on the test driver whose searches are handed back
// through a queue the test drains on its own goroutine, standing in for the
// Fyne event loop.
type testDesk struct {
	*Desk
	t     testing.TB
	queue chan func()
	// minSizes is each object's minimum size at the last frame (see
	// frame in bench_test.go).
	minSizes map[fyne.CanvasObject]fyne.Size
}

func newTestDesk(t testing.TB, dir Directory) *testDesk {
	t.Helper()
	return newTestDeskOn(t, test.NewTempApp(t), dir)
}

func newTestDeskOn(t testing.TB, a fyne.App, dir Directory) *testDesk {
	t.Helper()
	d := NewDesk(a, dir, data.Standards)
	q := make(chan func(), 256)
	d.do = func(f func()) { q <- f }
	d.now = func() time.Time { return testNow }
	d.win.Resize(fyne.NewSize(1366, 768))
	t.Cleanup(d.win.Close)
	return &testDesk{Desk: d, t: t, queue: q}
}

// typeText types into the search box and waits for the results.
func (td *testDesk) typeText(s string) {
	td.t.Helper()
	test.Type(td.search, s)
	td.wait()
}

// wait runs what searches hand back until the results of the latest change
// of the search box are on screen.
func (td *testDesk) wait() {
	td.t.Helper()
	timeout := time.After(10 * time.Second)
	for td.applied != td.seq {
		select {
		case f := <-td.queue:
			f()
		case <-timeout:
			td.t.Fatalf("results for %q never arrived", td.search.Text)
		}
	}
}

// show shows the window and runs what it defers until the welcome page
// and, when the panel is open, the standards text are laid out.
func (td *testDesk) show() {
	td.t.Helper()
	td.Show()
	timeout := time.After(10 * time.Second)
	for len(td.detail.box.Objects) == 0 || td.standards.content.Visible() && td.standards.text == nil {
		select {
		case f := <-td.queue:
			f()
		case <-timeout:
			td.t.Fatalf("the welcome page or the standards text was never laid out")
		}
	}
}

// pressKey presses a key the way the window delivers it: to the focused
// widget (of the top dialog, when one is open), or else to the canvas's
// key handler.
func (td *testDesk) pressKey(name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := td.win.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := td.win.Canvas().OnTypedKey(); h != nil {
		h(ev)
	}
}

// typeOnWindow types the way the window delivers characters: to the
// focused widget, or else to the canvas's rune handler.
func (td *testDesk) typeOnWindow(s string) {
	for _, r := range s {
		if f := td.win.Canvas().Focused(); f != nil {
			f.TypedRune(r)
		} else if h := td.win.Canvas().OnTypedRune(); h != nil {
			h(r)
		}
	}
}

// key presses a key in the search box.
func (td *testDesk) key(name fyne.KeyName) {
	td.search.TypedKey(&fyne.KeyEvent{Name: name})
}

// ids is the listing ids in the results, in order.
func (td *testDesk) ids() []string {
	var out []string
	for _, it := range td.results.items {
		if it.listing != nil {
			out = append(out, it.listing.ID)
		}
	}
	return out
}

// visibleRows is the title of each row the results list draws, top to
// bottom: what staff see, not just what the pane holds.
func (td *testDesk) visibleRows() []string {
	type row struct {
		y     float32
		title string
	}
	var rows []row
	for _, o := range visibleObjects(td.results.list) {
		if r, ok := o.(*resultRow); ok && r.Visible() && r.title.Visible() {
			rows = append(rows, row{fyne.CurrentApp().Driver().AbsolutePositionForObject(r).Y, r.title.Text})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].y < rows[j].y })
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.title
	}
	return out
}

// detailText is every piece of text the detail pane shows, joined by
// newlines.
func (td *testDesk) detailText() string {
	return objectText(td.detail.box)
}

func objectText(root fyne.CanvasObject) string {
	var b strings.Builder
	for _, o := range visibleObjects(root) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.RichText:
			b.WriteString(w.String() + "\n")
		case *canvas.Text:
			b.WriteString(w.Text + "\n")
		case *widget.Hyperlink:
			b.WriteString(w.Text + "\n")
		case *widget.Button:
			b.WriteString("[" + w.Text + "]\n")
		case *banner:
			b.WriteString("! " + w.Text + "\n")
		}
	}
	return b.String()
}

// visibleObjects walks the drawn tree under root through the renderers in
// use (test.LaidOutObjects would make new ones), skipping hidden branches.
func visibleObjects(root fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		out = append(out, o)
		switch c := o.(type) {
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				walk(child)
			}
		case *fyne.Container:
			for _, child := range c.Objects {
				walk(child)
			}
		}
	}
	walk(root)
	return out
}

// button finds the first button in the detail pane with the given text.
func (td *testDesk) button(text string) *widget.Button {
	td.t.Helper()
	for _, o := range visibleObjects(td.detail.box) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	td.t.Fatalf("no %q button in the detail pane", text)
	return nil
}

// menuItem finds the main-menu item with the given shortcut.
func (td *testDesk) menuItem(s fyne.Shortcut) *fyne.MenuItem {
	td.t.Helper()
	for _, m := range td.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == s.ShortcutName() {
				return it
			}
		}
	}
	td.t.Fatalf("no menu item for %s", s.ShortcutName())
	return nil
}
