package report

import (
	"fmt"
	"slices"

	"github.com/careerpath/careerpath/internal/report/reportdoc"
)

// studyLoadView counts the people with a plan day in each calendar month,
// per level of their plan, from each person's own plan dates; and the
// first and last plan start, which say whether the load can differ from
// one month to the next at all.
type studyLoadView struct {
	levels      int
	months      map[int][]int // month index (year*12 + month-1) to people per level
	first, last string
}

func newStudyLoadView(s *sheet) view {
	return &studyLoadView{levels: len(s.cat.Levels), months: map[int][]int{}}
}

func (v *studyLoadView) addShared(d *derived, n int) {
	for _, m := range d.months {
		if v.months[m] == nil {
			v.months[m] = make([]int, v.levels)
		}
		v.months[m][d.level] += n
	}
	if d.start != "" && (v.first == "" || d.start < v.first) {
		v.first = d.start
	}
	if d.start > v.last {
		v.last = d.start
	}
}

func (v *studyLoadView) fill(doc *reportdoc.Document) {
	doc.StudyLoad = []reportdoc.MonthLoad{}
	months := make([]int, 0, len(v.months))
	for m := range v.months {
		months = append(months, m)
	}
	slices.Sort(months)
	for _, m := range months {
		doc.StudyLoad = append(doc.StudyLoad, reportdoc.MonthLoad{Month: fmt.Sprintf("%04d-%02d", m/12, m%12+1), People: total(v.months[m]), Levels: v.months[m]})
	}
	doc.StudyStarts = &reportdoc.StudyStarts{First: v.first, Last: v.last}
}
