package cli

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/render"
)

// AdviseOptions are the inputs of `careerpath advise`.
type AdviseOptions struct {
	answerOptions
	Explain bool
}

// NewCmdAdvise builds `careerpath advise`; runF replaces the run function
// in tests.
func NewCmdAdvise(f *cmdutil.Factory, runF func(*AdviseOptions) error) *cobra.Command {
	opts := &AdviseOptions{answerOptions: newAnswerOptions(f)}
	cmd := &cobra.Command{
		Use:   "advise [--role ROLE] [--years N] [--accountability ANSWER]",
		Short: "Suggest a level and a dated study plan",
		Long: strings.TrimSpace(`
Suggest a certification level from three answers and print a dated study
plan, the capabilities it builds, common mistakes, and the specialisations
to pursue next. The answer comes first, so that it fits an 80 x 24
terminal: the level, why in one line, the next level with the day it
opens, the plan's dates and the top three specialisations; the stage's
texts follow. --format ics writes the plan as a calendar to import: one
all-day event per phase. Without --format, -o FILE's extension picks the
format (-o plan.ics, -o plan.json).

The rule: start at the role table's level (a range's lower end), raise it to
the level your accountability maps to, then step down one level at a time
while your years fall short of the level's minimum. --explain shows each
step; JSON output always carries it.

Roles and accountability answers match by id, name or alias, ignoring case,
'-', '_' and extra spaces. A role answer that matches none is matched again
without the catalog's title words (such as senior, lead, II or contract),
and without a part in brackets that holds title words alone; --titles
FILE maps your organisation's own job titles first. See 'careerpath roles' for the roles.

On a terminal, advise asks for the answers not given as flags (Ctrl-C or
Esc stops it, exit 130); prompts are drawn on stderr, so stdout holds only
the output. With --no-input or CAREERPATH_NO_INPUT=1, or when stdin or
stderr is not a terminal, a missing answer is an error (exit 2).

` + cmdutil.ExitStatusHelp),
		Example: strings.Trim(`
  careerpath advise
  careerpath advise --role "<role>" --json > plan.json
  careerpath advise --role "<role>" --years 6 --accountability "<answer>"
  careerpath advise --role "<role>" --years 4.5 --accountability "<answer>" --start 2027-01-04 --explain
  careerpath advise --role "<role>" --years 10 --accountability "<answer>" --json | jq .level
  careerpath advise --role "<role>" --years 6 --accountability "<answer>" -o plan.ics

  Roles and answers are the active catalog's: see 'careerpath catalog show'.`, "\n"),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := opts.fromCommand(cmd, f); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runAdvise(opts)
		},
	}
	addAnswerFlags(cmd, f, &opts.answerOptions)
	cmd.Flags().BoolVar(&opts.Explain, "explain", false, "show each step of the level rule in table and Markdown output")
	return cmd
}

func runAdvise(opts *AdviseOptions) error {
	format, adv, start, err := opts.gather()
	if err != nil {
		return err
	}
	rec, err := adv.Advise(opts.Answers, start)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, l := range adv.Catalog().Levels {
		names[l.ID] = l.Name
	}
	return opts.write(render.Options{Explain: opts.Explain, LevelNames: names}, func(w io.Writer, ropts render.Options) error {
		return render.Recommendation(w, format, rec, ropts)
	})
}
