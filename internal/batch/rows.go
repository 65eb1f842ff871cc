package batch

import (
	"context"
	"io"

	"github.com/careerpath/careerpath/internal/advisor"
)

// Row is one data record of a staff list, read by batch's rules: the
// same header names, --column choices, delimiter and CSV dialect.
type Row struct {
	// Line is the physical line the record starts on, from 1.
	Line int
	// Answers are the row's answer cells; empty when Shape is set.
	Answers advisor.Answers
	// Shape says why the row's cells cannot be read (a field count other
	// than the header's), or is empty.
	Shape string
}

// ReadRows reads a staff list's header, then calls each for every record
// in order, one at a time, stopping at the first error each returns. It
// is for commands that look at answers without advising them (such as
// `titles suggest`); Run is the fast path for advising.
func ReadRows(ctx context.Context, in io.Reader, opts Options, each func(Row) error) error {
	if opts.Delimiter == 0 {
		opts.Delimiter = ','
	}
	r := &reader{in: in, parser: recordParser{delim: opts.Delimiter}, chunkSize: chunkSize(CSV)}
	header, err := r.header()
	if err != nil {
		return err
	}
	l, err := newLayout(header, opts.Columns)
	if err != nil {
		return err
	}
	var rec record
	for size := r.chunkSize; ; {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.fill(size); err != nil {
			return err
		}
		n, lines, status := r.parser.next(r.buf, r.atEOF, &rec)
		switch status {
		case parsedEnd:
			return nil
		case needMore:
			size = 2 * cap(r.buf)
			continue
		}
		if err := each(l.row(r.line+rec.line, rec.fields)); err != nil {
			return err
		}
		// fill starts a fresh buffer once this one is used up.
		r.buf, r.line, size = r.buf[n:], r.line+lines, r.chunkSize
	}
}

// row copies a record's answers out of the parser's buffers.
func (l *layout) row(line int, fields [][]byte) Row {
	if len(fields) != l.width {
		return Row{Line: line, Shape: shapeMessage(len(fields), l.width)}
	}
	return Row{Line: line, Answers: advisor.Answers{
		Role:           string(fields[l.index[roleAt]]),
		Years:          string(fields[l.index[yearsAt]]),
		Accountability: string(fields[l.index[accountabilityAt]]),
	}}
}
