package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/iostreams"
	"github.com/careerpath/careerpath/internal/render"
)

// LevelsCompareOptions are the inputs of `careerpath levels compare`.
type LevelsCompareOptions struct {
	IO      *iostreams.IOStreams
	Catalog func() (*catalog.Loaded, error)
	Format  string
	// FormatFrom names the variable or file that set Format, if any.
	FormatFrom string
	A, B       string
}

// NewCmdLevelsCompare builds `careerpath levels compare A B`.
func NewCmdLevelsCompare(f *cmdutil.Factory, runF func(*LevelsCompareOptions) error) *cobra.Command {
	opts := &LevelsCompareOptions{IO: f.IO, Catalog: f.Catalog}
	cmd := &cobra.Command{
		Use:   "compare LEVEL LEVEL",
		Short: "Set two levels side by side",
		Long: strings.TrimSpace(`
Set two levels of the active catalog side by side, by number (1 is the
lowest), id or name, in any order: track, intended audience, prior
experience, key emphasis, minimum years, purpose, best suited for and the
plan's length, each under Both when the two levels have it alike; and for
capabilities, practical results, common mistakes, what to pursue next and
the plan's phases, what only the first has, what only the second has and
what both have.

` + cmdutil.ExitStatusHelp),
		Example: strings.Trim(`
  careerpath levels compare <level> <level>
  careerpath levels compare <level> <level> --format json
  careerpath levels compare 1 3

  Levels are the active catalog's: see 'careerpath levels'.`, "\n"),
		Args:              twoArgs("two levels"),
		ValidArgsFunction: completeLevels(f, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.A, opts.B = args[0], args[1]
			var err error
			if opts.Format, opts.FormatFrom, err = formatSetting(cmd, f); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runLevelsCompare(opts)
		},
	}
	addFormatFlag(cmd, &opts.Format, render.FormatNames())
	return cmd
}

func runLevelsCompare(opts *LevelsCompareOptions) error {
	format, err := render.ParseFormat(opts.Format)
	if err != nil {
		return cmdutil.SettingError(err, cmdutil.KeyFormat, opts.FormatFrom)
	}
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	adv := advisor.New(cat)
	a, err := adv.ResolveLevel(opts.A)
	if err != nil {
		return err
	}
	b, err := adv.ResolveLevel(opts.B)
	if err != nil {
		return err
	}
	cmp := advisor.CompareLevels(a, b)
	return render.LevelComparison(opts.IO.Out, format, &cmp, opts.IO.TerminalWidth)
}

// LevelsShowOptions are the inputs of `careerpath levels show`.
type LevelsShowOptions struct {
	IO      *iostreams.IOStreams
	Catalog func() (*catalog.Loaded, error)
	Format  string
	// FormatFrom names the variable or file that set Format, if any.
	FormatFrom string
	Level      string
}

// NewCmdLevelsShow builds `careerpath levels show LEVEL`.
func NewCmdLevelsShow(f *cmdutil.Factory, runF func(*LevelsShowOptions) error) *cobra.Command {
	opts := &LevelsShowOptions{IO: f.IO, Catalog: f.Catalog}
	cmd := &cobra.Command{
		Use:   "show LEVEL",
		Short: "Print one level's whole stage text",
		Long: strings.TrimSpace(`
Print everything the active catalog says of one level (by number, id or
name): its stage, purpose, who it is best suited for, capabilities,
practical results, preparation plan, common mistakes and what to pursue
next. JSON and YAML write the catalog's level entry.

` + cmdutil.ExitStatusHelp),
		Example: strings.Trim(`
  careerpath levels show <level>
  careerpath levels show <level> --format markdown`, "\n"),
		Args:              exactArgs("one level"),
		ValidArgsFunction: completeLevels(f, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Level = args[0]
			var err error
			if opts.Format, opts.FormatFrom, err = formatSetting(cmd, f); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runLevelsShow(opts)
		},
	}
	addFormatFlag(cmd, &opts.Format, render.FormatNames())
	return cmd
}

func runLevelsShow(opts *LevelsShowOptions) error {
	format, err := render.ParseFormat(opts.Format)
	if err != nil {
		return cmdutil.SettingError(err, cmdutil.KeyFormat, opts.FormatFrom)
	}
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	level, err := advisor.New(cat).ResolveLevel(opts.Level)
	if err != nil {
		return err
	}
	return render.LevelStage(opts.IO.Out, format, level, opts.IO.TerminalWidth)
}

// completeLevels offers the active catalog's level ids for the first n
// arguments.
func completeLevels(f *cmdutil.Factory, n int) cobra.CompletionFunc {
	ids := completeFromCatalog(f, func(c *catalog.Loaded) []cobra.Completion {
		out := make([]cobra.Completion, len(c.Levels))
		for i, l := range c.Levels {
			out[i] = cobra.CompletionWithDesc(l.ID, l.Name)
		}
		return out
	})
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) >= n {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return ids(cmd, args, toComplete)
	}
}
