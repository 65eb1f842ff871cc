package catalog

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/data"
)

func TestEmbeddedCatalogLoadsStrictly(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Levels) != 3 || len(c.Roles) != 8 || len(c.Directions) != 6 || len(c.Providers) != 9 ||
		len(c.Accountability) != 3 || len(c.CareerGrowth) != 3 {
		t.Fatalf("catalog has %d levels, %d roles, %d directions, %d providers, %d answers, %d growth paths",
			len(c.Levels), len(c.Roles), len(c.Directions), len(c.Providers), len(c.Accountability), len(c.CareerGrowth))
	}
	if len(c.Source.SHA256) != 64 {
		t.Errorf("source sha256 %q", c.Source.SHA256)
	}
	for _, r := range c.Roles {
		if _, ok := c.levelPos[r.Level.From]; !ok {
			t.Errorf("role %s: level %q missing", r.ID, r.Level.From)
		}
		if r.Level.To != "" && c.LevelPos(r.Level.To) < c.LevelPos(r.Level.From) {
			t.Errorf("role %s: range runs downwards", r.ID)
		}
		if c.Direction(r.Policy.PrimaryDirection).ID != r.Policy.PrimaryDirection {
			t.Errorf("role %s: primary direction %q missing", r.ID, r.Policy.PrimaryDirection)
		}
	}
	for _, l := range c.Levels {
		days := 0
		for _, p := range l.PreparationPlan.Phases {
			if p.Days <= 0 {
				t.Errorf("level %s: phase %q has %d days", l.ID, p.Title, p.Days)
			}
			days += p.Days
		}
		if days != 14+30+60 {
			t.Errorf("level %s: plan is %d days, want 104", l.ID, days)
		}
	}
}

// Every text the catalog takes from the article must be in it word for word.
func TestCatalogTextIsTheSeedsOwn(t *testing.T) {
	raw, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	seed := string(raw)
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	add := func(s ...string) { texts = append(texts, s...) }
	add(c.Programme.Name, c.Programme.Operator, c.Programme.Evaluation)
	for _, l := range c.Levels {
		add(l.Name, l.Track, l.IntendedAudience, l.PriorExperience, l.KeyEmphasis, l.Reference, l.Stage, l.Purpose,
			l.BestSuitedFor, l.PreparationPlan.Text)
		add(l.Capabilities...)
		add(l.PracticalResults...)
		add(l.CommonMistakes...)
		add(l.PursueNext...)
		for _, p := range l.PreparationPlan.Phases {
			add(p.Activity, p.Duration)
		}
		row := "| " + strings.Join([]string{l.Track, l.Name, l.IntendedAudience, l.PriorExperience, l.KeyEmphasis}, " | ")
		add(row)
	}
	for _, a := range c.Accountability {
		add(a.Description)
	}
	for _, r := range c.Roles {
		add("| " + r.Name + " | " + r.SuggestedLevel + " |")
	}
	for _, d := range c.Directions {
		add(d.Name + "\n" + d.Focus)
	}
	for _, g := range c.CareerGrowth {
		add(g.Name + "\n" + g.Text)
	}
	for _, p := range c.Providers {
		add(p.Summary)
		if !strings.HasPrefix(p.Summary, p.Name+" ") {
			t.Errorf("provider %s: summary %q does not start with its name", p.ID, p.Summary)
		}
	}
	for _, s := range texts {
		if !strings.Contains(seed, s) {
			t.Errorf("not in the seed word for word: %q", s)
		}
	}
}

// Decoding errors read like validation errors: the path, the line, what
// is wrong and how to fix it, every unknown key at once.
func TestDecodingErrorsHavePathsAndLines(t *testing.T) {
	lines := strings.SplitAfter(string(data.CatalogYAML), "\n")
	indentLine := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "    common_mistakes:") }) + 1
	misindented := slices.Clone(lines)
	misindented[indentLine-1] = " " + misindented[indentLine-1]
	for name, c := range map[string]struct {
		raw  string
		want []string
	}{
		"unknown keys everywhere": {
			strings.NewReplacer("\nversion:", "\nversoin: x\nversion:", "min_years:", "min_year:").Replace(string(data.CatalogYAML)),
			[]string{"versoin: line 9: unknown key; remove it or use one of the keys at the top level: accountability,",
				"levels[0].policy.min_year: line ", "levels[2].policy.min_year: line ", "min_years, next_direction", "(4 problems)"}},
		"wrong type": {strings.Replace(string(data.CatalogYAML), "order: 2", "order: two", 1),
			[]string{`levels[1].order: line `, `the text "two" is given where a whole number is needed`}},
		"bad indent": {strings.Join(misindented, ""),
			[]string{fmt.Sprintf("line %d: did not find expected key (in the block that starts on line ", indentLine),
				fmt.Sprintf("check the indentation and quoting of line %d", indentLine)}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("typo.yaml", []byte(c.raw))
			for _, w := range c.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("err = %v, want it to contain %q", err, w)
				}
			}
		})
	}
}

func TestValidationListsEveryProblem(t *testing.T) {
	raw := string(data.CatalogYAML)
	for _, r := range [][2]string{
		{"level: {from: foundation}\n    policy: {primary_direction: devops}\n  - id: sre", "level: {from: expert}\n    policy: {primary_direction: devops}\n  - id: sre"},
		{"level: {from: professional, to: advanced}", "level: {from: advanced, to: professional}"},
		{"providers: [sreschool]", "providers: [sreschool, nowhere]"},
		{"days: 30", "days: 0"},
		{"  - id: cotocus", "  - id: devopsschool"},
		{"aliases: [single team, one team, team ownership]", "aliases: [single team, one team, team ownership, Individual_Contributor]"},
		{"    order: 3", "    order: 4"},
		{"focus: Align security controls with delivery speed.", "focus: \"\""},
		{"min_years: 0", "min_years: .nan"},
		{"days: 60", "days: 3650"},
	} {
		if !strings.Contains(raw, r[0]) {
			t.Fatalf("fixture text %q not found in the catalog", r[0])
		}
		raw = strings.Replace(raw, r[0], r[1], 1)
	}
	_, err := Parse("broken.yaml", []byte(raw))
	cerr, ok := err.(*Error)
	if !ok {
		t.Fatalf("err = %v, want *Error", err)
	}
	want := []string{
		`roles[0].level.from: unknown level "expert" (levels: foundation, professional, advanced)`,
		`roles[7].level: runs from "advanced" down to "professional"`,
		`directions[2].providers[1]: unknown provider "nowhere"`,
		`levels[0].preparation_plan.phases[1].days: is 0`,
		`providers[1].id: duplicate id "devopsschool" (also providers[0])`,
		`accountability[1]: "Individual_Contributor" matches accountability[0]`,
		`directions[0].providers[1]: unknown provider "cotocus"`,
		`levels[2].order: is 4`,
		`directions[1].focus: must not be empty`,
		`levels[0].policy.min_years: is NaN; give a number of years from 0 to 60`,
		`levels[0].preparation_plan.phases: add up to 3664 days; a plan runs at most 3660 days`,
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error lacks %q:\n%v", w, err)
		}
	}
	if len(cerr.Problems) != len(want) {
		t.Errorf("%d problems, want %d:\n%v", len(cerr.Problems), len(want), err)
	}
}

// A level's min_years is a number of years a working life can hold: an
// infinity passed validation once and then broke JSON output and month
// counts, and thousands of years gave five-digit dates.
func TestMinYearsBounds(t *testing.T) {
	const top = "    policy:\n      min_years: 7\n"
	raw := string(data.CatalogYAML)
	if strings.Count(raw, top) != 1 {
		t.Fatalf("fixture text %q not found once in the catalog", top)
	}
	for value, want := range map[string]string{
		".inf": "is +Inf", "-.inf": "is -Inf", ".nan": "is NaN", "-1": "is -1",
		"60.5": "is 60.5", "8000": "is 8000", "1e18": "is 1e+18",
		"60": "", "59.75": "", "7": "",
	} {
		_, err := Parse("years.yaml", []byte(strings.Replace(raw, top, "    policy:\n      min_years: "+value+"\n", 1)))
		if want == "" {
			if err != nil {
				t.Errorf("min_years %s: %v", value, err)
			}
			continue
		}
		full := "levels[2].policy.min_years: " + want + "; give a number of years from 0 to 60"
		if err == nil || !strings.Contains(err.Error(), full) {
			t.Errorf("min_years %s: err = %v, want %q", value, err, full)
		}
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{
		"Site Reliability Engineer": "site reliability engineer", "multi-team": "multi team",
		"Multi__Team": "multi team", "  a \t b  ": "a b", "": "",
		// Unicode white space, as strings.TrimSpace sees it: a no-break
		// space from an export, and a cell of only a vertical tab.
		"Site\u00a0Reliability Engineer\u00a0": "site reliability engineer", "\v": "", "a\fb": "a b",
	} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEmptyAndMultiDocumentFiles(t *testing.T) {
	if _, err := Parse("empty.yaml", nil); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("empty: %v", err)
	}
	two := append(append([]byte{}, data.CatalogYAML...), []byte("\n---\nname: again\n")...)
	if _, err := Parse("two.yaml", two); err == nil || !strings.Contains(err.Error(), "more than one") {
		t.Errorf("two documents: %v", err)
	}
}

func TestValidationOfTextIDsAndLevelCount(t *testing.T) {
	raw := string(data.CatalogYAML)
	for _, r := range [][2]string{
		{"  - id: deepen-focus\n    name: Deepen focus", "  - id: deepen focus\n    name: \"\""},
		{"description: Team ownership", "description: \"  \""},
		{"level: professional\n    policy:\n      aliases: [single team", "level: \"\"\n    policy:\n      aliases: [single team"},
		{"suggested_level: Foundation\n    level: {from: foundation}\n    policy: {primary_direction: devops}", "suggested_level: \"\"\n    level: {from: foundation}\n    policy: {primary_direction: devops}"},
		{"summary: Cotocus supports enterprise DevOps transformation initiatives.", "summary: \"\""},
	} {
		if !strings.Contains(raw, r[0]) {
			t.Fatalf("fixture text %q not found in the catalog", r[0])
		}
		raw = strings.Replace(raw, r[0], r[1], 1)
	}
	_, err := Parse("text.yaml", []byte(raw))
	cerr, ok := err.(*Error)
	if !ok {
		t.Fatalf("err = %v, want *Error", err)
	}
	want := []string{
		`career_growth[0].id: "deepen focus" is not a valid id`,
		`career_growth[0].name: must not be empty`,
		`accountability[1].description: must not be empty`,
		`accountability[1].level: must not be empty; name one of the levels: foundation, professional, advanced`,
		`roles[0].suggested_level: must not be empty`,
		`providers[1].summary: must not be empty`,
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error lacks %q:\n%v", w, err)
		}
	}
	if len(cerr.Problems) != len(want) {
		t.Errorf("%d problems, want %d:\n%v", len(cerr.Problems), len(want), err)
	}
}

func TestLevelCountBounds(t *testing.T) {
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 11} {
		c := *def.Catalog
		c.Levels = make([]Level, n)
		for i := range c.Levels {
			c.Levels[i] = def.Levels[0]
			c.Levels[i].ID = fmt.Sprintf("l%d", i+1)
			c.Levels[i].Order = i + 1
		}
		found := false
		for _, p := range Validate(&c) {
			found = found || (p.Path == "levels" && strings.Contains(p.Message, fmt.Sprintf("has %d levels; a catalog needs 2 to 10", n)))
		}
		if !found {
			t.Errorf("%d levels: no level-count problem in %v", n, Validate(&c))
		}
	}
}

// Control and bidirectional formatting characters are refused wherever
// they are in the catalog's text, each with its path.
func TestControlCharactersAreRefused(t *testing.T) {
	for name, c := range map[string]struct{ from, to, path, char string }{
		"ESC in a level name":     {"name: Foundation", `name: "Found\e]0;x\aation"`, "levels[0].name", "U+001B"},
		"C1 CSI in a capability":  {"- Workflow transparency", `- "Workflow \u009b2J"`, "levels[0].capabilities[2]", "U+009B"},
		"DEL in a role alias":     {"aliases: [Site Reliability Engineer,", `aliases: ["Site\x7f", `, "roles[1].policy.aliases[0]", "U+007F"},
		"bidi override in a name": {"name: Cotocus", "name: \"Coto\u202ecus\"", "providers[1].name", "U+202E"},
		"bidi isolate":            {"focus: Align security controls with delivery speed.", "focus: \"\u2066Align security\"", "directions[1].focus", "U+2066"},
		"line feed in a summary":  {"summary: Cotocus supports", "summary: |\n      Cotocus\n      supports", "providers[1].summary", "U+000A"},
	} {
		t.Run(name, func(t *testing.T) {
			raw := strings.Replace(string(data.CatalogYAML), c.from, c.to, 1)
			if raw == string(data.CatalogYAML) {
				t.Fatalf("%q is not in the catalog", c.from)
			}
			_, err := Parse("hostile.yaml", []byte(raw))
			want := c.path + ": contains the control character " + c.char
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("err = %v, want it to contain %q", err, want)
			}
		})
	}
}

// Catalogs that would give broken advice are refused: a top level no
// answer reaches, a role label that contradicts its range, empty sections.
func TestCatalogsThatGiveBrokenAdviceAreRefused(t *testing.T) {
	sectionEmptied := func(key string) string {
		lines := strings.SplitAfter(string(data.CatalogYAML), "\n")
		var out []string
		in := false
		for _, l := range lines {
			switch {
			case l == key+":\n":
				in = true
				out = append(out, key+": []\n")
				continue
			case in && (strings.HasPrefix(l, " ") || l == "\n"):
				continue
			}
			in = false
			out = append(out, l)
		}
		return strings.Join(out, "")
	}
	for name, c := range map[string]struct {
		raw  string
		want string
	}{
		"top level unreached": {strings.Replace(string(data.CatalogYAML), "description: Multi-team accountability\n    level: advanced", "description: Multi-team accountability\n    level: professional", 1),
			`accountability: no answer maps to the top level "advanced"`},
		"label names another level": {strings.Replace(string(data.CatalogYAML), "suggested_level: Professional\n    level: {from: professional}\n    policy:\n      primary_direction: sre", "suggested_level: Advanced\n    level: {from: professional}\n    policy:\n      primary_direction: sre", 1),
			`roles[1].suggested_level: "Advanced" does not match the role's level range (Professional); write "Professional", or correct level.from and level.to`},
		"label outside the range": {strings.Replace(string(data.CatalogYAML), "suggested_level: Professional to Advanced", "suggested_level: Foundation to Advanced", 1),
			`roles[7].suggested_level: "Foundation to Advanced" does not match the role's level range (Professional to Advanced)`},
		"range label without its upper end": {strings.Replace(string(data.CatalogYAML), "suggested_level: Professional to Advanced", "suggested_level: Professional", 1),
			`roles[7].suggested_level: "Professional" does not match the role's level range (Professional to Advanced)`},
		"no providers":               {sectionEmptied("providers"), "providers: is empty"},
		"no career growth":           {sectionEmptied("career_growth"), "career_growth: is empty"},
		"no roles":                   {sectionEmptied("roles"), "roles: is empty"},
		"no accountability":          {sectionEmptied("accountability"), "accountability: is empty"},
		"no directions":              {sectionEmptied("directions"), "directions: is empty"},
		"no levels":                  {sectionEmptied("levels"), "levels: has 0 levels"},
		"direction with no provider": {strings.Replace(string(data.CatalogYAML), "providers: [sreschool]", "providers: []", 1), "directions[2].providers: is empty"},
	} {
		t.Run(name, func(t *testing.T) {
			if c.raw == string(data.CatalogYAML) {
				t.Fatal("the edit did not apply")
			}
			_, err := Parse("broken.yaml", []byte(c.raw))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to contain %q", err, c.want)
			}
		})
	}
}
