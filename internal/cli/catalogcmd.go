package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/data"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/iostreams"
	"github.com/careerpath/careerpath/internal/render"
	"github.com/careerpath/careerpath/internal/text"
)

// NewCmdCatalog builds `careerpath catalog` and its subcommands.
func NewCmdCatalog(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "Validate, show or export a catalog (the policy: levels, roles, thresholds)",
		Long: strings.TrimSpace(`
A catalog is an organisation's ladder: its levels (2 to 10), roles,
accountability answers, year thresholds, plan phases, directions and
providers. --catalog FILE (or CAREERPATH_CATALOG, or catalog: in the config
file) makes every command use it instead of the embedded one.

Start from 'careerpath catalog export > catalog.yaml', edit it, and check it
with 'careerpath catalog validate catalog.yaml'.`),
		RunE: runGroup,
	}
	cmd.AddCommand(NewCmdCatalogValidate(f, nil), NewCmdCatalogShow(f, nil), NewCmdCatalogExport(f, nil))
	return cmd
}

// CatalogValidateOptions are the inputs of `careerpath catalog validate`.
type CatalogValidateOptions struct {
	IO   *iostreams.IOStreams
	File string
}

// NewCmdCatalogValidate builds `careerpath catalog validate FILE`.
func NewCmdCatalogValidate(f *cmdutil.Factory, runF func(*CatalogValidateOptions) error) *cobra.Command {
	opts := &CatalogValidateOptions{IO: f.IO}
	return &cobra.Command{
		Use:   "validate FILE",
		Short: "Check a catalog file and list every problem in it",
		Long: strings.TrimSpace(`
Check a catalog file (YAML or JSON): unknown or repeated keys, missing
text, control characters, duplicate ids and aliases, references to levels,
directions or providers that do not exist, levels out of order, thresholds
that go down, phases of zero days, empty sections, a top level no
accountability answer reaches, role labels that contradict their range.
Prints a one-line summary and exits 0, or lists every problem with its path
and how to fix it and exits 2.

` + cmdutil.ExitStatusHelp),
		Example: "  careerpath catalog validate our-ladder.yaml",
		Args:    exactArgs("FILE"),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.File = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runCatalogValidate(opts)
		},
	}
}

func runCatalogValidate(opts *CatalogValidateOptions) error {
	cat, err := cmdutil.LoadCatalogFile(opts.File)
	if err != nil {
		return err
	}
	summary := fmt.Sprintf("%s %s, %s, %s, %s, %s, %s (sha256 %s)",
		text.Sanitize(cat.Name), text.Sanitize(cat.Version),
		count(len(cat.Levels), "level"), count(len(cat.Roles), "role"),
		count(len(cat.Accountability), "accountability answer"), count(len(cat.Directions), "direction"),
		count(len(cat.Providers), "provider"), cat.Source.SHA256)
	_, err = fmt.Fprintln(opts.IO.Out, text.Wrap("", text.Sanitize(opts.File)+": valid: "+summary, opts.IO.TerminalWidth))
	return err
}

func count(n int, noun string) string {
	return fmt.Sprintf("%d %s", n, plural(n, noun))
}

// CatalogShowOptions are the inputs of `careerpath catalog show`.
type CatalogShowOptions struct {
	IO      *iostreams.IOStreams
	Catalog func() (*catalog.Loaded, error)
	Format  string
	// FormatFrom names the variable or file that set Format, if any.
	FormatFrom string
}

// NewCmdCatalogShow builds `careerpath catalog show`.
func NewCmdCatalogShow(f *cmdutil.Factory, runF func(*CatalogShowOptions) error) *cobra.Command {
	opts := &CatalogShowOptions{IO: f.IO, Catalog: f.Catalog}
	cmd := &cobra.Command{
		Use:     "show",
		Short:   "Show the active catalog's levels, accountability answers, roles and directions",
		Example: "  careerpath catalog show --catalog our-ladder.yaml",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var err error
			if opts.Format, opts.FormatFrom, err = formatSetting(cmd, f); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runCatalogShow(opts)
		},
	}
	addFormatFlag(cmd, &opts.Format, render.FormatNames())
	return cmd
}

// catalogView is the JSON and YAML form of `catalog show`.
type catalogView struct {
	Catalog        catalog.Source           `json:"catalog"`
	Levels         []catalog.Level          `json:"levels"`
	Accountability []catalog.Accountability `json:"accountability"`
	Roles          []catalog.Role           `json:"roles"`
	Directions     []catalog.Direction      `json:"directions"`
}

func runCatalogShow(opts *CatalogShowOptions) error {
	format, err := render.ParseFormat(opts.Format)
	if err != nil {
		return cmdutil.SettingError(err, cmdutil.KeyFormat, opts.FormatFrom)
	}
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	view := catalogView{cat.Source, cat.Levels, cat.Accountability, cat.Roles, cat.Directions}
	switch format {
	case render.JSON:
		return render.WriteJSON(opts.IO.Out, view)
	case render.YAML:
		return render.WriteYAML(opts.IO.Out, view)
	}
	heading := func(s string) string { return s }
	if format == render.Markdown {
		heading = func(s string) string { return "## " + s + "\n" }
	}
	out := opts.IO.Out
	escape := text.Sanitize
	if format == render.Markdown {
		escape = render.MarkdownText
	}
	title := fmt.Sprintf("%s %s (sha256 %s)", escape(cat.Source.Name), escape(cat.Source.Version), cat.Source.SHA256)
	if _, err := fmt.Fprintln(out, text.Wrap("", title, opts.IO.TerminalWidth)); err != nil {
		return err
	}
	for _, section := range []struct {
		title   string
		listing func(*catalog.Loaded) render.Listing
	}{{"Levels", levelsListing}, {"Accountability answers", accountabilityListing}, {"Roles", rolesListing}, {"Directions", directionsListing}} {
		if _, err := fmt.Fprintf(out, "\n%s\n", heading(section.title)); err != nil {
			return err
		}
		if err := render.WriteListing(out, format, section.listing(cat), opts.IO.TerminalWidth); err != nil {
			return err
		}
	}
	return nil
}

func accountabilityListing(c *catalog.Loaded) render.Listing {
	rows := make([][]string, len(c.Accountability))
	for i, a := range c.Accountability {
		rows[i] = []string{a.ID, a.Name, a.Description, a.Level, strings.Join(a.Policy.Aliases, ", ")}
	}
	return render.Listing{
		Headers: []string{"ID", "Answer", "Description", "Level", "Aliases"},
		Rows:    rows,
		Data:    c.Accountability,
	}
}

// CatalogExportOptions are the inputs of `careerpath catalog export`.
type CatalogExportOptions struct {
	IO     *iostreams.IOStreams
	Format string
}

// Export formats: the catalog file formats.
var exportFormats = []string{string(render.YAML), string(render.JSON)}

// NewCmdCatalogExport builds `careerpath catalog export`.
func NewCmdCatalogExport(f *cmdutil.Factory, runF func(*CatalogExportOptions) error) *cobra.Command {
	opts := &CatalogExportOptions{IO: f.IO}
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Print the embedded catalog, to start a custom one from",
		Long: strings.TrimSpace(`
Print the embedded default catalog. YAML is the file as shipped, comments
included, byte for byte (so its sha256 matches 'careerpath version'); JSON is
the same catalog as one object. Either loads with --catalog.`),
		Example: strings.Trim(`
  careerpath catalog export > our-ladder.yaml
  careerpath catalog export --format json > our-ladder.json`, "\n"),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if asJSON {
				var err error
				if opts.Format, err = jsonFormat(cmd, opts.Format); err != nil {
					return err
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return runCatalogExport(opts)
		},
	}
	// Not the shared format setting: a catalog file is YAML or JSON only.
	cmd.Flags().StringVarP(&opts.Format, cmdutil.KeyFormat, "f", string(render.YAML), "catalog format: "+strings.Join(exportFormats, ", "))
	must(cmd.RegisterFlagCompletionFunc(cmdutil.KeyFormat, cobra.FixedCompletions(exportFormats, cobra.ShellCompDirectiveNoFileComp)))
	cmd.Flags().BoolVar(&asJSON, jsonFlag, false, "shorthand for --format json")
	return cmd
}

func runCatalogExport(opts *CatalogExportOptions) error {
	switch strings.ToLower(strings.TrimSpace(opts.Format)) {
	case string(render.YAML):
		_, err := opts.IO.Out.Write(data.CatalogYAML)
		return err
	case string(render.JSON):
		cat, err := catalog.Default()
		if err != nil {
			return err
		}
		return render.WriteJSON(opts.IO.Out, cat.Catalog)
	default:
		return cmdutil.UsageErrorf("unknown export format %q; use one of: %s", opts.Format, strings.Join(exportFormats, ", "))
	}
}

// runGroup runs a command that only groups others: help without
// arguments, a usage error for a misspelt subcommand.
func runGroup(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return cmd.Help()
	}
	names := []string{}
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	return cmdutil.UsageErrorf("unknown command %q for %q; use one of: %s", args[0], cmd.CommandPath(), strings.Join(names, ", "))
}

// exactArgs requires one argument, naming it when it is missing.
func exactArgs(name string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) == 0:
			return cmdutil.UsageErrorf("missing %s: usage: %s", name, cmd.UseLine())
		case len(args) > 1:
			return cmdutil.UsageErrorf("too many arguments (%d); %s takes one %s", len(args), cmd.CommandPath(), name)
		}
		return nil
	}
}

// twoArgs accepts exactly two arguments, which what names for the error.
func twoArgs(what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != 2 {
			return cmdutil.UsageErrorf("%s takes %s, %d given: usage: %s", cmd.CommandPath(), what, len(args), cmd.UseLine())
		}
		return nil
	}
}
