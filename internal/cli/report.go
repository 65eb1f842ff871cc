package cli

import (
	"errors"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/render"
	"github.com/careerpath/careerpath/internal/report"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
)

// ReportOptions are the inputs of `careerpath report`.
type ReportOptions struct {
	cmdutil.StaffList

	Format string
	By     string
	Labels []string
	Top    int
}

// NewCmdReport builds `careerpath report`; runF replaces the run function
// in tests.
func NewCmdReport(f *cmdutil.Factory, runF func(*ReportOptions) error) *cobra.Command {
	opts := &ReportOptions{}
	cmd := &cobra.Command{
		Use:   "report [FILE|-]",
		Short: "Summarise a CSV staff list for HR and managers",
		Long: strings.TrimSpace(`
Read a CSV staff list as 'careerpath batch' does (same columns, aliases,
--column, --delimiter, per-row start and --titles) and report on the whole team:
headcount, level distribution overall and per --by group, role and
accountability per level, readiness for the next level, demand per
direction and provider, the study load per month and level, and the
rejected rows with their reasons, grouped by column and value (ignoring
case and extra spaces).

Readiness sorts everyone below the top level into time-bound (only years
are missing; months until, in buckets), scope-bound (the years are there; a
wider accountability is missing) and time and scope (both). Two lists of
--top people each follow: next by time (fewest months first) and scope
bound (most years past the next level's minimum first), the people to
consider for a wider accountability.

--min-group N (default 5, also the min-group setting) shows a group of fewer
than N people (a --by group, a role or accountability row) as "fewer than
N" without its figures, and the next smallest with it when it alone would
be hidden; 1 shows all. --no-people leaves out every list of people, for a
report shared beyond HR.

--by COLUMN groups by any column; the 1,000 largest groups are shown and
the rest folded into one "other" group. --label COLUMN (repeatable) names
the columns that identify a person in lists; by default the first of
employee_id, id, name that the file has.

html is one self-contained file with charts that needs no network; json
follows 'careerpath schema report'. -o writes the file atomically.

` + cmdutil.ExitStatusHelp),
		Example: strings.TrimRight(`  careerpath report staff.csv
  careerpath report --by team --format html -o team.html staff.csv
  careerpath report --format json staff.csv | jq '.levels[] | {name, people}'`, "\n"),
	}
	opts.Bind(f, cmd, cmdutil.StaffListShape{DelimiterUsage: "field delimiter of the input", Plans: true, Memory: cmdutil.MemoryStreaming, Groups: true},
		func() error {
			if runF != nil {
				return runF(opts)
			}
			return runReport(opts)
		})
	fl := cmd.Flags()
	fl.StringVarP(&opts.Format, "format", "f", string(render.Table), "output format: "+strings.Join(render.ReportFormatNames(), ", "))
	fl.StringVar(&opts.By, "by", "", "group by the `COLUMN` with this header name, such as team")
	fl.StringArrayVar(&opts.Labels, "label", nil, "a `COLUMN` that identifies a person in lists; repeatable")
	fl.IntVar(&opts.Top, "top", report.DefaultTop, "how many people each of the next-by-time and scope-bound lists shows")
	must(cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(render.ReportFormatNames(), cobra.ShellCompDirectiveNoFileComp)))
	return cmd
}

func runReport(opts *ReportOptions) error {
	format, err := staffListFormat(&opts.StaffList, opts.Format, render.ReportFormats)
	if err != nil {
		return err
	}
	if opts.Top < 0 {
		return cmdutil.UsageErrorf("invalid --top %d: use 0 or more", opts.Top)
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
	ctx, cat, in, read := run.Context, run.Catalog, ins[0], run.Read

	b := report.New(cat, report.Options{By: opts.By, Labels: opts.Labels, Top: opts.Top, MinGroup: opts.MinGroup, NoPeople: opts.NoPeople, Inputs: reportdoc.Inputs{
		File: in.Name, Start: read.Start.Format(advisor.DateLayout), Delimiter: string(read.Delimiter), Columns: read.Columns},
		Source: advisor.SourceOf(cat, read.Titles)})
	read.Derive = b.Derive
	sum, err := batch.Visit(ctx, cat, in.Reader, read, b.Begin, b.Add)
	// An unknown --by or --label column is found in the header, before
	// anything is read past it.
	var columnErr *report.ColumnError
	if errors.As(err, &columnErr) && ctx.Err() == nil {
		return &cmdutil.UsageError{Err: err}
	}
	if err := in.Failure(ctx, err); err != nil {
		return err
	}
	doc, err := b.Report(sum)
	if err != nil {
		return err
	}
	err = run.Write(func(w io.Writer, width int) error {
		return render.Report(w, format, doc, render.Options{Width: width})
	})
	if err != nil {
		return err
	}
	run.Tally(in.Name, sum)
	if sum.Rejected > 0 {
		return &cmdutil.RejectedRowsError{Rejected: sum.Rejected, Read: sum.Read, Listed: "the report lists them with their reasons"}
	}
	return nil
}
