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
		Short: "Map your organisation's job titles and answers to the catalog's",
		Long: strings.TrimSpace(`
The answer map (--titles FILE, or the titles setting: CAREERPATH_TITLES,
or titles: in the config file) maps the answers of your staff list, as HR
writes them, to the active catalog's. It is a CSV file in one of two forms
(other columns are ignored):

  title,role               job titles to roles (by role id, name or alias)
  column,value,answer      the general form: column is role or
                           accountability, value the answer as HR writes
                           it, answer the catalog's id, name or alias; a
                           value may be empty (accountability only), to
                           say what an empty cell means

It is consulted before the catalog's own names, and its name and sha256
go into each recommendation's catalog.titles. A role's line also covers
its title with the catalog's title words added ("Build Engineer" covers
"Sr. Build Engineer" and "Build Engineer II"); a line that matches as
written wins. A role of - marks a title as outside the track: its rows
are out of scope, neither advised nor rejected.

It is read strictly: an unknown role or accountability, a value listed
twice with different answers, a missing or repeated column, or an empty
title is an error (exit 2) naming the line, and every problem is listed at
once. A line with an empty answer is not mapped yet and is skipped.

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
	Raw    bool
	// Accountability adds the accountability answers, which makes the
	// output the answer map's general form.
	Accountability bool
}

// NewCmdTitlesSuggest builds `careerpath titles suggest`; runF replaces
// the run function in tests.
func NewCmdTitlesSuggest(f *cmdutil.Factory, runF func(*TitlesSuggestOptions) error) *cobra.Command {
	opts := &TitlesSuggestOptions{}
	cmd := &cobra.Command{
		Use:   "suggest [FILE|-]",
		Short: "Write an answer map to start from, from a staff list",
		Long: strings.TrimSpace(`
Read a staff list (a CSV file or stdin, read as 'careerpath batch' reads
it: the same role column, --column and --delimiter) and write a title map
to start from: one row per distinct role answer, most frequent first, with
the columns title, role, suggestion, count and match. match says how the
role was found:

  exact        the title is a role's id or name
  alias        the title is one of a role's aliases
  title-words  the title names a role once the catalog's title words
               (such as senior, lead, II or contract) are ignored, and a
               part in brackets that holds them alone
  title-map    the title is in the map given with --titles
  guess        a typo of a role's name, by the did-you-mean of the errors
  none         no role is plausibly meant

role is filled only for the certain matches (exact, alias, title-words,
title-map). A guess goes into suggestion with role left empty, so a map
used before it is reviewed never applies a guess: copy the suggestion into
role (or write another), fill in or delete the empty roles, and pass the
file back with --titles; the loader reads title and role and ignores the
rest, and skips a line whose role is empty.

--accountability also lists the distinct accountability answers (empty
ones included) with the answer each certainly means, and writes the
general form column,value,answer,suggestion,count,match instead; there is
no guess for accountability.

CSV cells starting with =, +, -, @, tab or carriage return get a leading '
(the spreadsheet formula guard, which the map's reader takes off again)
unless --raw. Rows with the wrong number of cells are listed on stderr,
counted, and left out (exit status 3).

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
	fl.BoolVar(&opts.Raw, "raw", false, "write CSV cells as they are, without the spreadsheet formula guard")
	fl.BoolVar(&opts.Accountability, "accountability", false, "also suggest answers for the accountability column, in the general form column,value,answer")
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
	var malformed malformedRows
	rows := 0
	err = batch.ReadRows(ctx, in.Reader, batch.Options{Delimiter: run.Read.Delimiter, Columns: run.Read.Columns, Sheet: run.Read.Sheet}, func(r batch.Row) error {
		rows++
		if r.Shape != "" {
			malformed.add(r)
			return nil
		}
		tally.Add(r.Answers.Role)
		if opts.Accountability {
			tally.AddAccountability(r.Answers.Accountability)
		}
		return nil
	})
	if err := in.Failure(ctx, err); err != nil {
		return err
	}
	adv := advisor.New(run.Catalog).WithTitles(run.Read.Titles)
	suggestions := render.AnswerSuggestions{Roles: adv.Suggest(tally), General: opts.Accountability}
	if opts.Accountability {
		suggestions.Accountability = adv.SuggestAccountability(tally)
	}
	err = run.Write(func(w io.Writer, width int) error {
		return render.TitleSuggestions(w, format, suggestions, width, opts.Raw)
	})
	if err != nil {
		return err
	}
	name := text.Sanitize(in.Name)
	malformed.list(opts.IO.ErrOut, name)
	fmt.Fprintf(opts.IO.ErrOut, "%s: %d %s read, %d distinct %s, %d malformed\n", name, rows, plural(rows, "row"), len(suggestions.Roles), plural(len(suggestions.Roles), "title"), malformed.count)
	if malformed.count > 0 {
		return &cmdutil.RejectedRowsError{Rejected: malformed.count, Read: rows, Listed: "they are listed above and left out of the map"}
	}
	return nil
}

// maxMalformedListed bounds how many malformed rows suggest lists: the
// first ones show what is wrong, and a broken file does not flood the
// terminal.
const maxMalformedListed = 20

// malformedRows are the rows whose cells cannot be read, which suggest
// counts and lists as batch does in its error column.
type malformedRows struct {
	count  int
	listed []batch.Row
}

func (m *malformedRows) add(r batch.Row) {
	m.count++
	if len(m.listed) < maxMalformedListed {
		m.listed = append(m.listed, r)
	}
}

func (m *malformedRows) list(w io.Writer, name string) {
	for _, r := range m.listed {
		fmt.Fprintf(w, "%s: line %d: %s\n", name, r.Line, r.Shape)
	}
	if more := m.count - len(m.listed); more > 0 {
		fmt.Fprintf(w, "%s: and %d more malformed %s\n", name, more, plural(more, "row"))
	}
}
