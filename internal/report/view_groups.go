package report

import (
	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
)

// groupsView is the level distribution per value of the --by column. A
// value is kept by its first bytes and a hash of the whole (valueKey), so
// long cells cost no more than short ones.
type groupsView struct {
	perRowOnly
	s      *sheet
	groups *foldingCounter[valueKey, reportdoc.Group]
}

// newGroupsView returns the view, or nil without --by.
func newGroupsView(s *sheet) view {
	if s.opts.By == "" {
		return nil
	}
	return &groupsView{s: s, groups: newFoldingCounter[valueKey](maxTracked, addGroup, groupRows, valueKey.own)}
}

func (v *groupsView) addRow(row batch.AdvisedRow, d *derived) {
	if v.s.byAt < 0 {
		return // no header yet
	}
	g := v.groups.at(keyOf(row.Fields[v.s.byAt]), func() reportdoc.Group { return reportdoc.Group{Levels: make([]int, len(v.s.cat.Levels))} })
	g.Rows++
	if d == nil {
		g.Rejected++
		return
	}
	g.Advised++
	g.Levels[d.level]++
}

// fill keeps the MaxGroups largest groups, by rows then name, and folds
// the rest into other.
func (v *groupsView) fill(doc *reportdoc.Document) {
	if v.s.byAt < 0 {
		return // no header, so no column to name
	}
	kept := v.groups.foldSmallest(MaxGroups, compareKeys)
	g := &reportdoc.Groups{Column: v.s.header[v.s.byAt], Groups: []reportdoc.Group{}, OtherValues: v.groups.folded, Exact: v.groups.exact}
	for _, e := range kept {
		g.Groups = append(g.Groups, *e.value)
		g.Groups[len(g.Groups)-1].Name = e.key.display()
	}
	if v.groups.folded > 0 {
		other := v.groups.other
		other.Name = "other"
		g.Other = &other
	}
	doc.Groups = g
}
