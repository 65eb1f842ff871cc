package cmdutil

import (
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

func TestNoInputReadsAnyBoolean(t *testing.T) {
	for value, want := range map[string]bool{"1": true, "true": true, "0": false, "false": false, "": false,
		"yes": true, "no": false, "on": true, "off": false, "YES": true, "Off": false} {
		env := map[string]string{EnvName(KeyNoInput): value}
		cfg, err := ResolveConfig(pflag.NewFlagSet("test", pflag.ContinueOnError), func(k string) string { return env[k] }, nil)
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
		_, err := ResolveConfig(pflag.NewFlagSet("test", pflag.ContinueOnError), func(k string) string { return env[k] }, nil)
		if ExitCode(err) != ExitUsage || !strings.Contains(err.Error(), "CAREERPATH_NO_INPUT") || !strings.Contains(err.Error(), "yes or no") {
			t.Errorf("CAREERPATH_NO_INPUT=%q: err %v (exit %d)", value, err, ExitCode(err))
		}
	}
}
