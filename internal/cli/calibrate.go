package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/calibrate"
	"github.com/careerpath/careerpath/internal/calibrate/pair"
	"github.com/careerpath/careerpath/internal/render"
	"github.com/careerpath/careerpath/internal/text"
)

// CalibrateOptions are the inputs of `careerpath calibrate`.
type CalibrateOptions struct {
	StaffListOptions

	Self, Manager string // files; one of them may be "-" for stdin
	Key           string // the key column; "" for the default
	By            string // the group column, or ""
	Output        string
	Format        string
	Raw           bool
}

// NewCmdCalibrate builds `careerpath calibrate`; runF replaces the run
// function in tests.
func NewCmdCalibrate(f *Factory, runF func(*CalibrateOptions) error) *cobra.Command {
	opts := &CalibrateOptions{StaffListOptions: newStaffListOptions(f)}
	cmd := &cobra.Command{
		Use:   "calibrate SELF.csv MANAGER.csv",
		Short: "Compare self-assessments with the managers' assessments",
		Long: strings.TrimSpace(`
Advise two staff lists of the same people, one with their own answers
(SELF) and one with their managers' (MANAGER), pair the rows by a key column
and compare the two levels. Both files follow batch's input rules (columns,
aliases, --column, --delimiter, per-row start, --start, --titles); one of them may be
- for stdin.

--key names the column that identifies a person in both files (default: the
first of ` + strings.Join(pair.DefaultKeys, ", ") + ` present in both). Keys are
compared exactly after trimming spaces; a key on more than one row of a file
rejects every row that has it.

One record per person in either file: SELF's rows in input order, then the
MANAGER rows that matched none. Each says the two levels, the delta
(manager's level order minus self's), which answers differ, and a status:
agree, manager-higher, self-higher, only-self, only-manager or rejected
(with the side, column and reason). --by COLUMN adds the group of each
record (from MANAGER, else SELF) and a mean delta per group.

csv (default) writes the records flat, with batch's formula guard unless
--raw; ndjson and json carry both full recommendations under "self" and
"manager" (careerpath schema calibration). The summary (agreement rate,
counts per status and per delta, per group) goes to stderr for those, and
is the top of table, markdown and html. html is one self-contained file.
-o writes the file atomically.

` + exitStatusHelp),
		Example: strings.TrimRight(`  careerpath calibrate self.csv manager.csv -o calibration.csv
  careerpath calibrate self.csv manager.csv --by team --format html -o calibration.html
  careerpath calibrate self.csv - --key email --format ndjson < manager.csv | jq -c 'select(.status == "manager-higher")'`, "\n"),
		Args: twoArgs("two files, SELF.csv and MANAGER.csv"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Self, opts.Manager = args[0], args[1]
			opts.Context = cmd.Context()
			opts.Start = f.Config.Get(KeyStart)
			if runF != nil {
				return runF(opts)
			}
			return runCalibrate(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Key, "key", "", "the `COLUMN` that identifies a person in both files (default: the first of "+strings.Join(pair.DefaultKeys, ", ")+" in both)")
	fl.StringVar(&opts.By, "by", "", "group the records and the summary by `COLUMN` (from MANAGER, else SELF)")
	fl.StringVarP(&opts.Format, "format", "f", string(render.CSV), "output format: "+strings.Join(render.CalibrationFormatNames(), ", "))
	fl.StringVarP(&opts.Output, "output", "o", "", "write to `FILE` (atomically) instead of stdout")
	addStaffListFlags(cmd, &opts.Delimiter, &opts.Columns, "field delimiter of the inputs and CSV output")
	addRowStartFlag(cmd, &opts.Start)
	fl.BoolVar(&opts.Raw, "raw", false, "write CSV cells as they are, without the spreadsheet formula guard")
	addTitlesFlag(cmd)
	must(cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(render.CalibrationFormatNames(), cobra.ShellCompDirectiveNoFileComp)))
	return cmd
}

// UnmatchedRecordsError means calibrate wrote every record but some were
// not compared (only on one side, or rejected): exit 3.
type UnmatchedRecordsError struct{ Unmatched, Records int }

func (e *UnmatchedRecordsError) Error() string {
	return fmt.Sprintf("%d of %d %s not compared (only in one file, or rejected); each says why in its status and error",
		e.Unmatched, e.Records, plural(e.Records, "record"))
}

func runCalibrate(opts *CalibrateOptions) error {
	format, err := render.ParseCalibrationFormat(opts.Format)
	if err != nil {
		return &UsageError{Err: err}
	}
	bopts, err := opts.readOptions()
	if err != nil {
		return err
	}
	if isStdin(opts.Self) && isStdin(opts.Manager) {
		return usageErrorf("SELF and MANAGER are both stdin; stdin can be read once, so pass at least one of them as a file")
	}
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	ctx, release := stopOnSignal(opts.Context)
	defer release()

	// The join's memory lives until the output is written, so the default
	// collector target of twice the live heap would double it for nothing.
	defer collectorTarget(opts.IO.Getenv, 50, 0)()
	adv := advisor.New(cat).WithTitles(bopts.Titles)
	res, err := pair.Read(ctx, cat, adv, [2]pair.Opener{opts.opener(opts.Self), opts.opener(opts.Manager)}, pair.ReadOptions{Batch: bopts, Key: opts.Key, By: opts.By})
	if err != nil {
		if ctx.Err() != nil {
			return stopCause(ctx)
		}
		return err
	}
	ropts := render.CalibrationOptions{By: opts.By, Delimiter: bopts.Delimiter, Raw: opts.Raw,
		Files: res.Files, Catalog: adv.Source()}
	var sum calibrate.Summary
	err = writeOutput(ctx, opts.IO, opts.Output, func(w io.Writer, width int) (err error) {
		ropts.Width = width
		sum, err = writeCalibration(w, format, res.Join, ropts)
		return err
	})
	if err != nil {
		return err
	}
	for i, s := range res.Reads {
		fmt.Fprintf(opts.IO.ErrOut, "%s: %d %s read, %d advised, %d rejected\n", text.Sanitize(res.Files[i]), s.Read, plural(s.Read, "row"), s.Advised, s.Rejected)
	}
	if format == render.CSV || format == render.NDJSON || format == render.JSON {
		if err := render.CalibrationSummary(opts.IO.ErrOut, sum, ropts); err != nil {
			return err
		}
	}
	if unmatched := sum.Records - sum.Compared; unmatched > 0 {
		return &UnmatchedRecordsError{Unmatched: unmatched, Records: sum.Records}
	}
	return nil
}

func isStdin(path string) bool { return path == "-" }

// opener opens one of the two files, without a progress bar: two drawn
// at once would garble each other.
func (opts *CalibrateOptions) opener(path string) pair.Opener {
	return func(ctx context.Context) (pair.Input, error) {
		quiet := *opts.IO
		quiet.ErrTTY = false
		in, err := openBatchInput(ctx, &quiet, path)
		if err != nil {
			return pair.Input{}, err
		}
		return pair.Input{Name: in.name, Reader: in.r, Failure: in.failure, Close: in.close}, nil
	}
}

// writeCalibration writes the join's records and returns their summary.
// CSV streams: calibrate counts the records while render's encoders write
// blocks of them on every core. The other formats begin with the summary
// or re-advise every row, so it is counted first.
func writeCalibration(w io.Writer, format render.Format, j *calibrate.Join, opt render.CalibrationOptions) (calibrate.Summary, error) {
	if format == render.CSV {
		csv := render.NewCalibrationCSV(j.Cells(), opt)
		if _, err := w.Write(csv.Header()); err != nil {
			return calibrate.Summary{}, err
		}
		return j.Stream(w, opt.By != "", csv.NewEncoder)
	}
	sum, err := j.Summarise(opt.By != "")
	if err != nil {
		return sum, err
	}
	return sum, render.Calibration(w, format, j, sum, opt)
}
