package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/cmdutil"
	"github.com/careerpath/careerpath/internal/golden"
	"github.com/careerpath/careerpath/internal/schematest"
)

func TestPathGoldenFormats(t *testing.T) {
	cloud := []string{"path", "--role", "Cloud Engineer", "--years", "2.9", "--accountability", "team", "--start", "2027-01-04"}
	for _, c := range []struct {
		name string
		args []string
	}{
		{"path_table", cloud},
		{"path_json", append(cloud, "--format", "json")},
		{"path_yaml", append(cloud, "--format", "yaml")},
		{"path_markdown", append(cloud, "--format", "markdown")},
		{"path_ics", append(cloud, "--format", "ics")},
		{"path_sre_table", []string{"path", "--role", "SRE", "--years", "6", "--accountability", "team", "--start", "2027-01-04"}},
		{"path_devops_json", []string{"path", "--role", "DevOps Engineer", "--years", "0", "--accountability", "individual", "--start", "2027-01-04", "--json"}},
		{"path_em_top_markdown", []string{"path", "--role", "Engineering Manager", "--years", "10", "--accountability", "multi-team", "--start", "2027-01-04", "-f", "markdown"}},
		{"path_org_json", []string{"--catalog", orgCatalog, "path", "--role", "observability-analyst", "--years", "1", "--accountability", "self", "--start", "2027-01-31", "--json"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, nil, c.args...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			stamp := time.Date(2027, 1, 4, 9, 30, 0, 0, time.Local).UTC().Format("20060102T150405Z")
			golden.Assert(t, c.name, strings.ReplaceAll(r.stdout, stamp, "CLOCK"))
		})
	}
}

// The calendar has advise's phase events for step 1 (same UIDs), every
// later step's phases, one "Eligible for" event per later step, and one
// event per wait between steps.
func TestPathICSHasAdvisesEventsAndEligibility(t *testing.T) {
	args := []string{"--role", "DevOps Engineer", "--years", "0", "--accountability", "individual", "--start", "2027-01-04", "--format", "ics"}
	path := runCLI(t, nil, append([]string{"path"}, args...)...).stdout
	advise := runCLI(t, nil, append([]string{"advise"}, args...)...).stdout
	for _, line := range strings.Split(advise, "\r\n") {
		if strings.HasPrefix(line, "UID:") && !strings.Contains(path, line+"\r\n") {
			t.Errorf("path lacks advise's event %s", line)
		}
	}
	if n := strings.Count(path, "BEGIN:VEVENT"); n != 9+2+2 {
		t.Errorf("%d events, want 9 phases, 2 eligibility days and 2 waits", n)
	}
	for _, want := range []string{
		"DTSTART;VALUE=DATE:20270418\r\nDTEND;VALUE=DATE:20300104\r\nSUMMARY:Before Professional: DevOps leadership\r\n",
		"DTSTART;VALUE=DATE:20300418\r\nDTEND;VALUE=DATE:20340104\r\nSUMMARY:Before Advanced: DevOps leadership\r\n",
		"DTSTART;VALUE=DATE:20300104\r\nDTEND;VALUE=DATE:20300105\r\nSUMMARY:Eligible for Professional\r\n",
		"DTSTART;VALUE=DATE:20340104\r\nDTEND;VALUE=DATE:20340105\r\nSUMMARY:Eligible for Advanced\r\n",
	} {
		if strings.Count(path, want) != 1 {
			t.Errorf("not one all-day event %q in\n%s", want, path)
		}
	}
}

// Every path output, over all roles, answers and year values on the
// embedded and the organisation catalog, matches the published schema and
// agrees with advise on step 1.
func TestEveryPathMatchesPublishedSchema(t *testing.T) {
	sch := schematest.Compile(t, schematest.Path)
	for _, file := range []string{"", orgCatalog} {
		cat, err := catalog.Default()
		if file != "" {
			cat, err = catalog.LoadFile(file)
		}
		if err != nil {
			t.Fatal(err)
		}
		adv := advisor.New(cat)
		for _, role := range cat.Roles {
			for _, acc := range cat.Accountability {
				for _, years := range []string{"0", "2.9", "3", "6.5", "7", "60"} {
					ans := advisor.Answers{Role: role.ID, Years: years, Accountability: acc.ID}
					p, err := adv.Path(ans, time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC))
					if err != nil {
						t.Fatal(err)
					}
					doc, err := json.Marshal(p)
					if err != nil {
						t.Fatal(err)
					}
					if err := schematest.Check(sch, doc); err != nil {
						t.Fatalf("%s %+v: %v", file, ans, err)
					}
				}
			}
		}
	}
}

func TestPathSharesAdvisesAnswerChecks(t *testing.T) {
	r := runCLI(t, nil, "path", "--role", "Dev0ps", "--years", "3", "--accountability", "team")
	if r.code != cmdutil.ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, `unknown role "Dev0ps"`) {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, nil, "path", "--role", "SRE")
	if r.code != cmdutil.ExitUsage || !strings.Contains(r.stderr, "missing answers: pass --years, --accountability") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	r = runCLI(t, map[string]string{"CAREERPATH_FORMAT": "json"}, "path", "--role", "SRE", "--years", "6", "--accountability", "team")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "{") {
		t.Errorf("the format setting is not used: exit %d, %q", r.code, r.stdout)
	}
}

// path asks for the missing answers as advise does, and the answers asked
// for give the same path as flags.
func TestPathAsksForMissingAnswers(t *testing.T) {
	p := &fakePrompter{replies: []string{"Cloud Engineer", "2.9"}}
	r := runPrompted(t, onTerminal, p, "path", "--accountability", "team", "--start", "2027-01-04", "--json")
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if want := []string{askedRole, askedYears}; !slices.Equal(p.asked, want) {
		t.Errorf("asked %q, want %q", p.asked, want)
	}
	flags := runCLI(t, nil, "path", "--role", "Cloud Engineer", "--years", "2.9", "--accountability", "team", "--start", "2027-01-04", "--json")
	if r.stdout != flags.stdout {
		t.Errorf("prompted path differs from the flags' path:\n%s", golden.Diff("flags", "prompted", flags.stdout, r.stdout))
	}
	p = &fakePrompter{replies: []string{interrupt}}
	r = runPrompted(t, onTerminal, p, "path", "--years", "3", "--accountability", "team")
	if r.code != cmdutil.ExitInterrupted || r.stdout != "" {
		t.Errorf("Ctrl-C: exit %d, stdout %q", r.code, r.stdout)
	}
}

// A path of one step starts at the top: its title names the level once.
func TestPathTitleNamesTheLevelsOnce(t *testing.T) {
	for args, want := range map[string]string{
		"--role|Engineering Manager|--years|10|--accountability|multi-team": "Career path: Advanced (top level), 2027-01-04 to 2027-04-17",
		"--role|SRE|--years|6|--accountability|team":                        "Career path: Professional to Advanced, 2027-01-04 to ",
	} {
		r := runCLI(t, nil, append([]string{"path", "--start", "2027-01-04", "-f", "markdown"}, strings.Split(args, "|")...)...)
		if title, _, _ := strings.Cut(r.stdout, "\n"); r.code != 0 || !strings.HasPrefix(title, "# "+want) {
			t.Errorf("path %s: exit %d, title %q, want %q", args, r.code, title, want)
		}
	}
}
