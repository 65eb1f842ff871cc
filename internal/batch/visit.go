package batch

import (
	"context"
	"io"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
)

// AdvisedRow is one data row of a staff CSV after advising.
type AdvisedRow struct {
	Line int // the row's first physical line in the input
	// Fields are the row's cells, as many as the header (padded/cut as
	// batch does). The slice is reused once visit returns. Under Visit its
	// strings may be kept (each keeps the text of its chunk of rows
	// alive); under VisitChunks they may not.
	Fields []string
	// Rec is the row's recommendation, nil when the row was rejected or
	// when Options.Derive is set; it is shared between rows with the same
	// answers, so it is read-only.
	Rec *advisor.Recommendation
	// Derived is what Options.Derive made of the row's recommendation,
	// shared like Rec (and between rows whose years differ within a
	// band, see Options.Derive); nil when the row was rejected or without
	// Derive.
	Derived any
	// Column and Message say why the row was rejected: the header name of
	// the culprit ("" for the row's shape) and the reason. A row with
	// several bad answers gives its first, as batch's JSON "error" does.
	Column, Message string
	// Problems are every reason the row was rejected, the first one
	// included; shared between rows with the same answers, so read-only.
	Problems []Problem
	// OutOfScope says the title map marks the row's title as outside the
	// catalog's track: the row is neither advised nor rejected, and Column
	// and Message say so.
	OutOfScope bool
}

// Rejected reports whether the row could not be advised; a rejected row
// has at least one problem.
func (r AdvisedRow) Rejected() bool { return len(r.Problems) > 0 }

// advisedRow is a row's line and outcome; its Fields come later (see
// fillCells).
func advisedRow(line int, o *outcome) AdvisedRow {
	row := AdvisedRow{Line: line, Rec: o.rec, Derived: o.derived, OutOfScope: o.encoded.OutOfScope}
	if len(o.problems) > 0 {
		row.Column, row.Message = o.problems[0].Column, o.problems[0].Message
		if !row.OutOfScope {
			row.Problems = o.problems
		}
	}
	return row
}

// Visit reads a staff CSV under batch's input rules (opts.Delimiter,
// opts.Columns, opts.Start; opts.Format ignored), advises every row on all
// cores as Run does, and calls visit for each row in input order from a
// single goroutine. header is the header row as read. A *HeaderError means
// visit was never called. An error from visit stops the run and is
// returned.
//
// It is the one way the commands that read staff lists advise them: the
// same reader, workers and caches as Run, with a sink that hands rows to
// Go code instead of writing bytes.
func Visit(ctx context.Context, cat *catalog.Loaded, in io.Reader, opts Options,
	begin func(header []string) error, visit func(AdvisedRow) error) (Summary, error) {
	return visitRuns(ctx, cat, in, opts, begin, func(rows []AdvisedRow) error {
		for _, row := range rows {
			if err := visit(row); err != nil {
				return err
			}
		}
		return nil
	})
}

// VisitChunks is Visit handing the rows a run at a time (a chunk of the
// input, some hundreds of rows), whose cells are lent: each is a view of
// the input's buffer, valid only until visit returns, so a visitor copies
// what it keeps. The rows are not copied for it first.
func VisitChunks(ctx context.Context, cat *catalog.Loaded, in io.Reader, opts Options,
	begin func(header []string) error, visit func([]AdvisedRow) error) (Summary, error) {
	opts.lendCells = true
	return visitRuns(ctx, cat, in, opts, begin, visit)
}

func visitRuns(ctx context.Context, cat *catalog.Loaded, in io.Reader, opts Options,
	begin func(header []string) error, visit func([]AdvisedRow) error) (Summary, error) {
	chunkBytes := visitChunkSize
	if opts.Derive != nil {
		chunkBytes = ChunkBytes
	}
	return run(ctx, cat, in, opts, chunkBytes, func(l *layout, _ Options) (RowEncoder, sink) {
		return nil, &visitSink{header: l.header, onBegin: begin, onRows: visit}
	})
}

// visitChunkSize is smaller than CSV's chunks because a visited row holds
// its recommendation, some 3 KB, and when every row's answers differ each
// row in flight holds its own: chunks of 16 KB keep that to a few MB. With
// Options.Derive a row holds no recommendation, and chunks are the default.
const visitChunkSize = 16 << 10

// visitMaxDecided bounds each worker's cache of recommendations under
// Visit: a recommendation is some fifty times a CSV row's cached cells,
// and 2,048 of them keep a file of all-different answers to some 6 MB per
// worker. bandMaxDecided bounds it under Options.Derive, whose
// derivations are small, and under Run, whose decisions share their
// class's encoded part (see outcomes.banded): 16,384 holds every decision
// of a generated staff list in the default catalog (role matches x
// accountabilities x month counts to the next level), where 2,048 would
// be cleared over and over.
const (
	visitMaxDecided = 2048
	bandMaxDecided  = 1 << 14
)

// visitRows are a chunk's rows and the array their Fields share, which
// the pipeline recycles once the rows have been visited, so that a
// visited row costs no allocation but its share of the chunk's text.
type visitRows struct {
	rows  []AdvisedRow
	cells []string
	// lent is the input buffer the cells are views of, under
	// Options.lendCells, which goes back to its pool with the rows.
	lent *[]byte
}

// putVisit recycles the rows, dropping their references first so that a
// pooled array keeps no recommendation or text alive.
func (p *pools) putVisit(v *visitRows) {
	clear(v.rows)
	clear(v.cells)
	if v.lent != nil {
		p.putIn(v.lent)
		v.lent = nil
	}
	p.visit.Put(v)
}

func (p *pools) getVisit() *visitRows {
	if v, ok := p.visit.Get().(*visitRows); ok {
		v.rows, v.cells = v.rows[:0], v.cells[:0]
		return v
	}
	return &visitRows{}
}

// add appends a row and its cells, padded or cut to width as batch does.
// An unquoted cell is a substring of text, the chunk's data as a string,
// where rec.at says it starts (data holds it at offset from the chunk's
// start), so that a row's cells cost no copy or allocation; a quoted one
// was unescaped, so it is copied.
func (v *visitRows) add(row AdvisedRow, rec *record, text string, offset, width int) {
	v.rows = append(v.rows, row)
	for i := range width {
		switch {
		case i >= len(rec.fields):
			v.cells = append(v.cells, "")
		case rec.at[i] < 0:
			v.cells = append(v.cells, string(rec.fields[i]))
		default:
			start := offset + rec.at[i]
			v.cells = append(v.cells, text[start:start+len(rec.fields[i])])
		}
	}
}

// setFields points each row's Fields at its cells, once they stop moving.
func (v *visitRows) setFields(width int) {
	for i := range v.rows {
		v.rows[i].Fields = v.cells[i*width : (i+1)*width : (i+1)*width]
	}
}

// visitSink hands the rows to the visitor, in order.
type visitSink struct {
	header  [][]byte
	onBegin func([]string) error
	onRows  func([]AdvisedRow) error
}

func (s *visitSink) begin() error {
	header := make([]string, len(s.header))
	for i, h := range s.header {
		header[i] = string(h)
	}
	return s.onBegin(header)
}

func (s *visitSink) write(c *chunk) error {
	if len(c.visit.rows) == 0 {
		return nil
	}
	return s.onRows(c.visit.rows)
}

func (s *visitSink) end() error { return nil }
