package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/iostreams"
	"github.com/careerpath/careerpath/internal/render"
)

// ConfigShowOptions are the inputs of `careerpath config show`.
type ConfigShowOptions struct {
	IO     *iostreams.IOStreams
	Config *cmdutil.Config
	Format string
	// FormatFrom names the variable or file that set Format, if any.
	FormatFrom string
}

// NewCmdConfig builds `careerpath config` and `config show`.
func NewCmdConfig(f *cmdutil.Factory, runF func(*ConfigShowOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show the effective settings and where each came from",
		Long: strings.TrimSpace(`
Settings come from, in order of precedence: a flag, an environment variable
(CAREERPATH_FORMAT, CAREERPATH_CATALOG, CAREERPATH_START,
CAREERPATH_NO_INPUT, CAREERPATH_COLOR), the config file, then the default.

The config file is --config FILE (or CAREERPATH_CONFIG), else
config.yaml in the user config folder ($XDG_CONFIG_HOME/careerpath/ on
Linux); a missing default file is fine. It is YAML (JSON or TOML by
extension) with the keys format, catalog, start, no-input and color; a
relative catalog path is relative to the config file:

  format: json
  catalog: our-ladder.yaml
  color: never`),
		RunE: runGroup,
	}
	opts := &ConfigShowOptions{IO: f.IO}
	show := &cobra.Command{
		Use:   "show",
		Short: "Print each setting, its value and its source (flag, env, file, default)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.Config = f.Config
			var err error
			if opts.Format, opts.FormatFrom, err = formatSetting(cmd, f); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runConfigShow(opts)
		},
	}
	addFormatFlag(show, &opts.Format, render.FormatNames())
	cmd.AddCommand(show)
	return cmd
}

// emptyMeaning says what an empty value stands for in the table view.
var emptyMeaning = map[string]string{cmdutil.KeyConfig: "(none)", cmdutil.KeyCatalog: "(embedded)", cmdutil.KeyStart: "(today)"}

func runConfigShow(opts *ConfigShowOptions) error {
	format, err := render.ParseFormat(opts.Format)
	if err != nil {
		return cmdutil.SettingError(err, cmdutil.KeyFormat, opts.FormatFrom)
	}
	settings := opts.Config.Settings()
	rows := make([][]string, len(settings))
	for i, s := range settings {
		value := s.Value
		if value == "" {
			value = emptyMeaning[s.Key]
		}
		rows[i] = []string{s.Key, value, s.Describe()}
	}
	return render.WriteListing(opts.IO.Out, format, render.Listing{
		Headers: []string{"Key", "Value", "Source"},
		Rows:    rows,
		Data:    settings,
	}, opts.IO.TerminalWidth)
}
