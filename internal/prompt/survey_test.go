//go:build !windows

package prompt

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/ptytest"
)

func TestMain(m *testing.M) {
	// survey decides on colour once per process from these variables; clear
	// them so the colour tests see what the Prompter itself does.
	os.Unsetenv("NO_COLOR")
	os.Unsetenv("CLICOLOR")
	os.Exit(m.Run())
}

var roles = []Option{
	{Label: "DevOps Engineer", Hint: "Foundation"},
	{Label: "SRE", Hint: "Professional", Keywords: []string{"sre", "Site Reliability Engineer"}},
	{Label: "Platform Engineer", Hint: "Professional"},
	{Label: "Engineering Manager", Hint: "Professional to Advanced"},
}

type answer struct {
	index int
	text  string
	err   error
}

// ask runs one question on the terminal in the background.
func ask(term *ptytest.Terminal, color bool, question func(Prompter) answer) <-chan answer {
	done := make(chan answer, 1)
	p := NewSurvey(term.Tty(), term.Tty(), func() bool { return color })
	go func() { done <- question(p) }()
	return done
}

// receive waits for the answer; a prompt that ignores its keys fails the
// test instead of hanging it.
func receive(t *testing.T, done <-chan answer) answer {
	t.Helper()
	select {
	case got := <-done:
		return got
	case <-time.After(ptytest.Timeout):
		t.Fatalf("no answer within %s", ptytest.Timeout)
		return answer{}
	}
}

func selectRole(p Prompter) answer {
	i, err := p.Select("Role:", roles)
	return answer{index: i, err: err}
}

func TestSelectFiltersByTypingAndMovesWithArrows(t *testing.T) {
	term := ptytest.New(t)
	done := ask(term, false, selectRole)
	term.Expect("Engineering Manager - Professional to Advanced")
	term.Type("eng")
	term.Expect("Role: eng")
	term.Type("\x1b[A") // up from the first match wraps to the last
	term.Type("\r")
	var got answer
	term.Wait(func() { got = receive(t, done) })
	if got.err != nil || got.index != 3 {
		t.Fatalf("Select = %d, %v; want 3 (Engineering Manager)", got.index, got.err)
	}
	term.Close()
	if screen := term.Screen(); !strings.Contains(screen, "? Role: Engineering Manager") {
		t.Errorf("the answer is not shown:\n%s", screen)
	}
}

func TestSelectFiltersOnKeywords(t *testing.T) {
	term := ptytest.New(t)
	done := ask(term, false, selectRole)
	term.Expect("Engineering Manager - Professional to Advanced")
	term.Type("reliab")
	term.Expect("Role: reliab")
	term.Type("\r")
	var got answer
	term.Wait(func() { got = receive(t, done) })
	if got.err != nil || got.index != 1 {
		t.Fatalf("Select = %d, %v; want 1 (SRE, by its alias)", got.index, got.err)
	}
	term.Close()
}

func TestOptionMatches(t *testing.T) {
	sre := roles[1]
	sre.Resolves = func(typed string) bool { return typed == "Staff SRE" }
	for typed, want := range map[string]bool{"sr": true, "SITE": true, "reliab": true, "Staff SRE": true, "platform": false, "staff": false} {
		if got := sre.Matches(typed); got != want {
			t.Errorf("Matches(%q) = %v, want %v", typed, got, want)
		}
	}
}

func TestInputRefusesAnInvalidAnswerAndAsksAgain(t *testing.T) {
	term := ptytest.New(t)
	var seen []string
	validate := func(s string) error {
		seen = append(seen, s)
		if s != "10" {
			return fmt.Errorf("years %q is more than 60", s)
		}
		return nil
	}
	done := ask(term, false, func(p Prompter) answer {
		s, err := p.Input("Years:", validate)
		return answer{text: s, err: err}
	})
	term.Expect("Years:")
	term.Type("61\r")
	term.Expect(`Sorry, your reply was invalid: years "61" is more than 60`)
	term.Expect("Years:")
	term.Type("10\r")
	var got answer
	term.Wait(func() { got = receive(t, done) })
	if got.err != nil || got.text != "10" {
		t.Fatalf("Input = %q, %v; want 10", got.text, got.err)
	}
	if !slices.Equal(seen, []string{"61", "10"}) {
		t.Errorf("validated %q, want [61 10]", seen)
	}
}

func TestEscAndCtrlCInterruptAndLeaveTheTerminalUsable(t *testing.T) {
	questions := map[string]func(Prompter) answer{
		"select": selectRole,
		"input": func(p Prompter) answer {
			s, err := p.Input("Years:", func(string) error { return nil })
			return answer{text: s, err: err}
		},
	}
	for name, question := range questions {
		for key, keys := range map[string]string{"Esc": "\x1b", "Ctrl-C": "\x03"} {
			t.Run(name+" "+key, func(t *testing.T) {
				term := ptytest.New(t)
				done := ask(term, false, question)
				term.Expect(":")
				term.Type(keys)
				var got answer
				term.Wait(func() { got = receive(t, done) })
				if !errors.Is(got.err, ErrInterrupted) {
					t.Errorf("error %v, want ErrInterrupted", got.err)
				}
				if !term.Usable() {
					t.Error("echo or line editing left off")
				}
				term.Close()
				if !term.CursorVisible() {
					t.Error("cursor left hidden")
				}
			})
		}
	}
}

var sgr = regexp.MustCompile(`\x1b\[[0-9;]*m`)

func TestColorOnlyWhenAsked(t *testing.T) {
	for _, color := range []bool{true, false} {
		t.Run(fmt.Sprint("color=", color), func(t *testing.T) {
			term := ptytest.New(t)
			done := ask(term, color, selectRole)
			drawn := term.Expect("Professional to Advanced")
			term.Type("\r")
			var got answer
			term.Wait(func() { got = receive(t, done) })
			if got.err != nil {
				t.Fatal(got.err)
			}
			if has := sgr.MatchString(drawn); has != color {
				t.Errorf("colour sequences present: %v, want %v, in %q", has, color, drawn)
			}
			if !strings.Contains(drawn, "\x1b[?25l") {
				t.Errorf("cursor control lost with the colour: %q", drawn)
			}
		})
	}
}
