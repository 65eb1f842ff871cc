package calibrate

import (
	"cmp"
	"slices"
)

// Summary is what the records of a join add up to.
type Summary struct {
	Records int
	// Compared counts the people matched and advised on both sides.
	Compared int
	// Agreement is the share of compared people whose two levels agree; 0
	// when none were compared.
	Agreement float64
	Statuses  []StatusCount // every status, in Statuses order
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
	levels := len(j.adv.Catalog().Levels)
	statuses := map[Status]int{}
	deltas := make([]int, 2*levels-1)
	groups := map[string]*GroupSummary{}
	deltaSums := map[string]int{}
	var sum Summary
	err := j.Records(false, func(r *Record) error {
		sum.Records++
		statuses[r.Status]++
		var g *GroupSummary
		if byGroup {
			if g = groups[r.Group]; g == nil {
				g = &GroupSummary{Group: r.Group}
				groups[r.Group] = g
			}
			g.Records++
		}
		if !r.Status.Complete() {
			return nil
		}
		sum.Compared++
		deltas[r.Delta+levels-1]++
		if g != nil {
			g.Compared++
			deltaSums[g.Group] += r.Delta
			switch r.Status {
			case Agree:
				g.Agree++
			case ManagerHigher:
				g.ManagerHigher++
			default:
				g.SelfHigher++
			}
		}
		return nil
	})
	if err != nil {
		return Summary{}, err
	}
	for _, st := range Statuses {
		sum.Statuses = append(sum.Statuses, StatusCount{st, statuses[st]})
	}
	if sum.Compared > 0 {
		sum.Agreement = float64(statuses[Agree]) / float64(sum.Compared)
	}
	for i, n := range deltas {
		sum.Deltas = append(sum.Deltas, DeltaCount{Delta: i - (levels - 1), Count: n})
	}
	for _, g := range groups {
		if g.Compared > 0 {
			g.MeanDelta = float64(deltaSums[g.Group]) / float64(g.Compared)
		}
		sum.Groups = append(sum.Groups, *g)
	}
	slices.SortFunc(sum.Groups, compareGroups)
	return sum, nil
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
