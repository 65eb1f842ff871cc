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
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/render"
)

// CalibrateOptions are the inputs of `careerpath calibrate`.
type CalibrateOptions struct {
	// StaffList's Inputs are SELF and MANAGER; one of them may be "-".
	cmdutil.StaffList

	Key    string // the key column; "" for the default
	By     string // the group column, or ""
	Format string
	Raw    bool
}

// defaultKeys are the key columns looked for, in order, when --key is not
// given; the first present in both headers wins.
var defaultKeys = []string{"employee_id", "id", "email"}

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

` + cmdutil.ExitStatusHelp),
		Example: strings.TrimRight(`  careerpath calibrate self.csv manager.csv -o calibration.csv
  careerpath calibrate self.csv manager.csv --by team --format html -o calibration.html
  careerpath calibrate self.csv - --key email --format ndjson < manager.csv | jq -c 'select(.status == "manager-higher")'`, "\n"),
	}
	opts.Bind(f, cmd, cmdutil.StaffListShape{Inputs: []string{"SELF", "MANAGER"}, DelimiterUsage: "field delimiter of the inputs and CSV output",
		Plans: true, Memory: cmdutil.MemoryHeld}, func() error {
		if runF != nil {
			return runF(opts)
		}
		return runCalibrate(opts)
	})
	fl := cmd.Flags()
	fl.StringVar(&opts.Key, "key", "", "the `COLUMN` that identifies a person in both files (default: the first of "+strings.Join(defaultKeys, ", ")+" in both)")
	fl.StringVar(&opts.By, "by", "", "group the records and the summary by `COLUMN` (from MANAGER, else SELF)")
	fl.StringVarP(&opts.Format, "format", "f", string(render.CSV), "output format: "+strings.Join(render.CalibrationFormatNames(), ", "))
	fl.BoolVar(&opts.Raw, "raw", false, "write CSV cells as they are, without the spreadsheet formula guard")
	must(cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(render.CalibrationFormatNames(), cobra.ShellCompDirectiveNoFileComp)))
	return cmd
}

func runCalibrate(opts *CalibrateOptions) error {
	format, err := render.ParseCalibrationFormat(opts.Format)
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
	bopts.Derive = calibrate.Derive
	// The two files are read at the same time, so each reader gets half
	// the cores for its advising workers: one worker per core each made
	// twice as many workers as cores, which on two cores cost a sixth of
	// the run in switching between them.
	bopts.Workers = max(1, runtime.GOMAXPROCS(0)/2)
	r := &calibrationRead{opts: opts, run: run, bopts: bopts, cat: cat, adv: adv}
	if err := r.readBoth(ctx); err != nil {
		if ctx.Err() != nil {
			return cmdutil.StopCause(ctx)
		}
		return err
	}
	ropts := render.CalibrationOptions{By: opts.By, Delimiter: bopts.Delimiter,
		Cell:   batch.NewCellWriter(bopts.Delimiter, opts.Raw).AppendCell,
		Number: batch.NewCellWriter(bopts.Delimiter, true).AppendCell,
		Files:  r.names, Catalog: adv.Source()}
	var sum calibrate.Summary
	err = run.Write(func(w io.Writer, width int) (err error) {
		ropts.Width = width
		sum, err = render.Calibration(w, format, r.join, ropts)
		return err
	})
	if err != nil {
		return err
	}
	for i, s := range r.sums {
		run.Tally(r.names[i], s)
	}
	if format == render.CSV || format == render.NDJSON || format == render.JSON {
		if err := render.CalibrationSummary(opts.IO.ErrOut, sum, ropts); err != nil {
			return err
		}
	}
	if unmatched := sum.Records - sum.Compared; unmatched > 0 {
		return &cmdutil.UnmatchedRecordsError{Unmatched: unmatched, Records: sum.Records}
	}
	return nil
}

// calibrationRead reads SELF and MANAGER at the same time: the default key
// is the first candidate in both headers, so neither file's rows can be
// kept before the other's header is known, and stdin cannot be read twice.
type calibrationRead struct {
	opts  *CalibrateOptions
	run   *cmdutil.StaffListRun
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
	ins, err := r.run.Open(ctx)
	if err != nil {
		return err
	}
	for i, in := range ins {
		r.names[i] = in.Name
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
			r.sums[s], errs[s] = batch.Visit(ctx, r.cat, ins[s].Reader, r.bopts, begin, visit)
			if errs[s] == nil {
				errs[s] = r.flush(s, side)
			}
			if !ownErr[s] {
				errs[s] = ins[s].Failure(ctx, errs[s])
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
