package cli

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/render"
)

// PathOptions are the inputs of `careerpath path`.
type PathOptions struct {
	answerOptions
}

// NewCmdPath builds `careerpath path`; runF replaces the run function in
// tests.
func NewCmdPath(f *cmdutil.Factory, runF func(*PathOptions) error) *cobra.Command {
	opts := &PathOptions{answerOptions: newAnswerOptions(f)}
	cmd := &cobra.Command{
		Use:   "path [--role ROLE] [--years N] [--accountability ANSWER]",
		Short: "Show the whole path from the suggested level to the top, with dates",
		Long: strings.TrimSpace(`
Show one step per level, from the level advise suggests up to the top of
the active catalog's ladder. Step 1 is advise's level and plan. Each higher
step is eligible on the day its years requirement is met, counted from the
start in calendar months (months = ceil((min years - years) x 12), the day
clamped to the month's end), and says what else it requires: a wider
accountability, when neither the role table nor your answer reaches it
(the path assumes that change happens). Each step's plan starts on the
later of its eligibility day and the day after the previous plan ends.
Where a step's plan ends more than a month before the next step's plan
starts, the days between are a wait of their own, shown with what to work
on meanwhile in the catalog's words: the finished level's "what to pursue
next" and your top-ranked direction with its providers. The last step adds
the top level's "what to pursue next" and the catalog's career growth.

--format ics (or -o FILE.ics) writes every phase of every step as an
all-day event, an all-day "Eligible for <level>" event on each later
step's eligibility day, and one event per wait.

Answers, prompting, settings and flags are advise's: see
'careerpath advise --help'.

` + cmdutil.ExitStatusHelp),
		Example: strings.Trim(`
  careerpath path --role "<role>" --years 6 --accountability "<answer>"
  careerpath path --role "<role>" --years 2.9 --accountability "<answer>" --start 2027-01-04 --json
  careerpath path --role "<role>" --years 0 --accountability "<answer>" -o path.ics

  Roles and answers are the active catalog's: see 'careerpath catalog show'.`, "\n"),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := opts.fromCommand(cmd, f); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runPath(opts)
		},
	}
	addAnswerFlags(cmd, f, &opts.answerOptions)
	return cmd
}

func runPath(opts *PathOptions) error {
	format, adv, start, err := opts.gather()
	if err != nil {
		return err
	}
	p, err := adv.Path(opts.Answers, start)
	if err != nil {
		return err
	}
	return opts.write(render.Options{}, func(w io.Writer, ropts render.Options) error {
		return render.Path(w, format, p, ropts)
	})
}
