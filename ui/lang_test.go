package ui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"nowrongdoor/data"
	"nowrongdoor/directory"
	"nowrongdoor/directory/directorytest"
)

// readTranslations reads data/translations/CODE.json: each key's text, or
// its plural forms.
func readTranslations(t *testing.T, code string) map[string]any {
	t.Helper()
	raw, err := data.Translations.ReadFile("translations/" + code + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s.json: %v", code, err)
	}
	return m
}

// usedKeys is every string literal the window's code passes first to a
// function of lang, with where it is.
func usedKeys(t *testing.T) map[string]token.Position {
	t.Helper()
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	keys := map[string]token.Position{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(node ast.Node) bool {
			call, ok := node.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "lang" {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			key, _ := strconv.Unquote(lit.Value)
			keys[key] = fset.Position(lit.Pos())
			return true
		})
	}
	return keys
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// placeholders is the set of template fields a text uses.
func placeholders(text string) map[string]bool {
	out := map[string]bool{}
	for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
		out[m[1]] = true
	}
	return out
}

// forms is a translation's texts: the one text, or each plural form.
func forms(v any) map[string]string {
	switch v := v.(type) {
	case string:
		return map[string]string{"": v}
	case map[string]any:
		out := map[string]string{}
		for k, f := range v {
			s, _ := f.(string)
			out[k] = s
		}
		return out
	}
	return nil
}

// sameInSpanish are the strings Spanish writes as English does: key
// names, the app's name and names of organizations.
var sameInSpanish = map[string]bool{
	"Alt": true, "Ctrl": true, "Shift": true, "Esc": true, "Enter": true,
	"No Wrong Door": true, "Normal": true, "United Way": true, "Utah 211": true,
}

// TestTranslationsComplete checks that every string the window passes to
// lang is in the English file, that the Spanish file translates each of
// them with the same plural forms and template fields, and that no main
// string is left in English.
func TestTranslationsComplete(t *testing.T) {
	en, es := readTranslations(t, "en"), readTranslations(t, "es")
	used := usedKeys(t)
	if len(used) < 150 {
		t.Errorf("found only %d translated strings; is the scan broken?", len(used))
	}
	for key, pos := range used {
		if _, ok := en[key]; !ok {
			t.Errorf("%s: %q is not in en.json", pos, key)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(en)) {
		enForms := forms(en[key])
		if enForms == nil {
			t.Errorf("en.json: %q is neither a text nor plural forms", key)
			continue
		}
		esValue, ok := es[key]
		if !ok {
			t.Errorf("es.json has no translation of %q", key)
			continue
		}
		esForms := forms(esValue)
		if !slices.Equal(slices.Sorted(maps.Keys(esForms)), slices.Sorted(maps.Keys(enForms))) {
			t.Errorf("es.json: %q has forms %v, want %v", key, slices.Sorted(maps.Keys(esForms)), slices.Sorted(maps.Keys(enForms)))
			continue
		}
		for form, text := range esForms {
			want := placeholders(enForms[form])
			if want["Month"] {
				want["MonthLong"] = true // a date may write the month in full
			}
			for field := range placeholders(text) {
				if !want[field] {
					t.Errorf("es.json: %q uses {{.%s}}, which the window does not pass", key, field)
				}
			}
			if strings.TrimSpace(text) == "" {
				t.Errorf("es.json: %q is empty", key)
			}
			if text == enForms[form] && !sameInSpanish[key] {
				t.Errorf("es.json: %q is still in English", key)
			}
		}
	}
	for key := range es {
		if _, ok := en[key]; !ok {
			t.Errorf("es.json has %q, which en.json does not", key)
		}
	}
}

// useSpanish switches the window's strings to Spanish for a test, and
// back to the system's language after it.
func useSpanish(t *testing.T) {
	t.Helper()
	setLanguage(languageSpanish)
	t.Cleanup(func() { setLanguage(languageSystem) })
}

func TestSpanishHours(t *testing.T) {
	test.NewTempApp(t)
	useSpanish(t)
	weekdays := &directory.Listing{Hours: "Monday-Friday 8:00am-5:00pm; Saturday 10:00am-1:30pm"}
	directorytest.Prepare(weekdays)
	overnight := &directory.Listing{Hours: "Monday-Friday 7:30pm-8:30am"}
	directorytest.Prepare(overnight)
	doubted := &directory.Listing{Hours: "Monday-Friday 8:00am-5:00pm (as of 2011; confirm)"}
	directorytest.Prepare(doubted)
	for _, tc := range []struct {
		name string
		got  func() string
		want string
	}{
		{"open", func() string { b, _ := openBadge(weekdays, at(25, 10, 30)); return b }, "Abierto hasta 5:00 p.m."},
		{"evening", func() string { b, _ := openBadge(weekdays, at(25, 18, 0)); return b }, "Cerrado: abre mañana 8:00 a.m."},
		{"weekend", func() string { b, _ := openBadge(weekdays, at(28, 14, 0)); return b }, "Cerrado: abre lun 8:00 a.m."},
		{"doubted", func() string { b, _ := openBadge(doubted, at(25, 10, 30)); return b }, "¿Abierto hasta 5:00 p.m.?"},
		{"today", func() string { h, _ := todayHours(weekdays, at(25, 10, 30)); return h }, "8:00 a.m. a 5:00 p.m."},
		{"closed today", func() string { h, _ := todayHours(weekdays, at(29, 10, 30)); return h }, "Cerrado"},
		{"night before", func() string { return dayHours(overnight.Schedules[0], 6) }, "Hasta 8:30 a.m."},
		{"date", func() string { return longDate(testNow) }, "25 de noviembre de 2026"},
		{"checked", func() string { return checkedAgo(directory.Date{Year: 2026, Month: 11, Day: 4}, testNow) }, "revisada hace 3 semanas"},
		{"months", func() string { return checkedAgo(directory.Date{Year: 2026, Month: 9, Day: 25}, testNow) }, "revisada hace 2 meses"},
	} {
		if got := tc.got(); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
	var week []string
	for _, g := range weekGroups(weekdays.Schedules[0], 6) {
		week = append(week, g.days+" "+g.hours)
	}
	if got, want := strings.Join(week, " | "), "lun–vie 8:00 a.m. a 5:00 p.m. | sáb 10:00 a.m. a 1:30 p.m. | dom Cerrado"; got != want {
		t.Errorf("weekGroups = %q, want %q", got, want)
	}
}

// TestSpanishWindow runs the window in Spanish: its own words are
// Spanish, the listing's are as entered.
func TestSpanishWindow(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefLanguage, languageSpanish)
	t.Cleanup(func() { setLanguage(languageSystem) })
	td := newTestDeskOn(t, a, newFakeDirectory(fixtureListings()))
	if got, want := td.search.PlaceHolder, "¿Qué necesita el cliente?"; got != want {
		t.Errorf("placeholder = %q, want %q", got, want)
	}
	if got := td.win.MainMenu().Items[1].Label; got != "Buscar" {
		t.Errorf("second menu = %q, want Buscar", got)
	}
	td.typeText("passport")
	if got := td.results.heading.Text; got != "1 resultado" {
		t.Errorf("heading = %q, want 1 resultado", got)
	}
	text := td.detailText()
	for _, want := range []string{
		"Salt Lake County Clerk - Passport Acceptance", // the listing as entered
		"Accepts U.S. passport applications by appointment.",
		"[Copiar referencia]",
		"[Correo…]",
		"Teléfonos",
		"Hoy",
		"miércoles: 8:00 a.m. a 5:00 p.m.",
		"lun–vie",
		"Verificada el 1 de junio de 2026 por J. Rivera",
		"(hasta el 31 de diciembre de 2026)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("detail does not show %q; it shows:\n%s", want, text)
		}
	}
	td.onCopyReferral()
	ref := td.app.Clipboard().Content()
	for _, want := range []string{"Teléfono: 385-468-7300 (Passports)", "Horario: lun–vie 8:00 a.m. a 5:00 p.m.; sáb–dom Cerrado",
		"El horario puede cambiar: llame antes de ir.", "Referencia del 25 de noviembre de 2026, Biblioteca del Condado de Salt Lake"} {
		if !strings.Contains(ref, want) {
			t.Errorf("referral does not say %q:\n%s", want, ref)
		}
	}
}

// TestLanguageChoiceComesBack: with Spanish chosen, lang speaks
// it; with the system's language chosen again, the system's (English in
// the tests) comes back.
func TestLanguageChoiceComesBack(t *testing.T) {
	test.NewTempApp(t)
	addTranslations()
	setLanguage(languageSpanish)
	if got := lang.L("Closed"); got != "Cerrado" {
		t.Errorf("with Spanish chosen, Closed = %q", got)
	}
	setLanguage(languageEnglish)
	if got := lang.L("Closed"); got != "Closed" {
		t.Errorf("with English chosen, Closed = %q", got)
	}
	setLanguage(languageSystem)
	if got := lang.L("Closed"); got != "Closed" {
		t.Errorf("with the system's language (English) chosen, Closed = %q", got)
	}
}
