package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// banner is a notice at the top of a listing that staff must read before
// referring: a closure or an active alert. It is tinted with the theme's
// warning or error colour, so it stands out in light and dark themes alike.
type banner struct {
	widget.BaseWidget

	Text string
	// Importance is widget.DangerImportance for a closure,
	// widget.WarningImportance for an alert and widget.SuccessImportance
	// for something done, such as a slip opened to print.
	Importance widget.Importance
}

func newBanner(text string, imp widget.Importance) *banner {
	b := &banner{Text: text, Importance: imp}
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer draws an icon and the wrapped text on a tinted background.
func (b *banner) CreateRenderer() fyne.WidgetRenderer {
	r := &bannerRenderer{
		b:     b,
		bg:    &canvas.Rectangle{},
		icon:  &widget.Icon{},
		label: &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}},
	}
	r.WidgetRenderer = widget.NewSimpleRenderer(container.NewStack(r.bg,
		container.NewPadded(container.NewBorder(nil, nil, container.NewCenter(r.icon), nil, r.label))))
	r.apply()
	return r
}

type bannerRenderer struct {
	fyne.WidgetRenderer
	b     *banner
	bg    *canvas.Rectangle
	icon  *widget.Icon
	label *widget.Label
}

// Refresh re-reads the text and the theme colours.
func (r *bannerRenderer) Refresh() {
	r.apply()
	r.WidgetRenderer.Refresh()
}

func (r *bannerRenderer) apply() {
	th := r.b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	name, icon := theme.ColorNameWarning, theme.WarningIcon()
	switch r.b.Importance {
	case widget.DangerImportance:
		name, icon = theme.ColorNameError, theme.ErrorIcon()
	case widget.SuccessImportance:
		name, icon = theme.ColorNameSuccess, theme.ConfirmIcon()
	}
	red, green, blue, _ := th.Color(name, v).RGBA()
	// A light wash of the colour keeps the text readable in both themes.
	r.bg.FillColor = color.NRGBA{R: uint8(red >> 8), G: uint8(green >> 8), B: uint8(blue >> 8), A: 0x33}
	r.bg.StrokeColor = th.Color(name, v)
	r.bg.StrokeWidth = 1
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	r.icon.SetResource(icon)
	r.label.Text = r.b.Text
	r.label.Refresh()
}
