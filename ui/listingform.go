package ui

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
)

// listingForm edits every field of one listing, for admin mode. It shows
// what is wrong beside each field as the admin types, by the same rules an
// import follows (directory.Listing.Validate); the holder adds the buttons
// that save it.
type listingForm struct {
	orig  directory.Listing
	isNew bool
	now   func() time.Time

	texts       []*textField
	id          *textField
	level       *choiceField
	status      *choiceField
	alertUntil  *textField
	phones      *phonesEditor
	hours       *hoursEditor
	general     *widget.Label
	phonesLabel *widget.Label // problems with the phones as a whole
	content     *fyne.Container
	scroll      *container.Scroll

	// idSuggested is set while the id follows the name, as it does for a
	// new listing until the admin types an id of their own.
	idSuggested bool
	// cut holds a form-side message for each field whose pasted text was
	// cut (see capText).
	cut       map[string]string
	onChanged func()
	// problems is the label under each field, by its path.
	problems map[string]*widget.Label
	// shown are the labels with a problem on show.
	shown map[*widget.Label]bool
	// external are problems from outside the form (ShowProblems) still
	// on show.
	external []directory.Problem
	// settingID is set while the form itself writes the id.
	settingID bool
}

// textField is one text of the listing and its entry. A field the admin
// has not changed gives back the listing's value as it was, so an
// untouched form returns exactly the listing it opened with.
type textField struct {
	path    string // the field's path in problems ("address.zip")
	entry   *fieldEntry
	problem *widget.Label
	initial string
	get     func(*directory.Listing) string
	set     func(*directory.Listing, string)
	// max is the field's length limit; a longer paste is cut (capText).
	max int
}

// newProblemLabel is a label that shows what is wrong with a field, under
// it, in the error colour. It is hidden while there is nothing to say.
func newProblemLabel() *widget.Label {
	l := &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	l.ExtendBaseWidget(l)
	l.Hide()
	return l
}

// newListingForm opens a form on l; isNew lets the admin type its id.
// now is the instant Validate checks verified_on against.
func newListingForm(l directory.Listing, isNew bool, now func() time.Time) *listingForm {
	f := &listingForm{orig: l, isNew: isNew, now: now, general: newProblemLabel(), phonesLabel: newProblemLabel(),
		cut: map[string]string{}, shown: map[*widget.Label]bool{}, problems: map[string]*widget.Label{}}
	f.build()
	f.idSuggested = isNew && (l.ID == "" || l.ID == directory.SuggestID(l.Name))
	f.validate()
	return f
}

// build lays the fields out in reading order, which is also the order Tab
// moves through them.
func (f *listingForm) build() {
	l := &f.orig
	str := func(path string, max int, multiline bool, get func(*directory.Listing) *string) *textField {
		return f.text(path, max, multiline,
			func(l *directory.Listing) string { return *get(l) },
			func(l *directory.Listing, s string) { *get(l) = s })
	}
	list := func(path string, max int, get func(*directory.Listing) *[]string) *textField {
		return f.text(path, max*maxListEntries, true,
			func(l *directory.Listing) string { return strings.Join(*get(l), "\n") },
			func(l *directory.Listing, s string) { *get(l) = splitLines(s) })
	}

	f.id = str("id", directory.MaxIDLength, false, func(l *directory.Listing) *string { return &l.ID })
	if !f.isNew {
		f.id.entry.Disable()
	}
	name := str("name", directory.MaxNameLength, false, func(l *directory.Listing) *string { return &l.Name })
	org := str("parent", directory.MaxNameLength, false, func(l *directory.Listing) *string { return &l.Organization })
	f.level = f.choice("level", levelOptions(), string(l.Level), "")
	f.status = f.choice("status", statusOptions(), string(l.Status), string(directory.StatusActive))
	desc := str("description", directory.MaxTextLength, true, func(l *directory.Listing) *string { return &l.Description })
	services := list("services", directory.MaxItemLength, func(l *directory.Listing) *[]string { return &l.Services })
	keywords := list("keywords", directory.MaxItemLength, func(l *directory.Listing) *[]string { return &l.Keywords })
	categories := list("categories", directory.MaxItemLength, func(l *directory.Listing) *[]string { return &l.Categories })
	languages := list("languages", directory.MaxItemLength, func(l *directory.Listing) *[]string { return &l.Languages })

	f.phones = newPhonesEditor(l.Phones, func() { f.edited("phones") })
	email := str("email", directory.MaxEmailLength, false, func(l *directory.Listing) *string { return &l.Email })
	website := str("website", directory.MaxURLLength, false, func(l *directory.Listing) *string { return &l.Website })
	street := str("address.street", directory.MaxNameLength, false, func(l *directory.Listing) *string { return &l.Address.Street })
	city := str("address.city", directory.MaxNameLength, false, func(l *directory.Listing) *string { return &l.Address.City })
	state := str("address.state", directory.MaxNameLength, false, func(l *directory.Listing) *string { return &l.Address.State })
	zip := str("address.zip", directory.MaxNameLength, false, func(l *directory.Listing) *string { return &l.Address.Zip })

	hours := str("hours", directory.MaxTextLength, true, func(l *directory.Listing) *string { return &l.Hours })
	f.hours = newHoursEditor(l.Schedules, func() string { return hours.entry.Text }, func() { f.edited("schedules") })

	eligibility := str("eligibility", directory.MaxTextLength, true, func(l *directory.Listing) *string { return &l.Eligibility })
	fees := str("fees", directory.MaxTextLength, true, func(l *directory.Listing) *string { return &l.Fees })
	documents := str("documents", directory.MaxTextLength, true, func(l *directory.Listing) *string { return &l.Documents })

	alert := str("alert", directory.MaxTextLength, true, func(l *directory.Listing) *string { return &l.Alert })
	f.alertUntil = f.text("alert_until", 40, false,
		func(l *directory.Listing) string { return l.AlertUntil.String() },
		func(l *directory.Listing, s string) {
			if d, err := directory.ParseDate(strings.TrimSpace(s)); err == nil {
				l.AlertUntil = d
			}
		})
	f.alertUntil.entry.PlaceHolder = lang.L("YYYY-MM-DD, or empty to show it until it is removed")

	sources := list("source_urls", directory.MaxURLLength, func(l *directory.Listing) *[]string { return &l.SourceURLs })
	sourceDate := str("source_date", directory.MaxNameLength, false, func(l *directory.Listing) *string { return &l.SourceDate })
	sourceDate.entry.PlaceHolder = lang.L("When the source was published: YYYY, YYYY-MM or YYYY-MM-DD")
	notes := str("notes_for_staff", directory.MaxTextLength, true, func(l *directory.Listing) *string { return &l.StaffNotes })

	name.entry.OnChanged = chain(f.suggestID, name.entry.OnChanged)
	f.id.entry.OnChanged = chain(func(string) {
		if !f.settingID {
			f.idSuggested = false // the admin typed an id of their own
		}
	}, f.id.entry.OnChanged)
	f.id.entry.PlaceHolder = lang.L("Made from the name; lower-case letters, digits and dashes")
	desc.entry.SetMinRowsVisible(4)
	notes.entry.SetMinRowsVisible(3)

	verified := lang.L("Never verified")
	if l.Verified() {
		verified = lang.L("{{.Date}} by {{.Name}}", map[string]any{"Date": l.VerifiedOn.String(), "Name": l.VerifiedBy})
	}

	levelProblem, statusProblem := newProblemLabel(), newProblemLabel()
	f.problems["level"], f.problems["status"] = levelProblem, statusProblem
	f.problems["phones"] = f.phonesLabel

	f.content = container.NewVBox(
		f.general,
		section(lang.L("The listing"),
			row(lang.L("Name"), name),
			row(lang.L("Listing id"), f.id, hintLabel(idHint(f.isNew))),
			row(lang.L("Organization"), org),
			item(lang.L("Kind of agency"), f.level.sel, levelProblem),
			item(lang.L("Status"), f.status.sel, statusProblem),
			row(lang.L("What they do"), desc),
		),
		section(lang.L("What to refer for"),
			listRow(lang.L("Services"), services),
			listRow(lang.L("Customer words"), keywords),
			listRow(lang.L("Categories"), categories),
			listRow(lang.L("Languages"), languages),
		),
		section(lang.L("How to reach them"),
			item(lang.L("Phones"), f.phones.box, f.phonesLabel),
			row(lang.L("Email"), email),
			row(lang.L("Website"), website),
			row(lang.L("Street"), street),
			row(lang.L("City"), city),
			row(lang.L("State"), state),
			row(lang.L("ZIP"), zip),
		),
		section(lang.L("Hours"),
			row(lang.L("Published hours"), hours),
			item(lang.L("Weekly hours"), f.hours.box),
		),
		section(lang.L("What customers need to know"),
			row(lang.L("Who can get help"), eligibility),
			row(lang.L("Fees"), fees),
			row(lang.L("What to bring"), documents),
		),
		section(lang.L("Alert"),
			row(lang.L("Alert"), alert),
			row(lang.L("Show alert until"), f.alertUntil),
		),
		section(lang.L("Sources"),
			listRow(lang.L("Source pages"), sources),
			row(lang.L("Source date"), sourceDate),
		),
		section(lang.L("For staff only"),
			labelled(lang.L("Staff notes"), lang.L("never given to customers"), notes.entry, notes.problem),
			item(lang.L("Last verified"), widget.NewLabel(verified)),
		),
	)
	alignLabels(f.content)
	f.scroll = container.NewVScroll(container.NewPadded(f.content))
}

// maxListEntries is how many entries of the longest a one-per-line field
// may be pasted with before it is cut (see fieldEntry).
const maxListEntries = directory.MaxListLength

// text makes the entry of one text field.
func (f *listingForm) text(path string, max int, multiline bool, get func(*directory.Listing) string, set func(*directory.Listing, string)) *textField {
	tf := &textField{path: path, problem: newProblemLabel(), get: get, set: set, max: max}
	tf.initial = get(&f.orig)
	tf.entry = newFieldEntry(multiline, max, func() {
		f.noteCut(tf, max)
		f.validate()
	})
	tf.entry.SetText(tf.initial)
	tf.entry.OnChanged = func(s string) {
		if f.capText(tf, s) {
			return // SetText has run this again with the cut text
		}
		if _, long := cutText(s, tf.max); !long {
			delete(f.cut, tf.path) // shortened since
		}
		f.edited(tf.path)
	}
	f.texts = append(f.texts, tf)
	f.problems[path] = tf.problem
	return tf
}

// capText cuts a text far longer than its field may be, keeping its
// start, and says so beside the field: Validate would refuse it anyway,
// and an entry holding megabytes makes every keystroke and frame slow. A
// paste is cut before the entry takes it in (fieldEntry); this catches a
// long text typed after it. It reports whether it cut.
func (f *listingForm) capText(tf *textField, s string) bool {
	cut, ok := cutText(s, 2*tf.max)
	if !ok {
		return false
	}
	f.noteCut(tf, 2*tf.max)
	tf.entry.SetText(cut)
	return true
}

// noteCut says beside a field that what was put in it was cut to its
// first kept characters.
func (f *listingForm) noteCut(tf *textField, kept int) {
	f.cut[tf.path] = lang.L("This was far too long, so only its first {{.Kept}} characters were kept; it may have at most {{.Max}}. Check where it ends.",
		map[string]any{"Kept": strconv.Itoa(kept), "Max": strconv.Itoa(tf.max)})
}

// chain runs a, then b.
func chain(a, b func(string)) func(string) {
	return func(s string) {
		a(s)
		b(s)
	}
}

// choice is a select of one of a coded field's values, shown in words. A
// new listing's empty value shows as def, so the admin sees the usual
// choice made.
func (f *listingForm) choice(field string, opts []option, value, def string) *choiceField {
	names := make([]string, len(opts))
	for i, o := range opts {
		names[i] = o.name
	}
	c := &choiceField{opts: opts, code: value}
	c.sel = &widget.Select{Options: names, PlaceHolder: lang.L("Choose one")}
	c.sel.ExtendBaseWidget(c.sel)
	if value == "" {
		value = def
	}
	for _, o := range opts {
		if o.code == value {
			c.sel.Selected = o.name
		}
	}
	c.initial = c.sel.Selected
	c.sel.OnChanged = func(string) { f.edited(field) }
	return c
}

// choiceField is a select of a coded field and the value it opened with.
type choiceField struct {
	sel  *widget.Select
	opts []option
	// initial is the name shown at first, code the value it stands for.
	initial, code string
}

// value is the code the select names, or the value as it was when the
// admin has not chosen another (a listing may hold a code the select does
// not offer, or none).
func (c *choiceField) value() string {
	if c.sel.Selected == c.initial {
		return c.code
	}
	for _, o := range c.opts {
		if o.name == c.sel.Selected {
			return o.code
		}
	}
	return c.code
}

// option is one value of a coded field and its name in the window.
type option struct{ code, name string }

func levelOptions() []option {
	out := make([]option, len(directory.Levels))
	for i, l := range directory.Levels {
		out[i] = option{string(l), levelName(l)}
	}
	return out
}

func statusOptions() []option {
	return []option{
		{string(directory.StatusActive), lang.L("Open as usual")},
		{string(directory.StatusTemporarilyClosed), lang.L("Temporarily closed")},
		{string(directory.StatusInactive), lang.L("No longer offered")},
	}
}

func hintLabel(text string) *widget.Label {
	return &widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
}

func idHint(isNew bool) string {
	if isNew {
		return lang.L("The id never changes once the listing is saved: exports and links use it.")
	}
	return lang.L("The id cannot be changed: exports and links use it.")
}

// splitLines reads a one-per-line field: each line trimmed, empty lines
// dropped.
func splitLines(s string) []string {
	var out []string
	for line := range strings.SplitSeq(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// suggestID keeps a new listing's id made from its name until the admin
// types an id of their own.
func (f *listingForm) suggestID(name string) {
	if !f.isNew || !f.idSuggested {
		return
	}
	f.settingID = true
	f.id.entry.SetText(directory.SuggestID(name))
	f.settingID = false
}

// Widget is the whole form, scrollable.
func (f *listingForm) Widget() fyne.CanvasObject { return f.scroll }

// Listing is the listing as the fields now say. Fields not changed keep
// their value exactly as the listing had it. What cannot be read is left
// as it was (an alert's end date typed wrong) or out (a day's hours typed
// wrong are a closed day): Problems names it, so check Problems before
// saving.
func (f *listingForm) Listing() directory.Listing {
	l := f.orig
	l.Services = slices.Clone(l.Services)
	l.Keywords = slices.Clone(l.Keywords)
	l.Categories = slices.Clone(l.Categories)
	l.Languages = slices.Clone(l.Languages)
	l.SourceURLs = slices.Clone(l.SourceURLs)
	for _, tf := range f.texts {
		if tf.entry.Text != tf.initial {
			tf.set(&l, tf.entry.Text)
		}
	}
	l.Level = directory.Level(f.level.value())
	l.Status = directory.Status(f.status.value())
	l.Phones = slices.Clone(f.phones.Phones())
	l.Schedules, _ = f.hours.Schedules()
	return l
}

// Problems is everything wrong with the listing now: what Validate finds
// in it, and the fields the form cannot read (a day's hours, the alert's
// end date, a paste cut short). Field paths are as the store reports
// them.
func (f *listingForm) Problems() []directory.Problem {
	l := f.Listing()
	// Validate wants a normalized listing.
	l.Normalize()
	ps := l.Validate(f.now())
	if t := f.alertUntil.entry.Text; t != f.alertUntil.initial {
		if _, err := directory.ParseDate(strings.TrimSpace(t)); err != nil {
			ps = append(ps, directory.Problem{ID: l.ID, Field: "alert_until",
				Message: lang.L("Write the last day to show the alert as YYYY-MM-DD, like 2026-12-31, or leave it empty")})
		}
	}
	_, dayProblems := f.hours.Schedules()
	for _, p := range dayProblems {
		p.ID = l.ID
		ps = append(ps, p)
	}
	for _, tf := range f.texts {
		if msg, ok := f.cut[tf.path]; ok {
			ps = append(ps, directory.Problem{ID: l.ID, Field: tf.path, Message: msg})
		}
	}
	return ps
}

// ShowProblems shows problems from outside the form (the store's: an id
// already taken) beside the fields they name, with the form's own. Each
// stays until its field is edited; one with the listing as a whole, or
// with a field the form has no place for, shows at the top until any
// edit.
func (f *listingForm) ShowProblems(ps []directory.Problem) {
	f.external = slices.Clone(ps)
	f.validate()
}

// show shows problems beside the fields they name, replacing those on
// show; the same message twice shows once.
func (f *listingForm) show(ps []directory.Problem) {
	msgs := map[*widget.Label][]string{}
	for _, p := range ps {
		if strings.HasPrefix(p.Field, "schedules[") {
			if _, ok := f.hours.dayEntry(p.Field); ok {
				continue // shown beside the day by the hours editor
			}
		}
		lbl := f.labelFor(p.Field)
		if m := besideField(p); !slices.Contains(msgs[lbl], m) {
			msgs[lbl] = append(msgs[lbl], m)
		}
	}
	for lbl := range f.shown {
		if _, ok := msgs[lbl]; !ok {
			lbl.SetText("")
			lbl.Hide()
			delete(f.shown, lbl)
		}
	}
	for lbl, m := range msgs {
		lbl.SetText(strings.Join(m, "\n"))
		lbl.Show()
		f.shown[lbl] = true
	}
}

// besideField words a problem for the place beside its field. The rules
// word it for an import report, naming the record's field first
// (`phones[1] ("Main") number "801-555" has 7 digits…`). Beside a phone's
// row or a field itself that path says nothing an admin needs, so it is
// dropped; beside a list typed one entry per line, it becomes the line
// ("Line 2: …").
func besideField(p directory.Problem) string {
	m := p.Message
	path, _, _ := strings.Cut(p.Field, ".")
	name, index, isList := strings.Cut(strings.TrimSuffix(path, "]"), "[")
	if !isList || !strings.HasPrefix(m, path+" ") {
		if rest, ok := strings.CutPrefix(m, p.Field+" "); ok && strings.HasPrefix(rest, `"`) {
			return rest // `address.zip "8419" is not…`: the value, then what is wrong
		}
		return m
	}
	rest := strings.TrimPrefix(m, path+" ")
	if strings.HasPrefix(rest, "(") { // the entry's label, quoted
		if _, after, ok := strings.Cut(rest, ") "); ok {
			rest = after
		}
	}
	if rest == "" {
		return m
	}
	if n, err := strconv.Atoi(index); err == nil && name != "phones" {
		return lang.L("Line {{.Line}}: {{.Problem}}", map[string]any{"Line": n + 1, "Problem": rest})
	}
	return strings.ToUpper(rest[:1]) + rest[1:]
}

// labelFor is the label that shows a problem with field: the field's own,
// a phone's row's, a list's (for one of its entries), or the one at the
// top.
func (f *listingForm) labelFor(field string) *widget.Label {
	if lbl, ok := f.problems[field]; ok {
		return lbl
	}
	if rest, ok := strings.CutPrefix(field, "phones["); ok {
		if n, _, ok := strings.Cut(rest, "]"); ok {
			if i, err := strconv.Atoi(n); err == nil {
				if r, ok := f.phones.rowOf(i); ok {
					return r.problem
				}
			}
		}
		return f.phonesLabel
	}
	if base, _, ok := strings.Cut(field, "["); ok {
		if lbl, ok := f.problems[base]; ok {
			return lbl
		}
	}
	return f.general
}

// validate shows what is wrong now.
func (f *listingForm) validate() { f.show(append(f.Problems(), f.external...)) }

// edited runs after any change a person makes to field (a path, or the
// start of the paths of a list: "phones").
func (f *listingForm) edited(field string) {
	f.external = slices.DeleteFunc(f.external, func(p directory.Problem) bool {
		return p.Field == field || strings.HasPrefix(p.Field, field+"[") || f.labelFor(p.Field) == f.general
	})
	f.validate()
	if f.onChanged != nil {
		f.onChanged()
	}
}

// Changed reports whether anything differs from the listing the form
// opened with.
func (f *listingForm) Changed() bool { return !reflect.DeepEqual(f.Listing(), f.orig) }

// OnChanged sets what to call after any edit, so the holder can enable
// Save.
func (f *listingForm) OnChanged(fn func()) { f.onChanged = fn }

// FocusFirstProblem puts the keyboard in the first field, in reading
// order, that has a problem on show, and scrolls it into view: the field
// just above the problem, a phone's number for a phone's problem, and for
// a problem with the listing as a whole the first field after it.
func (f *listingForm) FocusFirstProblem(c fyne.Canvas) {
	var last, target fyne.CanvasObject
	wantNext := false
	var walk func(o fyne.CanvasObject) bool
	walk = func(o fyne.CanvasObject) bool {
		if o == nil || !o.Visible() {
			return false
		}
		if _, ok := o.(fyne.Focusable); ok && !isDisabled(o) {
			if wantNext {
				target = o
				return true
			}
			last = o
		}
		if lbl, ok := o.(*widget.Label); ok && lbl.Importance == widget.DangerImportance && lbl.Text != "" {
			switch r, isPhone := f.phones.rowWithProblem(lbl); {
			case isPhone:
				target = r.number
				return true
			case lbl == f.general || last == nil:
				wantNext = true
			default:
				target = last
				return true
			}
		}
		if ct, ok := o.(*fyne.Container); ok {
			for _, child := range ct.Objects {
				if walk(child) {
					return true
				}
			}
		}
		return false
	}
	walk(f.content)
	if target == nil {
		return
	}
	f.scrollTo(target)
	c.Focus(target.(fyne.Focusable))
}

func isDisabled(o fyne.CanvasObject) bool {
	d, ok := o.(fyne.Disableable)
	return ok && d.Disabled()
}

// scrollTo scrolls the form so that o is in view.
func (f *listingForm) scrollTo(o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(f.content).Y
	if y < f.scroll.Offset.Y || y+o.Size().Height > f.scroll.Offset.Y+f.scroll.Size().Height {
		f.scroll.Offset.Y = max(0, y-f.scroll.Size().Height/3)
		f.scroll.Refresh()
	}
}
