package cmdutil

import (
	"testing"

	"github.com/spf13/pflag"
)

func TestNoInputReadsAnyBoolean(t *testing.T) {
	for value, want := range map[string]bool{"1": true, "true": true, "0": false, "false": false, "": false} {
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
