package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/data"

	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/iostreams"
)

// SchemaOptions are the inputs of `careerpath schema`.
type SchemaOptions struct {
	IO   *iostreams.IOStreams
	Name string
}

// NewCmdSchema builds `careerpath schema NAME`, one of data.SchemaNames.
func NewCmdSchema(f *cmdutil.Factory, runF func(*SchemaOptions) error) *cobra.Command {
	opts := &SchemaOptions{IO: f.IO}
	names := data.SchemaNames()
	return &cobra.Command{
		Use:   "schema " + strings.Join(names, "|"),
		Short: "Print a published JSON Schema (2020-12)",
		Long: strings.TrimSpace(`
Print the JSON Schema of the recommendation (advise --json, and each batch
record under $defs/batch_record), of the career path (path --json), of a
catalog file, of the team report (report --format json), of a
calibration record (calibrate --format ndjson) or of a plan's status
(plan status --json; its $defs/export is plan export --format json). The tests check every JSON
output of careerpath against these schemas.

Each schema stands alone: the definitions it shares with another are
copied into its $defs, and its $id is a URN (urn:careerpath:schema:NAME:
VERSION), so a validator needs nothing else, offline.`),
		Example: strings.Trim(`
  careerpath schema recommendation > recommendation.schema.json
  careerpath schema path > path.schema.json
  careerpath schema catalog > catalog.schema.json
  careerpath schema calibration > calibration.schema.json`, "\n"),
		ValidArgs: names,
		Args:      exactArgs(strings.Join(names, " or ")),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runSchema(opts)
		},
	}
}

func runSchema(opts *SchemaOptions) error {
	if !slices.Contains(data.SchemaNames(), opts.Name) {
		return cmdutil.UsageErrorf("unknown schema %q; use one of: %s", opts.Name, strings.Join(data.SchemaNames(), ", "))
	}
	raw, err := data.Schema(opts.Name)
	if err != nil {
		return err
	}
	_, err = opts.IO.Out.Write(raw)
	return err
}
