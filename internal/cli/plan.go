package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/iostreams"
	"github.com/careerpath/careerpath/internal/plan"
	"github.com/careerpath/careerpath/internal/render"
	"github.com/careerpath/careerpath/internal/text"
)

// NewCmdPlan builds `careerpath plan`, the commands that keep and follow a
// person's path.
func NewCmdPlan(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Keep your path on disk, see what is due, mark progress and replan",
		Long: strings.TrimSpace(`
A plan is your whole path ('careerpath path') saved under a name (default
"default"), with a log of what you did to it: phases done, notes, undos
and replans. 'plan start' saves it; 'plan status' shows where you are on
a day; 'plan done', 'plan note', 'plan undo' and 'plan replan' change it;
'plan export' writes it as a calendar to import.

Plans are kept in $XDG_DATA_HOME/careerpath/plans (~/.local/share on
Linux, ~/Library/Application Support on macOS, %LOCALAPPDATA% on Windows),
or $CAREERPATH_DATA_HOME/plans when that is set: NAME.json is the saved
path, replaced only atomically; NAME.log.jsonl is the log, one change a
line, only ever appended to, synced, under a lock, so concurrent commands
lose no change. A last line a crash cut off is reported and skipped;
a damaged line before the end stops every command (exit 2) with its
line number, and nothing is changed.`),
		RunE: runGroup,
	}
	cmd.AddCommand(
		NewCmdPlanStart(f, nil),
		NewCmdPlanStatus(f, nil),
		NewCmdPlanDone(f, nil),
		NewCmdPlanUndo(f, nil),
		NewCmdPlanNote(f, nil),
		NewCmdPlanReplan(f, nil),
		NewCmdPlanLog(f, nil),
		NewCmdPlanList(f, nil),
		NewCmdPlanRm(f, nil),
		NewCmdPlanExport(f, nil),
	)
	return cmd
}

// newPlanStore is the store of the plans folder the environment names.
func newPlanStore(f *cmdutil.Factory) *plan.Store {
	return &plan.Store{
		Dir: plan.Dir(f.IO.Getenv),
		WriteFile: func(path string, write func(io.Writer) error) error {
			ctx, release := cmdutil.StopOnSignal(context.Background())
			defer release()
			return cmdutil.WriteFileAtomically(ctx, f.IO.ErrOut, path, write)
		},
		Warn: func(msg string) { fmt.Fprintf(f.IO.ErrOut, "careerpath: %s\n", text.Sanitize(msg)) },
		Now:  f.Now,
	}
}

// plansOf returns the store of the plans folder when a command runs, as
// the environment then names it.
func plansOf(f *cmdutil.Factory) func() *plan.Store {
	return func() *plan.Store { return newPlanStore(f) }
}

// addPlanNameFlag adds --name to a command that changes a plan.
func addPlanNameFlag(cmd *cobra.Command, f *cmdutil.Factory, name *string) {
	cmd.Flags().StringVar(name, "name", plan.DefaultName, "the plan's `NAME`")
	must(cmd.RegisterFlagCompletionFunc("name", completePlanNames(f)))
}

// completePlanNames offers the saved plans' names.
func completePlanNames(f *cmdutil.Factory) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		names, err := newPlanStore(f).List()
		if err != nil || len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	}
}

// planName is the optional NAME argument, else the default plan.
func planName(args []string) string {
	if len(args) == 0 {
		return plan.DefaultName
	}
	return args[0]
}

// parseDay reads a date flag.
func parseDay(flag, value string, now func() time.Time) (time.Time, error) {
	if value == "" {
		y, m, d := now().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	}
	day, err := time.Parse(advisor.DateLayout, strings.TrimSpace(value))
	if err != nil || day.Year() < advisor.MinStartYear || day.Year() > advisor.MaxStartYear {
		return time.Time{}, cmdutil.UsageErrorf("--%s %q is not a date; give YYYY-MM-DD from %d to %d, such as 2027-01-04",
			flag, value, advisor.MinStartYear, advisor.MaxStartYear)
	}
	return day, nil
}

// PlanStartOptions are the inputs of `careerpath plan start`.
type PlanStartOptions struct {
	answerOptions
	Name  string
	Force bool
	Store func() *plan.Store
}

// NewCmdPlanStart builds `careerpath plan start`; runF replaces the run
// function in tests.
func NewCmdPlanStart(f *cmdutil.Factory, runF func(*PlanStartOptions) error) *cobra.Command {
	opts := &PlanStartOptions{answerOptions: newAnswerOptions(f), Store: plansOf(f)}
	cmd := &cobra.Command{
		Use:   "start [--name NAME] [--role ROLE] [--years N] [--accountability ANSWER]",
		Short: "Save your whole path as a plan to follow",
		Long: strings.TrimSpace(`
Work out your path as 'careerpath path' does, from the same answers, flags,
prompts and settings (see 'careerpath advise --help'), save it as the plan
NAME (default "default") and write it, as path would, to stdout or -o FILE.
The saved plan keeps the catalog's name, version and sha256 and the title
map's, and its own texts: a later catalog does not change it.

A plan of that name is refused unless --force; --force starts it again,
and its log keeps the old changes, which no longer apply.

` + cmdutil.ExitStatusHelp),
		Example: strings.Trim(`
  careerpath plan start --role "<role>" --years 0 --accountability "<answer>"
  careerpath plan start --name next-year --role "<role>" --years 1 --accountability "<answer>" --start 2028-01-03`, "\n"),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := opts.fromCommand(cmd, f); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runPlanStart(opts)
		},
	}
	addAnswerFlags(cmd, f, &opts.answerOptions)
	cmd.Flags().StringVar(&opts.Name, "name", plan.DefaultName, "save the plan as `NAME`")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "start the plan NAME again if it exists")
	return cmd
}

func runPlanStart(opts *PlanStartOptions) error {
	if err := plan.CheckName(opts.Name); err != nil {
		return err
	}
	if !opts.Force {
		if err := opts.Store().CheckFree(opts.Name); err != nil {
			return err
		}
	}
	format, adv, start, err := opts.gather()
	if err != nil {
		return err
	}
	p, err := adv.Path(opts.Answers, start)
	if err != nil {
		return err
	}
	saved, err := opts.Store().Start(opts.Name, p, opts.Force)
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "Saved plan %q; see where you are with 'careerpath plan status%s'\n", saved.Name, nameArg(saved.Name))
	return opts.write(render.Options{}, func(w io.Writer, ropts render.Options) error {
		return render.Path(w, format, saved.Path, ropts)
	})
}

// nameArg is the NAME argument a hint needs: none for the default plan.
func nameArg(name string) string {
	if name == plan.DefaultName {
		return ""
	}
	return " " + name
}

// PlanStatusOptions are the inputs of `careerpath plan status`.
type PlanStatusOptions struct {
	IO      *iostreams.IOStreams
	Now     func() time.Time
	Catalog func() (*catalog.Loaded, error)
	Store   func() *plan.Store

	Name   string
	Today  string
	Format string
	// FormatFrom names the variable or file that set Format, if any.
	FormatFrom string
	// FormatGiven is true when --format or --json was given, which the -o
	// file's extension then does not override.
	FormatGiven bool
	Output      string
	Context     context.Context
}

// NewCmdPlanStatus builds `careerpath plan status`; runF replaces the run
// function in tests.
func NewCmdPlanStatus(f *cmdutil.Factory, runF func(*PlanStatusOptions) error) *cobra.Command {
	opts := &PlanStatusOptions{IO: f.IO, Now: f.Now, Catalog: f.Catalog, Store: plansOf(f)}
	cmd := &cobra.Command{
		Use:               "status [NAME]",
		ValidArgsFunction: completePlanNames(f),
		Short:             "Show where you are on your plan today",
		Long: strings.TrimSpace(`
Show the plan NAME (default "default") on today's date, or --today's: the
current step and phase (the first phase not done) and the days left in it,
the phases done of the total, the overdue phases (ended before today and
not done), the end (and the end before a replan), the next eligibility
date and what it requires, the next three dates, and the whole schedule
with each phase's number, which 'plan done' takes.

When the active catalog's sha256 differs from the plan's, status says so;
the plan keeps its own texts. --format json writes the document of
'careerpath schema plan-status'.

` + cmdutil.ExitStatusHelp),
		Example: strings.Trim(`
  careerpath plan status
  careerpath plan status next-year --today 2028-06-01 --json`, "\n"),
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name, opts.Context = planName(args), cmd.Context()
			var err error
			if opts.Format, opts.FormatFrom, err = formatSetting(cmd, f); err != nil {
				return err
			}
			asJSON, _ := cmd.Flags().GetBool(jsonFlag)
			opts.FormatGiven = asJSON || cmd.Flags().Changed(cmdutil.KeyFormat)
			if runF != nil {
				return runF(opts)
			}
			return runPlanStatus(opts)
		},
	}
	addFormatFlag(cmd, &opts.Format, render.PlanStatusFormatNames())
	cmd.Flags().StringVar(&opts.Today, "today", "", "show the plan on `DAY`, YYYY-MM-DD (default today)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to `FILE` (replaced atomically) instead of stdout")
	return cmd
}

func runPlanStatus(opts *PlanStatusOptions) error {
	format, err := outputFormat(opts.IO.ErrOut, opts.Output, opts.FormatGiven, render.PlanStatusFormats, func() (render.Format, error) {
		f, err := render.ParsePlanStatusFormat(opts.Format)
		if err != nil {
			return "", cmdutil.SettingError(err, cmdutil.KeyFormat, opts.FormatFrom)
		}
		return f, nil
	})
	if err != nil {
		return err
	}
	today, err := parseDay("today", opts.Today, opts.Now)
	if err != nil {
		return err
	}
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	saved, log, err := opts.Store().Load(opts.Name)
	if err != nil {
		return err
	}
	st := plan.StatusOn(saved, log, today, cat.Source)
	return cmdutil.WriteOutput(opts.Context, opts.IO, opts.Output, func(w io.Writer, width int) error {
		ropts := render.Options{Width: width}
		if cmdutil.IsStdout(opts.Output) {
			ropts.Color = opts.IO.ColorEnabled()
		}
		return render.PlanStatus(w, format, st, ropts)
	})
}

// planChangeOptions are what the commands that change a plan share.
type planChangeOptions struct {
	IO    *iostreams.IOStreams
	Now   func() time.Time
	Store func() *plan.Store
	Name  string
}

// apply makes one change to the plan under its lock and says what was done
// on stderr: stdout stays empty, as the change is the output.
func (opts *planChangeOptions) apply(change func(*plan.Saved, []plan.Change) (plan.Change, error)) error {
	saved, log, err := opts.Store().Change(opts.Name, change)
	if err != nil {
		return err
	}
	c := plan.Last(log)
	msg := describeChange(saved, log, c)
	st := plan.StatusOn(saved, log, opts.Now(), saved.Path.Catalog)
	fmt.Fprintf(opts.IO.ErrOut, "%s; %d of %d phases done (%d%%)\n", text.Sanitize(msg), st.Progress.Done, st.Progress.Total, st.Progress.Percent)
	return nil
}

// describeChange says in words what a change just did.
func describeChange(saved *plan.Saved, log []plan.Change, c plan.Change) string {
	sched := plan.Build(saved, log)
	name := fmt.Sprintf("Plan %q: ", saved.Name)
	switch c.Kind {
	case plan.ChangeDone:
		it, _ := plan.FindPhase(sched, c.Phase)
		return name + "marked " + it.Describe() + " done"
	case plan.ChangeUndo:
		undone, _ := plan.Undone(log, c)
		return name + "took back change " + fmt.Sprint(undone.Seq) + " (" + undone.Describe() + ")"
	case plan.ChangeReplan:
		if sched.End == sched.PlannedEnd {
			return fmt.Sprintf("%sreplanned from %s; it still ends on %s", name, c.From, sched.End)
		}
		return fmt.Sprintf("%sreplanned from %s; it now ends on %s (was %s)", name, c.From, sched.End, sched.PlannedEnd)
	}
	return name + "added note " + fmt.Sprint(c.Seq)
}

// PlanDoneOptions are the inputs of `careerpath plan done`.
type PlanDoneOptions struct {
	planChangeOptions
	Phase string
}

// NewCmdPlanDone builds `careerpath plan done`; runF replaces the run
// function in tests.
func NewCmdPlanDone(f *cmdutil.Factory, runF func(*PlanDoneOptions) error) *cobra.Command {
	opts := &PlanDoneOptions{planChangeOptions: planChangeOptions{IO: f.IO, Now: f.Now, Store: plansOf(f)}}
	cmd := &cobra.Command{
		Use:   "done [PHASE]",
		Short: "Mark a phase of your plan done",
		Long: strings.TrimSpace(`
Mark PHASE done: by its number, such as 2.3 (step 2, phase 3, as 'plan
status' lists them), or by its title; without PHASE, the current phase
(the first not done). A phase already done, or an unknown one, is an
error (exit 2). 'plan undo' takes it back.`),
		Example: strings.Trim(`
  careerpath plan done
  careerpath plan done 1.2 --name next-year`, "\n"),
		Args: cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Phase = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return opts.apply(plan.MarkDone(opts.Phase))
		},
	}
	addPlanNameFlag(cmd, f, &opts.Name)
	return cmd
}

// PlanUndoOptions are the inputs of `careerpath plan undo`.
type PlanUndoOptions struct{ planChangeOptions }

// NewCmdPlanUndo builds `careerpath plan undo`; runF replaces the run
// function in tests.
func NewCmdPlanUndo(f *cmdutil.Factory, runF func(*PlanUndoOptions) error) *cobra.Command {
	opts := &PlanUndoOptions{planChangeOptions{IO: f.IO, Now: f.Now, Store: plansOf(f)}}
	cmd := &cobra.Command{
		Use:   "undo",
		Short: "Take back the last change to your plan",
		Long: strings.TrimSpace(`
Take back the last change not already taken back: a phase marked done, a
note or a replan. The undo is itself a line of the log; nothing is erased.
Each undo goes one change further back.`),
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return opts.apply(plan.Undo)
		},
	}
	addPlanNameFlag(cmd, f, &opts.Name)
	return cmd
}

// PlanNoteOptions are the inputs of `careerpath plan note`.
type PlanNoteOptions struct {
	planChangeOptions
	Text string
}

// NewCmdPlanNote builds `careerpath plan note`; runF replaces the run
// function in tests.
func NewCmdPlanNote(f *cmdutil.Factory, runF func(*PlanNoteOptions) error) *cobra.Command {
	opts := &PlanNoteOptions{planChangeOptions: planChangeOptions{IO: f.IO, Now: f.Now, Store: plansOf(f)}}
	cmd := &cobra.Command{
		Use:     "note TEXT",
		Short:   "Add a note to your plan",
		Example: `  careerpath plan note "passed the practice exam"`,
		Args:    exactArgs("TEXT"),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Text = args[0]
			if runF != nil {
				return runF(opts)
			}
			return opts.apply(plan.AddNote(opts.Text))
		},
	}
	addPlanNameFlag(cmd, f, &opts.Name)
	return cmd
}

// PlanReplanOptions are the inputs of `careerpath plan replan`.
type PlanReplanOptions struct {
	planChangeOptions
	From string
}

// NewCmdPlanReplan builds `careerpath plan replan`; runF replaces the run
// function in tests.
func NewCmdPlanReplan(f *cmdutil.Factory, runF func(*PlanReplanOptions) error) *cobra.Command {
	opts := &PlanReplanOptions{planChangeOptions: planChangeOptions{IO: f.IO, Now: f.Now, Store: plansOf(f)}}
	cmd := &cobra.Command{
		Use:   "replan [--from DAY]",
		Short: "Move the phases not done after a slip",
		Long: strings.TrimSpace(`
Start the first phase not done on --from (default today) and let the rest
follow back to back, each with its own length. No phase starts before its
step's eligibility date, nor before the day the saved path gave it, so a
replan never makes the plan shorter than the path allows; phases done
never move. The replan is a change of the log ('plan undo' takes it back),
and 'plan status' shows the old and the new end.`),
		Example: strings.Trim(`
  careerpath plan replan
  careerpath plan replan --from 2027-03-01`, "\n"),
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			from, err := parseDay("from", opts.From, opts.Now)
			if err != nil {
				return err
			}
			return opts.apply(plan.Replan(from))
		},
	}
	addPlanNameFlag(cmd, f, &opts.Name)
	cmd.Flags().StringVar(&opts.From, "from", "", "start the first phase not done on `DAY`, YYYY-MM-DD (default today)")
	return cmd
}

// PlanLogOptions are the inputs of `careerpath plan log`.
type PlanLogOptions struct {
	IO    *iostreams.IOStreams
	Store func() *plan.Store
	Name  string
	JSON  bool
}

// NewCmdPlanLog builds `careerpath plan log`; runF replaces the run
// function in tests.
func NewCmdPlanLog(f *cmdutil.Factory, runF func(*PlanLogOptions) error) *cobra.Command {
	opts := &PlanLogOptions{IO: f.IO, Store: plansOf(f)}
	cmd := &cobra.Command{
		Use:               "log [NAME]",
		ValidArgsFunction: completePlanNames(f),
		Short:             "List every change to your plan with its time",
		Long: strings.TrimSpace(`
List every line of the plan's log, oldest first: its number, its time
(UTC), and the change. Lines an undo took back are marked, and so are
those of another plan of the same name (before a 'plan start --force'). --json writes the lines as the log holds them, in a JSON array.`),
		Args: cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Name = planName(args)
			if runF != nil {
				return runF(opts)
			}
			return runPlanLog(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, jsonFlag, false, "write the log's lines as a JSON array")
	return cmd
}

func runPlanLog(opts *PlanLogOptions) error {
	saved, log, err := opts.Store().Load(opts.Name)
	if err != nil {
		return err
	}
	if log == nil {
		log = []plan.Change{}
	}
	if opts.JSON {
		return render.WriteJSON(opts.IO.Out, log)
	}
	return render.PlanLog(opts.IO.Out, saved, log, opts.IO.TerminalWidth)
}

// PlanListOptions are the inputs of `careerpath plan list`.
type PlanListOptions struct {
	IO    *iostreams.IOStreams
	Store func() *plan.Store
}

// NewCmdPlanList builds `careerpath plan list`; runF replaces the run
// function in tests.
func NewCmdPlanList(f *cmdutil.Factory, runF func(*PlanListOptions) error) *cobra.Command {
	opts := &PlanListOptions{IO: f.IO, Store: plansOf(f)}
	return &cobra.Command{
		Use:   "list",
		Short: "List your saved plans",
		Args:  cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runPlanList(opts)
		},
	}
}

func runPlanList(opts *PlanListOptions) error {
	names, err := opts.Store().List()
	if err != nil {
		return err
	}
	var plans []render.PlanListEntry
	for _, name := range names {
		saved, log, err := opts.Store().Load(name)
		if err != nil {
			return err
		}
		plans = append(plans, render.PlanListEntry{Saved: saved, Schedule: plan.Build(saved, log)})
	}
	if len(plans) == 0 {
		fmt.Fprintf(opts.IO.ErrOut, "No plans in %s; start one with 'careerpath plan start'\n", opts.Store().Dir)
		return nil
	}
	return render.PlanList(opts.IO.Out, plans, opts.IO.TerminalWidth)
}

// PlanRmOptions are the inputs of `careerpath plan rm`.
type PlanRmOptions struct {
	IO    *iostreams.IOStreams
	Store func() *plan.Store
	Name  string
}

// NewCmdPlanRm builds `careerpath plan rm`; runF replaces the run function
// in tests.
func NewCmdPlanRm(f *cmdutil.Factory, runF func(*PlanRmOptions) error) *cobra.Command {
	opts := &PlanRmOptions{IO: f.IO, Store: plansOf(f)}
	return &cobra.Command{
		Use:               "rm NAME",
		ValidArgsFunction: completePlanNames(f),
		Short:             "Delete a saved plan and its log",
		Long: strings.TrimSpace(`
Delete the plan NAME: its saved path and its log. The name is never
implied, not even "default", so that no plan is deleted by accident.`),
		Args: exactArgs("NAME"),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			if err := opts.Store().Remove(opts.Name); err != nil {
				return err
			}
			fmt.Fprintf(opts.IO.ErrOut, "Deleted plan %q\n", opts.Name)
			return nil
		},
	}
}

// PlanExportOptions are the inputs of `careerpath plan export`.
type PlanExportOptions struct {
	IO     *iostreams.IOStreams
	Now    func() time.Time
	Store  func() *plan.Store
	Name   string
	Format string
	// FormatGiven is true when --format was given, which the -o file's
	// extension then does not override.
	FormatGiven bool
	Remind      string
	Output      string
	Context     context.Context
}

// NewCmdPlanExport builds `careerpath plan export`; runF replaces the run
// function in tests.
func NewCmdPlanExport(f *cmdutil.Factory, runF func(*PlanExportOptions) error) *cobra.Command {
	opts := &PlanExportOptions{IO: f.IO, Now: f.Now, Store: plansOf(f)}
	cmd := &cobra.Command{
		Use:               "export [NAME] [--format ics|json|markdown] [-o FILE]",
		ValidArgsFunction: completePlanNames(f),
		Short:             "Write your plan's current schedule as a calendar, JSON or Markdown",
		Long: strings.TrimSpace(`
Write the plan's schedule as it stands after every change: an iCalendar
file (the default) with an all-day event per phase and per wait, and one on
each later step's eligibility day; JSON (the export document of 'careerpath
schema plan-status'); or Markdown.

Each phase not done has a reminder --remind before it starts (1d by
default; 30m, 2h, 1d or 1w; 0 for none). Each event's UID is the plan's
and the phase's, the same across replans, and its SEQUENCE rises with
each change, so a calendar that imports the file again moves the events
instead of adding copies.

` + cmdutil.ExitStatusHelp),
		Example: strings.Trim(`
  careerpath plan export -o plan.ics
  careerpath plan export next-year --format markdown
  careerpath plan export --remind 0 -o plan.ics`, "\n"),
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name, opts.Context = planName(args), cmd.Context()
			opts.FormatGiven = cmd.Flags().Changed(cmdutil.KeyFormat)
			if runF != nil {
				return runF(opts)
			}
			return runPlanExport(opts)
		},
	}
	names := render.PlanExportFormatNames()
	cmd.Flags().StringVarP(&opts.Format, cmdutil.KeyFormat, "f", string(render.ICS), "output format: "+strings.Join(names, ", "))
	must(cmd.RegisterFlagCompletionFunc(cmdutil.KeyFormat, cobra.FixedCompletions(names, cobra.ShellCompDirectiveNoFileComp)))
	cmd.Flags().StringVar(&opts.Remind, "remind", "1d", "remind `TIME` before each phase starts (0 for none)")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to `FILE` (replaced atomically) instead of stdout")
	return cmd
}

func runPlanExport(opts *PlanExportOptions) error {
	format, err := outputFormat(opts.IO.ErrOut, opts.Output, opts.FormatGiven, render.PlanExportFormats, func() (render.Format, error) {
		f, err := render.ParsePlanExportFormat(opts.Format)
		if err != nil {
			return "", cmdutil.UsageErrorf("%v", err)
		}
		return f, nil
	})
	if err != nil {
		return err
	}
	remind, err := plan.ParseRemind(opts.Remind)
	if err != nil {
		return err
	}
	saved, log, err := opts.Store().Load(opts.Name)
	if err != nil {
		return err
	}
	e := plan.NewExport(saved, log)
	return cmdutil.WriteOutput(opts.Context, opts.IO, opts.Output, func(w io.Writer, _ int) error {
		return render.PlanExport(w, format, e, remind, render.Options{Stamp: opts.Now()})
	})
}
