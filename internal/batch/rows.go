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
	src, l, err := openStaffList(in, opts, ChunkBytes)
	if err != nil {
		return err
	}
	defer src.close()
	parser := recordParser{delim: opts.Delimiter}
	var rec record
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, line, rows, err := src.next()
		if err != nil || len(data) == 0 {
			return err
		}
		for k := 0; ; k++ {
			n, lines, status := parser.next(data, true, &rec)
			if status != parsedRecord {
				break
			}
			recLine := line + rec.line
			if rows != nil {
				recLine = rows[k]
			}
			if err := each(l.row(recLine, rec.fields)); err != nil {
				return err
			}
			data, line = data[n:], line+lines
		}
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
