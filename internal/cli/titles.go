package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/render"
	"github.com/careerpath/careerpath/internal/text"
)

// NewCmdTitles builds `careerpath titles`, the title map's commands.
func NewCmdTitles(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "titles",
		Short: "Map your organisation's job titles to the catalog's roles",
		Long: strings.TrimSpace(`
A title map is a CSV file with the columns title and role (other columns
are ignored) that maps the job titles of your staff list to the active
catalog's roles, by role id, name or alias. Give it to advise and batch
with --titles FILE (or the titles setting: CAREERPATH_TITLES, or titles:
in the config file); it is consulted before the catalog's own names, and
its name and sha256 go into each recommendation's catalog.titles.

It is read strictly: an unknown role, a title listed twice with different
roles, a missing title or role column, or an empty title is an error
(exit 2) naming the line, and every problem is listed at once. A line with
an empty role is not mapped yet and is skipped.

'careerpath titles suggest STAFF.csv > titles.csv' writes one to start
from; review it, then pass it back with --titles.`),
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(NewCmdTitlesSuggest(f, nil))
	return cmd
}

// TitlesSuggestOptions are the inputs of `careerpath titles suggest`.
type TitlesSuggestOptions struct {
	// StaffList's Titles is a title map to start from.
	cmdutil.StaffList

	Format string
}

// NewCmdTitlesSuggest builds `careerpath titles suggest`; runF replaces
// the run function in tests.
func NewCmdTitlesSuggest(f *cmdutil.Factory, runF func(*TitlesSuggestOptions) error) *cobra.Command {
	opts := &TitlesSuggestOptions{}
	cmd := &cobra.Command{
		Use:   "suggest [FILE|-]",
		Short: "Write a title map to start from, from a staff list",
		Long: strings.TrimSpace(`
Read a staff list (a CSV file or stdin, read as 'careerpath batch' reads
it: the same role column, --column and --delimiter) and write a title map
to start from: one row per distinct role answer, most frequent first, with
the columns title, role, count and match. match says how the role was
found:

  exact        the title is a role's id or name
  alias        the title is one of a role's aliases
  title-words  the title names a role once the catalog's title words
               (such as senior, lead or II) and any part in brackets are
               ignored
  title-map    the title is in the map given with --titles
  guess        the closest role by the did-you-mean of the errors; check it
  none         no role is plausibly meant; the role is left empty

Review the guesses, fill in or delete the empty roles, and pass the file
back with --titles: the loader reads title and role and ignores the rest.

` + cmdutil.ExitStatusHelp),
		Example: strings.TrimRight(`  careerpath titles suggest staff.csv > titles.csv
  careerpath titles suggest --format table staff.csv
  careerpath batch --titles titles.csv staff.csv -o plans.csv`, "\n"),
	}
	opts.Bind(f, cmd, cmdutil.StaffListShape{DelimiterUsage: "field delimiter of the input"}, func() error {
		if runF != nil {
			return runF(opts)
		}
		return runTitlesSuggest(opts)
	})
	fl := cmd.Flags()
	fl.StringVarP(&opts.Format, "format", "f", string(render.CSV), "output format: "+strings.Join(render.TitleSuggestionFormatNames(), ", "))
	must(cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(render.TitleSuggestionFormatNames(), cobra.ShellCompDirectiveNoFileComp)))
	return cmd
}

func runTitlesSuggest(opts *TitlesSuggestOptions) error {
	format, err := staffListFormat(&opts.StaffList, opts.Format, render.TitleSuggestionFormats)
	if err != nil {
		return err
	}
	if format == render.XLSX {
		if err := opts.RefuseBinaryToTerminal(string(format)); err != nil {
			return err
		}
	}
	run, err := opts.Begin()
	if err != nil {
		return err
	}
	defer run.Close()
	ins, err := run.Open(run.Context)
	if err != nil {
		return err
	}
	ctx, in := run.Context, ins[0]
	tally := advisor.NewTitleTally()
	rows := 0
	err = batch.ReadRows(ctx, in.Reader, batch.Options{Delimiter: run.Read.Delimiter, Columns: run.Read.Columns, Sheet: run.Read.Sheet}, func(r batch.Row) error {
		if r.Shape == "" {
			tally.Add(r.Answers.Role)
			rows++
		}
		return nil
	})
	if err := in.Failure(ctx, err); err != nil {
		return err
	}
	suggestions := advisor.New(run.Catalog).WithTitles(run.Read.Titles).Suggest(tally)
	err = run.Write(func(w io.Writer, width int) error {
		return render.TitleSuggestions(w, format, suggestions, width)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "%s: %d %s read, %d distinct %s\n", text.Sanitize(in.Name), rows, plural(rows, "row"), len(suggestions), plural(len(suggestions), "title"))
	return nil
}
