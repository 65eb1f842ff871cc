package batch

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// oracleRecord is a record as encoding/csv reads it.
type oracleRecord struct {
	line   int
	fields []string
}

// readOracle reads data with encoding/csv under the semantics the batch
// promises: lazy quotes, any field count, a leading BOM dropped.
func readOracle(t *testing.T, data []byte, delim byte) []oracleRecord {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(utf8BOM))))
	r.Comma = rune(delim)
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	var recs []oracleRecord
	for {
		fields, err := r.Read()
		if errors.Is(err, io.EOF) {
			return recs
		}
		if err != nil {
			t.Fatalf("encoding/csv: %v", err)
		}
		line, _ := r.FieldPos(0)
		recs = append(recs, oracleRecord{line: line, fields: fields})
	}
}

// crlf folds "\r\n" to "\n", as encoding/csv does when it reads back a
// cell written with one.
func crlf(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

// checkNothingLost runs the batch over data and checks, against
// encoding/csv, that every record comes out once, in order, with its
// cells intact, a row number, and valid JSON.
func checkNothingLost(t *testing.T, data []byte, delim byte) {
	cat := loadCatalog(t)
	var raw bytes.Buffer
	sum, err := Run(context.Background(), cat, bytes.NewReader(data), &raw, Options{Delimiter: delim, Raw: true, Start: planStart})
	var he *HeaderError
	if errors.As(err, &he) {
		if raw.Len() != 0 {
			t.Fatalf("a header error after writing %q", raw.String())
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	want := readOracle(t, data, delim)
	if sum.Read != len(want)-1 || sum.Advised+sum.Rejected != sum.Read {
		t.Fatalf("summary %+v for %d records (header included)", sum, len(want))
	}
	out := csv.NewReader(&raw)
	out.Comma = rune(delim)
	out.FieldsPerRecord = -1
	got, err := out.ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, raw.String())
	}
	if len(got) != len(want) {
		t.Fatalf("%d records out, %d in", len(got), len(want))
	}
	width := len(want[0].fields)
	rejected := 0
	for i, w := range want {
		if len(got[i]) != width+len(OutputColumns) {
			t.Fatalf("record %d has %d cells, want %d", i, len(got[i]), width+len(OutputColumns))
		}
		for j := range width {
			var cell string
			if j < len(w.fields) {
				cell = w.fields[j]
			}
			if got[i][j] != crlf(cell) {
				t.Fatalf("record %d cell %d is %q, want %q", i, j, got[i][j], cell)
			}
		}
		if i > 0 && got[i][width+slices.Index(OutputColumns, "error")] != "" {
			rejected++
		}
	}
	if rejected != sum.Rejected {
		t.Fatalf("%d rows carry an error, the summary says %d", rejected, sum.Rejected)
	}
	checkGuard(t, data, delim)
	checkNDJSON(t, data, delim, want)
}

func checkGuard(t *testing.T, data []byte, delim byte) {
	var guarded bytes.Buffer
	if _, err := Run(context.Background(), loadCatalog(t), bytes.NewReader(data), &guarded, Options{Delimiter: delim, Start: planStart}); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(&guarded)
	r.Comma = rune(delim)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, rec := range recs {
		for j, cell := range rec {
			if cell != "" && formulaStart[cell[0]] {
				t.Fatalf("record %d cell %d %q would run as a formula", i, j, cell)
			}
		}
	}
}

func checkNDJSON(t *testing.T, data []byte, delim byte, want []oracleRecord) {
	var nd bytes.Buffer
	if _, err := Run(context.Background(), loadCatalog(t), bytes.NewReader(data), &nd, Options{Format: NDJSON, Delimiter: delim, Start: planStart}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(nd.String(), "\n"), "\n")
	if nd.Len() == 0 {
		lines = nil
	}
	if len(lines) != len(want)-1 {
		t.Fatalf("%d NDJSON lines for %d rows", len(lines), len(want)-1)
	}
	for i, line := range lines {
		var row struct {
			Row    int               `json:"row"`
			Record map[string]string `json:"record"`
		}
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", i+1, err, line)
		}
		if row.Row != want[i+1].line {
			t.Fatalf("row %d says line %d, encoding/csv says %d", i+1, row.Row, want[i+1].line)
		}
	}
	raw := newCellWriter(delim, true)
	for _, rec := range want {
		for _, f := range rec.fields {
			var cell bytes.Buffer
			cw := csv.NewWriter(&cell)
			cw.Comma = rune(delim)
			_ = cw.Write([]string{f})
			cw.Flush()
			if got := raw.cell(nil, []byte(f)); string(got)+"\n" != cell.String() && f != "" {
				t.Fatalf("cell(%q) = %q, encoding/csv writes %q", f, got, cell.String())
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(f)
			if got := appendJSONString(nil, []byte(f)); string(got)+"\n" != buf.String() {
				t.Fatalf("appendJSONString(%q) = %s, encoding/json says %s", f, got, buf.String())
			}
		}
	}
}

func FuzzBatch(f *testing.F) {
	fixtures, _ := filepath.Glob("testdata/*.csv")
	for _, p := range fixtures {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, byte(','))
	}
	for _, s := range []string{
		"", "\"", "\r", "\n\n", "\xef\xbb\xbf", "role,years,accountability\n\"open,6,team\n",
		"role,years,accountability\nSRE,6,team", "role,years,accountability\r\nSRE,6,team\r",
		"role,years,accountability\na\"b,6,team\n\"x\"y,1,ic\n", "role,years,accountability\n\"a\r\r\nb\",2,team\n",
		"role;years;accountability\nSRE;6;team\n", "role\tyears\taccountability\nSRE\t6\tteam\n",
		"role,years,accountability\n\"\xff\xfe\",\"\u2028\",\x01\n",
	} {
		f.Add([]byte(s), byte(','))
	}
	f.Fuzz(func(t *testing.T, data []byte, delim byte) {
		if !ValidDelimiter(delim) {
			delim = ','
		}
		checkNothingLost(t, data, delim)
		// The same rows under a header the batch accepts.
		header := strings.Join([]string{ColumnRole, ColumnYears, ColumnAccountability}, string(delim)) + "\n"
		checkNothingLost(t, append([]byte(header), data...), delim)
	})
}
