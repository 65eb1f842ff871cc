package cli

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/render"
)

// BatchOptions are the inputs of `careerpath batch`.
type BatchOptions struct {
	cmdutil.StaffList

	Format string
	Raw    bool
}

// NewCmdBatch builds `careerpath batch`; runF replaces the run function in
// tests.
func NewCmdBatch(f *cmdutil.Factory, runF func(*BatchOptions) error) *cobra.Command {
	opts := &BatchOptions{}
	cmd := &cobra.Command{
		Use:   "batch [FILE|-]",
		Short: "Advise every row of a CSV or XLSX staff list",
		Long: strings.TrimSpace(`
Advise every row of a CSV file (or stdin) and write one output row per
input row, in input order. The header row names the columns, matched
ignoring case and surrounding spaces:

  role            the role (as in 'careerpath advise --role'); without a
                  role column, also job_title, job title, title, position
  years           years of experience; also experience, years_experience,
                  yoe; without those, also tenure, years_of_experience
  accountability  team accountability; also scope
  start           optional per-row plan start, YYYY-MM-DD (1900 to 2999)

--column KEY=HEADER finds a key under another header name. Every other
column is passed through untouched.

An .xlsx workbook is read as well, recognised by its content: its first
sheet, or --sheet NAME, its cells as a CSV export holds them (numbers as
their shortest decimal, dates as YYYY-MM-DD), each row's line being its row
number. --format xlsx writes the CSV output's rows as a workbook (typed
cells, header frozen, no cell ever a formula); it needs -o FILE.xlsx when
stdout is a terminal.

CSV output keeps the input columns and adds level, level_order, next_level,
plan_start, plan_end, specialisations (the top three ids, joined by ';'),
error and next_level_eligible_from (the day the next level's years are met;
empty at the top); an added column named like an input one gets a
careerpath_ prefix, and a repeated header name becomes name_N (N its column
number). A record over 1 MiB stops the run (exit 2). Cells that a spreadsheet would run as a formula (starting with =, +,
-, @, tab or carriage return) get a leading ' unless --raw. ndjson writes
the full recommendation of 'careerpath advise --json' per row, plus "row"
(the input line) and "record" (the input columns); a rejected row has
"error" {column, message, problems} instead, problems listing every
problem of the row (the first repeated in column and message). json is
the same objects in one array.

--titles FILE maps your organisation's job titles to the catalog's roles
first (see 'careerpath titles').

A row that cannot be advised stays in the output with its error, and the
run goes on; a summary goes to stderr. -o writes the file atomically: after
a failure or Ctrl-C an existing file is left as it was.

` + cmdutil.ExitStatusHelp),
		Example: strings.TrimRight(`  careerpath batch staff.csv -o plans.csv
  careerpath batch --format ndjson < staff.csv | jq -c '{row, level: .level.name}'
  careerpath batch export.xlsx --sheet Staff --format xlsx -o plans.xlsx
  careerpath batch --delimiter ';' --column role="Job Title" --column years=Experience staff.csv`, "\n"),
	}
	// The format setting is not read: batch's formats are its own.
	opts.Bind(f, cmd, cmdutil.StaffListShape{DelimiterUsage: "field delimiter of the input and CSV output", Plans: true, Memory: cmdutil.MemoryStreaming},
		func() error {
			if runF != nil {
				return runF(opts)
			}
			return runBatch(opts)
		})
	fl := cmd.Flags()
	fl.StringVarP(&opts.Format, "format", "f", string(render.CSV), "output format: "+strings.Join(render.BatchFormatNames(), ", "))
	fl.BoolVar(&opts.Raw, "raw", false, "write CSV cells as they are, without the spreadsheet formula guard")

	must(cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(render.BatchFormatNames(), cobra.ShellCompDirectiveNoFileComp)))
	return cmd
}

func runBatch(opts *BatchOptions) error {
	format, err := staffListFormat(&opts.StaffList, opts.Format, render.BatchFormats)
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
	in, read := ins[0], run.Read

	var sum batch.Summary
	err = run.Write(func(out io.Writer, width int) error {
		write := func(out io.Writer, format render.Format, raw bool) error {
			rows := render.BatchRows(out, format, render.BatchOptions{Raw: raw, Width: width})
			sum, err = batch.Run(run.Context, run.Catalog, in.Reader, rows, read)
			return in.Failure(run.Context, err)
		}
		if format == render.XLSX {
			return render.Workbook(out, read.Delimiter, func(csv io.Writer) error { return write(csv, render.CSV, true) })
		}
		return write(out, format, opts.Raw)
	})
	if err != nil {
		return err
	}
	run.Tally(in.Name, sum)
	if sum.Rejected > 0 {
		return &cmdutil.RejectedRowsError{Rejected: sum.Rejected, Read: sum.Read}
	}
	return nil
}
