// Package advisor turns answers into a recommendation. It is pure: no I/O,
// no terminal, no flags; the catalog it is given is the whole policy.
package advisor

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/careerpath/careerpath/internal/catalog"
)

// Advisor applies one catalog's policy, and an organisation's title map
// if it has one.
type Advisor struct {
	cat    *catalog.Loaded
	titles *catalog.Titles
	// roleNames ends every unknown-role message; spellings serve the
	// did-you-mean. Both are made once.
	roleNames   string
	spellings   []spelling
	longestWord int // in runes, of the spellings' words
	// ranked holds Specialisations' answer for each role and level met so
	// far (rankedKey to []Specialisation): it depends on nothing else, and
	// a batch asks for it once per distinct answers. A pointer, so that
	// WithTitles' copies share it.
	ranked *sync.Map
}

// rankedKey is a role and a level of the catalog, which never change.
type rankedKey struct {
	role  *catalog.Role
	level *catalog.Level
}

// New returns an advisor for a loaded (and so validated) catalog.
func New(cat *catalog.Loaded) *Advisor {
	names := make([]string, len(cat.Roles))
	for i, r := range cat.Roles {
		names[i] = r.Name
	}
	a := &Advisor{cat: cat, roleNames: strings.Join(names, ", "), ranked: &sync.Map{}}
	a.spellings = a.suggestIndex()
	return a
}

// WithTitles returns an advisor that consults the title map first; nil
// means none. The map must have been loaded against the same catalog.
func (a *Advisor) WithTitles(t *catalog.Titles) *Advisor {
	b := *a
	b.titles = t
	return &b
}

// Titles returns the title map the advisor consults, or nil.
func (a *Advisor) Titles() *catalog.Titles { return a.titles }

// Catalog returns the catalog the advisor applies.
func (a *Advisor) Catalog() *catalog.Loaded { return a.cat }

// Advise resolves the answers and recommends a level and plan starting on
// the given date. Unusable answers give an *InputError.
func (a *Advisor) Advise(ans Answers, start time.Time) (*Recommendation, error) {
	q, err := a.Resolve(ans)
	if err != nil {
		return nil, err
	}
	return a.Recommend(q, start)
}

// Decision is the outcome of the level rule.
type Decision struct {
	Level int // position in the catalog's levels
	// Reached is the position the role table and accountability alone
	// give, before the years are counted.
	Reached int
	Trace   []Step
	Next    *NextLevel
}

// Decide applies the level rule: the role table's level (a range's lower
// end), raised to the accountability's level, then lowered one level at a
// time while the years fall short of the level's minimum.
func (a *Advisor) Decide(q Query) Decision {
	levels := a.cat.Levels
	rolePos := a.cat.LevelPos(q.Role.Level.From)
	accPos := a.cat.LevelPos(q.Accountability.Level)
	trace := make([]Step, 0, 4)

	pos := rolePos
	if step, ok := a.matchStep(q, levels[pos].ID); ok {
		trace = append(trace, step)
	}
	trace = append(trace, Step{
		Rule: RuleRoleTable, Effect: EffectStart, Level: levels[pos].ID,
		Detail: roleTableDetail(q.Role, levels[pos].Name),
	})

	accDetail := fmt.Sprintf("%s accountability (%s) maps to %s", q.Accountability.ID, q.Accountability.Description, levels[accPos].Name)
	if accPos > pos {
		trace = append(trace, Step{Rule: RuleAccountability, Effect: EffectRaise, Level: levels[accPos].ID,
			Detail: fmt.Sprintf("%s, above %s; raise to %s", accDetail, levels[pos].Name, levels[accPos].Name)})
		pos = accPos
	} else {
		trace = append(trace, Step{Rule: RuleAccountability, Effect: EffectKeep, Level: levels[pos].ID,
			Detail: fmt.Sprintf("%s, not above %s; keep %s", accDetail, levels[pos].Name, levels[pos].Name)})
	}

	years := q.Input.Years
	lowered := false
	for pos > 0 && years < levels[pos].Policy.MinYears {
		trace = append(trace, Step{Rule: RuleExperience, Effect: EffectLower, Level: levels[pos-1].ID,
			Detail: fmt.Sprintf("%s needs at least %s years and %s were given; lower to %s",
				levels[pos].Name, formatYears(levels[pos].Policy.MinYears), givenYears(q), levels[pos-1].Name)})
		pos--
		lowered = true
	}
	if !lowered {
		trace = append(trace, Step{Rule: RuleExperience, Effect: EffectKeep, Level: levels[pos].ID,
			Detail: fmt.Sprintf("%s years meets %s's minimum of %s years; keep %s",
				givenYears(q), levels[pos].Name, formatYears(levels[pos].Policy.MinYears), levels[pos].Name)})
	}
	reached := max(rolePos, accPos)
	return Decision{Level: pos, Reached: reached, Trace: trace, Next: a.nextLevel(q, pos, reached)}
}

// givenYears writes the years answer, "at least 5" for "5+".
func givenYears(q Query) string {
	if q.YearsAtLeast {
		return "at least " + formatYears(q.Input.Years)
	}
	return formatYears(q.Input.Years)
}

// matchStep explains a role found through the title map or title words;
// an exact or alias match needs no explaining.
func (a *Advisor) matchStep(q Query, level string) (Step, bool) {
	switch q.Match.How {
	case MatchTitleMap:
		return Step{Rule: RuleTitleMap, Effect: EffectMatch, Level: level,
			Detail: fmt.Sprintf("%q is %s in the title map %s", q.Input.Role, q.Role.Name, a.titles.Source.Name)}, true
	case MatchTitleWords:
		quoted := make([]string, len(q.Match.Ignored))
		for i, w := range q.Match.Ignored {
			quoted[i] = strconv.Quote(w)
		}
		return Step{Rule: RuleTitleWords, Effect: EffectMatch, Level: level,
			Detail: fmt.Sprintf("%q is %s once the title words %s are ignored", q.Input.Role, q.Role.Name, strings.Join(quoted, ", "))}, true
	}
	return Step{}, false
}

func roleTableDetail(r *catalog.Role, startName string) string {
	if r.Level.To != "" && r.Level.To != r.Level.From {
		return fmt.Sprintf("%s is %q in the role table; start at its lower end, %s", r.Name, r.SuggestedLevel, startName)
	}
	return fmt.Sprintf("%s is %q in the role table; start at %s", r.Name, r.SuggestedLevel, startName)
}

// nextLevel says what is missing to reach the level above pos; reached is
// the level the role and accountability alone would give.
func (a *Advisor) nextLevel(q Query, pos, reached int) *NextLevel {
	if pos+1 >= len(a.cat.Levels) {
		return nil
	}
	target := a.cat.Levels[pos+1]
	return &NextLevel{ID: target.ID, Name: target.Name, Order: target.Order, Missing: a.requirements(q, pos+1, reached)}
}

// requirements lists what the answers lack for the level at targetPos: an
// accountability that reaches it, when neither the role table nor the
// answer does (reached is below it), and the years, when short.
func (a *Advisor) requirements(q Query, targetPos, reached int) []Requirement {
	target := a.cat.Levels[targetPos]
	missing := []Requirement{}
	if reached < targetPos {
		missing = append(missing, a.missingAccountability(q, targetPos, target.Name))
	}
	if years, need := q.Input.Years, target.Policy.MinYears; years < need {
		missing = append(missing, Requirement{
			Kind: NeedYears, Needed: formatYears(need), Current: formatYears(years),
			Detail:      fmt.Sprintf("at least %s years of experience (%s more)", formatYears(need), formatYears(need-years)),
			NeededYears: &need, CurrentYears: &years,
		})
	}
	return missing
}

// missingAccountability names the lowest accountability answer that
// reaches the target level.
func (a *Advisor) missingAccountability(q Query, targetPos int, targetName string) Requirement {
	req := Requirement{Kind: NeedAccountability, Current: q.Accountability.ID}
	best := -1
	for i, acc := range a.cat.Accountability {
		p := a.cat.LevelPos(acc.Level)
		if p >= targetPos && (best < 0 || p < a.cat.LevelPos(a.cat.Accountability[best].Level)) {
			best = i
		}
	}
	if best < 0 {
		req.Detail = fmt.Sprintf("no accountability answer in this catalog reaches %s", targetName)
		return req
	}
	acc := a.cat.Accountability[best]
	req.Needed = acc.ID
	req.Detail = fmt.Sprintf("%s accountability (%s)", acc.ID, acc.Description)
	return req
}

// Recommend builds the full recommendation for resolved answers. A start
// from which the plan or the next level's eligibility falls outside the
// years a date is written in gives an *InputError.
func (a *Advisor) Recommend(q Query, start time.Time) (*Recommendation, error) {
	return a.recommend(q, a.Decide(q), start)
}

func (a *Advisor) recommend(q Query, d Decision, start time.Time) (*Recommendation, error) {
	level := &a.cat.Levels[d.Level]
	last := planEnd(level, start)
	if d.Next != nil {
		eligible := EligibleFrom(start, q.Input.Years, a.cat.Levels[d.Level+1].Policy.MinYears)
		last = later(last, eligible)
		d.Next.EligibleFrom = eligible.Format(DateLayout)
	}
	if err := checkDates(start, last); err != nil {
		return nil, err
	}
	to := q.Role.Level.To
	if to == "" {
		to = q.Role.Level.From
	}
	return &Recommendation{
		SchemaVersion: SchemaVersion,
		Catalog:       a.Source(),
		Input:         q.Input,
		Role: RoleRef{ID: q.Role.ID, Name: q.Role.Name, Match: q.Match.How,
			TableLevel: TableLevel{From: q.Role.Level.From, To: to, Label: q.Role.SuggestedLevel}},
		Accountability:   AnswerRef{ID: q.Accountability.ID, Name: q.Accountability.Name, Description: q.Accountability.Description},
		Level:            LevelRef{ID: level.ID, Name: level.Name, Order: level.Order},
		Trace:            d.Trace,
		NextLevel:        d.Next,
		Plan:             BuildPlan(level, start),
		Capabilities:     nonNil(level.Capabilities),
		PracticalResults: nonNil(level.PracticalResults),
		CommonMistakes:   nonNil(level.CommonMistakes),
		PursueNext:       nonNil(level.PursueNext),
		Specialisations:  a.Specialisations(q.Role, level),
	}, nil
}

// Source is the provenance of a recommendation: the catalog and the
// title map.
func (a *Advisor) Source() catalog.Source { return SourceOf(a.cat, a.titles) }

// SourceOf is the Source of advice from cat with titles (nil for none),
// for a caller that needs no Advisor of its own.
func SourceOf(cat *catalog.Loaded, titles *catalog.Titles) catalog.Source {
	src := cat.Source
	if titles != nil {
		t := titles.Source
		src.Titles = &t
	}
	return src
}

// BuildPlan lays a level's phases back to back from start; each phase's
// dates are inclusive, so 14 days from 2027-01-04 end on 2027-01-17.
func BuildPlan(level *catalog.Level, start time.Time) Plan {
	day := civilDate(start)
	plan := Plan{Start: day.Format(DateLayout), Phases: make([]PlanPhase, 0, len(level.PreparationPlan.Phases))}
	for _, ph := range level.PreparationPlan.Phases {
		end := day.AddDate(0, 0, ph.Days-1)
		plan.Phases = append(plan.Phases, PlanPhase{
			Title: ph.Title, Activity: ph.Activity, Days: ph.Days,
			Start: day.Format(DateLayout), End: end.Format(DateLayout),
		})
		plan.End = end.Format(DateLayout)
		day = end.AddDate(0, 0, 1)
	}
	return plan
}

// planEnd is the last day of a level's plan from start.
func planEnd(level *catalog.Level, start time.Time) time.Time {
	return civilDate(start).AddDate(0, 0, level.PreparationPlan.Days()-1)
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// checkDates refuses advice whose dates, from start to last, leave the
// years a date is written in (MinStartYear to MaxStartYear): past them
// YYYY-MM-DD and iCalendar's dates break. A validated catalog keeps last
// within about 160 years of start, so the arithmetic cannot overflow.
func checkDates(start, last time.Time) error {
	first, final := civilDate(start), civilDate(last)
	day := first.Format(DateLayout)
	bad := func(format string, args ...any) error {
		return &InputError{Field: FieldStart, Value: day, Message: fmt.Sprintf(format, args...)}
	}
	switch {
	case first.Year() < MinStartYear:
		return bad("start date %s is before %d-01-01; give a date as YYYY-MM-DD from %d to %d", day, MinStartYear, MinStartYear, MaxStartYear)
	case final.Year() > MaxStartYear:
		over := final.Sub(time.Date(MaxStartYear, 12, 31, 0, 0, 0, 0, time.UTC)).Hours() / 24
		return bad("start date %s gives dates up to %s, past %d-12-31, the last day careerpath writes; give a start date about %.0f days earlier",
			day, final.Format(DateLayout), MaxStartYear, over)
	}
	return nil
}

// civilDate drops the clock and zone so that day arithmetic never meets a
// daylight-saving change.
func civilDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Specialisations ranks every direction: the role's primary direction, then
// the one the level's "what to pursue next" names, then the rest in
// catalog order. The slice is shared between calls, so it is read-only.
func (a *Advisor) Specialisations(role *catalog.Role, level *catalog.Level) []Specialisation {
	key := rankedKey{role, level}
	if ranked, ok := a.ranked.Load(key); ok {
		return ranked.([]Specialisation)
	}
	ranked, _ := a.ranked.LoadOrStore(key, a.rank(role, level))
	return ranked.([]Specialisation)
}

func (a *Advisor) rank(role *catalog.Role, level *catalog.Level) []Specialisation {
	primary, next := role.Policy.PrimaryDirection, level.Policy.NextDirection
	reasons := map[string]string{}
	order := make([]string, 0, len(a.cat.Directions))
	add := func(id, reason string) {
		if id == "" {
			return
		}
		if prev, seen := reasons[id]; seen {
			reasons[id] = prev + "; " + reason
			return
		}
		reasons[id] = reason
		order = append(order, id)
	}
	add(primary, fmt.Sprintf("primary direction for %s", role.Name))
	add(next, fmt.Sprintf("named in %s's what to pursue next", level.Name))
	for _, d := range a.cat.Directions {
		if _, seen := reasons[d.ID]; !seen {
			add(d.ID, "catalog order")
		}
	}
	out := make([]Specialisation, len(order))
	for i, id := range order {
		d := a.cat.Direction(id)
		providers := make([]ProviderRef, len(d.Providers))
		for j, pid := range d.Providers {
			p := a.cat.Provider(pid)
			providers[j] = ProviderRef{ID: p.ID, Name: p.Name, Summary: p.Summary}
		}
		out[i] = Specialisation{Rank: i + 1, ID: d.ID, Name: d.Name, Focus: d.Focus, Providers: providers, Reason: reasons[id]}
	}
	return out
}

// formatYears writes years as people do: 7, 6.5, and 4.1 for 7-2.9 rather
// than float noise.
func formatYears(y float64) string {
	return strconv.FormatFloat(math.Round(y*100)/100, 'f', -1, 64)
}

// nonNil keeps empty lists as [] in JSON, never null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
