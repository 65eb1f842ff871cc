package report

import "github.com/careerpath/careerpath/internal/report/reportdoc"

// readinessView buckets the people below the top level by the months
// until they meet the next level's minimum years.
type readinessView struct {
	buckets []reportdoc.Bucket
	atTop   int
}

func newReadinessView() view { return &readinessView{buckets: newBuckets()} }

// newBuckets are the readiness buckets, in months until the next level.
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
}

func (v *readinessView) fill(doc *reportdoc.Document) {
	doc.Readiness = reportdoc.Readiness{Buckets: v.buckets, AtTop: v.atTop}
}
