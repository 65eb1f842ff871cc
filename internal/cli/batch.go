package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/render"
)

// BatchOptions are the inputs of `careerpath batch`.
type BatchOptions struct {
	IO      *IOStreams
	Now     func() time.Time
	Catalog func() (*catalog.Loaded, error)
	// Titles is the title map, nil when none is set.
	Titles func() (*catalog.Titles, error)
	// Context ends the run early when cancelled; Ctrl-C cancels it too.
	Context context.Context

	Input     string // a file, or "-" or "" for stdin
	Output    string // a file written atomically, or "" for stdout
	Format    string
	Delimiter string
	Columns   []string // KEY=HEADER
	Start     string
	Raw       bool
}

// NewCmdBatch builds `careerpath batch`; runF replaces the run function in
// tests.
func NewCmdBatch(f *Factory, runF func(*BatchOptions) error) *cobra.Command {
	opts := &BatchOptions{IO: f.IO, Now: f.Now, Catalog: f.Catalog, Titles: f.Titles}
	cmd := &cobra.Command{
		Use:   "batch [FILE|-]",
		Short: "Advise every row of a CSV staff list",
		Long: strings.TrimSpace(`
Advise every row of a CSV file (or stdin) and write one output row per
input row, in input order. The header row names the columns, matched
ignoring case and surrounding spaces:

  role            the role (as in 'careerpath advise --role')
  years           years of experience; also experience, years_experience, yoe
  accountability  team accountability; also scope
  start           optional per-row plan start, YYYY-MM-DD (1900 to 2999)

--column KEY=HEADER finds a key under another header name. Every other
column is passed through untouched.

CSV output keeps the input columns and adds level, level_order, next_level,
plan_start, plan_end, specialisations (the top three ids, joined by ';') and
error; an added column named like an input one gets a careerpath_ prefix, and
a repeated header name becomes name_N (N its column number). A record over
1 MiB stops the run (exit 2). Cells that a spreadsheet would run as a formula (starting with =, +,
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

` + exitStatusHelp),
		Example: strings.TrimRight(`  careerpath batch staff.csv -o plans.csv
  careerpath batch --format ndjson < staff.csv | jq -c '{row, level: .level.name}'
  careerpath batch --delimiter ';' --column role="Job Title" --column years=Experience staff.csv`, "\n"),
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Input = args[0]
			}
			opts.Context = cmd.Context()
			// The start setting follows flag > env > file like advise's; the
			// format setting does not, since batch's formats are its own.
			opts.Start = f.Config.Get(KeyStart)
			if runF != nil {
				return runF(opts)
			}
			return runBatch(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Format, "format", "f", string(batch.CSV), "output format: "+strings.Join(batch.FormatNames(), ", "))
	fl.StringVarP(&opts.Output, "output", "o", "", "write to `FILE` (atomically) instead of stdout")
	addStaffListFlags(cmd, &opts.Delimiter, &opts.Columns, "field delimiter of the input and CSV output")
	fl.StringVar(&opts.Start, KeyStart, "", withEnv("plan start for rows without their own, YYYY-MM-DD (default today)", KeyStart))
	fl.BoolVar(&opts.Raw, "raw", false, "write CSV cells as they are, without the spreadsheet formula guard")
	addTitlesFlag(cmd)

	must(cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(batch.FormatNames(), cobra.ShellCompDirectiveNoFileComp)))
	return cmd
}

// RejectedRowsError means a command read every row but some were
// rejected: exit 3.
type RejectedRowsError struct {
	Rejected, Read int
	// Listed says where the rejected rows' reasons are; batch's rows carry
	// their own when it is empty.
	Listed string
}

func (e *RejectedRowsError) Error() string {
	listed := e.Listed
	if listed == "" {
		listed = "each says why in its error column or field"
	}
	return fmt.Sprintf("%d of %d %s rejected; %s", e.Rejected, e.Read, plural(e.Read, "row"), listed)
}

func runBatch(opts *BatchOptions) error {
	bopts, err := batchOptions(opts)
	if err != nil {
		return err
	}
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	if bopts.Titles, err = loadTitles(opts.Titles); err != nil {
		return err
	}
	in, name, closeIn, err := openBatchInput(opts)
	if err != nil {
		return err
	}
	defer closeIn()

	parent := opts.Context
	if parent == nil {
		parent = context.Background()
	}
	ctx, stop := signal.NotifyContext(parent, os.Interrupt)
	defer stop()
	var sum batch.Summary
	advise := func(out io.Writer) error {
		sum, err = batch.Run(ctx, cat, in, out, bopts)
		if ctx.Err() != nil {
			return ErrInterrupted
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	}
	if opts.Output == "" {
		err = advise(opts.IO.Out)
	} else {
		err = writeFileAtomically(opts.Output, advise)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "%s: %d %s read, %d advised, %d rejected\n", render.Sanitize(name), sum.Read, plural(sum.Read, "row"), sum.Advised, sum.Rejected)
	if sum.Rejected > 0 {
		return &RejectedRowsError{Rejected: sum.Rejected, Read: sum.Read}
	}
	return nil
}

// batchOptions checks the flags.
func batchOptions(opts *BatchOptions) (batch.Options, error) {
	format, err := batch.ParseFormat(opts.Format)
	if err != nil {
		return batch.Options{}, &UsageError{Err: err}
	}
	delim, columns, err := staffListOptions(opts.Delimiter, opts.Columns)
	if err != nil {
		return batch.Options{}, err
	}
	start, err := planStart(opts.Start, opts.Now)
	if err != nil {
		return batch.Options{}, err
	}
	width := 0
	if opts.Output == "" {
		width = opts.IO.TerminalWidth
	}
	return batch.Options{Format: format, Delimiter: delim, Columns: columns, Start: start, Raw: opts.Raw, Width: width}, nil
}

// openBatchInput opens the input, with a progress bar on stderr when it is
// a regular file and stderr is a terminal; closeIn clears the bar and
// closes the file.
func openBatchInput(opts *BatchOptions) (in io.Reader, name string, closeIn func(), err error) {
	if opts.Input == "" || opts.Input == "-" {
		return opts.IO.In, "stdin", func() {}, nil
	}
	f, err := os.Open(opts.Input)
	if err != nil {
		return nil, "", nil, usageErrorf("cannot read %q: %v; check the path, or pass - to read stdin", opts.Input, errors.Unwrap(err))
	}
	info, err := f.Stat()
	if err == nil && info.IsDir() {
		err = errors.New("it is a directory")
	}
	if err != nil {
		f.Close()
		return nil, "", nil, usageErrorf("cannot read %q: %v; pass a CSV file", opts.Input, err)
	}
	if !info.Mode().IsRegular() || !opts.IO.ErrTTY {
		return f, opts.Input, func() { f.Close() }, nil
	}
	bar := progressbar.NewOptions64(info.Size(),
		progressbar.OptionSetWriter(opts.IO.ErrOut),
		progressbar.OptionSetDescription(render.Sanitize(opts.Input)),
		progressbar.OptionShowBytes(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionClearOnFinish(),
	)
	r := progressbar.NewReader(f, bar)
	return &r, opts.Input, func() { _ = bar.Finish(); f.Close() }, nil
}
