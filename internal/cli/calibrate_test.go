package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/batch/batchtest"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/golden"
	"github.com/careerpath/careerpath/internal/schematest"
)

// The fixtures: self.csv (LF, no BOM) and manager.csv (BOM, CRLF, the key
// header in another case) cover every status, a key on one side only,
// keys repeated on either side, an empty key, a row of the wrong shape,
// differing role, years and accountability, a spelling that is no
// difference, a key that looks like a formula and a group with markup.
const (
	calibrationSelf    = "testdata/calibrate/self.csv"
	calibrationManager = "testdata/calibrate/manager.csv"
)

func runCalibrateCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	f, out, errOut := batchFactory(t, stdin, false)
	code := run(f, append([]string{"calibrate", "--start", "2027-01-04"}, args...))
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

func TestCalibrateFormatsGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
	}{
		{"calibrate_csv", []string{"--by", "team"}},
		{"calibrate_ndjson", []string{"--format", "ndjson"}},
		{"calibrate_json", []string{"--format", "json", "--by", "team"}},
		{"calibrate_table", []string{"--format", "table", "--by", "team"}},
		{"calibrate_markdown", []string{"--format", "markdown", "--by", "team"}},
		{"calibrate_html", []string{"--format", "html", "--by", "team"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runCalibrateCLI(t, "", append([]string{calibrationSelf, calibrationManager}, c.args...)...)
			if r.code != cmdutil.ExitRejected {
				t.Fatalf("exit %d, want 3; stderr %q", r.code, r.stderr)
			}
			golden.Assert(t, c.name, r.stdout)
			for _, w := range []string{
				calibrationSelf + ": 13 rows read, 11 advised, 2 rejected",
				calibrationManager + ": 13 rows read, 12 advised, 1 rejected",
				"12 of 18 records not compared",
			} {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q lacks %q", r.stderr, w)
				}
			}
		})
	}
}

// TestCalibrateCSVRecordsHaveTheHeadersCells reads the CSV back: every
// record, the one with an empty key included, has as many cells as the
// header (encoding/csv refuses a record that differs).
func TestCalibrateCSVRecordsHaveTheHeadersCells(t *testing.T) {
	for _, args := range [][]string{nil, {"--by", "team"}} {
		r := runCalibrateCLI(t, "", append([]string{calibrationSelf, calibrationManager}, args...)...)
		records, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		if len(records) != 19 {
			t.Errorf("%v: %d lines, want the header and 18 records", args, len(records))
		}
	}
}

func TestCalibrateSummaryOnStderrForMachineFormats(t *testing.T) {
	r := runCalibrateCLI(t, "", calibrationSelf, calibrationManager, "--by", "team", "--min-group", "1")
	want := `18 records: 6 compared on both sides, agreement 66.7% (4 of 6)
  agree 4, manager-higher 1, self-higher 1, only-self 1, only-manager 1, rejected 10
  delta (manager minus self) -2: 0, -1: 1, 0: 4, +1: 1, +2: 0
  by team, mean delta (above 0: managers rate higher than their people):
    core: +0.25 (4 compared of 12)
    web: -0.50 (2 compared of 4)
    <b>ops|x</b>: - (0 compared of 1)
    ops: - (0 compared of 1)
`
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks the summary:\n%s", r.stderr)
	}
	if table := runCalibrateCLI(t, "", calibrationSelf, calibrationManager, "-f", "table"); strings.Contains(table.stderr, "agreement") {
		t.Errorf("table run printed the summary on stderr too: %q", table.stderr)
	}
}

func TestCalibrateJSONMatchesSchema(t *testing.T) {
	nd := runCalibrateCLI(t, "", calibrationSelf, calibrationManager, "-f", "ndjson", "--by", "team")
	if n := schematest.ValidateNDJSON(t, schematest.Calibration, []byte(nd.stdout)); n != 18 {
		t.Errorf("checked %d lines, want 18", n)
	}
	arr := runCalibrateCLI(t, "", calibrationSelf, calibrationManager, "-f", "json")
	var records []json.RawMessage
	if err := json.Unmarshal([]byte(arr.stdout), &records); err != nil {
		t.Fatal(err)
	}
	sch := schematest.Compile(t, schematest.Calibration)
	for i, rec := range records {
		if err := schematest.Check(sch, rec); err != nil {
			t.Errorf("element %d: %v", i, err)
		}
	}
	for name, bad := range map[string]string{
		"agree without delta":  `{"schema_version":"1.0","key":"k","group":null,"status":"agree","self_row":2,"manager_row":2,"self_level":null,"manager_level":null,"delta":null,"differences":[],"errors":[],"self":null,"manager":null}`,
		"rejected with no why": `{"schema_version":"1.0","key":"k","group":null,"status":"rejected","self_row":2,"manager_row":null,"self_level":null,"manager_level":null,"delta":null,"differences":[],"errors":[],"self":null,"manager":null}`,
		"unknown field":        `{"schema_version":"1.0","key":"k","group":null,"status":"only-self","self_row":2,"manager_row":null,"self_level":null,"manager_level":null,"delta":null,"differences":[],"errors":[],"self":{},"manager":null,"extra":1}`,
	} {
		if schematest.Check(sch, []byte(bad)) == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// Each record's recommendations are the ones advise gives for that side's
// row, with the row's own spelling of the answers.
func TestCalibrateRecommendationsAreAdvisesOwn(t *testing.T) {
	nd := runCalibrateCLI(t, "", calibrationSelf, calibrationManager, "-f", "ndjson")
	var rec struct {
		Key     string          `json:"key"`
		Self    json.RawMessage `json:"self"`
		Manager json.RawMessage `json:"manager"`
	}
	line := strings.Split(nd.stdout, "\n")[5] // E6: sre / Site Reliability Engineer
	if err := json.Unmarshal([]byte(line), &rec); err != nil || rec.Key != "E6" {
		t.Fatalf("record 6 %q: %v", line, err)
	}
	adv := runCLI(t, nil, "advise", "--role", "sre", "--years", "6.0", "--accountability", "TEAM", "--start", "2027-01-04", "--json")
	var want bytes.Buffer
	if err := json.Compact(&want, []byte(adv.stdout)); err != nil {
		t.Fatal(err)
	}
	if string(rec.Self) != want.String() {
		t.Errorf("self recommendation\n%s\nwant advise's\n%s", rec.Self, want.String())
	}
}

func TestCalibrateHTMLIsSelfContainedAndEscaped(t *testing.T) {
	r := runCalibrateCLI(t, "", calibrationSelf, calibrationManager, "-f", "html", "--by", "team")
	page := r.stdout
	if !strings.Contains(page, `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;`) {
		t.Error("no Content-Security-Policy forbidding loads")
	}
	if m := regexp.MustCompile(`(?i)(src|href)\s*=|<script|<link|@import|url\(`).FindString(page); m != "" {
		t.Errorf("the page loads something: %q", m)
	}
	if strings.Contains(page, "<b>ops") || !strings.Contains(page, "&lt;b&gt;ops|x&lt;/b&gt;") {
		t.Error("a group's markup was not escaped")
	}
}

func TestCalibrateAllMatchedExitsZero(t *testing.T) {
	r := runCalibrateCLI(t, "", "testdata/calibrate/agree_self.csv", "testdata/calibrate/agree_manager.csv")
	if r.code != cmdutil.ExitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	want := "key,status,self_row,manager_row,self_level,self_level_order,manager_level,manager_level_order,delta,differs,self_role,manager_role,self_years,manager_years,self_accountability,manager_accountability,error\n" +
		"ada@example.com,agree,2,3,Professional,2,Professional,2,0,,SRE,Site Reliability Engineer,6,6.0,team,team,\n" +
		"bob@example.com,agree,3,2,Advanced,3,Advanced,3,0,,Engineering Manager,engineering manager,10,10,multi-team,org,\n"
	if r.stdout != want {
		t.Errorf("stdout\n%s\nwant\n%s", r.stdout, want)
	}
}

func TestCalibrateReadsEitherSideFromStdin(t *testing.T) {
	manager, err := os.ReadFile(calibrationManager)
	if err != nil {
		t.Fatal(err)
	}
	fromFiles := runCalibrateCLI(t, "", calibrationSelf, calibrationManager)
	fromStdin := runCalibrateCLI(t, string(manager), calibrationSelf, "-")
	// Messages name the file a repeated key is in: here stdin.
	got := strings.ReplaceAll(fromStdin.stdout, "rows of stdin", "rows of "+calibrationManager)
	got = strings.ReplaceAll(got, "nobody in stdin", "nobody in "+calibrationManager)
	if fromStdin.code != cmdutil.ExitRejected || got != fromFiles.stdout {
		t.Errorf("exit %d; output from stdin differs from the file's:\n%s", fromStdin.code, golden.Diff("from the files", "from stdin", fromFiles.stdout, got))
	}
	if !strings.Contains(fromStdin.stderr, "stdin: 13 rows read") {
		t.Errorf("stderr %q does not name stdin", fromStdin.stderr)
	}
}

func TestCalibrateUsageErrorsExitTwoWithNoOutput(t *testing.T) {
	dir := t.TempDir()
	noKey := writeFile(t, "nokey.csv", "name,role,years,accountability\nAda,SRE,6,team\n")
	idOnly := writeFile(t, "idonly.csv", "id,role,years,accountability\n1,SRE,6,team\n")
	noRole := writeFile(t, "norole.csv", "employee_id,years,accountability\nE1,6,team\n")
	for _, c := range []struct {
		name, stdin string
		args        []string
		want        []string
	}{
		{"--key missing in one file", "", []string{calibrationSelf, idOnly, "--key", "employee_id"},
			[]string{`no key column "employee_id" in ` + idOnly, `"id", "role", "years", "accountability"`, "pass --key"}},
		{"no default key in both", "", []string{calibrationSelf, noKey},
			[]string{"no key column in both files", "employee_id, id, email", `"name", "role"`, "pass --key COLUMN"}},
		{"--by in neither file", "", []string{calibrationSelf, calibrationManager, "--by", "department"},
			[]string{`no --by column "department" in either file`}},
		{"no role column", "", []string{calibrationSelf, noRole}, []string{noRole + ": no role column"}},
		{"both stdin", "x", []string{"-", "-"}, []string{"SELF and MANAGER are both stdin"}},
		{"missing file", "", []string{calibrationSelf, filepath.Join(dir, "nope.csv")}, []string{"cannot read", "nope.csv"}},
		{"empty stdin", "", []string{"-", calibrationManager}, []string{"stdin: the input is empty"}},
		{"one file", "", []string{calibrationSelf}, []string{"careerpath calibrate takes two files, SELF.csv and MANAGER.csv, 1 given"}},
		{"bad format", "", []string{calibrationSelf, calibrationManager, "-f", "xml"}, []string{`unknown format "xml"`, "csv, ndjson, json, table, markdown, html"}},
		{"bad delimiter", "", []string{calibrationSelf, calibrationManager, "--delimiter", "::"}, []string{`invalid --delimiter "::"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runCalibrateCLI(t, c.stdin, c.args...)
			if r.code != cmdutil.ExitUsage || r.stdout != "" {
				t.Fatalf("exit %d, stdout %q; want 2 and nothing; stderr %q", r.code, r.stdout, r.stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr %q lacks %q", r.stderr, w)
				}
			}
		})
	}
}

func TestCalibrateOutputFileIsAtomic(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "calibration.csv")
	if err := os.WriteFile(out, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := runCalibrateCLI(t, "", calibrationSelf, writeFile(t, "nokey.csv", "name,role,years,accountability\n"), "-o", out)
	if got, _ := os.ReadFile(out); bad.code != cmdutil.ExitUsage || string(got) != "old\n" {
		t.Errorf("failed run: exit %d, file %q; want 2 and the old file", bad.code, got)
	}
	good := runCalibrateCLI(t, "", calibrationSelf, calibrationManager, "-o", out)
	stdout := runCalibrateCLI(t, "", calibrationSelf, calibrationManager)
	if got, _ := os.ReadFile(out); good.code != cmdutil.ExitRejected || good.stdout != "" || string(got) != stdout.stdout {
		t.Errorf("exit %d, stdout %q; the file differs from the stdout output", good.code, good.stdout)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the folder, want only the output", len(entries))
	}
}

// A generated pair that overlaps in part: one record per key of the union,
// each key once, and every row of both files in exactly one record.
func TestCalibrateGeneratedPairCoversTheUnionOfKeys(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	const rows, offset = 3000, 1000
	var self, manager bytes.Buffer
	if err := batchtest.WriteStaffFrom(&self, cat, 1, rows, 1); err != nil {
		t.Fatal(err)
	}
	if err := batchtest.WriteStaffFrom(&manager, cat, 1+offset, rows, 2); err != nil {
		t.Fatal(err)
	}
	r := runCalibrateCLI(t, "", writeFile(t, "self.csv", self.String()), writeFile(t, "manager.csv", manager.String()), "-f", "ndjson")
	if r.code != cmdutil.ExitRejected {
		t.Fatalf("exit %d, want 3 (people on one side only); stderr %q", r.code, r.stderr)
	}
	keys := map[string]int{}
	rowsSeen := map[string]int{}
	statuses := map[string]int{}
	for _, line := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
		var rec struct {
			Key        string `json:"key"`
			Status     string `json:"status"`
			SelfRow    *int   `json:"self_row"`
			ManagerRow *int   `json:"manager_row"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		keys[rec.Key]++
		statuses[rec.Status]++
		if rec.SelfRow != nil {
			rowsSeen[fmt.Sprint("self ", *rec.SelfRow)]++
		}
		if rec.ManagerRow != nil {
			rowsSeen[fmt.Sprint("manager ", *rec.ManagerRow)]++
		}
	}
	if len(keys) != rows+offset {
		t.Errorf("%d distinct keys in the output, want the union's %d", len(keys), rows+offset)
	}
	for k, n := range keys {
		if n != 1 {
			t.Errorf("key %s in %d records", k, n)
		}
	}
	if len(rowsSeen) != 2*rows {
		t.Errorf("%d rows in the records, want %d", len(rowsSeen), 2*rows)
	}
	if statuses["only-self"] != offset || statuses["only-manager"] != offset || statuses["rejected"] != 0 {
		t.Errorf("statuses %v; want %d only-self, %d only-manager, none rejected", statuses, offset, offset)
	}
}

// CSV is written in blocks of records on every core and counts its summary
// as it goes; over a pair of files several blocks long, its records come
// in the order of NDJSON's, which walks them in one pass, and its summary
// is the one counted apart.
func TestCalibrateCSVBlocksKeepTheRecordOrderAndSummary(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	const rows, offset = 10_000, 2_000 // 12,000 records: two blocks
	var self, manager bytes.Buffer
	if err := batchtest.WriteStaffFrom(&self, cat, 1, rows, 1); err != nil {
		t.Fatal(err)
	}
	if err := batchtest.WriteStaffFrom(&manager, cat, 1+offset, rows, 2); err != nil {
		t.Fatal(err)
	}
	files := []string{writeFile(t, "self.csv", self.String()), writeFile(t, "manager.csv", manager.String())}
	csv := runCalibrateCLI(t, "", files...)
	ndjson := runCalibrateCLI(t, "", append(files, "-f", "ndjson")...)
	if csv.code != cmdutil.ExitRejected || ndjson.code != cmdutil.ExitRejected {
		t.Fatalf("exits %d and %d, want 3; stderr %q", csv.code, ndjson.code, csv.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(csv.stdout, "\n"), "\n")[1:]
	records := strings.Split(strings.TrimSuffix(ndjson.stdout, "\n"), "\n")
	if len(lines) != rows+offset || len(records) != rows+offset {
		t.Fatalf("%d CSV and %d NDJSON records, want %d", len(lines), len(records), rows+offset)
	}
	for i, line := range lines {
		var rec struct {
			Key    string            `json:"key"`
			Labels map[string]string `json:"labels"`
			Status string            `json:"status"`
		}
		if err := json.Unmarshal([]byte(records[i]), &rec); err != nil {
			t.Fatal(err)
		}
		if want := rec.Key + "," + rec.Labels["name"] + "," + rec.Status + ","; !strings.HasPrefix(line, want) {
			t.Fatalf("CSV record %d is %q, NDJSON's starts %q", i+1, line, want)
		}
	}
	if csv.stderr != ndjson.stderr {
		t.Errorf("CSV's stderr\n%s\nNDJSON's\n%s", csv.stderr, ndjson.stderr)
	}
}

// The differential test of calibrate's fast path: on a pair whose years
// have up to four decimals, nearly every row's different, the readers
// share one derivation between the rows of a years band; every record's
// levels, status, delta and differences must still be what the full
// advisor gives each side's answers.
func TestCalibrateTenureEqualsFullAdvice(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	const rows = 3000
	var self, manager bytes.Buffer
	if err := batchtest.WriteStaffYears(&self, cat, 1, rows, 1, 4); err != nil {
		t.Fatal(err)
	}
	if err := batchtest.WriteStaffYears(&manager, cat, 1, rows, 2, 4); err != nil {
		t.Fatal(err)
	}
	answers := func(staff string) map[string]advisor.Answers {
		m := map[string]advisor.Answers{}
		for _, line := range strings.Split(strings.TrimSpace(staff), "\n")[1:] {
			c := strings.Split(line, ",") // employee_id,name,email,role,years,accountability
			m[c[0]] = advisor.Answers{Role: c[3], Years: c[4], Accountability: c[5]}
		}
		return m
	}
	selfAnswers, managerAnswers := answers(self.String()), answers(manager.String())
	r := runCalibrateCLI(t, "", writeFile(t, "self.csv", self.String()), writeFile(t, "manager.csv", manager.String()),
		"-f", "ndjson", "--start", "2027-01-04")
	if r.code != 0 {
		t.Fatalf("exit %d; stderr %q", r.code, r.stderr)
	}
	start := time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)
	adv := advisor.New(cat)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != rows {
		t.Fatalf("%d records, want %d", len(lines), rows)
	}
	for _, line := range lines {
		var rec struct {
			Key          string           `json:"key"`
			Status       string           `json:"status"`
			SelfLevel    advisor.LevelRef `json:"self_level"`
			ManagerLevel advisor.LevelRef `json:"manager_level"`
			Delta        int              `json:"delta"`
			Differences  []struct {
				Answer string `json:"answer"`
			} `json:"differences"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		sa, ma := selfAnswers[rec.Key], managerAnswers[rec.Key]
		s, err1 := adv.Advise(sa, start)
		m, err2 := adv.Advise(ma, start)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v, %v", rec.Key, err1, err2)
		}
		status := map[bool]string{true: "agree"}[s.Level.Order == m.Level.Order]
		switch {
		case m.Level.Order > s.Level.Order:
			status = "manager-higher"
		case m.Level.Order < s.Level.Order:
			status = "self-higher"
		}
		var differences []string
		for _, d := range []struct {
			answer string
			differ bool
		}{{"role", s.Role.ID != m.Role.ID}, {"years", s.Input.Years != m.Input.Years}, {"accountability", s.Accountability.ID != m.Accountability.ID}} {
			if d.differ {
				differences = append(differences, d.answer)
			}
		}
		var got []string
		for _, d := range rec.Differences {
			got = append(got, d.Answer)
		}
		if rec.SelfLevel != s.Level || rec.ManagerLevel != m.Level || rec.Status != status || rec.Delta != m.Level.Order-s.Level.Order ||
			!slices.Equal(got, differences) {
			t.Fatalf("%s: got %s %+v/%+v delta %d %v; the full advisor gives %s %+v/%+v %v",
				rec.Key, rec.Status, rec.SelfLevel, rec.ManagerLevel, rec.Delta, got, status, s.Level, m.Level, differences)
		}
	}
}
