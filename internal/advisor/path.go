package advisor

import (
	"fmt"
	"time"

	"github.com/careerpath/careerpath/internal/catalog"
)

// PathSchemaVersion is the version of the path's JSON contract, which
// grows apart from the recommendation's: 1.2 added each step's wait.
const PathSchemaVersion = "1.2"

// Path is the way from the suggested level to the top of the ladder: one
// step per level, each dated from when its years requirement is met.
type Path struct {
	SchemaVersion  string         `json:"schema_version"`
	Catalog        catalog.Source `json:"catalog"`
	Input          Input          `json:"input"`
	Role           RoleRef        `json:"role"`
	Accountability AnswerRef      `json:"accountability"`
	Start          string         `json:"start"`
	End            string         `json:"end"`
	Steps          []PathStep     `json:"steps"`
}

// PathStep is one level on the path.
type PathStep struct {
	Step          int      `json:"step"`
	Level         LevelRef `json:"level"`
	Stage         string   `json:"stage"`
	Purpose       string   `json:"purpose"`
	BestSuitedFor string   `json:"best_suited_for"`
	// EligibleFrom is the first day the level's years requirement is met;
	// the start for the first step and for levels whose years are met.
	EligibleFrom string `json:"eligible_from"`
	// Requires is what the answers lack for this level: years and, when
	// neither the role table nor the accountability reaches it, a wider
	// accountability. Empty for the first step.
	Requires []Requirement `json:"requires"`
	// Assumes says in words what the path takes for granted to reach this
	// step (a wider accountability); empty when nothing.
	Assumes string `json:"assumes"`
	Plan    Plan   `json:"plan"`
	// PursueNext and CareerGrowth are the top level's "what to pursue next"
	// and the catalog's career growth; only the last step has them.
	PursueNext   []string     `json:"pursue_next"`
	CareerGrowth []GrowthStep `json:"career_growth"`
	// Wait is the time between this step's plan and the next step's, when
	// the next step's eligibility leaves more than a month after this plan
	// ends; nil otherwise, and on the last step.
	Wait *Wait `json:"wait"`
}

// Wait is a period of its own between two steps' plans: nothing is
// scheduled, and the catalog says what to work on. It adds no phase,
// length or course of its own: its dates are the gap the eligibility
// rule leaves, and its texts the catalog's.
type Wait struct {
	// From is the day after the step's plan ends; Until is the day before
	// the next step's plan starts, its eligibility day. Both inclusive.
	From  string `json:"from"`
	Until string `json:"until"`
	Days  int    `json:"days"`
	// Next is the level the wait leads to.
	Next LevelRef `json:"next"`
	// PursueNext is the finished level's "what to pursue next".
	PursueNext []string `json:"pursue_next"`
	// Direction is the person's top-ranked specialisation at the finished
	// level, with its providers.
	Direction Specialisation `json:"direction"`
}

// GrowthStep is one way to grow after the top level.
type GrowthStep struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Text string `json:"text"`
}

// Path resolves the answers and lays out the whole path from start.
// Unusable answers give an *InputError.
func (a *Advisor) Path(ans Answers, start time.Time) (*Path, error) {
	q, err := a.Resolve(ans)
	if err != nil {
		return nil, err
	}
	return a.PathFor(q, start)
}

// PathFor lays out the path for resolved answers. The first step is the
// suggested level with advise's plan; each higher step's plan starts on the
// later of the day after the previous plan ends and the day its years are
// met. A start from which a date of the path falls outside the years a
// date is written in gives an *InputError.
func (a *Advisor) PathFor(q Query, start time.Time) (*Path, error) {
	d := a.Decide(q)
	rec, err := a.recommend(q, d, start)
	if err != nil {
		return nil, err
	}
	first := civilDate(start)
	levels := a.cat.Levels
	steps := make([]PathStep, 0, len(levels)-d.Level)
	steps = append(steps, pathStep(1, &levels[d.Level], first, []Requirement{}, "", rec.Plan))
	free := first.AddDate(0, 0, levels[d.Level].PreparationPlan.Days()) // the day after a plan ends
	for pos := d.Level + 1; pos < len(levels); pos++ {
		level := &levels[pos]
		eligible := EligibleFrom(first, q.Input.Years, level.Policy.MinYears)
		planStart := free
		if eligible.After(planStart) {
			planStart = eligible
		}
		prev := &steps[len(steps)-1]
		prev.Wait = a.wait(q.Role, &levels[pos-1], level, free, planStart)
		free = planStart.AddDate(0, 0, level.PreparationPlan.Days())
		requires := a.requirements(q, pos, d.Reached)
		steps = append(steps, pathStep(len(steps)+1, level, eligible, requires, a.assumption(requires), BuildPlan(level, planStart)))
	}
	if err := checkDates(first, free.AddDate(0, 0, -1)); err != nil {
		return nil, err
	}
	top := &steps[len(steps)-1]
	top.PursueNext = nonNil(levels[len(levels)-1].PursueNext)
	for _, g := range a.cat.CareerGrowth {
		top.CareerGrowth = append(top.CareerGrowth, GrowthStep{ID: g.ID, Name: g.Name, Text: g.Text})
	}
	return &Path{
		SchemaVersion:  PathSchemaVersion,
		Catalog:        rec.Catalog,
		Input:          rec.Input,
		Role:           rec.Role,
		Accountability: rec.Accountability,
		Start:          rec.Plan.Start,
		End:            top.Plan.End,
		Steps:          steps,
	}, nil
}

// wait is the period from free, the day after the finished level's plan
// ends, to the day before next's plan starts, when the plan ends more than
// a calendar month before that start; nil otherwise.
func (a *Advisor) wait(role *catalog.Role, finished, next *catalog.Level, free, nextStart time.Time) *Wait {
	if !nextStart.After(AddMonths(free.AddDate(0, 0, -1), 1)) {
		return nil
	}
	until := nextStart.AddDate(0, 0, -1)
	return &Wait{
		From: free.Format(DateLayout), Until: until.Format(DateLayout),
		Days:       int(until.Sub(free).Hours()/24) + 1,
		Next:       LevelRef{ID: next.ID, Name: next.Name, Order: next.Order},
		PursueNext: nonNil(finished.PursueNext),
		Direction:  a.Specialisations(role, finished)[0],
	}
}

// pathStep is a step without a wait, which the next step adds.
func pathStep(n int, level *catalog.Level, eligible time.Time, requires []Requirement, assumes string, plan Plan) PathStep {
	return PathStep{
		Step: n, Level: LevelRef{ID: level.ID, Name: level.Name, Order: level.Order},
		Stage: level.Stage, Purpose: level.Purpose, BestSuitedFor: level.BestSuitedFor,
		EligibleFrom: eligible.Format(DateLayout), Requires: requires, Assumes: assumes, Plan: plan,
		PursueNext: []string{}, CareerGrowth: []GrowthStep{},
	}
}

// assumption says in words which accountability change the path takes
// for granted to reach a step.
func (a *Advisor) assumption(requires []Requirement) string {
	for _, r := range requires {
		if r.Kind != NeedAccountability {
			continue
		}
		acc, ok := a.cat.FindAccountability(r.Needed)
		if !ok {
			return r.Detail + "; the path shows this step as if one did"
		}
		return fmt.Sprintf("the path assumes your accountability grows to %s (%s) by then", acc.Name, acc.Description)
	}
	return ""
}
