package batch

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/careerpath/careerpath/internal/text"
)

// MaxRecordBytes bounds a record, the header included, not counting its
// final line break. The reader must hold a record whole before it can cut
// it, so without a bound a file with no line breaks (or a quote left open)
// would be held whole in memory.
const MaxRecordBytes = 1 << 20

// RecordError is a record the batch cannot read, so that the rows after
// it cannot be trusted to be cut right: the run stops there. The rows
// before it have been written.
type RecordError struct {
	Line    int // the physical line the record starts on
	Message string
}

func (e *RecordError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Message) }

// limitName is how messages name a record limit.
func limitName(limit int) string {
	if limit%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", limit>>20)
	}
	return fmt.Sprintf("%d bytes", limit)
}

// tooLongHeader is the error for a header past the limit; start is the
// input's first bytes.
func tooLongHeader(start []byte, delim byte, limit int) error {
	why := inputHint(start, delim, nil)
	if why == "" {
		why = "check that the input is CSV text with one record per line"
	}
	return &HeaderError{Message: fmt.Sprintf("the header is longer than %s (it starts %s), so the input cannot be read as CSV; %s",
		limitName(limit), quoteCut(start), why)}
}

// tooLongRecord is the error for a data record past the limit.
func tooLongRecord(line int, start []byte, delim byte, limit int) error {
	why := inputHint(start, delim, nil)
	if why == "" {
		why = "look for a quote that is opened and never closed, or for missing line breaks"
	}
	return &RecordError{Line: line, Message: fmt.Sprintf("the record is longer than %s (it starts %s), so where it ends cannot be trusted and the batch stops; %s",
		limitName(limit), quoteCut(start), why)}
}

// maxQuoted bounds a value quoted in a message, in bytes of its quoted
// form.
const maxQuoted = 60

// quoteCut quotes s as %q does, cut to a readable length; a value that was
// cut is followed by "…" outside the quotes.
func quoteCut(s []byte) string {
	var q []byte
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRune(s[i:])
		next := strconv.Quote(string(s[i : i+size]))
		next = next[1 : len(next)-1]
		if len(q)+len(next) > maxQuoted {
			return `"` + string(q) + `"…`
		}
		q = append(q, next...)
		i += size
	}
	return `"` + string(q) + `"`
}

// sampleSize is how much of a header the hints look at.
const sampleSize = 4 << 10

// inputHint guesses from a header's raw bytes why it cannot be read: an
// encoding other than UTF-8, old Mac line endings, or another delimiter
// (tried with the column names; nil columns mean the defaults). It returns
// "" when nothing looks wrong.
func inputHint(raw []byte, delim byte, columns map[string]string) string {
	sample := raw[:min(len(raw), sampleSize)]
	if hint := text.EncodingHint(sample, "the staff list"); hint != "" {
		return hint
	}
	for _, d := range []byte{',', ';', '\t', '|'} {
		if d == delim || bytes.IndexByte(sample, d) < 0 {
			continue
		}
		p := recordParser{delim: d}
		var rec record
		if _, _, status := p.next(raw, true, &rec); status != parsedRecord {
			continue
		}
		if _, err := newLayout(rec.fields, columns); err == nil {
			return fmt.Sprintf("the header looks separated by %s, not %s; pass --delimiter %s", delimiterName(d), delimiterName(delim), delimiterArg(d))
		}
	}
	return ""
}

func delimiterName(d byte) string {
	if d == '\t' {
		return "tabs"
	}
	return fmt.Sprintf("%q", d)
}

// delimiterArg is d as a shell argument for --delimiter.
func delimiterArg(d byte) string {
	if d == '\t' {
		return `'\t'`
	}
	return "'" + string(d) + "'"
}
