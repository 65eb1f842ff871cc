package batch

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/text"
)

// OutputColumns are the columns the CSV output adds after the input's;
// one whose name an input column has gets a "careerpath_" prefix.
// next_level_eligible_from came after error in schema 1.1: appending keeps
// the columns before it where they were.
var OutputColumns = []string{"level", "level_order", "next_level", "plan_start", "plan_end", "specialisations", "error", "next_level_eligible_from"}

// topSpecialisations is how many specialisation ids the CSV output lists.
const topSpecialisations = 3

// encoder encodes rows in workers. advised and rejected encode the part of
// a row that depends only on its answers, once per distinct answers; row
// appends a whole row around that part.
type encoder interface {
	advised(rec *advisor.Recommendation) *outcome
	rejected(problems []Problem) []byte
	// row appends a row; years is its years answer as JSON.
	row(dst []byte, line int, fields [][]byte, o *outcome, years []byte) []byte
}

// sink writes the encoded chunks, in order, between a start and an end.
type sink interface {
	begin() error
	write(c *chunk) error
	end() error
}

// newFormat returns the encoder and sink of a format.
func newFormat(f Format, l *layout, opts Options, w io.Writer) (encoder, sink) {
	switch f {
	case NDJSON:
		enc := newJSONEncoder(l, false)
		return enc, plainSink{w: w}
	case JSON:
		enc := newJSONEncoder(l, true)
		return enc, &arraySink{w: w}
	case Table:
		return newTableEncoder(l), newTableSink(w, l, opts.Width)
	default:
		enc := &csvEncoder{cells: newCellWriter(opts.Delimiter, opts.Raw), width: l.width}
		return enc, plainSink{w: w, header: enc.header(l)}
	}
}

type csvEncoder struct {
	cells *cellWriter
	width int
}

func (e *csvEncoder) header(l *layout) []byte {
	var b []byte
	for i, name := range append(slices.Clip(l.names), l.addedNames()...) {
		if i > 0 {
			b = append(b, e.cells.delim)
		}
		b = e.cells.cell(b, []byte(name))
	}
	return append(b, '\n')
}

// advised encodes the added cells of an advised row, with its line end.
func (e *csvEncoder) advised(rec *advisor.Recommendation) *outcome {
	next, eligible := "", ""
	if rec.NextLevel != nil {
		next, eligible = rec.NextLevel.Name, rec.NextLevel.EligibleFrom
	}
	ids := make([]string, 0, topSpecialisations)
	for _, s := range rec.Specialisations[:min(topSpecialisations, len(rec.Specialisations))] {
		ids = append(ids, s.ID)
	}
	var b []byte
	for _, c := range []string{rec.Level.Name, strconv.Itoa(rec.Level.Order), next, rec.Plan.Start, rec.Plan.End, strings.Join(ids, ";"), "", eligible} {
		b = append(b, e.cells.delim)
		b = e.cells.cell(b, []byte(c))
	}
	return &outcome{encoded: append(b, '\n')}
}

// rejected encodes the error cell after its line number, with the line
// end: the cell's text is "line N" and then errorTail. Whether the cell
// is quoted is decided here, once, for every line number: so the tail
// counts as needing quotes when any byte a "line N" prefix can hold does
// (a delimiter such as '4' or 'e'). A quoted tail ends with the closing
// quote; then come the (empty) columns after the error column.
func (e *csvEncoder) rejected(problems []Problem) []byte {
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
	return append(tail, '\n')
}

// lineNumberBytes are the bytes an error cell's "line N" prefix is made of.
const lineNumberBytes = "line 0123456789"

// columnsAfterError is how many added columns follow the error column:
// those added after it in later contract versions.
func columnsAfterError() int {
	return len(OutputColumns) - 1 - slices.Index(OutputColumns, "error")
}

func (e *csvEncoder) row(dst []byte, line int, fields [][]byte, o *outcome, _ []byte) []byte {
	for i := range e.width {
		if i > 0 {
			dst = append(dst, e.cells.delim)
		}
		if i < len(fields) {
			dst = e.cells.cell(dst, fields[i])
		}
	}
	if !o.rejected {
		return append(dst, o.encoded...)
	}
	// The error cell is "line N" and the cached tail; the columns after it
	// stay empty.
	after := columnsAfterError()
	for range len(OutputColumns) - after {
		dst = append(dst, e.cells.delim)
	}
	if n := len(o.encoded); n >= 2+after && o.encoded[n-2-after] == '"' {
		dst = append(dst, '"')
	}
	dst = appendInt(append(dst, "line "...), line)
	return append(dst, o.encoded...)
}

// appendErrorTail appends a rejected row's error text after its line
// number: each Problem's column and reason.
func appendErrorTail(dst []byte, problems []Problem) []byte {
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
	layout *layout
	keys   [][]byte // `"name":` for each header cell
	array  bool     // rows are array elements, not lines
}

func newJSONEncoder(l *layout, array bool) *jsonEncoder {
	e := &jsonEncoder{layout: l, array: array}
	for _, name := range l.names {
		e.keys = append(e.keys, append(text.AppendJSONString(nil, name), ':'))
	}
	return e
}

// advised encodes the recommendation's members, without the opening
// brace, split around the value of "input".
func (e *jsonEncoder) advised(rec *advisor.Recommendation) *outcome {
	full := encodeJSON(rec)
	before, after, found := bytes.Cut(full[1:], []byte(`"input":`))
	input := appendInput(nil, []byte(rec.Input.Role), encodeJSON(rec.Input.Years), []byte(rec.Input.Accountability))
	if !found || !bytes.HasPrefix(after, input) || !bytes.Equal(encodeJSON(rec.Input), input) {
		panic("batch: the recommendation's input no longer encodes as appendInput writes it")
	}
	return &outcome{encoded: append(before, `"input":`...), afterInput: after[len(input):]}
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

// rejected writes "error": the first Problem's column and message, as
// the 1.0 contract has them, then every Problem.
func (e *jsonEncoder) rejected(problems []Problem) []byte {
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

func appendProblem(dst []byte, p Problem) []byte {
	dst = append(dst, `"column":`...)
	dst = text.AppendJSONString(dst, p.Column)
	dst = append(dst, `,"message":`...)
	return text.AppendJSONString(dst, p.Message)
}

func (e *jsonEncoder) row(dst []byte, line int, fields [][]byte, o *outcome, years []byte) []byte {
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
	dst = append(dst, o.encoded...)
	if !o.rejected {
		ix := e.layout.index
		dst = appendInput(dst, fields[ix[roleAt]], years, fields[ix[accountabilityAt]])
		dst = append(dst, o.afterInput...)
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

func (s plainSink) begin() error {
	_, err := s.w.Write(s.header)
	return err
}

func (s plainSink) write(c *chunk) error {
	_, err := s.w.Write(*c.out)
	return err
}

func (s plainSink) end() error { return nil }

// arraySink wraps the rows in a JSON array. Every row is encoded with a
// leading ",\n", which the first one drops.
type arraySink struct {
	w     io.Writer
	empty bool
}

func (s *arraySink) begin() error {
	s.empty = true
	_, err := io.WriteString(s.w, "[")
	return err
}

func (s *arraySink) write(c *chunk) error {
	chunk := *c.out
	if len(chunk) == 0 {
		return nil
	}
	if s.empty {
		chunk = chunk[1:]
		s.empty = false
	}
	_, err := s.w.Write(chunk)
	return err
}

func (s *arraySink) end() error {
	tail := "\n]\n"
	if s.empty {
		tail = "]\n"
	}
	_, err := io.WriteString(s.w, tail)
	return err
}
