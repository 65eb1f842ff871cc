package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/render"
	"github.com/careerpath/careerpath/internal/text"
)

// BatchOptions are the inputs of `careerpath batch`.
type BatchOptions struct {
	StaffListOptions

	Input  string // a file, or "-" or "" for stdin
	Output string // a file written atomically, or "" for stdout
	Format string
	Raw    bool
}

// NewCmdBatch builds `careerpath batch`; runF replaces the run function in
// tests.
func NewCmdBatch(f *Factory, runF func(*BatchOptions) error) *cobra.Command {
	opts := &BatchOptions{StaffListOptions: newStaffListOptions(f)}
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
	fl.StringVarP(&opts.Format, "format", "f", string(render.CSV), "output format: "+strings.Join(render.BatchFormatNames(), ", "))
	fl.StringVarP(&opts.Output, "output", "o", "", "write to `FILE` (atomically) instead of stdout")
	addStaffListFlags(cmd, &opts.Delimiter, &opts.Columns, "field delimiter of the input and CSV output")
	addRowStartFlag(cmd, &opts.Start)
	fl.BoolVar(&opts.Raw, "raw", false, "write CSV cells as they are, without the spreadsheet formula guard")
	addTitlesFlag(cmd)

	must(cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(render.BatchFormatNames(), cobra.ShellCompDirectiveNoFileComp)))
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
	format, bopts, err := batchOptions(opts)
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

	var sum batch.Summary
	err = writeOutput(ctx, opts.IO, opts.Output, func(out io.Writer, width int) error {
		rows := render.BatchRows(out, format, render.BatchOptions{Raw: opts.Raw, Width: width})
		sum, err = batch.Run(ctx, cat, in.r, rows, bopts)
		return in.failure(ctx, err)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "%s: %d %s read, %d advised, %d rejected\n", text.Sanitize(in.name), sum.Read, plural(sum.Read, "row"), sum.Advised, sum.Rejected)
	if sum.Rejected > 0 {
		return &RejectedRowsError{Rejected: sum.Rejected, Read: sum.Read}
	}
	return nil
}

// batchOptions checks the flags.
func batchOptions(opts *BatchOptions) (render.Format, batch.Options, error) {
	format, err := render.ParseBatchFormat(opts.Format)
	if err != nil {
		return "", batch.Options{}, &UsageError{Err: err}
	}
	bopts, err := opts.readOptions()
	return format, bopts, err
}

// batchInput is the open input of a batch run.
type batchInput struct {
	r      io.Reader
	name   string
	source *checkedReader // read errors, told from other failures
	close  func()
}

func (b *batchInput) err() error { return b.source.Err() }

// failure is what reading the input through batch came to, for every
// command that reads a staff list: interrupted, unreadable input (exit 2),
// another error naming the input, or nil.
func (b *batchInput) failure(ctx context.Context, err error) error {
	switch {
	case ctx.Err() != nil:
		return stopCause(ctx)
	case b.err() != nil:
		return usageErrorf("cannot read %s: %v; pass a readable CSV file, or pipe CSV in", b.name, withoutPath(b.err()))
	case err != nil:
		return fmt.Errorf("%s: %w", b.name, err)
	}
	return nil
}

// openBatchInput opens the input, with a progress bar on stderr when it is
// a regular file and stderr is a terminal. A pipe or terminal is read in
// the background, so that ending ctx (Ctrl-C) ends the run at once even
// while no input comes.
func openBatchInput(ctx context.Context, streams *IOStreams, input string) (*batchInput, error) {
	if input == "" || input == "-" {
		if input == "" && streams.InTTY {
			return nil, usageErrorf("no input: give a CSV FILE (careerpath batch staff.csv) or pipe CSV in (... | careerpath batch); pass - to type rows on the terminal")
		}
		src := &checkedReader{r: streams.In}
		return &batchInput{r: unblocked(ctx, src, streams.In), name: "stdin", source: src, close: func() {}}, nil
	}
	f, err := os.Open(input)
	if err != nil {
		return nil, usageErrorf("cannot read %q: %v; check the path, or pass - to read stdin", input, errors.Unwrap(err))
	}
	info, err := f.Stat()
	if err == nil && info.IsDir() {
		err = errors.New("it is a directory")
	}
	if err != nil {
		f.Close()
		return nil, usageErrorf("cannot read %q: %v; pass a CSV file", input, err)
	}
	src := &checkedReader{r: f}
	in := &batchInput{r: unblocked(ctx, src, f), name: input, source: src, close: func() { f.Close() }}
	if !info.Mode().IsRegular() || !streams.ErrTTY {
		return in, nil
	}
	bar := progressbar.NewOptions64(info.Size(),
		progressbar.OptionSetWriter(streams.ErrOut),
		progressbar.OptionSetDescription(text.Sanitize(input)),
		progressbar.OptionShowBytes(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionClearOnFinish(),
	)
	in.r = &progressReader{r: src, add: func(n int) { _ = bar.Add(n) }}
	in.close = func() { _ = bar.Finish(); f.Close() }
	return in, nil
}

// progressReader moves the progress bar by what it reads. It is used
// instead of progressbar.Reader, and holds the bar only in closures, so
// that no progressbar type is ever held in an interface: the binary uses
// reflection's method lookup (through text/template, which survey and
// html/template use), so every exported method of a type held in an
// interface is linked, and the bar's StartHTTPServer brought in an HTTP
// server and TLS: 2.5 MB more binary, whose larger tables and extra page
// faults every run paid for at start-up.
type progressReader struct {
	r   io.Reader
	add func(n int)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.add(n)
	return n, err
}

// unblocked returns r as is when file is a regular file, whose reads never
// wait. Otherwise r is copied through a pipe by a goroutine, and the pipe
// closes when ctx ends, so a read waiting on a silent pipe or terminal
// gives way at once. The goroutine stays blocked in that read; the process
// is about to end.
func unblocked(ctx context.Context, r io.Reader, file any) io.Reader {
	if f, ok := file.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
			return r
		}
	}
	pr, pw := io.Pipe()
	go func() {
		_, err := io.Copy(pw, r)
		pw.CloseWithError(err)
	}()
	context.AfterFunc(ctx, func() { pr.CloseWithError(stopCause(ctx)) })
	return pr
}
