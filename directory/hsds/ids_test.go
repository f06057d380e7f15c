package hsds

import "testing"

func TestUUIDv5(t *testing.T) {
	// RFC 9562, appendix A.4: the DNS namespace and "www.example.com".
	dns := [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	if got, want := uuidV5(dns, "www.example.com"), "2ed6657d-e927-568b-95e1-2665a8aea6a2"; got != want {
		t.Errorf("uuidV5(DNS, www.example.com) = %s, want %s", got, want)
	}
	// Names of different kinds and positions never collide, even when a
	// listing id looks like another's name.
	ids := map[string]string{}
	for name, id := range map[string]string{
		"service a":        ServiceID("a"),
		"service a:1":      ServiceID("a:1"),
		"phone a 1":        PhoneID("a", 1),
		"phone a:1 0":      PhoneID("a:1", 0),
		"schedule a 1 0":   ScheduleID("a", 1, 0),
		"schedule a 10 0":  ScheduleID("a", 10, 0),
		"schedule a 1 00?": ScheduleID("a:1", 0, 0),
		"location a":       LocationID("a"),
		"organization a":   OrganizationID("a"),
		// The records only an export writes.
		"service_at_location a":      ServiceAtLocationID("a"),
		"address a":                  AddressID("a"),
		"language a 0":               LanguageID("a", 0),
		"language a 1":               LanguageID("a", 1),
		"required_document a":        RequiredDocumentID("a"),
		"attribute a service 0":      AttributeID("a", "service", 0),
		"attribute a service 1":      AttributeID("a", "service", 1),
		"attribute a phone:0 0":      AttributeID("a", "phone:0", 0),
		"attribute a schedule:0:0 0": AttributeID("a", "schedule:0:0", 0),
		"attribute b service 0":      AttributeID("b", "service", 0),
		"term level":                 TermID("level"),
		"term a":                     TermID("a"),
		"organization location:a:0":  OrganizationID("location:a:0"),
	} {
		if other, ok := ids[id]; ok {
			t.Errorf("%s and %s share id %s", name, other, id)
		}
		ids[id] = name
	}
	if first, again := ServiceID("a"), ServiceID("a"); first != again {
		t.Error("serviceID is not stable")
	}
}
