package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Preference keys for the comfort settings: how large the text is and
// whether the window is light or dark. Like the layout, they say only how
// the window looks.
const (
	prefTextSize = "desk.text.size"
	prefTheme    = "desk.theme"
)

// The text sizes staff can choose, as kept under prefTextSize.
const (
	textNormal = ""
	textLarge  = "large"
	textLarger = "larger"
)

// The colour schemes staff can choose, as kept under prefTheme. The empty
// choice follows the system.
const (
	themeSystem = ""
	themeLight  = "light"
	themeDark   = "dark"
)

// textScale is how much larger a text size setting draws text and icons
// than Fyne's own sizes.
func textScale(size string) float32 {
	switch size {
	case textLarge:
		return 1.2
	case textLarger:
		return 1.4
	}
	return 1
}

// deskTheme is the app's theme with staff's comfort settings applied: its
// text and icons scaled, and its light or dark variant fixed when staff
// chose one. Everything else, and sizes the setting leaves alone, such as
// the padding between things, come from the theme it wraps, so the
// system's choices and FYNE_SCALE still apply.
type deskTheme struct {
	fyne.Theme
	scale float32
	// variant is the variant to draw in, when fixed is set; otherwise the
	// system's variant is used.
	variant fyne.ThemeVariant
	fixed   bool
}

// newDeskTheme wraps base with a text size and colour scheme setting.
func newDeskTheme(base fyne.Theme, size, scheme string) *deskTheme {
	t := &deskTheme{Theme: base, scale: textScale(size)}
	switch scheme {
	case themeLight:
		t.variant, t.fixed = theme.VariantLight, true
	case themeDark:
		t.variant, t.fixed = theme.VariantDark, true
	}
	return t
}

// Color is the wrapped theme's colour in the chosen variant.
func (t *deskTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.fixed {
		v = t.variant
	}
	return t.Theme.Color(n, v)
}

// Size scales the sizes of text and icons, and of the radii and lines
// drawn around them, leaving the room between things as it is: large
// text should not push the listing off a 768-pixel screen with padding.
func (t *deskTheme) Size(n fyne.ThemeSizeName) float32 {
	s := t.Theme.Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameCaptionText, theme.SizeNameHeadingText,
		theme.SizeNameSubHeadingText, theme.SizeNameInlineIcon:
		return s * t.scale
	}
	return s
}
