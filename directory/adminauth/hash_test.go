package adminauth

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

// cheap are costs small enough to keep tests quick under the race
// detector; the format and the checks are the same as with DefaultParams.
var cheap = Params{Memory: 64, Time: 1, Threads: 1}

func TestHashRoundTrip(t *testing.T) {
	const pw = "correct horse battery"
	h := Hash(pw)
	want := regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
	if !want.MatchString(h) {
		t.Fatalf("Hash() = %q, want a PHC string matching %s", h, want)
	}
	if ok, err := Verify(pw, h); !ok || err != nil {
		t.Errorf("Verify(right password) = %v, %v, want true, nil", ok, err)
	}
	for _, wrong := range []string{"", "correct horse batterY", "correct horse battery ", pw + pw} {
		if ok, err := Verify(wrong, h); ok || err != nil {
			t.Errorf("Verify(%q) = %v, %v, want false, nil", wrong, ok, err)
		}
	}
	if h2 := Hash(pw); h2 == h {
		t.Error("Hash() of one password twice gave the same string, want a new salt each time")
	}
}

func TestVerifyNormalizes(t *testing.T) {
	// "é" as one code point and as e plus a combining accent: what two
	// keyboards or systems may send for the same key presses.
	composed, decomposed := "contraseña café", "contrasen\u0303a cafe\u0301"
	h := cheap.Hash(composed)
	if ok, err := Verify(decomposed, h); !ok || err != nil {
		t.Errorf("Verify(decomposed) of a hash of the composed form = %v, %v, want true", ok, err)
	}
}

func TestParseParams(t *testing.T) {
	for _, p := range []Params{DefaultParams, cheap, {Memory: 256, Time: 3, Threads: 2}} {
		h := p.Hash("a password")
		if got, err := ParseParams(h); err != nil || got != p {
			t.Errorf("ParseParams(%q) = %+v, %v, want %+v", h, got, err, p)
		}
		// Verify reads the costs from the string, not from DefaultParams:
		// hashes made before the costs are raised keep working.
		if ok, err := Verify("a password", h); !ok || err != nil {
			t.Errorf("Verify() of a hash with costs %+v = %v, %v, want true", p, ok, err)
		}
	}
}

func TestVerifyMalformed(t *testing.T) {
	const salt, key = "c2FsdHNhbHRzYWx0c2FsdA", "a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U" // 16 and 32 bytes
	good := "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key
	if _, err := Verify("x", good); err != nil {
		t.Fatalf("Verify(%q) = %v, want the test's own good string accepted", good, err)
	}
	tests := []struct {
		name, encoded, want string
	}{
		{"empty", "", "empty"},
		{"bcrypt", "$2b$10$abcdefghijklmnopqrstuu5ZrXyuWdXAvWzpw6MdnYk9C7pwvCLzi", "does not start with $argon2id$"},
		{"argon2i", "$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key, "does not start with $argon2id$"},
		{"upper case", "$ARGON2ID$v=19$m=64,t=1,p=1$" + salt + "$" + key, "does not start"},
		{"no dollar", "argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key, "does not start"},
		{"plain text", "hunter2hunter2", "does not start"},
		{"no version", "$argon2id$m=64,t=1,p=1$" + salt + "$" + key, "3 fields"},
		{"no hash", "$argon2id$v=19$m=64,t=1,p=1$" + salt, "3 fields"},
		{"extra field", good + "$" + key, "5 fields"},
		{"trailing dollar", good + "$", "5 fields"},
		{"version 16", "$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key, `version "v=16"`},
		{"costs out of order", "$argon2id$v=19$t=1,m=64,p=1$" + salt + "$" + key, "want m=MEMORY,t=PASSES,p=THREADS"},
		{"cost missing", "$argon2id$v=19$m=64,t=1$" + salt + "$" + key, "want m=MEMORY"},
		{"cost extra", "$argon2id$v=19$m=64,t=1,p=1,k=2$" + salt + "$" + key, "want m=MEMORY"},
		{"spaces", "$argon2id$v=19$m=64, t=1, p=1$" + salt + "$" + key, "want m=MEMORY"},
		{"leading zero", "$argon2id$v=19$m=064,t=1,p=1$" + salt + "$" + key, `m="064" is not a plain number`},
		{"plus sign", "$argon2id$v=19$m=+64,t=1,p=1$" + salt + "$" + key, "not a plain number"},
		{"negative", "$argon2id$v=19$m=64,t=-1,p=1$" + salt + "$" + key, "not a plain number"},
		{"not a number", "$argon2id$v=19$m=lots,t=1,p=1$" + salt + "$" + key, "not a plain number"},
		{"overflow", "$argon2id$v=19$m=4294967296,t=1,p=1$" + salt + "$" + key, "not a plain number"},
		{"no passes", "$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + key, "passes t=0"},
		{"hours of passes", "$argon2id$v=19$m=64,t=100000,p=1$" + salt + "$" + key, "passes t=100000"},
		{"no threads", "$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + key, "parallelism p=0"},
		{"too many threads", "$argon2id$v=19$m=4096,t=1,p=256$" + salt + "$" + key, "parallelism p=256"},
		{"too little memory", "$argon2id$v=19$m=8,t=1,p=2$" + salt + "$" + key, "memory m=8 KiB"},
		{"terabytes", "$argon2id$v=19$m=4294967295,t=1,p=1$" + salt + "$" + key, "memory m=4294967295 KiB"},
		{"salt padded", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "==$" + key, "salt is not unpadded base64"},
		{"salt url alphabet", "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2Fsd-_$" + key, "salt is not unpadded base64"},
		{"salt stray bits", "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdB$" + key, "salt is not unpadded base64"},
		{"salt short", "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$" + key, "salt is 4 bytes"},
		{"salt empty", "$argon2id$v=19$m=64,t=1,p=1$$" + key, "salt is 0 bytes"},
		{"hash not base64", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$not*base64", "hash is not unpadded base64"},
		{"hash short", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$a2V5", "hash is 3 bytes"},
		{"hash empty", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$", "hash is 0 bytes"},
		{"hash long", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + strings.Repeat("a2V5", 30), "hash is 90 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := Verify("x", tt.encoded)
			if ok || !errors.Is(err, ErrMalformedHash) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Verify(%q) = %v, %v, want false and an ErrMalformedHash saying %q", tt.encoded, ok, err, tt.want)
			}
			if _, err := ParseParams(tt.encoded); !errors.Is(err, ErrMalformedHash) {
				t.Errorf("ParseParams(%q) = %v, want ErrMalformedHash", tt.encoded, err)
			}
		})
	}
}

func TestCheckNewPassword(t *testing.T) {
	tests := []struct {
		password, want string // want "": accepted
	}{
		{"", "it has 0 characters; use at least 10"},
		{"hunter2", "it has 7 characters; use at least 10"},
		{"123456789", "it has 9 characters; use at least 10"},
		{"1234567890", ""},
		{"bibliotecá", ""}, // 10 characters, 11 bytes
		{"cafe\u0301cafe\u0301c", "it has 9 characters"}, // combining accents join their letters
		{"contraseña segura", ""},
		{"ten spaces", ""},
		{"caf\xe9 au lait!", "not valid UTF-8"},
		{strings.Repeat("a", 1024), ""},
		{strings.Repeat("a", 1025), "use at most 1024"},
	}
	for _, tt := range tests {
		err := CheckNewPassword(tt.password)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("CheckNewPassword(%q) = %v, want nil", tt.password, err)
		case tt.want != "" && (!errors.Is(err, ErrWeakPassword) || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("CheckNewPassword(%q) = %v, want ErrWeakPassword saying %q", tt.password, err, tt.want)
		}
	}
}

// BenchmarkHash measures one hash with DefaultParams: what setting the
// password and every unlock cost.
func BenchmarkHash(b *testing.B) {
	for b.Loop() {
		Hash("correct horse battery")
	}
}
