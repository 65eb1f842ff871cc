package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/iostreams"
	"github.com/careerpath/careerpath/internal/render"
)

// outputCommands runs each command that takes -o, with the formats it
// writes; TestEveryOutputCommandIsCovered keeps the list whole.
var outputCommands = []struct {
	args    []string
	offered []render.Format
}{
	{append([]string{}, sreTeam...), render.RecommendationFormats},
	{[]string{"path", "--role", "SRE", "--years", "6", "--accountability", "team", "--start", "2027-01-04"}, render.RecommendationFormats},
	{[]string{"batch", "--start", "2027-01-04", "testdata/report_staff.csv"}, render.BatchFormats},
	{[]string{"report", "--start", "2027-01-04", "testdata/report_staff.csv"}, render.ReportFormats},
	{[]string{"calibrate", "--start", "2027-01-04", "testdata/calibrate/self.csv", "testdata/calibrate/manager.csv"}, render.CalibrationFormats},
	{[]string{"titles", "suggest", "testdata/titles_staff.csv"}, render.TitleSuggestionFormats},
	{[]string{"plan", "start", "--force", "--role", "SRE", "--years", "6", "--accountability", "team", "--start", "2027-01-04"}, render.RecommendationFormats},
	{[]string{"plan", "status", "--today", "2027-03-10"}, render.PlanStatusFormats},
	{[]string{"plan", "export"}, render.PlanExportFormats},
}

// extensions gives each format a file extension that names it.
var extensions = map[render.Format]string{
	render.JSON: ".json", render.YAML: ".yml", render.Markdown: ".md", render.ICS: ".ics",
	render.CSV: ".csv", render.NDJSON: ".ndjson", render.HTML: ".html",
}

// Without --format, -o's extension picks the format, for every command
// with -o and every format it writes: the file holds what --format would
// have written, and nothing is said on stderr but the command's tally.
func TestOutputExtensionPicksTheFormat(t *testing.T) {
	dir := t.TempDir()
	// The plan commands read and write a saved plan.
	env := planEnv(t)
	mustRunPlan(t, env, "plan", "start", "--role", "SRE", "--years", "6", "--accountability", "team", "--start", "2027-01-04")
	for _, c := range outputCommands {
		for _, f := range c.offered {
			ext, ok := extensions[f]
			if !ok {
				continue // table: no extension names it
			}
			name := strings.Join(c.args[:1], "-")
			want := runCLI(t, env, append(slices.Clone(c.args), "--format", string(f))...)
			file := filepath.Join(dir, name+"-"+string(f)+ext)
			r := runCLI(t, env, append(slices.Clone(c.args), "-o", file)...)
			got, err := os.ReadFile(file)
			if err != nil || r.code != want.code || r.stdout != "" || r.stderr != want.stderr {
				t.Fatalf("%v -o %s: exit %d (want %d), stdout %q, stderr %q (want %q), %v", c.args, file, r.code, want.code, r.stdout, r.stderr, want.stderr, err)
			}
			if string(got) != want.stdout || want.stdout == "" {
				t.Errorf("%v -o %s is not what --format %s writes:\n%.300s", c.args, file, f, got)
			}
		}
	}
}

// An explicit --format wins over the extension, with a warning on stderr
// when they disagree and none when they agree; --json is explicit too.
func TestExplicitFormatWinsWithAWarning(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args    []string
		file    string
		warning string
	}{
		{append(slices.Clone(sreTeam), "--format", "table"), "plan.ics", "careerpath: warning: -o PATH: its extension .ics names ics, but --format table was given; writing table\n"},
		{append(slices.Clone(sreTeam), "--json"), "plan.yaml", "careerpath: warning: -o PATH: its extension .yaml names yaml, but --format json was given; writing json\n"},
		{append(slices.Clone(sreTeam), "--format", "json"), "plan.json", ""},
		{append(slices.Clone(sreTeam), "--format", "ics"), "plan.csv", "careerpath: warning: -o PATH: its extension .csv names csv, but --format ics was given; writing ics\n"},
		{[]string{"report", "--format", "markdown", "testdata/report_staff.csv"}, "team.html", "careerpath: warning: -o PATH: its extension .html names html, but --format markdown was given; writing markdown\n"},
	} {
		file := filepath.Join(dir, c.file)
		want := runCLI(t, nil, c.args...)
		r := runCLI(t, nil, append(slices.Clone(c.args), "-o", file)...)
		warning := strings.ReplaceAll(c.warning, "PATH", file)
		got, _ := os.ReadFile(file)
		if r.code != want.code || string(got) != want.stdout || !strings.HasPrefix(r.stderr, warning) || strings.TrimPrefix(r.stderr, warning) != want.stderr {
			t.Errorf("%v -o %s: exit %d, stderr %q, want the warning %q; file:\n%.200s", c.args, c.file, r.code, r.stderr, warning, got)
		}
	}
}

// The extension goes before a format set in the environment or the config
// file, without a warning: -o is what was asked for now.
func TestOutputExtensionBeatsTheFormatSetting(t *testing.T) {
	file := filepath.Join(t.TempDir(), "plan.ics")
	r := runCLI(t, map[string]string{"CAREERPATH_FORMAT": "json"}, append(slices.Clone(sreTeam), "-o", file)...)
	got, err := os.ReadFile(file)
	if r.code != 0 || r.stderr != "" || err != nil || !strings.HasPrefix(string(got), "BEGIN:VCALENDAR\r\n") {
		t.Errorf("exit %d, stderr %q, %v; file:\n%.100s", r.code, r.stderr, err, got)
	}
}

// An extension naming a format the command does not write is refused
// (exit 2) rather than filled with another format, and no file is made;
// an extension naming none, or none at all, keeps the default.
func TestOutputExtensionOfAnotherFormat(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		file string
		want string
	}{
		{slices.Clone(sreTeam), "plan.csv", "careerpath: -o PATH: its extension .csv names csv, which this command does not write (it writes table, json, yaml, markdown, ics); give --format, or another file name\n"},
		{[]string{"batch", "testdata/report_staff.csv"}, "plans.md", "careerpath: -o PATH: its extension .md names markdown, which this command does not write (it writes csv, ndjson, json, table, xlsx); give --format, or another file name\n"},
		{[]string{"report", "testdata/report_staff.csv"}, "team.ics", "careerpath: -o PATH: its extension .ics names ics, which this command does not write (it writes table, markdown, json, html); give --format, or another file name\n"},
	} {
		file := filepath.Join(dir, c.file)
		r := runCLI(t, nil, append(slices.Clone(c.args), "-o", file)...)
		if want := strings.ReplaceAll(c.want, "PATH", file); r.code != cmdutil.ExitUsage || !strings.HasPrefix(r.stderr, want) {
			t.Errorf("%v -o %s: exit %d, stderr %q, want %q", c.args, c.file, r.code, r.stderr, want)
		}
		if _, err := os.Stat(file); err == nil {
			t.Errorf("%v -o %s made the file", c.args, c.file)
		}
	}
	for _, name := range []string{"plan.txt", "plan", "plan.table"} {
		file := filepath.Join(dir, name)
		r := runCLI(t, nil, append(slices.Clone(sreTeam), "-o", file)...)
		got, _ := os.ReadFile(file)
		if r.code != 0 || r.stderr != "" || string(got) != runCLI(t, nil, sreTeam...).stdout {
			t.Errorf("-o %s: exit %d, stderr %q; not the table", name, r.code, r.stderr)
		}
	}
}

// Every command with an -o flag is in outputCommands, so that a new one
// cannot miss the extension rule's test.
func TestEveryOutputCommandIsCovered(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range outputCommands {
		covered[strings.Join(commandWords(c.args), " ")] = true
	}
	var walk func(cmd *cobra.Command)
	walk = func(cmd *cobra.Command) {
		if cmd.Flags().Lookup("output") != nil {
			name := strings.TrimPrefix(cmd.CommandPath(), "careerpath ")
			if !covered[name] {
				t.Errorf("%s has -o but is not in outputCommands", name)
			}
		}
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	walk(NewCmdRoot(cmdutil.NewFactory(&iostreams.IOStreams{Getenv: func(string) string { return "" }})))
}

// commandWords is the command's name in args: the words before the first
// flag or file.
func commandWords(args []string) []string {
	for i, a := range args {
		if strings.HasPrefix(a, "-") || strings.Contains(a, "/") {
			return args[:i]
		}
	}
	return args
}

func TestFormatOfFile(t *testing.T) {
	for name, want := range map[string]render.Format{
		"a.json": render.JSON, "A.JSON": render.JSON, "a.yaml": render.YAML, "a.yml": render.YAML, "a.md": render.Markdown,
		"a.ics": render.ICS, "a.csv": render.CSV, "a.ndjson": render.NDJSON, "a.html": render.HTML, "dir.json/a.Html": render.HTML,
		"a.txt": "", "a": "", "a.json.bak": "", ".json": render.JSON,
	} {
		got, ok := render.FormatOfFile(name)
		if got != want || ok != (want != "") {
			t.Errorf("%s: %q %v, want %q", name, got, ok, want)
		}
	}
}
