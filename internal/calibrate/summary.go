package calibrate

import (
	"cmp"
	"slices"

	"github.com/careerpath/careerpath/internal/privacy"
)

// Summary is what the records of a join add up to.
type Summary struct {
	Records int
	// Compared counts the people matched and advised on both sides.
	Compared int
	// Agreement is the share of compared people whose two levels agree; 0
	// when none were compared.
	Agreement float64
	Statuses  []StatusCount // every status, in Statuses order; OutOfScope only when counted
	// Deltas counts the compared people by delta, from -(levels-1) to
	// levels-1 of the catalog.
	Deltas []DeltaCount
	// Groups, with --by, from the managers rating highest above their
	// people to the lowest; groups with nobody compared come last.
	Groups []GroupSummary
}

// StatusCount is how many records have a status.
type StatusCount struct {
	Status Status
	Count  int
}

// DeltaCount is how many compared people have a delta.
type DeltaCount struct {
	Delta, Count int
}

// GroupSummary is one group's records.
type GroupSummary struct {
	Group    string
	Records  int
	Compared int
	// MeanDelta is the mean of the compared people's deltas: above 0, the
	// group's managers rate their people higher than they rate themselves.
	MeanDelta                        float64
	Agree, ManagerHigher, SelfHigher int
	// Suppressed is why the group's figures are hidden (privacy.Small,
	// privacy.Complementary), "" when they are shown; see HideSmallGroups.
	Suppressed string
}

// HideSmallGroups hides the figures of the groups of fewer than minGroup
// people, and the next smallest with a lone hidden one (package
// privacy): a one-person team's mean delta is that person's rating gap.
// A group's people are those compared, whom its figures are about, or its
// records when none was compared. A hidden group keeps its name; its
// figures are zeroed, and it moves after the shown ones.
func (s Summary) HideSmallGroups(minGroup int) Summary {
	sizes := make([]int, len(s.Groups))
	for i, g := range s.Groups {
		sizes[i] = g.Records
		if g.Compared > 0 {
			sizes[i] = g.Compared
		}
	}
	groups := slices.Clone(s.Groups)
	for i, why := range privacy.Hide(sizes, minGroup) {
		if why != "" {
			groups[i] = GroupSummary{Group: groups[i].Group, Suppressed: why}
		}
	}
	slices.SortStableFunc(groups, func(a, b GroupSummary) int {
		return cmp.Compare(boolRank(a.Suppressed != ""), boolRank(b.Suppressed != ""))
	})
	s.Groups = groups
	return s
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Count returns the number of records with a status.
func (s Summary) Count(st Status) int {
	for _, c := range s.Statuses {
		if c.Status == st {
			return c.Count
		}
	}
	return 0
}

// Summarise counts the join's records; byGroup adds the per-group lines.
func (j *Join) Summarise(byGroup bool) (Summary, error) {
	t := j.newTally(byGroup)
	if err := j.Records(false, func(r *Record) error { t.Add(r); return nil }); err != nil {
		return Summary{}, err
	}
	return t.Summary(), nil
}

// tally counts records as they are encoded, so that Stream makes the
// summary in the same pass; the tallies of its blocks merge.
type tally struct {
	levels    int
	byGroup   bool
	records   int
	statuses  []int // by statusIndex
	deltas    []int // by delta + levels - 1
	groups    map[string]*GroupSummary
	deltaSums map[string]int
}

// newTally returns an empty tally; byGroup adds the per-group lines.
func (j *Join) newTally(byGroup bool) *tally {
	levels := len(j.adv.Catalog().Levels)
	return &tally{levels: levels, byGroup: byGroup, statuses: make([]int, len(Statuses)), deltas: make([]int, 2*levels-1),
		groups: map[string]*GroupSummary{}, deltaSums: map[string]int{}}
}

// Add counts a record.
func (t *tally) Add(r *Record) {
	t.records++
	t.statuses[statusIndex(r.Status)]++
	var g *GroupSummary
	if t.byGroup {
		if g = t.groups[r.Group]; g == nil {
			g = &GroupSummary{Group: r.Group}
			t.groups[r.Group] = g
		}
		g.Records++
	}
	if !r.Status.Complete() {
		return
	}
	t.deltas[r.Delta+t.levels-1]++
	if g != nil {
		g.Compared++
		t.deltaSums[g.Group] += r.Delta
		switch r.Status {
		case Agree:
			g.Agree++
		case ManagerHigher:
			g.ManagerHigher++
		default:
			g.SelfHigher++
		}
	}
}

// Merge adds the counts of another tally of the same join.
func (t *tally) Merge(o *tally) {
	t.records += o.records
	for i, n := range o.statuses {
		t.statuses[i] += n
	}
	for i, n := range o.deltas {
		t.deltas[i] += n
	}
	for name, og := range o.groups {
		g := t.groups[name]
		if g == nil {
			g = &GroupSummary{Group: name}
			t.groups[name] = g
		}
		g.Records += og.Records
		g.Compared += og.Compared
		g.Agree += og.Agree
		g.ManagerHigher += og.ManagerHigher
		g.SelfHigher += og.SelfHigher
		t.deltaSums[name] += o.deltaSums[name]
	}
}

// Summary is what the records counted add up to.
func (t *tally) Summary() Summary {
	sum := Summary{Records: t.records}
	for i, st := range Statuses {
		if st == OutOfScope && t.statuses[i] == 0 {
			continue // only title maps with "-" lines make any
		}
		sum.Statuses = append(sum.Statuses, StatusCount{st, t.statuses[i]})
		if st.Complete() {
			sum.Compared += t.statuses[i]
		}
	}
	if sum.Compared > 0 {
		sum.Agreement = float64(t.statuses[statusIndex(Agree)]) / float64(sum.Compared)
	}
	for i, n := range t.deltas {
		sum.Deltas = append(sum.Deltas, DeltaCount{Delta: i - (t.levels - 1), Count: n})
	}
	for _, g := range t.groups {
		g := *g
		if g.Compared > 0 {
			g.MeanDelta = float64(t.deltaSums[g.Group]) / float64(g.Compared)
		}
		sum.Groups = append(sum.Groups, g)
	}
	slices.SortFunc(sum.Groups, compareGroups)
	return sum
}

func compareGroups(a, b GroupSummary) int {
	if (a.Compared > 0) != (b.Compared > 0) {
		if a.Compared > 0 {
			return -1
		}
		return 1
	}
	return cmp.Or(cmp.Compare(b.MeanDelta, a.MeanDelta), cmp.Compare(a.Group, b.Group))
}
