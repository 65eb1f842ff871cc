package batch

import "bytes"

// recordParser splits CSV records out of a byte slice with the semantics of
// encoding/csv with LazyQuotes (RFC 4180, "\r\n" read as "\n", empty lines
// skipped, a stray quote kept as text), so that the batch reads a file
// exactly as the standard library would, at a fraction of its cost: an
// unquoted field is a slice of the input, a quoted one is unescaped into a
// reused buffer, and nothing is allocated per record.
type recordParser struct {
	delim  byte
	buf    []byte        // the current record's quoted fields, unescaped
	quoted []quotedField // where they go in the record
}

// quotedField is a field of the record whose bytes are buf[start:end]; end
// is -1 until the field closes.
type quotedField struct{ at, start, end int }

// record is one parsed record; its fields alias the input and the
// parser's buffer, and are valid until the next call.
type record struct {
	line   int // the physical line the record starts on, counted from 0 in the data
	fields [][]byte
	// at is where each field starts in the data, -1 for a quoted one
	// (which is unescaped elsewhere), so that a caller holding the data as
	// a string can take its fields as substrings.
	at []int
}

// parseStatus says what next found.
type parseStatus int

const (
	parsedRecord parseStatus = iota
	parsedEnd                // no record left: the data held only empty lines
	needMore                 // the record may continue past the end of data
)

// next parses the record at the start of data and returns the bytes and
// physical lines it consumed. Unless atEOF, a record must end with a line
// break to be complete.
func (p *recordParser) next(data []byte, atEOF bool, rec *record) (n, lines int, status parseStatus) {
	p.buf, p.quoted, rec.fields, rec.at = p.buf[:0], p.quoted[:0], rec.fields[:0], rec.at[:0]
	var line []byte
	var pos int // where line starts in data
	// Empty lines separate nothing and are not records.
	for {
		l, ln, ok := nextLine(data[n:], atEOF)
		switch {
		case !ok:
			return 0, 0, needMore
		case ln == 0:
			return n, lines, parsedEnd
		}
		n += ln
		lines++
		if len(l) > 0 {
			line, pos = l, n-ln
			break
		}
	}
	rec.line = lines - 1
	lineEnded := data[n-1] == '\n'
fields:
	for {
		if len(line) == 0 || line[0] != '"' {
			i := bytes.IndexByte(line, p.delim)
			rec.at = append(rec.at, pos)
			if i < 0 {
				rec.fields = append(rec.fields, line[:len(line):len(line)])
				break fields
			}
			rec.fields = append(rec.fields, line[:i:i])
			line, pos = line[i+1:], pos+i+1
			continue fields
		}
		line, pos = line[1:], pos+1
		p.quoted = append(p.quoted, quotedField{at: len(rec.fields), start: len(p.buf), end: -1})
		rec.fields = append(rec.fields, nil)
		rec.at = append(rec.at, -1)
		for { // inside a quoted field, which may span lines
			i := bytes.IndexByte(line, '"')
			if i < 0 {
				p.buf = append(p.buf, line...)
				if lineEnded {
					p.buf = append(p.buf, '\n')
				}
				next, ln, ok := nextLine(data[n:], atEOF)
				if !ok {
					return 0, 0, needMore
				}
				if ln == 0 { // the input ends inside the quotes
					break fields
				}
				n += ln
				lines++
				line, lineEnded, pos = next, data[n-1] == '\n', n-ln
				continue
			}
			p.buf = append(p.buf, line[:i]...)
			line, pos = line[i+1:], pos+i+1
			switch {
			case len(line) > 0 && line[0] == '"': // "" is a quote
				p.buf = append(p.buf, '"')
				line, pos = line[1:], pos+1
			case len(line) > 0 && line[0] == p.delim:
				p.quoted[len(p.quoted)-1].end = len(p.buf)
				line, pos = line[1:], pos+1
				continue fields
			case len(line) == 0:
				break fields
			default: // a stray quote is text
				p.buf = append(p.buf, '"')
			}
		}
	}
	if k := len(p.quoted) - 1; k >= 0 && p.quoted[k].end < 0 {
		p.quoted[k].end = len(p.buf) // the record ended in this field
	}
	for _, q := range p.quoted {
		rec.fields[q.at] = p.buf[q.start:q.end:q.end]
	}
	return n, lines, parsedRecord
}

// nextLine returns the first physical line of data without its ending
// ("\n" or "\r\n"; a lone "\r" at the end of the input is dropped too), and
// its length with the ending. ok is false when the line may continue past
// data; n is 0 only at the end of the input.
func nextLine(data []byte, atEOF bool) (line []byte, n int, ok bool) {
	i := bytes.IndexByte(data, '\n')
	if i < 0 {
		if !atEOF {
			return nil, 0, false
		}
		line = data
		if len(line) > 0 && line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
		return line, len(data), true
	}
	line = data[:i]
	if i > 0 && line[i-1] == '\r' {
		line = line[:i-1]
	}
	return line, i + 1, true
}
