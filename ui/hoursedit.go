package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
	"nowrongdoor/directory/hours"
)

// hoursEditor edits a listing's weekly hours: one schedule, or several
// with a label each ("Shelter", "Office"), each a row per day from Monday.
type hoursEditor struct {
	orig   []directory.Schedule
	scheds []*scheduleEdit
	// edited is set once the admin changes anything, so that an untouched
	// editor gives back the schedules exactly as they came.
	edited bool
	// published returns the hours as published, for "Fill in from the
	// hours as published".
	published func() string
	note      *widget.Label
	list      *fyne.Container
	box       *fyne.Container
	onChange  func()
	// proposed says the hours were read from the published text by the
	// import and asks an admin to confirm them; confirm does.
	proposed *widget.Label
	confirm  *widget.Button
}

// scheduleEdit is one schedule's label and days.
type scheduleEdit struct {
	orig  directory.Schedule
	label *widget.Entry
	// days and shown are indexed by time.Weekday; shown says how a day
	// was read, or what is wrong with it.
	days   [7]*widget.Entry
	shown  [7]*widget.Label
	remove *widget.Button
	box    *fyne.Container
}

func newHoursEditor(scheds []directory.Schedule, published func() string, onChange func()) *hoursEditor {
	h := &hoursEditor{orig: scheds, published: published, onChange: onChange,
		note: &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}, list: container.NewVBox()}
	h.load(scheds)
	hint := &widget.Label{Text: lang.L("Type each day's hours, like 9am-5pm or 9-12, 1-5pm. Leave a day empty when closed; type 24 hours for a day open around the clock."),
		Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	add := &widget.Button{Text: lang.L("Add a schedule"), Icon: theme.ContentAddIcon(), Importance: widget.LowImportance, OnTapped: h.onAdd}
	fill := &widget.Button{Text: lang.L("Fill in from the hours as published"), Icon: theme.ContentPasteIcon(), Importance: widget.LowImportance, OnTapped: h.onFill}
	h.proposed = &widget.Label{Text: lang.L("These hours were read from the published text when the listing was imported. Check each day against the source, then confirm them."),
		Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance}
	h.confirm = &widget.Button{Text: lang.L("The hours are right"), Icon: theme.ConfirmIcon(), OnTapped: h.changed}
	proposal := container.NewVBox(h.proposed, container.NewHBox(h.confirm))
	proposal.Hidden = !anyProposed(scheds)
	h.box = container.NewVBox(proposal, hint, h.list, container.NewHBox(add, fill), h.note)
	return h
}

// anyProposed reports whether a schedule is one the import's hours reader
// proposed and no admin has confirmed.
func anyProposed(scheds []directory.Schedule) bool {
	return slices.ContainsFunc(scheds, func(s directory.Schedule) bool { return s.Proposed })
}

// load shows schedules, or one empty schedule when there are none.
func (h *hoursEditor) load(scheds []directory.Schedule) {
	h.scheds = h.scheds[:0]
	for _, s := range scheds {
		h.scheds = append(h.scheds, h.newSchedule(s))
	}
	if len(h.scheds) == 0 {
		h.scheds = append(h.scheds, h.newSchedule(directory.Schedule{}))
	}
	h.relayout()
}

func (h *hoursEditor) newSchedule(s directory.Schedule) *scheduleEdit {
	se := &scheduleEdit{orig: s}
	se.label = &widget.Entry{Text: s.Label, PlaceHolder: lang.L("What these hours are for, when there are several (like Shelter or Office)")}
	se.label.ExtendBaseWidget(se.label)
	se.label.OnChanged = func(string) { h.changed() }
	rows := make([]fyne.CanvasObject, 0, 8)
	rows = append(rows, se.label)
	for _, d := range mondayFirst {
		e := &widget.Entry{Text: dayPeriodsText(s.Week[d]), PlaceHolder: lang.L("Closed")}
		e.ExtendBaseWidget(e)
		e.OnChanged = func(string) { h.changed() }
		se.days[d] = e
		se.shown[d] = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
		name := widget.NewLabel(dayName(d))
		rows = append(rows, container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(110, name.MinSize().Height), name), nil,
			container.NewGridWithColumns(2, container.NewVBox(e), se.shown[d])))
	}
	copyDays := &widget.Button{Text: lang.L("Copy Monday to Tuesday–Friday"), Icon: theme.ContentCopyIcon(), Importance: widget.LowImportance,
		OnTapped: func() {
			for _, d := range []time.Weekday{time.Tuesday, time.Wednesday, time.Thursday, time.Friday} {
				se.days[d].SetText(se.days[time.Monday].Text)
			}
		}}
	se.remove = &widget.Button{Text: lang.L("Remove this schedule"), Icon: theme.DeleteIcon(), Importance: widget.LowImportance,
		OnTapped: func() { h.removeSchedule(se) }}
	rows = append(rows, container.NewHBox(copyDays, se.remove))
	se.box = container.NewVBox(rows...)
	return se
}

// mondayFirst is the week in the order US listings write it.
var mondayFirst = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

func (h *hoursEditor) relayout() {
	objs := make([]fyne.CanvasObject, 0, len(h.scheds)*2)
	for i, se := range h.scheds {
		if i > 0 {
			objs = append(objs, widget.NewSeparator())
		}
		objs = append(objs, se.box)
		setEnabled(se.remove, len(h.scheds) > 1)
	}
	h.list.Objects = objs
	h.list.Refresh()
	h.refreshShown()
}

func (h *hoursEditor) changed() {
	h.edited = true
	if h.confirm != nil && !h.confirm.Disabled() {
		// Any edit, or the button, confirms the hours on save.
		h.confirm.Disable()
		h.proposed.SetText(lang.L("The hours will be saved as confirmed."))
	}
	h.refreshShown()
	if h.onChange != nil {
		h.onChange()
	}
}

func (h *hoursEditor) onAdd() {
	h.scheds = append(h.scheds, h.newSchedule(directory.Schedule{}))
	h.relayout()
	h.changed()
}

func (h *hoursEditor) removeSchedule(se *scheduleEdit) {
	if i := slices.Index(h.scheds, se); i >= 0 && len(h.scheds) > 1 {
		h.scheds = slices.Delete(h.scheds, i, i+1)
		h.relayout()
		h.changed()
	}
}

// onFill reads the hours as published with the import's reader and puts
// what it finds in the days, for the admin to check.
func (h *hoursEditor) onFill() {
	scheds := hours.Propose(h.published())
	if len(scheds) == 0 {
		h.note.SetText(lang.L("The hours as published name no days and times that can be read; type them in the days above."))
		return
	}
	h.note.SetText(lang.L("Filled in from the hours as published; check each day."))
	h.load(scheds)
	h.changed()
}

// refreshShown says beside each day how it was read, or what is wrong.
func (h *hoursEditor) refreshShown() {
	for _, se := range h.scheds {
		s, bad := se.schedule()
		for _, d := range mondayFirst {
			if msg, ok := bad[d]; ok {
				se.shown[d].Importance = widget.DangerImportance
				se.shown[d].SetText(msg)
				continue
			}
			// How the day was read, when it reads otherwise than typed
			// ("9-5" is 9:00am-5:00pm; a closed day after an overnight
			// period is open until morning).
			se.shown[d].Importance = widget.LowImportance
			read := dayHours(s, d)
			if text := strings.TrimSpace(se.days[d].Text); strings.EqualFold(read, text) || text == "" && read == lang.L("Closed") {
				read = ""
			}
			se.shown[d].SetText(read)
		}
	}
}

// schedule is the schedule as the days say, with what is wrong with each
// day that cannot be read.
func (se *scheduleEdit) schedule() (directory.Schedule, map[time.Weekday]string) {
	s := se.orig
	s.Label = strings.TrimSpace(se.label.Text)
	s.Week = [7][]directory.Interval{}
	var bad map[time.Weekday]string
	for _, d := range mondayFirst {
		ivs, err := parseDayPeriods(se.days[d].Text)
		if err != nil {
			if bad == nil {
				bad = map[time.Weekday]string{}
			}
			bad[d] = err.Error()
			continue
		}
		s.Week[d] = ivs
	}
	return s, bad
}

// Schedules is the weekly hours as the editor says, or exactly the
// schedules it was given when nothing was edited. A schedule with no label
// and no day open is left out: it says nothing. Problems lists the days
// that cannot be read, by a field path of their own
// ("schedules[0].monday").
func (h *hoursEditor) Schedules() ([]directory.Schedule, []directory.Problem) {
	if !h.edited {
		return h.orig, nil
	}
	var out []directory.Schedule
	var ps []directory.Problem
	for i, se := range h.scheds {
		s, bad := se.schedule()
		for _, d := range mondayFirst {
			if msg, ok := bad[d]; ok {
				ps = append(ps, directory.Problem{Field: dayField(i, d), Message: dayName(d) + ": " + msg})
			}
		}
		if s.Label == "" && weekEmpty(s.Week) {
			continue
		}
		out = append(out, s)
	}
	return confirmSchedules(out), ps
}

// dayField is the field path of one day of one schedule in problems.
func dayField(sched int, d time.Weekday) string {
	return fmt.Sprintf("schedules[%d].%s", sched, strings.ToLower(d.String()))
}

func weekEmpty(w [7][]directory.Interval) bool {
	for _, ivs := range w {
		if len(ivs) > 0 {
			return false
		}
	}
	return true
}

// confirmSchedules marks schedules an admin has entered or checked in the
// editor as confirmed: no longer hours the import's reader proposed.
func confirmSchedules(scheds []directory.Schedule) []directory.Schedule {
	for i := range scheds {
		scheds[i].Proposed = false
	}
	return scheds
}

// dayEntry is the entry of a problem's day, for focusing it.
func (h *hoursEditor) dayEntry(field string) (*widget.Entry, bool) {
	for i, se := range h.scheds {
		for _, d := range mondayFirst {
			if dayField(i, d) == field {
				return se.days[d], true
			}
		}
	}
	return nil, false
}
