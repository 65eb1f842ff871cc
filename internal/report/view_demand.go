package report

import "github.com/careerpath/careerpath/internal/report/reportdoc"

// directionsView counts the people for whom a direction is the first or
// the second recommendation.
type directionsView struct {
	s            *sheet
	rank1, rank2 []int
}

func newDirectionsView(s *sheet) view {
	return &directionsView{s: s, rank1: make([]int, len(s.cat.Directions)), rank2: make([]int, len(s.cat.Directions))}
}

func (v *directionsView) addShared(d *derived, n int) {
	if d.rank1 >= 0 {
		v.rank1[d.rank1] += n
	}
	if d.rank2 >= 0 {
		v.rank2[d.rank2] += n
	}
}

func (v *directionsView) fill(doc *reportdoc.Document) {
	doc.Directions = []reportdoc.DirectionDemand{}
	for i, d := range v.s.cat.Directions {
		doc.Directions = append(doc.Directions, reportdoc.DirectionDemand{ID: d.ID, Name: d.Name, Rank1: v.rank1[i], Rank2: v.rank2[i]})
	}
}

// providersView counts each person once per provider of their first or
// second direction.
type providersView struct {
	s       *sheet
	provide []int
}

func newProvidersView(s *sheet) view {
	return &providersView{s: s, provide: make([]int, len(s.cat.Providers))}
}

func (v *providersView) addShared(d *derived, n int) {
	for _, p := range d.providers {
		v.provide[p] += n
	}
}

func (v *providersView) fill(doc *reportdoc.Document) {
	doc.Providers = []reportdoc.ProviderDemand{}
	for i, p := range v.s.cat.Providers {
		doc.Providers = append(doc.Providers, reportdoc.ProviderDemand{ID: p.ID, Name: p.Name, People: v.provide[i]})
	}
}
