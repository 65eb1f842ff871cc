package advisor

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/careerpath/careerpath/internal/catalog"
)

// FieldLevel names a level answer in errors.
const FieldLevel = "level"

// ResolveLevel matches a level by id or name, ignoring case, '-', '_' and
// extra spaces, or by its number (its order: 1 is the lowest), as the
// views name a level "Name (level N)"; an id or name is matched first. An
// unknown level is an *InputError listing the levels.
func (a *Advisor) ResolveLevel(answer string) (*catalog.Level, error) {
	key := catalog.Key(answer)
	for i := range a.cat.Levels {
		if l := &a.cat.Levels[i]; catalog.Key(l.ID) == key || catalog.Key(l.Name) == key {
			return l, nil
		}
	}
	number, err := strconv.Atoi(strings.TrimSpace(answer))
	if err == nil {
		for i := range a.cat.Levels {
			if l := &a.cat.Levels[i]; l.Order == number {
				return l, nil
			}
		}
	}
	valid := make([]string, len(a.cat.Levels))
	for i, l := range a.cat.Levels {
		valid[i] = fmt.Sprintf("%d %s (%s)", l.Order, l.ID, l.Name)
	}
	msg := fmt.Sprintf("unknown level %q", answer)
	switch {
	case strings.TrimSpace(answer) == "":
		msg = "the level is empty"
	case err == nil:
		msg = fmt.Sprintf("there is no level %d", number)
	}
	return nil, &InputError{Field: FieldLevel, Value: answer, Message: msg + "; use a level's number, id or name: " + strings.Join(valid, ", ")}
}

// LevelComparison sets two levels side by side: each text of A and B, and
// for each list what only A has, what only B has and what both have.
type LevelComparison struct {
	A                LevelRef     `json:"a"`
	B                LevelRef     `json:"b"`
	Track            TextPair     `json:"track"`
	IntendedAudience TextPair     `json:"intended_audience"`
	PriorExperience  TextPair     `json:"prior_experience"`
	KeyEmphasis      TextPair     `json:"key_emphasis"`
	MinYears         YearsPair    `json:"min_years"`
	Purpose          TextPair     `json:"purpose"`
	BestSuitedFor    TextPair     `json:"best_suited_for"`
	Capabilities     ListCompared `json:"capabilities"`
	PracticalResults ListCompared `json:"practical_results"`
	CommonMistakes   ListCompared `json:"common_mistakes"`
	PursueNext       ListCompared `json:"pursue_next"`
	// PlanPhases compares the phases by title.
	PlanPhases ListCompared `json:"plan_phases"`
	// PlanDays is the length of each level's preparation plan.
	PlanDays DaysPair `json:"plan_days"`
}

// TextPair is one text of A and of B.
type TextPair struct {
	A string `json:"a"`
	B string `json:"b"`
}

// YearsPair is the minimum years of A and of B.
type YearsPair struct {
	A float64 `json:"a"`
	B float64 `json:"b"`
}

// DaysPair is a number of days of A and of B.
type DaysPair struct {
	A int `json:"a"`
	B int `json:"b"`
}

// ListCompared splits two lists into what only A has, what only B has and
// what both have, each in its list's order.
type ListCompared struct {
	OnlyA []string `json:"only_a"`
	OnlyB []string `json:"only_b"`
	Both  []string `json:"both"`
}

// CompareLevels sets levels a and b side by side.
func CompareLevels(a, b *catalog.Level) LevelComparison {
	return LevelComparison{
		A:                LevelRef{ID: a.ID, Name: a.Name, Order: a.Order},
		B:                LevelRef{ID: b.ID, Name: b.Name, Order: b.Order},
		Track:            TextPair{a.Track, b.Track},
		IntendedAudience: TextPair{a.IntendedAudience, b.IntendedAudience},
		PriorExperience:  TextPair{a.PriorExperience, b.PriorExperience},
		KeyEmphasis:      TextPair{a.KeyEmphasis, b.KeyEmphasis},
		MinYears:         YearsPair{a.Policy.MinYears, b.Policy.MinYears},
		Purpose:          TextPair{a.Purpose, b.Purpose},
		BestSuitedFor:    TextPair{a.BestSuitedFor, b.BestSuitedFor},
		Capabilities:     compareLists(a.Capabilities, b.Capabilities),
		PracticalResults: compareLists(a.PracticalResults, b.PracticalResults),
		CommonMistakes:   compareLists(a.CommonMistakes, b.CommonMistakes),
		PursueNext:       compareLists(a.PursueNext, b.PursueNext),
		PlanPhases:       compareLists(phaseTitles(a), phaseTitles(b)),
		PlanDays:         DaysPair{a.PreparationPlan.Days(), b.PreparationPlan.Days()},
	}
}

func compareLists(a, b []string) ListCompared {
	out := ListCompared{OnlyA: []string{}, OnlyB: []string{}, Both: []string{}}
	for _, s := range a {
		if slices.Contains(b, s) {
			out.Both = append(out.Both, s)
		} else {
			out.OnlyA = append(out.OnlyA, s)
		}
	}
	for _, s := range b {
		if !slices.Contains(a, s) {
			out.OnlyB = append(out.OnlyB, s)
		}
	}
	return out
}

func phaseTitles(l *catalog.Level) []string {
	titles := make([]string, len(l.PreparationPlan.Phases))
	for i, p := range l.PreparationPlan.Phases {
		titles[i] = p.Title
	}
	return titles
}
