package batch_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/batch/batchtest"
	"github.com/careerpath/careerpath/internal/render"
)

// staffWithRejects is a generated staff list with rows spoiled in every
// way the batch rejects: unknown role, bad years, unknown accountability,
// too few and too many fields, a bad start, and a quoted cell over two
// lines so that physical lines and rows differ.
func staffWithRejects(t testing.TB, rows int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := batchtest.WriteStaff(&buf, loadCatalog(t), rows, 7); err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(buf.String(), "\n")
	lines[0] = strings.TrimSuffix(lines[0], "\n") + ",start\n"
	for i := 1; i < len(lines)-1; i++ {
		line := strings.TrimSuffix(lines[i], "\n")
		cells := strings.Split(line, ",")
		switch i % 97 {
		case 3:
			cells[3] = "Sr. Wizard"
		case 5:
			cells[4] = "many"
		case 7:
			cells[5] = "galactic"
		case 11:
			cells = cells[:4]
		case 13:
			cells = append(cells, "", "extra")
		case 17:
			cells = append(cells, "2027-13-45")
		case 19:
			cells[1] = "\"two\nlines\""
		case 23:
			cells = append(cells, "2028-02-29")
		}
		if len(cells) == 6 {
			cells = append(cells, "")
		}
		lines[i] = strings.Join(cells, ",") + "\n"
	}
	return []byte(strings.Join(lines, ""))
}

func TestVisitSeesWhatRunWrites(t *testing.T) {
	input := staffWithRejects(t, 20_000)
	opts := batch.Options{Start: planStart}
	var out bytes.Buffer
	runSum, err := batch.Run(context.Background(), loadCatalog(t), bytes.NewReader(input), render.BatchRows(&out, render.CSV, render.BatchOptions{}), opts)
	if err != nil {
		t.Fatal(err)
	}
	written, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}

	var header []string
	var rows []batch.AdvisedRow
	visitSum, err := batch.Visit(context.Background(), loadCatalog(t), bytes.NewReader(input), opts,
		func(h []string) error { header = h; return nil },
		func(r batch.AdvisedRow) error { r.Fields = slices.Clone(r.Fields); rows = append(rows, r); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if visitSum != runSum {
		t.Errorf("batch.Visit counted %+v, batch.Run %+v", visitSum, runSum)
	}
	if runSum.Rejected < 100 || runSum.Advised < 10_000 {
		t.Fatalf("the fixture should mix rejects and advised rows: %+v", runSum)
	}
	width := len(header)
	if !slices.Equal(written[0][:width], header) {
		t.Fatalf("header %q, batch.Run wrote %q", header, written[0][:width])
	}
	if len(rows) != len(written)-1 {
		t.Fatalf("batch.Visit saw %d rows, batch.Run wrote %d", len(rows), len(written)-1)
	}
	for i, r := range rows {
		want := written[i+1]
		if got := visitedAsCSV(r); !slices.Equal(got, want) {
			t.Fatalf("row %d: batch.Visit gave\n%q\nRun wrote\n%q", i+1, got, want)
		}
	}
}

// visitedAsCSV writes a visited row as the batch's CSV output row.
func visitedAsCSV(r batch.AdvisedRow) []string {
	row := slices.Clone(r.Fields)
	if r.Rec == nil {
		cell := fmt.Sprintf("line %d: %s", r.Line, r.Message)
		if r.Column != "" {
			cell = fmt.Sprintf("line %d, column %q: %s", r.Line, r.Column, r.Message)
		}
		return append(row, "", "", "", "", "", "", cell, "", batch.StatusRejected)
	}
	next, eligible := "", ""
	if r.Rec.NextLevel != nil {
		next, eligible = r.Rec.NextLevel.Name, r.Rec.NextLevel.EligibleFrom
	}
	var ids []string
	for _, s := range r.Rec.Specialisations[:min(3, len(r.Rec.Specialisations))] { // the CSV view lists three
		ids = append(ids, s.ID)
	}
	return append(row, r.Rec.Level.Name, strconv.Itoa(r.Rec.Level.Order), next, r.Rec.Plan.Start, r.Rec.Plan.End, strings.Join(ids, ";"), "", eligible, batch.StatusAdvised)
}

// VisitChunks hands the rows Visit does, in runs, their cells lent: a
// copy made during the visit is the row.
func TestVisitChunksHandsVisitsRowsInRuns(t *testing.T) {
	input := staffWithRejects(t, 20_000)
	opts := batch.Options{Start: planStart}
	var want []batch.AdvisedRow
	wantSum, err := batch.Visit(context.Background(), loadCatalog(t), bytes.NewReader(input), opts,
		func([]string) error { return nil },
		func(r batch.AdvisedRow) error { r.Fields = slices.Clone(r.Fields); want = append(want, r); return nil })
	if err != nil {
		t.Fatal(err)
	}
	var got []batch.AdvisedRow
	runs := 0
	gotSum, err := batch.VisitChunks(context.Background(), loadCatalog(t), bytes.NewReader(input), opts,
		func([]string) error { return nil },
		func(rows []batch.AdvisedRow) error {
			runs++
			for _, r := range rows {
				r.Fields = slices.Clone(r.Fields)
				for i, cell := range r.Fields {
					r.Fields[i] = strings.Clone(cell)
				}
				got = append(got, r)
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if gotSum != wantSum || len(got) != len(want) {
		t.Fatalf("VisitChunks counted %+v and handed %d rows, Visit %+v and %d", gotSum, len(got), wantSum, len(want))
	}
	if runs < 2 || runs > len(got)/100 {
		t.Errorf("%d runs of %d rows; want runs of some hundreds", runs, len(got))
	}
	for i := range got {
		if !slices.Equal(visitedAsCSV(got[i]), visitedAsCSV(want[i])) {
			t.Fatalf("row %d: VisitChunks gave %q, Visit %q", i+1, visitedAsCSV(got[i]), visitedAsCSV(want[i]))
		}
	}
}

func TestVisitStopsOnTheVisitorsError(t *testing.T) {
	input := staffWithRejects(t, 50_000)
	stop := errors.New("enough")
	seen := 0
	_, err := batch.Visit(context.Background(), loadCatalog(t), bytes.NewReader(input), batch.Options{Start: planStart},
		func([]string) error { return nil },
		func(batch.AdvisedRow) error {
			seen++
			if seen == 10 {
				return stop
			}
			return nil
		})
	if !errors.Is(err, stop) || seen != 10 {
		t.Fatalf("got %v after %d rows; want the visitor's error after 10", err, seen)
	}
}

func TestVisitHeaderErrorVisitsNothing(t *testing.T) {
	called := false
	_, err := batch.Visit(context.Background(), loadCatalog(t), strings.NewReader("name,years\nAda,3\n"), batch.Options{},
		func([]string) error { called = true; return nil },
		func(batch.AdvisedRow) error { called = true; return nil })
	var he *batch.HeaderError
	if !errors.As(err, &he) || called {
		t.Fatalf("got %v, called %v; want a *batch.HeaderError and no call", err, called)
	}
}

func TestVisitBeginErrorStops(t *testing.T) {
	stop := fmt.Errorf("no thanks")
	_, err := batch.Visit(context.Background(), loadCatalog(t), bytes.NewReader(staffWithRejects(t, 10)), batch.Options{},
		func([]string) error { return stop },
		func(batch.AdvisedRow) error { t.Fatal("visited after begin failed"); return nil })
	if !errors.Is(err, stop) {
		t.Fatalf("got %v; want begin's error", err)
	}
}

func BenchmarkVisit(b *testing.B) {
	data := staffList(b)
	cat := loadCatalog(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		sum, err := batch.Visit(context.Background(), cat, bytes.NewReader(data), batch.Options{Start: planStart},
			func([]string) error { return nil }, func(batch.AdvisedRow) error { return nil })
		if err != nil || sum.Advised != benchRows {
			b.Fatalf("%+v, %v", sum, err)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
