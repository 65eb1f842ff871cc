package sheet

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// sheetName is the name of the one sheet Writer writes.
const sheetName = "Sheet1"

// MaxCellChars is the most UTF-16 code units a cell holds in Excel; a
// longer text is refused rather than cut, as excelize would.
const MaxCellChars = excelize.TotalCellChars

// maxDigits is the most significant digits a number cell keeps in Excel:
// a longer number (an employee id, say) stays text, whole.
const maxDigits = 15

// Writer writes a workbook of one sheet: a header row, frozen, and rows
// whose cells are typed from their text (see WriteRow). It streams the
// rows through excelize's StreamWriter, which keeps them in a temporary
// file past a few MB; Close writes the workbook.
type Writer struct {
	w         io.Writer
	file      *excelize.File
	stream    *excelize.StreamWriter
	dateStyle int
	row       int
	header    []string
	values    []any
}

// NewWriter starts a workbook that Close writes to w.
func NewWriter(w io.Writer) (*Writer, error) {
	f := excelize.NewFile()
	stream, err := f.NewStreamWriter(sheetName)
	if err != nil {
		f.Close()
		return nil, err
	}
	code := dateFormat
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		f.Close()
		return nil, err
	}
	return &Writer{w: w, file: f, stream: stream, dateStyle: dateStyle}, nil
}

// WriteHeader writes the header row, as text, and freezes it, with
// columns as wide as their names. It must come first.
func (w *Writer) WriteHeader(cells []string) error {
	w.header = cells
	if err := w.stream.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, c := range cells {
		if err := w.stream.SetColWidth(i+1, i+1, float64(min(max(len(c)+2, 10), 60))); err != nil {
			return err
		}
	}
	values := make([]any, len(cells))
	for i, c := range cells {
		if err := w.checkLength(c, i); err != nil {
			return err
		}
		values[i] = c
	}
	return w.setRow(values)
}

// WriteRow writes a row, each cell typed from its text: empty is an empty
// cell; a number as its shortest decimal (5, 2.5, -0.25; not 05, +5, 5.0
// or 1e3, and at most 15 significant digits) is a number; a date as
// YYYY-MM-DD is a date, shown so; anything else is text, never a formula
// however it starts. So a workbook Reader reads back the text written.
func (w *Writer) WriteRow(cells []string) error {
	w.values = w.values[:0]
	for i, c := range cells {
		if err := w.checkLength(c, i); err != nil {
			return err
		}
		w.values = append(w.values, w.typed(c))
	}
	return w.setRow(w.values)
}

func (w *Writer) setRow(values []any) error {
	w.row++
	if w.row > excelize.TotalRows {
		return fmt.Errorf("more than %d rows, the most a sheet holds; write CSV instead", excelize.TotalRows)
	}
	if len(values) > excelize.MaxColumns {
		return fmt.Errorf("row %d has %d cells, more than the %d a sheet holds; write CSV instead", w.row, len(values), excelize.MaxColumns)
	}
	cell, err := excelize.CoordinatesToCellName(1, w.row)
	if err != nil {
		return err
	}
	return w.stream.SetRow(cell, values)
}

// checkLength refuses a cell too long for a spreadsheet.
func (w *Writer) checkLength(c string, col int) error {
	if len(c) <= MaxCellChars || len(utf16.Encode([]rune(c))) <= MaxCellChars {
		return nil
	}
	name := strconv.Itoa(col + 1)
	if col < len(w.header) {
		name = strconv.Quote(w.header[col])
	}
	return fmt.Errorf("row %d, column %s: the cell is longer than the %d characters a spreadsheet cell holds; write CSV instead", w.row+1, name, MaxCellChars)
}

// typed is the value a cell's text is written as.
func (w *Writer) typed(c string) any {
	if c == "" {
		return nil
	}
	if v, ok := parseNumber(c); ok {
		return v
	}
	if t, ok := parseDate(c); ok {
		return excelize.Cell{StyleID: w.dateStyle, Value: t}
	}
	return c
}

// parseNumber reads text that is a number written as its shortest
// decimal, which reads back as the same text.
func parseNumber(s string) (float64, bool) {
	if len(s) > 24 || !(s[0] == '-' || (s[0] >= '0' && s[0] <= '9')) {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || strconv.FormatFloat(v, 'f', -1, 64) != s {
		return 0, false
	}
	digits := 0
	for _, r := range strconv.FormatFloat(math.Abs(v), 'e', -1, 64) {
		if r == 'e' {
			break
		}
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return v, digits <= maxDigits
}

// parseDate reads a date as YYYY-MM-DD from 1900-03-01 on: Excel counts
// the days before as if 1900 were a leap year, so earlier ones are left
// as text.
func parseDate(s string) (time.Time, bool) {
	if len(s) != len(time.DateOnly) || s[4] != '-' {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Before(time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)) {
		return time.Time{}, false
	}
	return t, true
}

// Close writes the workbook to w and removes the temporary files.
func (w *Writer) Close() error {
	err := w.stream.Flush()
	if err == nil {
		_, err = w.file.WriteTo(w.w)
	}
	return errors.Join(err, w.file.Close())
}

// Abort removes the temporary files without writing the workbook.
func (w *Writer) Abort() { _ = w.file.Close() }

// FromCSV runs write with a writer of CSV text (RFC 4180, delimited by
// delim; the first record its header) and writes the records to w as a
// workbook (see Writer), once write has returned without an error. So a
// command that writes CSV writes a workbook with the same cells.
func FromCSV(w io.Writer, delim rune, write func(io.Writer) error) error {
	xw, err := NewWriter(w)
	if err != nil {
		return err
	}
	pr, pw := io.Pipe()
	read := make(chan error, 1)
	go func() {
		err := copyRecords(xw, pr, delim)
		pr.CloseWithError(err) // a writer still writing gets the error
		read <- err
	}()
	err = write(pw)
	pw.CloseWithError(err)
	if err = errors.Join(err, <-read); err != nil {
		xw.Abort()
		return err
	}
	return xw.Close()
}

// copyRecords writes CSV records to the workbook, the first as its
// header.
func copyRecords(xw *Writer, in io.Reader, delim rune) error {
	r := csv.NewReader(in)
	r.Comma, r.FieldsPerRecord, r.ReuseRecord = delim, -1, true
	for first := true; ; first = false {
		rec, err := r.Read()
		switch {
		case errors.Is(err, io.EOF):
			return nil
		case err != nil:
			return err
		case first:
			err = xw.WriteHeader(append([]string(nil), rec...))
		default:
			err = xw.WriteRow(rec)
		}
		if err != nil {
			return err
		}
	}
}
