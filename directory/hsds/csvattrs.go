package hsds

import "strings"

// Attributes are most of a package: an export carries a listing's
// keywords, services, categories and sources as attributes, some twenty
// rows a listing, three quarters of the package's bytes. They are held
// compactly until their service is read: each row's id and value copied
// out of the row (so the row's text is freed), its term, link type and
// entity as small numbers, and the rows of one record chained in one
// slice rather than a slice each.

// csvAttr is one attributes.csv row.
type csvAttr struct {
	// uid is the id when it is a UUID written as HSDS writes them
	// (lower-case); id holds any other.
	uid            [16]byte
	id, value      string
	linkType, kind uint32 // in csvAttrIndex.words
	term           int32  // in csvJoin.termList, -1 for none
	row            int32
	next           int32 // the next row linked to the same record, -1 for none
}

// csvChain is the first and last row linked to one record.
type csvChain struct{ first, last int32 }

// csvAttrChunk is how many rows are held in one block; a block is let go
// once all its rows are taken, so a package whose attributes come in the
// order of their services (as an export writes them) holds only those
// not yet taken.
const csvAttrChunk = 1 << 14

// csvAttrIndex holds the attributes by the record they are linked to.
type csvAttrIndex struct {
	chunks [][]csvAttr
	left   []int32 // rows of each chunk not yet taken
	n      int32
	chains map[string]csvChain
	// words are the link types and entities, each held once.
	words     []string
	wordIndex map[string]uint32
	// lastWords are the last two words looked up: a package's rows
	// mostly repeat one link type and a few entities.
	lastWords [2]uint32
}

// rec returns row i.
func (x *csvAttrIndex) rec(i int32) *csvAttr { return &x.chunks[i/csvAttrChunk][i%csvAttrChunk] }

// csvAttrRow is where an attribute taken came from: its attributes.csv
// row and its term's (in csvJoin.termList, -1 for none).
type csvAttrRow struct{ row, term int32 }

// word returns the number of s in the index's words.
func (x *csvAttrIndex) word(s string) uint32 {
	for _, i := range x.lastWords {
		if int(i) < len(x.words) && x.words[i] == s {
			return i
		}
	}
	if i, ok := x.wordIndex[s]; ok {
		x.lastWords[0], x.lastWords[1] = i, x.lastWords[0]
		return i
	}
	if x.wordIndex == nil {
		x.wordIndex = map[string]uint32{}
	}
	s = strings.Clone(s)
	i := uint32(len(x.words))
	x.wordIndex[s] = i
	x.words = append(x.words, s)
	x.lastWords[0], x.lastWords[1] = i, x.lastWords[0]
	return i
}

// add links a row to record link.
func (x *csvAttrIndex) add(link string, a csvAttr) {
	a.next = -1
	i := x.n
	if i%csvAttrChunk == 0 {
		x.chunks = append(x.chunks, make([]csvAttr, 0, csvAttrChunk))
		x.left = append(x.left, 0)
	}
	c := len(x.chunks) - 1
	x.chunks[c] = append(x.chunks[c], a)
	x.left[c]++
	x.n++
	if ch, ok := x.chains[link]; ok {
		x.rec(ch.last).next = i
		ch.last = i
		x.chains[link] = ch
		return
	}
	x.chains[strings.Clone(link)] = csvChain{i, i}
}

// takeAttributes takes the attributes linked to id out of the index, with
// the rows they came from.
func (j *csvJoin) takeAttributes(id string) ([]Attribute, []csvAttrRow) {
	x := &j.attrs
	ch, ok := x.chains[id]
	if !ok || id == "" {
		return nil, nil
	}
	delete(x.chains, id)
	n := 0
	for i := ch.first; i >= 0; i = x.rec(i).next {
		n++
	}
	out := make([]Attribute, 0, n)
	rows := make([]csvAttrRow, 0, n)
	for i := ch.first; i >= 0; {
		r := x.rec(i)
		out = append(out, j.attribute(id, r))
		rows = append(rows, csvAttrRow{r.row, r.term})
		next := r.next
		c := i / csvAttrChunk
		if x.left[c]--; x.left[c] == 0 {
			x.chunks[c] = nil
		}
		i = next
	}
	return out, rows
}

// attribute makes the Attribute of a row linked to id.
func (j *csvJoin) attribute(id string, r *csvAttr) Attribute {
	aid := r.id
	if aid == "" && r.uid != ([16]byte{}) {
		aid = csvFormatUUID(r.uid)
	}
	a := Attribute{ID: aid, LinkID: id, Value: r.value, LinkType: j.attrs.words[r.linkType], LinkEntity: j.attrs.words[r.kind]}
	if r.term >= 0 {
		a.TaxonomyTerm = j.termList[r.term].v
		a.TaxonomyTermID = a.TaxonomyTerm.ID
	}
	return a
}

// setID keeps id in r: packed when it is a lower-case UUID, else
// copied out of the row's text.
func (r *csvAttr) setID(id string) {
	if u, ok := csvParseUUID(id); ok {
		r.uid = u
		return
	}
	r.id = strings.Clone(id)
}

// csvParseUUID reads a UUID written in lower case with dashes, as
// csvFormatUUID writes it back. The nil UUID is not packed (it would read
// as no id).
func csvParseUUID(s string) (u [16]byte, ok bool) {
	if len(s) != 36 {
		return u, false
	}
	j := 0
	for i := 0; i < 36; {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if s[i] != '-' {
				return u, false
			}
			i++
			continue
		}
		hi, lo := csvHexDigits[s[i]], csvHexDigits[s[i+1]]
		if hi == 0 || lo == 0 {
			return u, false
		}
		u[j] = (hi-1)<<4 | (lo - 1)
		j++
		i += 2
	}
	return u, u != [16]byte{}
}

// csvHexDigits holds one more than the value of each lower-case hex
// digit, 0 for any other byte.
var csvHexDigits = func() (t [256]byte) {
	for i, c := range "0123456789abcdef" {
		t[c] = byte(i + 1)
	}
	return t
}()

// csvFormatUUID writes a UUID as csvParseUUID reads it.
func csvFormatUUID(u [16]byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, b := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, digits[b>>4], digits[b&0x0f])
	}
	return string(out)
}
