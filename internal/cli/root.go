// Package cli holds careerpath's cobra commands. Each command has an
// Options struct and a run function; the rule itself lives in advisor.
package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/prompt"
	"github.com/careerpath/careerpath/internal/text"
)

// Factory carries what every command needs; tests build their own.
type Factory struct {
	IO  *IOStreams
	Now func() time.Time
	// Catalog loads the active catalog once, on first use.
	Catalog func() (*catalog.Loaded, error)
	// Titles loads the title map the configuration names (nil for none)
	// against the active catalog, once, on first use.
	Titles func() (*catalog.Titles, error)
	// Config is the effective configuration, resolved by the root command
	// before any command runs; commands read their settings from it.
	Config *Config
	// UserConfigDir is where the default config file lives (under
	// careerpath/); tests point it at a folder of their own.
	UserConfigDir func() (string, error)
	// Prompter asks for missing answers when IO.CanPrompt().
	Prompter prompt.Prompter
}

// NewFactory returns a factory over the given streams; its catalog is the
// one the configuration names, else the embedded one.
func NewFactory(io *IOStreams) *Factory {
	f := &Factory{IO: io, Now: time.Now, UserConfigDir: os.UserConfigDir}
	f.Catalog = sync.OnceValues(f.loadCatalog)
	f.Titles = sync.OnceValues(f.loadTitles)
	f.Prompter = prompt.NewSurvey(io.In, io.ErrOut, io.ErrColorEnabled)
	return f
}

// LoadConfig resolves the configuration for a command's parsed flags and
// applies it; the root command calls it before any command runs, and code
// that runs without that hook (shell completion) can call it itself.
func (f *Factory) LoadConfig(flags *pflag.FlagSet) error {
	cfg, err := resolveConfig(flags, f.IO.Getenv, f.UserConfigDir)
	if err != nil {
		return err
	}
	f.Config = cfg
	f.IO.Color = cfg.Get(KeyColor)
	f.IO.NeverPrompt = cfg.NoInput()
	f.IO.neverPromptBy = cfg.Setting(KeyNoInput).describe()
	return nil
}

// loadCatalog loads the configured catalog file or the embedded catalog.
func (f *Factory) loadCatalog() (*catalog.Loaded, error) {
	s := f.Config.Setting(KeyCatalog)
	if s.Value == "" {
		return catalog.Default()
	}
	cat, err := loadCatalogFile(s.Value)
	if err != nil && s.Source != SourceFlag {
		return nil, fmt.Errorf("%w\n(the catalog was set by %s)", err, s.describe())
	}
	return cat, err
}

// loadCatalogFile loads a catalog file, refusing one that is not a regular
// file before it can hang on it.
func loadCatalogFile(path string) (*catalog.Loaded, error) {
	if err := notRegular(path); err != nil {
		return nil, usageErrorf("catalog %s %v", path, err)
	}
	return catalog.LoadFile(path)
}

// loadTitles loads the configured title map, or none.
func (f *Factory) loadTitles() (*catalog.Titles, error) {
	s := f.Config.Setting(KeyTitles)
	if s.Value == "" {
		return nil, nil
	}
	cat, err := f.Catalog()
	if err != nil {
		return nil, err
	}
	var t *catalog.Titles
	if err = notRegular(s.Value); err != nil {
		err = usageErrorf("title map %s %v", s.Value, err)
	} else {
		t, err = catalog.LoadTitles(s.Value, cat)
	}
	if err != nil && s.Source != SourceFlag {
		return nil, fmt.Errorf("%w\n(the title map was set by %s)", err, s.describe())
	}
	return t, err
}

// Main runs careerpath with args and returns the exit status.
func Main(args []string, io *IOStreams) int {
	return run(NewFactory(io), args)
}

func run(f *Factory, args []string) int {
	// Every command's stdout goes through one checked writer, so a write
	// error a renderer or library dropped still fails the run.
	stdout := newCheckedWriter(f.IO.Out)
	f.IO.Out = stdout
	root := newCmdRoot(f, firstArg(args))
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	var outErr *OutputError
	if werr := stdout.Err(); werr != nil && !errors.As(err, &outErr) {
		err = newOutputError("stdout", werr)
	}
	if err == nil {
		return ExitOK
	}
	if !commandRan(cmd) && !errors.As(err, &outErr) {
		// cobra rejected the command line before any run function started.
		err = &UsageError{Err: err}
	}
	// Messages quote catalog text, file names and flag values.
	fmt.Fprintf(f.IO.ErrOut, "careerpath: %s\n", text.Sanitize(err.Error()))
	var usage *UsageError
	if errors.As(err, &usage) && cmd != nil {
		fmt.Fprintf(f.IO.ErrOut, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return exitCode(err)
}

func firstArg(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

// ranAnnotation marks a command whose run function started, which tells
// flag and argument errors (always usage errors) from the command's own.
const ranAnnotation = "careerpath/ran"

func commandRan(cmd *cobra.Command) bool {
	return cmd != nil && cmd.Annotations[ranAnnotation] == "true"
}

// NewCmdRoot builds the command tree.
func NewCmdRoot(f *Factory) *cobra.Command {
	return newCmdRoot(f, "")
}

// newCmdRoot builds the root command with, when name is the name or an
// alias of one of its commands, only that command: building every command
// with its flags and completions is a measurable part of a short run's
// start-up (README, Start-up). Any other first argument (none, a flag,
// help, completion, a misspelt command that wants suggestions) gets the
// whole tree.
func newCmdRoot(f *Factory, name string) *cobra.Command {
	root := &cobra.Command{
		Use:   "careerpath",
		Short: "Career path advisor for the DevOps leadership track",
		Long: strings.TrimSpace(`
careerpath suggests a certification level from your role, years of
experience and team accountability, explains why, and prints a dated study
plan with the specialisations to pursue next. The levels, roles, thresholds
and directions all come from the active catalog.

` + exitStatusHelp),
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Annotations == nil {
				cmd.Annotations = map[string]string{}
			}
			cmd.Annotations[ranAnnotation] = "true"
			return f.LoadConfig(cmd.Flags())
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &UsageError{Err: err} })
	pf := root.PersistentFlags()
	pf.String(configKey, "", withEnv("config file (default $XDG_CONFIG_HOME/careerpath/config.yaml)", configKey))
	pf.String(KeyCatalog, "", withEnv("catalog file, YAML or JSON, instead of the embedded one", KeyCatalog))
	must(root.MarkPersistentFlagFilename(KeyCatalog, "yaml", "yml", "json"))
	pf.String(KeyColor, ColorAuto, withEnv("colour: auto (only on a terminal, not with NO_COLOR), always or never", KeyColor))
	must(root.RegisterFlagCompletionFunc(KeyColor, cobra.FixedCompletions(colorModes, cobra.ShellCompDirectiveNoFileComp)))
	pf.Bool(KeyNoInput, false, withEnv("never prompt; fail when an answer is missing", KeyNoInput))
	root.AddCommand(rootCommands(f, name)...)
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	// cobra adds `completion` when the command runs; adding it now puts it
	// in the tree the man pages and the help tests walk. It takes its output
	// stream when added, so the streams are set first.
	root.InitDefaultCompletionCmd()
	// cobra's completion command prints help for any argument; a misspelt
	// shell is a usage error like any unknown command.
	if completion, _, err := root.Find([]string{"completion"}); err == nil && completion != root {
		completion.RunE = runGroup
	}
	return root
}

// rootCommands builds the root's commands in order and returns the one
// called name as soon as it is built, else all of them.
func rootCommands(f *Factory, name string) []*cobra.Command {
	builders := []func() *cobra.Command{
		func() *cobra.Command { return NewCmdAdvise(f, nil) },
		func() *cobra.Command { return NewCmdPath(f, nil) },
		func() *cobra.Command { return NewCmdRoles(f, nil) },
		func() *cobra.Command { return NewCmdLevels(f, nil) },
		func() *cobra.Command { return NewCmdSpecialisations(f, nil) },
		func() *cobra.Command { return NewCmdVersion(f, nil) },
		func() *cobra.Command { return NewCmdCatalog(f) },
		func() *cobra.Command { return NewCmdConfig(f, nil) },
		func() *cobra.Command { return NewCmdSchema(f, nil) },
		func() *cobra.Command { return NewCmdBatch(f, nil) },
		func() *cobra.Command { return NewCmdReport(f, nil) },
		func() *cobra.Command { return NewCmdCalibrate(f, nil) },
		func() *cobra.Command { return NewCmdTitles(f) },
	}
	cmds := make([]*cobra.Command, 0, len(builders))
	for _, build := range builders {
		cmd := build()
		if name != "" && (cmd.Name() == name || cmd.HasAlias(name)) {
			return []*cobra.Command{cmd}
		}
		cmds = append(cmds, cmd)
	}
	return cmds
}
