package report

import (
	"cmp"
	"container/heap"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
	"slices"

	"github.com/careerpath/careerpath/internal/batch"
)

// candidates is a max-heap of the best Top candidates so far: the root is
// the one the next better row replaces.
type candidates []reportdoc.Candidate

// compareCandidates orders the list: fewest months first, those needing
// no wider accountability first, then input order.
func compareCandidates(a, b reportdoc.Candidate) int {
	if c := cmp.Compare(a.Months, b.Months); c != 0 {
		return c
	}
	if a.NeedsAccountability != b.NeedsAccountability {
		if a.NeedsAccountability {
			return 1
		}
		return -1
	}
	return cmp.Compare(a.Row, b.Row)
}

func (c candidates) Len() int           { return len(c) }
func (c candidates) Less(i, j int) bool { return compareCandidates(c[i], c[j]) > 0 }
func (c candidates) Swap(i, j int)      { c[i], c[j] = c[j], c[i] }
func (c *candidates) Push(x any)        { *c = append(*c, x.(reportdoc.Candidate)) }
func (c *candidates) Pop() any {
	old := *c
	last := old[len(old)-1]
	*c = old[:len(old)-1]
	return last
}

// closestView lists the opts.Top people closest to the next level.
type closestView struct {
	perRowOnly
	s       *sheet
	closest candidates
}

func newClosestView(s *sheet) view { return &closestView{s: s} }

// addRow puts an advised row below the top level on the list when it
// beats the worst one there. Labels are copied only for rows that make
// it.
func (v *closestView) addRow(row batch.AdvisedRow, d *derived) {
	top := v.s.opts.Top
	if d == nil || !d.hasNext || top == 0 {
		return
	}
	cand := reportdoc.Candidate{Row: row.Line, Months: d.wait, NeedsAccountability: d.needsAcc}
	if len(v.closest) == top && compareCandidates(cand, v.closest[0]) >= 0 {
		return
	}
	cand.Labels = v.s.labelsOf(row)
	cand.Level = v.s.levelRef(d.level)
	cand.NextLevel = v.s.levelRef(d.next)
	cand.EligibleFrom = d.eligibleFrom
	if len(v.closest) == top {
		v.closest[0] = cand
		heap.Fix(&v.closest, 0)
		return
	}
	heap.Push(&v.closest, cand)
}

// fill writes the list, best first.
func (v *closestView) fill(doc *reportdoc.Document) {
	list := slices.Clone([]reportdoc.Candidate(v.closest))
	slices.SortFunc(list, compareCandidates)
	doc.Closest = nonNil(list)
}
