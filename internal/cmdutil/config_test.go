package cmdutil

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

func TestNoInputReadsAnyBoolean(t *testing.T) {
	for value, want := range map[string]bool{"1": true, "true": true, "0": false, "false": false, "": false,
		"yes": true, "no": false, "on": true, "off": false, "YES": true, "Off": false} {
		env := map[string]string{EnvName(KeyNoInput): value}
		cfg, err := resolveConfig(pflag.NewFlagSet("test", pflag.ContinueOnError), func(k string) string { return env[k] }, nil)
		if err != nil {
			t.Fatalf("CAREERPATH_NO_INPUT=%q: %v", value, err)
		}
		if cfg.NoInput() != want {
			t.Errorf("CAREERPATH_NO_INPUT=%q: NoInput %v, want %v", value, cfg.NoInput(), want)
		}
	}
	var unresolved *Config
	if unresolved.NoInput() {
		t.Error("an unresolved config prompts by default")
	}
}

func TestNoInputRefusesWhatIsNoBoolean(t *testing.T) {
	for _, value := range []string{"maybe", "2", "yess", "onn"} {
		env := map[string]string{EnvName(KeyNoInput): value}
		_, err := resolveConfig(pflag.NewFlagSet("test", pflag.ContinueOnError), func(k string) string { return env[k] }, nil)
		if ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), "CAREERPATH_NO_INPUT") || !strings.Contains(err.Error(), "yes or no") {
			t.Errorf("CAREERPATH_NO_INPUT=%q: err %v (exit %d)", value, err, ExitCode(err))
		}
	}
}

// resolveFile resolves the configuration from a config file holding body.
func resolveFile(t *testing.T, name, body string) (*Config, string, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{EnvName(KeyConfig): path}
	cfg, err := resolveConfig(pflag.NewFlagSet("test", pflag.ContinueOnError), func(k string) string { return env[k] }, nil)
	return cfg, path, err
}

// What viper would read without a word but not as written is refused,
// naming the file and the key.
func TestConfigFileOfTheWrongShapeIsRefused(t *testing.T) {
	for _, c := range []struct{ name, body, key string }{
		{"catalog.yaml", "catalog: [northwind.json]\n", `"catalog" holds a list`},
		{"titles.yaml", "titles: [a, b]\n", `"titles" holds a list`},
		{"start.yaml", "start: [2030-01-01]\n", `"start" holds a list`},
		{"map.yaml", "format:\n  table: true\n", `"format" holds a map`},
		{"catalog.toml", "catalog = [\"northwind.json\"]\n", `"catalog" holds a list`},
		{"catalog.json", `{"catalog": ["northwind.json"]}`, `"catalog" holds a list`},
		{"two-documents.yaml", "color: never\n---\nformat: json\n", `second YAML document (after ---) sets the key "format" on line 3`},
		{"case.yaml", "format: json\nFORMAT: yaml\n", `keys "FORMAT" and "format" are one key`},
		{"case.json", `{"format": "json", "Format": "yaml"}`, `keys "Format" and "format" are one key`},
		{"case.toml", "format = \"json\"\nFORMAT = \"yaml\"\n", `keys "FORMAT" and "format" are one key`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, path, err := resolveFile(t, c.name, c.body)
			var cfgErr *ConfigError
			if !errors.As(err, &cfgErr) || ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), "config file "+path+": ") ||
				!strings.Contains(err.Error(), c.key) {
				t.Errorf("err %v (exit %d); want exit 2 naming %s and %s", err, ExitCode(err), path, c.key)
			}
		})
	}
}

func TestConfigFileOfOneShapeIsRead(t *testing.T) {
	for _, c := range []struct{ name, body, key, want string }{
		{"trailing-marker.yaml", "color: never\n---\n", KeyColor, "never"},
		{"leading-marker.yaml", "---\ncolor: never\n", KeyColor, "never"},
		{"date.yaml", "start: 2030-01-01\n", KeyStart, "2030-01-01"},
		{"date.toml", "start = 2030-01-01\n", KeyStart, "2030-01-01"},
		{"yes.yaml", "no-input: yes\n", KeyNoInput, "yes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg, _, err := resolveFile(t, c.name, c.body)
			if err != nil || cfg.Get(c.key) != c.want {
				t.Fatalf("%s = %q (%v), want %q", c.key, cfg.Get(c.key), err, c.want)
			}
		})
	}
}
