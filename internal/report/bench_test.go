package report

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/batch/batchtest"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/render"
)

// benchRows matches the batch benchmarks', so that BenchmarkReport and
// BenchmarkBatchCSV compare; the side-by-side run of docs/performance.md uses 1,000,000.
const benchRows = 100_000

func benchmarkData(b *testing.B) (*catalog.Loaded, []byte) {
	cat, err := catalog.Default()
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := batchtest.WriteStaff(&buf, cat, benchRows, 1); err != nil {
		b.Fatal(err)
	}
	return cat, buf.Bytes()
}

var benchStart = time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)

// BenchmarkReport is the report's whole run but the writing of its small
// document: Visit and the builder.
func BenchmarkReport(b *testing.B) {
	cat, data := benchmarkData(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r := New(cat, Options{Top: DefaultTop})
		sum, err := batch.Visit(context.Background(), cat, bytes.NewReader(data), batch.Options{Start: benchStart, Derive: r.Derive}, r.Begin, r.Add)
		if err != nil || sum.Advised != benchRows {
			b.Fatalf("%+v, %v", sum, err)
		}
		if _, err := r.Report(sum); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkBatchCSV is batch's CSV run on the same rows, the report's
// yardstick.
func BenchmarkBatchCSV(b *testing.B) {
	cat, data := benchmarkData(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		sum, err := batch.Run(context.Background(), cat, bytes.NewReader(data), render.BatchRows(io.Discard, render.CSV, render.BatchOptions{}), batch.Options{Start: benchStart})
		if err != nil || sum.Advised != benchRows {
			b.Fatalf("%+v, %v", sum, err)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
