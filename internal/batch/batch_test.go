package batch_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/batch/batchtest"
	"github.com/careerpath/careerpath/internal/catalog"

	"github.com/careerpath/careerpath/internal/golden"
	"github.com/careerpath/careerpath/internal/render"
	"github.com/careerpath/careerpath/internal/text"
)

var planStart = time.Date(2027, 1, 4, 0, 0, 0, 0, time.Local)

// defaultCatalog parses the embedded catalog once for all tests.
var defaultCatalog = sync.OnceValues(catalog.Default)

func loadCatalog(t testing.TB) *catalog.Loaded {
	t.Helper()
	cat, err := defaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// runBatch runs the batch on input with render's view of its rows as
// format f, the formula guard on.
func runBatch(t testing.TB, input []byte, f render.Format, opts batch.Options) (string, batch.Summary, error) {
	t.Helper()
	return runView(t, input, f, render.BatchOptions{}, opts)
}

func runView(t testing.TB, input []byte, f render.Format, view render.BatchOptions, opts batch.Options) (string, batch.Summary, error) {
	t.Helper()
	if opts.Start.IsZero() {
		opts.Start = planStart
	}
	var out bytes.Buffer
	sum, err := batch.Run(context.Background(), loadCatalog(t), bytes.NewReader(input), render.BatchRows(&out, f, view), opts)
	return out.String(), sum, err
}

func TestGoldenFixtures(t *testing.T) {
	for _, c := range []struct {
		name, input       string
		format            render.Format
		raw               bool
		opts              batch.Options
		advised, rejected int
	}{
		{name: "bom", advised: 2},
		{name: "crlf", advised: 3},
		{name: "quoted_newlines", advised: 3},
		{name: "ragged", advised: 2, rejected: 3},
		{name: "unknown_columns", advised: 1, rejected: 5},
		{name: "formulas", advised: 6, rejected: 1},
		{name: "formulas_raw", input: "formulas", raw: true, advised: 6, rejected: 1},
		{name: "empty_lines", advised: 2},
		{name: "header_only"},
		{name: "header_aliases", advised: 1},
		{name: "custom_columns", advised: 2, opts: batch.Options{Columns: map[string]string{
			batch.ColumnRole: "Job Title", batch.ColumnYears: " experience (YEARS) ", batch.ColumnAccountability: "Scope of accountability"}}},
		{name: "semicolon", opts: batch.Options{Delimiter: ';'}, advised: 2, rejected: 1},
		{name: "start_column", advised: 2, rejected: 1},
		{name: "mixed", advised: 1, rejected: 1},
		{name: "mixed_ndjson", input: "mixed", format: render.NDJSON, advised: 1, rejected: 1},
		{name: "mixed_json", input: "mixed", format: render.JSON, advised: 1, rejected: 1},
		{name: "mixed_table", input: "mixed", format: render.Table, advised: 1, rejected: 1},
		{name: "header_only_json", input: "header_only", format: render.JSON},
		{name: "ragged_ndjson", input: "ragged", format: render.NDJSON, advised: 2, rejected: 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			input := c.input
			if input == "" {
				input = c.name
			}
			raw, err := os.ReadFile(filepath.Join("testdata", input+".csv"))
			if err != nil {
				t.Fatal(err)
			}
			out, sum, err := runView(t, raw, cmp.Or(c.format, render.CSV), render.BatchOptions{Raw: c.raw}, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			want := batch.Summary{Read: c.advised + c.rejected, Advised: c.advised, Rejected: c.rejected}
			if sum != want {
				t.Errorf("summary %+v, want %+v", sum, want)
			}
			golden.Assert(t, c.name, out)
		})
	}
}

func TestHeaderErrorsWriteNothing(t *testing.T) {
	for _, c := range []struct {
		name, input string
		opts        batch.Options
		want        []string
	}{
		{"empty", "", batch.Options{}, []string{"empty"}},
		{"only blank lines", "\n\r\n\n", batch.Options{}, []string{"empty"}},
		{"only a BOM", "\xef\xbb\xbf", batch.Options{}, []string{"empty"}},
		{"no role column", "id,job,years,accountability\n1,SRE,6,team\n", batch.Options{},
			[]string{"no role column", `looked for "role"`, `"id", "job", "years", "accountability"`, "--column role=NAME"}},
		{"no years column", "role,accountability\nSRE,team\n", batch.Options{},
			[]string{"no years column", `"years", "experience", "years_experience", "yoe"`}},
		{"mapped column absent", "role,years,accountability\nSRE,6,team\n", batch.Options{Columns: map[string]string{batch.ColumnRole: "Job Title"}},
			[]string{`looked for "job title"`, `"role", "years", "accountability"`}},
		{"ambiguous", "role,years,yoe,accountability\nSRE,6,6,team\n", batch.Options{},
			[]string{"years column is ambiguous", `"years", "yoe"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, f := range render.BatchFormats {
				out, _, err := runBatch(t, []byte(c.input), f, c.opts)
				var he *batch.HeaderError
				if !errors.As(err, &he) {
					t.Fatalf("%s: err = %v, want a batch.HeaderError", f, err)
				}
				if out != "" {
					t.Errorf("%s: wrote %q before failing", f, out)
				}
				for _, w := range c.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q lacks %q", err, w)
					}
				}
			}
		})
	}
}

// Each render.NDJSON row must be exactly what `careerpath advise --json` writes
// for the same answers, plus row and record.
func TestNDJSONRowsAreTheAdviseRecommendation(t *testing.T) {
	var in bytes.Buffer
	cat := loadCatalog(t)
	if err := batchtest.WriteStaff(&in, cat, 3000, 7); err != nil {
		t.Fatal(err)
	}
	in.WriteString(`E9,"Odd\u2028 ""name""",x@y,"site_reliability-ENGINEER",0.5,"Multi  Team"` + "\n")
	out, sum, err := runBatch(t, in.Bytes(), render.NDJSON, batch.Options{})
	if err != nil || sum.Rejected != 0 {
		t.Fatalf("err %v, summary %+v", err, sum)
	}
	records, err := csv.NewReader(bytes.NewReader(in.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	adv := advisor.New(cat)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(records)-1 {
		t.Fatalf("%d lines for %d rows", len(lines), len(records)-1)
	}
	for i, line := range lines {
		r := records[i+1]
		rec, err := adv.Advise(advisor.Answers{Role: r[3], Years: r[4], Accountability: r[5]}, planStart)
		if err != nil {
			t.Fatal(err)
		}
		want, err := text.CompactJSON(rec)
		if err != nil {
			t.Fatal(err)
		}
		prefix := fmt.Sprintf(`{"row":%d,"record":{`, i+2)
		_, rest, ok := strings.Cut(line, `},"schema_version"`)
		if !strings.HasPrefix(line, prefix) || !ok || `{"schema_version"`+rest != string(want) {
			t.Fatalf("row %d:\n got %s\nwant %s", i+2, line, want)
		}
	}
}

// A large file keeps every row, in order.
func TestLargeFileKeepsEveryRowInOrder(t *testing.T) {
	rows := 200_000
	if testing.Short() {
		rows = 20_000
	}
	var in bytes.Buffer
	if err := batchtest.WriteStaff(&in, loadCatalog(t), rows, 3); err != nil {
		t.Fatal(err)
	}
	out, sum, err := runBatch(t, in.Bytes(), render.CSV, batch.Options{Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Read != rows || sum.Advised != rows {
		t.Fatalf("summary %+v, want %d rows advised", sum, rows)
	}
	r := csv.NewReader(strings.NewReader(out))
	r.ReuseRecord = true
	if _, err := r.Read(); err != nil {
		t.Fatal(err)
	}
	for i := 1; ; i++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			if i-1 != rows {
				t.Fatalf("%d rows out, %d in", i-1, rows)
			}
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("E%07d", i); rec[0] != want || rec[6+slices.Index(batch.OutputColumns, "error")] != "" || rec[6] == "" {
			t.Fatalf("output row %d is %v, want %s advised", i, rec, want)
		}
	}
}

func TestContextCancelStopsTheRun(t *testing.T) {
	var in bytes.Buffer
	if err := batchtest.WriteStaff(&in, loadCatalog(t), 50_000, 1); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := batch.Run(ctx, loadCatalog(t), &in, render.BatchRows(io.Discard, render.CSV, render.BatchOptions{}), batch.Options{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// A row's start follows the date rules of `careerpath advise`: a date
// from 1900 to 2999, and no date of the advice past 2999.
func TestRowStartFollowsTheAdviseDateRule(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	adv := advisor.New(cat)
	for _, start := range []string{"9999-12-31", "0000-01-01", "1899-12-31", "1900-01-01", "2999-12-31", "2998-01-01", "3000-01-01", " 2027-03-01 ", "2027-02-30"} {
		t.Run(start, func(t *testing.T) {
			day, dateErr := advisor.ParseDate(start)
			if dateErr == nil {
				_, dateErr = adv.Advise(advisor.Answers{Role: "SRE", Years: "6", Accountability: "team"}, day)
			}
			out, sum, err := runBatch(t, []byte("role,years,accountability,start\nSRE,6,team,"+start+"\n"), render.NDJSON, batch.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if (sum.Rejected == 1) != (dateErr != nil) {
				t.Fatalf("ParseDate says %v, the batch %+v: %s", dateErr, sum, out)
			}
			if e := rowErrors(t, out)[0]; dateErr != nil && (e.Column != "start" || !strings.HasPrefix(e.Message, dateErr.Error())) {
				t.Errorf("the row's error %+v is not advise's %q", e, dateErr)
			}
		})
	}
}

// Rows whose answers differ only in where a NUL byte falls must not share
// a cached outcome.
func TestRejectedRowsWithNULBytesKeepTheirOwnError(t *testing.T) {
	in := "role,years,accountability\nx\x00,y,team\nx,\x00y,team\n"
	out, sum, err := runBatch(t, []byte(in), render.NDJSON, batch.Options{Workers: 1})
	if err != nil || sum.Rejected != 2 {
		t.Fatalf("err %v, summary %+v", err, sum)
	}
	errs := rowErrors(t, out)
	if !strings.HasPrefix(errs[0].Message, `unknown role "x\x00"`) || !strings.HasPrefix(errs[1].Message, `unknown role "x"`) {
		t.Fatalf("rows 2 and 3 got %+v", errs)
	}
}

type rowError struct{ Column, Message string }

// rowErrors decodes the error of each render.NDJSON row.
func rowErrors(t *testing.T, ndjson string) []rowError {
	t.Helper()
	var errs []rowError
	for _, line := range strings.Split(strings.TrimSuffix(ndjson, "\n"), "\n") {
		var row struct{ Error rowError }
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		errs = append(errs, row.Error)
	}
	return errs
}

// Every output column has a name of its own: input columns keep theirs
// unless repeated, and added columns step aside for input ones.
func TestOutputNamesAreUnique(t *testing.T) {
	for _, c := range []struct {
		name, header string
		wantInput    []string
		wantAdded    map[string]string // an added column's name, where not its own
	}{
		{"repeats", "x,x_3,x,role,years,accountability",
			[]string{"x", "x_3", "x_3_2", "role", "years", "accountability"}, nil},
		{"repeats named later", "x,x,x_2,role,years,accountability",
			[]string{"x", "x_2_2", "x_2", "role", "years", "accountability"}, nil},
		{"empty names", ",,role,years,accountability",
			[]string{"", "_2", "role", "years", "accountability"}, nil},
		{"added names", "role,years,accountability, Level ,level_order,careerpath_level",
			[]string{"role", "years", "accountability", " Level ", "level_order", "careerpath_level"},
			map[string]string{"level": "careerpath_careerpath_level", "level_order": "careerpath_level_order"}},
		{"error", "role,years,accountability,error,ERROR",
			[]string{"role", "years", "accountability", "error", "ERROR"}, map[string]string{"error": "careerpath_error"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			want := slices.Clone(c.wantInput)
			for _, name := range batch.OutputColumns {
				want = append(want, cmp.Or(c.wantAdded[name], name))
			}
			in := c.header + "\n" + strings.Repeat(",", len(c.wantInput)-1) + "\n"
			out, _, err := runBatch(t, []byte(in), render.CSV, batch.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := csv.NewReader(strings.NewReader(out)).Read()
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("render.CSV header %q, want %q", got, want)
			}
			nd, _, err := runBatch(t, []byte(in), render.NDJSON, batch.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var row struct{ Record map[string]string }
			if err := json.Unmarshal([]byte(nd), &row); err != nil {
				t.Fatal(err)
			}
			for _, name := range c.wantInput {
				if _, ok := row.Record[name]; !ok || len(row.Record) != len(c.wantInput) {
					t.Errorf("render.NDJSON record %v lacks %q or has other keys", row.Record, name)
				}
			}
		})
	}
}
