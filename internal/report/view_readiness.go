package report

import "github.com/careerpath/careerpath/internal/report/reportdoc"

// readinessView counts the people below the top level by what keeps them
// from the next level, and the two kinds that wait on years by months.
type readinessView struct {
	kinds   []reportdoc.ReadinessKind
	buckets []reportdoc.Bucket // schema 1.0's, kept for its readers
	atTop   int
}

// readinessKinds are the kinds in the order every format shows them.
func readinessKinds() []reportdoc.ReadinessKind {
	return []reportdoc.ReadinessKind{
		{Kind: reportdoc.KindTime, Name: "time-bound", Buckets: monthBuckets()},
		{Kind: reportdoc.KindScope, Name: "scope-bound", Buckets: []reportdoc.MonthBucket{}},
		{Kind: reportdoc.KindTimeAndScope, Name: "time and scope", Buckets: monthBuckets()},
	}
}

func newReadinessView() view { return &readinessView{kinds: readinessKinds(), buckets: newBuckets()} }

// monthBuckets are the month ranges of a kind that waits on years: at
// least one month, since its years are short.
func monthBuckets() []reportdoc.MonthBucket {
	upTo := func(n int) *int { return &n }
	return []reportdoc.MonthBucket{
		{Name: "1-6 months", MinMonths: 1, MaxMonths: upTo(6)},
		{Name: "7-12 months", MinMonths: 7, MaxMonths: upTo(12)},
		{Name: "13-24 months", MinMonths: 13, MaxMonths: upTo(24)},
		{Name: "over 24 months", MinMonths: 25},
	}
}

// newBuckets are schema 1.0's buckets, in months until the next level.
func newBuckets() []reportdoc.Bucket {
	upTo := func(n int) *int { return &n }
	return []reportdoc.Bucket{
		{Name: "now", MinMonths: 0, MaxMonths: upTo(0)},
		{Name: "1-6", MinMonths: 1, MaxMonths: upTo(6)},
		{Name: "7-12", MinMonths: 7, MaxMonths: upTo(12)},
		{Name: "13-24", MinMonths: 13, MaxMonths: upTo(24)},
		{Name: "over 24", MinMonths: 25},
	}
}

// bucketOf is the index of months in newBuckets; monthBuckets are the
// same less the first.
func bucketOf(months int) int {
	switch {
	case months == 0:
		return 0
	case months <= 6:
		return 1
	case months <= 12:
		return 2
	case months <= 24:
		return 3
	default:
		return 4
	}
}

func (v *readinessView) addShared(d *derived, n int) {
	if !d.hasNext {
		v.atTop += n
		return
	}
	bucket := &v.buckets[bucketOf(d.wait)]
	bucket.People += n
	if d.needsAcc {
		bucket.NeedsAccountability += n
	}
	for i := range v.kinds {
		k := &v.kinds[i]
		if k.Kind != d.kind {
			continue
		}
		k.People += n
		if len(k.Buckets) > 0 {
			k.Buckets[max(bucketOf(d.wait)-1, 0)].People += n
		}
	}
}

func (v *readinessView) fill(doc *reportdoc.Document) {
	doc.Readiness = reportdoc.Readiness{Kinds: v.kinds, Buckets: v.buckets, AtTop: v.atTop}
}
