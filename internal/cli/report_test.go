package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/batch/batchtest"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/golden"
	"github.com/careerpath/careerpath/internal/report"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
	"github.com/careerpath/careerpath/internal/schematest"
)

func runReportCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	f, out, errOut := batchFactory(t, stdin, false)
	code := run(f, append([]string{"report"}, args...))
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

const reportFixture = "testdata/report_staff.csv"

func TestReportFormatsGolden(t *testing.T) {
	for _, format := range []string{"table", "markdown", "json", "html"} {
		t.Run(format, func(t *testing.T) {
			r := runReportCLI(t, "", reportFixture, "--by", "team", "--label", "employee_id", "--label", "name",
				"--format", format, "--start", "2027-01-04")
			if r.code != cmdutil.ExitRejected {
				t.Fatalf("exit %d, want 3 (the fixture has rejects); stderr %q", r.code, r.stderr)
			}
			golden.Assert(t, "report_"+format, r.stdout)
			if !strings.Contains(r.stderr, "12 rows read, 8 advised, 4 rejected") {
				t.Errorf("stderr %q lacks the summary", r.stderr)
			}
		})
	}
}

func TestReportHTMLEscapesCells(t *testing.T) {
	// Grouped by team, then by name (every group shown), so that each
	// hostile cell lands on a page whatever list its row makes.
	r := runReportCLI(t, "", reportFixture, "--by", "team", "--label", "name", "--format", "html", "--start", "2027-01-04")
	byName := runReportCLI(t, "", reportFixture, "--by", "name", "--min-group", "1", "--format", "html", "--start", "2027-01-04")
	r.stdout += byName.stdout
	for _, raw := range []string{"<script>alert", "<img src=x", "<b>Ops"} {
		if strings.Contains(r.stdout, raw) {
			t.Errorf("the page holds %q unescaped", raw)
		}
	}
	for _, escaped := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "&lt;b&gt;Ops&lt;/b&gt;"} {
		if !strings.Contains(r.stdout, escaped) {
			t.Errorf("the page lacks the cell as text, %q", escaped)
		}
	}
	for _, remote := range []string{"src=", "href=", "@import", "url("} {
		if strings.Contains(r.stdout, remote) && !strings.Contains(r.stdout, "&lt;img src=x") {
			t.Errorf("the page may load something: it holds %q", remote)
		}
	}
	if !strings.Contains(r.stdout, `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;`) {
		t.Error("the page has no Content-Security-Policy forbidding loads")
	}
}

func TestReportUsageErrorsExitTwoWithNoOutput(t *testing.T) {
	for name, args := range map[string][]string{
		"unknown by":     {reportFixture, "--by", "squad"},
		"unknown label":  {reportFixture, "--label", "badge"},
		"no role column": {writeFile(t, "x.csv", "id,years,accountability\n1,2,ic\n")},
		"bad format":     {reportFixture, "--format", "pdf"},
		"negative top":   {reportFixture, "--top", "-1"},
	} {
		t.Run(name, func(t *testing.T) {
			r := runReportCLI(t, "", args...)
			if r.code != cmdutil.ExitUsage || r.stdout != "" {
				t.Fatalf("exit %d, stdout %q; want 2 and nothing", r.code, r.stdout)
			}
		})
	}
}

func TestReportAllAdvisedExitsZero(t *testing.T) {
	r := runReportCLI(t, staffCSV, "-", "--format", "json", "--start", "2027-01-04")
	if r.code != cmdutil.ExitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	schematest.ValidateJSON(t, schematest.Report, []byte(r.stdout))
}

// TestReportCountsWhatBatchGives runs batch and report on one generated
// file with rejects: every row counts once, the groups add up to the
// totals, and the level counts are batch's.
func TestReportCountsWhatBatchGives(t *testing.T) {
	path := generatedStaffWithTeams(t, 5000)

	b := runBatchCLI(t, "", path, "--start", "2027-01-04")
	rows, err := csv.NewReader(strings.NewReader(b.stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	levelAt, errorAt := slices.Index(rows[0], "level"), slices.Index(rows[0], "error")
	batchLevels, batchRejected := map[string]int{}, 0
	for _, row := range rows[1:] {
		if row[errorAt] != "" {
			batchRejected++
			continue
		}
		batchLevels[row[levelAt]]++
	}

	// --min-group 1: the groups' figures are compared with batch's.
	r := runReportCLI(t, "", path, "--by", "team", "--min-group", "1", "--format", "json", "--start", "2027-01-04")
	if r.code != b.code || r.code != cmdutil.ExitRejected {
		t.Fatalf("report exit %d, batch %d; want both 3", r.code, b.code)
	}
	schematest.ValidateJSON(t, schematest.Report, []byte(r.stdout))
	var doc reportdoc.Document
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Rows.Read != len(rows)-1 || doc.Rows.Rejected != batchRejected || doc.Rows.Advised+doc.Rows.Rejected != doc.Rows.Read {
		t.Errorf("report rows %+v; batch wrote %d rows, %d rejected", doc.Rows, len(rows)-1, batchRejected)
	}
	if batchRejected < 100 {
		t.Fatalf("the file should have rejects; batch rejected %d", batchRejected)
	}
	advised := 0
	for _, l := range doc.Levels {
		advised += l.People
		if l.People != batchLevels[l.Name] {
			t.Errorf("level %s: report %d, batch %d", l.Name, l.People, batchLevels[l.Name])
		}
	}
	if advised != doc.Rows.Advised {
		t.Errorf("levels add up to %d, advised %d", advised, doc.Rows.Advised)
	}
	groupRows, groupLevels := 0, make([]int, len(doc.Levels))
	for _, g := range doc.Groups.Groups {
		groupRows += g.Rows
		for i, n := range g.Levels {
			groupLevels[i] += n
		}
	}
	if groupRows != doc.Rows.Read || doc.Groups.Other != nil {
		t.Errorf("%d groups hold %d rows, other %v; want all %d in groups", len(doc.Groups.Groups), groupRows, doc.Groups.Other, doc.Rows.Read)
	}
	for i, l := range doc.Levels {
		if groupLevels[i] != l.People {
			t.Errorf("level %s: groups hold %d, the total is %d", l.Name, groupLevels[i], l.People)
		}
	}
	causes := 0
	for _, c := range doc.Rejected.Causes {
		causes += c.Rows
	}
	if causes != doc.Rejected.Total {
		t.Errorf("causes add up to %d, rejected %d", causes, doc.Rejected.Total)
	}
}

func TestReportWritesFileAtomically(t *testing.T) {
	out := filepath.Join(t.TempDir(), "team.html")
	r := runReportCLI(t, "", reportFixture, "--format", "html", "-o", out, "--start", "2027-01-04")
	if r.code != cmdutil.ExitRejected || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
	}
	page, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(page, []byte("<!DOCTYPE html>")) {
		t.Fatalf("%v; the file starts %.40q", err, page)
	}
}

// generatedStaffWithTeams writes a generated staff list with a team
// column, an unknown role in every 50th row, an extra field in another,
// and a cell that is markup.
func generatedStaffWithTeams(t *testing.T, rows int) string {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	var staff bytes.Buffer
	if err := batchtest.WriteStaff(&staff, cat, rows, 3); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(staff.String(), "\n"), "\n")
	lines[0] += ",team"
	for i := 1; i < len(lines); i++ {
		switch i % 50 {
		case 7:
			lines[i] = strings.Replace(lines[i], "@example.com,", "@example.com,Chief Happiness Officer,", 1)
		case 9:
			lines[i] += ",extra"
		case 11:
			lines[i] = strings.Replace(lines[i], ",", ",<script>alert(1)</script> ", 1)
		}
		lines[i] += ",team-" + string(rune('a'+i%7))
	}
	return writeFile(t, "staff.csv", strings.Join(lines, "\n")+"\n")
}

// TestReportKeepsAnOldFileUnlessItSucceeds: -o leaves an existing file as
// it was after an input error or an interrupt, as batch does.
func TestReportKeepsAnOldFileUnlessItSucceeds(t *testing.T) {
	out := writeFile(t, "team.json", "old\n")
	assertOld := func(t *testing.T) {
		t.Helper()
		if b, _ := os.ReadFile(out); string(b) != "old\n" {
			t.Fatalf("the old file now holds %.40q", b)
		}
	}
	t.Run("header error", func(t *testing.T) {
		r := runReportCLI(t, "name\nAda\n", "-o", out, "--format", "json")
		if r.code != cmdutil.ExitUsage {
			t.Fatalf("exit %d", r.code)
		}
		assertOld(t)
	})
	t.Run("interrupted", func(t *testing.T) {
		f, _, _ := batchFactory(t, "role,years,accountability\n"+strings.Repeat("SRE,6,team\n", 200_000), false)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := runReport(&ReportOptions{StaffList: cmdutil.StaffList{IO: f.IO, Now: f.Now, Catalog: f.Catalog, Context: ctx, Delimiter: ","},
			Format: "json", Top: report.DefaultTop})
		if !errors.Is(err, cmdutil.ErrInterrupted) || cmdutil.ExitCode(err) != cmdutil.ExitInterrupted {
			t.Fatalf("err = %v (exit %d), want interrupted (130)", err, cmdutil.ExitCode(err))
		}
		assertOld(t)
	})
}
