package cli

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/calibrate"
	"github.com/careerpath/careerpath/internal/catalog"
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

// defaultKeys are the key columns looked for, in order, when --key is not
// given; the first present in both headers wins.
var defaultKeys = []string{"employee_id", "id", "email"}

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
first of ` + strings.Join(defaultKeys, ", ") + ` present in both). Keys are
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
	fl.StringVar(&opts.Key, "key", "", "the `COLUMN` that identifies a person in both files (default: the first of "+strings.Join(defaultKeys, ", ")+" in both)")
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
	bopts.Derive = calibrate.Derive
	// The two files are read at the same time, so each reader gets half
	// the cores for its advising workers: one worker per core each made
	// twice as many workers as cores, which on two cores cost a sixth of
	// the run in switching between them.
	bopts.Workers = max(1, runtime.GOMAXPROCS(0)/2)
	r := &calibrationRead{opts: opts, bopts: bopts, cat: cat, adv: adv}
	if err := r.readBoth(ctx); err != nil {
		if ctx.Err() != nil {
			return stopCause(ctx)
		}
		return err
	}
	ropts := render.CalibrationOptions{By: opts.By, Delimiter: bopts.Delimiter, Raw: opts.Raw,
		Files: r.names, Catalog: adv.Source()}
	var sum calibrate.Summary
	err = writeOutput(ctx, opts.IO, opts.Output, func(w io.Writer, width int) (err error) {
		ropts.Width = width
		sum, err = render.Calibration(w, format, r.join, ropts)
		return err
	})
	if err != nil {
		return err
	}
	for i, s := range r.sums {
		fmt.Fprintf(opts.IO.ErrOut, "%s: %d %s read, %d advised, %d rejected\n", text.Sanitize(r.names[i]), s.Read, plural(s.Read, "row"), s.Advised, s.Rejected)
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

// calibrationRead reads SELF and MANAGER at the same time: the default key
// is the first candidate in both headers, so neither file's rows can be
// kept before the other's header is known, and stdin cannot be read twice.
type calibrationRead struct {
	opts  *CalibrateOptions
	bopts batch.Options
	cat   *catalog.Loaded
	adv   *advisor.Advisor

	names   [2]string
	sums    [2]batch.Summary
	headers [2]chan []string // each side's header, once read
	columns [2]sideColumns   // set once both headers are in
	join    *calibrate.Join
	mu      sync.Mutex // guards join.Add between the two readers
	// pending are each side's rows not yet added: a reader takes the lock
	// once for a run of rows, not for each, which the other reader would
	// contend for two million times.
	pending [2][]calibrate.Row
}

// addRun is how many rows a reader hands the join at once.
const addRun = 512

// sideColumns are the positions of the cells the join needs in one file.
type sideColumns struct {
	key, by                     int // by is -1 without --by or when this file lacks it
	role, years, accountability int
	start                       int // -1 without the column
}

func (r *calibrationRead) readBoth(parent context.Context) error {
	ctx, cancel := context.WithCancelCause(parent)
	defer cancel(nil)
	var ins [2]*batchInput
	for i, path := range []string{r.opts.Self, r.opts.Manager} {
		// Two progress bars drawn at once would garble each other.
		quiet := *r.opts.IO
		quiet.ErrTTY = false
		in, err := openBatchInput(ctx, &quiet, path)
		if err != nil {
			return err
		}
		defer in.close()
		ins[i], r.names[i] = in, in.name
	}
	r.headers = [2]chan []string{make(chan []string, 1), make(chan []string, 1)}
	var errs [2]error
	var wg sync.WaitGroup
	var resolve sync.Once
	var resolveErr error
	var ownErr [2]bool // the error is the pair's, named already, not the file's
	for s, side := range []calibrate.Side{calibrate.Self, calibrate.Manager} {
		wg.Go(func() {
			begin := func(header []string) error {
				r.headers[s] <- header
				resolve.Do(func() { resolveErr = r.resolve(ctx) })
				ownErr[s] = resolveErr != nil
				return resolveErr
			}
			visit := func(row batch.AdvisedRow) error { return r.add(s, side, row) }
			r.sums[s], errs[s] = batch.Visit(ctx, r.cat, ins[s].r, r.bopts, begin, visit)
			if errs[s] == nil {
				errs[s] = r.flush(s, side)
			}
			if !ownErr[s] {
				errs[s] = ins[s].failure(ctx, errs[s])
			}
			if errs[s] != nil {
				cancel(errs[s])
			}
		})
	}
	wg.Wait()
	// The first error is the cause; the other reader only saw it cancelled.
	if err := context.Cause(ctx); err != nil && err != context.Canceled {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// resolve waits for both headers and finds the key, --by and answer
// columns in each; the first reader to get its header does it.
func (r *calibrationRead) resolve(ctx context.Context) error {
	var headers [2][]string
	for s := range headers {
		select {
		case headers[s] = <-r.headers[s]:
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	}
	key, err := keyColumn(r.opts.Key, headers, r.names)
	if err != nil {
		return err
	}
	byFound := false
	for s, h := range headers {
		answers, err := batch.ColumnPositions(h, r.bopts.Columns)
		if err != nil {
			return fmt.Errorf("%s: %w", r.names[s], err)
		}
		c := sideColumns{key: batch.HeaderIndex(h, key), by: -1, role: answers[0], years: answers[1], accountability: answers[2], start: answers[3]}
		if r.opts.By != "" {
			c.by = batch.HeaderIndex(h, r.opts.By)
			byFound = byFound || c.by >= 0
		}
		r.columns[s] = c
	}
	if r.opts.By != "" && !byFound {
		return &batch.HeaderError{Message: fmt.Sprintf("no --by column %q in either file: %s has %s and %s has %s; pass --by with one of their columns",
			r.opts.By, r.names[0], batch.QuotedHeader(headers[0]), r.names[1], batch.QuotedHeader(headers[1]))}
	}
	r.join = calibrate.New(r.adv, calibrate.Config{Files: r.names,
		KeyColumns: [2]string{headers[0][r.columns[0].key], headers[1][r.columns[1].key]}})
	return nil
}

// keyColumn picks the key column's name: --key when given, which both
// files must have, else the first default present in both.
func keyColumn(key string, headers [2][]string, names [2]string) (string, error) {
	found := func() string {
		return fmt.Sprintf("%s has %s and %s has %s", names[0], batch.QuotedHeader(headers[0]), names[1], batch.QuotedHeader(headers[1]))
	}
	if key != "" {
		for s, h := range headers {
			if batch.HeaderIndex(h, key) < 0 {
				return "", &batch.HeaderError{Message: fmt.Sprintf("no key column %q in %s: %s; pass --key with a column both files have",
					key, names[s], found())}
			}
		}
		return key, nil
	}
	for _, k := range defaultKeys {
		if batch.HeaderIndex(headers[0], k) >= 0 && batch.HeaderIndex(headers[1], k) >= 0 {
			return k, nil
		}
	}
	return "", &batch.HeaderError{Message: fmt.Sprintf("no key column in both files: looked for %s, and %s; pass --key COLUMN",
		strings.Join(defaultKeys, ", "), found())}
}

// add hands one advised row to the join, in runs of addRun; flush hands
// the rest.
func (r *calibrationRead) add(s int, side calibrate.Side, row batch.AdvisedRow) error {
	c := r.columns[s]
	decided, _ := row.Derived.(*calibrate.Decided)
	jr := calibrate.Row{Line: row.Line, Key: row.Fields[c.key], Decided: decided, Column: row.Column, Message: row.Message,
		Answers: advisor.Answers{Role: row.Fields[c.role], Years: row.Fields[c.years], Accountability: row.Fields[c.accountability]}}
	if c.by >= 0 {
		jr.Group = row.Fields[c.by]
	}
	if c.start >= 0 {
		jr.Start = row.Fields[c.start]
	}
	r.pending[s] = append(r.pending[s], jr)
	if len(r.pending[s]) < addRun {
		return nil
	}
	return r.flush(s, side)
}

func (r *calibrationRead) flush(s int, side calibrate.Side) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	defer func() { clear(r.pending[s]); r.pending[s] = r.pending[s][:0] }()
	return r.join.AddRows(side, r.pending[s])
}
