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

// HR exports name the role and years columns their own way: the aliases
// are found when the usual names are absent, the usual names win when
// both are there, and two aliases of one tier stay ambiguous.
func TestColumnAliases(t *testing.T) {
	for _, c := range []struct {
		header    string
		role, yrs int
		err       string
	}{
		{header: "name,job_title,tenure,accountability", role: 1, yrs: 2},
		{header: "name,Job Title,Years_Of_Experience,accountability", role: 1, yrs: 2},
		{header: "position,experience,accountability", role: 0, yrs: 1},
		{header: "title,role,years,tenure,accountability", role: 1, yrs: 2},
		{header: "job_title,position,years,accountability", err: "the role column is ambiguous"},
		{header: "name,years,accountability", err: `no role column: looked for "role", "job_title", "job title", "title", "position"`},
	} {
		got, err := ColumnPositions(strings.Split(c.header, ","), nil)
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: err = %v, want %q", c.header, err, c.err)
			}
		case err != nil:
			t.Errorf("%s: %v", c.header, err)
		case got[0] != c.role || got[1] != c.yrs:
			t.Errorf("%s: role at %d, years at %d; want %d, %d", c.header, got[0], got[1], c.role, c.yrs)
		}
	}
}
