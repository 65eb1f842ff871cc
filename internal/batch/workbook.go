package batch

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/careerpath/careerpath/internal/sheet"
)

// sniff returns the source of in: a workbook's sheet when in starts as a
// workbook does, CSV text otherwise.
func sniff(in io.Reader, opts Options, chunkSize, limit int) (source, error) {
	prefix := make([]byte, sheet.MagicLen)
	n, err := io.ReadFull(in, prefix)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, err
	}
	prefix = prefix[:n]
	switch sheet.Sniff(prefix) {
	case sheet.OLE:
		return nil, &HeaderError{Message: sheet.ErrOLE.Error()}
	case sheet.Zip:
		data, err := io.ReadAll(io.MultiReader(bytes.NewReader(prefix), in))
		if err != nil {
			return nil, err
		}
		return openWorkbook(data, opts, chunkSize, limit)
	}
	in = io.MultiReader(bytes.NewReader(prefix), in)
	return &reader{in: in, parser: recordParser{delim: opts.Delimiter}, chunkSize: chunkSize, limit: limit}, nil
}

// workbookSource reads a workbook's sheet: its first row with a cell is
// the header, rows without cells are skipped as CSV's empty lines are,
// and each row is written as a CSV record for the workers' parser, its
// line being its row number in the sheet.
type workbookSource struct {
	// mu keeps close from closing the sheet while next reads it: a run
	// that fails returns, and closes its source, while its reader
	// goroutine may still be in next.
	mu        sync.Mutex
	closed    bool
	sheet     *sheet.Reader
	delim     byte
	chunkSize int
	limit     int
	width     int // the header's cells
	buf       []byte
}

func openWorkbook(data []byte, opts Options, chunkSize, limit int) (*workbookSource, error) {
	r, err := sheet.Open(data, opts.Sheet)
	if err != nil {
		return nil, &HeaderError{Message: err.Error()}
	}
	return &workbookSource{sheet: r, delim: opts.Delimiter, chunkSize: chunkSize, limit: limit}, nil
}

func (s *workbookSource) header() ([][]byte, []byte, error) {
	for s.sheet.Next() {
		cells, err := s.sheet.Cells()
		if err != nil {
			return nil, nil, &HeaderError{Message: err.Error()}
		}
		if len(cells) == 0 {
			continue
		}
		s.width = len(cells)
		fields := make([][]byte, len(cells))
		for i, c := range cells {
			fields[i] = []byte(c)
		}
		return fields, nil, nil
	}
	if err := s.sheet.Err(); err != nil {
		return nil, nil, &HeaderError{Message: err.Error()}
	}
	return nil, nil, &HeaderError{Message: fmt.Sprintf("sheet %q of the workbook is empty; a header row naming the columns must come first, or pass --sheet NAME to read another sheet", s.sheet.Sheet)}
}

// next writes rows as CSV records until they fill a chunk. A row is as
// wide as the header at least: a sheet leaves out the empty cells at a
// row's end, which CSV writes.
func (s *workbookSource) next() ([]byte, int, []int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, 0, nil, nil
	}
	s.buf = s.buf[:0]
	var rows []int
	for len(s.buf) < s.chunkSize && s.sheet.Next() {
		cells, err := s.sheet.Cells()
		if err != nil {
			return nil, 0, nil, &RecordError{Line: s.sheet.Row(), Message: err.Error()}
		}
		if len(cells) == 0 {
			continue
		}
		for len(cells) < s.width {
			cells = append(cells, "")
		}
		start := len(s.buf)
		s.buf = appendRecord(s.buf, cells, s.delim)
		if recordLength(s.buf[start:]) > s.limit {
			return nil, 0, nil, &RecordError{Line: s.sheet.Row(), Message: fmt.Sprintf("the row is longer than %s, so the batch stops; check that it is a staff list's row", limitName(s.limit))}
		}
		rows = append(rows, s.sheet.Row())
	}
	if err := s.sheet.Err(); err != nil {
		return nil, 0, nil, &RecordError{Line: s.sheet.Row(), Message: err.Error()}
	}
	if len(rows) == 0 {
		return nil, 0, nil, nil
	}
	return s.buf, rows[0], rows, nil
}

func (s *workbookSource) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.sheet.Close()
}

// appendRecord appends cells as one CSV record that recordParser reads
// back as the same cells: a cell holding the delimiter, a quote or a line
// break is quoted, and so is a record of one empty cell, which would
// otherwise be an empty line.
func appendRecord(dst []byte, cells []string, delim byte) []byte {
	for i, c := range cells {
		if i > 0 {
			dst = append(dst, delim)
		}
		if !needsQuotes(c, delim) && (c != "" || len(cells) > 1) {
			dst = append(dst, c...)
			continue
		}
		dst = append(dst, '"')
		for j := 0; j < len(c); j++ {
			if c[j] == '"' {
				dst = append(dst, '"')
			}
			dst = append(dst, c[j])
		}
		dst = append(dst, '"')
	}
	return append(dst, '\n')
}

func needsQuotes(c string, delim byte) bool {
	for i := 0; i < len(c); i++ {
		switch c[i] {
		case delim, '"', '\n', '\r':
			return true
		}
	}
	return false
}
