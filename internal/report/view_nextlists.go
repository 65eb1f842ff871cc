package report

import (
	"cmp"
	"container/heap"
	"math"
	"slices"

	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
)

// topList keeps the best n items met so far under compare (lower is
// better) in a max-heap: its root is the one the next better item
// replaces.
type topList[T any] struct {
	n       int
	items   []T
	compare func(a, b T) int
}

func (l *topList[T]) Len() int           { return len(l.items) }
func (l *topList[T]) Less(i, j int) bool { return l.compare(l.items[i], l.items[j]) > 0 }
func (l *topList[T]) Swap(i, j int)      { l.items[i], l.items[j] = l.items[j], l.items[i] }
func (l *topList[T]) Push(x any)         { l.items = append(l.items, x.(T)) }
func (l *topList[T]) Pop() any {
	last := l.items[len(l.items)-1]
	l.items = l.items[:len(l.items)-1]
	return last
}

// makes reports whether item would enter the list.
func (l *topList[T]) makes(item T) bool {
	return l.n > 0 && (len(l.items) < l.n || l.compare(item, l.items[0]) < 0)
}

// add puts item on the list; call it only when makes says so.
func (l *topList[T]) add(item T) {
	if len(l.items) == l.n {
		l.items[0] = item
		heap.Fix(l, 0)
		return
	}
	heap.Push(l, item)
}

// sorted returns the list, best first.
func (l *topList[T]) sorted() []T {
	out := slices.Clone(l.items)
	slices.SortFunc(out, l.compare)
	return nonNil(out)
}

// compareTimeBound orders next_by_time: fewest months first, then the
// earliest eligibility (plans may start on different days), then input
// order.
func compareTimeBound(a, b reportdoc.TimeBound) int {
	return cmp.Or(cmp.Compare(a.Months, b.Months), cmp.Compare(a.EligibleFrom, b.EligibleFrom), cmp.Compare(a.Row, b.Row))
}

// compareScopeBound orders scope_bound: most years beyond the next
// level's minimum first, then input order.
func compareScopeBound(a, b reportdoc.ScopeBound) int {
	return cmp.Or(cmp.Compare(b.YearsBeyond, a.YearsBeyond), cmp.Compare(a.Row, b.Row))
}

// nextListsView lists the --top time-bound people nearest the next level
// and the --top scope-bound people furthest past its minimum years.
// Under --no-people both stay empty.
type nextListsView struct {
	perRowOnly
	s     *sheet
	time  topList[reportdoc.TimeBound]
	scope topList[reportdoc.ScopeBound]
}

func newNextListsView(s *sheet) view {
	top := s.opts.Top
	if s.opts.NoPeople {
		top = 0
	}
	return &nextListsView{s: s,
		time:  topList[reportdoc.TimeBound]{n: top, compare: compareTimeBound},
		scope: topList[reportdoc.ScopeBound]{n: top, compare: compareScopeBound}}
}

// addRow puts a row on its kind's list when it beats the worst there;
// labels are copied only for rows that make it.
func (v *nextListsView) addRow(row batch.AdvisedRow, d *derived) {
	if d == nil || !d.hasNext {
		return
	}
	switch d.kind {
	case reportdoc.KindTime:
		p := reportdoc.TimeBound{Row: row.Line, Months: d.wait, EligibleFrom: d.eligibleFrom}
		if v.time.makes(p) {
			p.Labels, p.Level, p.NextLevel = v.s.labelsOf(row), v.s.levelRef(d.level), v.s.levelRef(d.next)
			v.time.add(p)
		}
	case reportdoc.KindScope:
		next := v.s.levelRef(d.next)
		p := reportdoc.ScopeBound{Row: row.Line, YearsBeyond: roundYears(d.beyond)}
		if v.scope.makes(p) {
			p.Labels, p.Level, p.NextLevel = v.s.labelsOf(row), v.s.levelRef(d.level), next
			p.Years = roundYears(d.beyond + v.s.cat.Levels[d.next].Policy.MinYears)
			p.Accountability = d.neededAcc
			v.scope.add(p)
		}
	}
}

// roundYears drops the float error of a difference of years (6.5 - 5
// may not be 1.5 exactly) at a precision far below what people write.
func roundYears(y float64) float64 { return math.Round(y*1e6) / 1e6 }

func (v *nextListsView) fill(doc *reportdoc.Document) {
	doc.NextByTime = v.time.sorted()
	doc.ScopeBound = v.scope.sorted()
	doc.Closest = []reportdoc.Candidate{}
	for _, p := range doc.NextByTime {
		doc.Closest = append(doc.Closest, reportdoc.Candidate{Row: p.Row, Labels: p.Labels, Level: p.Level, NextLevel: p.NextLevel,
			Months: p.Months, EligibleFrom: p.EligibleFrom})
	}
}
