package slip

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Lang is the language of a slip's labels. The listings' own text stays
// as staff entered it: the directory is kept in English, with Spanish
// names where the places use them.
type Lang string

// The languages a slip can be printed in.
const (
	English Lang = "en"
	Spanish Lang = "es"
)

// ParseLang reads a language as the command line and settings give it:
// "en" or "es", or the language's name in English or in itself.
func ParseLang(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "en", "english":
		return English, nil
	case "es", "spanish", "español", "espanol":
		return Spanish, nil
	}
	return "", fmt.Errorf("slip language %q: %w", s, ErrLang)
}

// labels is one language's words for a slip: its headings, the words
// of the hours and the dates. A slip has few, so it keeps its own tables
// rather than the window's translations, which need Fyne.
type labels struct {
	library        string
	pdfLang        string // the document's language, for screen readers
	phone, phones  string
	address        string
	today          string
	thisWeek       string
	hours          string
	moreHours      string
	bring          string
	canHelp        string
	eligibility    string
	fees           string
	languages      string
	website        string
	email          string
	pleaseNote     string
	tempClosed     string
	noLonger       string
	closed         string
	open24         string
	alwaysOpen     string
	everyDay       string
	until          string // "Until 8:30am": a day open only past midnight
	callFirst      string
	hoursCanChange string
	scanWebsite    string
	scanContact    string
	days           [7]string // indexed by time.Weekday
	dayShort       [7]string
	months         [12]string
	// dateFormat writes a day: "November 25, 2026".
	dateFormat func(l *labels, t time.Time) string
}

var english = labels{
	library:        "Salt Lake County Library",
	pdfLang:        "en-US",
	phone:          "Phone",
	phones:         "Phones",
	address:        "Address",
	today:          "Today",
	thisWeek:       "This week",
	hours:          "Hours",
	moreHours:      "About the hours",
	bring:          "What to bring",
	canHelp:        "Can help with",
	eligibility:    "Who qualifies",
	fees:           "Cost",
	languages:      "Languages",
	website:        "Website",
	email:          "Email",
	pleaseNote:     "Please note",
	tempClosed:     "Temporarily closed.",
	noLonger:       "No longer offered.",
	closed:         "Closed",
	open24:         "Open 24 hours",
	alwaysOpen:     "Open 24 hours, 7 days a week",
	everyDay:       "Every day",
	until:          "Until %s",
	callFirst:      "Hours can change: call first.",
	hoursCanChange: "Hours can change.",
	scanWebsite:    "Scan to open the website",
	scanContact:    "Scan to keep the contact details",
	days:           [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	dayShort:       [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
	months: [12]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"},
	dateFormat: func(l *labels, t time.Time) string {
		return fmt.Sprintf("%s %d, %d", l.months[t.Month()-1], t.Day(), t.Year())
	},
}

var spanish = labels{
	library:        "Salt Lake County Library",
	pdfLang:        "es-US",
	phone:          "Teléfono",
	phones:         "Teléfonos",
	address:        "Dirección",
	today:          "Hoy",
	thisWeek:       "Esta semana",
	hours:          "Horario",
	moreHours:      "Sobre el horario",
	bring:          "Qué llevar",
	canHelp:        "Ayuda con",
	eligibility:    "Requisitos",
	fees:           "Costo",
	languages:      "Idiomas",
	website:        "Sitio web",
	email:          "Correo electrónico",
	pleaseNote:     "Importante",
	tempClosed:     "Cerrado temporalmente.",
	noLonger:       "Este servicio ya no se ofrece.",
	closed:         "Cerrado",
	open24:         "Abierto las 24 horas",
	alwaysOpen:     "Abierto las 24 horas, los 7 días de la semana",
	everyDay:       "Todos los días",
	until:          "Hasta las %s",
	callFirst:      "El horario puede cambiar: llame antes de ir.",
	hoursCanChange: "El horario puede cambiar.",
	scanWebsite:    "Escanee para abrir el sitio web",
	scanContact:    "Escanee para guardar los datos de contacto",
	days:           [7]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"},
	dayShort:       [7]string{"dom", "lun", "mar", "mié", "jue", "vie", "sáb"},
	months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
		"agosto", "septiembre", "octubre", "noviembre", "diciembre"},
	dateFormat: func(l *labels, t time.Time) string {
		return fmt.Sprintf("%d de %s de %d", t.Day(), l.months[t.Month()-1], t.Year())
	},
}

// labelsFor returns a language's labels, English for any other.
func labelsFor(lang Lang) *labels {
	if lang == Spanish {
		return &spanish
	}
	return &english
}

// date writes the day of t in America/Denver's calendar, as the language
// writes dates.
func (l *labels) date(t time.Time) string { return l.dateFormat(l, t) }

// dayName is a weekday's full name, capitalised to start a line.
func (l *labels) dayName(d time.Weekday) string { return capitalize(l.days[d]) }

// capitalize puts the first letter in upper case: Spanish writes day
// names in lower case except where they start a line.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
