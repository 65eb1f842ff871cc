package batch

import (
	"bytes"
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/text"
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
	layout *layout
	idAt   int // -1 when every column is an answer
}

func newTableEncoder(l *layout) *tableEncoder {
	return &tableEncoder{layout: l, idAt: firstPassThrough(l)}
}

func firstPassThrough(l *layout) int {
	for i := range l.width {
		answer := false
		for _, at := range l.index {
			answer = answer || at == i
		}
		if !answer {
			return i
		}
	}
	return -1
}

func (e *tableEncoder) advised(rec *advisor.Recommendation) *outcome {
	next := "-"
	if rec.NextLevel != nil {
		next = rec.NextLevel.Name
	}
	b := appendTableCell(nil, []byte(rec.Level.Name))
	b = appendTableCell(b, []byte(next))
	b = appendTableCell(b, []byte(rec.Plan.Start+" to "+rec.Plan.End))
	return &outcome{encoded: appendTableCell(b, nil)}
}

func (e *tableEncoder) rejected(problems []Problem) []byte {
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

func (e *tableEncoder) row(dst []byte, line int, fields [][]byte, o *outcome, _ []byte) []byte {
	dst = appendInt(dst, line)
	if e.idAt >= 0 {
		dst = appendTableCell(dst, field(fields, e.idAt))
	}
	for _, at := range e.layout.index[:startAt] {
		dst = appendTableCell(dst, field(fields, at))
	}
	dst = append(dst, o.encoded...)
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

// tableSink streams rows into a table with fixed column widths, so that
// it needs no second pass and keeps no rows; or, on a terminal narrower
// than that table, as records (see text.WriteRecords).
type tableSink struct {
	table *tablewriter.Table
	head  []string
	// records is set when the rows are written as records to out, which
	// wraps them to width; started says a record has been written.
	records bool
	out     io.Writer
	width   int
	started bool
}

func newTableSink(w io.Writer, l *layout, width int) *tableSink {
	head := []string{"Line"}
	widths := []int{6}
	if at := firstPassThrough(l); at >= 0 {
		head = append(head, text.Sanitize(string(l.header[at])))
		widths = append(widths, 12)
	}
	for _, at := range l.index[:startAt] {
		head = append(head, text.Sanitize(string(l.header[at])))
	}
	head = append(head, "Level", "Next level", "Plan", "Error")
	widths = append(widths, 22, 7, 16, 14, 14, 26, 40)
	for i, h := range head {
		widths[i] = max(widths[i], runewidth.StringWidth(h)+2) // a header is never cut
	}
	if tableWidth := sum(widths[:len(head)]) + len(head) + 1; width > 0 && tableWidth > width {
		return &tableSink{head: head, records: true, out: w, width: width}
	}
	perColumn := tw.NewMapper[int, int]()
	for i, wd := range widths {
		perColumn.Set(i, wd)
	}
	table := tablewriter.NewTable(w,
		tablewriter.WithConfig(tablewriter.Config{Widths: tw.CellWidth{PerColumn: perColumn}}),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithStreaming(tw.StreamConfig{Enable: true}),
	)
	return &tableSink{table: table, head: head}
}

func sum(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

func (s *tableSink) begin() error {
	if s.records {
		return nil
	}
	if err := s.table.Start(); err != nil {
		return err
	}
	s.table.Header(s.head)
	return nil
}

func (s *tableSink) write(c *chunk) error {
	chunk := *c.out
	if s.records {
		return s.writeRecords(chunk)
	}
	for len(chunk) > 0 {
		row, rest, _ := bytes.Cut(chunk, []byte{recordSep})
		chunk = rest
		if err := s.table.Append(cells(row)); err != nil {
			return err
		}
	}
	return nil
}

func (s *tableSink) writeRecords(chunk []byte) error {
	var rows [][]string
	for len(chunk) > 0 {
		row, rest, _ := bytes.Cut(chunk, []byte{recordSep})
		chunk = rest
		rows = append(rows, cells(row))
	}
	if len(rows) == 0 {
		return nil
	}
	if s.started {
		if _, err := io.WriteString(s.out, "\n"); err != nil {
			return err
		}
	}
	s.started = true
	return text.WriteRecords(s.out, s.width, s.head, rows)
}

// cells splits an encoded row, escaping what a terminal would obey.
func cells(row []byte) []string {
	fields := bytes.Split(row, []byte{unitSep})
	out := make([]string, len(fields))
	for i, c := range fields {
		out[i] = text.Sanitize(string(c))
	}
	return out
}

func (s *tableSink) end() error {
	if s.records {
		return nil
	}
	return s.table.Close()
}
