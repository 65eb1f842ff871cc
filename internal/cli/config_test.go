package cli

import (
	"cmp"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/iostreams"
)

// writeConfig writes config.yaml under dir/careerpath, where the default
// lookup finds it.
func writeConfig(t *testing.T, dir, body string) string {
	t.Helper()
	path := filepath.Join(dir, "careerpath", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// showConfig runs `config show --format json` and returns the settings.
func showConfig(t *testing.T, env map[string]string, args ...string) map[string]cmdutil.Setting {
	t.Helper()
	r := runCLI(t, env, append(args, "config", "show", "--format", "json")...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var list []cmdutil.Setting
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	out := map[string]cmdutil.Setting{}
	for _, s := range list {
		out[s.Key] = s
	}
	return out
}

// Each key through each layer: default, file, env over file, flag over env.
func TestConfigPrecedenceForEachKey(t *testing.T) {
	for _, c := range []struct {
		key                  string
		def, file, env, flag string
	}{
		{cmdutil.KeyCatalog, "", "from-file.yaml", "/env/catalog.yaml", "/flag/catalog.yaml"},
		{cmdutil.KeyStart, "", "2027-02-01", "2027-03-01", "2027-04-01"},
		{cmdutil.KeyNoInput, "false", "true", "false", "true"},
		{cmdutil.KeyColor, "auto", "never", "always", "never"},
	} {
		t.Run(c.key, func(t *testing.T) {
			dir := t.TempDir()
			home := map[string]string{"XDG_CONFIG_HOME": dir}
			got := showConfig(t, home)[c.key]
			if got.Value != c.def || got.Source != cmdutil.SourceDefault {
				t.Errorf("default: %+v, want %q from default", got, c.def)
			}

			file := writeConfig(t, dir, c.key+": "+c.file+"\n")
			wantFile := c.file
			if c.key == cmdutil.KeyCatalog {
				wantFile = filepath.Join(filepath.Dir(file), c.file) // relative to the config file
			}
			got = showConfig(t, home)[c.key]
			if got.Value != wantFile || got.Source != cmdutil.SourceFile || got.Origin != file {
				t.Errorf("file: %+v, want %q from %s", got, wantFile, file)
			}

			withEnv := map[string]string{"XDG_CONFIG_HOME": dir, cmdutil.EnvName(c.key): c.env}
			got = showConfig(t, withEnv)[c.key]
			if got.Value != c.env || got.Source != cmdutil.SourceEnv || got.Origin != cmdutil.EnvName(c.key) {
				t.Errorf("env: %+v, want %q from %s", got, c.env, cmdutil.EnvName(c.key))
			}

			// --start is advise's flag; the others are global.
			args := []string{"--" + c.key + "=" + c.flag}
			if c.key == cmdutil.KeyStart {
				r := runCLI(t, withEnv, "advise", "--role", "SRE", "--years", "6", "--accountability", "team", "--json", "--start", c.flag)
				if !strings.Contains(r.stdout, `"start": "`+c.flag+`"`) {
					t.Errorf("flag: --start %s not used over the environment:\n%s", c.flag, r.stdout)
				}
				return
			}
			got = showConfig(t, withEnv, args...)[c.key]
			if got.Value != c.flag || got.Source != cmdutil.SourceFlag {
				t.Errorf("flag: %+v, want %q from the flag", got, c.flag)
			}
		})
	}
}

// The format setting picks config show's own output format, which shows
// each layer winning: table by default, then the file's, the variable's and
// the flag's.
func TestConfigPrecedenceForFormat(t *testing.T) {
	dir := t.TempDir()
	home := map[string]string{"XDG_CONFIG_HOME": dir}
	withEnv := map[string]string{"XDG_CONFIG_HOME": dir, cmdutil.EnvName(cmdutil.KeyFormat): "markdown"}
	for _, c := range []struct {
		name, file string
		env        map[string]string
		args       []string
		prefix     string
		source     string
	}{
		{"default", "", home, nil, "┌", "default"},
		{"file", "format: yaml\n", home, nil, "- key: config", "source: file"},
		{"env", "format: yaml\n", withEnv, nil, "| Key", "env CAREERPATH_FORMAT"},
		{"flag", "format: yaml\n", withEnv, []string{"--format", "json"}, "[", `"source": "flag"`},
	} {
		if c.file != "" {
			writeConfig(t, dir, c.file)
		}
		r := runCLI(t, c.env, append([]string{"config", "show"}, c.args...)...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, c.prefix) || !strings.Contains(r.stdout, c.source) {
			t.Errorf("%s: exit %d, want output starting %q naming %q:\n%s%s", c.name, r.code, c.prefix, c.source, r.stdout, r.stderr)
		}
	}
}

// The settings reach the commands: format and start from the file, colour
// from the environment, catalog from the file.
func TestSettingsDriveCommands(t *testing.T) {
	dir := t.TempDir()
	catalogPath, err := filepath.Abs("testdata/org-catalog.yaml")
	if err != nil {
		t.Fatal(err)
	}
	writeConfig(t, dir, "format: json\nstart: 2027-03-01\ncatalog: "+catalogPath+"\n")
	env := map[string]string{"XDG_CONFIG_HOME": dir}
	r := runCLI(t, env, "advise", "--role", "Release Manager", "--years", "3", "--accountability", "squad")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rec struct {
		Catalog struct{ Name string }
		Plan    struct{ Start string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &rec); err != nil {
		t.Fatalf("format from the file is not JSON: %v\n%s", err, r.stdout)
	}
	if rec.Catalog.Name != "Northwind Platform Ladder" || rec.Plan.Start != "2027-03-01" {
		t.Errorf("catalog %q, start %q: the file's settings were not used", rec.Catalog.Name, rec.Plan.Start)
	}

	env[cmdutil.EnvName(cmdutil.KeyColor)] = iostreams.ColorAlways
	env["NO_COLOR"] = "1"
	r = runCLI(t, env, "advise", "--role", "Release Manager", "--years", "3", "--accountability", "squad", "--format", "table")
	if !strings.Contains(r.stdout, "\x1b[1m") {
		t.Errorf("CAREERPATH_COLOR=always did not colour piped output:\n%s", r.stdout)
	}
	r = runCLI(t, map[string]string{"XDG_CONFIG_HOME": dir}, "--color", "never", "advise", "--role", "Release Manager", "--years", "3", "--accountability", "squad", "-f", "table")
	if strings.Contains(r.stdout, "\x1b[") {
		t.Error("--color never still coloured")
	}
}

func TestBrokenConfigNamesFileAndLine(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		body string
		want []string
	}{
		{"format: json\ncolor: never\n  bad: x\n", []string{"line 3"}},
		{"fromat: json\n", []string{`unknown key "fromat"`, "format, catalog, titles, start, no-input, color"}},
		{"color: blue\n", []string{`invalid color "blue"`, "auto, always, never"}},
		{"no-input: perhaps\n", []string{`invalid no-input "perhaps"`}},
	} {
		file := writeConfig(t, dir, c.body)
		r := runCLI(t, map[string]string{"XDG_CONFIG_HOME": dir}, "roles")
		if r.code != cmdutil.ExitUsage || r.stdout != "" {
			t.Errorf("%q: exit %d, stdout %q", c.body, r.code, r.stdout)
		}
		for _, w := range append(c.want, "config file "+file) {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%q: stderr %q lacks %q", c.body, r.stderr, w)
			}
		}
	}
}

func TestConfigFileLookup(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.yaml")
	r := runCLI(t, nil, "--config", missing, "roles")
	if r.code != cmdutil.ExitUsage || !strings.Contains(r.stderr, missing) {
		t.Errorf("a named config file that is missing: exit %d, %q", r.code, r.stderr)
	}
	named := filepath.Join(t.TempDir(), "team.json")
	if err := os.WriteFile(named, []byte(`{"color": "never"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	got := showConfig(t, map[string]string{cmdutil.EnvName(cmdutil.KeyConfig): named})
	if got[cmdutil.KeyColor].Value != iostreams.ColorNever || got[cmdutil.KeyConfig].Value != named || got[cmdutil.KeyConfig].Source != cmdutil.SourceEnv {
		t.Errorf("CAREERPATH_CONFIG with a JSON file: %+v", got)
	}
	if s := showConfig(t, nil)[cmdutil.KeyConfig]; s.Source != cmdutil.SourceDefault || !strings.HasSuffix(s.Value, "config.yaml (absent)") {
		t.Errorf("absent default file: %+v", s)
	}
}

func TestBadSettingFromEnvNamesTheVariable(t *testing.T) {
	r := runCLI(t, map[string]string{cmdutil.EnvName(cmdutil.KeyColor): "blue"}, "roles")
	if r.code != cmdutil.ExitUsage || !strings.Contains(r.stderr, "CAREERPATH_COLOR") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	r = runCLI(t, map[string]string{cmdutil.EnvName(cmdutil.KeyCatalog): "/no/such/catalog.yaml"}, "roles")
	if r.code != cmdutil.ExitUsage || !strings.Contains(r.stderr, "no such file") || !strings.Contains(r.stderr, "env CAREERPATH_CATALOG") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestFlagHelpNamesEnvironmentVariables(t *testing.T) {
	// Every setting is a flag of advise's, but min-group, which only the
	// commands of group figures have.
	help := map[string]string{cmdutil.KeyMinGroup: "report"}
	for key := range showConfig(t, nil) {
		command := cmp.Or(help[key], "advise")
		r := runCLI(t, nil, command, "--help")
		if !strings.Contains(r.stdout, "(env "+cmdutil.EnvName(key)+")") {
			t.Errorf("%s --help lacks %s", command, cmdutil.EnvName(key))
		}
	}
}

func TestConfigFileTOML(t *testing.T) {
	path := filepath.Join(t.TempDir(), "careerpath.toml")
	if err := os.WriteFile(path, []byte("color = \"never\"\nno-input = true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got := showConfig(t, nil, "--config", path)
	if got[cmdutil.KeyColor].Value != iostreams.ColorNever || got[cmdutil.KeyNoInput].Value != "true" || got[cmdutil.KeyNoInput].Source != cmdutil.SourceFile {
		t.Errorf("TOML config: %+v", got)
	}
}

// A key given twice is refused in every config format, not last-wins.
func TestDuplicateConfigKeysAreRefused(t *testing.T) {
	for name, body := range map[string]string{
		"team.json": "{\"color\": \"never\",\n \"color\": \"always\"}",
		"team.yaml": "color: never\ncolor: always\n",
		"team.toml": "color = \"never\"\ncolor = \"always\"\n",
	} {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		r := runCLI(t, nil, "--config", path, "roles")
		if r.code != cmdutil.ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, "config file "+path) || !strings.Contains(r.stderr, "color") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", name, r.code, r.stdout, r.stderr)
		}
	}
	path := filepath.Join(t.TempDir(), "team.json")
	if err := os.WriteFile(path, []byte("{\"color\": \"never\",\n \"color\": \"always\"}"), 0o644); err != nil {
		t.Fatal(err)
	}
	want := `line 2: key "color" is given twice (first on line 1); keep one`
	if r := runCLI(t, nil, "--config", path, "roles"); !strings.Contains(r.stderr, want) {
		t.Errorf("stderr %q lacks %q", r.stderr, want)
	}
}
