package advisor

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/data"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/golden"
)

// matchLine writes how an answer resolves, one line per answer.
func matchLine(a *Advisor, answer string) string {
	m, err := a.ResolveRole(answer)
	if err != nil {
		var ie *InputError
		errors.As(err, &ie)
		suggestion := "no suggestion"
		if _, s, ok := strings.Cut(ie.Message, "did you mean "); ok {
			suggestion, _, _ = strings.Cut(s, "?")
		}
		return fmt.Sprintf("%-34q unknown (%s)", answer, suggestion)
	}
	return fmt.Sprintf("%-34q %-12s %-20s ignored %q", answer, m.How, m.Role.Name, m.Ignored)
}

// leadCatalog is the embedded catalog with a role whose own name holds a
// title word.
func leadCatalog(t *testing.T) *catalog.Loaded {
	t.Helper()
	raw := strings.Replace(string(data.CatalogYAML), "  - id: data-engineer\n    name: Data Engineer", "  - id: lead-data-engineer\n    name: Lead Data Engineer", 1)
	cat, err := catalog.Parse("lead.yaml", []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func TestRoleMatchingGolden(t *testing.T) {
	var b strings.Builder
	a := newAdvisor(t)
	b.WriteString("# each title word of the embedded catalog\n")
	for _, w := range a.Catalog().Policy.TitleWords {
		fmt.Fprintln(&b, matchLine(a, w+" DevOps Engineer"))
		fmt.Fprintln(&b, matchLine(a, "Platform Engineer "+w))
	}
	b.WriteString("# exact, alias, combinations, punctuation, brackets, words in the middle\n")
	for _, answer := range []string{
		"SRE", "site reliability engineer", "Sr. DevOps Engineer", "Staff SRE", "Platform Engineer II",
		"Lead Cloud Engineer (EMEA)", "Senior Staff Principal SRE III", "sr, jr. Data Engineer",
		"Cloud Senior Engineer", "DevOps Engineer (Berlin) (contract)", "Senior Site Reliability Engineer 2",
		"SENIOR-DEVOPS_ENGINEER", "Security Engineer (", "lead", "Senior", "(EMEA)",
		// a part in brackets with a word other than title words may name another trade
		"Engineering Manager (Civil)", "SRE (Contract, EMEA)", "Security Engineer (\xa0)", "Sr Engineering Manager (Civil)",
	} {
		fmt.Fprintln(&b, matchLine(a, answer))
	}
	b.WriteString("# nothing left names a role, and the did-you-mean\n")
	for _, answer := range []string{
		"Principal Engineer", "Chief Happiness Officer", "Senior Engineer", "Dev0ps", "platfrom engineer",
		"Data Enginer", "Reliability Lead", "SER", "abe", "alice.smith@example.com", "E0000001",
		"Dev0ps Engineer", "Dev Ops Engineer", "Site Reliabilty Engineer (Contract)", "Sr. Clod Engineer II",
		"Build Engineer", "Linux Engineer", "Cloud Physicist", "Platform Loader", "Data Entry Clerk",
		"Plant Reliability Engineer", "Airport Security Screener", "Security", "Cloud", "Engineer",
	} {
		fmt.Fprintln(&b, matchLine(a, answer))
	}
	b.WriteString("# a role whose own name holds a title word (Lead Data Engineer)\n")
	lead := New(leadCatalog(t))
	for _, answer := range []string{
		"Lead Data Engineer", "Senior Lead Data Engineer", "Lead Data Engineer II", "Data Engineer", "Senior Data Engineer", "Lead Lead Data Engineer",
	} {
		fmt.Fprintln(&b, matchLine(lead, answer))
	}
	golden.Assert(t, "role_matching", b.String())
}

func TestTitleWordsAreValidated(t *testing.T) {
	raw := strings.Replace(string(data.CatalogYAML), `title_words: [senior, sr,`, `title_words: [senior, "", "vice president", Sr, "sr.", sr,`, 1)
	_, err := catalog.Parse("words.yaml", []byte(raw))
	var ce *catalog.Error
	if !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a catalog.Error", err)
	}
	for _, want := range []string{
		"policy.title_words[1]: must not be empty",
		`policy.title_words[2]: "vice president" is not one word`,
		`policy.title_words[4]: "sr." is not one word`,
		`policy.title_words[5]: "sr" is listed twice (also policy.title_words[3])`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%v\nlacks %q", err, want)
		}
	}
}

func TestTitleMatchIsExplainedInTheTrace(t *testing.T) {
	rec := advise(t, newAdvisor(t), "Lead Cloud Engineer (EMEA)", "5+", "team")
	if rec.Role.Match != MatchTitleWords || rec.Role.ID != "cloud-engineer" {
		t.Fatalf("role %+v", rec.Role)
	}
	first, last := rec.Trace[0], rec.Trace[len(rec.Trace)-1]
	if first.Rule != RuleTitleWords || first.Effect != EffectMatch || !strings.Contains(first.Detail, `"lead", "(EMEA)"`) {
		t.Errorf("first step %+v", first)
	}
	if !strings.HasPrefix(last.Detail, "at least 5 years") {
		t.Errorf("experience step %q does not say at least", last.Detail)
	}
	if rec.Catalog.Titles != nil {
		t.Errorf("catalog.titles = %+v without a title map", rec.Catalog.Titles)
	}
}

func TestYearsWithUnits(t *testing.T) {
	for in, want := range map[string]Years{
		"5 years": {5, false}, "5 yrs": {5, false}, "5y": {5, false}, "5+": {5, true}, "5+ years": {5, true},
		"1 year": {1, false}, "6.5 Years": {6.5, false}, " 7 YRS ": {7, false}, "3 yr": {3, false},
	} {
		got, err := ReadYears(in)
		if err != nil || got != want {
			t.Errorf("ReadYears(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, in := range []string{"y", "years", "+", "5++", "+5", "five years", "5 months", "5 yearsy", "5 + ", "61+"} {
		if _, err := ReadYears(in); err == nil {
			t.Errorf("ReadYears(%q) is accepted", in)
		}
	}
}

func TestEveryProblemOfTheAnswers(t *testing.T) {
	_, err := newAdvisor(t).Resolve(Answers{Role: "Sorcerer", Years: "six", Accountability: "galaxy"})
	problems := Problems(err)
	if len(problems) != 3 || problems[0].Field != FieldRole || problems[1].Field != FieldYears || problems[2].Field != FieldAccountability {
		t.Fatalf("problems %v of %v", problems, err)
	}
	var first *InputError
	if !errors.As(err, &first) || first != problems[0] {
		t.Errorf("errors.As gives %v, want the role's problem first", first)
	}
	if _, err := newAdvisor(t).Resolve(Answers{Role: "SRE", Years: "six", Accountability: "team"}); len(Problems(err)) != 1 {
		t.Errorf("one bad answer gives %v", err)
	}
}

func TestDidYouMeanIsBoundedForHugeAnswers(t *testing.T) {
	huge := strings.Repeat("devops engineer ", 1<<20)
	_, err := newAdvisor(t).ResolveRole(huge)
	if err == nil || strings.Contains(err.Error(), "did you mean") || len(err.Error()) > 1000 {
		t.Fatalf("a 16 MB answer gives a %d-byte error: %.200s", len(err.Error()), err)
	}
}

func BenchmarkUnknownRole(b *testing.B) {
	a := newAdvisor(b)
	for _, c := range []struct{ name, answer string }{
		{"short", "alice.smith@example.com"},
		{"typo", "platfrom engineer"},
		{"50MB", strings.Repeat("x", 50<<20)},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := a.ResolveRole(c.answer); err == nil {
					b.Fatal("resolved")
				}
			}
		})
	}
}

// A map's titles match with title words added as the catalog's names do;
// a line that matches as written wins over one matched with title words,
// and the catalog's own names come before the map's title-word matches.
func TestTitleMapLinesTakeTitleWords(t *testing.T) {
	a := newAdvisor(t)
	titles, err := catalog.ParseTitles("t.csv", []byte("title,role\nBuild Engineer,Platform Engineer\nSr. Build Engineer,Cloud Engineer\nStaff SRE,Data Engineer\nCloud Physicist,-\n"), a.Catalog())
	if err != nil {
		t.Fatal(err)
	}
	a = a.WithTitles(titles)
	for answer, want := range map[string]string{
		"Build Engineer":            "title-map Platform Engineer []",
		"Build Engineer II":         "title-map Platform Engineer [ii]",
		"Build Engineer (Contract)": "title-map Platform Engineer [(Contract)]",
		"Senior Build Engineer":     "title-map Platform Engineer [senior]",
		"sr. build engineer":        "title-map Cloud Engineer []",
		"Sr. Build Engineer III":    "title-map Cloud Engineer [iii]",
		"Senior Staff SRE":          "title-map Data Engineer [senior]",
		"Senior SRE":                "title-words SRE [senior]",
		"SRE":                       "exact SRE []",
		"Junior Cloud Physicist":    "out of scope",
	} {
		m, err := a.ResolveRole(answer)
		got := "out of scope"
		var out *OutOfScopeError
		if !errors.As(err, &out) {
			if err != nil {
				t.Errorf("%q: %v", answer, err)
				continue
			}
			got = fmt.Sprintf("%s %s %v", m.How, m.Role.Name, m.Ignored)
		}
		if got != want {
			t.Errorf("%q: %s, want %s", answer, got, want)
		}
	}
}

// A role answer whose part in brackets holds more than title words is
// rejected, and the error says why; one whose part is title words alone
// but names no role is not told about brackets.
func TestBracketsWithOtherWordsAreExplained(t *testing.T) {
	a := newAdvisor(t)
	_, err := a.ResolveRole("Engineering Manager (Civil)")
	if err == nil || !strings.Contains(err.Error(), `"(Civil)" holds more than title words`) {
		t.Errorf("error %v, want one naming the part in brackets", err)
	}
	_, err = a.ResolveRole("Wizard (Contract)")
	if err == nil || strings.Contains(err.Error(), "brackets") || strings.Contains(err.Error(), "holds more") {
		t.Errorf("error %v, want an unknown role without a word on its brackets", err)
	}
}
