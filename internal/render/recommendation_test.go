package render

import (
	"testing"

	"github.com/careerpath/careerpath/internal/advisor"
)

// The why is the level after each step of the rule, one lowering per
// missing level collapsing into the last; a level without a name shows
// its id.
func TestWhyText(t *testing.T) {
	names := map[string]string{"l1": "One", "l2": "Two", "l3": "Three"}
	step := func(rule, effect, level string) advisor.Step {
		return advisor.Step{Rule: rule, Effect: effect, Level: level}
	}
	for _, c := range []struct {
		years float64
		trace []advisor.Step
		names map[string]string
		want  string
	}{
		{1, []advisor.Step{step(advisor.RuleRoleTable, advisor.EffectStart, "l2"), step(advisor.RuleAccountability, advisor.EffectKeep, "l2"), step(advisor.RuleExperience, advisor.EffectKeep, "l2")},
			names, "Why: role table Two, accountability keeps it, 1 year keeps it"},
		{2.5, []advisor.Step{step(advisor.RuleTitleMap, advisor.EffectMatch, "l1"), step(advisor.RuleRoleTable, advisor.EffectStart, "l1"), step(advisor.RuleAccountability, advisor.EffectRaise, "l3"),
			step(advisor.RuleExperience, advisor.EffectLower, "l2"), step(advisor.RuleExperience, advisor.EffectLower, "l1")},
			names, "Why: role table One, accountability Three, 2.5 years One"},
		{0, []advisor.Step{step(advisor.RuleRoleTable, advisor.EffectStart, "l2"), step(advisor.RuleAccountability, advisor.EffectKeep, "l2"), step(advisor.RuleExperience, advisor.EffectLower, "l1")},
			nil, "Why: role table l2, accountability keeps it, 0 years l1"},
	} {
		rec := &advisor.Recommendation{Input: advisor.Input{Years: c.years}, Trace: c.trace}
		if got := whyText(rec, c.names); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
}

// The next level says the day it opens only when years are missing, and
// what it needs in short.
func TestNextLevelText(t *testing.T) {
	need, have := 7.0, 6.0
	years := advisor.Requirement{Kind: advisor.NeedYears, NeededYears: &need, CurrentYears: &have, Detail: "at least 7 years of experience (1 more)"}
	short, now := 3.0, 2.9
	fraction := advisor.Requirement{Kind: advisor.NeedYears, NeededYears: &short, CurrentYears: &now}
	acc := advisor.Requirement{Kind: advisor.NeedAccountability, Needed: "multi-team", Detail: "multi-team accountability (Multi-team accountability)"}
	none := advisor.Requirement{Kind: advisor.NeedAccountability, Detail: "no accountability answer in this catalog reaches Advanced"}
	for _, c := range []struct {
		next *advisor.NextLevel
		want string
	}{
		{nil, "none, this is the top level"},
		{&advisor.NextLevel{Name: "Advanced", EligibleFrom: "2028-01-04", Missing: []advisor.Requirement{acc, years}},
			"Advanced, eligible from 2028-01-04: needs multi-team accountability and 1 more year"},
		{&advisor.NextLevel{Name: "Professional", EligibleFrom: "2027-02-04", Missing: []advisor.Requirement{fraction}},
			"Professional, eligible from 2027-02-04: needs 0.1 more years"},
		{&advisor.NextLevel{Name: "Advanced", EligibleFrom: "2027-01-04", Missing: []advisor.Requirement{acc}},
			"Advanced: needs multi-team accountability"},
		{&advisor.NextLevel{Name: "Advanced", EligibleFrom: "2027-01-04", Missing: []advisor.Requirement{none}},
			"Advanced: needs an accountability no answer of this catalog gives"},
	} {
		if got := nextLevelText(c.next); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
}
