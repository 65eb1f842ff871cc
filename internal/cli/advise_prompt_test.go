package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/prompt"

	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/golden"
	"github.com/careerpath/careerpath/internal/iostreams"
)

// interrupt, as a reply, makes the fake prompter act as if Ctrl-C was
// pressed.
const interrupt = "<Ctrl-C>"

// typeFilter, before a reply to a Select, types the rest as the filter
// and presses Enter, which picks the one option the filter keeps.
const typeFilter = "type:"

// fakePrompter answers from a script of replies: for a Select the label to
// choose, for an Input the text to type (refused text is recorded and the
// next reply typed, as a terminal would ask again).
type fakePrompter struct {
	replies []string
	asked   []string
	options map[string][]prompt.Option
	refused []string
}

func (f *fakePrompter) next(message string) (string, error) {
	if len(f.replies) == 0 {
		return "", fmt.Errorf("fake prompter: no reply left for %q", message)
	}
	r := f.replies[0]
	f.replies = f.replies[1:]
	if r == interrupt {
		return "", prompt.ErrInterrupted
	}
	return r, nil
}

func (f *fakePrompter) Select(message string, options []prompt.Option) (int, error) {
	f.asked = append(f.asked, message)
	if f.options == nil {
		f.options = map[string][]prompt.Option{}
	}
	f.options[message] = options
	reply, err := f.next(message)
	if err != nil {
		return 0, err
	}
	if typed, ok := strings.CutPrefix(reply, typeFilter); ok {
		kept := []int{}
		for i, o := range options {
			if o.Matches(typed) {
				kept = append(kept, i)
			}
		}
		if len(kept) != 1 {
			return 0, fmt.Errorf("fake prompter: typing %q keeps %d options of %q, want 1", typed, len(kept), message)
		}
		return kept[0], nil
	}
	for i, o := range options {
		if o.Label == reply {
			return i, nil
		}
	}
	return 0, fmt.Errorf("fake prompter: %q is not among the options of %q: %v", reply, message, options)
}

func (f *fakePrompter) Input(message string, validate func(string) error) (string, error) {
	f.asked = append(f.asked, message)
	for {
		reply, err := f.next(message)
		if err != nil {
			return "", err
		}
		if err := validate(reply); err != nil {
			f.refused = append(f.refused, err.Error())
			continue
		}
		return reply, nil
	}
}

const (
	askedRole           = "Role:"
	askedYears          = "Years of experience (0 to 60, such as 4, 6.5 or 5+):"
	askedAccountability = "Team accountability:"
)

// terminal describes the streams of a prompted run.
type terminal struct {
	inTTY, errTTY bool
	env           map[string]string
}

var onTerminal = terminal{inTTY: true, errTTY: true}

// runPrompted runs careerpath in-process as runCLI does, with the given
// terminal and the fake prompter.
func runPrompted(t *testing.T, term terminal, p *fakePrompter, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	io := &iostreams.IOStreams{
		In: strings.NewReader(""), Out: &out, ErrOut: &errOut,
		InTTY: term.inTTY, ErrTTY: term.errTTY,
		Getenv: func(k string) string { return term.env[k] },
	}
	f := cmdutil.NewFactory(io)
	f.Now = func() time.Time { return time.Date(2027, 1, 4, 9, 30, 0, 0, time.Local) }
	f.Catalog = sync.OnceValues(catalog.Default)
	f.Prompter = p
	code := run(f, args)
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

func TestAdviseAsksOnlyForTheMissingAnswersInOrder(t *testing.T) {
	all := []string{"--role", "Engineering Manager", "--years", "10", "--accountability", "multi-team"}
	for _, c := range []struct {
		name    string
		flags   []string
		replies []string
		asked   []string
	}{
		{"no flags", nil, []string{"Engineering Manager", "10", "Multi-team"}, []string{askedRole, askedYears, askedAccountability}},
		{"role given", []string{"--role", "Engineering Manager"}, []string{"10", "Multi-team"}, []string{askedYears, askedAccountability}},
		{"years given", []string{"--years", "10"}, []string{"Engineering Manager", "Multi-team"}, []string{askedRole, askedAccountability}},
		{"accountability given", []string{"--accountability", "multi-team"}, []string{"Engineering Manager", "10"}, []string{askedRole, askedYears}},
		{"role and accountability given", []string{"--role", "Engineering Manager", "--accountability", "multi-team"}, []string{"10"}, []string{askedYears}},
		{"all given", all, nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := &fakePrompter{replies: c.replies}
			args := append([]string{"advise", "--json", "--start", "2027-01-04"}, c.flags...)
			r := runPrompted(t, onTerminal, p, args...)
			if r.code != 0 {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			if !slices.Equal(p.asked, c.asked) {
				t.Errorf("asked %q, want %q", p.asked, c.asked)
			}
			if len(p.replies) != 0 {
				t.Errorf("replies left unused: %q", p.replies)
			}
			// The answers feed the same path as flags: the output is the
			// one all three flags give.
			want := runCLI(t, nil, append([]string{"advise", "--json", "--start", "2027-01-04"}, all...)...)
			if r.stdout != want.stdout {
				t.Errorf("prompted output differs from the flag path:\n%s", golden.Diff("flags", "prompted", want.stdout, r.stdout))
			}
		})
	}
}

func TestAdviseOffersTheCatalogsChoices(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	var roles, answers []prompt.Option
	for _, r := range cat.Roles {
		roles = append(roles, prompt.Option{Label: r.Name, Hint: r.SuggestedLevel})
	}
	for _, a := range cat.Accountability {
		answers = append(answers, prompt.Option{Label: a.Name, Hint: a.Description})
	}
	p := &fakePrompter{replies: []string{cat.Roles[1].Name, "6", cat.Accountability[1].Name}}
	if r := runPrompted(t, onTerminal, p, "advise"); r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if got := p.options[askedRole]; !slices.EqualFunc(got, roles, sameChoice) {
		t.Errorf("role options %v, want %v", got, roles)
	}
	if got := p.options[askedAccountability]; !slices.EqualFunc(got, answers, sameChoice) {
		t.Errorf("accountability options %v, want %v", got, answers)
	}
}

// sameChoice compares what an option shows.
func sameChoice(a, b prompt.Option) bool { return a.Label == b.Label && a.Hint == b.Hint }

func TestAdviseRefusesInvalidYearsAndAsksAgain(t *testing.T) {
	p := &fakePrompter{replies: []string{"six", "61", "-1", "", "6.5"}}
	r := runPrompted(t, onTerminal, p, "advise", "--role", "SRE", "--accountability", "team", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	want := []string{`years "six" is not a number`, `years "61" is more than 60`, `years "-1" is negative`, `years "" is empty`}
	if len(p.refused) != len(want) {
		t.Fatalf("refused %q, want %d refusals", p.refused, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(p.refused[i], w) || !strings.Contains(p.refused[i], "give a number from 0 to 60") {
			t.Errorf("refusal %d is %q, want %q with how to fix it", i, p.refused[i], w)
		}
	}
	var rec advisor.Recommendation
	if err := json.Unmarshal([]byte(r.stdout), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.Input.Years != 6.5 {
		t.Errorf("years %v, want 6.5", rec.Input.Years)
	}
}

func TestAdviseInterruptedAtAPromptExits130(t *testing.T) {
	for _, replies := range [][]string{{interrupt}, {"SRE", interrupt}, {"SRE", "4", interrupt}} {
		t.Run(fmt.Sprint(len(replies)), func(t *testing.T) {
			p := &fakePrompter{replies: replies}
			r := runPrompted(t, onTerminal, p, "advise")
			if r.code != cmdutil.ExitInterrupted || r.stdout != "" {
				t.Errorf("exit %d, stdout %q; want 130 and nothing", r.code, r.stdout)
			}
			if !strings.Contains(r.stderr, "interrupted") {
				t.Errorf("stderr %q", r.stderr)
			}
		})
	}
}

func TestAdviseDoesNotAskWhenItMustNot(t *testing.T) {
	for _, c := range []struct {
		name string
		term terminal
		args []string
		why  string
	}{
		{"stdin piped", terminal{errTTY: true}, []string{"advise", "--role", "SRE"}, "stdin is not a terminal"},
		{"stderr redirected", terminal{inTTY: true}, []string{"advise", "--role", "SRE"}, "stderr is not a terminal"},
		{"--no-input", onTerminal, []string{"advise", "--role", "SRE", "--no-input"}, "no-input is set by flag --no-input"},
		{"--no-input before the command", onTerminal, []string{"--no-input", "advise", "--role", "SRE"}, "no-input is set by flag --no-input"},
		{"CAREERPATH_NO_INPUT=1", terminal{inTTY: true, errTTY: true, env: map[string]string{noInputEnv: "1"}}, []string{"advise", "--role", "SRE"}, "no-input is set by env CAREERPATH_NO_INPUT"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := &fakePrompter{}
			r := runPrompted(t, c.term, p, c.args...)
			if r.code != cmdutil.ExitUsage || r.stdout != "" {
				t.Errorf("exit %d, stdout %q; want 2 and nothing", r.code, r.stdout)
			}
			want := "missing answers: pass --years, --accountability (" + c.why + ", so careerpath cannot ask)"
			if !strings.Contains(r.stderr, want) {
				t.Errorf("stderr %q lacks %q", r.stderr, want)
			}
			if len(p.asked) != 0 {
				t.Errorf("asked %q", p.asked)
			}
		})
	}
}

// A value that is not a boolean never leaves a script waiting for keys: it
// is refused before anything is asked.
func TestAdviseRefusesAMisspeltNoInput(t *testing.T) {
	p := &fakePrompter{}
	term := terminal{inTTY: true, errTTY: true, env: map[string]string{noInputEnv: "yes please"}}
	r := runPrompted(t, term, p, "advise", "--role", "SRE")
	if r.code != cmdutil.ExitUsage || len(p.asked) != 0 || !strings.Contains(r.stderr, noInputEnv) {
		t.Errorf("exit %d, asked %q, stderr %q; want 2, nothing asked, and the variable named", r.code, p.asked, r.stderr)
	}
}

var noInputEnv = cmdutil.EnvName(cmdutil.KeyNoInput)

func TestAdviseAsksWhenNoInputIsOff(t *testing.T) {
	for _, v := range []string{"", "0", "false"} {
		p := &fakePrompter{replies: []string{"4", "Team"}}
		term := terminal{inTTY: true, errTTY: true, env: map[string]string{noInputEnv: v}}
		if r := runPrompted(t, term, p, "advise", "--role", "SRE"); r.code != 0 || len(p.asked) != 2 {
			t.Errorf("%s=%q: exit %d, asked %q", noInputEnv, v, r.code, p.asked)
		}
	}
}

func TestAdviseChecksFlagsBeforeAsking(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--role", "Sorcerer"}, `unknown role "Sorcerer"`},
		{[]string{"--years", "99"}, `years "99" is more than 60`},
		{[]string{"--accountability", "galaxy"}, `unknown accountability "galaxy"`},
		{[]string{"--format", "xml"}, `unknown format "xml"`},
		{[]string{"--start", "tomorrow"}, `start date "tomorrow" is not a date`},
	} {
		t.Run(c.want, func(t *testing.T) {
			p := &fakePrompter{}
			r := runPrompted(t, onTerminal, p, append([]string{"advise"}, c.args...)...)
			if r.code != cmdutil.ExitUsage || !strings.Contains(r.stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, c.want)
			}
			if len(p.asked) != 0 {
				t.Errorf("asked %q before failing on the flag", p.asked)
			}
		})
	}
}

func TestRolePromptFiltersOnAliasesTitleWordsAndTheTitleMap(t *testing.T) {
	titles := writeFile(t, "titles.csv", "title,role\nChief Happiness Officer,Engineering Manager\n")
	for typed, want := range map[string]string{
		"site": "SRE", "reliab": "SRE", "Staff SRE": "SRE", "Sr. DevOps Engineer": "DevOps Engineer",
		"happiness": "Engineering Manager", "Chief Happiness Officer": "Engineering Manager",
	} {
		p := &fakePrompter{replies: []string{typeFilter + typed, "6", "Team"}}
		r := runPrompted(t, onTerminal, p, "advise", "--titles", titles, "--json")
		if r.code != 0 {
			t.Errorf("typing %q: exit %d, stderr %q", typed, r.code, r.stderr)
			continue
		}
		var rec advisor.Recommendation
		if err := json.Unmarshal([]byte(r.stdout), &rec); err != nil || rec.Role.Name != want {
			t.Errorf("typing %q chose %q (%v), want %s", typed, rec.Role.Name, err, want)
		}
	}
}
