package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestActionsGoBelowASqueezedValue lays out an address with its Copy and
// Map buttons at the width the middle pane gives it on a 1024-pixel
// screen, and on a wide one: beside the buttons only while that costs the
// address no more than a line, below it otherwise.
func TestActionsGoBelowASqueezedValue(t *testing.T) {
	test.NewTempApp(t)
	lay := func(value string, width float32) (v, b fyne.CanvasObject) {
		c := withActions(paragraph(value),
			&widget.Button{Text: "Copy", Icon: theme.ContentCopyIcon(), Importance: widget.LowImportance},
			&widget.Button{Text: "Map", Icon: theme.SearchIcon(), Importance: widget.LowImportance}).(*fyne.Container)
		w := test.NewWindow(container.NewWithoutLayout(c))
		t.Cleanup(w.Close)
		c.Resize(fyne.NewSize(width, 200))
		c.Resize(fyne.NewSize(width, c.MinSize().Height))
		return c.Objects[0], c.Objects[1]
	}
	address := "Headquarters at West Jordan Library, 8030 S 1825 W, West Jordan, UT"

	v, b := lay(address, 296)
	if b.Position().Y < v.Position().Y+v.Size().Height || v.Size().Width != 296 {
		t.Errorf("at 296 wide: address %v at %v, buttons at %v; want the address across the width and the buttons below it",
			v.Size(), v.Position(), b.Position())
	}

	v, b = lay(address, 700)
	if b.Position().Y != 0 || b.Position().X+b.Size().Width != 700 || v.Size().Width >= 700-b.Size().Width {
		t.Errorf("at 700 wide: address %v, buttons at %v; want the buttons at the top right beside it", v.Size(), b.Position())
	}

	v, b = lay("801-555-0100", 296)
	if b.Position().Y != 0 || v.Position().X != 0 {
		t.Errorf("a short value at 296 wide put its buttons at %v; want them beside it", b.Position())
	}
}
