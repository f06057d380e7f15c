package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// standardsMinWidth is the panel's narrowest, in text heights: about
// the width the card's title had when the card drew it.
const standardsMinWidth = 14

// reminderStep is one step of the "no wrong door" reminder, with the words
// of the standards it is drawn from (a test keeps the two in step).
type reminderStep struct {
	text   string
	source string
}

// reminderSteps is what to do in every conversation, in order, drawn from
// the Library Customer Service Standards.
func reminderSteps() []reminderStep {
	return []reminderStep{
		{lang.L("**Listen** to the whole question before you answer."), "We listen to entire questions/concerns"},
		{lang.L("**Rephrase** it back and ask questions until you are sure."), "We seek understanding by rephrasing and asking questions"},
		{lang.L("**Refer** to the right place, in the county or beyond it."), "We refer customers to other agencies or departments as appropriate"},
		{lang.L("**Confirm** the referral fits what they need."), "to be sure their needs are met"},
		{lang.L("**Follow up**: check they have what they came for."), "following up to ensure appropriate outcomes are reached"},
	}
}

// standardsPanel is the side panel: the reminder on top, then the Library
// Customer Service Standards as rich text.
type standardsPanel struct {
	standards []byte
	content   *container.Scroll
	box       *fyne.Container
	// text is nil until fill has laid out the standards.
	text *widget.RichText
}

func (s *standardsPanel) buildUI() fyne.CanvasObject {
	var md strings.Builder
	for i, step := range reminderSteps() {
		md.WriteString(string(rune('1' + i)))
		md.WriteString(". ")
		md.WriteString(step.text)
		md.WriteString("\n")
	}
	reminder := widget.NewRichTextFromMarkdown(md.String())
	reminder.Wrapping = fyne.TextWrapWord
	// The card's title is in the content, where it wraps, one size down
	// like the standards' headings: a card's own title does not wrap, and
	// in Spanish and large text it made the panel wider than a
	// 1024-pixel window can give it.
	card := &widget.Card{Content: container.NewVBox(
		&widget.Label{Text: lang.L("No wrong door"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: lang.L("In every conversation"), Wrapping: fyne.TextWrapWord},
		reminder,
	)}
	card.ExtendBaseWidget(card)
	// The panel is never laid out narrower than a short line: at a word's
	// width, where a window first lays out new content, the standards
	// text below would be wrapped a word a line, at great cost.
	least := canvas.NewRectangle(color.Transparent)
	least.SetMinSize(fyne.NewSize(standardsMinWidth*theme.TextSize(), 0))

	s.box = container.NewVBox(container.NewStack(least, card))
	s.content = container.NewVScroll(s.box)
	return s.content
}

// fill adds the standards text below the reminder. Wrapping several pages
// of text is the costliest layout in the window, so the desk calls this
// once the window is up (or when the panel is first shown) rather than
// making staff wait for it at start-up.
func (s *standardsPanel) fill() {
	if s.text != nil {
		return
	}
	s.text = widget.NewRichTextFromMarkdown(string(s.standards))
	s.text.Wrapping = fyne.TextWrapWord
	for _, seg := range s.text.Segments {
		t, ok := seg.(*widget.TextSegment)
		if !ok {
			continue
		}
		// Top-level headings are drawn one size down: at heading size the
		// title alone would fill a narrow panel.
		if t.Style == widget.RichTextStyleHeading {
			t.Style = widget.RichTextStyleSubHeading
		}
		// Each font style costs the app over 10 MB, and the standards use
		// italics for one word, "(Proposed)", that reads as well upright.
		t.Style.TextStyle.Italic = false
	}
	s.box.Add(s.text)
}
