package text

import (
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	for _, c := range []struct {
		prefix, text string
		width        int
		want         string
	}{
		{"- ", "one two three", 0, "- one two three"},
		{"- ", "one two three", 9, "- one two\n  three"},
		{"Key: ", "averyveryverylongword and", 10, "Key: averyveryverylongword\n     and"},
	} {
		if got := Wrap(c.prefix, c.text, c.width); got != c.want {
			t.Errorf("Wrap(%q, %q, %d) = %q, want %q", c.prefix, c.text, c.width, got, c.want)
		}
	}
}

// Records put every label beside its value while the longest word fits
// beside the longest label, and every value under its label when it does
// not; empty cells are left out and no word is cut.
func TestWriteRecords(t *testing.T) {
	headers := []string{"Line", "Role", "Note"}
	rows := [][]string{{"2", "Site Reliability Engineer", ""}, {"3", "LongRoleNameWithoutSpaces", "x"}}
	for _, c := range []struct {
		width int
		want  string
	}{
		{40, "Line: 2\nRole: Site Reliability Engineer\n\nLine: 3\nRole: LongRoleNameWithoutSpaces\nNote: x\n"},
		{24, "Line:\n  2\nRole:\n  Site Reliability\n  Engineer\n\nLine:\n  3\nRole:\n  LongRoleNameWithoutSpaces\nNote:\n  x\n"},
	} {
		var b strings.Builder
		if err := WriteRecords(&b, c.width, headers, rows); err != nil {
			t.Fatal(err)
		}
		if b.String() != c.want {
			t.Errorf("width %d:\n%q\nwant\n%q", c.width, b.String(), c.want)
		}
	}
}
