package advisor

import (
	"encoding/json"
	"fmt"
	"strconv"
	"testing"

	"github.com/careerpath/careerpath/internal/catalog"
)

// ladder builds a valid catalog of n levels, level i needing 2*i years,
// with one role and one accountability answer per level.
func ladder(t *testing.T, n int) *catalog.Loaded {
	t.Helper()
	c := &catalog.Catalog{
		Name: "ladder", Version: "1", Programme: catalog.Programme{Name: "p"},
		Directions:   []catalog.Direction{{ID: "d", Name: "D", Focus: "f", Providers: []string{"p"}}},
		Providers:    []catalog.Provider{{ID: "p", Name: "P", Summary: "s"}},
		CareerGrowth: []catalog.CareerGrowth{{ID: "g", Name: "G", Text: "t"}},
	}
	for i := range n {
		id := fmt.Sprintf("l%d", i)
		c.Levels = append(c.Levels, catalog.Level{
			ID: id, Name: "Level " + strconv.Itoa(i), Order: i + 1,
			PreparationPlan: catalog.PreparationPlan{Phases: []catalog.Phase{{Title: "t", Activity: "a", Days: i + 1}}},
			Policy:          catalog.LevelPolicy{MinYears: float64(2 * i)},
		})
		c.Roles = append(c.Roles, catalog.Role{ID: "r" + id, Name: "Role " + id, SuggestedLevel: "Level " + strconv.Itoa(i),
			Level: catalog.LevelRange{From: id}, Policy: catalog.RolePolicy{PrimaryDirection: "d"}})
		c.Accountability = append(c.Accountability, catalog.Accountability{ID: "a" + id, Name: "Answer " + id, Description: "d", Level: id})
	}
	raw, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Parse("ladder.json", raw)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// The rule holds on every ladder size a catalog may have: the result is the
// higher of the role's and the answer's levels, capped by the highest level
// the years reach; next_level is nil only at the top.
func TestRuleOnLaddersOfTwoToTenLevels(t *testing.T) {
	for n := 2; n <= 10; n++ {
		a := New(ladder(t, n))
		for role := range n {
			for acc := range n {
				for years := 0; years <= 2*n; years++ {
					rec := advise(t, a, fmt.Sprintf("rl%d", role), strconv.Itoa(years), fmt.Sprintf("al%d", acc))
					want := min(max(role, acc), years/2, n-1)
					if rec.Level.Order != want+1 {
						t.Fatalf("%d levels, role l%d, answer l%d, %d years: level %d, want %d", n, role, acc, years, rec.Level.Order, want+1)
					}
					if (rec.NextLevel == nil) != (want == n-1) {
						t.Fatalf("%d levels at l%d: next_level %v", n, want, rec.NextLevel)
					}
					if rec.Plan.Phases[0].Days != want+1 {
						t.Fatalf("%d levels at l%d: plan is the wrong level's", n, want)
					}
				}
			}
		}
	}
}
