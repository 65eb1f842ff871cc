// Package cli holds careerpath's cobra commands. Each command has an
// Options struct and a run function; the rule itself lives in advisor.
package cli

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/catalog"
)

// Factory carries what every command needs; tests build their own.
type Factory struct {
	IO  *IOStreams
	Now func() time.Time
	// Catalog loads the active catalog once, on first use.
	Catalog func() (*catalog.Loaded, error)
}

// NewFactory returns a factory over the given streams and the embedded
// catalog.
func NewFactory(io *IOStreams) *Factory {
	return &Factory{IO: io, Now: time.Now, Catalog: sync.OnceValues(catalog.Default)}
}

// Main runs careerpath with args and returns the exit status.
func Main(args []string, io *IOStreams) int {
	return run(NewFactory(io), args)
}

func run(f *Factory, args []string) int {
	root := NewCmdRoot(f)
	root.SetArgs(args)
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	cmd, err := root.ExecuteC()
	if err == nil {
		return ExitOK
	}
	if !commandRan(cmd) {
		// cobra rejected the command line before any run function started.
		err = &UsageError{Err: err}
	}
	fmt.Fprintf(f.IO.ErrOut, "careerpath: %s\n", err)
	var usage *UsageError
	if errors.As(err, &usage) && cmd != nil {
		fmt.Fprintf(f.IO.ErrOut, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return exitCode(err)
}

// ranAnnotation marks a command whose run function started, which tells
// flag and argument errors (always usage errors) from the command's own.
const ranAnnotation = "careerpath/ran"

func commandRan(cmd *cobra.Command) bool {
	return cmd != nil && cmd.Annotations[ranAnnotation] == "true"
}

// NewCmdRoot builds the command tree.
func NewCmdRoot(f *Factory) *cobra.Command {
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
		PersistentPreRun: func(cmd *cobra.Command, _ []string) {
			if cmd.Annotations == nil {
				cmd.Annotations = map[string]string{}
			}
			cmd.Annotations[ranAnnotation] = "true"
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &UsageError{Err: err} })
	root.AddCommand(
		NewCmdAdvise(f, nil),
		NewCmdRoles(f, nil),
		NewCmdLevels(f, nil),
		NewCmdSpecialisations(f, nil),
		NewCmdVersion(f, nil),
		NewCmdBatch(f, nil),
	)
	return root
}
