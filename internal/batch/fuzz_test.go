package batch_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/render"
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
	length int // its bytes, without empty lines before it or its final "\n"
}

// readOracle reads data with encoding/csv under the semantics the batch
// promises: lazy quotes, any field count, a leading BOM dropped.
func readOracle(t *testing.T, data []byte, delim byte) []oracleRecord {
	t.Helper()
	data = bytes.TrimPrefix(data, []byte(batch.UTF8BOM))
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = rune(delim)
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	var recs []oracleRecord
	for {
		begin := r.InputOffset()
		fields, err := r.Read()
		if errors.Is(err, io.EOF) {
			return recs
		}
		if err != nil {
			t.Fatalf("encoding/csv: %v", err)
		}
		line, _ := r.FieldPos(0)
		begin += int64(batch.BlankPrefix(data[begin:]))
		length := batch.RecordLength(data[begin:r.InputOffset()])
		recs = append(recs, oracleRecord{line: line, fields: fields, length: length})
	}
}

// crlf folds "\r\n" to "\n", as encoding/csv does when it reads back a
// cell written with one.
func crlf(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

// checkNothingLost runs the batch over data and checks, against
// encoding/csv, that every record comes out once, in order, with its
// cells intact, a row number, and valid render.JSON.
func checkNothingLost(t *testing.T, data []byte, delim byte) {
	cat := loadCatalog(t)
	var raw bytes.Buffer
	sum, err := batch.Run(context.Background(), cat, bytes.NewReader(data), rawCSV(&raw), batch.Options{Delimiter: delim, Start: planStart})
	var he *batch.HeaderError
	if errors.As(err, &he) {
		if raw.Len() != 0 {
			t.Fatalf("a header error after writing %q", raw.String())
		}
		checkRecordLimit(t, data, delim, nil, nil)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	want := readOracle(t, data, delim)
	if sum.Read != len(want)-1 || sum.Advised+sum.Rejected != sum.Read {
		t.Fatalf("summary %+v for %d records (header included)", sum, len(want))
	}
	full := bytes.Clone(raw.Bytes())
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
	checkOutputNames(t, want[0].fields, got[0])
	rejected := 0
	for i, w := range want {
		if len(got[i]) != width+len(batch.OutputColumns) {
			t.Fatalf("record %d has %d cells, want %d", i, len(got[i]), width+len(batch.OutputColumns))
		}
		for j := range width {
			if i == 0 {
				break // checked by checkOutputNames
			}
			var cell string
			if j < len(w.fields) {
				cell = w.fields[j]
			}
			if got[i][j] != crlf(cell) {
				t.Fatalf("record %d cell %d is %q, want %q", i, j, got[i][j], cell)
			}
		}
		if i > 0 && got[i][width+slices.Index(batch.OutputColumns, "error")] != "" {
			rejected++
		}
	}
	if rejected != sum.Rejected {
		t.Fatalf("%d rows carry an error, the summary says %d", rejected, sum.Rejected)
	}
	checkGuard(t, data, delim)
	checkNDJSON(t, data, delim, want)
	checkRecordLimit(t, data, delim, want, full)
}

// checkOutputNames checks that the render.CSV output's header names every column
// once: an input column by its name, or name_N when repeated, and an
// added column by its name with zero or more "careerpath_" prefixes.
func checkOutputNames(t *testing.T, header, got []string) {
	input := map[string]bool{}
	for i, h := range header {
		name := got[i]
		if input[crlf(h)] && !strings.HasPrefix(name, crlf(h)+"_") || !input[crlf(h)] && name != crlf(h) {
			t.Fatalf("input column %d %q is named %q", i+1, h, name)
		}
		if input[name] {
			t.Fatalf("two input columns are named %q: %q", name, got)
		}
		input[crlf(h)], input[name] = true, true
	}
	taken := map[string]bool{}
	for _, name := range got[:len(header)] {
		taken[batch.NormalHeader(name)] = true
	}
	for k, name := range got[len(header):] {
		if strings.TrimLeft(strings.ReplaceAll(name, batch.AddedPrefix, " "), " ") != batch.OutputColumns[k] || taken[batch.NormalHeader(name)] {
			t.Fatalf("added column %q is named %q in %q", batch.OutputColumns[k], name, got)
		}
		taken[batch.NormalHeader(name)] = true
	}
}

// checkRecordLimit runs the batch with a record limit that some records
// pass, and checks that it stops exactly at the first of them (none for a
// nil want, whose header is refused) and writes the full run's output up
// to there.
func checkRecordLimit(t *testing.T, data []byte, delim byte, want []oracleRecord, full []byte) {
	limit := 1 + len(data)/3
	var out bytes.Buffer
	_, err := batch.Run(context.Background(), loadCatalog(t), bytes.NewReader(data), rawCSV(&out),
		batch.WithRecordLimit(batch.Options{Delimiter: delim, Start: planStart}, limit))
	first := slices.IndexFunc(want, func(r oracleRecord) bool { return r.length > limit })
	var he *batch.HeaderError
	var re *batch.RecordError
	switch {
	case want == nil || first == 0:
		if !errors.As(err, &he) {
			t.Fatalf("limit %d: err = %v, want a header error", limit, err)
		}
	case first > 0:
		if !errors.As(err, &re) || re.Line != want[first].line || !bytes.HasPrefix(full, out.Bytes()) {
			t.Fatalf("limit %d: err = %v, want line %d too long; wrote %q of %q", limit, err, want[first].line, out.String(), full)
		}
	case err != nil || !bytes.Equal(out.Bytes(), full):
		t.Fatalf("limit %d: err = %v; wrote %q, want %q", limit, err, out.String(), full)
	}
}

// checkRowsAlone checks that a row comes out of the batch exactly as it
// does from a batch of that row alone, but for its line number, so that
// no cache hands one row another's outcome.
func checkRowsAlone(t *testing.T, delim byte, want []oracleRecord, ndjson []string) {
	quoted := func(fields []string) []byte {
		var b []byte
		for i, f := range fields {
			if i > 0 {
				b = append(b, delim)
			}
			b = append(b, '"')
			// A line ends in "\r\n" or "\n", so a cell's "\r\n" is "\r\r\n".
			f = strings.ReplaceAll(strings.ReplaceAll(f, `"`, `""`), "\r\n", "\r\r\n")
			b = append(b, f...)
			b = append(b, '"')
		}
		return append(b, '\n')
	}
	for i, row := range want[1:min(len(want), 9)] {
		var alone bytes.Buffer
		in := append(quoted(want[0].fields), quoted(row.fields)...)
		if _, err := batch.Run(context.Background(), loadCatalog(t), bytes.NewReader(in), render.BatchRows(&alone, render.NDJSON, render.BatchOptions{}), batch.Options{Delimiter: delim, Start: planStart}); err != nil {
			t.Fatal(err)
		}
		_, got, _ := strings.Cut(ndjson[i], ",")
		_, wantAlone, _ := strings.Cut(strings.TrimSuffix(alone.String(), "\n"), ",")
		if got != wantAlone {
			t.Fatalf("row %d in the batch:\n%s\nalone:\n%s", row.line, got, wantAlone)
		}
	}
}

// formulaMarks are the first characters that make a spreadsheet run a
// cell as a formula.
const formulaMarks = "=+-@\t\r"

func checkGuard(t *testing.T, data []byte, delim byte) {
	var guarded bytes.Buffer
	if _, err := batch.Run(context.Background(), loadCatalog(t), bytes.NewReader(data), render.BatchRows(&guarded, render.CSV, render.BatchOptions{}), batch.Options{Delimiter: delim, Start: planStart}); err != nil {
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
			if cell != "" && strings.ContainsRune(formulaMarks, rune(cell[0])) {
				t.Fatalf("record %d cell %d %q would run as a formula", i, j, cell)
			}
		}
	}
}

func checkNDJSON(t *testing.T, data []byte, delim byte, want []oracleRecord) {
	var nd bytes.Buffer
	if _, err := batch.Run(context.Background(), loadCatalog(t), bytes.NewReader(data), render.BatchRows(&nd, render.NDJSON, render.BatchOptions{}), batch.Options{Delimiter: delim, Start: planStart}); err != nil {
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
	checkRowsAlone(t, delim, want, lines)
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
		// NUL bytes that a separator-joined cache key would confuse
		"role,years,accountability\nx\x00,y,team\nx,\x00y,team\n",
		// records without line breaks, and long ones among short ones
		"role,years,accountability,SRE,6,team,SRE,6,team,SRE,6,team,SRE,6,team",
		"role,years,accountability\nSRE,6,team\nSRE,6,team" + strings.Repeat("x", 200) + "\nSRE,6,team\n",
		"role,years,accountability\rSRE,6,team\rSRE,6,team\r",
		"\n\n\r\nrole,years,accountability\n\n\r\n\"SRE\",6,team\r\n\r\n\"SRE\n\n\",6\n",
		"x,x_3,x,role,years,accountability,level,careerpath_error,ERROR\n1,2,3,SRE,6,team,a,b,c\n",
	} {
		f.Add([]byte(s), byte(','))
	}
	f.Fuzz(func(t *testing.T, data []byte, delim byte) {
		if !batch.ValidDelimiter(delim) {
			delim = ','
		}
		checkNothingLost(t, data, delim)
		// The same rows under a header the batch accepts.
		header := strings.Join([]string{batch.ColumnRole, batch.ColumnYears, batch.ColumnAccountability}, string(delim)) + "\n"
		withHeader := append([]byte(header), data...)
		checkNothingLost(t, withHeader, delim)
		checkVisitedCells(t, withHeader, delim)
	})
}

// checkVisitedCells checks that batch.Visit and batch.VisitChunks hand
// over each record's cells as encoding/csv reads them, padded or cut to
// the header's width.
func checkVisitedCells(t *testing.T, data []byte, delim byte) {
	want := readOracle(t, data, delim)
	opts := batch.Options{Delimiter: delim, Start: planStart, Workers: 2}
	var visited, chunked [][]string
	_, err := batch.Visit(context.Background(), loadCatalog(t), bytes.NewReader(data), opts,
		func([]string) error { return nil },
		func(r batch.AdvisedRow) error { visited = append(visited, slices.Clone(r.Fields)); return nil })
	var he *batch.HeaderError
	if errors.As(err, &he) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	// VisitChunks lends its cells: they are copied before visit returns.
	_, err = batch.VisitChunks(context.Background(), loadCatalog(t), bytes.NewReader(data), opts,
		func([]string) error { return nil },
		func(rows []batch.AdvisedRow) error {
			for _, r := range rows {
				cells := make([]string, len(r.Fields))
				for i, c := range r.Fields {
					cells[i] = strings.Clone(c)
				}
				chunked = append(chunked, cells)
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	width := len(want[0].fields)
	for name, got := range map[string][][]string{"batch.Visit": visited, "batch.VisitChunks": chunked} {
		if len(got) != len(want)-1 {
			t.Fatalf("%s gave %d rows, encoding/csv reads %d", name, len(got), len(want)-1)
		}
		for i, rec := range want[1:] {
			cells := make([]string, width)
			copy(cells, rec.fields)
			if !slices.Equal(got[i], cells) {
				t.Fatalf("row %d: %s gave %q, encoding/csv reads %q", i+1, name, got[i], cells)
			}
		}
	}
}

// rawCSV is batch's CSV view without the formula guard, which writes the
// cells as they were read.
func rawCSV(w io.Writer) batch.Output {
	return render.BatchRows(w, render.CSV, render.BatchOptions{Raw: true})
}
