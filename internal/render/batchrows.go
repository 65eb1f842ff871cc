package render

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/text"
)

// topSpecialisations is how many specialisation ids the CSV output lists.
const topSpecialisations = 3

// BatchFormats lists the formats of `careerpath batch`, the default first.
var BatchFormats = []Format{CSV, NDJSON, JSON, Table, XLSX}

// BatchFormatNames returns the batch format names, for help and
// completion.
func BatchFormatNames() []string { return formatNames(BatchFormats) }

// ParseBatchFormat checks batch's --format value.
func ParseBatchFormat(s string) (Format, error) { return parseFormat(s, BatchFormats) }

// BatchOptions tune batch's rows.
type BatchOptions struct {
	// Raw turns off the spreadsheet formula guard on CSV cells.
	Raw bool
	// Width is the terminal's width for the table, 0 when the output is
	// not a terminal (see Options.Width).
	Width int
}

// BatchRows is batch's rows in one of BatchFormats, written to w: the
// encoder batch's workers run and the sink its in-order stage writes to.
// XLSX is not one: its rows are CSV's, without the formula guard, which
// Workbook makes a workbook of.
func BatchRows(w io.Writer, f Format, opts BatchOptions) batch.Output {
	return batchRows{w: w, format: f, opts: opts}
}

type batchRows struct {
	w      io.Writer
	format Format
	opts   BatchOptions
}

// ChunkBytes is smaller for JSON: a JSON row is some fifty times its CSV
// row, so smaller chunks keep the output buffers in flight as small as
// CSV's.
func (r batchRows) ChunkBytes() int {
	if r.format == NDJSON || r.format == JSON {
		return 8 << 10
	}
	return batch.ChunkBytes
}

func (r batchRows) Open(h *batch.Header) (batch.RowEncoder, batch.RowSink) {
	switch r.format {
	case NDJSON:
		return newJSONEncoder(h, false), plainSink{w: r.w}
	case JSON:
		return newJSONEncoder(h, true), &arraySink{w: r.w}
	case Table:
		return newTableEncoder(h), newTableSink(r.w, h, r.opts.Width)
	default:
		enc := &csvRowEncoder{cells: newCellWriter(h.Delimiter, r.opts.Raw), width: len(h.Cells)}
		return enc, plainSink{w: r.w, header: enc.header(h)}
	}
}

type csvRowEncoder struct {
	cells *cellWriter
	width int
}

func (e *csvRowEncoder) header(h *batch.Header) []byte {
	var b []byte
	for i, name := range append(slices.Clip(h.Names), h.Added...) {
		if i > 0 {
			b = append(b, e.cells.delim)
		}
		b = e.cells.cell(b, []byte(name))
	}
	return append(b, '\n')
}

// Advised encodes the added cells of an advised row, with its line end.
func (e *csvRowEncoder) Advised(rec *advisor.Recommendation) batch.Encoded {
	next, eligible := "", ""
	if rec.NextLevel != nil {
		next, eligible = rec.NextLevel.Name, rec.NextLevel.EligibleFrom
	}
	ids := make([]string, 0, topSpecialisations)
	for _, s := range rec.Specialisations[:min(topSpecialisations, len(rec.Specialisations))] {
		ids = append(ids, s.ID)
	}
	var b []byte
	for _, c := range []string{rec.Level.Name, strconv.Itoa(rec.Level.Order), next, rec.Plan.Start, rec.Plan.End, strings.Join(ids, ";"), "", eligible, batch.StatusAdvised} {
		b = append(b, e.cells.delim)
		b = e.cells.cell(b, []byte(c))
	}
	return batch.Encoded{Head: append(b, '\n')}
}

// Rejected encodes the error cell after its line number, with the line
// end: the cell's text is "line N" and then errorTail. Whether the cell
// is quoted is decided here, once, for every line number: so the tail
// counts as needing quotes when any byte a "line N" prefix can hold does
// (a delimiter such as '4' or 'e'). A quoted tail ends with the closing
// quote; then come the columns after the error column, empty but for the
// status.
func (e *csvRowEncoder) Rejected(problems []batch.Problem) []byte {
	tail := appendErrorTail(nil, problems)
	quoted := false
	for _, c := range append([]byte(lineNumberBytes), tail...) {
		quoted = quoted || e.cells.special[c]
	}
	if quoted {
		if bytes.IndexByte(tail, '"') >= 0 {
			tail = bytes.ReplaceAll(tail, []byte(`"`), []byte(`""`))
		}
		tail = append(tail, '"')
	}
	for range columnsAfterError() {
		tail = append(tail, e.cells.delim)
	}
	return append(append(tail, batch.StatusRejected...), '\n')
}

// OutOfScope encodes the added cells of a row outside the track: all
// empty but the status; the reason is NDJSON's.
func (e *csvRowEncoder) OutOfScope(batch.Problem) []byte {
	var b []byte
	for range batch.OutputColumns {
		b = append(b, e.cells.delim)
	}
	return append(append(b, batch.StatusOutOfScope...), '\n')
}

// lineNumberBytes are the bytes an error cell's "line N" prefix is made of.
const lineNumberBytes = "line 0123456789"

// columnsAfterError is how many added columns follow the error column:
// those added after it in later contract versions.
func columnsAfterError() int {
	return len(batch.OutputColumns) - 1 - slices.Index(batch.OutputColumns, "error")
}

func (e *csvRowEncoder) AppendRow(dst []byte, line int, fields [][]byte, o *batch.Encoded, _ []byte) []byte {
	for i := range e.width {
		if i > 0 {
			dst = append(dst, e.cells.delim)
		}
		if i < len(fields) {
			dst = e.cells.cell(dst, fields[i])
		}
	}
	if !o.Rejected {
		return append(dst, o.Head...)
	}
	// The error cell is "line N" and the cached tail; the columns after it
	// are empty but for the status.
	after := columnsAfterError()
	for range len(batch.OutputColumns) - after {
		dst = append(dst, e.cells.delim)
	}
	if n, end := len(o.Head), 2+after+len(batch.StatusRejected); n >= end && o.Head[n-end] == '"' {
		dst = append(dst, '"')
	}
	dst = appendInt(append(dst, "line "...), line)
	return append(dst, o.Head...)
}

// appendErrorTail appends a rejected row's error text after its line
// number: each Problem's column and reason.
func appendErrorTail(dst []byte, problems []batch.Problem) []byte {
	for i, p := range problems {
		switch {
		case i > 0 && p.Column != "":
			dst = strconv.AppendQuote(append(dst, "; column "...), p.Column)
			dst = append(dst, ": "...)
		case i > 0:
			dst = append(dst, "; "...)
		case p.Column != "":
			dst = strconv.AppendQuote(append(dst, ", column "...), p.Column)
			dst = append(dst, ": "...)
		default:
			dst = append(dst, ": "...)
		}
		dst = append(dst, p.Message...)
	}
	return dst
}

// jsonEncoder writes each row as {"row", "record", ...}: the full
// recommendation, or "error" for a rejected row. A recommendation is
// cached in two parts around the value of its "input" member, the answers
// as spelled, which each row writes itself.
type jsonEncoder struct {
	role, accountability int      // where a row's answers are
	keys                 [][]byte // `"name":` for each header cell
	array                bool     // rows are array elements, not lines
}

func newJSONEncoder(h *batch.Header, array bool) *jsonEncoder {
	e := &jsonEncoder{role: h.Role, accountability: h.Accountability, array: array}
	for _, name := range h.Names {
		e.keys = append(e.keys, append(text.AppendJSONString(nil, name), ':'))
	}
	return e
}

// Advised encodes the recommendation's members, without the opening
// brace, split around the value of "input".
func (e *jsonEncoder) Advised(rec *advisor.Recommendation) batch.Encoded {
	full := encodeJSON(rec)
	before, after, found := bytes.Cut(full[1:], []byte(`"input":`))
	input := appendInput(nil, []byte(rec.Input.Role), encodeJSON(rec.Input.Years), []byte(rec.Input.Accountability))
	if !found || !bytes.HasPrefix(after, input) || !bytes.Equal(encodeJSON(rec.Input), input) {
		panic("render: the recommendation's input no longer encodes as appendInput writes it")
	}
	return batch.Encoded{Head: append(before, `"input":`...), Tail: after[len(input):]}
}

// appendInput writes advisor.Input as encoding/json does.
func appendInput(dst, role, years, acc []byte) []byte {
	dst = append(dst, `{"role":`...)
	dst = text.AppendJSONString(dst, role)
	dst = append(dst, `,"years":`...)
	dst = append(dst, years...)
	dst = append(dst, `,"accountability":`...)
	dst = text.AppendJSONString(dst, acc)
	return append(dst, '}')
}

// encodeJSON is text.CompactJSON of a value that always encodes: plain
// structs of strings and numbers.
func encodeJSON(v any) []byte {
	b, err := text.CompactJSON(v)
	if err != nil {
		panic(err)
	}
	return b
}

// Rejected writes "error": the first Problem's column and message, as
// the 1.0 contract has them, then every Problem.
func (e *jsonEncoder) Rejected(problems []batch.Problem) []byte {
	b := appendProblem(append([]byte(`"error":`), '{'), problems[0])
	b = append(b, `,"problems":[`...)
	for i, p := range problems {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendProblem(append(b, '{'), p), '}')
	}
	return append(b, "]}}"...)
}

// OutOfScope writes "out_of_scope": the role column and why.
func (e *jsonEncoder) OutOfScope(p batch.Problem) []byte {
	return append(appendProblem(append([]byte(`"out_of_scope":`), '{'), p), "}}"...)
}

func appendProblem(dst []byte, p batch.Problem) []byte {
	dst = append(dst, `"column":`...)
	dst = text.AppendJSONString(dst, p.Column)
	dst = append(dst, `,"message":`...)
	return text.AppendJSONString(dst, p.Message)
}

func (e *jsonEncoder) AppendRow(dst []byte, line int, fields [][]byte, o *batch.Encoded, years []byte) []byte {
	if e.array {
		dst = append(dst, ",\n"...)
	}
	dst = append(dst, `{"row":`...)
	dst = appendInt(dst, line)
	dst = append(dst, `,"record":{`...)
	for i := range min(len(fields), len(e.keys)) {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, e.keys[i]...)
		dst = text.AppendJSONString(dst, fields[i])
	}
	dst = append(dst, "},"...)
	dst = append(dst, o.Head...)
	if !o.Rejected && !o.OutOfScope {
		dst = appendInput(dst, fields[e.role], years, fields[e.accountability])
		dst = append(dst, o.Tail...)
	}
	if !e.array {
		dst = append(dst, '\n')
	}
	return dst
}

// plainSink writes an optional header, then the chunks as they are.
type plainSink struct {
	w      io.Writer
	header []byte
}

func (s plainSink) Begin() error {
	_, err := s.w.Write(s.header)
	return err
}

func (s plainSink) Write(rows []byte) error {
	_, err := s.w.Write(rows)
	return err
}

func (s plainSink) End() error { return nil }

// arraySink wraps the rows in a JSON array. Every row is encoded with a
// leading ",\n", which the first one drops.
type arraySink struct {
	w     io.Writer
	empty bool
}

func (s *arraySink) Begin() error {
	s.empty = true
	_, err := io.WriteString(s.w, "[")
	return err
}

func (s *arraySink) Write(rows []byte) error {
	if len(rows) == 0 {
		return nil
	}
	if s.empty {
		rows = rows[1:]
		s.empty = false
	}
	_, err := s.w.Write(rows)
	return err
}

func (s *arraySink) End() error {
	tail := "\n]\n"
	if s.empty {
		tail = "]\n"
	}
	_, err := io.WriteString(s.w, tail)
	return err
}
