package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/golden"
	"github.com/careerpath/careerpath/internal/schematest"
)

const titlesStaff = "testdata/titles_staff.csv"

func TestTitlesSuggestGolden(t *testing.T) {
	for _, format := range []string{"csv", "table"} {
		t.Run(format, func(t *testing.T) {
			r := runCLI(t, nil, "titles", "suggest", "--format", format, titlesStaff)
			if r.code != cmdutil.ExitOK {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			if want := titlesStaff + ": 14 rows read, 11 distinct titles, 0 malformed\n"; r.stderr != want {
				t.Errorf("stderr %q, want %q", r.stderr, want)
			}
			golden.Assert(t, "titles_suggest_"+format, r.stdout)
		})
	}
}

func TestTitlesSuggestJSONHasEveryKindOfMatch(t *testing.T) {
	r := runCLI(t, nil, "titles", "suggest", "--format", "json", titlesStaff)
	var got []advisor.TitleSuggestion
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != cmdutil.ExitOK {
		t.Fatalf("exit %d, %v: %s", r.code, err, r.stdout)
	}
	kinds := map[string]string{}
	for _, s := range got {
		kinds[s.Match] = s.Title
		certain := s.Match != advisor.MatchNone && s.Match != advisor.MatchGuess
		if certain != (s.Role != "") || (s.Match == advisor.MatchGuess) != (s.Suggestion != "") {
			t.Errorf("%+v: a role must be given exactly for a certain match, a suggestion exactly for a guess", s)
		}
	}
	for _, k := range []string{advisor.MatchExact, advisor.MatchAlias, advisor.MatchTitleWords, advisor.MatchGuess, advisor.MatchNone} {
		if kinds[k] == "" {
			t.Errorf("no %s title in %v", k, got)
		}
	}
	if got[0].Title != "Sr. DevOps Engineer" || got[0].Count != 2 || got[1].Title != "Staff SRE" || got[1].Count != 2 {
		t.Errorf("not most frequent first (with staff sre counted as Staff SRE): %v", got[:2])
	}
}

func TestTitlesSuggestReadsAsBatchDoes(t *testing.T) {
	staff := writeFile(t, "staff.csv", "id;Job Title;yoe;scope\n1;Staff SRE;5;team\n2;oops\n")
	// The malformed row is counted and listed as batch does, and makes
	// the exit status 3.
	wantErr := staff + ": line 3: the row has 2 fields and the header 4; look for a missing or extra delimiter or an unclosed quote\n" +
		staff + ": 2 rows read, 1 distinct title, 1 malformed\n" +
		"careerpath: 1 of 2 rows rejected; they are listed above and left out of the map\n"
	r := runCLI(t, nil, "titles", "suggest", "--delimiter", ";", "--column", "role=Job Title", staff)
	if r.code != cmdutil.ExitRejected || r.stdout != "title,role,suggestion,count,match\nStaff SRE,SRE,,1,title-words\n" || r.stderr != wantErr {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, nil, "titles", "suggest", "--delimiter", ";", staff)
	if r.code != cmdutil.ExitRejected || r.stdout != "title,role,suggestion,count,match\nStaff SRE,SRE,,1,title-words\n" {
		t.Errorf("Job Title found as the role column: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, nil, "titles", "suggest", staff)
	if r.code != cmdutil.ExitUsage || !strings.Contains(r.stderr, "pass --delimiter ';'") {
		t.Errorf("a ';'-separated header read with ',': exit %d, stderr %q", r.code, r.stderr)
	}
	other := writeFile(t, "other.csv", "id,function,yoe,scope\n1,Staff SRE,5,team\n")
	r = runCLI(t, nil, "titles", "suggest", other)
	if r.code != cmdutil.ExitUsage || !strings.Contains(r.stderr, "--column role=NAME") {
		t.Errorf("a header without a role column: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestTitlesLoop is the loop docs/catalogs.md describes: suggest a map, review it, use it.
func TestTitlesLoop(t *testing.T) {
	dir := t.TempDir()
	suggested := runCLI(t, nil, "titles", "suggest", titlesStaff)
	if suggested.code != cmdutil.ExitOK {
		t.Fatalf("suggest: exit %d, %s", suggested.code, suggested.stderr)
	}
	// Used before review, the map applies no guess: "Data Enginer" has a
	// suggestion but no role, so its row stays rejected.
	if !strings.Contains(suggested.stdout, "\nData Enginer,,Data Engineer,1,guess\n") {
		t.Fatalf("the guess is not in the suggestion column:\n%s", suggested.stdout)
	}
	unreviewed := filepath.Join(dir, "unreviewed.csv")
	if err := os.WriteFile(unreviewed, []byte(suggested.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	// The review: a person accepts the guess, and maps the titles no role
	// was found for.
	reviewed := strings.NewReplacer(
		"Data Enginer,,Data Engineer,", "Data Enginer,Data Engineer,Data Engineer,",
		"Reliability Lead,,", "Reliability Lead,SRE,",
		"Principal Engineer,,", "Principal Engineer,Engineering Manager,",
		"Chief Happiness Officer,,", "Chief Happiness Officer,engineering-manager,",
	).Replace(suggested.stdout)
	titles := filepath.Join(dir, "titles.csv")
	if err := os.WriteFile(titles, []byte(reviewed), 0o644); err != nil {
		t.Fatal(err)
	}

	before := runCLI(t, nil, "batch", "--start", "2027-01-04", "--format", "ndjson", titlesStaff)
	unused := runCLI(t, nil, "batch", "--start", "2027-01-04", "--format", "ndjson", "--titles", unreviewed, titlesStaff)
	after := runCLI(t, nil, "batch", "--start", "2027-01-04", "--format", "ndjson", "--titles", titles, titlesStaff)
	if before.code != cmdutil.ExitRejected || unused.code != cmdutil.ExitRejected || after.code != cmdutil.ExitRejected {
		t.Fatalf("exit %d, %d then %d, want 3 (two rows stay bad)", before.code, unused.code, after.code)
	}
	if !strings.Contains(before.stderr, "14 rows read, 8 advised, 6 rejected") || !strings.Contains(unused.stderr, "14 rows read, 8 advised, 6 rejected") ||
		!strings.Contains(after.stderr, "14 rows read, 12 advised, 2 rejected") {
		t.Errorf("summaries %q, %q then %q", before.stderr, unused.stderr, after.stderr)
	}
	if !strings.Contains(unused.stdout, `"unknown role \"Data Enginer\"; did you mean \"Data Engineer\"?`) {
		t.Errorf("the unreviewed map applied the guess for Data Enginer:\n%s", unused.stdout)
	}
	schematest.ValidateNDJSON(t, schematest.BatchRecord, []byte(after.stdout))
	golden.Assert(t, "titles_loop_batch", summariseRows(t, after.stdout))

	// The report reads the same map: the same rows advised, and its
	// provenance names the map.
	rep := runCLI(t, nil, "report", "--start", "2027-01-04", "--format", "json", "--titles", titles, titlesStaff)
	if rep.code != cmdutil.ExitRejected || !strings.Contains(rep.stderr, "14 rows read, 12 advised, 2 rejected") {
		t.Fatalf("report: exit %d, stderr %q", rep.code, rep.stderr)
	}
	schematest.ValidateJSON(t, schematest.Report, []byte(rep.stdout))
	var doc struct {
		Catalog struct {
			Titles *struct{ Name, SHA256 string }
		}
	}
	if err := json.Unmarshal([]byte(rep.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Catalog.Titles == nil || doc.Catalog.Titles.Name != filepath.Base(titles) {
		t.Errorf("report provenance %+v, want the title map %s", doc.Catalog.Titles, titles)
	}

	// calibrate reads both files through the same map: a person whose self
	// answer only the map resolves is compared, not rejected.
	self := filepath.Join(dir, "self.csv")
	manager := filepath.Join(dir, "manager.csv")
	if err := os.WriteFile(self, []byte("employee_id,role,years,accountability\nE1,Chief Happiness Officer,8,multi-team\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(manager, []byte("employee_id,role,years,accountability\nE1,Engineering Manager,8,multi-team\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cal := runCLI(t, nil, "calibrate", "--start", "2027-01-04", "--format", "ndjson", "--titles", titles, self, manager)
	if cal.code != cmdutil.ExitOK {
		t.Fatalf("calibrate: exit %d, stderr %q", cal.code, cal.stderr)
	}
	schematest.ValidateNDJSON(t, schematest.Calibration, []byte(cal.stdout))
	if !strings.Contains(cal.stdout, `"status":"agree"`) || !strings.Contains(cal.stdout, `"match":"title-map"`) {
		t.Errorf("calibrate with the map did not agree through the map:\n%s", cal.stdout)
	}

	one := runCLI(t, nil, "advise", "--titles", titles, "--role", "Principal Engineer", "--years", "5+", "--accountability", "team", "--start", "2027-01-04", "--json")
	if one.code != cmdutil.ExitOK {
		t.Fatalf("advise: exit %d, %s", one.code, one.stderr)
	}
	golden.Assert(t, "advise_titles_json", strings.ReplaceAll(one.stdout, dir, "DIR"))
}

// summariseRows keeps what the loop changes of each NDJSON row.
func summariseRows(t *testing.T, ndjson string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(ndjson), "\n") {
		var row struct {
			Row     int
			Catalog struct{ Titles *struct{ Name string } }
			Role    struct{ Name, Match string }
			Level   struct{ Name string }
			Trace   []advisor.Step
			Error   *struct {
				Problems []struct{ Column, Message string }
			}
			OutOfScope *struct{ Column, Message string } `json:"out_of_scope"`
		}
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			t.Fatal(err)
		}
		if row.Error != nil {
			b.WriteString(strings.Join([]string{"row", strconv.Itoa(row.Row), "rejected:"}, " "))
			for _, p := range row.Error.Problems {
				b.WriteString(" [" + p.Column + "] " + p.Message)
			}
			b.WriteString("\n")
			continue
		}
		if row.OutOfScope != nil {
			b.WriteString("row " + strconv.Itoa(row.Row) + " out of scope: [" + row.OutOfScope.Column + "] " + row.OutOfScope.Message + "\n")
			continue
		}
		b.WriteString(strings.Join([]string{"row", strconv.Itoa(row.Row), row.Role.Match, row.Role.Name, row.Level.Name, "titles=" + row.Catalog.Titles.Name, "|", row.Trace[0].Detail, "|", row.Trace[len(row.Trace)-1].Detail}, " ") + "\n")
	}
	return b.String()
}

func TestTitlesSettingFromEnvAndConfig(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "titles.csv"), []byte("title,role\nChief Happiness Officer,SRE\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	advise := []string{"advise", "--role", "Chief Happiness Officer", "--years", "5", "--accountability", "team", "--json"}
	env := runCLI(t, map[string]string{"CAREERPATH_TITLES": filepath.Join(dir, "titles.csv")}, advise...)
	if env.code != cmdutil.ExitOK || !strings.Contains(env.stdout, `"match": "title-map"`) {
		t.Errorf("from the environment: exit %d, stderr %q", env.code, env.stderr)
	}
	configDir := t.TempDir()
	config := writeConfig(t, configDir, "titles: titles.csv\n") // read next to the config file
	if err := os.WriteFile(filepath.Join(filepath.Dir(config), "titles.csv"), []byte("title,role\nChief Happiness Officer,SRE\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := runCLI(t, map[string]string{"XDG_CONFIG_HOME": configDir}, advise...)
	if file.code != cmdutil.ExitOK || !strings.Contains(file.stdout, `"titles": {`) {
		t.Errorf("from the config file: exit %d, stderr %q", file.code, file.stderr)
	}
	bad := runCLI(t, map[string]string{"CAREERPATH_TITLES": filepath.Join(dir, "absent.csv")}, advise...)
	if bad.code != cmdutil.ExitUsage || !strings.Contains(bad.stderr, "set by env CAREERPATH_TITLES") {
		t.Errorf("a missing map: exit %d, stderr %q", bad.code, bad.stderr)
	}
	broken := writeFile(t, "broken.csv", "title,role\nStaff SRE,Wizard\n,SRE\n")
	r := runCLI(t, nil, append(advise, "--titles", broken)...)
	if r.code != cmdutil.ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, "(2 problems)") || !strings.Contains(r.stderr, "line 2: unknown role \"Wizard\"") {
		t.Errorf("a broken map: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// A title that starts like a formula is guarded in suggest's CSV, and the
// map's reader takes the guard off: the map used as written matches it.
func TestTitlesSuggestGuardsFormulas(t *testing.T) {
	staff := writeFile(t, "staff.csv", "id,role,years,accountability\n1,=HYPERLINK(\"x\"),5,team\n2,@SRE,5,team\n")
	r := runCLI(t, nil, "titles", "suggest", staff)
	want := "title,role,suggestion,count,match\n\"'=HYPERLINK(\"\"x\"\")\",,,1,none\n'@SRE,,,1,none\n"
	if r.code != cmdutil.ExitOK || r.stdout != want {
		t.Fatalf("exit %d, stdout %q, want %q", r.code, r.stdout, want)
	}
	raw := runCLI(t, nil, "titles", "suggest", "--raw", staff)
	if !strings.Contains(raw.stdout, "\n@SRE,,,1,none\n") {
		t.Errorf("--raw: %q", raw.stdout)
	}
	reviewed := strings.ReplaceAll(r.stdout, ",,,1,none", ",SRE,,1,none")
	titles := writeFile(t, "titles.csv", reviewed)
	b := runCLI(t, nil, "batch", "--titles", titles, "--start", "2027-01-04", staff)
	if b.code != cmdutil.ExitOK || !strings.Contains(b.stderr, "2 rows read, 2 advised") {
		t.Errorf("the reviewed map does not match the guarded titles: exit %d, %s", b.code, b.stderr)
	}
}

// The loop in the answer map's general form: suggest with accountability,
// use unreviewed (no guess applied, HR's accountability still unknown),
// review, use (the reviewed answers applied). An empty accountability is
// rejected on its own reason, with the hint to map it.
func TestAnswerMapLoop(t *testing.T) {
	staff := writeFile(t, "staff.csv", "employee_id,job_title,tenure,accountability\n"+
		"E1,Sr. DevOps Engineer,6,Team Lead\nE2,Data Enginer,3,team\nE3,Staff SRE,8,People Manager\n"+
		"E4,Cloud Physicist,5,team\nE5,DevOps Engineer,2,\nE6,Platform Engineer II,4,Team Lead\n")
	suggested := runCLI(t, nil, "titles", "suggest", "--accountability", staff)
	if suggested.code != cmdutil.ExitOK {
		t.Fatalf("suggest: exit %d, %s", suggested.code, suggested.stderr)
	}
	golden.Assert(t, "answer_map_suggest", suggested.stdout)
	unreviewed := writeFile(t, "unreviewed.csv", suggested.stdout)
	before := runCLI(t, nil, "batch", "--titles", unreviewed, "--start", "2027-01-04", "--format", "ndjson", staff)
	if before.code != cmdutil.ExitRejected || !strings.Contains(before.stderr, "6 rows read, 0 advised, 6 rejected") {
		t.Errorf("unreviewed: exit %d, %q", before.code, before.stderr)
	}
	reviewed := strings.NewReplacer(
		"role,Data Enginer,,Data Engineer,", "role,Data Enginer,Data Engineer,Data Engineer,",
		"role,Cloud Physicist,,,", "role,Cloud Physicist,-,,",
		"accountability,Team Lead,,,", "accountability,Team Lead,team,,",
		"accountability,People Manager,,,", "accountability,People Manager,multi-team,,",
	).Replace(suggested.stdout)
	if reviewed == suggested.stdout {
		t.Fatal("the review changed nothing")
	}
	titles := writeFile(t, "answers.csv", reviewed)
	after := runCLI(t, nil, "batch", "--titles", titles, "--start", "2027-01-04", "--format", "ndjson", staff)
	if after.code != cmdutil.ExitRejected || !strings.Contains(after.stderr, "6 rows read, 4 advised, 1 rejected, 1 out of scope") {
		t.Fatalf("reviewed: exit %d, %q", after.code, after.stderr)
	}
	schematest.ValidateNDJSON(t, schematest.BatchRecord, []byte(after.stdout))
	golden.Assert(t, "answer_map_batch", summariseRows(t, after.stdout))
	if !strings.Contains(after.stdout, "the accountability is empty; if your organisation decides") || !strings.Contains(after.stdout, "with a line accountability,,ANSWER") {
		t.Errorf("the empty accountability's reason:\n%s", after.stdout)
	}
}
