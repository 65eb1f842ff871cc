package cli

import (
	"encoding/csv"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/cmdutil"
)

// labelValues are the cells of a staff list's identifying columns.
func labelValues(t *testing.T, path string, columns ...string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1 // the fixtures hold rows of a wrong shape on purpose
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var values []string
	for i, h := range rows[0] {
		for _, c := range columns {
			if h != c {
				continue
			}
			for _, row := range rows[1:] {
				if i < len(row) && strings.TrimSpace(row[i]) != "" {
					values = append(values, row[i])
				}
			}
		}
	}
	return values
}

// containsValue reports whether out holds v as a whole word, also once
// escaped for HTML.
func containsValue(out, v string) bool {
	for _, s := range []string{v, strings.NewReplacer("<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(v)} {
		if regexp.MustCompile(`(^|\W)` + regexp.QuoteMeta(s) + `(\W|$)`).MatchString(out) {
			return true
		}
	}
	return false
}

// TestNoPeopleLeavesNoLabelValue: under --no-people no format of the
// report or of calibrate's summary holds a cell of the label columns;
// without it they do, so the check can see them.
func TestNoPeopleLeavesNoLabelValue(t *testing.T) {
	labels := labelValues(t, reportFixture, "employee_id", "name")
	for _, format := range []string{"table", "markdown", "json", "html"} {
		args := []string{reportFixture, "--label", "employee_id", "--label", "name", "--by", "team", "--min-group", "1", "--format", format, "--start", "2027-01-04"}
		with := runReportCLI(t, "", args...)
		without := runReportCLI(t, "", append(args, "--no-people")...)
		if without.code != cmdutil.ExitRejected {
			t.Fatalf("report %s: exit %d, stderr %q", format, without.code, without.stderr)
		}
		shown := 0
		for _, v := range labels {
			if containsValue(without.stdout, v) {
				t.Errorf("report --no-people -f %s shows %q", format, v)
			}
			if containsValue(with.stdout, v) {
				shown++
			}
		}
		if shown == 0 {
			t.Errorf("report -f %s without --no-people shows no label either: the check sees nothing", format)
		}
	}

	keys := labelValues(t, calibrationSelf, "employee_id", "name")
	for _, format := range []string{"table", "markdown", "html"} {
		args := []string{calibrationSelf, calibrationManager, "--by", "team", "--format", format}
		with := runCalibrateCLI(t, "", args...)
		without := runCalibrateCLI(t, "", append(args, "--no-people")...)
		shown := 0
		for _, v := range keys {
			if containsValue(without.stdout, v) {
				t.Errorf("calibrate --no-people -f %s shows %q", format, v)
			}
			if containsValue(with.stdout, v) {
				shown++
			}
		}
		if shown == 0 {
			t.Errorf("calibrate -f %s without --no-people shows no key either", format)
		}
	}
	for _, format := range []string{"csv", "ndjson", "json"} {
		r := runCalibrateCLI(t, "", calibrationSelf, calibrationManager, "--format", format, "--no-people")
		if r.code != cmdutil.ExitUsage || !strings.Contains(r.stderr, "--no-people") || r.stdout != "" {
			t.Errorf("calibrate -f %s --no-people: exit %d, stdout %q, stderr %q; want it refused", format, r.code, r.stdout, r.stderr)
		}
	}
}

// TestMinGroupSetting: --min-group and the min-group setting take a whole
// number of 1 or more, and a bad one names where it came from.
func TestMinGroupSetting(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"--min-group", "0"}, `invalid min-group "0"`},
		{nil, []string{"--min-group", "five"}, `invalid min-group "five"`},
		{map[string]string{cmdutil.EnvName(cmdutil.KeyMinGroup): "-2"}, nil, "CAREERPATH_MIN_GROUP"},
	} {
		r := runCLI(t, c.env, append([]string{"report", reportFixture}, c.args...)...)
		if r.code != cmdutil.ExitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v %v: exit %d, stderr %q; want 2 and %q", c.env, c.args, r.code, r.stderr, c.want)
		}
	}
	r := runCLI(t, map[string]string{cmdutil.EnvName(cmdutil.KeyMinGroup): "1"}, "report", reportFixture, "--by", "team", "--format", "json", "--start", "2027-01-04")
	if !strings.Contains(r.stdout, `"min_group": 1`) || strings.Contains(r.stdout, `"suppressed": "small"`) {
		t.Errorf("CAREERPATH_MIN_GROUP=1: the report should hide nothing: %.300s", r.stdout)
	}
}
