package cli

import (
	"context"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/calibrate"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/render"
)

// CalibrateOptions are the inputs of `careerpath calibrate`.
type CalibrateOptions struct {
	// StaffList's Inputs are SELF and MANAGER; one of them may be "-".
	cmdutil.StaffList

	Key    string   // the key column; "" for the default
	By     string   // the group column, or ""
	Labels []string // the columns that name a person; none for the default
	// Statuses keep only the records of these statuses (--status); none
	// keeps all.
	Statuses []string
	Format   string
	Raw      bool
}

// NewCmdCalibrate builds `careerpath calibrate`; runF replaces the run
// function in tests.
func NewCmdCalibrate(f *cmdutil.Factory, runF func(*CalibrateOptions) error) *cobra.Command {
	opts := &CalibrateOptions{}
	cmd := &cobra.Command{
		Use:   "calibrate SELF.csv MANAGER.csv",
		Short: "Compare self-assessments with the managers' assessments",
		Long: strings.TrimSpace(`
Advise two staff lists of the same people, one with their own answers
(SELF) and one with their managers' (MANAGER), pair the rows by a key column
and compare the two levels. Both files follow batch's input rules (columns,
aliases, --column, --delimiter, per-row start, --start, --titles); one of them may be
- for stdin. One pipe or device cannot be both (- and /dev/stdin, say):
save one of them to a file.

--key names the column that identifies a person in both files (default: the
first of ` + strings.Join(calibrate.DefaultKeys, ", ") + ` present in both). Keys are
compared exactly after trimming spaces; a key on more than one row of a file
rejects every row that has it.

One record per person in either file: SELF's rows in input order, then the
MANAGER rows that matched none. Each says the two levels, the delta
(manager's level order minus self's), which answers differ, and a status:
agree, manager-higher, self-higher, only-self, only-manager, rejected
(with the side, column and reason) or out-of-scope (the answer map marks a
side's job title as outside the track; not counted as unmatched). --by
COLUMN adds the group of each record (from MANAGER, else SELF) and a mean
delta per group; a group of fewer than --min-group people (default 5, also
the min-group setting; 1 shows all) is shown without its figures, and the
next smallest with it when it alone would be hidden. --no-people leaves the
records out of table, markdown and html, for a summary shared beyond HR
(the other formats are the records, so it refuses them).

--label COLUMN (repeatable) names the person in each record, from the
SELF row, else the MANAGER row (default: the first of ` + strings.Join(calibrate.DefaultLabels, ", ") + `
in either file). --status LIST keeps only the records of those statuses, in
every format (such as --status manager-higher,self-higher); the summary
still counts every record. table, markdown and html list the records with
the two levels furthest apart first, then by status, and show both answers
of each difference ("years: 6 -> 8"); csv, ndjson and json keep input order.

csv (default) writes the records flat, with batch's formula guard unless
--raw; ndjson and json carry both full recommendations under "self" and
"manager" (careerpath schema calibration). The summary (agreement rate,
counts per status and per delta, per group) goes to stderr for those, and
is the top of table, markdown and html. html is one self-contained file.
-o writes the file atomically.

` + cmdutil.ExitStatusHelp),
		Example: strings.TrimRight(`  careerpath calibrate self.csv manager.csv -o calibration.csv
  careerpath calibrate self.csv manager.csv --by team --format html -o calibration.html
  careerpath calibrate self.csv - --key email --format ndjson < manager.csv | jq -c 'select(.status == "manager-higher")'`, "\n"),
	}
	opts.Bind(f, cmd, cmdutil.StaffListShape{Inputs: []string{"SELF", "MANAGER"}, DelimiterUsage: "field delimiter of the inputs and CSV output",
		Plans: true, Memory: cmdutil.MemoryHeld, Groups: true}, func() error {
		if runF != nil {
			return runF(opts)
		}
		return runCalibrate(opts)
	})
	fl := cmd.Flags()
	fl.StringVar(&opts.Key, "key", "", "the `COLUMN` that identifies a person in both files (default: the first of "+strings.Join(calibrate.DefaultKeys, ", ")+" in both)")
	fl.StringVar(&opts.By, "by", "", "group the records and the summary by `COLUMN` (from MANAGER, else SELF)")
	fl.StringArrayVar(&opts.Labels, "label", nil, "a `COLUMN` that names a person in the records (default: the first of "+strings.Join(calibrate.DefaultLabels, ", ")+" in either file); repeatable")
	fl.StringSliceVar(&opts.Statuses, "status", nil, "keep only the records of these statuses, a comma-separated `LIST` of "+strings.Join(calibrate.StatusNames(), ", "))
	fl.StringVarP(&opts.Format, "format", "f", string(render.CSV), "output format: "+strings.Join(render.CalibrationFormatNames(), ", "))
	fl.BoolVar(&opts.Raw, "raw", false, "write CSV cells as they are, without the spreadsheet formula guard")
	must(cmd.RegisterFlagCompletionFunc("status", cobra.FixedCompletions(calibrate.StatusNames(), cobra.ShellCompDirectiveNoFileComp)))
	must(cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(render.CalibrationFormatNames(), cobra.ShellCompDirectiveNoFileComp)))
	return cmd
}

func runCalibrate(opts *CalibrateOptions) error {
	format, err := staffListFormat(&opts.StaffList, opts.Format, render.CalibrationFormats)
	if err != nil {
		return err
	}
	if opts.NoPeople && (format == render.CSV || format == render.XLSX || format == render.NDJSON || format == render.JSON) {
		return cmdutil.UsageErrorf("--no-people leaves out every record, and --format %s is the records; use --format table, markdown or html for the summary alone", format)
	}
	if format == render.XLSX {
		if err := opts.RefuseBinaryToTerminal(string(format)); err != nil {
			return err
		}
	}
	statuses, err := calibrate.ParseStatusSet(opts.Statuses)
	if err != nil {
		return &cmdutil.UsageError{Err: err}
	}
	run, err := opts.Begin()
	if err != nil {
		return err
	}
	defer run.Close()
	ctx, cat, bopts := run.Context, run.Catalog, run.Read
	adv := advisor.New(cat).WithTitles(bopts.Titles)
	open := func(ctx context.Context) ([2]calibrate.Input, error) {
		ins, err := run.Open(ctx)
		if err != nil {
			return [2]calibrate.Input{}, err
		}
		var pin [2]calibrate.Input
		for i, in := range ins {
			pin[i] = calibrate.Input{Name: in.Name, Reader: in.Reader, Failure: in.Failure}
		}
		return pin, nil
	}
	res, err := calibrate.Read(ctx, cat, adv, open, calibrate.ReadOptions{Batch: bopts, Key: opts.Key, By: opts.By, Labels: opts.Labels})
	if err != nil {
		if ctx.Err() != nil {
			return cmdutil.StopCause(ctx)
		}
		return err
	}
	ropts := render.CalibrationOptions{By: opts.By, Delimiter: bopts.Delimiter, Raw: opts.Raw,
		Files: res.Files, Catalog: adv.Source(), Labels: res.Join.Labels(), Statuses: statuses,
		MinGroup: opts.MinGroup, NoPeople: opts.NoPeople}
	var sum calibrate.Summary
	err = run.Write(func(w io.Writer, width int) (err error) {
		ropts.Width = width
		if format == render.XLSX {
			raw := ropts
			raw.Raw = true
			return render.Workbook(w, raw.Delimiter, func(csv io.Writer) (err error) {
				sum, err = writeCalibration(csv, render.CSV, res.Join, raw)
				return err
			})
		}
		sum, err = writeCalibration(w, format, res.Join, ropts)
		return err
	})
	if err != nil {
		return err
	}
	for i, s := range res.Reads {
		run.Tally(res.Files[i], s)
	}
	if format == render.CSV || format == render.XLSX || format == render.NDJSON || format == render.JSON {
		if err := render.CalibrationSummary(opts.IO.ErrOut, sum, ropts); err != nil {
			return err
		}
	}
	if unmatched := sum.Records - sum.Compared - sum.Count(calibrate.OutOfScope); unmatched > 0 {
		return &cmdutil.UnmatchedRecordsError{Unmatched: unmatched, Records: sum.Records}
	}
	return nil
}

// writeCalibration writes the join's records and returns their summary.
// CSV streams: calibrate counts the records while render's encoders write
// blocks of them on every core. The other formats begin with the summary
// or re-advise every row, so it is counted first.
func writeCalibration(w io.Writer, format render.Format, j *calibrate.Join, opt render.CalibrationOptions) (calibrate.Summary, error) {
	if format == render.CSV {
		csv := render.NewCalibrationCSV(j, opt)
		if _, err := w.Write(csv.Header()); err != nil {
			return calibrate.Summary{}, err
		}
		sum, err := j.Stream(w, opt.By != "", opt.Kept(), csv.NewEncoder)
		return sum.HideSmallGroups(opt.MinGroup), err
	}
	sum, err := j.Summarise(opt.By != "")
	if err != nil {
		return sum, err
	}
	sum = sum.HideSmallGroups(opt.MinGroup)
	return sum, render.Calibration(w, format, j, sum, opt)
}
