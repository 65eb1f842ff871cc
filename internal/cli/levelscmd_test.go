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
	want := `unknown level "expert"; use one of: foundation (Foundation), professional (Professional), advanced (Advanced)`
	if r.code != cmdutil.ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, nil, "levels", "compare", "foundation")
	if r.code != cmdutil.ExitUsage || !strings.Contains(r.stderr, "takes two levels, 1 given") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	r = runCLI(t, nil, "levels", "show", "guru")
	if r.code != cmdutil.ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, `unknown level "guru"; use one of:`) {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
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
