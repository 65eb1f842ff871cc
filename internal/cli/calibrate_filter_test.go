package cli

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/cmdutil"
)

// The fixture's names by key (self.csv's name column): the label a record
// shows.
var calibrationNames = map[string]string{"E1": "Ada", "E2": "Bob", "E3": "Cy", "E4": "Di", "E6": "Fi", "E7": "Gus"}

// recordLabels reads the records' keys and name labels out of an output,
// in the output's order: CSV and the JSON formats by their fields, the
// human formats by the fixture's names as they appear in the text.
func recordLabels(t *testing.T, format, out string) (keys, names []string) {
	t.Helper()
	switch format {
	case "csv":
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		at := slices.Index(rows[0], "name")
		if at < 0 {
			t.Fatalf("no name column in %q", rows[0])
		}
		for _, r := range rows[1:] {
			keys, names = append(keys, r[0]), append(names, r[at])
		}
	case "ndjson", "json":
		type labelled struct {
			Key    string            `json:"key"`
			Labels map[string]string `json:"labels"`
		}
		var recs []labelled
		if format == "json" {
			if err := json.Unmarshal([]byte(out), &recs); err != nil {
				t.Fatal(err)
			}
		} else {
			for line := range strings.Lines(out) {
				var r labelled
				if err := json.Unmarshal([]byte(line), &r); err != nil {
					t.Fatal(err)
				}
				recs = append(recs, r)
			}
		}
		for _, r := range recs {
			keys, names = append(keys, r.Key), append(names, r.Labels["name"])
		}
	default:
		type at struct {
			pos  int
			name string
		}
		var found []at
		for key, name := range calibrationNames {
			// A cell of the name, as each format draws its cells.
			for _, cell := range []string{"│ " + name + " ", "| " + name + " ", "<td>" + name + "</td>"} {
				if i := strings.Index(out, cell); i >= 0 {
					found = append(found, at{i, key})
				}
			}
		}
		slices.SortFunc(found, func(a, b at) int { return a.pos - b.pos })
		for _, f := range found {
			keys, names = append(keys, f.name), append(names, calibrationNames[f.name])
		}
	}
	return keys, names
}

// --status keeps the records of the statuses asked for, and --label names
// them, in every format; the human formats order them by how far apart
// the levels are, then by status, where CSV and the JSON formats keep
// input order.
func TestCalibrateStatusAndLabelInEveryFormat(t *testing.T) {
	for _, c := range []struct {
		format   string
		statuses string
		want     []string // keys in the output's order
	}{
		{"csv", "agree,manager-higher,self-higher,only-self", []string{"E1", "E2", "E3", "E4", "E6", "E7", "=E11"}},
		{"ndjson", "agree,manager-higher,self-higher,only-self", []string{"E1", "E2", "E3", "E4", "E6", "E7", "=E11"}},
		{"json", "agree,manager-higher,self-higher,only-self", []string{"E1", "E2", "E3", "E4", "E6", "E7", "=E11"}},
		{"table", "agree,manager-higher,self-higher,only-self", []string{"E2", "E3", "E1", "E4", "E6", "E7"}},
		{"markdown", "agree,manager-higher,self-higher,only-self", []string{"E2", "E3", "E1", "E4", "E6", "E7"}},
		{"html", "agree,manager-higher,self-higher,only-self", []string{"E2", "E3", "E1", "E4", "E6", "E7"}},
		{"csv", "self-higher,manager-higher", []string{"E2", "E3"}},
		{"ndjson", "self-higher,manager-higher", []string{"E2", "E3"}},
		{"json", "self-higher,manager-higher", []string{"E2", "E3"}},
		{"table", "self-higher,manager-higher", []string{"E2", "E3"}},
		{"markdown", "self-higher,manager-higher", []string{"E2", "E3"}},
		{"html", "self-higher,manager-higher", []string{"E2", "E3"}},
	} {
		t.Run(c.format+" "+c.statuses, func(t *testing.T) {
			r := runCalibrateCLI(t, "", calibrationSelf, calibrationManager, "-f", c.format, "--status", c.statuses, "--label", "name")
			if r.code != cmdutil.ExitRejected {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			keys, names := recordLabels(t, c.format, r.stdout)
			if c.format == "table" || c.format == "markdown" || c.format == "html" {
				// The fixture's names stand for the keys (=E11's name is
				// no plain cell): check the order of those found.
				want := slices.DeleteFunc(slices.Clone(c.want), func(k string) bool { return calibrationNames[k] == "" })
				if !slices.Equal(keys, want) {
					t.Errorf("records %q, want %q", keys, want)
				}
				for _, hidden := range []string{"Ed", "Hal", "Ivy", "Kim", "Lee"} { // rejected records
					if strings.Contains(r.stdout, hidden) {
						t.Errorf("a rejected record (%s) is shown", hidden)
					}
				}
				return
			}
			if i := slices.Index(keys, "'=E11"); i >= 0 && c.format == "csv" { // the formula guard
				keys[i] = "=E11"
			}
			if !slices.Equal(keys, c.want) {
				t.Errorf("records %q, want %q", keys, c.want)
			}
			for i, k := range keys {
				if want := calibrationNames[k]; want != "" && names[i] != want {
					t.Errorf("record %s labelled %q, want %q", k, names[i], want)
				}
			}
		})
	}
}

// The summary counts every record whatever --status keeps, and the human
// formats say how many are shown.
func TestCalibrateStatusKeepsTheWholeSummary(t *testing.T) {
	r := runCalibrateCLI(t, "", calibrationSelf, calibrationManager, "--status", "self-higher")
	if !strings.Contains(r.stderr, "agree 4, manager-higher 1, self-higher 1, only-self 1, only-manager 1, rejected 10") {
		t.Errorf("stderr %q lacks the whole summary", r.stderr)
	}
	table := runCalibrateCLI(t, "", calibrationSelf, calibrationManager, "-f", "table", "--status", "self-higher")
	if !strings.Contains(table.stdout, "Records shown: 1 of 18 (self-higher)") || !strings.Contains(table.stdout, "│ rejected       │ 10 ") {
		t.Errorf("table lacks the shown count or the whole status table:\n%s", table.stdout)
	}
}

// Differences say both answers in the human formats.
func TestCalibrateDifferencesSayBothAnswers(t *testing.T) {
	for _, format := range []string{"table", "markdown", "html"} {
		r := runCalibrateCLI(t, "", calibrationSelf, calibrationManager, "-f", format, "--status", "manager-higher,agree")
		for _, want := range []string{"years: 6 -&gt; 8, accountability: team -&gt; multi-team", "role: DevOps Engineer -&gt; Platform Engineer"} {
			if format == "table" {
				want = strings.ReplaceAll(want, "&gt;", ">")
			}
			if !strings.Contains(r.stdout, want) {
				t.Errorf("%s lacks %q", format, want)
			}
		}
	}
}

func TestCalibrateLabelAndStatusUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"--status", "manager-higher,disagree"}, []string{`invalid --status "disagree": use a comma-separated list of`, "agree, manager-higher, self-higher, only-self, only-manager, rejected"}},
		{[]string{"--label", "nickname"}, []string{`no --label column "nickname" in either file`, `"employee_id", "name"`, "pass --label"}},
		// The workbook is the CSV's records, labels and all.
		{[]string{"--no-people", "-f", "xlsx", "-o", filepath.Join(t.TempDir(), "c.xlsx")}, []string{"--no-people leaves out every record, and --format xlsx is the records"}},
	} {
		r := runCalibrateCLI(t, "", append([]string{calibrationSelf, calibrationManager}, c.args...)...)
		if r.code != cmdutil.ExitUsage || r.stdout != "" {
			t.Fatalf("%v: exit %d, stdout %q; want 2 and nothing; stderr %q", c.args, r.code, r.stdout, r.stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%v: stderr %q lacks %q", c.args, r.stderr, w)
			}
		}
	}
}
