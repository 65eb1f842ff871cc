// Package sheet reads and writes XLSX workbooks as rows of text cells, so
// that the staff-list commands, which read and write CSV, can read and
// write workbooks too: a workbook's cells are read as the text a CSV
// export would hold (numbers as their shortest decimal, dates as
// YYYY-MM-DD), and text cells are written typed (numbers as numbers, dates
// as dates). It knows nothing of careerpath but cells; the reading and
// writing are github.com/xuri/excelize/v2's.
package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// zipMagic starts every ZIP archive, an XLSX workbook among them.
const zipMagic = "PK\x03\x04"

// oleMagic starts an OLE2 compound file: a legacy .xls workbook, or an
// encrypted .xlsx.
const oleMagic = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

// MagicLen is how many leading bytes Sniff needs.
const MagicLen = len(oleMagic)

// workbookPart is the part every XLSX workbook holds.
const workbookPart = "xl/workbook.xml"

// Kind is what a file's first bytes say it is.
type Kind int

const (
	// Text is anything else: CSV, or something that will fail as CSV.
	Text Kind = iota
	// Zip is a ZIP archive: an XLSX workbook, or another archive that
	// Open refuses with a hint.
	Zip
	// OLE is a legacy .xls workbook or an encrypted one, which cannot be
	// read.
	OLE
)

// Sniff tells a workbook from text by the file's first bytes, whatever
// its name.
func Sniff(prefix []byte) Kind {
	switch {
	case bytes.HasPrefix(prefix, []byte(zipMagic)):
		return Zip
	case bytes.HasPrefix(prefix, []byte(oleMagic)):
		return OLE
	}
	return Text
}

// ErrOLE is the error for an OLE2 file, which Sniff reports as OLE.
var ErrOLE = errors.New("the file is an old Excel .xls workbook or an encrypted one, which careerpath cannot read; save it as .xlsx (Excel Workbook) without a password, or as CSV UTF-8")

// Limits of what Open unpacks: a workbook is a ZIP archive, whose parts
// can be many times its size. A worksheet or shared-strings part past
// xmlInMemory is unpacked to a temporary file and streamed from there, so
// that memory stays bounded however long the sheet is; all the parts
// together past unzipLimit are refused, as a ZIP bomb would be. ToCSV,
// for small files, keeps every part in memory, up to smallUnzipLimit.
const (
	xmlInMemory     = 4 << 20
	unzipLimit      = 4 << 30
	smallUnzipLimit = 64 << 20
)

// Reader reads one sheet of a workbook, row by row.
type Reader struct {
	// Sheet is the name of the sheet being read.
	Sheet string
	file  *excelize.File
	rows  *excelize.Rows
	row   int
}

// Open opens the sheet called name in the workbook data, or the first
// sheet when name is "". Its errors say what to do. The caller must Close
// the reader, which removes the temporary files.
func Open(data []byte, name string) (*Reader, error) {
	return open(data, name, excelize.Options{UnzipXMLSizeLimit: xmlInMemory, UnzipSizeLimit: unzipLimit})
}

func open(data []byte, name string, limits excelize.Options) (*Reader, error) {
	if err := checkWorkbook(data); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), limits)
	if err != nil {
		return nil, fmt.Errorf("cannot read the workbook: %v; open it in a spreadsheet and save it again as .xlsx, or export CSV", err)
	}
	r := &Reader{file: f}
	if r.Sheet, err = pickSheet(f, name); err != nil {
		f.Close()
		return nil, err
	}
	if err := cellsAsText(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot read the workbook's styles: %v; open it in a spreadsheet and save it again as .xlsx, or export CSV", err)
	}
	if r.rows, err = f.Rows(r.Sheet); err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot read sheet %q: %v", r.Sheet, err)
	}
	return r, nil
}

// checkWorkbook refuses a ZIP archive that is no XLSX workbook, such as
// an OpenDocument spreadsheet, with a hint.
func checkWorkbook(data []byte) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("the file starts as a ZIP archive (an .xlsx workbook is one) but cannot be read as one: %v; check that the download is complete", err)
	}
	for _, f := range z.File {
		if f.Name == workbookPart {
			return nil
		}
	}
	for _, f := range z.File {
		if f.Name == "mimetype" || strings.HasPrefix(f.Name, "content.xml") {
			return errors.New("the file is a ZIP archive but no .xlsx workbook (it looks like an OpenDocument .ods spreadsheet); save it as .xlsx (Excel Workbook) or as CSV UTF-8")
		}
	}
	return fmt.Errorf("the file is a ZIP archive but no .xlsx workbook (it has no %s); give the staff list as an .xlsx workbook or as CSV", workbookPart)
}

// pickSheet is the sheet called name (compared ignoring case, as
// spreadsheets do), or the first one.
func pickSheet(f *excelize.File, name string) (string, error) {
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return "", errors.New("the workbook has no sheet")
	}
	if name == "" {
		return sheets[0], nil
	}
	for _, s := range sheets {
		if strings.EqualFold(s, name) {
			return s, nil
		}
	}
	quoted := make([]string, len(sheets))
	for i, s := range sheets {
		quoted[i] = strconv.Quote(s)
	}
	return "", fmt.Errorf("the workbook has no sheet %q; its sheets are %s: pass one of them to --sheet", name, strings.Join(quoted, ", "))
}

// Next moves to the next row of the sheet; false at the end or on an
// error, which Err then gives.
func (r *Reader) Next() bool {
	if !r.rows.Next() {
		return false
	}
	r.row++
	return true
}

// Row is the current row's number in the sheet, from 1: excelize's
// iterator steps through every row, the empty ones too, so the count of
// steps is the row's number.
func (r *Reader) Row() int { return r.row }

// Cells are the current row's cells as text, without the empty cells at
// its end; an empty row has none.
func (r *Reader) Cells() ([]string, error) {
	cells, err := r.rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("sheet %q row %d: %v", r.Sheet, r.row, err)
	}
	return cells, nil
}

// Err is the error that ended Next early, if any.
func (r *Reader) Err() error {
	if err := r.rows.Error(); err != nil {
		return fmt.Errorf("sheet %q after row %d: %v", r.Sheet, r.row, err)
	}
	return nil
}

// Close ends the reading and removes the temporary files.
func (r *Reader) Close() error {
	err := r.rows.Close()
	return errors.Join(err, r.file.Close())
}

// ToCSV is the sheet called name (the first for "") of the workbook data
// as CSV text, for a reader of small CSV files such as the title map:
// each row a record, a row without cells an empty line, so that a CSV
// reader's line numbers are the sheet's row numbers (but for a cell over
// several lines). It writes no temporary file.
func ToCSV(data []byte, name string) ([]byte, error) {
	r, err := open(data, name, excelize.Options{UnzipXMLSizeLimit: smallUnzipLimit, UnzipSizeLimit: smallUnzipLimit})
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for r.Next() {
		cells, err := r.Cells()
		if err != nil {
			return nil, err
		}
		if len(cells) > 0 {
			_ = w.Write(cells) // a bytes.Buffer takes every write
		}
		w.Flush()
		if len(cells) == 0 {
			b.WriteByte('\n')
		}
	}
	return b.Bytes(), r.Err()
}
