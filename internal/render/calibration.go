package render

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/calibrate"
	"github.com/careerpath/careerpath/internal/catalog"

	"github.com/careerpath/careerpath/internal/text"
)

// CalibrationFormats lists calibration's formats, the default first.
var CalibrationFormats = []Format{CSV, NDJSON, JSON, Table, Markdown, HTML}

// CalibrationFormatNames returns calibration's format names.
func CalibrationFormatNames() []string { return formatNames(CalibrationFormats) }

// ParseCalibrationFormat checks calibration's --format value.
func ParseCalibrationFormat(s string) (Format, error) { return parseFormat(s, CalibrationFormats) }

// CalibrationSchemaVersion is the version of the calibration record
// contract (data/schema/calibration.schema.json).
const CalibrationSchemaVersion = "1.0"

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
}

// Calibration writes the join's records in the chosen format and returns
// their summary; the human formats (table, markdown, html) begin with it,
// and CSV counts it while it writes.
func Calibration(w io.Writer, f Format, j *calibrate.Join, opt CalibrationOptions) (calibrate.Summary, error) {
	if f == CSV {
		return calibrationCSV(w, j, opt)
	}
	sum, err := j.Summarise(opt.By != "")
	if err != nil {
		return calibrate.Summary{}, err
	}
	switch f {
	case NDJSON, JSON:
		err = calibrationJSON(w, f == JSON, j, opt)
	case Table, Markdown:
		err = calibrationText(w, f == Markdown, j, sum, opt)
	default:
		err = calibrationHTML(w, j, sum, opt)
	}
	return sum, err
}

// calibrationCSVColumns are the CSV output's columns; group only with --by.
func calibrationCSVColumns(by bool) []string {
	cols := []string{"key"}
	if by {
		cols = append(cols, "group")
	}
	return append(cols, "status", "self_row", "manager_row", "self_level", "self_level_order",
		"manager_level", "manager_level_order", "delta", "differs",
		"self_role", "manager_role", "self_years", "manager_years",
		"self_accountability", "manager_accountability", "error")
}

// calibrationCSV writes the records and counts them in one pass, on
// every core: blocks of records are written into buffers at the same
// time and copied out in order, a bounded number in flight.
func calibrationCSV(w io.Writer, j *calibrate.Join, opt CalibrationOptions) (calibrate.Summary, error) {
	// Numbers are careerpath's own, never a formula: a delta of -1 stays a
	// number for the spreadsheet.
	textCells, numberCells := newCellWriter(opt.Delimiter, opt.Raw), newCellWriter(opt.Delimiter, true)
	var header []byte
	for i, col := range calibrationCSVColumns(opt.By != "") {
		if i > 0 {
			header = append(header, opt.Delimiter)
		}
		header = numberCells.appendCell(header, col)
	}
	if _, err := w.Write(append(header, '\n')); err != nil {
		return calibrate.Summary{}, err
	}
	encoded := encodeCells(j.Cells(), textCells.appendCell)
	total := j.NewTally(opt.By != "")
	inFlight := make(chan chan csvBlock, 2*runtime.GOMAXPROCS(0))
	// Written blocks' buffers are reused, as many as can be in flight.
	free := make(chan []byte, cap(inFlight)+1)
	stop := make(chan struct{})
	go func() {
		defer close(inFlight)
		for from := 0; from < j.Positions(); from += csvBlockPositions {
			done := make(chan csvBlock, 1)
			select {
			case inFlight <- done:
			case <-stop:
				return
			}
			var buf []byte
			select {
			case buf = <-free:
			default:
				buf = make([]byte, 0, csvBlockBytes)
			}
			go func() {
				done <- writeCSVBlock(j, opt, textCells.appendCell, numberCells.appendCell, encoded, from, min(from+csvBlockPositions, j.Positions()), buf)
			}()
		}
	}()
	var err error
	for done := range inFlight {
		b := <-done
		if err == nil {
			if err = b.err; err == nil {
				_, err = w.Write(b.text)
				total.Merge(b.tally)
				free <- b.text[:0]
			}
			if err != nil {
				close(stop)
			}
		}
	}
	if err != nil {
		return calibrate.Summary{}, err
	}
	return total.Summary(), nil
}

// csvBlockPositions is how many join positions a block writes: some
// 800 KB of CSV, so that the blocks in flight stay a few MB.
const csvBlockPositions = 8 << 10

// csvBlockBytes is a block buffer's first size: most records' lines are
// under 128 bytes.
const csvBlockBytes = 128 * csvBlockPositions

// encodeCells encodes each answer's distinct cells once, so that a
// record's answer cells are copied rather than checked and quoted.
func encodeCells(distinct [3][]string, cell CellAppender) [3][]string {
	var encoded [3][]string
	for a, cells := range distinct {
		encoded[a] = make([]string, len(cells))
		for i, v := range cells {
			encoded[a][i] = string(cell(nil, v))
		}
	}
	return encoded
}

// encodedCell is an assessment's encoded cell of one answer; empty
// without one.
func encodedCell(encoded [3][]string, a *calibrate.Assessment, answer int) string {
	if a == nil {
		return ""
	}
	return encoded[answer][a.Cells[answer]]
}

// levelCells are a level's two cells in a CSV record.
type levelCells struct {
	level advisor.LevelRef
	cells string
}

// maxLevelOrder bounds the orders whose cells a block keeps: a catalog's
// levels are numbered from 1.
const maxLevelOrder = 64

// csvBlock is a block of records written as CSV, and their counts.
type csvBlock struct {
	text  []byte
	tally *calibrate.Tally
	err   error
}

// writeCSVBlock writes the records at positions from up to to after buf.
// encoded are the join's answer cells as CSV cells.
// text and number append a text cell and a number cell.
func writeCSVBlock(j *calibrate.Join, opt CalibrationOptions, text, number CellAppender, encoded [3][]string, from, to int, buf []byte) csvBlock {
	b := csvBlock{tally: j.NewTally(opt.By != "")}
	var differences differsCache
	line := buf
	// first is true before a record's first cell; every other cell follows
	// a delimiter, whether or not the cells before it are empty.
	first := true
	cells := func(appendCell CellAppender, values ...string) {
		for _, v := range values {
			if !first {
				line = append(line, opt.Delimiter)
			}
			first = false
			line = appendCell(line, v)
		}
	}
	// put appends a cell encoded already, after its delimiter: every cell
	// but the key has one.
	put := func(cell string) { line = append(append(line, opt.Delimiter), cell...) }
	// statuses and deltas are the cells of each, encoded once.
	statuses, deltas := map[calibrate.Status]string{}, map[int]string{}
	noDelta := string(number(nil, ""))
	// A row number's digits are appended as they are, with no string made
	// for them, when the number writer leaves digits as they are (it
	// would quote them were the delimiter a digit).
	plainDigits := string(number(nil, "0123456789")) == "0123456789"
	row := func(a *calibrate.Assessment) {
		switch {
		case a == nil || !plainDigits:
			cells(number, rowText(a))
		default:
			line = strconv.AppendInt(append(line, opt.Delimiter), int64(a.Row), 10)
		}
	}
	// levels are the level and order cells of each level, encoded once,
	// by order: a catalog has a handful of levels, and the join a copy of
	// one in each of its outcomes, so a level is found by its order and
	// checked by value. noLevel is the two cells empty.
	noLevel := string(number(append(text(nil, ""), opt.Delimiter), ""))
	var levels []levelCells
	level := func(a *calibrate.Assessment) string {
		if a == nil || a.Level == nil {
			return noLevel
		}
		l := *a.Level
		if l.Order >= 0 && l.Order < len(levels) && levels[l.Order].level == l {
			return levels[l.Order].cells
		}
		cells := string(number(append(text(nil, l.Name), opt.Delimiter), strconv.Itoa(l.Order)))
		if l.Order >= 0 && l.Order < maxLevelOrder {
			if l.Order >= len(levels) {
				levels = append(levels, make([]levelCells, l.Order+1-len(levels))...)
			}
			levels[l.Order] = levelCells{l, cells}
		}
		return cells
	}
	b.err = j.RecordsIn(from, to, false, func(r *calibrate.Record) error {
		b.tally.Add(r)
		first = true
		cells(text, r.Key)
		if opt.By != "" {
			cells(text, r.Group)
		}
		status, ok := statuses[r.Status]
		if !ok {
			status = string(number(nil, string(r.Status)))
			statuses[r.Status] = status
		}
		put(status)
		row(r.Self)
		row(r.Manager)
		put(level(r.Self))
		put(level(r.Manager))
		delta := noDelta
		if r.Status.Complete() {
			if delta, ok = deltas[r.Delta]; !ok {
				delta = string(number(nil, deltaText(r, false)))
				deltas[r.Delta] = delta
			}
		}
		put(delta)
		put(differences.cell(r, text))
		for i := range 3 {
			put(encodedCell(encoded, r.Self, i))
			put(encodedCell(encoded, r.Manager, i))
		}
		cells(text, errorsText(r))
		line = append(line, '\n')
		return nil
	})
	b.text = line
	return b
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

func (c *differsCache) cell(r *calibrate.Record, text CellAppender) string {
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
		cell := string(text(nil, differs(r)))
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
func errorsText(r *calibrate.Record) string {
	parts := make([]string, len(r.Errors))
	for i, e := range r.Errors {
		if e.Column == "" {
			parts[i] = fmt.Sprintf("%s line %d: %s", e.Side, e.Row, e.Message)
		} else {
			parts[i] = fmt.Sprintf("%s line %d, column %q: %s", e.Side, e.Row, e.Column, e.Message)
		}
	}
	return strings.Join(parts, "; ")
}

// calibrationRecord is one NDJSON line: the contract of
// data/schema/calibration.schema.json.
type calibrationRecord struct {
	SchemaVersion string            `json:"schema_version"`
	Key           string            `json:"key"`
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

func newCalibrationRecord(r *calibrate.Record, by bool, cache recommendationCache) (calibrationRecord, error) {
	out := calibrationRecord{SchemaVersion: CalibrationSchemaVersion, Key: r.Key, Status: r.Status,
		Differences: make([]difference, len(r.Differences)), Errors: make([]rejection, len(r.Errors))}
	if by {
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
	err := j.Records(true, func(r *calibrate.Record) error {
		rec, err := newCalibrationRecord(r, opt.By != "", cache)
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
