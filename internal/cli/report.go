package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/render"
	"github.com/careerpath/careerpath/internal/report"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
	"github.com/careerpath/careerpath/internal/text"
)

// ReportOptions are the inputs of `careerpath report`.
type ReportOptions struct {
	StaffListOptions

	Input  string // a file, or "-" or "" for stdin
	Output string // a file written atomically, or "" for stdout
	Format string
	By     string
	Labels []string
	Top    int
}

// NewCmdReport builds `careerpath report`; runF replaces the run function
// in tests.
func NewCmdReport(f *Factory, runF func(*ReportOptions) error) *cobra.Command {
	opts := &ReportOptions{StaffListOptions: newStaffListOptions(f)}
	cmd := &cobra.Command{
		Use:   "report [FILE|-]",
		Short: "Summarise a CSV staff list for HR and managers",
		Long: strings.TrimSpace(`
Read a CSV staff list as 'careerpath batch' does (same columns, aliases,
--column, --delimiter, per-row start and --titles) and report on the whole team:
headcount, level distribution overall and per --by group, role and
accountability per level, readiness for the next level (months until its
minimum years, in buckets, and the --top people closest to it), demand per
direction and provider, the study load per month, and every rejected row
with its reason, grouped by column and value.

--by COLUMN groups by any column; the 1,000 largest groups are shown and
the rest folded into one "other" group. --label COLUMN (repeatable) names
the columns that identify a person in lists; by default the first of
employee_id, id, name that the file has.

html is one self-contained file with charts that needs no network; json
follows 'careerpath schema report'. -o writes the file atomically.

` + exitStatusHelp),
		Example: strings.TrimRight(`  careerpath report staff.csv
  careerpath report --by team --format html -o team.html staff.csv
  careerpath report --format json staff.csv | jq '.levels[] | {name, people}'`, "\n"),
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Input = args[0]
			}
			opts.Context = cmd.Context()
			opts.Start = f.Config.Get(KeyStart)
			if runF != nil {
				return runF(opts)
			}
			return runReport(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Format, "format", "f", string(render.Table), "output format: "+strings.Join(render.ReportFormatNames(), ", "))
	fl.StringVarP(&opts.Output, "output", "o", "", "write to `FILE` (atomically) instead of stdout")
	addStaffListFlags(cmd, &opts.Delimiter, &opts.Columns, "field delimiter of the input")
	addRowStartFlag(cmd, &opts.Start)
	fl.StringVar(&opts.By, "by", "", "group by the `COLUMN` with this header name, such as team")
	fl.StringArrayVar(&opts.Labels, "label", nil, "a `COLUMN` that identifies a person in lists; repeatable")
	fl.IntVar(&opts.Top, "top", report.DefaultTop, "how many people the \"closest to the next level\" list shows")
	addTitlesFlag(cmd)

	must(cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(render.ReportFormatNames(), cobra.ShellCompDirectiveNoFileComp)))
	return cmd
}

func runReport(opts *ReportOptions) error {
	format, err := render.ParseReportFormat(opts.Format)
	if err != nil {
		return &UsageError{Err: err}
	}
	if opts.Top < 0 {
		return usageErrorf("invalid --top %d: use 0 or more", opts.Top)
	}
	bopts, err := opts.readOptions()
	if err != nil {
		return err
	}
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	defer streamingGC(opts.IO.Getenv)()
	ctx, release := stopOnSignal(opts.Context)
	defer release()
	in, err := openBatchInput(ctx, opts.IO, opts.Input)
	if err != nil {
		return err
	}
	defer in.close()

	b := report.New(cat, report.Options{By: opts.By, Labels: opts.Labels, Top: opts.Top, Inputs: reportdoc.Inputs{
		File: in.name, Start: bopts.Start.Format(advisor.DateLayout), Delimiter: string(bopts.Delimiter), Columns: bopts.Columns},
		Source: advisor.SourceOf(cat, bopts.Titles)})
	bopts.Derive = b.Derive
	sum, err := batch.Visit(ctx, cat, in.r, bopts, b.Begin, b.Add)
	// An unknown --by or --label column is found in the header, before
	// anything is read past it.
	var columnErr *report.ColumnError
	if errors.As(err, &columnErr) && ctx.Err() == nil {
		return &UsageError{Err: err}
	}
	if err := in.failure(ctx, err); err != nil {
		return err
	}
	doc, err := b.Report(sum)
	if err != nil {
		return err
	}
	err = writeOutput(ctx, opts.IO, opts.Output, func(w io.Writer, width int) error {
		return render.Report(w, format, doc, render.Options{Width: width})
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "%s: %d %s read, %d advised, %d rejected\n", text.Sanitize(in.name), sum.Read, plural(sum.Read, "row"), sum.Advised, sum.Rejected)
	if sum.Rejected > 0 {
		return &RejectedRowsError{Rejected: sum.Rejected, Read: sum.Read, Listed: "the report lists them with their reasons"}
	}
	return nil
}
