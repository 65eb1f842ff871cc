package advisor

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/careerpath/careerpath/internal/catalog"
)

func newAdvisor(t testing.TB) *Advisor {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	return New(cat)
}

var start = time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)

func advise(t *testing.T, a *Advisor, role, years, acc string) *Recommendation {
	t.Helper()
	rec, err := a.Advise(Answers{Role: role, Years: years, Accountability: acc}, start)
	if err != nil {
		t.Fatalf("Advise(%q, %q, %q): %v", role, years, acc, err)
	}
	return rec
}

// The rule over every role, accountability answer and the year values on
// both sides of each threshold. Expectations are written out, not derived.
func TestLevelRuleGrid(t *testing.T) {
	const F, P, A = "foundation", "professional", "advanced"
	tableLevel := map[string]string{ // the seed's role table (a range's lower end)
		"devops-engineer": F, "sre": P, "platform-engineer": P, "cloud-engineer": F,
		"security-engineer": F, "data-engineer": F, "finops-practitioner": P, "engineering-manager": P,
	}
	years := []string{"0", "2.9", "3", "6.9", "7", "60"}
	want := map[[2]string][6]string{
		{F, "individual"}: {F, F, F, F, F, F},
		{F, "team"}:       {F, F, P, P, P, P},
		{F, "multi-team"}: {F, F, P, P, A, A},
		{P, "individual"}: {F, F, P, P, P, P},
		{P, "team"}:       {F, F, P, P, P, P},
		{P, "multi-team"}: {F, F, P, P, A, A},
	}
	a := newAdvisor(t)
	cases := 0
	for role, tl := range tableLevel {
		for _, acc := range []string{"individual", "team", "multi-team"} {
			for i, y := range years {
				rec := advise(t, a, role, y, acc)
				if got := rec.Level.ID; got != want[[2]string{tl, acc}][i] {
					t.Errorf("%s, %s years, %s: level %s, want %s", role, y, acc, got, want[[2]string{tl, acc}][i])
				}
				cases++
			}
		}
	}
	if cases != 8*3*6 {
		t.Fatalf("ran %d cases, want 144", cases)
	}
}

func TestIssueExamples(t *testing.T) {
	a := newAdvisor(t)
	for _, c := range []struct{ role, years, acc, want string }{
		{"SRE", "6", "team", "Professional"},
		{"Engineering Manager", "10", "multi-team", "Advanced"},
		{"Engineering Manager", "5", "multi-team", "Professional"},
		{"DevOps Engineer", "4", "team", "Professional"},
		{"SRE", "2", "individual", "Foundation"},
	} {
		if got := advise(t, a, c.role, c.years, c.acc).Level.Name; got != c.want {
			t.Errorf("%s, %s years, %s: %s, want %s", c.role, c.years, c.acc, got, c.want)
		}
	}
}

func TestTraceRecordsEachStep(t *testing.T) {
	rec := advise(t, newAdvisor(t), "Engineering Manager", "5", "multi-team")
	var got []string
	for _, s := range rec.Trace {
		got = append(got, s.Rule+":"+s.Effect+":"+s.Level)
	}
	want := "role-table:start:professional accountability:raise:advanced experience:lower:professional"
	if strings.Join(got, " ") != want {
		t.Fatalf("trace %v, want %s", got, want)
	}
	if d := rec.Trace[0].Detail; !strings.Contains(d, "Professional to Advanced") || !strings.Contains(d, "lower end") {
		t.Errorf("role-table detail %q does not explain the range", d)
	}
	if d := rec.Trace[2].Detail; !strings.Contains(d, "7 years") || !strings.Contains(d, "5 were given") {
		t.Errorf("experience detail %q does not give the threshold and the years", d)
	}
}

func TestNextLevelSaysWhatIsMissing(t *testing.T) {
	a := newAdvisor(t)
	kinds := func(n *NextLevel) string {
		var k []string
		for _, m := range n.Missing {
			k = append(k, m.Kind+"="+m.Needed)
		}
		return strings.Join(k, ",")
	}
	for _, c := range []struct{ role, years, acc, next, missing string }{
		{"Engineering Manager", "5", "multi-team", "advanced", "years=7"},
		{"SRE", "6", "team", "advanced", "accountability=multi-team,years=7"},
		{"SRE", "8", "team", "advanced", "accountability=multi-team"},
		{"DevOps Engineer", "1", "individual", "professional", "accountability=team,years=3"},
		{"SRE", "2.9", "team", "professional", "years=3"},
	} {
		rec := advise(t, a, c.role, c.years, c.acc)
		if rec.NextLevel == nil || rec.NextLevel.ID != c.next || kinds(rec.NextLevel) != c.missing {
			t.Errorf("%s/%s/%s: next %+v, want %s needing %s", c.role, c.years, c.acc, rec.NextLevel, c.next, c.missing)
		}
	}
	if rec := advise(t, a, "Engineering Manager", "10", "multi-team"); rec.NextLevel != nil {
		t.Errorf("top level has next level %+v, want none", rec.NextLevel)
	}
	rec := advise(t, a, "SRE", "2.9", "team")
	if d := rec.NextLevel.Missing[0].Detail; !strings.Contains(d, "0.1 more") {
		t.Errorf("missing years detail %q, want 0.1 more (no float noise)", d)
	}
}

func TestPlanDatesAreInclusiveAndBackToBack(t *testing.T) {
	rec := advise(t, newAdvisor(t), "SRE", "6", "team")
	want := [][2]string{{"2027-01-04", "2027-01-17"}, {"2027-01-18", "2027-02-16"}, {"2027-02-17", "2027-04-17"}}
	for i, p := range rec.Plan.Phases {
		if [2]string{p.Start, p.End} != want[i] {
			t.Errorf("phase %d runs %s..%s, want %s..%s", i, p.Start, p.End, want[i][0], want[i][1])
		}
	}
	if rec.Plan.Start != "2027-01-04" || rec.Plan.End != "2027-04-17" {
		t.Errorf("plan runs %s..%s", rec.Plan.Start, rec.Plan.End)
	}
}

func TestPlanIgnoresClockAndZone(t *testing.T) {
	level := &newAdvisor(t).Catalog().Levels[0]
	zone := time.FixedZone("UTC-11", -11*3600)
	late := time.Date(2027, 3, 27, 23, 59, 0, 0, zone) // a DST weekend elsewhere
	if got := BuildPlan(level, late).Phases[0]; got.Start != "2027-03-27" || got.End != "2027-04-09" {
		t.Errorf("phase %s..%s, want 2027-03-27..2027-04-09", got.Start, got.End)
	}
}

func TestSpecialisationRanking(t *testing.T) {
	a := newAdvisor(t)
	for _, c := range []struct{ role, years, acc, order string }{
		{"DevOps Engineer", "1", "individual", "devops sre devsecops aiops-mlops dataops finops"},
		{"SRE", "6", "team", "sre finops devops devsecops aiops-mlops dataops"},
		{"SRE", "1", "team", "sre devops devsecops aiops-mlops dataops finops"},
		{"Cloud Engineer", "4", "team", "finops devops devsecops sre aiops-mlops dataops"},
		{"Engineering Manager", "10", "multi-team", "devops aiops-mlops devsecops sre dataops finops"},
		{"Data Engineer", "0", "ic", "dataops sre devops devsecops aiops-mlops finops"},
	} {
		rec := advise(t, a, c.role, c.years, c.acc)
		var ids []string
		for i, s := range rec.Specialisations {
			ids = append(ids, s.ID)
			if s.Rank != i+1 || s.Focus == "" || s.Reason == "" || len(s.Providers) == 0 {
				t.Errorf("%s: specialisation %+v is incomplete", c.role, s)
			}
		}
		if strings.Join(ids, " ") != c.order {
			t.Errorf("%s/%s/%s: order %v, want %s", c.role, c.years, c.acc, ids, c.order)
		}
	}
	rec := advise(t, a, "SRE", "1", "team")
	if r := rec.Specialisations[0].Reason; !strings.Contains(r, "primary") || !strings.Contains(r, "Foundation") {
		t.Errorf("a direction that is both primary and next should give both reasons, got %q", r)
	}
}

func TestAnswerNormalisation(t *testing.T) {
	a := newAdvisor(t)
	for in, want := range map[string]string{
		"SRE": "sre", "site reliability engineer": "sre", "Site_Reliability-Engineer": "sre",
		"devops-engineer": "devops-engineer", "DEVOPS   engineer": "devops-engineer", " Engineering_Manager ": "engineering-manager",
		"finops practitioner": "finops-practitioner",
	} {
		r, err := a.ResolveRole(in)
		if err != nil || r.Role.ID != want {
			t.Errorf("ResolveRole(%q) = %v, %v; want %s", in, r, err, want)
		}
	}
	for in, want := range map[string]string{
		"ic": "individual", "Individual Contributor": "individual", "none": "individual", "INDIVIDUAL": "individual",
		"single team": "team", "one-team": "team", "team_ownership": "team", "Team": "team",
		"multi team": "multi-team", "multiteam": "multi-team", "multiple teams": "multi-team",
		"org": "multi-team", "organisation": "multi-team", "Organization": "multi-team", "multi_team": "multi-team",
	} {
		acc, err := a.ResolveAccountability(in)
		if err != nil || acc.ID != want {
			t.Errorf("ResolveAccountability(%q) = %v, %v; want %s", in, acc, err, want)
		}
	}
}

func TestUnknownRoleSuggestsAndLists(t *testing.T) {
	_, err := newAdvisor(t).ResolveRole("Dev0ps Engineer")
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != FieldRole {
		t.Fatalf("err = %v, want an InputError for role", err)
	}
	for _, want := range []string{`"Dev0ps Engineer"`, `did you mean "DevOps Engineer"`, "Valid roles:", "Engineering Manager"} {
		if !strings.Contains(ie.Message, want) {
			t.Errorf("message %q lacks %q", ie.Message, want)
		}
	}
}

func TestUnknownAccountabilityListsAnswers(t *testing.T) {
	_, err := newAdvisor(t).ResolveAccountability("boss")
	if err == nil || !strings.Contains(err.Error(), "individual (DevOps exposure), team (Team ownership), multi-team") {
		t.Fatalf("err = %v", err)
	}
}

func TestReadYears(t *testing.T) {
	for in, want := range map[string]float64{"0": 0, "6": 6, "6.5": 6.5, " 2.9 ": 2.9, "60": 60, "007": 7} {
		got, err := ReadYears(in)
		if err != nil || got.Value != want || got.AtLeast {
			t.Errorf("ReadYears(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for in, why := range map[string]string{
		"": "empty", "abc": "not a number", "-1": "negative", "60.5": "more than 60", "1e3": "not a number",
		"0x10": "not a number", "NaN": "not a number", "Inf": "not a number", "6.": "not a number", ".5": "not a number", "1,5": "not a number",
	} {
		_, err := ReadYears(in)
		if err == nil || !strings.Contains(err.Error(), why) || !strings.Contains(err.Error(), "0 to 60") {
			t.Errorf("ReadYears(%q) error %v, want it to say %q and give the range", in, err, why)
		}
	}
}

func TestListsAreNeverNull(t *testing.T) {
	rec := advise(t, newAdvisor(t), "SRE", "6", "team")
	for name, l := range map[string][]string{"capabilities": rec.Capabilities, "practical_results": rec.PracticalResults,
		"common_mistakes": rec.CommonMistakes, "pursue_next": rec.PursueNext} {
		if len(l) == 0 {
			t.Errorf("%s is empty for the seed catalog", name)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{"2027-01-04": "2027-01-04", " 2028-02-29 ": "2028-02-29", "1900-01-01": "1900-01-01", "2999-12-31": "2999-12-31"} {
		got, err := ParseDate(in)
		if err != nil || got.Format(DateLayout) != want || got.Location() != time.UTC {
			t.Errorf("ParseDate(%q) = %v, %v; want %s UTC", in, got, err, want)
		}
	}
	for in, why := range map[string]string{
		"": "is not a date", "04/01/2027": "is not a date", "2027-02-29": "is not a date", "2027-1-4": "is not a date",
		"2027-01-04T10:00:00Z": "is not a date", "1899-12-31": "is out of range", "3000-01-01": "is out of range",
	} {
		_, err := ParseDate(in)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != FieldStart || !strings.Contains(ie.Message, why) || !strings.Contains(ie.Message, "YYYY-MM-DD") {
			t.Errorf("ParseDate(%q) error %v, want an InputError saying %q", in, err, why)
		}
	}
}

// TestSpecialisationsAreRankedOncePerRoleAndLevel: the shared ranking is
// each role and level's own, however the calls interleave.
func TestSpecialisationsAreRankedOncePerRoleAndLevel(t *testing.T) {
	adv := newAdvisor(t)
	cat := adv.Catalog()
	for range 2 {
		for i := range cat.Roles {
			for j := range cat.Levels {
				role, level := &cat.Roles[i], &cat.Levels[j]
				got, want := adv.Specialisations(role, level), adv.rank(role, level)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s at %s: %+v, ranked afresh %+v", role.ID, level.ID, got, want)
				}
			}
		}
	}
}
