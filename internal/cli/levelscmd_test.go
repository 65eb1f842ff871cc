package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/golden"
)

func TestLevelsCompareAndShowGoldens(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
	}{
		{"levels_compare_table", []string{"levels", "compare", "Professional", "advanced"}},
		{"levels_compare_json", []string{"levels", "compare", "Professional", "advanced", "--format", "json"}},
		{"levels_compare_yaml", []string{"levels", "compare", "Professional", "advanced", "--format", "yaml"}},
		{"levels_compare_markdown", []string{"levels", "compare", "Professional", "advanced", "--format", "markdown"}},
		{"levels_compare_org_json", []string{"--catalog", orgCatalog, "levels", "compare", "principal", "apprentice", "-f", "json"}},
		{"levels_show_table", []string{"levels", "show", "foundation"}},
		{"levels_show_markdown", []string{"levels", "show", "ADVANCED", "--format", "markdown"}},
		{"levels_show_json", []string{"levels", "show", "professional", "--format", "json"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, nil, c.args...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			golden.Assert(t, c.name, r.stdout)
		})
	}
}

// Either order works: A and B swap, "both" stays the same.
func TestLevelsCompareEitherOrder(t *testing.T) {
	var ab, ba advisor.LevelComparison
	decodeStrict(t, runCLI(t, nil, "levels", "compare", "foundation", "advanced", "-f", "json").stdout, &ab)
	decodeStrict(t, runCLI(t, nil, "levels", "compare", "advanced", "foundation", "-f", "json").stdout, &ba)
	if ab.A != ba.B || ab.B != ba.A || strings.Join(ab.Capabilities.OnlyA, ";") != strings.Join(ba.Capabilities.OnlyB, ";") || ab.MinYears.A != ba.MinYears.B {
		t.Errorf("swapping the levels does not swap the sides:\n%+v\n%+v", ab, ba)
	}
}

func TestLevelsCompareUnknownLevel(t *testing.T) {
	r := runCLI(t, nil, "levels", "compare", "foundation", "expert")
	want := `unknown level "expert"; use a level's number, id or name: 1 foundation (Foundation), 2 professional (Professional), 3 advanced (Advanced)`
	if r.code != cmdutil.ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, nil, "levels", "compare", "foundation")
	if r.code != cmdutil.ExitUsage || !strings.Contains(r.stderr, "takes two levels, 1 given") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	r = runCLI(t, nil, "levels", "show", "guru")
	if r.code != cmdutil.ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, `unknown level "guru"; use a level's number, id or name:`) {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// The views call a level "Name (level N)"; N names it too.
func TestLevelsByNumber(t *testing.T) {
	for numbers, names := range map[string][]string{
		"compare": {"levels", "compare", "foundation", "Advanced"},
		"show":    {"levels", "show", "professional"},
	} {
		byName := runCLI(t, nil, names...)
		args := []string{"levels", "compare", "1", " 3 "}
		if numbers == "show" {
			args = []string{"levels", "show", "2"}
		}
		byNumber := runCLI(t, nil, args...)
		if byNumber.code != 0 || byNumber.stdout != byName.stdout || byName.stdout == "" {
			t.Errorf("%s by number: exit %d, stderr %q; output differs from by name", numbers, byNumber.code, byNumber.stderr)
		}
	}
	for _, n := range []string{"4", "0"} {
		r := runCLI(t, nil, "levels", "compare", "1", n)
		if r.code != cmdutil.ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, "there is no level "+n+"; use a level's number, id or name: 1 foundation") {
			t.Errorf("level %s: exit %d, stdout %q, stderr %q", n, r.code, r.stdout, r.stderr)
		}
	}
}

// Both holds what the two levels share: the texts they have alike, with
// their own columns left blank, and the list items both have.
func TestLevelsCompareBothColumn(t *testing.T) {
	r := runCLI(t, nil, "levels", "compare", "professional", "professional", "-f", "markdown")
	rows := 0
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n")[2:] {
		cells := strings.Split(line, "|")
		if len(cells) != 6 || strings.TrimSpace(cells[2]) != "" || strings.TrimSpace(cells[3]) != "" || strings.TrimSpace(cells[4]) == "" {
			t.Errorf("a level against itself: row %q is not all under Both", line)
		}
		rows++
	}
	if rows < 10 {
		t.Errorf("a level against itself: %d rows", rows)
	}
	r = runCLI(t, nil, "levels", "compare", "1", "3", "-f", "markdown")
	for _, shared := range []string{"| Track ", "| Plan length "} {
		_, row, _ := strings.Cut(r.stdout, shared)
		row, _, _ = strings.Cut(row, "\n")
		if cells := strings.Split(row, "|"); len(cells) != 5 || strings.TrimSpace(cells[1]) != "" || strings.TrimSpace(cells[3]) == "" {
			t.Errorf("foundation and advanced share their %s, not shown under Both: %q", strings.Trim(shared, "| "), row)
		}
	}
}

// decodeStrict decodes JSON into v, refusing fields v does not have.
func decodeStrict(t *testing.T, doc string, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader([]byte(doc)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%v\n%s", err, doc)
	}
}
