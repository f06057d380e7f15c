package adminauth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Params are the Argon2id costs a hash was made with. They are written
// into the encoded hash, so a hash made with today's costs still verifies
// after DefaultParams are raised.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes over the memory
	Threads uint8  // parallelism
}

// DefaultParams are the costs new hashes are made with: OWASP's minimum
// for Argon2id (19 MiB, 2 passes, parallelism 1), which takes tens of
// milliseconds on a desk PC.
var DefaultParams = Params{Memory: 19 * 1024, Time: 2, Threads: 1}

// Sizes of a new hash's parts, in bytes.
const (
	SaltLen = 16
	KeyLen  = 32
)

// Limits on what a stored hash may ask for. A hash is read from the
// database, so without them a damaged or altered one could make the
// program allocate terabytes or loop for hours before saying anything.
const (
	maxMemory  = 1 << 20 // KiB: 1 GiB
	maxTime    = 64
	minSaltLen = 8 // the PHC string format's minimum
	maxSaltLen = 64
	minKeyLen  = 16
	maxKeyLen  = 64
)

const (
	phcPrefix = "$argon2id$"
	// phcVersion is Argon2 version 1.3 (0x13), the only one x/crypto
	// computes.
	phcVersion = "v=19"
)

// MinPasswordLength is the fewest characters an admin password may have.
// Length is what makes a password hard to guess (NIST SP 800-63B); rules
// about kinds of characters mostly make people write it down.
const MinPasswordLength = 10

// maxPasswordLength keeps a pasted document from becoming the password.
const maxPasswordLength = 1024

// Errors callers act on; match them with errors.Is.
var (
	// ErrMalformedHash means a stored hash is not an Argon2id PHC string
	// this package can verify. The fix is to restore the database from a
	// backup; the error says which part is wrong.
	ErrMalformedHash = errors.New("the stored admin password hash is damaged")
	// ErrWeakPassword means a new password breaks the minimum rules; the
	// error says which.
	ErrWeakPassword = errors.New("the admin password is too weak")
)

// b64 is the PHC string format's base64: the standard alphabet without
// padding. Strict rejects encodings whose unused bits are not zero, so
// each hash has one spelling.
var b64 = base64.RawStdEncoding.Strict()

// normalize puts a password in Unicode NFKC form, so an accented letter
// typed on one system matches the same letter typed on another (NIST SP
// 800-63B asks for this).
func normalize(password string) []byte {
	return norm.NFKC.Bytes([]byte(password))
}

// CheckNewPassword reports whether password may become the admin
// password: valid text of at least MinPasswordLength characters. The error
// wraps ErrWeakPassword and says what to change.
func CheckNewPassword(password string) error {
	if !utf8.ValidString(password) {
		return fmt.Errorf("%w: it is not valid UTF-8 text; set the terminal to UTF-8", ErrWeakPassword)
	}
	n := utf8.RuneCount(normalize(password))
	if n < MinPasswordLength {
		return fmt.Errorf("%w: it has %d characters; use at least %d", ErrWeakPassword, n, MinPasswordLength)
	}
	if n > maxPasswordLength {
		return fmt.Errorf("%w: it has %d characters; use at most %d", ErrWeakPassword, n, maxPasswordLength)
	}
	return nil
}

// Hash returns password's Argon2id hash with DefaultParams and a new
// random salt, as a PHC string:
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>
//
// It does not check the password rules; see CheckNewPassword.
func Hash(password string) string { return DefaultParams.Hash(password) }

// Hash returns password's Argon2id hash with these costs and a new random
// salt, as a PHC string.
func (p Params) Hash(password string) string {
	salt := make([]byte, SaltLen)
	rand.Read(salt) // never fails; on a broken system it crashes the program
	key := argon2.IDKey(normalize(password), salt, p.Time, p.Memory, p.Threads, KeyLen)
	return fmt.Sprintf("%s%s$m=%d,t=%d,p=%d$%s$%s", phcPrefix, phcVersion,
		p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// Verify reports whether password matches the encoded hash, comparing in
// constant time. An encoding it cannot read is an error wrapping
// ErrMalformedHash, never a match.
func Verify(password, encoded string) (bool, error) {
	h, err := decode(encoded)
	if err != nil {
		return false, err
	}
	key := argon2.IDKey(normalize(password), h.salt, h.params.Time, h.params.Memory, h.params.Threads, uint32(len(h.key)))
	return subtle.ConstantTimeCompare(key, h.key) == 1, nil
}

// ParseParams returns the costs an encoded hash was made with.
func ParseParams(encoded string) (Params, error) {
	h, err := decode(encoded)
	return h.params, err
}

type decoded struct {
	params    Params
	salt, key []byte
}

// decode reads a PHC string, refusing anything but the one form Hash
// writes: it is read back from a database, so strictness catches damage.
func decode(encoded string) (decoded, error) {
	bad := func(format string, args ...any) (decoded, error) {
		return decoded{}, fmt.Errorf("%w: %s", ErrMalformedHash, fmt.Sprintf(format, args...))
	}
	if encoded == "" {
		return bad("it is empty")
	}
	if !strings.HasPrefix(encoded, phcPrefix) {
		return bad("it does not start with %s", phcPrefix)
	}
	parts := strings.Split(encoded[len(phcPrefix):], "$")
	if len(parts) != 4 {
		return bad("it has %d fields after the algorithm; want 4: version, costs, salt, hash", len(parts))
	}
	if parts[0] != phcVersion {
		return bad("version %q; want %s", parts[0], phcVersion)
	}
	p, err := parseCosts(parts[1])
	if err != nil {
		return bad("%v", err)
	}
	salt, err := b64.DecodeString(parts[2])
	if err != nil {
		return bad("the salt is not unpadded base64")
	}
	if len(salt) < minSaltLen || len(salt) > maxSaltLen {
		return bad("the salt is %d bytes; want %d to %d", len(salt), minSaltLen, maxSaltLen)
	}
	key, err := b64.DecodeString(parts[3])
	if err != nil {
		return bad("the hash is not unpadded base64")
	}
	if len(key) < minKeyLen || len(key) > maxKeyLen {
		return bad("the hash is %d bytes; want %d to %d", len(key), minKeyLen, maxKeyLen)
	}
	return decoded{p, salt, key}, nil
}

// parseCosts reads "m=19456,t=2,p=1": all three, in that order, as
// decimal numbers without signs or leading zeros.
func parseCosts(s string) (Params, error) {
	fields := strings.Split(s, ",")
	names := []string{"m", "t", "p"}
	if len(fields) != len(names) {
		return Params{}, fmt.Errorf("costs %q; want m=MEMORY,t=PASSES,p=THREADS", s)
	}
	var v [3]uint64
	for i, f := range fields {
		name, num, ok := strings.Cut(f, "=")
		if !ok || name != names[i] {
			return Params{}, fmt.Errorf("costs %q; want m=MEMORY,t=PASSES,p=THREADS", s)
		}
		n, err := strconv.ParseUint(num, 10, 32)
		if err != nil || strconv.FormatUint(n, 10) != num {
			return Params{}, fmt.Errorf("cost %s=%q is not a plain number", name, num)
		}
		v[i] = n
	}
	p := Params{Memory: uint32(v[0]), Time: uint32(v[1])}
	switch {
	case v[2] < 1 || v[2] > 255:
		return Params{}, fmt.Errorf("parallelism p=%d; want 1 to 255", v[2])
	case v[1] < 1 || v[1] > maxTime:
		return Params{}, fmt.Errorf("passes t=%d; want 1 to %d", v[1], maxTime)
	case v[0] < 8*v[2] || v[0] > maxMemory:
		return Params{}, fmt.Errorf("memory m=%d KiB; want %d to %d", v[0], 8*v[2], maxMemory)
	}
	p.Threads = uint8(v[2])
	return p, nil
}
