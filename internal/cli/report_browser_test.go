package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
)

// browserPath finds Chromium. Outside CI a machine without one skips the
// browser test; CI (CI=true) installs it, so there its absence fails.
func browserPath(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium on PATH; .ci/run installs it (apt-get install chromium)")
	}
	t.Skip("no Chromium on PATH; install it (apt-get install chromium) to run the browser test")
	return ""
}

// TestReportHTMLInBrowser opens the HTML report from a file:// URL in
// headless Chromium: nothing is requested beyond the file, nothing is
// logged as an error, every chart has a size, and the tables' numbers are
// the JSON report's. CAREERPATH_SCREENSHOT=FILE saves a screenshot.
func TestReportHTMLInBrowser(t *testing.T) {
	chromium := browserPath(t)
	staff := withTinyTeam(t, generatedStaffWithTeams(t, 400))
	page := filepath.Join(t.TempDir(), "team.html")
	args := []string{staff, "--by", "team", "--start", "2027-01-04"}
	if r := runReportCLI(t, "", append(args, "--format", "html", "-o", page)...); r.code != cmdutil.ExitRejected {
		t.Fatalf("html: exit %d, stderr %q", r.code, r.stderr)
	}
	r := runReportCLI(t, "", append(args, "--format", "json")...)
	var doc reportdoc.Document
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}

	ctx, problems := browsePage(t, chromium, page)
	sizes, err := chromedp.Run(ctx, chromedp.Evaluate[map[string][2]float64](`Object.fromEntries(Array.from(document.querySelectorAll("svg")).map(s => {
		const r = s.getBoundingClientRect(); return [s.id, [r.width, r.height]] }))`))
	if err != nil {
		t.Fatal(err)
	}
	// Every plan of the file starts on --start, so the study load has no
	// chart but a sentence; every chart drawn has an id of its own and a size.
	for _, id := range []string{"chart-levels", "chart-groups", "chart-readiness", "chart-directions"} {
		if size, ok := sizes[id]; !ok || size[0] <= 0 || size[1] <= 0 {
			t.Errorf("chart %s: size %v (present %v)", id, size, ok)
		}
	}
	ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("svg")).map(s => s.id)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != len(sizes) || slices.Contains(ids, "") {
		t.Errorf("chart ids %q: each must be unique and not empty", ids)
	}
	for id, size := range sizes {
		if size[0] <= 0 || size[1] <= 0 {
			t.Errorf("chart %s has no size: %v", id, size)
		}
	}
	if _, ok := sizes["chart-study-load"]; ok {
		t.Error("a study-load chart with one start for everyone: it only repeats the level distribution")
	}
	studyNote, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#h-study-load + p.note").textContent`))
	if err != nil || !strings.Contains(studyNote, "Every plan starts on 2027-01-04") {
		t.Errorf("the study load says %q (%v); it should say why it has no chart", studyNote, err)
	}
	tables, err := chromedp.Run(ctx, chromedp.Evaluate[map[string][][]string](`Object.fromEntries(Array.from(document.querySelectorAll("table")).map(t =>
		[t.id, Array.from(t.tBodies[0].rows).map(r => Array.from(r.cells).map(c => c.textContent))]))`))
	if err != nil {
		t.Fatal(err)
	}
	totals, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`["rows-read", "rows-advised", "rows-rejected"].map(id => document.getElementById(id).firstChild.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	scripts, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("script, img").length`))
	if err != nil || scripts != 0 {
		t.Errorf("the page has %d script or img elements (%v); cells must show as text", scripts, err)
	}
	finishPage(t, ctx, "CAREERPATH_SCREENSHOT", problems)

	checkNumbers(t, "totals", totals, []int{doc.Rows.Read, doc.Rows.Advised, doc.Rows.Rejected})
	checkColumn(t, tables, "t-levels", 1, len(doc.Levels), func(i int) int { return doc.Levels[i].People })
	checkColumn(t, tables, "t-readiness", 1, len(doc.Readiness.Kinds), func(i int) int { return doc.Readiness.Kinds[i].People })
	checkColumn(t, tables, "t-next-by-time", 0, len(doc.NextByTime), func(i int) int { return doc.NextByTime[i].Row })
	checkColumn(t, tables, "t-next-by-time", 3+len(doc.Inputs.LabelColumns), len(doc.NextByTime), func(i int) int { return doc.NextByTime[i].Months })
	checkColumn(t, tables, "t-scope-bound", 0, len(doc.ScopeBound), func(i int) int { return doc.ScopeBound[i].Row })
	if len(doc.NextByTime) == 0 || len(doc.ScopeBound) == 0 {
		t.Errorf("the lists should not be empty: %d next by time, %d scope-bound", len(doc.NextByTime), len(doc.ScopeBound))
	}
	if n := len(tables["t-rejected"]); n != min(doc.Rejected.Total, 100) {
		t.Errorf("the page lists %d rejected rows; want the first %d of %d", n, min(doc.Rejected.Total, 100), doc.Rejected.Total)
	}
	checkColumn(t, tables, "t-directions", 1, len(doc.Directions), func(i int) int { return doc.Directions[i].Rank1 })
	checkColumn(t, tables, "t-directions", 2, len(doc.Directions), func(i int) int { return doc.Directions[i].Rank2 })
	checkColumn(t, tables, "t-providers", 1, len(doc.Providers), func(i int) int { return doc.Providers[i].People })
	checkColumn(t, tables, "t-study-load", 1, len(doc.StudyLoad), func(i int) int { return doc.StudyLoad[i].People })
	checkGroups(t, tables["t-groups"], doc)
	checkColumn(t, tables, "t-causes", 2, len(doc.Rejected.Causes), func(i int) int { return doc.Rejected.Causes[i].Rows })
}

// withTinyTeam adds a team of two people (copies of the first rows) to a
// generated staff list, for the report to hide.
func withTinyTeam(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for _, l := range lines[1:3] {
		lines = append(lines, l[:strings.LastIndex(l, ",")]+",team-tiny")
	}
	return writeFile(t, "staff-tiny.csv", strings.Join(lines, "\n")+"\n")
}

// checkGroups compares the groups' table with the JSON's groups: a hidden
// group (--min-group) shows no figures, the others all of theirs.
func checkGroups(t *testing.T, table [][]string, doc reportdoc.Document) {
	t.Helper()
	groups := doc.Groups.Groups
	if len(table) != len(groups) {
		t.Fatalf("t-groups: %d rows on the page, %d in the JSON", len(table), len(groups))
	}
	hidden := 0
	for i, g := range groups {
		if g.Suppressed != "" {
			hidden++
			if slices.ContainsFunc(table[i][2:], func(c string) bool { return strings.TrimSpace(c) != "" }) {
				t.Errorf("hidden group %s shows figures: %q", g.Name, table[i])
			}
			continue
		}
		checkNumbers(t, "t-groups "+g.Name, append([]string{table[i][1]}, table[i][3:]...), append([]int{g.Rows}, g.Levels...))
	}
	if hidden == 0 {
		t.Error("no group hidden: the file should have a team of fewer than 5 people")
	}
}

func checkNumbers(t *testing.T, what string, cells []string, want []int) {
	t.Helper()
	if len(cells) != len(want) {
		t.Fatalf("%s: the page shows %q, the JSON has %v", what, cells, want)
	}
	for i, c := range cells {
		if n, err := strconv.Atoi(strings.TrimSpace(c)); err != nil || n != want[i] {
			t.Errorf("%s %d: the page shows %q, the JSON has %d", what, i, c, want[i])
		}
	}
}

func checkColumn(t *testing.T, tables map[string][][]string, id string, col, rows int, want func(int) int) {
	t.Helper()
	table, ok := tables[id]
	if !ok || len(table) != rows {
		t.Fatalf("table %s: %d rows on the page, %d in the JSON", id, len(table), rows)
	}
	cells, wants := make([]string, rows), make([]int, rows)
	for i := range rows {
		cells[i], wants[i] = table[i][col], want(i)
	}
	checkNumbers(t, fmt.Sprintf("%s column %d", id, col), cells, wants)
}

// browsePage opens page from a file:// URL in headless Chromium, noting
// every request beyond the file, every error or warning logged, every
// console call and exception; problems returns what was noted so far.
func browsePage(t *testing.T, chromium, page string) (ctx context.Context, problems func() []string) {
	t.Helper()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.WindowSize(1100, 900))...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	var mu sync.Mutex
	var noted []string
	note := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		noted = append(noted, fmt.Sprintf(format, args...))
	}
	url := "file://" + page
	if err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			if ev.Request.URL != url {
				note("request to %s", ev.Request.URL)
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				note("log %s: %s", ev.Entry.Level, ev.Entry.Text)
			}
		case *runtime.EventConsoleAPICalled:
			note("console.%s", ev.Type)
		case *runtime.EventExceptionThrown:
			note("exception: %s", ev.ExceptionDetails.Text)
		}
	}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(noted)
	}
}

// finishPage saves a screenshot of the page where the environment
// variable screenshot names a file, then fails the test for every console
// call and exception the page made.
func finishPage(t *testing.T, ctx context.Context, screenshot string, problems func() []string) {
	t.Helper()
	if path := os.Getenv(screenshot); path != "" {
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(200 * time.Millisecond) // let late events arrive
	for _, p := range problems() {
		t.Error(p)
	}
}
