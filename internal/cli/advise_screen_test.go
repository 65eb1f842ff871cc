package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/iostreams"
)

// The answer of advise fits an 80 x 24 terminal for every role and
// accountability answer of the embedded catalog, over years that lower,
// keep and exceed the levels: the level, why in one line, the next level
// with its date, the plan's dates and the top three specialisations come
// first, and the stage texts after them.
func TestAdviseAnswerFitsTheScreen(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	adv := advisor.New(cat)
	day := time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)
	for _, role := range cat.Roles {
		for _, acc := range cat.Accountability {
			for _, years := range []string{"0", "2.75", "3", "6.5", "10"} {
				args := []string{"advise", "--role", role.Name, "--years", years, "--accountability", acc.ID, "--start", "2027-01-04"}
				rec, err := adv.Advise(advisor.Answers{Role: role.Name, Years: years, Accountability: acc.ID}, day)
				if err != nil {
					t.Fatal(err)
				}
				checkAnswerOnScreen(t, strings.Join(args, " "), adviseAt80(t, args), rec)
			}
		}
	}
}

// adviseAt80 runs advise on an 80-column terminal without colour.
func adviseAt80(t *testing.T, args []string) []string {
	t.Helper()
	var out, errOut bytes.Buffer
	io := &iostreams.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, OutTTY: true, TerminalWidth: 80,
		Getenv: func(k string) string { return map[string]string{"NO_COLOR": "1"}[k] }}
	f := cmdutil.NewFactory(io)
	dir := t.TempDir()
	f.UserConfigDir = func() (string, error) { return dir, nil }
	if code := run(f, args); code != 0 {
		t.Fatalf("%v: exit %d, stderr %q", args, code, errOut.String())
	}
	return strings.Split(out.String(), "\n")
}

func checkAnswerOnScreen(t *testing.T, where string, lines []string, rec *advisor.Recommendation) {
	t.Helper()
	for i, line := range lines {
		if n := runewidth.StringWidth(line); n > 80 {
			t.Errorf("%s: line %d is %d columns wide: %q", where, i+1, n, line)
		}
	}
	screen := lines[:min(24, len(lines))]
	text := strings.Join(screen, "\n")
	want := []string{"Suggested level: " + rec.Level.Name, "careerpath path", "careerpath plan start"}
	for _, ph := range rec.Plan.Phases {
		want = append(want, ph.Start+" to "+ph.End)
	}
	for _, sp := range rec.Specialisations[:3] {
		want = append(want, sp.Name)
	}
	if n := rec.NextLevel; n != nil {
		want = append(want, "Next level: "+n.Name)
		for _, r := range n.Missing {
			if r.Kind == advisor.NeedYears {
				want = append(want, "eligible from "+n.EligibleFrom)
			}
		}
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s: %q is not in the first 24 lines:\n%s", where, w, text)
		}
	}
	whys := 0
	for _, line := range screen {
		if strings.HasPrefix(line, "Why: ") {
			whys++
		}
	}
	if whys != 1 || !strings.HasPrefix(lines[1], "Why: ") || lines[2] != "" {
		t.Errorf("%s: the why is not one line under the title:\n%s", where, text)
	}
	if strings.Index(text, "Capabilities gained") >= 0 && strings.Index(text, "Capabilities gained") < strings.Index(text, rec.Specialisations[2].Name) {
		t.Errorf("%s: a stage text comes before the answer:\n%s", where, text)
	}
}
