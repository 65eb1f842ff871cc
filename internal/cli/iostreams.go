package cli

import (
	"io"
	"os"
	"strconv"

	"golang.org/x/term"
)

// IOStreams are a command's standard streams and what is known about them.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	InTTY, OutTTY, ErrTTY bool

	// NeverPrompt is set by --no-input.
	NeverPrompt bool

	// Getenv reads the environment; tests pass a map-backed function.
	Getenv func(string) string
}

// System returns the process's streams.
func System() *IOStreams {
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		InTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		ErrTTY: term.IsTerminal(int(os.Stderr.Fd())),
		Getenv: os.Getenv,
	}
}

// ColorEnabled reports whether stdout may carry ANSI styling: only on a
// terminal, and never with NO_COLOR set (https://no-color.org).
func (s *IOStreams) ColorEnabled() bool {
	return s.OutTTY && s.Getenv("NO_COLOR") == "" && s.Getenv("TERM") != "dumb"
}

// ErrColorEnabled reports whether stderr, where prompts are drawn, may
// carry ANSI styling.
func (s *IOStreams) ErrColorEnabled() bool {
	return s.ErrTTY && s.Getenv("NO_COLOR") == "" && s.Getenv("TERM") != "dumb"
}

// NoInputEnv, when true, has the same effect as --no-input.
const NoInputEnv = "CAREERPATH_NO_INPUT"

// CanPrompt reports whether careerpath may ask for missing answers.
func (s *IOStreams) CanPrompt() bool {
	return s.whyNoPrompt() == ""
}

// whyNoPrompt says why careerpath cannot ask, or is empty when it can.
// Prompts read keys from stdin and draw on stderr, so both must be
// terminals; stdout may be redirected.
func (s *IOStreams) whyNoPrompt() string {
	switch {
	case s.NeverPrompt:
		return "--no-input is set"
	case envSet(s.Getenv(NoInputEnv)):
		return NoInputEnv + " is set"
	case !s.InTTY:
		return "stdin is not a terminal"
	case !s.ErrTTY:
		return "stderr is not a terminal"
	}
	return ""
}

// envSet reads a boolean variable: unset, empty, 0 and false are off, and
// so that a misspelt value never leaves a script waiting for keys,
// anything else is on.
func envSet(value string) bool {
	on, err := strconv.ParseBool(value)
	return value != "" && (on || err != nil)
}
