// Package prompt asks a person questions on a terminal. Commands depend on
// the Prompter interface only; Survey, the one implementation, is the only
// code in careerpath that imports the survey library, so replacing that
// archived library touches this package alone.
package prompt

import (
	"errors"
	"strings"
)

// ErrInterrupted means the person pressed Ctrl-C or Esc at a prompt.
var ErrInterrupted = errors.New("interrupted")

// Option is one choice in a Select: the label to pick and a hint shown
// beside it.
type Option struct {
	Label string
	Hint  string
	// Keywords are other names typing finds the option by, as it finds
	// the label: ignoring case, anywhere in the word.
	Keywords []string
	// Resolves, if set, keeps the option in view for a typed answer it
	// accepts although no name contains it (such as a job title).
	Resolves func(typed string) bool
}

// Matches reports whether the option stays in view for the typed filter.
func (o Option) Matches(typed string) bool {
	t := strings.ToLower(typed)
	if strings.Contains(strings.ToLower(o.Label), t) {
		return true
	}
	for _, k := range o.Keywords {
		if strings.Contains(strings.ToLower(k), t) {
			return true
		}
	}
	return o.Resolves != nil && o.Resolves(typed)
}

// Prompter asks questions. Both methods return ErrInterrupted when the
// person gives up.
type Prompter interface {
	// Select asks for one of the options, which typing filters (see
	// Option.Matches), and returns the index of the chosen one.
	Select(message string, options []Option) (int, error)
	// Input asks for a line of text. An answer validate refuses is shown
	// with the reason and the question is asked again.
	Input(message string, validate func(string) error) (string, error)
}
