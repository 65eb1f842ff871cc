package batch

import (
	"fmt"
	"strings"
	"testing"
)

// Errors of report and calibrate list a wide header as batch's own do: at
// most maxListed cells, each cut to a readable length.
func TestQuotedHeaderListsAWideHeaderShortly(t *testing.T) {
	var header []string
	for i := range 500 {
		header = append(header, fmt.Sprintf("column %d %s", i, strings.Repeat("x", 200)))
	}
	got := QuotedHeader(header)
	if !strings.HasSuffix(got, ", and 480 more") || strings.Count(got, `"`) != 2*maxListed || len(got) > 2000 {
		t.Errorf("QuotedHeader of 500 long names: %d bytes, %q", len(got), got)
	}
	if i := HeaderIndex([]string{"Team", " EMAIL ", "email"}, "Email"); i != 1 {
		t.Errorf("HeaderIndex = %d, want the first match, 1", i)
	}
}

func TestQuoteCut(t *testing.T) {
	for in, want := range map[string]string{
		"":                         `""`,
		"role":                     `"role"`,
		"a\"b\x00":                 `"a\"b\x00"`,
		strings.Repeat("x", 60):    `"` + strings.Repeat("x", 60) + `"`,
		strings.Repeat("x", 61):    `"` + strings.Repeat("x", 60) + `"…`,
		strings.Repeat("\x00", 20): `"` + strings.Repeat(`\x00`, 15) + `"…`,
	} {
		if got := quoteCut([]byte(in)); got != want {
			t.Errorf("quoteCut(%q) = %s, want %s", in, got, want)
		}
	}
}
