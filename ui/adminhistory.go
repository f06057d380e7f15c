package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
)

// onHistory shows the listing's history: who changed which field when,
// newest first, verification as its own event.
func (e *listingEditor) onHistory() {
	if e.isNew {
		return
	}
	id, name, s := e.orig.ID, e.orig.Name, e.d.admin.store
	e.d.touchAdmin()
	go func() {
		var events []directory.Event
		err := retryStore(context.Background(), func() (err error) {
			events, err = s.History(context.Background(), id)
			return err
		})
		e.d.do(func() {
			if err != nil {
				e.say(lang.L("The history could not be read: {{.Error}}. Try again.", map[string]any{"Error": storeProblem(err)}), widget.DangerImportance)
				return
			}
			showHistory(e.win, name, events)
		})
	}()
}

// showHistory shows events in a dialog over win.
func showHistory(win fyne.Window, name string, events []directory.Event) {
	text := &widget.RichText{Wrapping: fyne.TextWrapWord, Segments: historySegments(events)}
	scroll := container.NewVScroll(text)
	dlg := dialog.NewCustomWithoutButtons(lang.L("History of {{.Name}}", map[string]any{"Name": name}), scroll, win)
	closeButton := newDialogButton(lang.L("Close"), dlg.Hide)
	dlg.SetButtons([]fyne.CanvasObject{closeButton})
	dlg.Resize(fyne.NewSize(editorWidth-120, editorHeight-100))
	dlg.Show()
	win.Canvas().Focus(closeButton)
}

// historySegments lays the events out: each event's line in bold, then a
// line per field it changed, wrapped rather than cut.
func historySegments(events []directory.Event) []widget.RichTextSegment {
	if len(events) == 0 {
		return []widget.RichTextSegment{&widget.TextSegment{Text: lang.L("No changes are recorded for this listing.")}}
	}
	bold := widget.RichTextStyleParagraph
	bold.TextStyle.Bold = true
	var segs []widget.RichTextSegment
	for i, ev := range events {
		if i > 0 {
			segs = append(segs, &widget.SeparatorSegment{})
		}
		heading, lines := historyEntry(ev)
		segs = append(segs, &widget.TextSegment{Text: heading, Style: bold})
		for _, l := range lines {
			segs = append(segs, &widget.TextSegment{Text: l, Style: widget.RichTextStyleParagraph})
		}
	}
	return segs
}

// historyEntry is one event as an admin reads it: "Nov 30, 2026 2:14pm ·
// Jane Doe · edited", and a line per field changed, "Phones: old → new".
func historyEntry(ev directory.Event) (heading string, lines []string) {
	at := ev.At.In(directory.Denver)
	heading = longDate(at) + " " + clock(at) + " · " + ev.Actor + " · " + actionText(ev.Action)
	if ev.Note != "" {
		lines = append(lines, ev.Note)
	}
	for _, c := range ev.Changes {
		lines = append(lines, lang.L("{{.Field}}: {{.Old}} → {{.New}}",
			map[string]any{"Field": fieldLabel(c.Field), "Old": valueText(c.Old), "New": valueText(c.New)}))
	}
	return heading, lines
}

// valueText is a field's value in the history, "(empty)" for none. A
// list or a record kept as JSON (phones, schedules) is written as words:
// its values in order, a record's joined by spaces, the items of a list
// by semicolons.
func valueText(v string) string {
	t := strings.TrimSpace(v)
	if t != "" && (t[0] == '[' || t[0] == '{' || t[0] == '"') {
		if words, ok := jsonWords(t); ok {
			t = words
		}
	}
	if t == "" {
		return lang.L("(empty)")
	}
	return t
}

// jsonWords reads JSON text as words, keeping the order it was written
// in; ok is false when v is not JSON.
func jsonWords(v string) (words string, ok bool) {
	dec := json.NewDecoder(strings.NewReader(v))
	dec.UseNumber()
	type level struct {
		object, key bool // in an object; the next string is a key
	}
	var stack []level
	var items, cur []string
	flush := func() {
		if len(cur) > 0 {
			items = append(items, strings.Join(cur, " "))
			cur = nil
		}
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", false
		}
		if d, isDelim := tok.(json.Delim); isDelim {
			switch d {
			case '{', '[':
				stack = append(stack, level{object: d == '{', key: d == '{'})
			default:
				stack = stack[:len(stack)-1]
				if len(stack) == 1 && !stack[0].object { // an item of the outer list ended
					flush()
				}
			}
			if n := len(stack); n > 0 && stack[n-1].object && (d == '}' || d == ']') {
				stack[n-1].key = true
			}
			continue
		}
		if n := len(stack); n > 0 && stack[n-1].object {
			isKey := stack[n-1].key
			stack[n-1].key = !isKey
			if isKey {
				continue
			}
		}
		if w := strings.TrimSpace(fmt.Sprint(tok)); w != "" && tok != nil {
			cur = append(cur, w)
			if len(stack) == 1 && !stack[0].object { // a plain item of the outer list
				flush()
			}
		}
	}
	flush()
	return strings.Join(items, "; "), true
}

// actionText is what an event did, as a past participle.
func actionText(action string) string {
	switch action {
	case directory.ActionSeed:
		return lang.L("added with the default directory")
	case directory.ActionImport:
		return lang.L("imported")
	case directory.ActionUpdate:
		return lang.L("updated by an import")
	case directory.ActionRefresh:
		return lang.L("updated by a new default directory")
	case directory.ActionAdd:
		return lang.L("added")
	case directory.ActionEdit:
		return lang.L("edited")
	case directory.ActionArchive:
		return lang.L("archived")
	case directory.ActionRestore:
		return lang.L("restored")
	case directory.ActionDelete:
		return lang.L("deleted")
	case directory.ActionVerify:
		return lang.L("marked verified")
	case directory.ActionAdmin:
		return lang.L("changed admin mode")
	}
	return action
}

// fieldIndex is a list position in a field path: "phones[1].number".
var fieldIndex = regexp.MustCompile(`\[\d+\]`)

// fieldLabel names a listing's field (its JSON path) as the form labels
// it: "phones" is "Phones", "address.zip" is "ZIP code".
func fieldLabel(field string) string {
	switch fieldIndex.ReplaceAllString(field, "") {
	case "id":
		return lang.L("Listing id")
	case "name":
		return lang.L("Name")
	case "parent":
		return lang.L("Organization")
	case "level":
		return lang.L("Level")
	case "description":
		return lang.L("Description of the service")
	case "services":
		return lang.L("What to refer for")
	case "keywords":
		return lang.L("Customer words")
	case "categories":
		return lang.L("Categories")
	case "phones", "phones.number", "phones.label", "phones.ext", "phones.note":
		return lang.L("Phones")
	case "email":
		return lang.L("Email")
	case "website":
		return lang.L("Website")
	case "address", "address.street", "address.city", "address.state":
		return lang.L("Address")
	case "address.zip":
		return lang.L("ZIP code")
	case "hours", "schedules":
		return lang.L("Hours")
	case "eligibility":
		return lang.L("Eligibility")
	case "fees":
		return lang.L("Fees")
	case "languages":
		return lang.L("Languages")
	case "documents":
		return lang.L("What to bring")
	case "source_urls":
		return lang.L("Sources")
	case "source_date":
		return lang.L("Source date")
	case "status":
		return lang.L("Status")
	case "alert", "alert_until":
		return lang.L("Alert")
	case "verified_on", "verified_by":
		return lang.L("Verified")
	case "notes_for_staff":
		return lang.L("Staff notes")
	case "archived":
		return lang.L("Archived")
	}
	return field
}
