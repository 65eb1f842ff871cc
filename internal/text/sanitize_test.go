package text

import "testing"

func TestSanitize(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, café ✓":         "plain text, café ✓",
		"tab\tand\nline feed":        "tab\tand\nline feed",
		"\x1b]0;title\x07":           `\x1b]0;title\x07`,
		"C1 \u009b31m CSI":           `C1 \x9b31m CSI`,
		"DEL\x7f NUL\x00":            `DEL\x7f NUL\x00`,
		"cr\rreturn":                 `cr\x0dreturn`,
		"abc\u202egnp.exe":           `abc\u202egnp.exe`,
		"lone \x9b[2J and \xff":      `lone \x9b[2J and \xff`,
		"\u2066isolate\u2069 \u200f": `\u2066isolate\u2069 \u200f`,
	} {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}
