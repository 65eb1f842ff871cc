package cmdutil

import (
	"errors"
	"fmt"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/plan"
)

// Exit codes; documented in `careerpath --help` and docs/integrators.md.
const (
	ExitOK          = 0
	ExitError       = 1
	ExitUsage       = 2
	ExitRejected    = 3
	ExitInterrupted = 130
)

const ExitStatusHelp = `EXIT STATUS
  0    success
  1    unexpected error (a bug, or output that could not be written in full)
  2    invalid usage or input: a bad flag, setting, answer, catalog or CSV header,
       or unreadable input; nothing is written to stdout (batch: a record over
       1 MiB stops the run after the rows before it; report and calibrate
       write nothing)
  3    batch, report or calibrate finished, but some rows were rejected or
       unmatched (the output says which and why)
  129  stopped by SIGHUP (128 plus the signal's number, as a shell reports it)
  130  interrupted (Ctrl-C or SIGINT, or Esc at a prompt)
  143  stopped by SIGTERM
  With -o FILE, a failure or a stop leaves FILE as it was and removes the
  temporary file.`

// UsageError is invalid usage or input: exit 2.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func UsageErrorf(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// RejectedRowsError means a command read every row but some were
// rejected: exit 3.
type RejectedRowsError struct {
	Rejected, Read int
	// Listed says where the rejected rows' reasons are; batch's rows carry
	// their own when it is empty.
	Listed string
}

func (e *RejectedRowsError) Error() string {
	listed := e.Listed
	if listed == "" {
		listed = "each says why in its error column or field"
	}
	return fmt.Sprintf("%d of %d %s rejected; %s", e.Rejected, e.Read, plural(e.Read, "row"), listed)
}

// UnmatchedRecordsError means calibrate wrote every record but some were
// not compared (only on one side, or rejected): exit 3.
type UnmatchedRecordsError struct{ Unmatched, Records int }

func (e *UnmatchedRecordsError) Error() string {
	return fmt.Sprintf("%d of %d %s not compared (only in one file, or rejected); each says why in its status and error",
		e.Unmatched, e.Records, plural(e.Records, "record"))
}

// ErrInterrupted means the user stopped the command: exit 130.
var ErrInterrupted = errors.New("interrupted")

// ExitCode maps an error to the process exit status; it is the only place
// that does.
func ExitCode(err error) int {
	var (
		usage    *UsageError
		input    *advisor.InputError
		invalid  *catalog.Error
		titles   *catalog.TitlesError
		config   *ConfigError
		header   *batch.HeaderError
		record   *batch.RecordError
		rejected *RejectedRowsError
		unpaired *UnmatchedRecordsError
		signal   *SignalError
		plans    *plan.InputError
	)
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &signal):
		return 128 + signal.number()
	case errors.Is(err, ErrInterrupted):
		return ExitInterrupted
	case errors.As(err, &usage), errors.As(err, &input), errors.As(err, &invalid), errors.As(err, &titles), errors.As(err, &config), errors.As(err, &header),
		errors.As(err, &record), errors.As(err, &plans):
		return ExitUsage
	case errors.As(err, &rejected), errors.As(err, &unpaired):
		return ExitRejected
	default:
		return ExitError
	}
}
