package report

import (
	"cmp"
	"fmt"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
	"slices"
	"strings"

	"github.com/careerpath/careerpath/internal/batch"
)

func (b *Builder) levelRef(pos int) reportdoc.LevelRef {
	l := b.cat.Levels[pos]
	return reportdoc.LevelRef{ID: l.ID, Name: l.Name, Order: l.Order}
}

// Report returns the document of the rows added, and ends the builder
// (it folds the small groups away). sum is the
// pipeline's count, which the builder's own must equal.
func (b *Builder) Report(sum batch.Summary) (*reportdoc.Document, error) {
	b.flush()
	if sum.Read != b.rows.Read || sum.Advised != b.rows.Advised || sum.Rejected != b.rows.Rejected {
		return nil, fmt.Errorf("report: the pipeline counted %+v and the report %+v", sum, b.rows)
	}
	inputs := b.opts.Inputs
	inputs.LabelColumns = nonNil(b.labels)
	inputs.Top = b.opts.Top
	if inputs.Columns == nil {
		inputs.Columns = map[string]string{}
	}
	source := b.opts.Source
	if source.SHA256 == "" {
		source = b.cat.Source
	}
	doc := &reportdoc.Document{
		SchemaVersion: reportdoc.SchemaVersion, Catalog: source, Inputs: inputs, Rows: b.rows,
		Readiness: reportdoc.Readiness{Buckets: b.buckets, AtTop: b.atTop},
		Closest:   nonNil(b.sortedCandidates()),
		Rejected:  b.rejectedSummary(),
		Groups:    b.groupSummary(),
		StudyLoad: b.studyLoad(),
	}
	for i, n := range b.levels {
		doc.Levels = append(doc.Levels, reportdoc.LevelCount{LevelRef: b.levelRef(i), People: n, Share: share(n, b.rows.Advised)})
	}
	doc.Roles, doc.Accountability = []reportdoc.Breakdown{}, []reportdoc.Breakdown{}
	for i, r := range b.cat.Roles {
		doc.Roles = append(doc.Roles, reportdoc.Breakdown{ID: r.ID, Name: r.Name, People: total(b.roles[i]), Levels: b.roles[i]})
	}
	for i, a := range b.cat.Accountability {
		doc.Accountability = append(doc.Accountability, reportdoc.Breakdown{ID: a.ID, Name: a.Name, People: total(b.accs[i]), Levels: b.accs[i]})
	}
	doc.Directions, doc.Providers = []reportdoc.DirectionDemand{}, []reportdoc.ProviderDemand{}
	for i, d := range b.cat.Directions {
		doc.Directions = append(doc.Directions, reportdoc.DirectionDemand{ID: d.ID, Name: d.Name, Rank1: b.rank1[i], Rank2: b.rank2[i]})
	}
	for i, p := range b.cat.Providers {
		doc.Providers = append(doc.Providers, reportdoc.ProviderDemand{ID: p.ID, Name: p.Name, People: b.provide[i]})
	}
	return doc, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// share is n of all, rounded to four decimals so that the JSON is stable.
func share(n, all int) float64 {
	if all == 0 {
		return 0
	}
	return float64(n*10000/all) / 10000
}

func total(counts []int) int {
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

// groupSummary keeps the MaxGroups largest groups, by rows then name, and
// folds the rest into other.
func (b *Builder) groupSummary() *reportdoc.Groups {
	if b.groups == nil {
		return nil
	}
	kept := b.groups.foldSmallest(MaxGroups, strings.Compare)
	g := &reportdoc.Groups{Column: b.header[b.byAt], Groups: []reportdoc.Group{}, OtherValues: b.groups.folded, Exact: b.groups.exact}
	for _, e := range kept {
		g.Groups = append(g.Groups, *e.value)
		g.Groups[len(g.Groups)-1].Name = e.key
	}
	if b.groups.folded > 0 {
		other := b.groups.other
		other.Name = "other"
		g.Other = &other
	}
	return g
}

func (b *Builder) rejectedSummary() reportdoc.Rejected {
	r := reportdoc.Rejected{Total: b.rows.Rejected, Rows: nonNil(b.rejected), Causes: []reportdoc.Cause{}, CausesExact: b.causes.exact}
	for _, e := range b.causes.foldSmallest(MaxCauses, compareCauses) {
		r.Causes = append(r.Causes, reportdoc.Cause{Column: e.key.column, Value: e.key.value, Rows: *e.value})
	}
	return r
}

func compareCauses(a, b causeKey) int {
	return cmp.Or(strings.Compare(a.column, b.column), strings.Compare(a.value, b.value))
}

func (b *Builder) studyLoad() []reportdoc.MonthLoad {
	load := []reportdoc.MonthLoad{}
	months := make([]int, 0, len(b.months))
	for m := range b.months {
		months = append(months, m)
	}
	slices.Sort(months)
	for _, m := range months {
		load = append(load, reportdoc.MonthLoad{Month: fmt.Sprintf("%04d-%02d", m/12, m%12+1), People: b.months[m]})
	}
	return load
}
