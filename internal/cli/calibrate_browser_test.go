package cli

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/careerpath/careerpath/internal/cmdutil"
)

// TestCalibrationHTMLInBrowser opens the calibration page from a file://
// URL in headless Chromium, as TestReportHTMLInBrowser does the report:
// nothing is requested beyond the file, nothing is logged as an error,
// both charts have a size, the page uses the report's design, and its
// tables' numbers are those of the NDJSON records.
// CAREERPATH_CALIBRATION_SCREENSHOT=FILE saves a screenshot.
func TestCalibrationHTMLInBrowser(t *testing.T) {
	chromium := browserPath(t)
	page := filepath.Join(t.TempDir(), "calibration.html")
	// --min-group 1: every group shows its figures, to compare with the records.
	args := []string{"../../examples/staff.csv", "../../examples/manager.csv", "--by", "team", "--min-group", "1"}
	if r := runCalibrateCLI(t, "", append(args, "--format", "html", "-o", page)...); r.code != cmdutil.ExitRejected {
		t.Fatalf("html: exit %d, stderr %q", r.code, r.stderr)
	}
	nd := runCalibrateCLI(t, "", append(args, "--format", "ndjson")...)
	statuses, deltas, groups := map[string]int{}, map[string]int{}, map[string]int{}
	for line := range strings.Lines(nd.stdout) {
		var rec struct {
			Status string `json:"status"`
			Delta  *int   `json:"delta"`
			Group  string `json:"group"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		statuses[rec.Status]++
		groups[rec.Group]++
		if d := rec.Delta; d != nil && *d > 0 {
			deltas["+"+strconv.Itoa(*d)]++ // as the page signs them: +1, 0, -1
		} else if d != nil {
			deltas[strconv.Itoa(*d)]++
		}
	}

	ctx, problems := browsePage(t, chromium, page)
	sizes, err := chromedp.Run(ctx, chromedp.Evaluate[map[string][2]float64](`Object.fromEntries(Array.from(document.querySelectorAll("svg")).map(s => {
		const r = s.getBoundingClientRect(); return [s.id, [r.width, r.height]] }))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(sizes) != 2 {
		t.Errorf("charts %v, want the deltas' and the groups'", sizes)
	}
	for _, id := range []string{"chart-deltas", "chart-group-deltas"} {
		if size, ok := sizes[id]; !ok || size[0] <= 0 || size[1] <= 0 {
			t.Errorf("chart %s: size %v (present %v)", id, size, ok)
		}
	}
	// The report's design: its stylesheet's colours and max width apply.
	width, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.body).maxWidth`))
	if err != nil || width != "980px" {
		t.Errorf("body max-width %q (%v), want the report's 980px", width, err)
	}
	tables, err := chromedp.Run(ctx, chromedp.Evaluate[map[string][][]string](`Object.fromEntries(Array.from(document.querySelectorAll("table")).map(t =>
		[t.id, Array.from(t.tBodies[0].rows).map(r => Array.from(r.cells).map(c => c.textContent))]))`))
	if err != nil {
		t.Fatal(err)
	}
	finishPage(t, ctx, "CAREERPATH_CALIBRATION_SCREENSHOT", problems)

	// Each table's first column names a row and its second counts it.
	for id, want := range map[string]map[string]int{"t-statuses": statuses, "t-deltas": deltas, "t-groups": groups} {
		seen := 0
		for _, row := range tables[id] {
			n, err := strconv.Atoi(row[1])
			if err != nil {
				t.Errorf("%s: %q is no count", id, row)
				continue
			}
			name := strings.TrimPrefix(row[0], "(empty)")
			if n != want[name] {
				t.Errorf("%s %q: the page shows %d, the records have %d", id, name, n, want[name])
			}
			seen += n
		}
		if seen == 0 {
			t.Errorf("%s: no rows or nothing counted: %q", id, tables[id])
		}
	}
	if got, want := len(tables["t-records"]), strings.Count(nd.stdout, "\n"); got != want {
		t.Errorf("%d records on the page, %d in the NDJSON", got, want)
	}
}
