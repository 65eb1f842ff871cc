package render

import (
	"bytes"
	"strconv"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// formulaStart marks the first bytes that make a spreadsheet run a cell as
// a formula (OWASP CSV injection).
var formulaStart = [256]bool{'=': true, '+': true, '-': true, '@': true, '\t': true, '\r': true}

// cellWriter writes CSV cells as encoding/csv's Writer does, plus the
// formula guard: every CSV careerpath writes (batch's rows, calibration's
// records) goes through it, so every one is guarded alike.
type cellWriter struct {
	delim   byte
	guard   bool
	special [256]bool // bytes that force quoting
}

// appendCell appends one cell, quoted and guarded as needed: the
// CellAppender of a text cell, for the CSV views that write strings.
func (w *cellWriter) appendCell(dst []byte, cell string) []byte {
	// cell only reads its input, so the string's bytes are lent to it
	// rather than copied for every cell.
	return w.cell(dst, unsafe.Slice(unsafe.StringData(cell), len(cell)))
}

func newCellWriter(delim byte, raw bool) *cellWriter {
	w := &cellWriter{delim: delim, guard: !raw}
	for _, b := range []byte{'\n', '\r', '"', delim} {
		w.special[b] = true
	}
	return w
}

// cell appends one cell. A cell that starts like a formula gets a leading
// "'" unless the writer is raw.
func (w *cellWriter) cell(dst, c []byte) []byte {
	formula := w.guard && len(c) > 0 && formulaStart[c[0]]
	if !w.needsQuotes(c, formula) {
		if formula {
			dst = append(dst, '\'')
		}
		return append(dst, c...)
	}
	dst = append(dst, '"')
	if formula {
		dst = append(dst, '\'')
	}
	for {
		i := bytes.IndexByte(c, '"')
		if i < 0 {
			break
		}
		dst = append(dst, c[:i+1]...)
		dst = append(dst, '"')
		c = c[i+1:]
	}
	dst = append(dst, c...)
	return append(dst, '"')
}

// needsQuotes follows encoding/csv: quote a cell holding a delimiter,
// quote, CR or LF, a cell starting with a space, and `\.`.
func (w *cellWriter) needsQuotes(c []byte, formula bool) bool {
	if len(c) == 0 {
		return false
	}
	if formula && w.special['\''] { // the guard's mark is the delimiter
		return true
	}
	for _, b := range c {
		if w.special[b] {
			return true
		}
	}
	if formula {
		return false // the cell starts with the guard's quote mark
	}
	if first := c[0]; first < utf8.RuneSelf {
		return asciiSpace[first] || (first == '\\' && string(c) == `\.`)
	}
	r, _ := utf8.DecodeRune(c)
	return unicode.IsSpace(r)
}

// asciiSpace marks the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

func appendInt(dst []byte, n int) []byte { return strconv.AppendInt(dst, int64(n), 10) }
