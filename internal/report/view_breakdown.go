package report

import "github.com/careerpath/careerpath/internal/report/reportdoc"

// breakdownView is the advised people of each catalog entry of one
// answer (role or accountability) per level.
type breakdownView struct {
	entries []reportdoc.Breakdown // ID and Name; People and Levels at fill
	counts  [][]int               // by entry, then level
	entryOf func(*derived) int
	set     func(*reportdoc.Document, []reportdoc.Breakdown)
}

func newBreakdownView(entryOf func(*derived) int, set func(*reportdoc.Document, []reportdoc.Breakdown)) *breakdownView {
	return &breakdownView{entryOf: entryOf, set: set}
}

func (v *breakdownView) add(id, name string, levels int) {
	v.entries = append(v.entries, reportdoc.Breakdown{ID: id, Name: name})
	v.counts = append(v.counts, make([]int, levels))
}

func newRolesView(s *sheet) view {
	v := newBreakdownView(func(d *derived) int { return d.role },
		func(doc *reportdoc.Document, b []reportdoc.Breakdown) { doc.Roles = b })
	for _, r := range s.cat.Roles {
		v.add(r.ID, r.Name, len(s.cat.Levels))
	}
	return v
}

func newAccountabilityView(s *sheet) view {
	v := newBreakdownView(func(d *derived) int { return d.acc },
		func(doc *reportdoc.Document, b []reportdoc.Breakdown) { doc.Accountability = b })
	for _, a := range s.cat.Accountability {
		v.add(a.ID, a.Name, len(s.cat.Levels))
	}
	return v
}

func (v *breakdownView) addShared(d *derived, n int) { v.counts[v.entryOf(d)][d.level] += n }

func (v *breakdownView) fill(doc *reportdoc.Document) {
	out := []reportdoc.Breakdown{}
	for i, e := range v.entries {
		e.People, e.Levels = total(v.counts[i]), v.counts[i]
		out = append(out, e)
	}
	v.set(doc, out)
}

func total(counts []int) int {
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}
