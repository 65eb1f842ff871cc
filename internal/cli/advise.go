package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/prompt"
	"github.com/careerpath/careerpath/internal/render"
)

// AdviseOptions are the inputs of `careerpath advise`.
type AdviseOptions struct {
	IO      *IOStreams
	Now     func() time.Time
	Catalog func() (*catalog.Loaded, error)
	// Titles is the title map, nil when none is set.
	Titles func() (*catalog.Titles, error)
	// Prompter asks for the missing answers when IO.CanPrompt().
	Prompter prompt.Prompter

	Answers advisor.Answers
	// Missing names the answers (advisor.Field*) not given as flags.
	Missing []string
	Start   string
	Format  string
	Explain bool
	// Output is the file to write instead of stdout.
	Output string
}

// NewCmdAdvise builds `careerpath advise`; runF replaces the run function
// in tests.
func NewCmdAdvise(f *Factory, runF func(*AdviseOptions) error) *cobra.Command {
	opts := &AdviseOptions{IO: f.IO, Now: f.Now, Catalog: f.Catalog, Titles: f.Titles, Prompter: f.Prompter}
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "advise [--role ROLE] [--years N] [--accountability ANSWER]",
		Short: "Suggest a level and a dated study plan",
		Long: strings.TrimSpace(`
Suggest a certification level from three answers and print a dated study
plan, the capabilities it builds, common mistakes, and the specialisations
to pursue next. --format ics writes the plan as a calendar to import: one
all-day event per phase.

The rule: start at the role table's level (a range's lower end), raise it to
the level your accountability maps to, then step down one level at a time
while your years fall short of the level's minimum. --explain shows each
step; JSON output always carries it.

Roles and accountability answers match by id, name or alias, ignoring case,
'-', '_' and extra spaces. A role answer that matches none is matched again
without the catalog's title words (such as senior, lead or II) and any
part in brackets; --titles FILE maps your organisation's own job titles
first. See 'careerpath roles' for the roles.

On a terminal, advise asks for the answers not given as flags (Ctrl-C or
Esc stops it, exit 130); prompts are drawn on stderr, so stdout holds only
the output. With --no-input or CAREERPATH_NO_INPUT=1, or when stdin or
stderr is not a terminal, a missing answer is an error (exit 2).

` + exitStatusHelp),
		Example: strings.TrimSpace(`
  careerpath advise
  careerpath advise --role "<role>" --json > plan.json
  careerpath advise --role "<role>" --years 6 --accountability "<answer>"
  careerpath advise --role "<role>" --years 4.5 --accountability "<answer>" --start 2027-01-04 --explain
  careerpath advise --role "<role>" --years 10 --accountability "<answer>" --json | jq .level
  careerpath advise --role "<role>" --years 6 --accountability "<answer>" --format ics -o plan.ics

  Roles and answers are the active catalog's: see 'careerpath catalog show'.`),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.Format, opts.Start = f.Config.Get(KeyFormat), f.Config.Get(KeyStart)
			if asJSON {
				if cmd.Flags().Changed("format") && opts.Format != string(render.JSON) {
					return usageErrorf("--json and --format %s disagree; use one of them", opts.Format)
				}
				opts.Format = string(render.JSON)
			}
			for _, name := range []string{advisor.FieldRole, advisor.FieldYears, advisor.FieldAccountability} {
				if !cmd.Flags().Changed(name) {
					opts.Missing = append(opts.Missing, name)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return runAdvise(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Answers.Role, advisor.FieldRole, "", "your role, by name or id (see 'careerpath roles')")
	fl.StringVar(&opts.Answers.Years, advisor.FieldYears, "", fmt.Sprintf("years of experience, a number from 0 to %d", advisor.MaxYears))
	fl.StringVar(&opts.Answers.Accountability, advisor.FieldAccountability, "", "team accountability, by id, name or alias (see 'careerpath catalog show')")
	fl.StringVar(&opts.Start, KeyStart, "", withEnv("first day of the plan, YYYY-MM-DD (default today)", KeyStart))
	addFormatFlag(cmd, &opts.Format, render.RecommendationFormatNames())
	fl.BoolVar(&asJSON, "json", false, "shorthand for --format json")
	fl.BoolVar(&opts.Explain, "explain", false, "show each step of the level rule in table and Markdown output")
	fl.StringVarP(&opts.Output, "output", "o", "", "write to `FILE` (replaced atomically) instead of stdout")
	addTitlesFlag(cmd)
	registerAdviseCompletions(cmd, f)
	return cmd
}

func runAdvise(opts *AdviseOptions) error {
	format, err := render.ParseRecommendationFormat(opts.Format)
	if err != nil {
		return &UsageError{Err: err}
	}
	start, err := planStart(opts.Start, opts.Now)
	if err != nil {
		return err
	}
	if len(opts.Missing) > 0 && !opts.IO.CanPrompt() {
		return usageErrorf("missing %s: pass --%s (%s, so careerpath cannot ask)",
			plural(len(opts.Missing), "answer"), strings.Join(opts.Missing, ", --"), opts.IO.whyNoPrompt())
	}
	adv, err := loadAdvisor(opts.Catalog, opts.Titles)
	if err != nil {
		return err
	}
	if len(opts.Missing) > 0 {
		if err := askMissing(opts, adv); err != nil {
			return err
		}
	}
	rec, err := adv.Advise(opts.Answers, start)
	if err != nil {
		return err
	}
	ropts := render.Options{Explain: opts.Explain, Color: opts.IO.ColorEnabled(), Width: opts.IO.TerminalWidth, Stamp: opts.Now()}
	if opts.Output == "" {
		return render.Recommendation(opts.IO.Out, format, rec, ropts)
	}
	ropts.Color, ropts.Width = false, 0
	return writeFileAtomically(opts.Output, func(w io.Writer) error {
		return render.Recommendation(w, format, rec, ropts)
	})
}

// question is one answer advise needs: how to check it when given as a
// flag, and how to ask for it when not.
type question struct {
	field  string
	answer *string
	check  func(string) error
	ask    func() (string, error)
}

// questions lists the answers in the order of the flags.
func questions(opts *AdviseOptions, adv *advisor.Advisor) []question {
	ans, p := &opts.Answers, opts.Prompter
	return []question{
		{advisor.FieldRole, &ans.Role,
			func(s string) error { _, err := adv.ResolveRole(s); return err },
			func() (string, error) { return askRole(p, adv) }},
		{advisor.FieldYears, &ans.Years,
			checkYears,
			func() (string, error) { return askYears(p) }},
		{advisor.FieldAccountability, &ans.Accountability,
			func(s string) error { _, err := adv.ResolveAccountability(s); return err },
			func() (string, error) { return askAccountability(p, adv.Catalog()) }},
	}
}

// askMissing asks for the answers not given as flags. The given answers
// are checked first, so that a mistyped flag fails before any question.
func askMissing(opts *AdviseOptions, adv *advisor.Advisor) error {
	qs := questions(opts, adv)
	for _, q := range qs {
		if !slices.Contains(opts.Missing, q.field) {
			if err := q.check(*q.answer); err != nil {
				return err
			}
		}
	}
	for _, q := range qs {
		if !slices.Contains(opts.Missing, q.field) {
			continue
		}
		answer, err := q.ask()
		if errors.Is(err, prompt.ErrInterrupted) {
			return ErrInterrupted
		}
		if err != nil {
			return err
		}
		*q.answer = answer
	}
	return nil
}

// askRole offers the catalog's roles, with the role table's level as the
// hint, and answers with the chosen role's name. Typing filters on ids,
// aliases and the title map's titles too, and an answer the title words
// or the title map resolve shows its role.
func askRole(p prompt.Prompter, adv *advisor.Advisor) (string, error) {
	cat := adv.Catalog()
	keywords := make([][]string, len(cat.Roles))
	for i, r := range cat.Roles {
		keywords[i] = append([]string{r.ID}, r.Policy.Aliases...)
	}
	if t := adv.Titles(); t != nil {
		for _, m := range t.List {
			i := slices.IndexFunc(cat.Roles, func(r catalog.Role) bool { return r.ID == m.Role.ID })
			keywords[i] = append(keywords[i], m.Title)
		}
	}
	options := make([]prompt.Option, len(cat.Roles))
	for i, r := range cat.Roles {
		options[i] = prompt.Option{Label: r.Name, Hint: r.SuggestedLevel, Keywords: keywords[i],
			Resolves: func(typed string) bool {
				m, ok := adv.MatchRole(typed)
				return ok && m.Role.ID == r.ID
			}}
	}
	i, err := p.Select("Role:", options)
	if err != nil {
		return "", err
	}
	return cat.Roles[i].Name, nil
}

func askYears(p prompt.Prompter) (string, error) {
	return p.Input(fmt.Sprintf("Years of experience (0 to %d, such as 4, 6.5 or 5+):", advisor.MaxYears), checkYears)
}

func checkYears(s string) error {
	_, err := advisor.ReadYears(s)
	return err
}

// askAccountability offers the catalog's accountability answers with
// their descriptions, and answers with the chosen one's id, as the flag
// takes it.
func askAccountability(p prompt.Prompter, cat *catalog.Loaded) (string, error) {
	options := make([]prompt.Option, len(cat.Accountability))
	for i, a := range cat.Accountability {
		options[i] = prompt.Option{Label: a.Name, Hint: a.Description}
	}
	i, err := p.Select("Team accountability:", options)
	if err != nil {
		return "", err
	}
	return cat.Accountability[i].ID, nil
}

// planStart reads --start, or takes today's local date.
func planStart(value string, now func() time.Time) (time.Time, error) {
	if value == "" {
		return now(), nil
	}
	return advisor.ParseDate(value)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
