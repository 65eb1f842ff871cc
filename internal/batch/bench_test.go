package batch_test

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/batch/batchtest"
	"github.com/careerpath/careerpath/internal/render"
)

// benchRows is the size of the benchmarks' staff list; the side-by-side
// run of docs/performance.md uses the generator's 1,000,000 rows.
const benchRows = 100_000

func staffList(b *testing.B) []byte {
	b.Helper()
	var buf bytes.Buffer
	if err := batchtest.WriteStaff(&buf, loadCatalog(b), benchRows, 1); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func benchmarkFormat(b *testing.B, f render.Format) {
	data := staffList(b)
	cat := loadCatalog(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		sum, err := batch.Run(context.Background(), cat, bytes.NewReader(data), render.BatchRows(io.Discard, f, render.BatchOptions{}), batch.Options{Start: planStart})
		if err != nil || sum.Advised != benchRows {
			b.Fatalf("%+v, %v", sum, err)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkBatchUnknownRoles reads the role from another column, so that
// every row is rejected with an unknown role and a did-you-mean is sought:
// email has 145 distinct values, employee_id a new one every row. Both
// must stay near a normal batch's speed.
func BenchmarkBatchUnknownRoles(b *testing.B) {
	for _, column := range []string{"email", "employee_id"} {
		b.Run(column, func(b *testing.B) {
			data := staffList(b)
			cat := loadCatalog(b)
			b.SetBytes(int64(len(data)))
			b.ResetTimer()
			for b.Loop() {
				sum, err := batch.Run(context.Background(), cat, bytes.NewReader(data), render.BatchRows(io.Discard, render.CSV, render.BatchOptions{}),
					batch.Options{Start: planStart, Columns: map[string]string{batch.ColumnRole: column}})
				if err != nil || sum.Rejected != benchRows {
					b.Fatalf("%+v, %v", sum, err)
				}
			}
			b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

func BenchmarkBatchCSV(b *testing.B)    { benchmarkFormat(b, render.CSV) }
func BenchmarkBatchNDJSON(b *testing.B) { benchmarkFormat(b, render.NDJSON) }

// BenchmarkEncodingCSVPass is the baseline: reading and writing the same
// list with encoding/csv, doing nothing else.
func BenchmarkEncodingCSVPass(b *testing.B) {
	data := staffList(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if err := batchtest.CopyCSV(io.Discard, bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkWorkbook reads and writes the benchmark's 100,000 rows as CSV
// and as an .xlsx workbook: read is CSV out from either input, write is
// CSV in to either output (docs/performance.md has the side-by-side
// runs of the binary).
func BenchmarkWorkbook(b *testing.B) {
	data := staffList(b)
	book := asWorkbook(b, data, ',')
	cat := loadCatalog(b)
	run := func(b *testing.B, in []byte, xlsx bool) {
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			var sum batch.Summary
			write := func(w io.Writer) (err error) {
				sum, err = batch.Run(context.Background(), cat, bytes.NewReader(in), render.BatchRows(w, render.CSV, render.BatchOptions{Raw: xlsx}), batch.Options{Start: planStart})
				return err
			}
			err := write(io.Discard)
			if xlsx {
				err = render.Workbook(io.Discard, ',', write)
			}
			if err != nil || sum.Advised != benchRows {
				b.Fatalf("%+v, %v", sum, err)
			}
		}
		b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
	}
	b.Run("read/csv", func(b *testing.B) { run(b, data, false) })
	b.Run("read/xlsx", func(b *testing.B) { run(b, book, false) })
	b.Run("write/csv", func(b *testing.B) { run(b, data, false) })
	b.Run("write/xlsx", func(b *testing.B) { run(b, data, true) })
}
