package cli

import (
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are a command's standard streams and what is known about them.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	InTTY, OutTTY, ErrTTY bool

	// Getenv reads the environment; tests pass a map-backed function.
	Getenv func(string) string

	// Color is the colour setting: auto (also when empty), always or never.
	Color string
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

// ColorEnabled reports whether stdout may carry ANSI styling: as the
// colour setting says, or in auto mode only on a terminal and never with
// NO_COLOR set (https://no-color.org, which lets an explicit setting win).
func (s *IOStreams) ColorEnabled() bool {
	switch s.Color {
	case ColorAlways:
		return true
	case ColorNever:
		return false
	}
	return s.OutTTY && s.Getenv("NO_COLOR") == "" && s.Getenv("TERM") != "dumb"
}
