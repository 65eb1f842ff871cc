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

// monthRange is a range of months until the next level's minimum years;
// max is 0 for none.
type monthRange struct {
	name     string
	min, max int
}

// monthRanges are the ranges after "now", which both schemas' buckets
// are made of.
func monthRanges() [4]monthRange {
	return [4]monthRange{{"1-6", 1, 6}, {"7-12", 7, 12}, {"13-24", 13, 24}, {"over 24", 25, 0}}
}

// upTo is a range's maximum as the documents write it, nil for none.
func (r monthRange) upTo() *int {
	if r.max == 0 {
		return nil
	}
	n := r.max
	return &n
}

// monthBuckets are the month ranges of a kind that waits on years: at
// least one month, since its years are short.
func monthBuckets() []reportdoc.MonthBucket {
	var buckets []reportdoc.MonthBucket
	for _, r := range monthRanges() {
		buckets = append(buckets, reportdoc.MonthBucket{Name: r.name + " months", MinMonths: r.min, MaxMonths: r.upTo()})
	}
	return buckets
}

// newBuckets are schema 1.0's buckets, in months until the next level:
// "now", then the month ranges.
func newBuckets() []reportdoc.Bucket {
	zero := 0
	buckets := []reportdoc.Bucket{{Name: "now", MinMonths: 0, MaxMonths: &zero}}
	for _, r := range monthRanges() {
		buckets = append(buckets, reportdoc.Bucket{Name: r.name, MinMonths: r.min, MaxMonths: r.upTo()})
	}
	return buckets
}

// bucketOf is the index of months in newBuckets; monthBuckets are the
// same less the first.
func bucketOf(months int) int {
	if months == 0 {
		return 0
	}
	ranges := monthRanges()
	for i, r := range ranges {
		if r.max == 0 || months <= r.max {
			return i + 1
		}
	}
	return len(ranges)
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
