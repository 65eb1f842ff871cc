package cli

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/iostreams"
)

// flagLine is one flag in a help's flag list: "  -f, --format string   usage".
var flagLine = regexp.MustCompile(`^  (?:-(\S), |    )--(\S+)(?: (\S+))?(?:\s{2,}(.*))?$`)

type helpFlag struct{ short, name, usage string }

// helpFlags reads the "Flags:" and "Global Flags:" lists of a --help text.
func helpFlags(t *testing.T, help string) []helpFlag {
	t.Helper()
	var flags []helpFlag
	inList := false
	for _, line := range strings.Split(help, "\n") {
		switch {
		case line == "Flags:" || line == "Global Flags:":
			inList = true
		case strings.TrimSpace(line) == "":
			inList = false
		case inList && strings.HasPrefix(strings.TrimSpace(line), "-"):
			m := flagLine.FindStringSubmatch(line)
			if m == nil {
				t.Fatalf("cannot read flag line %q", line)
			}
			flags = append(flags, helpFlag{short: m[1], name: m[2], usage: strings.TrimSpace(m[4])})
		}
	}
	return flags
}

// walk visits every command that help lists, depth first.
func walk(cmd *cobra.Command, visit func(*cobra.Command)) {
	visit(cmd)
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			walk(c, visit)
		}
	}
}

// Every command's --help lists each flag it accepts exactly once, with a
// description, and nothing it does not accept.
func TestEveryHelpDocumentsItsFlagsOnce(t *testing.T) {
	f := &cmdutil.Factory{IO: &iostreams.IOStreams{}, Catalog: sync.OnceValues(catalog.Default)}
	var paths [][]string
	walk(NewCmdRoot(f), func(c *cobra.Command) {
		paths = append(paths, strings.Fields(c.CommandPath())[1:])
	})
	if len(paths) < 10 {
		t.Fatalf("walked only %d commands: %v", len(paths), paths)
	}
	for _, path := range paths {
		name := strings.Join(append([]string{"careerpath"}, path...), " ")
		t.Run(name, func(t *testing.T) {
			r := runCLI(t, nil, append(slices.Clone(path), "--help")...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			// The command as parsed from a fresh tree: what it really accepts.
			cmd, _, err := NewCmdRoot(f).Find(path)
			if err != nil {
				t.Fatal(err)
			}
			if cmd.Short == "" {
				t.Error("the command has no short description")
			}
			accepted := map[string]*pflag.Flag{}
			cmd.InitDefaultHelpFlag()
			for _, set := range []*pflag.FlagSet{cmd.LocalFlags(), cmd.InheritedFlags()} {
				set.VisitAll(func(fl *pflag.Flag) {
					if !fl.Hidden {
						accepted[fl.Name] = fl
					}
				})
			}
			seen, shorts := map[string]bool{}, map[string]bool{}
			for _, hf := range helpFlags(t, r.stdout) {
				if seen[hf.name] {
					t.Errorf("--%s is listed twice", hf.name)
				}
				seen[hf.name] = true
				if hf.short != "" {
					if shorts[hf.short] {
						t.Errorf("-%s is listed twice", hf.short)
					}
					shorts[hf.short] = true
				}
				if hf.usage == "" {
					t.Errorf("--%s has no description", hf.name)
				}
				fl, ok := accepted[hf.name]
				if !ok {
					t.Errorf("--%s is in the help but the command does not accept it", hf.name)
				} else if fl.Shorthand != hf.short {
					t.Errorf("--%s is listed with shorthand %q, but it is %q", hf.name, hf.short, fl.Shorthand)
				}
			}
			for n := range accepted {
				if !seen[n] {
					t.Errorf("--%s is accepted but not in the help", n)
				}
			}
		})
	}
}
