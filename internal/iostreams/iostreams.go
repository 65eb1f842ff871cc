// Package iostreams holds a command's standard streams and what is known
// about them: which are terminals, how wide stdout is, whether colour and
// prompts are allowed.
package iostreams

import (
	"io"
	"os"

	"golang.org/x/term"
)

// Colour modes of the color setting.
const (
	ColorAuto   = "auto"
	ColorAlways = "always"
	ColorNever  = "never"
)

// ColorModes lists the colour modes, for the setting's check and its
// completion.
func ColorModes() []string { return []string{ColorAuto, ColorAlways, ColorNever} }

// IOStreams are a command's standard streams and what is known about them.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	InTTY, OutTTY, ErrTTY bool
	// TerminalWidth is stdout's width in columns when it is a terminal, for
	// tables to fit; 0 otherwise.
	TerminalWidth int

	// NeverPrompt is the no-input setting (--no-input, CAREERPATH_NO_INPUT
	// or the config file); NeverPromptBy says which, for the error.
	NeverPrompt   bool
	NeverPromptBy string

	// Getenv reads the environment; tests pass a map-backed function.
	Getenv func(string) string

	// Color is the colour setting: auto (also when empty), always or never.
	Color string
}

// System returns the process's streams.
func System() *IOStreams {
	s := &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		InTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		ErrTTY: term.IsTerminal(int(os.Stderr.Fd())),
		Getenv: os.Getenv,
	}
	if s.OutTTY {
		if width, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil {
			s.TerminalWidth = width
		}
	}
	return s
}

// ColorEnabled reports whether stdout may carry ANSI styling: as the
// colour setting says, or in auto mode only on a terminal and never with
// NO_COLOR set (https://no-color.org, which lets an explicit setting win).
func (s *IOStreams) ColorEnabled() bool {
	return s.colorOn(s.OutTTY)
}

// ErrColorEnabled reports whether stderr, where prompts are drawn, may
// carry ANSI styling.
func (s *IOStreams) ErrColorEnabled() bool {
	return s.colorOn(s.ErrTTY)
}

func (s *IOStreams) colorOn(tty bool) bool {
	switch s.Color {
	case ColorAlways:
		return true
	case ColorNever:
		return false
	}
	return tty && s.Getenv("NO_COLOR") == "" && s.Getenv("TERM") != "dumb"
}

// CanPrompt reports whether careerpath may ask for missing answers.
func (s *IOStreams) CanPrompt() bool {
	return s.WhyNoPrompt() == ""
}

// WhyNoPrompt says why careerpath cannot ask, or is empty when it can.
// Prompts read keys from stdin and draw on stderr, so both must be
// terminals; stdout may be redirected.
func (s *IOStreams) WhyNoPrompt() string {
	switch {
	case s.NeverPrompt:
		return "no-input is set by " + s.NeverPromptBy
	case !s.InTTY:
		return "stdin is not a terminal"
	case !s.ErrTTY:
		return "stderr is not a terminal"
	}
	return ""
}
