package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/iostreams"
	"github.com/careerpath/careerpath/internal/render"
)

// ListOptions are the inputs of the catalog listing commands.
type ListOptions struct {
	IO      *iostreams.IOStreams
	Catalog func() (*catalog.Loaded, error)
	Format  string
	// FormatFrom names the variable or file that set Format, if any.
	FormatFrom string
	// Listing turns the catalog into the table to print.
	Listing func(*catalog.Loaded) render.Listing
}

// NewCmdRoles builds `careerpath roles`.
func NewCmdRoles(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	return newListCmd(f, runF, "roles", "List the roles and the level the role table suggests", rolesListing)
}

// NewCmdLevels builds `careerpath levels`.
func NewCmdLevels(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	cmd := newListCmd(f, runF, "levels", "List the certification levels", levelsListing)
	cmd.AddCommand(NewCmdLevelsCompare(f, nil), NewCmdLevelsShow(f, nil))
	return cmd
}

// NewCmdSpecialisations builds `careerpath specialisations`.
func NewCmdSpecialisations(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	cmd := newListCmd(f, runF, "specialisations", "List the post-certification directions and their providers", directionsListing)
	cmd.Aliases = []string{"specializations", "directions"}
	return cmd
}

func newListCmd(f *cmdutil.Factory, runF func(*ListOptions) error, use, short string, listing func(*catalog.Loaded) render.Listing) *cobra.Command {
	opts := &ListOptions{IO: f.IO, Catalog: f.Catalog, Listing: listing}
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var err error
			if opts.Format, opts.FormatFrom, err = formatSetting(cmd, f); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runList(opts)
		},
	}
	addFormatFlag(cmd, &opts.Format, render.FormatNames())
	return cmd
}

func runList(opts *ListOptions) error {
	format, err := render.ParseFormat(opts.Format)
	if err != nil {
		return cmdutil.SettingError(err, cmdutil.KeyFormat, opts.FormatFrom)
	}
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	return render.WriteListing(opts.IO.Out, format, opts.Listing(cat), opts.IO.TerminalWidth)
}

func rolesListing(c *catalog.Loaded) render.Listing {
	rows := make([][]string, len(c.Roles))
	for i, r := range c.Roles {
		rows[i] = []string{r.ID, r.Name, r.SuggestedLevel, r.Policy.PrimaryDirection, strings.Join(r.Policy.Aliases, ", ")}
	}
	return render.Listing{
		Headers: []string{"ID", "Role", "Suggested level", "Primary direction", "Aliases"},
		Rows:    rows,
		Data:    c.Roles,
	}
}

func levelsListing(c *catalog.Loaded) render.Listing {
	rows := make([][]string, len(c.Levels))
	for i, l := range c.Levels {
		rows[i] = []string{strconv.Itoa(l.Order), l.ID, l.Name, l.IntendedAudience, l.PriorExperience, l.KeyEmphasis,
			strconv.FormatFloat(l.Policy.MinYears, 'f', -1, 64), fmt.Sprintf("%d days", l.PreparationPlan.Days())}
	}
	return render.Listing{
		Headers: []string{"Order", "ID", "Level", "Intended audience", "Prior experience", "Key emphasis", "Min years", "Plan"},
		Rows:    rows,
		Data:    c.Levels,
	}
}

func directionsListing(c *catalog.Loaded) render.Listing {
	rows := make([][]string, len(c.Directions))
	for i, d := range c.Directions {
		names := make([]string, len(d.Providers))
		for j, p := range d.Providers {
			names[j] = c.Provider(p).Name
		}
		rows[i] = []string{d.ID, d.Name, d.Focus, strings.Join(names, ", ")}
	}
	return render.Listing{
		Headers: []string{"ID", "Direction", "Focus", "Providers"},
		Rows:    rows,
		Data:    c.Directions,
	}
}

// jsonFlag is the shorthand for --format json.
const jsonFlag = "json"

// addFormatFlag adds the --format flag that the format setting overrides,
// and --json, its shorthand for --format json; formatSetting reads both.
func addFormatFlag(cmd *cobra.Command, format *string, names []string) {
	cmd.Flags().StringVarP(format, cmdutil.KeyFormat, "f", string(render.Table), cmdutil.WithEnv("output format: "+strings.Join(names, ", "), cmdutil.KeyFormat))
	must(cmd.RegisterFlagCompletionFunc(cmdutil.KeyFormat, cobra.FixedCompletions(names, cobra.ShellCompDirectiveNoFileComp)))
	cmd.Flags().Bool(jsonFlag, false, "shorthand for --format json")
}

// formatSetting is the format setting and where it came from (see
// Setting.from); --json stands for --format json, over the variable and
// the file, and contradicts any other --format.
func formatSetting(cmd *cobra.Command, f *cmdutil.Factory) (format, from string, err error) {
	format, from = f.Config.Get(cmdutil.KeyFormat), f.Config.Setting(cmdutil.KeyFormat).From()
	if asJSON, _ := cmd.Flags().GetBool(jsonFlag); !asJSON {
		return format, from, nil
	}
	format, err = jsonFormat(cmd, format)
	return format, "", err
}

// jsonFormat is the format --json asks for, refusing a --format that says
// otherwise.
func jsonFormat(cmd *cobra.Command, format string) (string, error) {
	if cmd.Flags().Changed(cmdutil.KeyFormat) && format != string(render.JSON) {
		return "", cmdutil.UsageErrorf("--json and --format %s disagree; use one of them", format)
	}
	return string(render.JSON), nil
}
