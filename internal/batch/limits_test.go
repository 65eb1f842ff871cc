package batch_test

import (
	"bytes"
	"context"
	"errors"
	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/render"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// byteStream is an endless input of one byte after a prefix, counting
// what was read.
type byteStream struct {
	prefix []byte
	fill   byte
	read   int
}

func (s *byteStream) Read(p []byte) (int, error) {
	n := copy(p, s.prefix)
	s.prefix = s.prefix[n:]
	for i := n; i < len(p); i++ {
		p[i] = s.fill
	}
	s.read += len(p)
	return len(p), nil
}

// An input without line breaks is refused once a record passes the limit,
// having read little more than the limit.
func TestEndlessInputIsRefusedAtTheLimit(t *testing.T) {
	for _, c := range []struct {
		name   string
		stream *byteStream
		check  func(error) bool
		want   []string
	}{
		{"NUL header", &byteStream{fill: 0}, isHeaderError,
			[]string{"header is longer than 1 MiB", `"\x00\x00`, `"…`, "NUL bytes"}},
		{"record without line break", &byteStream{prefix: []byte("role,years,accountability\nSRE,6,team\n"), fill: 'x'}, isRecordError(3),
			[]string{"line 3: the record is longer than 1 MiB", `(it starts "xxx`, "opened and never closed"}},
		{"open quote", &byteStream{prefix: []byte("role,years,accountability\n\n\"SRE,6,team\n"), fill: '\n'}, isRecordError(3),
			[]string{"line 3:", `(it starts "\"SRE,6,team\n\n\n`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			_, err := batch.Run(context.Background(), loadCatalog(t), c.stream, render.BatchRows(&out, render.CSV, render.BatchOptions{}), batch.Options{Start: planStart})
			if !c.check(err) {
				t.Fatalf("err = %v", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if len(err.Error()) > 400 {
				t.Errorf("the error is %d bytes long: %q", len(err.Error()), err)
			}
			if c.stream.read > 2*batch.MaxRecordBytes {
				t.Errorf("read %d bytes before refusing", c.stream.read)
			}
		})
	}
}

func isHeaderError(err error) bool {
	var he *batch.HeaderError
	return errors.As(err, &he)
}

func isRecordError(line int) func(error) bool {
	return func(err error) bool {
		var re *batch.RecordError
		return errors.As(err, &re) && re.Line == line
	}
}

// The limit is exact: a record of the limit's length passes, one byte more
// is refused, whatever its line ending and wherever it ends.
func TestRecordLimitIsExact(t *testing.T) {
	const limit = 64
	header := "role,years,accountability,note"
	row := func(n int) string { // a row of n bytes
		return "SRE,6,team," + strings.Repeat("x", n-len("SRE,6,team,"))
	}
	for _, c := range []struct {
		name  string
		input string
		check func(error) bool
	}{
		{"header at the limit", header + strings.Repeat("h", limit-len(header)) + "\nSRE,6,team,\n", isNil},
		{"header past the limit", header + strings.Repeat("h", limit+1-len(header)) + "\nSRE,6,team,\n", isHeaderError},
		{"header past the limit at the end", header + strings.Repeat("h", limit+1-len(header)), isHeaderError},
		{"row at the limit", header + "\n" + row(limit) + "\n" + row(3*limit/4) + "\n", isNil},
		{"row at the limit, CRLF", header + "\r\n" + row(limit-1) + "\r\n", isNil},
		{"row at the limit at the end", header + "\n" + row(limit), isNil},
		{"row past the limit", header + "\n" + row(20) + "\n" + row(limit+1) + "\n", isRecordError(3)},
		{"row past the limit, CRLF", header + "\r\n" + row(limit) + "\r\n", isRecordError(2)},
		{"row past the limit at the end", header + "\n" + row(limit+1), isRecordError(2)},
		{"blank lines do not count", header + "\n" + strings.Repeat("\r\n", 3*limit) + "\"" + row(limit-2) + "\"\n", isNil},
		{"quoted row over lines", header + "\n\n\"" + strings.Repeat("x\n", limit) + "\",6,team,\n", isRecordError(3)},
	} {
		t.Run(c.name, func(t *testing.T) {
			// The end of the input comes with the last bytes, or after them.
			for _, in := range []func() io.Reader{
				func() io.Reader { return strings.NewReader(c.input) },
				func() io.Reader { return iotest.DataErrReader(strings.NewReader(c.input)) },
			} {
				for _, f := range render.BatchFormats {
					_, err := batch.Run(context.Background(), loadCatalog(t), in(), render.BatchRows(io.Discard, f, render.BatchOptions{}), batch.WithRecordLimit(batch.Options{Start: planStart}, limit))
					if !c.check(err) {
						t.Fatalf("%s: err = %v", f, err)
					}
				}
			}
		})
	}
}

func isNil(err error) bool { return err == nil }

// A header that is not comma-separated UTF-8 with line breaks gets a hint
// about what it looks like instead of about --column.
func TestHeaderHints(t *testing.T) {
	utf16 := func(s string, bigEndian bool) string {
		var b []byte
		for _, r := range []byte(s) {
			if bigEndian {
				b = append(b, 0, r)
			} else {
				b = append(b, r, 0)
			}
		}
		return string(b)
	}
	csv := "role,years,accountability\nSRE,6,team\n"
	for _, c := range []struct {
		name, input string
		want        string
	}{
		{"CR line endings", strings.ReplaceAll(csv, "\n", "\r"), "old Mac line endings"},
		{"semicolons", strings.ReplaceAll(csv, ",", ";"), "looks separated by ';', not ','; pass --delimiter ';'"},
		{"tabs", strings.ReplaceAll(csv, ",", "\t"), `pass --delimiter '\t'`},
		{"pipes", strings.ReplaceAll(csv, ",", "|"), "pass --delimiter '|'"},
		{"UTF-16 LE with BOM", "\xff\xfe" + utf16(csv, false), "UTF-16 byte order mark"},
		{"UTF-16 BE with BOM", "\xfe\xff" + utf16(csv, true), "UTF-16 byte order mark"},
		{"UTF-16 LE", utf16(csv, false), "every other byte of the input is NUL"},
		{"UTF-16 BE", utf16(csv, true), "every other byte of the input is NUL"},
		{"NUL bytes", "role,\x00\x00\x00\x00,x\nSRE,6,team\n", "holds NUL bytes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := runBatch(t, []byte(c.input), render.CSV, batch.Options{})
			if !isHeaderError(err) || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "--column") {
				t.Fatalf("err = %v, want a header error saying %q", err, c.want)
			}
		})
	}
	// --column names count when another delimiter is tried.
	_, _, err := runBatch(t, []byte("Job;years;accountability\nSRE;6;team\n"), render.CSV, batch.Options{Columns: map[string]string{batch.ColumnRole: "job"}})
	if err == nil || !strings.Contains(err.Error(), "--delimiter ';'") {
		t.Fatalf("err = %v", err)
	}
}

// Header names in an error are cut to a readable length.
func TestHeaderErrorQuotesAreCut(t *testing.T) {
	long := strings.Repeat("é", 500)
	_, _, err := runBatch(t, []byte("role,"+long+",accountability\nSRE,6,team\n"), render.CSV, batch.Options{})
	if !isHeaderError(err) || len(err.Error()) > 400 || !strings.Contains(err.Error(), `"role", "ééé`) || !strings.Contains(err.Error(), `é"…`) {
		t.Fatalf("err = %v", err)
	}
}
