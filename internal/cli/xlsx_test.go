package cli

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/sheet"
)

// asWorkbook is CSV text as an .xlsx workbook's bytes.
func asWorkbook(t *testing.T, csvText string) string {
	t.Helper()
	var b bytes.Buffer
	if err := sheet.FromCSV(&b, ',', func(w io.Writer) error { _, err := io.WriteString(w, csvText); return err }); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// sheetRecords reads a workbook's rows, without the empty cells at their
// ends, which a sheet leaves out.
func sheetRecords(t *testing.T, data []byte) [][]string {
	t.Helper()
	r, err := sheet.Open(data, "")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var recs [][]string
	for r.Next() {
		cells, err := r.Cells()
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, cells)
	}
	return recs
}

// csvRecords reads CSV output as sheetRecords reads a workbook's.
func csvRecords(t *testing.T, text string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range recs {
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		recs[i] = r
	}
	return recs
}

func readExample(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestXLSXOutputHoldsTheCSVRows: -f xlsx writes the rows of CSV output
// (without the formula guard), as a workbook, and exits as CSV does.
func TestXLSXOutputHoldsTheCSVRows(t *testing.T) {
	staff := writeFile(t, "staff.csv", staffWithRejects)
	self, manager := writeFile(t, "self.csv", readExample(t, "staff.csv")), writeFile(t, "manager.csv", readExample(t, "manager.csv"))
	for _, c := range []struct {
		name string
		args []string
		raw  []string // what turns the CSV's formula guard off
	}{
		{"batch", []string{"batch", staff, "--start", "2027-01-04"}, []string{"--raw"}},
		{"calibrate", []string{"calibrate", self, manager, "--start", "2027-01-04"}, []string{"--raw"}},
		{"titles suggest", []string{"titles", "suggest", self}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			want := runCLI(t, nil, append(slices.Concat(c.args, c.raw), "-f", "csv")...)
			// -f xlsx, or -o's extension without -f.
			for _, format := range [][]string{{"-f", "xlsx"}, nil} {
				out := filepath.Join(t.TempDir(), "out.xlsx")
				got := runCLI(t, nil, slices.Concat(c.args, format, []string{"-o", out})...)
				if got.code != want.code || got.stdout != "" {
					t.Fatalf("%q: exit %d and stdout %q, want exit %d (as CSV) and nothing on stdout; stderr %q", format, got.code, got.stdout, want.code, got.stderr)
				}
				data, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				if g, w := sheetRecords(t, data), csvRecords(t, want.stdout); !slices.EqualFunc(g, w, slices.Equal) || len(w) < 3 {
					t.Errorf("%q: the workbook holds\n%q\nthe CSV\n%q", format, g, w)
				}
			}
		})
	}
}

func TestXLSXRefusedOnATerminal(t *testing.T) {
	staff := writeFile(t, "staff.csv", staffCSV)
	for _, args := range [][]string{
		{"batch", staff},
		{"calibrate", staff, staff},
		{"titles", "suggest", staff},
	} {
		var out, errOut bytes.Buffer
		f, _, _ := batchFactory(t, "", false)
		f.IO.Out, f.IO.ErrOut, f.IO.OutTTY = &out, &errOut, true
		code := run(f, append(args, "--format", "xlsx"))
		if code != cmdutil.ExitUsage || out.Len() != 0 || !strings.Contains(errOut.String(), "--format xlsx writes a workbook, which a terminal cannot show; pass -o FILE.xlsx") {
			t.Errorf("%s -f xlsx on a terminal: exit %d, stdout %q, stderr %q; want exit 2 and a hint to use -o", args[0], code, out.String(), errOut.String())
		}
		// -o - is stdout too; to a pipe or file, stdout takes the workbook.
		f, _, _ = batchFactory(t, "", false)
		out.Reset()
		f.IO.Out = &out
		if code := run(f, append(args, "--format", "xlsx", "-o", "-")); sheet.Sniff(out.Bytes()) != sheet.Zip || code == cmdutil.ExitUsage {
			t.Errorf("%s -f xlsx -o - to a pipe: exit %d, %d bytes", args[0], code, out.Len())
		}
	}
}

// TestWorkbookInputAsCSV: every staff-list command reads the same staff
// list as a workbook as it reads it as CSV, from a file or stdin.
func TestWorkbookInputAsCSV(t *testing.T) {
	staffCSVText := readExample(t, "staff.csv")
	book := asWorkbook(t, staffCSVText)
	manager := writeFile(t, "manager.csv", readExample(t, "manager.csv"))
	bookFile := writeFile(t, "staff-export", book) // no extension: told by content
	for _, args := range [][]string{
		{"batch", "-", "--start", "2027-01-04"},
		{"batch", "-", "-f", "ndjson", "--start", "2027-01-04"},
		{"report", "-", "--by", "team", "--start", "2027-01-04"},
		{"calibrate", "-", manager, "--start", "2027-01-04"},
		{"titles", "suggest", "-"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			fromCSV := runBatchCLIArgs(t, staffCSVText, args...)
			fromBook := runBatchCLIArgs(t, book, args...)
			if fromBook.code != fromCSV.code || fromBook.stdout != fromCSV.stdout || fromBook.stderr != fromCSV.stderr || fromCSV.stdout == "" {
				t.Errorf("from a workbook: exit %d, stderr %q, stdout\n%s\nfrom CSV: exit %d, stderr %q, stdout\n%s",
					fromBook.code, fromBook.stderr, fromBook.stdout, fromCSV.code, fromCSV.stderr, fromCSV.stdout)
			}
			fileArgs := slices.Clone(args)
			fileArgs[slices.Index(fileArgs, "-")] = bookFile
			fromFile := runBatchCLIArgs(t, "", fileArgs...)
			// report names its input; the rest of its output is the same.
			if strings.ReplaceAll(fromFile.stdout, bookFile, "stdin") != fromCSV.stdout {
				t.Errorf("from a workbook file without .xlsx, stdout\n%s\nwant\n%s", fromFile.stdout, fromCSV.stdout)
			}
		})
	}
}

func runBatchCLIArgs(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	f, out, errOut := batchFactory(t, stdin, false)
	code := run(f, args)
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

func TestWorkbookTitleMap(t *testing.T) {
	staff := writeFile(t, "staff.csv", readExample(t, "staff.csv"))
	titlesCSV := writeFile(t, "titles.csv", readExample(t, "titles.csv"))
	titlesBook := writeFile(t, "titles.xlsx", asWorkbook(t, readExample(t, "titles.csv")))
	fromCSV := runCLI(t, nil, "batch", staff, "--titles", titlesCSV, "--start", "2027-01-04")
	fromBook := runCLI(t, nil, "batch", staff, "--titles", titlesBook, "--start", "2027-01-04")
	noMap := runCLI(t, nil, "batch", staff, "--start", "2027-01-04")
	if fromBook.code != fromCSV.code || fromBook.stdout != fromCSV.stdout || fromCSV.stdout == noMap.stdout {
		t.Errorf("with a workbook map: exit %d, stdout\n%s\nwith the CSV map: exit %d, stdout\n%s", fromBook.code, fromBook.stdout, fromCSV.code, fromCSV.stdout)
	}
}

// TestSheetFlagReachesEveryReader: --sheet names the sheet for each
// staff-list command (a workbook written by careerpath has one, Sheet1).
func TestSheetFlagReachesEveryReader(t *testing.T) {
	book := writeFile(t, "staff.xlsx", asWorkbook(t, staffCSV))
	for _, args := range [][]string{
		{"batch", book},
		{"report", book},
		{"calibrate", book, book},
		{"titles", "suggest", book},
	} {
		bad := runCLI(t, nil, append(args, "--sheet", "People")...)
		if bad.code != cmdutil.ExitUsage || !strings.Contains(bad.stderr, `the workbook has no sheet "People"; its sheets are "Sheet1"`) {
			t.Errorf("%s --sheet People: exit %d, stderr %q", args[0], bad.code, bad.stderr)
		}
		if good := runCLI(t, nil, append(args, "--sheet", "sheet1")...); good.code != cmdutil.ExitOK {
			t.Errorf("%s --sheet sheet1: exit %d, stderr %q", args[0], good.code, good.stderr)
		}
	}
}
