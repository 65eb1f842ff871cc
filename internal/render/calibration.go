package render

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/calibrate"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/text"
)

// CalibrationFormats lists calibration's formats, the default first.
var CalibrationFormats = []Format{CSV, NDJSON, JSON, Table, Markdown, HTML, XLSX}

// CalibrationFormatNames returns calibration's format names.
func CalibrationFormatNames() []string { return formatNames(CalibrationFormats) }

// ParseCalibrationFormat checks calibration's --format value.
func ParseCalibrationFormat(s string) (Format, error) { return parseFormat(s, CalibrationFormats) }

// CalibrationSchemaVersion is the version of the calibration record
// contract (data/schema/calibration.schema.json).
const CalibrationSchemaVersion = "1.1"

// CellAppender appends one CSV cell to dst.
type CellAppender func(dst []byte, cell string) []byte

// CalibrationOptions say how to write a calibration.
type CalibrationOptions struct {
	// By is the --by column, "" without it: records then have no group.
	By string
	// Delimiter separates the CSV output's cells; Raw turns off the
	// spreadsheet formula guard on its text cells, as batch's --raw does.
	Delimiter byte
	Raw       bool
	// Files name SELF and MANAGER; Catalog is the policy applied. The human
	// formats print them so a stored report says what made it.
	Files   [2]string
	Catalog catalog.Source
	Width   int // as in Options
	// Labels are the label columns' names (calibrate.Config.Labels),
	// which head the records' label cells.
	Labels []string
	// Statuses are the statuses whose records are written (--status), none
	// for every status; the summary counts every record.
	Statuses calibrate.StatusSet
	// MinGroup is --min-group, which the summary's hidden groups name;
	// NoPeople leaves the records out of table, Markdown and HTML.
	MinGroup int
	NoPeople bool
}

// Kept is the set of statuses whose records are written.
func (o CalibrationOptions) Kept() calibrate.StatusSet {
	if o.Statuses == 0 {
		return calibrate.AllStatuses()
	}
	return o.Statuses
}

// filtered reports whether --status leaves some statuses out.
func (o CalibrationOptions) filtered() bool { return o.Kept() != calibrate.AllStatuses() }

// Calibration writes the join's records in one of the formats that begin
// with their summary or carry whole recommendations: every format but
// CSV, which streams (see CalibrationCSV).
func Calibration(w io.Writer, f Format, j *calibrate.Join, sum calibrate.Summary, opt CalibrationOptions) error {
	switch f {
	case NDJSON, JSON:
		return calibrationJSON(w, f == JSON, j, opt)
	case Table, Markdown:
		return calibrationText(w, f == Markdown, j, sum, opt)
	case HTML:
		return calibrationHTML(w, j, sum, opt)
	}
	return fmt.Errorf("calibration format %q is written by CalibrationCSV's encoders, not Calibration", f)
}

// calibrationCSVColumns are the CSV output's columns: the key, a column
// per label named as the label column (label_NAME should the name be one
// of the output's own), group only with --by, then the record's.
func calibrationCSVColumns(labels []string, by bool) []string {
	own := calibrationRecordColumns()
	cols := []string{"key"}
	for _, l := range labels {
		if l == "key" || l == "group" || slices.Contains(own, l) {
			l = "label_" + l
		}
		cols = append(cols, l)
	}
	if by {
		cols = append(cols, "group")
	}
	return append(cols, own...)
}

// calibrationRecordColumns are the CSV columns after the key, labels and
// group.
func calibrationRecordColumns() []string {
	return []string{"status", "self_row", "manager_row", "self_level", "self_level_order",
		"manager_level", "manager_level_order", "delta", "differs",
		"self_role", "manager_role", "self_years", "manager_years",
		"self_accountability", "manager_accountability", "error"}
}

// CalibrationCSV writes a join's records as CSV: its header, then the
// records through encoders that calibrate.Join.Stream runs a block each.
type CalibrationCSV struct {
	opt CalibrationOptions
	// cell appends a text cell and number one of careerpath's own numbers,
	// quoted as needed by the cell writer of batch's CSV, so that every CSV
	// careerpath writes is guarded alike. A number is never a formula: a delta of -1
	// stays a number for the spreadsheet.
	cell, number CellAppender
	// text is cell's writer, for a cell made in a buffer.
	text *cellWriter
	// encoded are the join's first distinct answer cells as CSV cells.
	encoded [3][]string
}

// CellSource is where a join keeps its distinct answer cells
// (calibrate.Join).
type CellSource interface {
	CellCount(answer int) int
	Cell(answer int, i int32) string
}

// NewCalibrationCSV returns the CSV writer of a join's records, whose
// distinct answer cells are in cells.
func NewCalibrationCSV(cells CellSource, opt CalibrationOptions) *CalibrationCSV {
	text := newCellWriter(opt.Delimiter, opt.Raw)
	c := &CalibrationCSV{opt: opt, cell: text.appendCell, text: text,
		number: newCellWriter(opt.Delimiter, true).appendCell}
	c.encoded = encodeCells(cells, c.cell)
	return c
}

// Header is the CSV's first line.
func (c *CalibrationCSV) Header() []byte {
	var header []byte
	for i, col := range calibrationCSVColumns(c.opt.Labels, c.opt.By != "") {
		if i > 0 {
			header = append(header, c.opt.Delimiter)
		}
		header = c.number(header, col)
	}
	return append(header, '\n')
}

// NewEncoder returns an encoder of records as CSV lines, for one block of
// records: its caches are its own.
func (c *CalibrationCSV) NewEncoder() calibrate.RecordEncoder {
	number := c.number
	return &csvEncoder{CalibrationCSV: c, deltas: map[int]string{},
		noDelta: string(number(nil, "")),
		// A row number's digits are appended as they are, with no string
		// made for them, when the number writer leaves digits as they are
		// (it would quote them were the delimiter a digit).
		plainDigits: string(number(nil, "0123456789")) == "0123456789",
		noLevel:     string(number(append(c.cell(nil, ""), c.opt.Delimiter), "")),
	}
}

// maxEncodedCells bounds the cells of an answer encoded ahead: a staff
// list spells an answer a few dozen ways, each encoded once, but a file
// whose every cell differs would double the join's memory in encoded
// copies. The cells after these are encoded as records are written.
const maxEncodedCells = 1 << 14

// encodeCells encodes each answer's first distinct cells once, so that a
// record's answer cells are copied rather than checked and quoted.
func encodeCells(distinct CellSource, cell CellAppender) [3][]string {
	var encoded [3][]string
	for a := range encoded {
		encoded[a] = make([]string, min(distinct.CellCount(a), maxEncodedCells))
		for i := range encoded[a] {
			encoded[a][i] = string(cell(nil, distinct.Cell(a, int32(i))))
		}
	}
	return encoded
}

// putAnswer appends an assessment's cell of one answer, after its
// delimiter; empty without one.
func (e *csvEncoder) putAnswer(a *calibrate.Assessment, answer int) {
	switch {
	case a == nil:
		e.put("")
	case a.Cells[answer] >= 0 && int(a.Cells[answer]) < len(e.encoded[answer]):
		e.put(e.encoded[answer][a.Cells[answer]])
	default:
		e.cells(e.cell, [3]string{a.Answers.Role, a.Answers.Years, a.Answers.Accountability}[answer])
	}
}

// levelCells are a level's two cells in a CSV record.
type levelCells struct {
	level advisor.LevelRef
	cells string
}

// maxLevelOrder bounds the orders whose cells a block keeps: a catalog's
// levels are numbered from 1.
const maxLevelOrder = 64

// csvEncoder appends records as CSV lines. Numbers are careerpath's
// own, never a formula: a delta of -1 stays a number for the spreadsheet.
type csvEncoder struct {
	*CalibrationCSV
	line []byte
	// first is true before a record's first cell; every other cell
	// follows a delimiter, whether or not the cells before it are empty.
	first bool
	// statuses and deltas are the cells of each, encoded once: the
	// statuses in a list, where a handful are found without hashing
	// their names for every record.
	statuses    []statusCell
	deltas      map[int]string
	noDelta     string
	plainDigits bool
	differences differsCache
	// levels are the level and order cells of each level, encoded once,
	// by order: a catalog has a handful of levels, and the join a copy of
	// one in each of its outcomes, so a level is found by its order and
	// checked by value. noLevel is the two cells empty.
	levels  []levelCells
	noLevel string
	// errors is the error cell's text, made in a buffer kept between
	// records.
	errors []byte
}

// AppendRecord appends a record's line to dst.
func (e *csvEncoder) AppendRecord(dst []byte, r *calibrate.Record) []byte {
	textCell, numberCell := e.cell, e.number
	e.line, e.first = dst, true
	e.cells(textCell, r.Key)
	e.cells(textCell, r.Labels...)
	if e.opt.By != "" {
		e.cells(textCell, r.Group)
	}
	e.put(e.status(r.Status))
	e.row(r.Self)
	e.row(r.Manager)
	e.put(e.level(r.Self))
	e.put(e.level(r.Manager))
	delta := e.noDelta
	if r.Status.Complete() {
		var ok bool
		if delta, ok = e.deltas[r.Delta]; !ok {
			delta = string(numberCell(nil, deltaText(r, false)))
			e.deltas[r.Delta] = delta
		}
	}
	e.put(delta)
	e.put(e.differences.cell(r, textCell))
	for i := range 3 {
		e.putAnswer(r.Self, i)
		e.putAnswer(r.Manager, i)
	}
	e.errors = appendErrors(e.errors[:0], r)
	e.line = e.text.cell(append(e.line, e.opt.Delimiter), e.errors)
	line := append(e.line, '\n')
	e.line = nil
	return line
}

// statusCell is a status and its cell.
type statusCell struct {
	status calibrate.Status
	cell   string
}

// status is a status's cell.
func (e *csvEncoder) status(st calibrate.Status) string {
	for _, c := range e.statuses {
		if c.status == st {
			return c.cell
		}
	}
	cell := string(e.number(nil, string(st)))
	e.statuses = append(e.statuses, statusCell{st, cell})
	return cell
}

func (e *csvEncoder) cells(appendCell CellAppender, values ...string) {
	for _, v := range values {
		if !e.first {
			e.line = append(e.line, e.opt.Delimiter)
		}
		e.first = false
		e.line = appendCell(e.line, v)
	}
}

// put appends a cell encoded already, after its delimiter: every cell
// but the key has one.
func (e *csvEncoder) put(cell string) { e.line = append(append(e.line, e.opt.Delimiter), cell...) }

func (e *csvEncoder) row(a *calibrate.Assessment) {
	if a == nil || !e.plainDigits {
		e.cells(e.number, rowText(a))
		return
	}
	e.line = strconv.AppendInt(append(e.line, e.opt.Delimiter), int64(a.Row), 10)
}

func (e *csvEncoder) level(a *calibrate.Assessment) string {
	if a == nil || a.Level == nil {
		return e.noLevel
	}
	l := *a.Level
	if l.Order >= 0 && l.Order < len(e.levels) && e.levels[l.Order].level == l {
		return e.levels[l.Order].cells
	}
	cells := string(e.number(append(e.cell(nil, l.Name), e.opt.Delimiter), strconv.Itoa(l.Order)))
	if l.Order >= 0 && l.Order < maxLevelOrder {
		if l.Order >= len(e.levels) {
			e.levels = append(e.levels, make([]levelCells, l.Order+1-len(e.levels))...)
		}
		e.levels[l.Order] = levelCells{l, cells}
	}
	return cells
}

func rowText(a *calibrate.Assessment) string {
	if a == nil {
		return ""
	}
	return strconv.Itoa(a.Row)
}

func levelName(a *calibrate.Assessment) string {
	if a == nil || a.Level == nil {
		return ""
	}
	return a.Level.Name
}

// deltaText is the delta of a compared record; signed writes +1 for 1.
func deltaText(r *calibrate.Record, signed bool) string {
	switch {
	case !r.Status.Complete():
		return ""
	case signed:
		return signedNumber(r.Delta)
	default:
		return strconv.Itoa(r.Delta)
	}
}

// differsCache keeps the differs cell of each set of differing answers,
// encoded, by the set's bits: there are eight, and a record's costs no
// allocation.
type differsCache [8]*string

func (c *differsCache) cell(r *calibrate.Record, textCell CellAppender) string {
	set := 0
	for _, d := range r.Differences {
		switch d.Answer {
		case advisor.FieldRole:
			set |= 1
		case advisor.FieldYears:
			set |= 2
		default:
			set |= 4
		}
	}
	if c[set] == nil {
		cell := string(textCell(nil, differs(r)))
		c[set] = &cell
	}
	return *c[set]
}

// differs names the answers the two sides resolve differently, joined by ;.
func differs(r *calibrate.Record) string {
	names := make([]string, len(r.Differences))
	for i, d := range r.Differences {
		names[i] = d.Answer
	}
	return strings.Join(names, ";")
}

// errorsText says why a record was not compared, one clause per reason.
func errorsText(r *calibrate.Record) string { return string(appendErrors(nil, r)) }

// appendErrors appends errorsText's text. It is appended rather than
// formatted: on a staff list as HR writes it, where a title in two
// spells no catalog role, formatting each rejected record's reasons took
// a fifth of calibrate's time.
func appendErrors(dst []byte, r *calibrate.Record) []byte {
	for i, e := range r.Errors {
		if i > 0 {
			dst = append(dst, "; "...)
		}
		dst = append(dst, e.Side...)
		dst = strconv.AppendInt(append(dst, " line "...), int64(e.Row), 10)
		if e.Column != "" {
			dst = strconv.AppendQuote(append(dst, ", column "...), e.Column)
		}
		dst = append(append(dst, ": "...), e.Message...)
	}
	return dst
}

// calibrationRecord is one NDJSON line: the contract of
// data/schema/calibration.schema.json.
type calibrationRecord struct {
	SchemaVersion string            `json:"schema_version"`
	Key           string            `json:"key"`
	Labels        map[string]string `json:"labels"`
	Group         *string           `json:"group"`
	Status        calibrate.Status  `json:"status"`
	SelfRow       *int              `json:"self_row"`
	ManagerRow    *int              `json:"manager_row"`
	SelfLevel     *advisor.LevelRef `json:"self_level"`
	ManagerLevel  *advisor.LevelRef `json:"manager_level"`
	Delta         *int              `json:"delta"`
	Differences   []difference      `json:"differences"`
	Errors        []rejection       `json:"errors"`
	Self          json.RawMessage   `json:"self"`
	Manager       json.RawMessage   `json:"manager"`
}

type difference struct {
	Answer  string `json:"answer"`
	Self    string `json:"self"`
	Manager string `json:"manager"`
}

type rejection struct {
	Side    calibrate.Side `json:"side"`
	Row     int            `json:"row"`
	Column  string         `json:"column"`
	Message string         `json:"message"`
}

// recommendationCache keeps the JSON of recent recommendations: the join
// hands out the same recommendation for every row with the same answers,
// and encoding it once per row would be most of the work.
type recommendationCache map[*advisor.Recommendation]json.RawMessage

func (c recommendationCache) of(rec *advisor.Recommendation) (json.RawMessage, error) {
	if rec == nil {
		return json.RawMessage("null"), nil
	}
	if b, ok := c[rec]; ok {
		return b, nil
	}
	b, err := text.CompactJSON(rec)
	if err != nil {
		return nil, err
	}
	if len(c) >= 1<<12 {
		clear(c)
	}
	c[rec] = b
	return b, nil
}

func newCalibrationRecord(r *calibrate.Record, opt CalibrationOptions, cache recommendationCache) (calibrationRecord, error) {
	out := calibrationRecord{SchemaVersion: CalibrationSchemaVersion, Key: r.Key, Status: r.Status, Labels: make(map[string]string, len(r.Labels)),
		Differences: make([]difference, len(r.Differences)), Errors: make([]rejection, len(r.Errors))}
	for i, l := range r.Labels {
		out.Labels[opt.Labels[i]] = l
	}
	if opt.By != "" {
		g := r.Group
		out.Group = &g
	}
	if r.Status.Complete() {
		d := r.Delta
		out.Delta = &d
	}
	for i, d := range r.Differences {
		out.Differences[i] = difference{d.Answer, d.Self, d.Manager}
	}
	for i, e := range r.Errors {
		out.Errors[i] = rejection{e.Side, e.Row, e.Column, e.Message}
	}
	var err error
	for _, side := range []struct {
		a     *calibrate.Assessment
		row   **int
		level **advisor.LevelRef
		rec   *json.RawMessage
	}{{r.Self, &out.SelfRow, &out.SelfLevel, &out.Self}, {r.Manager, &out.ManagerRow, &out.ManagerLevel, &out.Manager}} {
		var rec *advisor.Recommendation
		if side.a != nil {
			row := side.a.Row
			*side.row, *side.level, rec = &row, side.a.Level, side.a.Rec
		}
		if *side.rec, err = cache.of(rec); err != nil {
			return out, err
		}
	}
	return out, nil
}

func calibrationJSON(w io.Writer, array bool, j *calibrate.Join, opt CalibrationOptions) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	cache := recommendationCache{}
	sep := ""
	if array {
		sep = "[\n"
	}
	count := 0
	keep := opt.Kept()
	err := j.Records(true, func(r *calibrate.Record) error {
		if !keep.Has(r.Status) {
			return nil
		}
		rec, err := newCalibrationRecord(r, opt, cache)
		if err != nil {
			return err
		}
		b, err := text.CompactJSON(rec)
		if err != nil {
			return err
		}
		if !array {
			b = append(b, '\n')
		}
		if _, err := bw.WriteString(sep); err != nil {
			return err
		}
		if array {
			sep = ",\n"
		}
		count++
		_, err = bw.Write(b)
		return err
	})
	if err != nil {
		return err
	}
	switch {
	case array && count == 0:
		_, err = bw.WriteString("[]\n")
	case array:
		_, err = bw.WriteString("\n]\n")
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}
