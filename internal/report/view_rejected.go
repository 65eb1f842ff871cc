package report

import (
	"cmp"
	"slices"
	"strings"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
)

// maxSpellings bounds the spellings a cause tells apart; past it the
// count stops growing.
const maxSpellings = 100

// rejectedView lists the first rejected rows and counts every one under
// the cause of its first problem. A cause is a column and a value compared
// ignoring case and runs of spaces, kept by a hash and shown by its first
// spelling's first bytes: memory stays flat on any cell length.
type rejectedView struct {
	perRowOnly
	s        *sheet
	causes   *foldingCounter[causeKey, cause]
	rejected []reportdoc.RejectedRow
	// valid are the endings of the advisor's messages that list a
	// column's valid answers; allowed the columns whose list was cut off.
	valid   []advisor.ValidAnswers
	allowed []reportdoc.Allowed
}

type causeKey struct {
	column string
	value  valueKey // folded: its prefix is empty
}

type cause struct {
	rows      int
	first     valueKey // the first spelling met
	spellings []uint64 // hashes of the spellings met, up to maxSpellings
}

func newRejectedView(s *sheet) view {
	return &rejectedView{s: s, valid: advisor.New(s.cat).ValidAnswers(),
		causes: newFoldingCounter[causeKey](maxTracked, func(into *cause, from cause) { into.rows += from.rows },
			func(c cause) int { return c.rows },
			func(k causeKey) causeKey { return causeKey{strings.Clone(k.column), k.value} })}
}

// addRow counts a rejected row once, under the cause of its first
// problem, and lists it with every problem unless --no-people.
func (v *rejectedView) addRow(row batch.AdvisedRow, d *derived) {
	if d != nil {
		return
	}
	cell := v.culprit(row, row.Column)
	c := v.causes.at(causeKey{row.Column, foldedKeyOf(cell)}, func() cause { return cause{first: keyOf(cell).own()} })
	c.rows++
	if spelling := keyOf(cell).hash; len(c.spellings) < maxSpellings && !slices.Contains(c.spellings, spelling) {
		c.spellings = append(c.spellings, spelling)
	}
	if len(v.rejected) >= MaxRejectedRows || v.s.opts.NoPeople {
		return
	}
	problems := make([]reportdoc.Problem, len(row.Problems))
	for i, p := range row.Problems {
		problems[i] = reportdoc.Problem{Column: p.Column, Value: bounded(v.culprit(row, p.Column)), Message: v.reason(p.Column, p.Message)}
	}
	v.rejected = append(v.rejected, reportdoc.RejectedRow{Row: row.Line, Labels: v.s.labelsOf(row), Column: row.Column,
		Value: bounded(cell), Message: v.reason(row.Column, row.Message), Problems: problems})
}

// reason is a problem's message without the list of valid answers it may
// end with, which the report says once per column (Allowed).
func (v *rejectedView) reason(column, message string) string {
	for _, valid := range v.valid {
		if cut, ok := strings.CutSuffix(message, valid.Suffix); ok {
			if !slices.ContainsFunc(v.allowed, func(a reportdoc.Allowed) bool { return a.Column == column }) {
				v.allowed = append(v.allowed, reportdoc.Allowed{Column: strings.Clone(column), Values: valid.List})
			}
			return cut
		}
	}
	return message
}

// culprit is the cell of a problem's column, or "" for the row's shape.
func (v *rejectedView) culprit(row batch.AdvisedRow, column string) string {
	if at := slices.Index(v.s.header, column); column != "" && at >= 0 {
		return row.Fields[at]
	}
	return ""
}

func (v *rejectedView) fill(doc *reportdoc.Document) {
	r := reportdoc.Rejected{Total: doc.Rows.Rejected, Rows: nonNil(v.rejected), Causes: []reportdoc.Cause{}, CausesExact: v.causes.exact,
		Allowed: nonNil(v.allowed)}
	kept := v.causes.foldSmallest(MaxCauses, func(a, b causeKey) int {
		return cmp.Or(strings.Compare(a.column, b.column), compareKeys(v.causes.values[a].first, v.causes.values[b].first))
	})
	for _, e := range kept {
		r.Causes = append(r.Causes, reportdoc.Cause{Column: e.key.column, Value: e.value.first.display(), Rows: e.value.rows,
			Spellings: len(e.value.spellings), Truncated: e.value.first.truncated})
	}
	doc.Rejected = r
}
