package report

import (
	"cmp"
	"slices"
	"strings"

	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
)

// rejectedView lists the first rejected rows and counts every one under
// the cause of its first problem.
type rejectedView struct {
	perRowOnly
	s        *sheet
	causes   *foldingCounter[causeKey, int]
	rejected []reportdoc.RejectedRow
}

type causeKey struct{ column, value string }

func newRejectedView(s *sheet) view {
	return &rejectedView{s: s,
		causes: newFoldingCounter[causeKey](maxTracked, func(into *int, from int) { *into += from }, func(n int) int { return n },
			func(k causeKey) causeKey { return causeKey{strings.Clone(k.column), strings.Clone(k.value)} })}
}

// addRow counts a rejected row once, under the cause of its first
// problem, and lists it with every problem.
func (v *rejectedView) addRow(row batch.AdvisedRow, d *derived) {
	if d != nil {
		return
	}
	*v.causes.at(causeKey{row.Column, v.culprit(row, row.Column)}, func() int { return 0 }) += 1
	if len(v.rejected) >= MaxRejectedRows {
		return
	}
	problems := make([]reportdoc.Problem, len(row.Problems))
	for i, p := range row.Problems {
		problems[i] = reportdoc.Problem{Column: p.Column, Value: strings.Clone(v.culprit(row, p.Column)), Message: p.Message}
	}
	v.rejected = append(v.rejected, reportdoc.RejectedRow{Row: row.Line, Labels: v.s.labelsOf(row), Column: row.Column,
		Value: strings.Clone(v.culprit(row, row.Column)), Message: row.Message, Problems: problems})
}

// culprit is the cell of a problem's column, or "" for the row's shape.
func (v *rejectedView) culprit(row batch.AdvisedRow, column string) string {
	if at := slices.Index(v.s.header, column); column != "" && at >= 0 {
		return row.Fields[at]
	}
	return ""
}

func (v *rejectedView) fill(doc *reportdoc.Document) {
	r := reportdoc.Rejected{Total: doc.Rows.Rejected, Rows: nonNil(v.rejected), Causes: []reportdoc.Cause{}, CausesExact: v.causes.exact}
	for _, e := range v.causes.foldSmallest(MaxCauses, compareCauses) {
		r.Causes = append(r.Causes, reportdoc.Cause{Column: e.key.column, Value: e.key.value, Rows: *e.value})
	}
	doc.Rejected = r
}

func compareCauses(a, b causeKey) int {
	return cmp.Or(strings.Compare(a.column, b.column), strings.Compare(a.value, b.value))
}
