package catalog

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Level count bounds: a ladder needs a step to climb, and more than ten
// rungs is a sign of a mistake rather than a policy.
const (
	minLevels = 2
	maxLevels = 10
)

// maxPlanDays bounds a level's plan (ten years): a longer plan is a typo.
// With MaxYears it keeps every date of a path within a few centuries of
// its start, which the advisor checks against the years it writes.
const maxPlanDays = 3660

// MaxYears bounds a level's min_years as the years answer is bounded: a
// working life. An infinite or absurd value would make every date and
// month count after it meaningless or overflow.
const MaxYears = 60

// Problem is one thing wrong with a catalog, at a path such as roles[3].level.
type Problem struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// Error reports every problem found in one catalog.
type Error struct {
	Origin   string
	Problems []Problem
}

func (e *Error) Error() string {
	if len(e.Problems) == 1 && e.Problems[0].Path == "" {
		return fmt.Sprintf("catalog %s: %s", e.Origin, e.Problems[0].Message)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "catalog %s is invalid (%d problem", e.Origin, len(e.Problems))
	if len(e.Problems) != 1 {
		b.WriteString("s")
	}
	b.WriteString("):")
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p.String())
	}
	return b.String()
}

// Key normalises a name, id or alias for matching: case-insensitive, with
// '-', '_' and runs of white space treated alike. White space is Unicode's
// (unicode.IsSpace), as strings.TrimSpace's is, so an answer that trims to
// nothing keys to nothing, and a no-break space from an HR export matches
// a plain one.
func Key(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == '-' || r == '_' || unicode.IsSpace(r)
	}), " ")
}

type validator struct {
	problems []Problem
}

func (v *validator) add(path, format string, args ...any) {
	v.problems = append(v.problems, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) required(path, value string) {
	if strings.TrimSpace(value) == "" {
		v.add(path, "must not be empty")
	}
}

// idPattern keeps ids safe to write into CSV cells, file names and URLs.
// It is compiled on first use, as the embedded catalog is not validated at
// run time.
var idPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`) })

// ids checks that every id is present, well formed and unique, and returns
// them in order.
func (v *validator) ids(section string, n int, id func(int) string) []string {
	seen := map[string]int{}
	out := make([]string, 0, n)
	for i := range n {
		path := fmt.Sprintf("%s[%d].id", section, i)
		got := id(i)
		v.required(path, got)
		if got != "" && !idPattern().MatchString(got) {
			v.add(path, "%q is not a valid id; use letters, digits, '.', '_' and '-', starting with a letter or digit", got)
		}
		if first, dup := seen[got]; dup && got != "" {
			v.add(path, "duplicate id %q (also %s[%d]); give each entry its own id", got, section, first)
		}
		seen[got] = i
		out = append(out, got)
	}
	return out
}

// keys checks that names, ids and aliases stay distinct after normalisation,
// so that an answer can never match two entries.
func (v *validator) keys(section string, entries [][]string) {
	owner := map[string]int{}
	for i, names := range entries {
		for _, name := range names {
			k := Key(name)
			if k == "" {
				continue
			}
			if first, ok := owner[k]; ok && first != i {
				v.add(fmt.Sprintf("%s[%d]", section, i), "%q matches %s[%d] too once case, '-', '_' and spaces are ignored; remove or rename one", name, section, first)
				continue
			}
			owner[k] = i
		}
	}
}

func (v *validator) ref(path, kind, value string, known []string) {
	if value == "" {
		v.add(path, "must not be empty; name one of the %ss: %s", kind, strings.Join(known, ", "))
		return
	}
	for _, k := range known {
		if k == value {
			return
		}
	}
	v.add(path, "unknown %s %q (%ss: %s)", kind, value, kind, strings.Join(known, ", "))
}

// Validate returns every problem in c, each with its path and how to fix it.
func Validate(c *Catalog) []Problem {
	v := &validator{}
	v.required("name", c.Name)
	v.required("version", c.Version)
	v.required("programme.name", c.Programme.Name)
	v.plainText(c)
	levels := v.levels(c)
	directions := v.ids("directions", len(c.Directions), func(i int) string { return c.Directions[i].ID })
	providers := v.ids("providers", len(c.Providers), func(i int) string { return c.Providers[i].ID })
	v.levelRefs(c, directions)
	v.accountability(c, levels)
	v.topLevelReached(c)
	v.roles(c, levels, directions)
	v.directions(c, providers)
	v.titleWords(c)
	if len(c.Providers) == 0 {
		v.add("providers", "is empty; list at least one provider for the directions to name")
	}
	if len(c.CareerGrowth) == 0 {
		v.add("career_growth", "is empty; list at least one way to grow after the top level")
	}
	v.ids("career_growth", len(c.CareerGrowth), func(i int) string { return c.CareerGrowth[i].ID })
	for i, g := range c.CareerGrowth {
		v.required(fmt.Sprintf("career_growth[%d].name", i), g.Name)
		v.required(fmt.Sprintf("career_growth[%d].text", i), g.Text)
	}
	for i, p := range c.Providers {
		v.required(fmt.Sprintf("providers[%d].name", i), p.Name)
		v.required(fmt.Sprintf("providers[%d].summary", i), p.Summary)
	}
	return v.problems
}

// plainText refuses control characters (a terminal would obey an ESC or
// C1 sequence in a level name) and bidirectional controls (an override
// makes text read backwards): catalog text needs neither.
func (v *validator) plainText(c *Catalog) {
	walkStrings(c, func(path, s string) {
		if i := strings.IndexFunc(s, notPlain); i >= 0 {
			r, _ := utf8.DecodeRuneInString(s[i:])
			v.add(path, "contains the control character U+%04X at byte %d; remove it: catalog text is plain text with no control or bidirectional formatting characters (write long text on one line or as a folded `>-` block)", r, i+1)
		}
	})
}

func notPlain(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
}

func (v *validator) levels(c *Catalog) []string {
	if n := len(c.Levels); n < minLevels || n > maxLevels {
		v.add("levels", "has %d levels; a catalog needs %d to %d", n, minLevels, maxLevels)
	}
	ids := v.ids("levels", len(c.Levels), func(i int) string { return c.Levels[i].ID })
	for i, l := range c.Levels {
		path := fmt.Sprintf("levels[%d]", i)
		v.required(path+".name", l.Name)
		if l.Order != i+1 {
			v.add(path+".order", "is %d but the level is number %d in the list; list levels lowest first with orders 1, 2, 3 ...", l.Order, i+1)
		}
		if y := l.Policy.MinYears; !(y >= 0 && y <= MaxYears) { // also rejects .nan, which compares false with everything
			v.add(path+".policy.min_years", "is %g; give a number of years from 0 to %d", y, MaxYears)
		}
		if i > 0 && l.Policy.MinYears < c.Levels[i-1].Policy.MinYears {
			v.add(path+".policy.min_years", "is %g, below the level before it (%g); a higher level cannot need fewer years", l.Policy.MinYears, c.Levels[i-1].Policy.MinYears)
		}
		if len(l.PreparationPlan.Phases) == 0 {
			v.add(path+".preparation_plan.phases", "is empty; give the level at least one phase")
		}
		planDays := 0
		for j, ph := range l.PreparationPlan.Phases {
			pp := fmt.Sprintf("%s.preparation_plan.phases[%d]", path, j)
			v.required(pp+".title", ph.Title)
			v.required(pp+".activity", ph.Activity)
			if ph.Days <= 0 || ph.Days > maxPlanDays {
				v.add(pp+".days", "is %d; a phase needs 1 to %d days", ph.Days, maxPlanDays)
				continue
			}
			planDays += ph.Days
		}
		if planDays > maxPlanDays {
			v.add(path+".preparation_plan.phases", "add up to %d days; a plan runs at most %d days", planDays, maxPlanDays)
		}
	}
	return ids
}

func (v *validator) levelRefs(c *Catalog, directions []string) {
	for i, l := range c.Levels {
		if l.Policy.NextDirection != "" {
			v.ref(fmt.Sprintf("levels[%d].policy.next_direction", i), "direction", l.Policy.NextDirection, directions)
		}
	}
}

func (v *validator) accountability(c *Catalog, levels []string) {
	if len(c.Accountability) == 0 {
		v.add("accountability", "is empty; list at least one answer")
	}
	v.ids("accountability", len(c.Accountability), func(i int) string { return c.Accountability[i].ID })
	keys := make([][]string, len(c.Accountability))
	for i, a := range c.Accountability {
		path := fmt.Sprintf("accountability[%d]", i)
		v.required(path+".name", a.Name)
		v.required(path+".description", a.Description)
		v.ref(path+".level", "level", a.Level, levels)
		keys[i] = append([]string{a.ID, a.Name}, a.Policy.Aliases...)
	}
	v.keys("accountability", keys)
}

// topLevelReached checks that some accountability answer maps to the top
// level: the rule only raises a person to a level through their role or
// their answer, and the advice for reaching a level names the answer that
// does; without one it would name none.
func (v *validator) topLevelReached(c *Catalog) {
	if len(c.Levels) == 0 || len(c.Accountability) == 0 {
		return
	}
	top := c.Levels[len(c.Levels)-1]
	for _, a := range c.Accountability {
		if a.Level == top.ID {
			return
		}
	}
	v.add("accountability", "no answer maps to the top level %q, so the advice for reaching it could name no answer; map at least one answer to %s", top.ID, top.ID)
}

// roleLabel checks that a role's suggested_level, the label the advice
// quotes, names the levels of its range (from, and to when it is a range)
// and no level outside it.
func (v *validator) roleLabel(c *Catalog, i int) {
	r := c.Roles[i]
	names := map[string]string{}
	for _, l := range c.Levels {
		names[l.ID] = l.Name
	}
	from, fromKnown := names[r.Level.From]
	to, toKnown := names[r.Level.To]
	if strings.TrimSpace(r.SuggestedLevel) == "" || !fromKnown || (r.Level.To != "" && !toKnown) {
		return // reported as missing or unknown
	}
	want := []string{from}
	if r.Level.To != "" && r.Level.To != r.Level.From {
		want = append(want, to)
	}
	label := " " + Key(r.SuggestedLevel) + " "
	agrees := true
	for _, l := range c.Levels {
		named := strings.Contains(label, " "+Key(l.Name)+" ")
		inRange := l.ID == r.Level.From || l.ID == r.Level.To
		agrees = agrees && named == inRange
	}
	if !agrees {
		v.add(fmt.Sprintf("roles[%d].suggested_level", i), "%q does not match the role's level range (%s); write %q, or correct level.from and level.to",
			r.SuggestedLevel, strings.Join(want, " to "), strings.Join(want, " to "))
	}
}

func (v *validator) roles(c *Catalog, levels, directions []string) {
	if len(c.Roles) == 0 {
		v.add("roles", "is empty; list at least one role")
	}
	v.ids("roles", len(c.Roles), func(i int) string { return c.Roles[i].ID })
	order := map[string]int{}
	for i, id := range levels {
		order[id] = i
	}
	keys := make([][]string, len(c.Roles))
	for i, r := range c.Roles {
		path := fmt.Sprintf("roles[%d]", i)
		v.required(path+".name", r.Name)
		v.required(path+".suggested_level", r.SuggestedLevel)
		v.ref(path+".level.from", "level", r.Level.From, levels)
		if r.Level.To != "" {
			v.ref(path+".level.to", "level", r.Level.To, levels)
			from, okFrom := order[r.Level.From]
			to, okTo := order[r.Level.To]
			if okFrom && okTo && from > to {
				v.add(path+".level", "runs from %q down to %q; put the lower level in `from`", r.Level.From, r.Level.To)
			}
		}
		v.roleLabel(c, i)
		v.ref(path+".policy.primary_direction", "direction", r.Policy.PrimaryDirection, directions)
		keys[i] = append([]string{r.ID, r.Name}, r.Policy.Aliases...)
	}
	v.keys("roles", keys)
}

func (v *validator) directions(c *Catalog, providers []string) {
	if len(c.Directions) == 0 {
		v.add("directions", "is empty; list at least one direction")
	}
	for i, d := range c.Directions {
		path := fmt.Sprintf("directions[%d]", i)
		v.required(path+".name", d.Name)
		v.required(path+".focus", d.Focus)
		if len(d.Providers) == 0 {
			v.add(path+".providers", "is empty; name at least one provider, so that advice for this direction says where to train")
		}
		for j, p := range d.Providers {
			v.ref(fmt.Sprintf("%s.providers[%d]", path, j), "provider", p, providers)
		}
	}
}
