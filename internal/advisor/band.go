package advisor

import "github.com/careerpath/careerpath/internal/catalog"

// Band is what a years answer comes to under the level rule, for the level
// a role and an accountability reach: the level the years leave, and how
// far they are from the next one. The years count in a recommendation
// only through the catalog's few min_years thresholds, so two answers of
// one role, accountability, start and Band get the same recommendation
// but for the years written in its words (YearsWords) and its input echo.
// A staff list whose years are all different (tenure from hire dates:
// 4.37, 12.81) has a few of them per role and accountability.
type Band struct {
	// Level is the position of the level the experience rule leaves.
	Level int
	// Months is MonthsUntil the next level's minimum years, which gives
	// its eligible_from; 0 at the top level.
	Months int
	// Short is true when the years are below the next level's minimum, so
	// that the next level's requirements list them.
	Short bool
	// AtLeast is the answer's "+", which the trace writes as "at least".
	AtLeast bool
}

// YearsWords are the years as a recommendation's trace and requirements
// write them.
type YearsWords struct {
	// Given is the answer's value, without the "at least" of "5+".
	Given string
	// Short is how many years the answer falls short of the next level's
	// minimum; empty when it does not.
	Short string
}

// Reached is the level position a role and an accountability reach
// before the years are counted: the higher of the role table's and the
// accountability's.
func (a *Advisor) Reached(role *catalog.Role, acc *catalog.Accountability) int {
	return max(a.cat.LevelPos(role.Level.From), a.cat.LevelPos(acc.Level))
}

// BandOf is the Band of years for answers that reach the level at
// position reached (see Reached), by the rule Decide applies.
func (a *Advisor) BandOf(reached int, y Years) Band {
	levels := a.cat.Levels
	pos := reached
	for pos > 0 && y.Value < levels[pos].Policy.MinYears {
		pos--
	}
	b := Band{Level: pos, AtLeast: y.AtLeast}
	if pos+1 < len(levels) {
		need := levels[pos+1].Policy.MinYears
		b.Months, b.Short = MonthsUntil(y.Value, need), y.Value < need
	}
	return b
}

// Words are the words a recommendation of Band b writes years in.
func (a *Advisor) Words(b Band, y Years) YearsWords {
	return a.wordsAt(y.Value, b.Level+1)
}

// wordsOf are the words of q's years, as Recommend writes them.
func (a *Advisor) wordsOf(q Query) YearsWords {
	y := Years{Value: q.Input.Years, AtLeast: q.YearsAtLeast}
	return a.Words(a.BandOf(a.Reached(q.Role, q.Accountability), y), y)
}

// wordsAt are the words of years for the requirements of the level at
// targetPos (past the top level, none).
func (a *Advisor) wordsAt(years float64, targetPos int) YearsWords {
	w := YearsWords{Given: formatYears(years)}
	if targetPos < len(a.cat.Levels) {
		if need := a.cat.Levels[targetPos].Policy.MinYears; years < need {
			w.Short = formatYears(need - years)
		}
	}
	return w
}
