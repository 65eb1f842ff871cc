package batch_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/render"
	"github.com/careerpath/careerpath/internal/sheet"
)

// asWorkbook writes CSV records as a workbook, typed as sheet.Writer
// types them: years as numbers, starts as dates.
func asWorkbook(t testing.TB, csvText []byte, delim rune) []byte {
	t.Helper()
	var b bytes.Buffer
	err := sheet.FromCSV(&b, delim, func(w io.Writer) error {
		_, err := w.Write(csvText)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// staffOneLinePerRow is staffWithRejects without the rows a workbook
// cannot hold the same way: a CSV row short of cells is a sheet row whose
// last cells are empty, and a cell over two lines makes CSV's line
// numbers differ from rows.
func staffOneLinePerRow(t testing.TB, rows int) []byte {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(staffWithRejects(t, rows)))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	recs = slices.DeleteFunc(recs, func(rec []string) bool {
		return len(rec) != len(recs[0]) || slices.ContainsFunc(rec, func(c string) bool { return strings.Contains(c, "\n") })
	})
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(recs)
	return b.Bytes()
}

func TestWorkbookGivesTheCSVRows(t *testing.T) {
	input := staffOneLinePerRow(t, 3000)
	book := asWorkbook(t, input, ',')
	for _, f := range []render.Format{render.CSV, render.NDJSON} {
		want, wantSum, err := runBatch(t, input, f, batch.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got, gotSum, err := runBatch(t, book, f, batch.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if gotSum != wantSum || wantSum.Rejected == 0 || wantSum.Advised == 0 {
			t.Errorf("%s: the workbook's summary is %+v, the CSV's %+v (both should have advised and rejected rows)", f, gotSum, wantSum)
		}
		if got != want {
			t.Errorf("%s: the workbook's rows differ from the same rows as CSV:\n%s", f, firstDiff(got, want))
		}
	}

	// Visit and ReadRows read it alike.
	visit := func(in []byte) (rows []batch.AdvisedRow) {
		_, err := batch.Visit(context.Background(), loadCatalog(t), bytes.NewReader(in), batch.Options{Start: planStart},
			func([]string) error { return nil },
			func(r batch.AdvisedRow) error { r.Fields = slices.Clone(r.Fields); rows = append(rows, r); return nil })
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	fromCSV, fromBook := visit(input), visit(book)
	if !slices.EqualFunc(fromCSV, fromBook, func(a, b batch.AdvisedRow) bool {
		return a.Line == b.Line && slices.Equal(a.Fields, b.Fields) && a.Message == b.Message && a.Rec == nil == (b.Rec == nil) &&
			(a.Rec == nil || a.Rec.Level.ID == b.Rec.Level.ID && a.Rec.Plan.End == b.Rec.Plan.End)
	}) {
		t.Errorf("Visit: the workbook's %d rows differ from the CSV's %d", len(fromBook), len(fromCSV))
	}
	readRows := func(in []byte) (rows []batch.Row) {
		err := batch.ReadRows(context.Background(), bytes.NewReader(in), batch.Options{}, func(r batch.Row) error { rows = append(rows, r); return nil })
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	if a, b := readRows(input), readRows(book); !slices.Equal(a, b) {
		t.Errorf("ReadRows: the workbook's %d rows differ from the CSV's %d", len(b), len(a))
	}
}

// firstDiff shows the first line that differs.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, g[i], w[i])
		}
	}
	return "the outputs differ in length"
}

func TestWorkbookRowsAreItsRowNumbers(t *testing.T) {
	// A cell over two lines, a delimiter and a quote in cells, blank
	// rows before the header and between rows, a short row: the line of a
	// row is its row in the sheet, and its cells are the sheet's.
	f := excelize.NewFile()
	defer f.Close()
	for at, cells := range map[string][]any{
		"A3": {"name", "role", "years", "accountability"},
		"A5": {"two\nlines", "SRE", 5, "team"},
		"A7": {`a "quoted"; name, too`, "Cloud Engineer", 2.5, "individual"},
		"A8": {"short; row", "SRE"},
	} {
		if err := f.SetSheetRow("Sheet1", at, &cells); err != nil {
			t.Fatal(err)
		}
	}
	book, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	var rows []batch.AdvisedRow
	_, err = batch.Visit(context.Background(), loadCatalog(t), book, batch.Options{Start: planStart, Delimiter: ';'},
		func([]string) error { return nil },
		func(r batch.AdvisedRow) error { r.Fields = slices.Clone(r.Fields); rows = append(rows, r); return nil })
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		line   int
		fields []string
		err    string
	}
	want := []row{
		{5, []string{"two\nlines", "SRE", "5", "team"}, ""},
		{7, []string{`a "quoted"; name, too`, "Cloud Engineer", "2.5", "individual"}, ""},
		{8, []string{"short; row", "SRE", "", ""}, "years"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(rows), len(want), rows)
	}
	for i, w := range want {
		r := rows[i]
		if r.Line != w.line || !slices.Equal(r.Fields, w.fields) || r.Column != w.err {
			t.Errorf("row %d: line %d, fields %q, error column %q; want line %d, fields %q, error column %q",
				i, r.Line, r.Fields, r.Column, w.line, w.fields, w.err)
		}
	}
}

func TestWorkbookInputErrors(t *testing.T) {
	book := asWorkbook(t, []byte("role,years,accountability\nSRE,5,team\n"), ',')
	for _, c := range []struct {
		name  string
		input []byte
		opts  batch.Options
		want  string
	}{
		{"missing sheet", book, batch.Options{Sheet: "Staff"}, `the workbook has no sheet "Staff"; its sheets are "Sheet1": pass one of them to --sheet`},
		{"xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest of an old workbook"), batch.Options{}, "old Excel .xls workbook"},
		{"empty sheet", asWorkbook(t, nil, ','), batch.Options{}, `sheet "Sheet1" of the workbook is empty`},
		{"no role column", asWorkbook(t, []byte("job,years,accountability\n"), ','), batch.Options{}, `no role column: looked for "role", "job_title", "job title", "title", "position", and the header has "job", "years", "accountability"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := runBatch(t, c.input, render.CSV, c.opts)
			var he *batch.HeaderError
			if !errors.As(err, &he) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want a HeaderError saying %q", err, c.want)
			}
		})
	}
	// A CSV input ignores --sheet.
	if _, sum, err := runBatch(t, []byte("role,years,accountability\nSRE,5,team\n"), render.CSV, batch.Options{Sheet: "Staff"}); err != nil || sum.Advised != 1 {
		t.Errorf("CSV with a sheet name: %+v, %v", sum, err)
	}
}

// failingWriter fails every write after the first n bytes.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

// TestWorkbookRunStopsCleanly: a run whose output fails while rows of the
// sheet are still unread returns the output's error and closes the sheet,
// again and again (CI runs the batch tests under -race; the reader may
// still be in the sheet when the run closes it, which a lock guards).
func TestWorkbookRunStopsCleanly(t *testing.T) {
	book := asWorkbook(t, staffOneLinePerRow(t, 3000), ',')
	for range 3 {
		_, err := batch.Run(context.Background(), loadCatalog(t), bytes.NewReader(book),
			render.BatchRows(&failingWriter{n: 4096}, render.CSV, render.BatchOptions{}), batch.Options{Start: planStart})
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Fatalf("got %v, want the write's error", err)
		}
	}
}
