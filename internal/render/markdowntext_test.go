package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/text"
)

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
			if i := strings.IndexFunc(out.String(), text.Unsafe); i >= 0 {
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
