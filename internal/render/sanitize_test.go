package render

import (
	"bytes"
	"strings"
	"testing"
)

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

func TestMarkdownText(t *testing.T) {
	for in, want := range map[string]string{
		"a | b":              `a \| b`,
		`C:\path\|`:          `C:\\path\\\|`,
		"<script>x</script>": "&lt;script&gt;x&lt;/script&gt;",
		"R&D":                "R&amp;D",
		"\x1b[2J":            `\\x1b[2J`,
	} {
		if got := MarkdownText(in); got != want {
			t.Errorf("MarkdownText(%q) = %q, want %q", in, got, want)
		}
	}
}

// No view lets an unsafe character through, and a pipe in a cell never
// adds a Markdown column.
func TestTablesEscapeTheirCells(t *testing.T) {
	l := Listing{
		Headers: []string{"Name", "Head\x1b[31m"},
		Rows:    [][]string{{"a | b", "\u202eevil\x9b2J"}, {"<img src=x onerror=alert(1)>", `back\slash|`}},
	}
	for _, f := range []Format{Table, Markdown} {
		for _, width := range []int{0, 20} {
			var out bytes.Buffer
			if err := WriteListing(&out, f, l, width); err != nil {
				t.Fatal(err)
			}
			if i := strings.IndexFunc(out.String(), Unsafe); i >= 0 {
				t.Errorf("%s width %d: unsafe character at %d:\n%s", f, width, i, out.String())
			}
			if f != Markdown {
				continue
			}
			for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
				if cells := strings.Count(line, "|") - strings.Count(line, `\|`); cells != 3 {
					t.Errorf("Markdown line %q has %d cell borders, want 3", line, cells)
				}
			}
			if strings.Contains(out.String(), "<img") {
				t.Errorf("raw HTML passed through:\n%s", out.String())
			}
		}
	}
}
