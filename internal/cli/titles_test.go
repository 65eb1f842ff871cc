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
			if want := titlesStaff + ": 14 rows read, 11 distinct titles\n"; r.stderr != want {
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
		if (s.Match == advisor.MatchNone) != (s.Role == "") {
			t.Errorf("%+v: a role must be given exactly when one is found", s)
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
	r := runCLI(t, nil, "titles", "suggest", "--delimiter", ";", "--column", "role=Job Title", staff)
	if r.code != cmdutil.ExitOK || r.stdout != "title,role,count,match\nStaff SRE,SRE,1,title-words\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, nil, "titles", "suggest", staff)
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
	// The review: a person confirms the guesses and maps the titles no
	// role was found for.
	reviewed := strings.NewReplacer(
		"Principal Engineer,,", "Principal Engineer,Engineering Manager,",
		"Chief Happiness Officer,,", "Chief Happiness Officer,engineering-manager,",
	).Replace(suggested.stdout)
	titles := filepath.Join(dir, "titles.csv")
	if err := os.WriteFile(titles, []byte(reviewed), 0o644); err != nil {
		t.Fatal(err)
	}

	before := runCLI(t, nil, "batch", "--start", "2027-01-04", "--format", "ndjson", titlesStaff)
	after := runCLI(t, nil, "batch", "--start", "2027-01-04", "--format", "ndjson", "--titles", titles, titlesStaff)
	if before.code != cmdutil.ExitRejected || after.code != cmdutil.ExitRejected {
		t.Fatalf("exit %d then %d, want 3 (two rows stay bad)", before.code, after.code)
	}
	if !strings.Contains(before.stderr, "14 rows read, 8 advised, 6 rejected") || !strings.Contains(after.stderr, "14 rows read, 12 advised, 2 rejected") {
		t.Errorf("summaries %q then %q", before.stderr, after.stderr)
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
