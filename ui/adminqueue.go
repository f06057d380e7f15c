package ui

import (
	"context"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
)

// reviewQueue is the dialog of listings waiting for a person to verify
// them: never verified first, then the longest ago. Enter or a double
// click opens one in the editor; once it is marked verified it leaves.
type reviewQueue struct {
	d       *Desk
	dlg     *dialog.CustomDialog
	items   []directory.ReviewItem
	list    *adminList
	heading *widget.Label
	open    *widget.Button
}

// onShowQueue opens the review queue.
func (d *Desk) onShowQueue() {
	if d.admin.store == nil || d.dialogOpen() {
		return
	}
	d.requireAdmin(d.showQueue)
}

func (d *Desk) showQueue() {
	if d.dialogOpen() {
		return
	}
	q := &reviewQueue{d: d, heading: paragraph(lang.L("Loading…"))}
	q.list = newAdminList(func() (int, func(int) (string, string)) {
		return len(q.items), q.line
	}, q.openItem)
	q.open = &widget.Button{Text: lang.L("Open"), Importance: widget.HighImportance, OnTapped: func() {
		if q.list.cursor >= 0 {
			q.openItem(q.list.cursor)
		}
	}}
	hint := &widget.Label{Text: lang.L("Down and Up move; Enter or a double click opens the listing. Mark it verified in the editor and it leaves the queue."),
		Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	d.admin.queue = q
	q.dlg = d.openListDialog(lang.L("Review queue"), q.heading, hint, q.list, func() {
		if d.admin.queue == q {
			d.admin.queue = nil
		}
	}, q.open)
	q.load()
}

// load reads the queue off the Fyne goroutine and shows it, keeping the
// cursor where it was.
func (q *reviewQueue) load() {
	s := q.d.admin.store
	go func() {
		var items []directory.ReviewItem
		err := retryStore(context.Background(), func() (err error) {
			items, err = s.ReviewQueue(context.Background())
			return err
		})
		q.d.do(func() { q.show(items, err) })
	}()
}

func (q *reviewQueue) show(items []directory.ReviewItem, err error) {
	if err != nil {
		q.heading.SetText(lang.L("The review queue could not be read: {{.Error}}. Close it and try again.", map[string]any{"Error": storeProblem(err)}))
		return
	}
	q.items = items
	if len(items) == 0 {
		q.heading.SetText(lang.L("Every listing was verified within the last year. Nothing waits for review."))
	} else {
		q.heading.SetText(lang.N("{{.Count}} listing to review: never verified first, then the longest ago.", len(items), map[string]any{"Count": len(items)}))
	}
	q.list.reset(min(max(q.list.cursor, 0), len(items)-1))
}

// line is a row of the queue: the name, then when it was verified and the
// organization, which is cut first when the row is too narrow.
func (q *reviewQueue) line(i int) (string, string) {
	it := q.items[i]
	return it.Name, joinNonEmpty(" · ", verifiedAgo(it.VerifiedOn, q.d.timeNow()), it.Organization)
}

func (q *reviewQueue) openItem(i int) {
	if i < 0 || i >= len(q.items) {
		return
	}
	q.d.touchAdmin()
	q.d.openEditor(q.items[i].ID)
}

// verifiedAgo says when a listing was last verified, as the queue lists
// it: "never verified", "verified 14 months ago", "verified 3 years ago".
func verifiedAgo(d directory.Date, now time.Time) string {
	if d.IsZero() {
		return lang.L("never verified")
	}
	days := directory.DateOf(now).Time().Sub(d.Time()).Hours() / 24
	if months := int(math.Round(days / 30.44)); months < 24 {
		return lang.N("verified {{.Count}} month ago", months, map[string]any{"Count": months})
	}
	years := int(days / 365)
	return lang.N("verified {{.Count}} year ago", years, map[string]any{"Count": years})
}
