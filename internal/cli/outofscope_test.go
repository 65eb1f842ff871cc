package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/schematest"
)

// outOfScopeStaff has two people whose titles the map below marks out of
// scope ("Cloud Physicist" also in a title-word spelling), one advised
// and, in outOfScopeRejected, one rejected.
const (
	outOfScopeStaff = "employee_id,team,role,years,accountability\n" +
		"E1,a,SRE,6,team\n" +
		"E2,a,Cloud Physicist,4,team\n" +
		"E3,b,Senior Cloud Physicist,,\n"
	outOfScopeRejected = "E4,b,Wizard,3,team\n"
	outOfScopeMap      = "title,role\nCloud Physicist,-\n"
)

// A title mapped to "-" is out of scope in every staff-list command:
// neither advised nor rejected, counted on its own (read = advised +
// rejected + out of scope), said in batch's NDJSON and CSV, and exit 0
// when every other row is advised.
func TestOutOfScopeRows(t *testing.T) {
	titles := writeFile(t, "titles.csv", outOfScopeMap)
	staff := writeFile(t, "staff.csv", outOfScopeStaff)

	r := runCLI(t, nil, "batch", "--titles", titles, "--start", "2027-01-04", "--format", "ndjson", staff)
	if r.code != cmdutil.ExitOK || !strings.HasSuffix(r.stderr, ": 3 rows read, 1 advised, 0 rejected, 2 out of scope\n") {
		t.Fatalf("batch: exit %d, stderr %q", r.code, r.stderr)
	}
	schematest.ValidateNDJSON(t, schematest.BatchRecord, []byte(r.stdout))
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	want := `{"row":4,"record":{"employee_id":"E3","team":"b","role":"Senior Cloud Physicist","years":"","accountability":""},"out_of_scope":{"column":"role","message":"\"Senior Cloud Physicist\" is out of scope in the title map titles.csv (role -): careerpath advises only the catalog's track"}}`
	if len(lines) != 3 || lines[2] != want || !strings.Contains(lines[1], `"out_of_scope":{"column":"role"`) {
		t.Errorf("NDJSON rows:\n%s\nwant the last\n%s", r.stdout, want)
	}

	r = runCLI(t, nil, "batch", "--titles", titles, "--start", "2027-01-04", staff)
	if r.code != cmdutil.ExitOK || !strings.Contains(r.stdout, "\nE2,a,Cloud Physicist,4,team,,,,,,,,,out-of-scope\n") ||
		!strings.Contains(r.stdout, ",2028-01-04,advised\n") {
		t.Errorf("batch CSV: exit %d\n%s", r.code, r.stdout)
	}

	rejected := writeFile(t, "rejected.csv", outOfScopeStaff+outOfScopeRejected)
	r = runCLI(t, nil, "batch", "--titles", titles, "--start", "2027-01-04", rejected)
	if r.code != cmdutil.ExitRejected || !strings.Contains(r.stderr, "4 rows read, 1 advised, 1 rejected, 2 out of scope") {
		t.Errorf("a rejected row still exits 3: exit %d, stderr %q", r.code, r.stderr)
	}

	r = runCLI(t, nil, "report", "--titles", titles, "--start", "2027-01-04", "--format", "json", rejected)
	var doc struct {
		Rows struct {
			Read, Advised, Rejected int
			OutOfScope              int `json:"out_of_scope"`
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || r.code != cmdutil.ExitRejected {
		t.Fatalf("report: exit %d, %v, stderr %q", r.code, err, r.stderr)
	}
	schematest.ValidateJSON(t, schematest.Report, []byte(r.stdout))
	if doc.Rows.Read != 4 || doc.Rows.Advised != 1 || doc.Rows.Rejected != 1 || doc.Rows.OutOfScope != 2 {
		t.Errorf("report rows %+v, want 4 read = 1 advised + 1 rejected + 2 out of scope", doc.Rows)
	}
	r = runCLI(t, nil, "report", "--titles", titles, "--start", "2027-01-04", staff)
	if r.code != cmdutil.ExitOK || !strings.Contains(r.stdout, "3 rows read: 1 advised, 0 rejected, 2 out of scope (their job titles are outside the track in the title map)\n") {
		t.Errorf("report text: exit %d\n%s", r.code, r.stdout)
	}
}

// calibrate gives a person whose title either side's row has out of scope
// the status out-of-scope, and exits 0 when everyone else is compared.
func TestCalibrateOutOfScope(t *testing.T) {
	titles := writeFile(t, "titles.csv", outOfScopeMap)
	self := writeFile(t, "self.csv", outOfScopeStaff)
	manager := writeFile(t, "manager.csv", "employee_id,team,role,years,accountability\n"+
		"E1,a,SRE,7,team\nE2,a,Cloud Physicist,4,team\nE3,b,Data Engineer,2,team\n")
	r := runCLI(t, nil, "calibrate", "--titles", titles, "--start", "2027-01-04", "--format", "ndjson", self, manager)
	if r.code != cmdutil.ExitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	schematest.ValidateNDJSON(t, schematest.Calibration, []byte(r.stdout))
	var statuses []string
	for line := range strings.SplitSeq(strings.TrimSpace(r.stdout), "\n") {
		var rec struct{ Key, Status string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		statuses = append(statuses, rec.Key+"="+rec.Status)
	}
	if got := strings.Join(statuses, " "); got != "E1=agree E2=out-of-scope E3=out-of-scope" {
		t.Errorf("statuses %s", got)
	}
	if !strings.Contains(r.stderr, "out-of-scope") {
		t.Errorf("the summary does not count out-of-scope: %q", r.stderr)
	}
}

// titles suggest shows a title the map has out of scope with role "-"
// and match out-of-scope, and proposes no role for it again.
func TestTitlesSuggestKeepsOutOfScope(t *testing.T) {
	titles := writeFile(t, "titles.csv", outOfScopeMap)
	staff := writeFile(t, "staff.csv", outOfScopeStaff)
	r := runCLI(t, nil, "titles", "suggest", "--raw", "--titles", titles, staff)
	want := "title,role,suggestion,count,match\nCloud Physicist,-,,1,out-of-scope\nSRE,SRE,,1,exact\nSenior Cloud Physicist,-,,1,out-of-scope\n"
	if r.code != cmdutil.ExitOK || r.stdout != want {
		t.Errorf("exit %d, stdout\n%s\nwant\n%s", r.code, r.stdout, want)
	}
	// Guarded, "-" is written '- and read back as "-".
	r = runCLI(t, nil, "titles", "suggest", "--titles", titles, staff)
	again := writeFile(t, "again.csv", r.stdout)
	b := runCLI(t, nil, "batch", "--titles", again, "--start", "2027-01-04", staff)
	if !strings.Contains(r.stdout, "\nCloud Physicist,'-,,1,out-of-scope\n") || b.code != cmdutil.ExitOK || !strings.Contains(b.stderr, "2 out of scope") {
		t.Errorf("the guarded map: %q; batch with it: exit %d, %q", r.stdout, b.code, b.stderr)
	}
}
