package hsds

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"nowrongdoor/directory"
)

// The member names and types of the HSDS 3.0 objects a service nests
// (schema/*.json of the specification), so that a reader can tell a
// misspelled field from a field HSDS defines, name a value of the wrong
// type by its path, and list the fields the directory cannot keep.

// kind is the JSON type a member must have.
type kind uint8

const (
	kString kind = iota
	kNumber
	kObject // an object of the member's type
	kArray  // an array of objects of the member's type
)

// member is one member of an HSDS object.
type member struct {
	kind kind
	typ  *object // of kObject and kArray
	// held is set when the Service model holds the member and ToListing
	// judges it (or it is a link id that means nothing once nested); a
	// member not held is reported as not kept when it has a value.
	held bool
	idx  int // among the object's names
}

// object is an HSDS object type.
type object struct {
	name    string
	members map[string]member
	names   []string // in the schema's order, for "did you mean"
}

// hsdsObjects describes each type: its members in the schema's order,
// "*" before those held, ":n" after numbers, ":[type" after arrays of
// objects and ":{type" after objects; others are strings.
var hsdsObjects = map[string]string{
	"service": `*id *organization_id program_id *name *alternate_name *description *url *email *status
		*interpretation_services *application_process *fees_description wait_time *fees accreditations
		*eligibility_description minimum_age:n maximum_age:n *assured_date assurer_email licenses *alert
		*last_modified *phones:[phone *schedules:[schedule service_areas:[service_area
		*service_at_locations:[service_at_location *languages:[language *organization:{organization
		funding:[funding cost_options:[cost_option program:{program *required_documents:[required_document
		contacts:[contact *attributes:[attribute metadata:[metadata`,
	"organization": `*id *name alternate_name *description *email *website tax_status tax_id year_incorporated:n
		legal_status logo uri parent_organization_id funding:[funding contacts:[contact phones:[phone
		locations:[location programs:[program organization_identifiers:[organization_identifier
		attributes:[attribute metadata:[metadata`,
	"phone": `*id *location_id *service_id *organization_id *contact_id *service_at_location_id *number
		*extension:n *type *description *languages:[language *attributes:[attribute metadata:[metadata`,
	"schedule": `*id *service_id *location_id *service_at_location_id *valid_from *valid_to dtstart timezone:n
		until count:n *wkst *freq *interval:n *byday *byweekno *bymonthday *byyearday *description *opens_at
		*closes_at schedule_link attending_type *notes *attributes:[attribute metadata:[metadata`,
	"service_at_location": `*id *service_id *location_id *description contacts:[contact *phones:[phone
		*schedules:[schedule *location:{location attributes:[attribute metadata:[metadata`,
	"location": `*id *location_type url *organization_id *name alternate_name *description transportation
		latitude:n longitude:n external_identifier external_identifier_type languages:[language
		*addresses:[address contacts:[contact accessibility:[accessibility *phones:[phone
		*schedules:[schedule attributes:[attribute metadata:[metadata`,
	"address": `*id *location_id attention *address_1 *address_2 *city region *state_province *postal_code
		*country *address_type attributes:[attribute metadata:[metadata`,
	"language": `*id *service_id *location_id *phone_id *name *code *note attributes:[attribute
		metadata:[metadata`,
	"required_document": `*id *service_id *document uri attributes:[attribute metadata:[metadata`,
	"attribute": `*id *link_id *taxonomy_term_id *link_type *link_entity *value *taxonomy_term:{taxonomy_term
		metadata:[metadata`,
	"taxonomy_term": `*id *code *name *description *parent_id *taxonomy *taxonomy_detail:{taxonomy *language
		*taxonomy_id *term_uri *metadata:[metadata`,
	"taxonomy":     `*id *name *description *uri *version *metadata:[metadata`,
	"service_area": `id service_id name description extent extent_type uri attributes:[attribute metadata:[metadata`,
	"contact": `id organization_id service_id service_at_location_id location_id name title department email
		phones:[phone attributes:[attribute metadata:[metadata`,
	"cost_option": `id service_id valid_from valid_to option currency amount:n amount_description
		attributes:[attribute metadata:[metadata`,
	"funding":       `id organization_id service_id source attributes:[attribute metadata:[metadata`,
	"program":       `id organization_id name alternate_name description attributes:[attribute metadata:[metadata`,
	"accessibility": `id location_id description details url attributes:[attribute metadata:[metadata`,
	"organization_identifier": `id organization_id identifier_scheme identifier_type identifier
		attributes:[attribute metadata:[metadata`,
	"metadata": `id resource_id resource_type last_action_date last_action_type field_name previous_value
		replacement_value updated_by`,
}

// serviceObject is the HSDS service, with every type it nests.
var serviceObject = func() *object {
	types := map[string]*object{}
	for name := range hsdsObjects {
		types[name] = &object{name: name, members: map[string]member{}}
	}
	for name, spec := range hsdsObjects {
		o := types[name]
		for _, f := range strings.Fields(spec) {
			var m member
			f, m.held = strings.CutPrefix(f, "*")
			f, typ, _ := strings.Cut(f, ":")
			switch {
			case typ == "n":
				m.kind = kNumber
			case strings.HasPrefix(typ, "["):
				m.kind, m.typ = kArray, types[typ[1:]]
			case strings.HasPrefix(typ, "{"):
				m.kind, m.typ = kObject, types[typ[1:]]
			}
			if (m.kind == kArray || m.kind == kObject) && m.typ == nil {
				panic("hsds: unknown type in " + name + "." + f) // a typo above
			}
			m.idx = len(o.names)
			o.members[f] = m
			o.names = append(o.names, f)
		}
	}
	return types["service"]
}()

// walker checks one service's raw JSON, which the decoder has found to be
// valid, against the HSDS types: member names the schema does not define,
// names given twice and values of the wrong type are problems; members
// the model does not hold are not kept. It walks only as deep as the
// types go and skips what lies beyond without recursion, so no nesting
// can exhaust the stack.
type walker struct {
	data     []byte
	pos      int
	path     []byte // of the value being walked
	problems []directory.Problem
	notKept  []string
	// bad holds the paths of the values of the wrong type, which decoding
	// leaves out.
	bad []string
	// strings holds one copy of each short text that repeats (interned).
	strings map[string]string
	// svc and terms hold the record being read; see reset.
	svc   Service
	terms []TaxonomyTerm
}

// walkService walks a record that should be a service object and decodes
// into s what the model holds; it reports false when the record is no
// object at all.
func (w *walker) walkService(raw []byte, s *Service) bool {
	w.data, w.pos, w.path = raw, 0, w.path[:0]
	w.ws()
	if w.pos >= len(w.data) || w.data[w.pos] != '{' {
		return false
	}
	w.service(s)
	return true
}

func (w *walker) ws() {
	for w.pos < len(w.data) {
		switch w.data[w.pos] {
		case ' ', '\t', '\n', '\r':
			w.pos++
		default:
			return
		}
	}
}

// object walks an object of type o at w.pos; held says whether its
// parent is kept, so its members not held are reported. dst, when not
// nil, is the record the object decodes into (see set): it takes the
// members of the right type it holds; the others are only walked.
func (w *walker) object(o *object, held bool, dst any) {
	w.pos++         // {
	var seen uint64 // of o.names, by position; HSDS objects have fewer than 64 members
	var unknown []string
	for {
		w.ws()
		if w.data[w.pos] == '}' {
			w.pos++
			return
		}
		if w.data[w.pos] == ',' {
			w.pos++
			w.ws()
		}
		keyRaw := w.str()
		m, known := o.members[string(keyRaw)]
		var key string
		switch {
		case known:
			key = o.names[m.idx] // no copy
		case bytes.IndexByte(keyRaw, '\\') >= 0:
			key = unescape(keyRaw)
			m, known = o.members[key]
		default:
			key = string(keyRaw)
		}
		w.ws()
		w.pos++ // :
		w.ws()
		mark := len(w.path)
		if mark > 0 {
			w.path = append(w.path, '.')
		}
		w.path = append(w.path, key...)
		dup := false
		if known {
			bit := uint64(1) << m.idx
			dup = seen&bit != 0
			seen |= bit
		} else {
			for _, u := range unknown {
				dup = dup || u == key
			}
			unknown = append(unknown, key)
		}
		switch {
		case dup:
			w.problem(fmt.Sprintf("field %q appears more than once; keep one", w.path))
			w.skip()
		case !known:
			msg := fmt.Sprintf("unknown field %q", w.path)
			prefix := string(w.path[:len(w.path)-len(key)])
			if s := directory.ClosestName(key, o.names); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", prefix+s)
			} else {
				msg += fmt.Sprintf(" (HSDS %s has %s)", o.name, strings.Join(o.names, ", "))
			}
			w.problem(msg)
			w.skip()
		default:
			if held && !m.held && w.hasValue() {
				w.notKept = append(w.notKept, string(w.path))
			}
			h := held && m.held
			switch {
			case w.data[w.pos] == 'n':
				w.pos += 4 // null: no value
			case dst != nil && w.kindOK(m) && w.set(dst, key, h):
			default:
				w.value(m, h)
			}
		}
		w.path = w.path[:mark]
	}
}

// value walks the value of member m at w.pos.
func (w *walker) value(m member, held bool) {
	c := w.data[w.pos]
	if c == 'n' { // null: no value
		w.pos += 4
		return
	}
	want, ok := "", true
	switch m.kind {
	case kString:
		want, ok = "a string in double quotes", c == '"'
	case kNumber:
		want, ok = "a number", c == '-' || (c >= '0' && c <= '9')
	case kObject:
		want, ok = "an object { ... }", c == '{'
	case kArray:
		want, ok = "an array [ ... ]", c == '['
	}
	if !ok {
		w.problem(fmt.Sprintf("%s should be %s, not %s", w.path, want, kindOf(c)))
		w.bad = append(w.bad, string(w.path))
		w.skip()
		return
	}
	switch m.kind {
	case kObject:
		w.object(m.typ, held, nil)
	case kArray:
		for mark, i := w.arrayOpen(), 0; w.arrayNext(mark, &i); {
			w.object(m.typ, held, nil)
		}
	default:
		w.skip()
	}
}

// kindOK reports whether the value at w.pos has member m's type.
func (w *walker) kindOK(m member) bool {
	c := w.data[w.pos]
	switch m.kind {
	case kString:
		return c == '"'
	case kNumber:
		return c == '-' || (c >= '0' && c <= '9')
	case kObject:
		return c == '{'
	}
	return c == '['
}

// unescape reads a string's text with its escapes, as raw between its
// quotes; raw itself when it cannot.
func unescape(raw []byte) string {
	var s string
	if json.Unmarshal([]byte(`"`+string(raw)+`"`), &s) != nil {
		return string(raw)
	}
	return s
}

// arrayOpen moves into the array at w.pos and returns the length of
// the path before it, for arrayNext.
func (w *walker) arrayOpen() int {
	w.pos++ // [
	return len(w.path)
}

// arrayNext moves to the next object of the array, with the path naming
// it ("phones[2]"), and reports whether there is one; an entry of
// another type is a problem, null is skipped. *i counts the entries.
func (w *walker) arrayNext(mark int, i *int) bool {
	for {
		w.path = w.path[:mark]
		w.ws()
		if w.data[w.pos] == ']' {
			w.pos++
			return false
		}
		if w.data[w.pos] == ',' {
			w.pos++
			w.ws()
		}
		w.path = append(w.path, '[')
		w.path = appendInt(w.path, *i)
		w.path = append(w.path, ']')
		*i++
		switch c := w.data[w.pos]; c {
		case '{':
			return true
		case 'n':
			w.pos += 4
		default:
			w.problem(fmt.Sprintf("%s should be an object { ... }, not %s", w.path, kindOf(c)))
			w.bad = append(w.bad, string(w.path[:mark]))
			w.skip()
		}
	}
}

// hasValue reports whether the value at w.pos says anything: not null,
// "", [] or {}.
func (w *walker) hasValue() bool {
	d := w.data[w.pos:]
	switch d[0] {
	case 'n':
		return false
	case '"':
		return len(d) > 1 && d[1] != '"'
	case '[', '{':
		for _, c := range d[1:] {
			switch c {
			case ' ', '\t', '\n', '\r':
				continue
			case ']', '}':
				return false
			}
			return true
		}
	}
	return true
}

// str returns the raw text of the string at w.pos and moves past it.
func (w *walker) str() []byte {
	start := w.pos + 1
	i := start
	for i < len(w.data) {
		k := toQuoteOrBackslash(w.data[i:])
		if k < 0 {
			break
		}
		i += k
		switch w.data[i] {
		case '\\':
			i += 2
			continue
		case '"':
			w.pos = i + 1
			return w.data[start:i]
		}
		i++
	}
	w.pos = len(w.data)
	return w.data[start:]
}

// skip moves past the value at w.pos, however deeply it nests.
func (w *walker) skip() {
	depth := 0
	for w.pos < len(w.data) {
		switch w.data[w.pos] {
		case '"':
			w.str()
			if depth == 0 {
				return
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				w.pos++
				return
			}
		case ',':
			if depth == 0 {
				return
			}
		}
		w.pos++
		if depth == 0 {
			// A number or literal ends at a delimiter.
			for w.pos < len(w.data) {
				c := w.data[w.pos]
				if c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\t' || c == '\r' {
					return
				}
				w.pos++
			}
		}
	}
}

func (w *walker) problem(msg string) {
	w.problems = append(w.problems, directory.Problem{Field: string(w.path), Message: msg})
}

// kindOf names the kind of JSON value starting with c, for a message.
func kindOf(c byte) string {
	switch c {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "a number"
}

func appendInt(b []byte, i int) []byte {
	if i >= 10 {
		b = appendInt(b, i/10)
	}
	return append(b, byte('0'+i%10))
}
