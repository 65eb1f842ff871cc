package cli

import (
	"github.com/careerpath/careerpath/internal/cmdutil"

	"slices"
	"strings"
	"testing"
)

// Every command with --format json takes --json for it, over the format
// setting of the environment, and refuses it beside another --format.
func TestJSONFlagIsFormatJSON(t *testing.T) {
	env := map[string]string{"CAREERPATH_FORMAT": "yaml"}
	for _, args := range [][]string{
		{"roles"}, {"levels"}, {"specialisations"},
		{"levels", "compare", "foundation", "advanced"}, {"levels", "show", "professional"},
		{"catalog", "show"}, {"catalog", "export"},
		slices.Concat(sreTeam, []string{"--start", "2027-01-04"}),
		{"path", "--role", "SRE", "--years", "6", "--accountability", "team", "--start", "2027-01-04"},
	} {
		name := strings.Join(args[:min(len(args), 2)], " ")
		t.Run(name, func(t *testing.T) {
			want := runCLI(t, env, slices.Concat(args, []string{"--format", "json"})...)
			got := runCLI(t, env, slices.Concat(args, []string{"--json"})...)
			if got.code != 0 || got.stdout != want.stdout || !strings.HasPrefix(got.stdout, "{") && !strings.HasPrefix(got.stdout, "[") {
				t.Errorf("--json: exit %d, stderr %q; stdout differs from --format json's:\n%.200s", got.code, got.stderr, got.stdout)
			}
			both := runCLI(t, env, slices.Concat(args, []string{"--json", "-f", "json"})...)
			if both.code != 0 || both.stdout != want.stdout {
				t.Errorf("--json -f json: exit %d, stderr %q", both.code, both.stderr)
			}
			clash := runCLI(t, env, slices.Concat(args, []string{"--json", "--format", "table"})...)
			if clash.code != cmdutil.ExitUsage || clash.stdout != "" || !strings.Contains(clash.stderr, "--json and --format table disagree") {
				t.Errorf("--json --format table: exit %d, stdout %q, stderr %q", clash.code, clash.stdout, clash.stderr)
			}
		})
	}
	// config show lists the format setting itself, which --json leaves as
	// it is: only the view is JSON.
	r := runCLI(t, env, "config", "show", "--json")
	var settings []cmdutil.Setting
	decodeStrict(t, r.stdout, &settings)
	if r.code != 0 || !slices.Contains(settings, cmdutil.Setting{Key: cmdutil.KeyFormat, Value: "yaml", Source: cmdutil.SourceEnv, Origin: "CAREERPATH_FORMAT"}) {
		t.Errorf("config show --json: exit %d, settings %+v", r.code, settings)
	}
}
