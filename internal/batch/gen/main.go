// Command gen writes test data for the batch benchmarks: a staff list of
// -rows rows (with -xlsx, as an .xlsx workbook), or with -miller the Miller script that does the batch's
// lookup. Both are built from the embedded catalog, so neither holds a
// level or role name of its own. With -copy it is the baseline instead: an
// encoding/csv read-and-write pass from stdin to stdout. It is a
// development tool, not part of the careerpath binary:
//
//	go run ./internal/batch/gen -rows 1000000 > staff.csv
//	go run ./internal/batch/gen -rows 100000 -xlsx > staff.xlsx
//	go run ./internal/batch/gen -miller -start 2027-01-04 > batch.mlr
//	go run ./internal/batch/gen -rows 1000000 -first 100001 -seed 2 > manager.csv
//	go build -o csvcopy ./internal/batch/gen && ./csvcopy -copy < staff.csv
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/careerpath/careerpath/internal/batch/batchtest"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/sheet"
)

func main() {
	rows := flag.Int("rows", 1000, "data rows to write")
	first := flag.Int("first", 1, "the first row's employee number, so that two lists can overlap (calibrate)")
	seed := flag.Uint64("seed", 1, "random seed; the same seed gives the same file")
	miller := flag.Bool("miller", false, "write the Miller script instead of data")
	xlsx := flag.Bool("xlsx", false, "write the staff list as an .xlsx workbook, typed as careerpath's -f xlsx types cells")
	copyCSV := flag.Bool("copy", false, "copy CSV from stdin to stdout with encoding/csv (the baseline)")
	start := flag.String("start", "2027-01-04", "plan start the Miller script uses, YYYY-MM-DD")
	flag.Parse()
	cat, err := catalog.Default()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	switch {
	case *copyCSV:
		err = batchtest.CopyCSV(w, bufio.NewReaderSize(os.Stdin, 1<<16))
	case *xlsx:
		err = sheet.FromCSV(w, ',', func(csv io.Writer) error { return batchtest.WriteStaffFrom(csv, cat, *first, *rows, *seed) })
	case *miller:
		err = batchtest.WriteMillerScript(w, cat, *start)
	default:
		err = batchtest.WriteStaffFrom(w, cat, *first, *rows, *seed)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
