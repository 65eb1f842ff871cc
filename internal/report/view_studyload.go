package report

import (
	"fmt"
	"slices"

	"github.com/careerpath/careerpath/internal/report/reportdoc"
)

// studyLoadView counts the people with a plan day in each calendar month.
type studyLoadView struct {
	months map[int]int // month index (year*12 + month-1) to people
}

func newStudyLoadView() view { return &studyLoadView{months: map[int]int{}} }

func (v *studyLoadView) addShared(d *derived, n int) {
	for _, m := range d.months {
		v.months[m] += n
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
		doc.StudyLoad = append(doc.StudyLoad, reportdoc.MonthLoad{Month: fmt.Sprintf("%04d-%02d", m/12, m%12+1), People: v.months[m]})
	}
}
