package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
)

// phonesEditor edits a listing's phones, one row each: the label customers
// see, the number, the extension and the staff-only note, with buttons to
// move a phone up or down (the first is the one the results show) and to
// remove it.
type phonesEditor struct {
	orig []directory.Phone
	rows []*phoneRow
	// edited is set once the admin changes anything, so that an untouched
	// editor gives back the phones exactly as they came.
	edited bool
	// problem shows what is wrong with the phones as a whole (too many).
	problem  *widget.Label
	list     *fyne.Container
	add      *widget.Button
	box      *fyne.Container
	onChange func()
}

// phoneRow is one phone's entries and buttons.
type phoneRow struct {
	label, number, ext, note *widget.Entry
	// open247 says the line answers at any hour. It is ticked, and held,
	// while the label says so ("24-hour crisis line").
	open247          *widget.Check
	up, down, remove *widget.Button
	// problem shows what is wrong with this phone, under it.
	problem *widget.Label
	box     *fyne.Container
}

func newPhonesEditor(phones []directory.Phone, onChange func()) *phonesEditor {
	p := &phonesEditor{orig: phones, problem: newProblemLabel(), list: container.NewVBox(), onChange: onChange}
	p.add = &widget.Button{Text: lang.L("Add a phone"), Icon: theme.ContentAddIcon(), Importance: widget.LowImportance, OnTapped: p.onAdd}
	for _, ph := range phones {
		p.rows = append(p.rows, p.newRow(ph))
	}
	p.relayout()
	p.box = container.NewVBox(p.problem, p.list, container.NewHBox(p.add))
	return p
}

func (p *phonesEditor) newRow(ph directory.Phone) *phoneRow {
	r := &phoneRow{problem: newProblemLabel()}
	entry := func(text, placeholder string) *widget.Entry {
		e := &widget.Entry{Text: text, PlaceHolder: placeholder, Wrapping: fyne.TextWrapOff}
		e.ExtendBaseWidget(e)
		e.OnChanged = func(string) { p.changed() }
		return e
	}
	r.label = entry(ph.Label, lang.L("Who answers, shown to customers (like Passports)"))
	r.number = entry(ph.Number, lang.L("Number, like 385-468-7300"))
	r.ext = entry(ph.Ext, lang.L("Ext."))
	r.note = entry(ph.Note, lang.L("Note for staff only (where the number came from)"))
	r.open247 = widget.NewCheck(lang.L("Answers 24/7"), func(bool) { p.changed() })
	r.open247.Checked = ph.Open247
	r.labelSays247()
	label := r.label.OnChanged
	r.label.OnChanged = func(s string) {
		r.labelSays247()
		label(s)
	}
	r.up = &widget.Button{Icon: theme.MoveUpIcon(), Importance: widget.LowImportance, OnTapped: func() { p.move(r, -1) }}
	r.down = &widget.Button{Icon: theme.MoveDownIcon(), Importance: widget.LowImportance, OnTapped: func() { p.move(r, 1) }}
	r.remove = &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { p.removeRow(r) }}
	numberExt := container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(110, r.ext.MinSize().Height), r.ext), r.number)
	buttons := container.NewHBox(r.up, r.down, r.remove)
	r.box = container.NewVBox(
		container.NewBorder(nil, nil, nil, buttons, container.NewGridWithColumns(2, r.label, numberExt)),
		container.NewBorder(nil, nil, nil, r.open247, r.note),
		r.problem,
	)
	return r
}

// relayout shows the rows in order, enabling only the moves that can be
// made.
func (p *phonesEditor) relayout() {
	objs := make([]fyne.CanvasObject, 0, len(p.rows)*2)
	for i, r := range p.rows {
		if i > 0 {
			objs = append(objs, widget.NewSeparator())
		}
		objs = append(objs, r.box)
		setEnabled(r.up, i > 0)
		setEnabled(r.down, i < len(p.rows)-1)
	}
	p.list.Objects = objs
	p.list.Refresh()
}

func (p *phonesEditor) changed() {
	p.edited = true
	if p.onChange != nil {
		p.onChange()
	}
}

func (p *phonesEditor) onAdd() {
	r := p.newRow(directory.Phone{})
	p.rows = append(p.rows, r)
	p.relayout()
	p.changed()
	if c := fyne.CurrentApp().Driver().CanvasForObject(p.box); c != nil {
		c.Focus(r.label)
	}
}

// move swaps a phone with the one above (by -1) or below (by 1). The rows
// stay where they are and swap their texts, so the keyboard focus stays on
// the button pressed.
func (p *phonesEditor) move(r *phoneRow, by int) {
	i := slices.Index(p.rows, r)
	j := i + by
	if i < 0 || j < 0 || j >= len(p.rows) {
		return
	}
	a, b := p.rows[i].phone(), p.rows[j].phone()
	p.rows[i].set(b)
	p.rows[j].set(a)
	p.changed()
}

func (p *phonesEditor) removeRow(r *phoneRow) {
	i := slices.Index(p.rows, r)
	if i < 0 {
		return
	}
	p.rows = slices.Delete(p.rows, i, i+1)
	p.relayout()
	p.changed()
}

func (r *phoneRow) phone() directory.Phone {
	return directory.Phone{Label: r.label.Text, Number: r.number.Text, Ext: r.ext.Text, Note: r.note.Text, Open247: r.open247.Checked}
}

// labelSays247 ticks and holds "Answers 24/7" while the label says the
// line answers at any hour, as the store will read it, and frees it when
// the label stops saying so.
func (r *phoneRow) labelSays247() {
	if (directory.Phone{Label: r.label.Text}).AroundTheClock() {
		if !r.open247.Checked {
			r.open247.SetChecked(true)
		}
		r.open247.Disable()
		return
	}
	r.open247.Enable()
}

func (r *phoneRow) set(ph directory.Phone) {
	r.label.SetText(ph.Label)
	r.number.SetText(ph.Number)
	r.ext.SetText(ph.Ext)
	r.note.SetText(ph.Note)
	r.open247.SetChecked(ph.Open247)
	r.labelSays247()
}

// Phones is the phones as the rows say, or exactly the phones it was given
// when nothing was edited.
func (p *phonesEditor) Phones() []directory.Phone {
	if !p.edited {
		return p.orig
	}
	out := make([]directory.Phone, len(p.rows))
	for i, r := range p.rows {
		out[i] = r.phone()
	}
	return out
}

// rowOf is the row a problem's phone index names. Problems count phones
// as the store keeps them, without rows left empty, which Normalize drops.
func (p *phonesEditor) rowOf(index int) (*phoneRow, bool) {
	n := 0
	for _, r := range p.rows {
		ph := r.phone()
		if strings.TrimSpace(ph.Label+ph.Number+ph.Ext+ph.Note) == "" {
			continue
		}
		if n == index {
			return r, true
		}
		n++
	}
	return nil, false
}

// rowWithProblem is the row whose problem label lbl is.
func (p *phonesEditor) rowWithProblem(lbl *widget.Label) (*phoneRow, bool) {
	for _, r := range p.rows {
		if r.problem == lbl {
			return r, true
		}
	}
	return nil, false
}
