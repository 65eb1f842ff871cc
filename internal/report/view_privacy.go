package report

import (
	"github.com/careerpath/careerpath/internal/privacy"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
)

// privacyView hides the small groups of the group views (the --by
// groups, roles and accountability by level) once they are filled, and
// says what it hid and what --no-people left out.
type privacyView struct{ s *sheet }

func newPrivacyView(s *sheet) view { return &privacyView{s: s} }

func (*privacyView) addShared(*derived, int) {}

func (v *privacyView) fill(doc *reportdoc.Document) {
	p := reportdoc.Privacy{MinGroup: max(v.s.opts.MinGroup, 1), NoPeople: v.s.opts.NoPeople, Suppressed: []reportdoc.Suppressed{}}
	if g := doc.Groups; g != nil {
		groups := make([]*reportdoc.Group, 0, len(g.Groups)+1)
		for i := range g.Groups {
			groups = append(groups, &g.Groups[i])
		}
		if g.Other != nil {
			groups = append(groups, g.Other)
		}
		sizes := make([]int, len(groups))
		for i, grp := range groups {
			sizes[i] = grp.Rows
		}
		for i, why := range privacy.Hide(sizes, p.MinGroup) {
			if why != "" {
				*groups[i] = reportdoc.Group{Name: groups[i].Name, Levels: []int{}, Suppressed: why}
				p.Suppressed = append(p.Suppressed, reportdoc.Suppressed{View: "groups", Group: groups[i].Name, Reason: why})
			}
		}
	}
	for _, t := range []struct {
		view string
		rows []reportdoc.Breakdown
	}{{"roles", doc.Roles}, {"accountability", doc.Accountability}} {
		sizes := make([]int, len(t.rows))
		for i, b := range t.rows {
			sizes[i] = b.People
		}
		for i, why := range privacy.Hide(sizes, p.MinGroup) {
			if why != "" {
				t.rows[i] = reportdoc.Breakdown{ID: t.rows[i].ID, Name: t.rows[i].Name, Levels: []int{}, Suppressed: why}
				p.Suppressed = append(p.Suppressed, reportdoc.Suppressed{View: t.view, Group: t.rows[i].Name, Reason: why})
			}
		}
	}
	doc.Privacy = p
}
