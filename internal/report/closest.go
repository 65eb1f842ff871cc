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

// consider puts the row on the list when it beats the worst one there.
// Labels are copied only for rows that make it.
func (b *Builder) consider(row batch.AdvisedRow, d *derived) {
	if b.opts.Top == 0 {
		return
	}
	cand := reportdoc.Candidate{Row: row.Line, Months: d.wait, NeedsAccountability: d.needsAcc}
	if len(b.closest) == b.opts.Top && compareCandidates(cand, b.closest[0]) >= 0 {
		return
	}
	cand.Labels = b.labelsOf(row)
	cand.Level = b.levelRef(d.level)
	cand.NextLevel = b.levelRef(d.next)
	cand.EligibleFrom = d.eligibleFrom
	if len(b.closest) == b.opts.Top {
		b.closest[0] = cand
		heap.Fix(&b.closest, 0)
		return
	}
	heap.Push(&b.closest, cand)
}

// sortedCandidates returns the list, best first.
func (b *Builder) sortedCandidates() []reportdoc.Candidate {
	list := slices.Clone([]reportdoc.Candidate(b.closest))
	slices.SortFunc(list, compareCandidates)
	return list
}
