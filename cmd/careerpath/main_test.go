//go:build !windows

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/ptytest"
)

// runMainEnv makes the test binary run careerpath's main instead of the
// tests, so the end-to-end tests exercise a real process (its own terminal
// detection, exit status and streams) without building a second binary.
const runMainEnv = "CAREERPATH_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
	}
	os.Exit(m.Run())
}

// careerpath returns a command running careerpath with args in a clean
// environment plus env; it is killed if it outlives the test's patience.
func careerpath(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*ptytest.Timeout)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Env = append([]string{runMainEnv + "=1", "TERM=xterm-256color"}, env...)
	return cmd
}

// onTerminal starts cmd with stdin and stderr on term and stdout captured.
func onTerminal(t *testing.T, term *ptytest.Terminal, cmd *exec.Cmd) *bytes.Buffer {
	t.Helper()
	var stdout bytes.Buffer
	cmd.Stdin, cmd.Stderr, cmd.Stdout = term.Tty(), term.Tty(), &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return &stdout
}

// exitStatus waits for cmd and returns its exit status.
func exitStatus(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	err := cmd.Wait()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		return exit.ExitCode()
	default:
		t.Fatalf("careerpath did not finish: %v", err)
		return -1
	}
}

const (
	arrowUp   = "\x1b[A"
	arrowDown = "\x1b[B"
	enter     = "\r"
	ctrlC     = "\x03"
	esc       = "\x1b"
)

func TestInteractiveAdviseWritesOnlyTheJSONToStdout(t *testing.T) {
	term := ptytest.New(t)
	cmd := careerpath(t, nil, "advise", "--json", "--start", "2027-01-04")
	stdout := onTerminal(t, term, cmd)

	term.Expect("Role:")
	term.Expect("Engineering Manager") // the whole list is drawn
	term.Type("eng")
	term.Expect("eng")
	term.Type(arrowUp) // from the first match up to the last: Engineering Manager
	term.Type(enter)

	term.Expect("Years of experience (0 to 60, such as 4, 6.5 or 5+):")
	term.Type("61" + enter)
	term.Expect(`Sorry, your reply was invalid: years "61" is more than 60; give a number from 0 to 60`)
	term.Expect("Years of experience (0 to 60, such as 4, 6.5 or 5+):")
	term.Type("10" + enter)

	term.Expect("Team accountability:")
	term.Expect("Multi-team accountability")
	term.Type(arrowDown + arrowDown + enter)

	var status int
	term.Wait(func() { status = exitStatus(t, cmd) })
	if status != 0 {
		t.Errorf("exit %d, want 0", status)
	}
	assertTerminalRestored(t, term)
	screen := term.Screen()
	for _, line := range []string{"? Role: Engineering Manager", "? Years of experience (0 to 60, such as 4, 6.5 or 5+): 10", "? Team accountability: Multi-team"} {
		if !strings.Contains(screen, line) {
			t.Errorf("screen lacks %q:\n%s", line, screen)
		}
	}

	var plan struct {
		Input struct {
			Years float64 `json:"years"`
		} `json:"input"`
		Role           struct{ ID string } `json:"role"`
		Accountability struct{ ID string } `json:"accountability"`
		Level          struct{ ID string } `json:"level"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &plan); err != nil {
		t.Fatalf("stdout is not only JSON: %v\n%q", err, stdout.String())
	}
	if plan.Role.ID != "engineering-manager" || plan.Input.Years != 10 || plan.Accountability.ID != "multi-team" {
		t.Errorf("answers reached the advisor as %+v", plan)
	}
	if plan.Level.ID != "advanced" {
		t.Errorf("level %q, want advanced", plan.Level.ID)
	}
	if strings.Contains(stdout.String(), "\x1b") {
		t.Errorf("escape codes on stdout: %q", stdout.String())
	}
}

func TestInterruptedAtAPromptExits130(t *testing.T) {
	for _, c := range []struct {
		name   string
		args   []string
		prompt string
		key    string
	}{
		{"Ctrl-C at years", []string{"--role", "SRE"}, "Years of experience", ctrlC},
		{"Esc at years", []string{"--role", "SRE"}, "Years of experience", esc},
		{"Ctrl-C at role", nil, "Engineering Manager", ctrlC},
		{"Esc at accountability", []string{"--role", "SRE", "--years", "4"}, "Multi-team accountability", esc},
	} {
		t.Run(c.name, func(t *testing.T) {
			term := ptytest.New(t)
			cmd := careerpath(t, nil, append([]string{"advise", "--json"}, c.args...)...)
			stdout := onTerminal(t, term, cmd)
			term.Expect(c.prompt)
			term.Type(c.key)
			var status int
			term.Wait(func() { status = exitStatus(t, cmd) })
			if status != 130 || stdout.Len() != 0 {
				t.Errorf("exit %d, stdout %q; want 130 and nothing", status, stdout.String())
			}
			assertTerminalRestored(t, term)
			screen := term.Screen()
			if !strings.Contains(screen, "careerpath: interrupted") {
				t.Errorf("screen:\n%s", screen)
			}
			if c.args != nil && strings.Contains(screen, "Role:") {
				t.Errorf("asked for the role given as a flag:\n%s", screen)
			}
		})
	}
}

func TestMissingAnswersWithoutPromptingExit2(t *testing.T) {
	for _, c := range []struct {
		name       string
		env        []string
		args       []string
		pipedStdin bool
		why        string
	}{
		{"piped stdin", nil, nil, true, "stdin is not a terminal"},
		{"--no-input", nil, []string{"--no-input"}, false, "no-input is set by flag --no-input"},
		{"CAREERPATH_NO_INPUT=1", []string{"CAREERPATH_NO_INPUT=1"}, nil, false, "no-input is set by env CAREERPATH_NO_INPUT"},
	} {
		t.Run(c.name, func(t *testing.T) {
			term := ptytest.New(t)
			cmd := careerpath(t, c.env, append([]string{"advise", "--role", "SRE"}, c.args...)...)
			var stdout bytes.Buffer
			cmd.Stdin, cmd.Stderr, cmd.Stdout = term.Tty(), term.Tty(), &stdout
			if c.pipedStdin {
				// a pipe that is never written nor closed: reading it would hang
				r, w, err := os.Pipe()
				if err != nil {
					t.Fatal(err)
				}
				defer r.Close()
				defer w.Close()
				cmd.Stdin = r
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			var status int
			term.Wait(func() { status = exitStatus(t, cmd) })
			output := term.Close()
			if status != 2 || stdout.Len() != 0 {
				t.Errorf("exit %d, stdout %q; want 2 and nothing", status, stdout.String())
			}
			want := "careerpath: missing answers: pass --years, --accountability (" + c.why
			if !strings.Contains(output, want) {
				t.Errorf("stderr %q lacks %q", output, want)
			}
			if strings.Contains(output, "\x1b") {
				t.Errorf("escape codes on stderr: %q", output)
			}
		})
	}
}

var sgr = regexp.MustCompile(`\x1b\[[0-9;]*m`)

func TestPromptColourFollowsNoColor(t *testing.T) {
	for _, c := range []struct {
		env   []string
		color bool
	}{
		{nil, true},
		{[]string{"NO_COLOR=1"}, false},
		{[]string{"TERM=dumb"}, false},
	} {
		t.Run(strings.Join(c.env, " "), func(t *testing.T) {
			term := ptytest.New(t)
			cmd := careerpath(t, c.env, "advise")
			onTerminal(t, term, cmd)
			drawn := term.Expect("Engineering Manager")
			term.Type(esc)
			term.Wait(func() { exitStatus(t, cmd) })
			term.Close()
			if got := sgr.MatchString(drawn); got != c.color {
				t.Errorf("colour %v, want %v: %q", got, c.color, drawn)
			}
		})
	}
}

// assertTerminalRestored checks that careerpath gave the terminal back as
// it found it (echo and line editing on, cursor shown), then closes it.
func assertTerminalRestored(t *testing.T, term *ptytest.Terminal) {
	t.Helper()
	if !term.Usable() {
		t.Error("terminal left without echo or line editing")
	}
	term.Close()
	if !term.CursorVisible() {
		t.Error("cursor left hidden")
	}
}
