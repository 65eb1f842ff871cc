package prompt

import (
	"errors"
	"fmt"
	"io"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/terminal"

	"github.com/careerpath/careerpath/internal/text"
)

// maxPageSize caps how many options a Select shows at once: small lists
// show whole, and a 24-row terminal keeps room for the answers above.
const maxPageSize = 12

// Survey is a Prompter on a terminal, built on survey/v2.
type Survey struct {
	in    io.Reader
	out   io.Writer
	color func() bool
}

// NewSurvey returns a Prompter that reads keys from in and draws on out;
// both must be terminal files (with a file descriptor). Prompts are drawn
// in colour only when color says so, asked at each prompt because the
// colour setting is resolved after the prompter is built.
func NewSurvey(in io.Reader, out io.Writer, color func() bool) *Survey {
	return &Survey{in: in, out: out, color: color}
}

// Select implements Prompter.
func (s *Survey) Select(message string, options []Option) (int, error) {
	// Labels and hints come from the catalog: no raw control characters.
	labels := make([]string, len(options))
	for i, o := range options {
		labels[i] = text.Sanitize(o.Label)
	}
	q := &survey.Select{
		Message:     text.Sanitize(message),
		Options:     labels,
		Description: func(_ string, i int) string { return text.Sanitize(options[i].Hint) },
		Filter:      func(typed, _ string, i int) bool { return options[i].Matches(typed) },
		PageSize:    min(len(options), maxPageSize),
	}
	var answer survey.OptionAnswer
	if err := s.ask(q, &answer); err != nil {
		return 0, err
	}
	return answer.Index, nil
}

// Input implements Prompter.
func (s *Survey) Input(message string, validate func(string) error) (string, error) {
	var answer string
	check := func(v any) error { return validate(v.(string)) }
	if err := s.ask(&survey.Input{Message: text.Sanitize(message)}, &answer, survey.WithValidator(check)); err != nil {
		return "", err
	}
	return answer, nil
}

func (s *Survey) ask(q survey.Prompt, answer any, opts ...survey.AskOpt) error {
	in, ok := s.in.(terminal.FileReader)
	if !ok {
		return errors.New("cannot prompt: the input is not a terminal")
	}
	out, ok := s.out.(terminal.FileWriter)
	if !ok {
		return errors.New("cannot prompt: the output is not a terminal")
	}
	if !s.color() {
		out = &withoutColor{FileWriter: out}
	}
	opts = append(opts, survey.WithStdio(escapeInterrupts{in}, out, out))
	err := survey.AskOne(q, answer, opts...)
	if errors.Is(err, terminal.InterruptErr) {
		return ErrInterrupted
	}
	if err != nil {
		return fmt.Errorf("prompt: %w", err)
	}
	return nil
}
