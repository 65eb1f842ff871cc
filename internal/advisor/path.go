package advisor

import (
	"fmt"
	"time"

	"github.com/careerpath/careerpath/internal/catalog"
)

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
		free = planStart.AddDate(0, 0, level.PreparationPlan.Days())
		requires := a.requirements(q, pos, d.Reached, a.wordsAt(q.Input.Years, pos))
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
		SchemaVersion:  SchemaVersion,
		Catalog:        rec.Catalog,
		Input:          rec.Input,
		Role:           rec.Role,
		Accountability: rec.Accountability,
		Start:          rec.Plan.Start,
		End:            top.Plan.End,
		Steps:          steps,
	}, nil
}

// planDays is how many days a level's plan runs.
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
