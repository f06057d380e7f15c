package hsds

import (
	"crypto/sha1"
	"strconv"
)

// The ids of the HSDS records a listing is stored and exported as are UUIDv5s (RFC 9562,
// section 5.5) of names made from the listing's id, so a listing's rows
// keep their ids whenever it is written again and an HSDS export made on
// any desk names a listing the same way. Each name starts with the kind of
// row and ends with its positions, which hold no ':', so no two rows of any
// listings share a name.

// idNamespace is No Wrong Door's namespace for UUIDv5 names.
var idNamespace = [16]byte{0x58, 0x04, 0x42, 0x7e, 0xc8, 0xeb, 0x42, 0x20, 0x96, 0xc2, 0x9a, 0x5d, 0x9a, 0xbf, 0x15, 0x4f}

// uuidV5 returns the name-based UUID of name in namespace ns, formatted
// as HSDS writes ids. Fifteen lines of crypto/sha1 rather than a
// dependency.
func uuidV5(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // the RFC 9562 variant
	const hexDigits = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, b := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hexDigits[b>>4], hexDigits[b&0x0f])
	}
	return string(out)
}

// ServiceID is the id of a listing's service row.
func ServiceID(listingID string) string { return uuidV5(idNamespace, "service:"+listingID) }

// OrganizationID is the id of the organization with name; listings with
// the same organization name share it.
func OrganizationID(name string) string { return uuidV5(idNamespace, "organization:"+name) }

// LocationID is the id of a listing's location row (it has at most one).
func LocationID(listingID string) string { return uuidV5(idNamespace, "location:"+listingID+":0") }

// PhoneID is the id of the listing's phone at position.
func PhoneID(listingID string, position int) string {
	return uuidV5(idNamespace, "phone:"+listingID+":"+strconv.Itoa(position))
}

// ScheduleID is the id of one row (part) of the listing's schedule at
// position.
func ScheduleID(listingID string, position, part int) string {
	return uuidV5(idNamespace, "schedule:"+listingID+":"+strconv.Itoa(position)+":"+strconv.Itoa(part))
}

// The records only an HSDS export writes (the store keeps their fields in
// its service and location rows) are named the same way, each kind with a
// name of its own, so they never share an id with a stored row.

// ServiceAtLocationID is the id of the link between a listing's service
// and its location.
func ServiceAtLocationID(listingID string) string {
	return uuidV5(idNamespace, "service_at_location:"+listingID+":0")
}

// AddressID is the id of the street address of a listing's location.
func AddressID(listingID string) string { return uuidV5(idNamespace, "address:"+listingID+":0") }

// LanguageID is the id of the listing's language at position.
func LanguageID(listingID string, position int) string {
	return uuidV5(idNamespace, "language:"+listingID+":"+strconv.Itoa(position))
}

// RequiredDocumentID is the id of the listing's documents to bring (it
// has one text).
func RequiredDocumentID(listingID string) string {
	return uuidV5(idNamespace, "required_document:"+listingID+":0")
}

// AttributeID is the id of the attribute at position among those of one
// record of the listing; link names the record: "service", "phone:2",
// "schedule:1:0".
func AttributeID(listingID, link string, position int) string {
	return uuidV5(idNamespace, "attribute:"+listingID+":"+link+":"+strconv.Itoa(position))
}

// TermID is the id of the term of No Wrong Door's taxonomy (TaxonomyName)
// with code; the same on every desk.
func TermID(code string) string { return uuidV5(idNamespace, "taxonomy_term:"+code) }
