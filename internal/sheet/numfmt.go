package sheet

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// The formats cells are read in: a cell shows its number as the number
// it holds, whatever format the workbook shows it in ("0.0" would round
// 2.25, "0%" would scale it), and a date as YYYY-MM-DD, however the
// workbook shows it.
const (
	dateFormat = "yyyy-mm-dd"
	timeFormat = "hh:mm:ss"
)

// cellKind is what a number format shows a number as.
type cellKind int

const (
	number cellKind = iota
	date
	clock // a time of day without a date
)

// cellsAsText rewrites the workbook's cell formats (in memory) so that
// excelize's row iterator, which formats each cell by its style, reads
// cells as CSV would hold them: numbers in General (excelize writes
// General as the shortest decimal within Excel's 15 significant digits,
// so a value stored as 2.5000000000000004 reads as 2.5), dates in
// dateFormat and times of day in timeFormat. The iterator does not give a
// cell's style, so the styles are what must change.
func cellsAsText(f *excelize.File) error {
	if f.Styles == nil || f.Styles.CellXfs == nil {
		return nil // no styles: every cell is General already
	}
	n := len(f.Styles.CellXfs.Xf)
	dateID, err := numFmtID(f, dateFormat)
	if err != nil {
		return err
	}
	timeID, err := numFmtID(f, timeFormat)
	if err != nil {
		return err
	}
	custom := map[int]string{}
	if f.Styles.NumFmts != nil {
		for _, nf := range f.Styles.NumFmts.NumFmt {
			custom[nf.NumFmtID] = nf.FormatCode
		}
	}
	general := 0
	for i := range n {
		xf := &f.Styles.CellXfs.Xf[i]
		id := 0
		if xf.NumFmtID != nil {
			id = *xf.NumFmtID
		}
		kind := builtInKind(id)
		if code, ok := custom[id]; ok {
			kind = codeKind(code)
		}
		switch kind {
		case date:
			xf.NumFmtID = &dateID
		case clock:
			xf.NumFmtID = &timeID
		default:
			xf.NumFmtID = &general
		}
	}
	return nil
}

// numFmtID adds a style of the format code and returns the number
// format's id.
func numFmtID(f *excelize.File, code string) (int, error) {
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		return 0, err
	}
	return *f.Styles.CellXfs.Xf[style].NumFmtID, nil
}

// builtInKind is what a built-in number format shows (ECMA-376 part 1,
// 18.8.30, with the East Asian ids as excelize reads them).
func builtInKind(id int) cellKind {
	switch {
	case id >= 14 && id <= 17, id == 22, id >= 27 && id <= 31, id == 36, id >= 50 && id <= 58:
		return date
	case id >= 18 && id <= 21, id >= 32 && id <= 35, id >= 45 && id <= 47:
		return clock
	}
	return number
}

// codeKind is what a custom number format code shows: a date when its
// first section has a year, day or month, a time of day when it has
// hours or seconds only; a number of days when it shows elapsed time
// ([h]:mm), which a time of day would cut. Quoted text, escaped characters, fills, padding
// and bracketed colours or locales are not format letters; "m" is a
// month unless hours or seconds come with it.
func codeKind(code string) cellKind {
	var year, day, month, hour, second, elapsed bool
	code = strings.ToLower(code)
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case ';':
			i = len(code) // the first section shows positive numbers
		case '"':
			if end := strings.IndexByte(code[i+1:], '"'); end >= 0 {
				i += end + 1
			} else {
				i = len(code)
			}
		case '\\', '_', '*':
			i++
		case '[':
			end := strings.IndexByte(code[i+1:], ']')
			if end < 0 {
				i = len(code)
				break
			}
			if inner := code[i+1 : i+1+end]; inner != "" && strings.Trim(inner, "hms") == "" {
				elapsed = true
			}
			i += end + 1
		case 'y':
			year = true
		case 'd':
			day = true
		case 'm':
			month = true
		case 'h':
			hour = true
		case 's':
			second = true
		}
	}
	switch {
	case elapsed:
		return number // a duration, such as 36 hours as [h]:mm, is its days
	case year || day || (month && !hour && !second):
		return date
	case hour || second:
		return clock
	}
	return number
}
