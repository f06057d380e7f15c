package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"nowrongdoor/directory"
)

// The styles of a note for staff: small, muted text that reads as an aside
// to the fact above it, and a warning-coloured tag in front of a note that
// asks staff to check the fact before passing it on.
var (
	staffNoteStyle  = widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameCaptionText}
	confirmTagStyle = widget.RichTextStyle{ColorName: theme.ColorNameWarning, SizeName: theme.SizeNameCaptionText, Inline: true, TextStyle: fyne.TextStyle{Bold: true}}
)

// staffNoteSegments are a staff-only note (a phone's Note, a listing's
// StaffNotes) as rich text: "Confirm before sharing" first when the note
// asks for it, then the note. They are shown to staff and never go into a
// referral.
func staffNoteSegments(note string) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	if directory.AsksToConfirm(note) {
		segs = append(segs, &widget.TextSegment{Text: lang.L("Confirm before sharing") + "   ", Style: confirmTagStyle})
	}
	return append(segs, &widget.TextSegment{Text: note, Style: staffNoteStyle})
}

// newStaffNote is a staff-only note on its own, wrapped to the width it
// is given.
func newStaffNote(note string) *widget.RichText {
	rt := widget.NewRichText(staffNoteSegments(note)...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}
