// Package prompt asks a person questions on a terminal. Commands depend on
// the Prompter interface only; Survey, the one implementation, is the only
// code in careerpath that imports the survey library, so replacing that
// archived library touches this package alone.
package prompt

import "errors"

// ErrInterrupted means the person pressed Ctrl-C or Esc at a prompt.
var ErrInterrupted = errors.New("interrupted")

// Option is one choice in a Select: the label to pick and a hint shown
// beside it.
type Option struct {
	Label string
	Hint  string
}

// Prompter asks questions. Both methods return ErrInterrupted when the
// person gives up.
type Prompter interface {
	// Select asks for one of the options, which typing filters by label,
	// and returns the index of the chosen one.
	Select(message string, options []Option) (int, error)
	// Input asks for a line of text. An answer validate refuses is shown
	// with the reason and the question is asked again.
	Input(message string, validate func(string) error) (string, error)
}
