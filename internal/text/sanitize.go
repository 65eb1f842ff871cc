// Package text holds the text helpers every layer may use: making text safe
// for a terminal, wrapping it to a width, writing records, and quoting JSON
// strings. It imports no other careerpath package, so nothing it does can
// pull a layer in.
package text

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unsafe reports a character that must not reach a terminal raw: a C0
// control other than tab and line feed, DEL, a C1 control (U+0080 to
// U+009F, which some terminals read as ESC sequences) or a bidirectional
// control, which reorders what is shown (an override can make a label
// read backwards). Tab and line feed only move the cursor.
func Unsafe(r rune) bool {
	if r == '\t' || r == '\n' {
		return false
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
}

// Sanitize makes text from a file or a user safe to print on a terminal:
// every Unsafe character, and every byte that is not UTF-8 (a lone 0x9b is
// CSI to a terminal in 8-bit mode), is shown as an escape such as \x1b or
// \u202e, so it is visible and has no effect. Text without one is
// returned as is.
func Sanitize(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, Unsafe) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !Unsafe(r):
			b.WriteString(s[i : i+size])
		case r <= 0xff:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += size
	}
	return b.String()
}
