package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"

	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/golden"
	"github.com/careerpath/careerpath/internal/iostreams"
)

type result struct {
	stdout, stderr string
	code           int
}

// runCLI runs careerpath in-process with fake streams (not terminals), a
// fixed clock and the given environment; the user config folder is
// env["XDG_CONFIG_HOME"], else an empty one.
func runCLI(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	io := &iostreams.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(k string) string { return env[k] }}
	f := cmdutil.NewFactory(io)
	f.Now = func() time.Time { return time.Date(2027, 1, 4, 9, 30, 0, 0, time.Local) }
	configDir := env["XDG_CONFIG_HOME"]
	if configDir == "" {
		configDir = t.TempDir()
	}
	f.UserConfigDir = func() (string, error) { return configDir, nil }
	code := run(f, args)
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

func TestAdviseGoldenFormats(t *testing.T) {
	base := []string{"advise", "--role", "SRE", "--years", "6", "--accountability", "team", "--start", "2027-01-04"}
	for _, c := range []struct {
		name string
		args []string
	}{
		{"advise_table", nil},
		{"advise_table_explain", []string{"--explain"}},
		{"advise_json", []string{"--format", "json"}},
		{"advise_yaml", []string{"--format", "yaml"}},
		{"advise_markdown", []string{"--format", "markdown", "--explain"}},
		{"advise_em_top_level_json", []string{"--role", "Engineering Manager", "--years", "10", "--accountability", "multi-team", "--json"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, nil, append(append([]string{}, base...), c.args...)...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			golden.Assert(t, c.name, r.stdout)
		})
	}
}

func TestListingGoldens(t *testing.T) {
	for _, cmd := range []string{"roles", "levels", "specialisations"} {
		for _, format := range []string{"table", "json", "yaml", "markdown"} {
			t.Run(cmd+"_"+format, func(t *testing.T) {
				r := runCLI(t, nil, cmd, "--format", format)
				if r.code != 0 || r.stderr != "" {
					t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
				}
				golden.Assert(t, cmd+"_"+format, r.stdout)
			})
		}
	}
}

func TestAdviseJSONContract(t *testing.T) {
	r := runCLI(t, nil, "advise", "--role", "engineering_manager", "--years", "5", "--accountability", "org", "--json")
	var got map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, r.stdout)
	}
	for _, k := range []string{"schema_version", "input", "role", "accountability", "level", "trace", "next_level", "plan",
		"capabilities", "practical_results", "common_mistakes", "pursue_next", "specialisations", "catalog"} {
		if _, ok := got[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	if got["schema_version"] != "1.1" {
		t.Errorf("schema_version %v", got["schema_version"])
	}
	in := got["input"].(map[string]any)
	if in["role"] != "engineering_manager" || in["accountability"] != "org" || in["years"] != 5.0 {
		t.Errorf("input is not echoed as given: %v", in)
	}
	if got["plan"].(map[string]any)["start"] != "2027-01-04" {
		t.Errorf("default start is not today: %v", got["plan"])
	}
	if strings.Contains(r.stdout, `\u0026`) || strings.Contains(r.stdout, `\u003c`) {
		t.Error("JSON is HTML-escaped")
	}
}

func TestBadInputExitsTwoWithNothingOnStdout(t *testing.T) {
	ok := []string{"--role", "SRE", "--years", "6", "--accountability", "team"}
	with := func(flag, value string) []string {
		args := []string{"advise"}
		for i := 0; i < len(ok); i += 2 {
			if ok[i] != flag {
				args = append(args, ok[i], ok[i+1])
			}
		}
		if value != "" {
			args = append(args, flag, value)
		}
		return args
	}
	for _, c := range []struct {
		name string
		args []string
		want []string
	}{
		{"unknown role", with("--role", "Sorcerer"), []string{`unknown role "Sorcerer".`, "Valid roles: DevOps Engineer"}},
		{"every problem", []string{"advise", "--role", "Sorcerer", "--years", "six", "--accountability", "galaxy"},
			[]string{"3 answers cannot be used", `unknown role "Sorcerer"`, `years "six" is not a number`, `unknown accountability "galaxy"`}},
		{"near role", with("--role", "platfrom engineer"), []string{`did you mean "Platform Engineer"`}},
		{"years not a number", with("--years", "six"), []string{`years "six" is not a number`}},
		{"negative years", with("--years", "-2"), []string{`years "-2" is negative`}},
		{"too many years", with("--years", "61"), []string{`years "61" is more than 60`}},
		{"unknown accountability", with("--accountability", "galaxy"), []string{`unknown accountability "galaxy"`, "individual", "team", "multi-team"}},
		{"missing answers", []string{"advise", "--role", "SRE"}, []string{"--years, --accountability"}},
		{"bad start", append(with("", ""), "--start", "04/01/2027"), []string{`start date "04/01/2027" is not a date`, "YYYY-MM-DD"}},
		{"start out of range", append(with("", ""), "--start", "9999-12-31"), []string{`start date "9999-12-31" is out of range`, "from 1900 to 2999"}},
		{"bad format", append(with("", ""), "--format", "xml"), []string{`unknown format "xml"`, "table, json, yaml, markdown"}},
		{"json and format disagree", append(with("", ""), "--json", "--format", "yaml"), []string{"--json and --format yaml disagree"}},
		{"unknown flag", append(with("", ""), "--rolee", "x"), []string{"unknown flag: --rolee"}},
		{"stray argument", append(with("", ""), "extra"), []string{"unknown command \"extra\""}},
		{"unknown command", []string{"advice"}, []string{`unknown command "advice"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, nil, c.args...)
			if r.code != cmdutil.ExitUsage {
				t.Errorf("exit %d, want 2", r.code)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
			for _, w := range c.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q lacks %q", r.stderr, w)
				}
			}
		})
	}
}

func TestHelpDocumentsExitStatus(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"advise", "--help"}} {
		r := runCLI(t, nil, args...)
		if r.code != 0 || !strings.Contains(r.stdout, "EXIT STATUS") || !strings.Contains(r.stdout, "130") {
			t.Errorf("%v: exit %d, help lacks EXIT STATUS:\n%s", args, r.code, r.stdout)
		}
	}
}

func TestVersionNamesCatalog(t *testing.T) {
	r := runCLI(t, nil, "version")
	if r.code != 0 || !strings.Contains(r.stdout, "careerpath ") || !strings.Contains(r.stdout, "sha256 ") {
		t.Errorf("exit %d, stdout %q", r.code, r.stdout)
	}
}

// Output and prompts each use colour only on their own terminal, never with
// NO_COLOR or TERM=dumb, unless the color setting says always or never.
func TestColorOnlyOnATerminalWithoutNoColor(t *testing.T) {
	for _, c := range []struct {
		tty     bool
		setting string
		env     map[string]string
		color   bool
	}{
		{false, "", nil, false},
		{true, "", nil, true},
		{true, iostreams.ColorAuto, map[string]string{"NO_COLOR": "1"}, false},
		{true, "", map[string]string{"TERM": "dumb"}, false},
		{false, iostreams.ColorAlways, nil, true},
		{true, iostreams.ColorNever, nil, false},
	} {
		out := &iostreams.IOStreams{OutTTY: c.tty, Color: c.setting, Getenv: func(k string) string { return c.env[k] }}
		prompts := &iostreams.IOStreams{ErrTTY: c.tty, Color: c.setting, Getenv: func(k string) string { return c.env[k] }}
		if got := out.ColorEnabled(); got != c.color {
			t.Errorf("stdout tty=%v color=%q env=%v: %v, want %v", c.tty, c.setting, c.env, got, c.color)
		}
		if got := prompts.ErrColorEnabled(); got != c.color {
			t.Errorf("stderr tty=%v color=%q env=%v: %v, want %v", c.tty, c.setting, c.env, got, c.color)
		}
	}
}

// On an 80-column terminal every human view fits: text and tables wrap
// (unwrapped, advise's specialisations are about 200 columns), and a table
// whose longest words cannot sit side by side, such as the 8-column levels
// table or batch's 9 columns, is written as one record of "Header: value"
// lines per row rather than cut words.
func TestViewsFitTheTerminal(t *testing.T) {
	for _, c := range []struct {
		args  []string
		stdin string
	}{
		{args: []string{"advise", "--role", "SRE", "--years", "6", "--accountability", "team", "--explain"}},
		{args: []string{"roles"}}, {args: []string{"specialisations"}}, {args: []string{"levels"}},
		{args: []string{"catalog", "show"}}, {args: []string{"config", "show"}}, {args: []string{"version"}},
		{args: []string{"catalog", "validate", "testdata/org-catalog.yaml"}},
		{args: []string{"batch", "-", "-f", "table"}, stdin: staffWithRejects},
	} {
		var out, errOut bytes.Buffer
		io := &iostreams.IOStreams{In: strings.NewReader(c.stdin), Out: &out, ErrOut: &errOut, OutTTY: true, TerminalWidth: 80,
			Getenv: func(k string) string { return map[string]string{"NO_COLOR": "1"}[k] }}
		f := cmdutil.NewFactory(io)
		dir := t.TempDir()
		f.UserConfigDir = func() (string, error) { return dir, nil }
		if code := run(f, c.args); code != 0 && code != cmdutil.ExitRejected {
			t.Fatalf("%v: exit %d, stderr %q", c.args, code, errOut.String())
		}
		for i, line := range strings.Split(out.String(), "\n") {
			if n := runewidth.StringWidth(line); n > 80 {
				t.Errorf("%v line %d is %d columns wide:\n%s", c.args, i+1, n, line)
			}
		}
		if c.args[0] == "batch" && !strings.Contains(out.String(), "Error:          role: unknown role \"Sorcerer\"") {
			t.Errorf("batch records lack the rejected row's error:\n%s", out.String())
		}
	}
}
