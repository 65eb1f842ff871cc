package render

import (
	"io"

	"github.com/careerpath/careerpath/internal/sheet"
)

// Workbook writes to w, as an XLSX workbook, the CSV that write writes:
// its first record is the header, frozen in the workbook, and its cells
// become typed cells (numbers as numbers, dates as dates, the rest as
// text, never as a formula, so the CSV formula guard is not wanted; see
// sheet.Writer). delim delimits the CSV. The workbook is written only
// once write has succeeded, so a failed run writes nothing.
func Workbook(w io.Writer, delim byte, write func(csv io.Writer) error) error {
	return sheet.FromCSV(w, rune(delim), write)
}

// writeWorkbook writes a header and rows as a workbook, as Workbook does.
func writeWorkbook(w io.Writer, header []string, rows [][]string) error {
	xw, err := sheet.NewWriter(w)
	if err != nil {
		return err
	}
	if err := xw.WriteHeader(header); err != nil {
		xw.Abort()
		return err
	}
	for _, r := range rows {
		if err := xw.WriteRow(r); err != nil {
			xw.Abort()
			return err
		}
	}
	return xw.Close()
}
