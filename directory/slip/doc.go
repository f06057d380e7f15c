// Package slip renders the referral slip a clerk hands a customer: one
// Letter page, in English or Spanish, large print if asked, with what the
// customer needs to get there (each listing's name, organization, phones,
// address, today's and the week's hours, what to bring, eligibility and
// website), a QR code to scan, the date and the library's name. Staff-only
// notes never go on it.
//
// It is pure Go, like the rest of directory: the window and the command
// line both call Render, and neither the PDF nor the QR code is written by
// hand (github.com/go-pdf/fpdf and github.com/skip2/go-qrcode do that).
package slip
