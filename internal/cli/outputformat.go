package cli

import (
	"fmt"
	"io"

	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/render"
)

// outputFormat is the format a command writes to output (its -o file): a
// --format given on the command line wins, with a warning on errOut when
// the file's extension names another format; without one, the extension's
// format, when it names one the command writes (one it does not is an
// error); otherwise parse's, the setting's or the default. The extension
// goes before the setting: a format set in the environment or the config
// file is a standing preference, -o plan.ics what was asked for now.
func outputFormat(errOut io.Writer, output string, given bool, offered []render.Format, parse func() (render.Format, error)) (render.Format, error) {
	if !given {
		f, ok, err := render.FileFormat(output, offered)
		if err != nil {
			return "", &cmdutil.UsageError{Err: err}
		}
		if ok {
			return f, nil
		}
	}
	f, err := parse()
	if err == nil && given {
		if warning := render.FormatDisagreement(output, f); warning != "" {
			fmt.Fprintf(errOut, "careerpath: warning: %s\n", warning)
		}
	}
	return f, err
}

// staffListFormat is a staff-list command's output format, format being
// its --format value (see outputFormat).
func staffListFormat(s *cmdutil.StaffList, format string, offered []render.Format) (render.Format, error) {
	return outputFormat(s.IO.ErrOut, s.Output, s.FormatGiven, offered, func() (render.Format, error) {
		f, err := render.ParseFormatOf(format, offered)
		if err != nil {
			return "", &cmdutil.UsageError{Err: err}
		}
		return f, nil
	})
}
