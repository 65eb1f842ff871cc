package cmdutil

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/iostreams"
	"github.com/careerpath/careerpath/internal/privacy"
	"github.com/careerpath/careerpath/internal/text"
)

// StaffList is what every command that reads staff lists (batch, report,
// calibrate, titles suggest) shares: its input arguments, its -o file, how
// the rows are read (--delimiter, --column, --start, --titles) and its
// context. A command embeds it in its options, hooks it up with Bind and
// runs through Begin, so that each reads and writes files alike.
type StaffList struct {
	IO      *iostreams.IOStreams
	Now     func() time.Time
	Catalog func() (*catalog.Loaded, error)
	// Titles is the title map, nil when none is set.
	Titles func() (*catalog.Titles, error)
	// Context ends the run early when cancelled; a stop signal cancels it
	// too.
	Context context.Context

	// Inputs are the input arguments: files, or "-" for stdin. A command of
	// one input reads stdin when given none.
	Inputs    []string
	Output    string   // a file written atomically; "" or "-" for stdout
	Delimiter string   // of the input, and of CSV output for some commands
	Columns   []string // KEY=HEADER
	Sheet     string   // the sheet read from a workbook input; "" for the first
	Start     string   // plan start for rows without their own; "" is today
	// FormatGiven is true when the command's --format was given, which the
	// -o file's extension then does not override.
	FormatGiven bool
	// MinGroup and NoPeople protect people in a shared report (see
	// StaffListShape.Groups): a group of fewer than MinGroup people is
	// shown without its figures, and NoPeople leaves out every list of
	// people.
	MinGroup int
	NoPeople bool

	shape StaffListShape
}

// StaffListShape is what tells one staff-list command's skeleton from
// another's.
type StaffListShape struct {
	// Inputs names each input argument for messages ("SELF", "MANAGER"),
	// in the order of the usage line's; none means one optional FILE or -.
	Inputs []string
	// DelimiterUsage says what --delimiter applies to.
	DelimiterUsage string
	// Plans adds --start and reads the start setting: the command makes
	// dated plans.
	Plans bool
	// Memory is how the command's memory grows with its input.
	Memory Memory
	// Groups adds --min-group and --no-people and reads the min-group
	// setting: the command shows figures per group of people.
	Groups bool
}

// Memory says how a command's live memory grows with its input, which
// sets the garbage collector's target for its run.
type Memory int

const (
	// MemoryDefault leaves the collector as it is.
	MemoryDefault Memory = iota
	// MemoryStreaming is a command that keeps a few MB alive while it
	// allocates its input's size in text: batch and report.
	MemoryStreaming
	// MemoryHeld is a command that keeps what it reads until its output is
	// written: calibrate's join.
	MemoryHeld
)

// Bind makes cmd a staff-list command: it sets the command's arguments and
// run function and adds the shared flags. run is called with s filled in
// from the arguments and the settings.
func (s *StaffList) Bind(f *Factory, cmd *cobra.Command, shape StaffListShape, run func() error) {
	s.IO, s.Now, s.Catalog, s.Titles, s.shape = f.IO, f.Now, f.Catalog, f.Titles, shape
	cmd.Args = cobra.MaximumNArgs(1)
	if len(shape.Inputs) > 0 {
		cmd.Args = exactInputs(len(shape.Inputs))
	}
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		s.Inputs, s.Context = args, cmd.Context()
		s.FormatGiven = cmd.Flags().Changed("format")
		if shape.Plans {
			// The start setting follows flag > env > file like advise's.
			s.Start = f.Config.Get(KeyStart)
		}
		if shape.Groups {
			// flag > env > file, as every setting; the config has checked a
			// value that came from elsewhere than the flag.
			setting := f.Config.Setting(KeyMinGroup)
			n, err := ParseMinGroup(setting.Value)
			if err != nil {
				return SettingError(err, KeyMinGroup, setting.From())
			}
			s.MinGroup = n
		}
		return run()
	}
	fl := cmd.Flags()
	fl.StringVarP(&s.Output, "output", "o", "", "write to `FILE` (atomically) instead of stdout; without --format, its extension picks the format")
	fl.StringVar(&s.Delimiter, "delimiter", ",", shape.DelimiterUsage+`: one character, or \t for tab`)
	fl.StringVar(&s.Sheet, "sheet", "", "read the sheet called `NAME` of an .xlsx workbook input (default the first sheet); a CSV input has none")
	fl.StringArrayVar(&s.Columns, "column", nil, "find a column under another header name, as `KEY=HEADER` (keys: "+strings.Join(batch.ColumnKeys, ", ")+"); repeatable")
	must(cmd.RegisterFlagCompletionFunc("delimiter", cobra.FixedCompletions([]string{",", ";", `\t`, "|"}, cobra.ShellCompDirectiveNoFileComp)))
	must(cmd.RegisterFlagCompletionFunc("column", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		keys := make([]string, len(batch.ColumnKeys))
		for i, k := range batch.ColumnKeys {
			keys[i] = k + "="
		}
		return keys, cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
	}))
	if shape.Plans {
		fl.StringVar(&s.Start, KeyStart, "", WithEnv("plan start for rows without their own, YYYY-MM-DD (default today)", KeyStart))
	}
	if shape.Groups {
		fl.String(KeyMinGroup, strconv.Itoa(privacy.DefaultMinGroup),
			WithEnv("show a group of fewer than `N` people without its figures, and the next smallest with it when it alone is hidden; 1 shows every group", KeyMinGroup))
		fl.BoolVar(&s.NoPeople, "no-people", false, "leave out every list of people (names and labels), for a report shared beyond HR")
	}
	AddTitlesFlag(cmd)
}

// exactInputs wants one argument per named input, named in the error as
// the usage line names them.
func exactInputs(n int) cobra.PositionalArgs {
	count := strconv.Itoa(n)
	if n == 2 {
		count = "two"
	}
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			files := strings.Fields(cmd.Use)[1:]
			return UsageErrorf("%s takes %s files, %s, %d given: usage: %s",
				cmd.CommandPath(), count, strings.Join(files, " and "), len(args), cmd.UseLine())
		}
		return nil
	}
}

// StaffListRun is one run of a staff-list command, from Begin to Close.
type StaffListRun struct {
	// Context is cancelled by the first stop signal, with the signal as its
	// cause.
	Context context.Context
	Catalog *catalog.Loaded
	// Read says how batch reads and advises the rows.
	Read batch.Options

	list   *StaffList
	closes []func()
}

// Begin checks the shared flags, loads the catalog and the title map,
// sets the collector's target and starts listening for stop signals. The
// caller must Close the run.
func (s *StaffList) Begin() (*StaffListRun, error) {
	read, err := s.readOptions()
	if err != nil {
		return nil, err
	}
	if err := s.readableOnce(); err != nil {
		return nil, err
	}
	cat, err := s.Catalog()
	if err != nil {
		return nil, err
	}
	run := &StaffListRun{Catalog: cat, Read: read, list: s}
	switch s.shape.Memory {
	case MemoryStreaming:
		run.closes = append(run.closes, streamingGC(s.IO.Getenv))
	case MemoryHeld:
		run.closes = append(run.closes, heldGC(s.IO.Getenv))
	}
	ctx, release := StopOnSignal(s.Context)
	run.Context = ctx
	run.closes = append(run.closes, release)
	return run, nil
}

// readOptions checks the shared flags and loads the title map: how batch
// reads and advises the staff list, whatever the command writes.
func (s *StaffList) readOptions() (batch.Options, error) {
	delim, err := parseDelimiter(s.Delimiter)
	if err != nil {
		return batch.Options{}, err
	}
	columns, err := parseColumns(s.Columns)
	if err != nil {
		return batch.Options{}, err
	}
	start, err := PlanStart(s.Start, s.Now)
	if err != nil {
		return batch.Options{}, err
	}
	var titles *catalog.Titles
	if s.Titles != nil { // tests may leave it nil: no map
		if titles, err = s.Titles(); err != nil {
			return batch.Options{}, err
		}
	}
	return batch.Options{Delimiter: delim, Columns: columns, Sheet: s.Sheet, Start: start, Titles: titles}, nil
}

// RefuseBinaryToTerminal refuses to write a binary format (an XLSX
// workbook) to stdout when it is a terminal, which would show it as
// garbage: it must go to a file.
func (s *StaffList) RefuseBinaryToTerminal(format string) error {
	if !IsStdout(s.Output) || !s.IO.OutTTY {
		return nil
	}
	return UsageErrorf("--format %s writes a workbook, which a terminal cannot show; pass -o FILE.%s to write it to a file", format, format)
}

// Open opens the inputs, which stop being read when ctx ends. A lone
// input file gets a progress bar on a terminal; two drawn at once would
// garble each other. Close closes them.
func (r *StaffListRun) Open(ctx context.Context) ([]*Input, error) {
	names := r.list.Inputs
	if len(names) == 0 {
		names = []string{""}
	}
	streams := r.list.IO
	if len(names) > 1 {
		quiet := *streams
		quiet.ErrTTY = false
		streams = &quiet
	}
	ins := make([]*Input, len(names))
	for i, name := range names {
		in, err := openInput(ctx, streams, name)
		if err != nil {
			return nil, err
		}
		r.closes = append(r.closes, in.close)
		ins[i] = in
	}
	return ins, nil
}

// Write writes the command's output to stdout, or to the -o file
// atomically (see WriteOutput).
func (r *StaffListRun) Write(write func(w io.Writer, width int) error) error {
	return WriteOutput(r.Context, r.list.IO, r.list.Output, write)
}

// Tally tells stderr what was read from one input.
func (r *StaffListRun) Tally(name string, sum batch.Summary) {
	outOfScope := ""
	if sum.OutOfScope > 0 { // only maps with "-" lines make any
		outOfScope = fmt.Sprintf(", %d out of scope", sum.OutOfScope)
	}
	fmt.Fprintf(r.list.IO.ErrOut, "%s: %d %s read, %d advised, %d rejected%s\n",
		text.Sanitize(name), sum.Read, plural(sum.Read, "row"), sum.Advised, sum.Rejected, outOfScope)
}

// Close closes the inputs, stops listening for signals and puts the
// collector's target back.
func (r *StaffListRun) Close() {
	for _, close := range slices.Backward(r.closes) {
		close()
	}
}

// parseColumns checks --column.
func parseColumns(flags []string) (map[string]string, error) {
	columns := map[string]string{}
	for _, c := range flags {
		key, header, ok := strings.Cut(c, "=")
		key = strings.ToLower(strings.TrimSpace(key))
		if !ok || strings.TrimSpace(header) == "" || !slices.Contains(batch.ColumnKeys, key) {
			return nil, UsageErrorf("invalid --column %q: use KEY=HEADER with KEY one of %s, such as role=\"Job Title\"",
				c, strings.Join(batch.ColumnKeys, ", "))
		}
		columns[key] = header
	}
	return columns, nil
}

func parseDelimiter(s string) (byte, error) {
	switch {
	case s == `\t` || strings.EqualFold(s, "tab"):
		return '\t', nil
	case len(s) == 1 && batch.ValidDelimiter(s[0]):
		return s[0], nil
	}
	return 0, UsageErrorf(`invalid --delimiter %q: use one ASCII character other than a quote or line break, such as ';', or \t for tab`, s)
}
