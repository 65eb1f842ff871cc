package render

import (
	"bytes"
	"io"
	"slices"
	"strings"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/batch"
)

// The table view travels from workers to the sink as cells separated by
// unitSep, rows ended by recordSep; control characters in cells become
// spaces, so neither separator can occur in a value.
const (
	unitSep   = 0x1f
	recordSep = 0x1e
)

// tableEncoder picks the compact columns: line, the first passed-through
// column (usually an id), the answers, and the outcome.
type tableEncoder struct {
	idAt    int   // -1 when every column is an answer
	answers []int // where the answers are
}

func newTableEncoder(h *batch.Header) *tableEncoder {
	return &tableEncoder{idAt: firstPassThrough(h), answers: answerColumns(h)}
}

// answerColumns are where a row's answers are, in the table's order.
func answerColumns(h *batch.Header) []int { return []int{h.Role, h.Years, h.Accountability} }

func firstPassThrough(h *batch.Header) int {
	for i := range h.Cells {
		if !slices.Contains(answerColumns(h), i) && i != h.Start {
			return i
		}
	}
	return -1
}

func (e *tableEncoder) Advised(rec *advisor.Recommendation) batch.Encoded {
	next := "-"
	if rec.NextLevel != nil {
		next = rec.NextLevel.Name
	}
	b := appendTableCell(nil, []byte(rec.Level.Name))
	b = appendTableCell(b, []byte(next))
	b = appendTableCell(b, []byte(rec.Plan.Start+" to "+rec.Plan.End))
	return batch.Encoded{Head: appendTableCell(b, nil)}
}

func (e *tableEncoder) Rejected(problems []batch.Problem) []byte {
	parts := make([]string, len(problems))
	for i, p := range problems {
		parts[i] = p.Message
		if p.Column != "" {
			parts[i] = p.Column + ": " + p.Message
		}
	}
	b := appendTableCell(nil, nil)
	b = appendTableCell(b, nil)
	b = appendTableCell(b, nil)
	return appendTableCell(b, []byte(strings.Join(parts, "; ")))
}

// OutOfScope writes the row with "out of scope" for its level and why.
func (e *tableEncoder) OutOfScope(p batch.Problem) []byte {
	b := appendTableCell(nil, []byte("out of scope"))
	b = appendTableCell(b, nil)
	b = appendTableCell(b, nil)
	return appendTableCell(b, []byte(p.Message))
}

func (e *tableEncoder) AppendRow(dst []byte, line int, fields [][]byte, o *batch.Encoded, _ []byte) []byte {
	dst = appendInt(dst, line)
	if e.idAt >= 0 {
		dst = appendTableCell(dst, field(fields, e.idAt))
	}
	for _, at := range e.answers {
		dst = appendTableCell(dst, field(fields, at))
	}
	dst = append(dst, o.Head...)
	return append(dst, recordSep)
}

func field(fields [][]byte, at int) []byte {
	if at < len(fields) {
		return fields[at]
	}
	return nil
}

// appendTableCell appends a separator and the cell, control characters
// replaced by spaces.
func appendTableCell(dst, cell []byte) []byte {
	dst = append(dst, unitSep)
	for _, c := range cell {
		if c < 0x20 || c == 0x7f {
			c = ' '
		}
		dst = append(dst, c)
	}
	return dst
}

// tableSink keeps the encoded rows and writes them at the end as every
// table view is written (see writeTable): a table needs every row to size
// its columns so that no word is cut, nor a redirected table wrapped. The
// rows are kept as encoded, some tens of bytes each.
type tableSink struct {
	w     io.Writer
	width int
	head  []string
	rows  []byte
}

func newTableSink(w io.Writer, h *batch.Header, width int) *tableSink {
	head := []string{"Line"}
	if at := firstPassThrough(h); at >= 0 {
		head = append(head, h.Cells[at])
	}
	for _, at := range answerColumns(h) {
		head = append(head, h.Cells[at])
	}
	head = append(head, "Level", "Next level", "Plan", "Error")
	return &tableSink{w: w, width: width, head: head}
}

func (s *tableSink) Begin() error { return nil }

func (s *tableSink) Write(rows []byte) error {
	s.rows = append(s.rows, rows...)
	return nil
}

func (s *tableSink) End() error {
	var rows [][]string
	for chunk := s.rows; len(chunk) > 0; {
		row, rest, _ := bytes.Cut(chunk, []byte{recordSep})
		chunk = rest
		rows = append(rows, strings.Split(string(row), string(rune(unitSep))))
	}
	s.rows = nil
	return writeTable(s.w, false, s.width, s.head, rows)
}
