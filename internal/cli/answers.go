package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/iostreams"
	"github.com/careerpath/careerpath/internal/prompt"
	"github.com/careerpath/careerpath/internal/render"
)

// answerOptions are the inputs the commands that advise one person share
// (advise and path): the answers, asking for the missing ones, the plan's
// start, the format and the output file.
type answerOptions struct {
	IO      *iostreams.IOStreams
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
	// FormatFrom names the variable or file that set Format, if any.
	FormatFrom string
	// FormatGiven is true when --format or --json was given, which the
	// output file's extension does not override.
	FormatGiven bool
	// Output is the file to write instead of stdout.
	Output string
	// Context ends the run early when cancelled.
	Context context.Context
}

func newAnswerOptions(f *cmdutil.Factory) answerOptions {
	return answerOptions{IO: f.IO, Now: f.Now, Catalog: f.Catalog, Titles: f.Titles, Prompter: f.Prompter}
}

// addAnswerFlags adds the answer flags, --start, --format, --json and -o.
func addAnswerFlags(cmd *cobra.Command, f *cmdutil.Factory, opts *answerOptions) {
	fl := cmd.Flags()
	fl.StringVar(&opts.Answers.Role, advisor.FieldRole, "", "your role, by name or id (see 'careerpath roles')")
	fl.StringVar(&opts.Answers.Years, advisor.FieldYears, "", fmt.Sprintf("years of experience, a number from 0 to %d", advisor.MaxYears))
	fl.StringVar(&opts.Answers.Accountability, advisor.FieldAccountability, "", "team accountability, by id, name or alias (see 'careerpath catalog show')")
	fl.StringVar(&opts.Start, cmdutil.KeyStart, "", cmdutil.WithEnv("first day of the plan, YYYY-MM-DD (default today)", cmdutil.KeyStart))
	addFormatFlag(cmd, &opts.Format, render.RecommendationFormatNames())
	fl.StringVarP(&opts.Output, "output", "o", "", "write to `FILE` (replaced atomically) instead of stdout; without --format, its extension picks the format")
	cmdutil.AddTitlesFlag(cmd)
	registerAdviseCompletions(cmd, f)
}

// fromCommand reads the settings and notes which answers were not given.
func (opts *answerOptions) fromCommand(cmd *cobra.Command, f *cmdutil.Factory) error {
	opts.Context = cmd.Context()
	var err error
	if opts.Format, opts.FormatFrom, err = formatSetting(cmd, f); err != nil {
		return err
	}
	asJSON, _ := cmd.Flags().GetBool(jsonFlag)
	opts.FormatGiven = asJSON || cmd.Flags().Changed(cmdutil.KeyFormat)
	opts.Start = f.Config.Get(cmdutil.KeyStart)
	for _, name := range []string{advisor.FieldRole, advisor.FieldYears, advisor.FieldAccountability} {
		if !cmd.Flags().Changed(name) {
			opts.Missing = append(opts.Missing, name)
		}
	}
	return nil
}

// gather checks the format and start, loads the catalog and asks for the
// missing answers (or says why it cannot).
func (opts *answerOptions) gather() (render.Format, *advisor.Advisor, time.Time, error) {
	format, err := outputFormat(opts.IO.ErrOut, opts.Output, opts.FormatGiven, render.RecommendationFormats, func() (render.Format, error) {
		f, err := render.ParseRecommendationFormat(opts.Format)
		if err != nil {
			return "", cmdutil.SettingError(err, cmdutil.KeyFormat, opts.FormatFrom)
		}
		return f, nil
	})
	if err != nil {
		return "", nil, time.Time{}, err
	}
	start, err := cmdutil.PlanStart(opts.Start, opts.Now)
	if err != nil {
		return "", nil, time.Time{}, err
	}
	if len(opts.Missing) > 0 && !opts.IO.CanPrompt() {
		return "", nil, time.Time{}, cmdutil.UsageErrorf("missing %s: pass --%s (%s, so careerpath cannot ask)",
			plural(len(opts.Missing), "answer"), strings.Join(opts.Missing, ", --"), opts.IO.WhyNoPrompt())
	}
	adv, err := loadAdvisor(opts.Catalog, opts.Titles)
	if err != nil {
		return "", nil, time.Time{}, err
	}
	if len(opts.Missing) > 0 {
		if err := askMissing(opts, adv); err != nil {
			return "", nil, time.Time{}, err
		}
	}
	return format, adv, start, nil
}

// write writes to stdout with the terminal's colour and width, or to the
// output file, atomically, with neither.
func (opts *answerOptions) write(ropts render.Options, write func(io.Writer, render.Options) error) error {
	ropts.Stamp = opts.Now()
	if cmdutil.IsStdout(opts.Output) {
		ropts.Color, ropts.Width = opts.IO.ColorEnabled(), opts.IO.TerminalWidth
		return write(opts.IO.Out, ropts)
	}
	ctx, release := cmdutil.StopOnSignal(opts.Context)
	defer release()
	return cmdutil.WriteFileAtomically(ctx, opts.IO.ErrOut, opts.Output, func(w io.Writer) error {
		return write(w, ropts)
	})
}

// question is one answer advise and path need: how to check it when given as a
// flag, and how to ask for it when not.
type question struct {
	field  string
	answer *string
	check  func(string) error
	ask    func() (string, error)
}

// questions lists the answers in the order of the flags.
func questions(opts *answerOptions, adv *advisor.Advisor) []question {
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
func askMissing(opts *answerOptions, adv *advisor.Advisor) error {
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
			return cmdutil.ErrInterrupted
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

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
