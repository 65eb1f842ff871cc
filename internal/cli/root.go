// Package cli holds careerpath's cobra commands. Each command has an
// Options struct and a run function; the rule itself lives in advisor.
package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/iostreams"
	"github.com/careerpath/careerpath/internal/text"
)

// Main runs careerpath with args and returns the exit status.
func Main(args []string, io *iostreams.IOStreams) int {
	return run(cmdutil.NewFactory(io), args)
}

func run(f *cmdutil.Factory, args []string) int {
	// Every command's stdout goes through one checked writer, so a write
	// error a renderer or library dropped still fails the run.
	stdout := cmdutil.NewCheckedWriter(f.IO.Out)
	f.IO.Out = stdout
	root := newCmdRoot(f, firstArg(args))
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	var outErr *cmdutil.OutputError
	if werr := stdout.Err(); werr != nil && !errors.As(err, &outErr) {
		err = cmdutil.NewOutputError("stdout", werr)
	}
	if err == nil {
		return cmdutil.ExitOK
	}
	if !commandRan(cmd) && !errors.As(err, &outErr) {
		// cobra rejected the command line before any run function started.
		err = &cmdutil.UsageError{Err: err}
	}
	// Messages quote catalog text, file names and flag values.
	fmt.Fprintf(f.IO.ErrOut, "careerpath: %s\n", text.Sanitize(err.Error()))
	var usage *cmdutil.UsageError
	if errors.As(err, &usage) && cmd != nil {
		fmt.Fprintf(f.IO.ErrOut, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return cmdutil.ExitCode(err)
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
func NewCmdRoot(f *cmdutil.Factory) *cobra.Command {
	return newCmdRoot(f, "")
}

// newCmdRoot builds the root command with, when name is the name or an
// alias of one of its commands, only that command: building every command
// with its flags and completions is a measurable part of a short run's
// start-up (docs/performance.md, Start-up). Any other first argument (none, a flag,
// help, completion, a misspelt command that wants suggestions) gets the
// whole tree.
func newCmdRoot(f *cmdutil.Factory, name string) *cobra.Command {
	root := &cobra.Command{
		Use:   "careerpath",
		Short: "Career path advisor for the DevOps leadership track",
		Long: strings.TrimSpace(`
careerpath suggests a certification level from your role, years of
experience and team accountability, explains why, and prints a dated study
plan with the specialisations to pursue next. The levels, roles, thresholds
and directions all come from the active catalog.

` + cmdutil.ExitStatusHelp),
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
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &cmdutil.UsageError{Err: err} })
	pf := root.PersistentFlags()
	pf.String(cmdutil.KeyConfig, "", cmdutil.WithEnv("config file (default $XDG_CONFIG_HOME/careerpath/config.yaml)", cmdutil.KeyConfig))
	pf.String(cmdutil.KeyCatalog, "", cmdutil.WithEnv("catalog file, YAML or JSON, instead of the embedded one", cmdutil.KeyCatalog))
	must(root.MarkPersistentFlagFilename(cmdutil.KeyCatalog, "yaml", "yml", "json"))
	pf.String(cmdutil.KeyColor, iostreams.ColorAuto, cmdutil.WithEnv("colour: auto (only on a terminal, not with NO_COLOR), always or never", cmdutil.KeyColor))
	must(root.RegisterFlagCompletionFunc(cmdutil.KeyColor, cobra.FixedCompletions(iostreams.ColorModes(), cobra.ShellCompDirectiveNoFileComp)))
	pf.Bool(cmdutil.KeyNoInput, false, cmdutil.WithEnv("never prompt; fail when an answer is missing", cmdutil.KeyNoInput))
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
func rootCommands(f *cmdutil.Factory, name string) []*cobra.Command {
	builders := []func() *cobra.Command{
		func() *cobra.Command { return NewCmdAdvise(f, nil) },
		func() *cobra.Command { return NewCmdPath(f, nil) },
		func() *cobra.Command { return NewCmdPlan(f) },
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
