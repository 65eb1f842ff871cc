package render

import (
	"fmt"
	"strconv"

	"github.com/careerpath/careerpath/internal/report/reportdoc"
)

// reportPart is one view of the report (report.newViews) as the formats
// show it: its sections, a table each, and on the HTML page the chart of
// its first section. The page's template is the same for every part.
type reportPart struct {
	// sections are the part's tables; bars adds a text bar column.
	sections func(doc *reportdoc.Document, bars bool) []reportSection
	// chart is the part's chart, nil for none; the function is nil when
	// the part never has one.
	chart func(doc *reportdoc.Document) *chart
}

// reportParts are the report's parts in the order every format shows
// them; adding a view to the report adds its part here.
func reportParts() []reportPart {
	return []reportPart{
		{levelsSections, levelsChart},
		{groupsSections, groupsChart},
		{func(doc *reportdoc.Document, _ bool) []reportSection {
			return []reportSection{breakdownSection("roles", "Role by level", "Role", levelNames(doc), doc.Roles)}
		}, nil},
		{func(doc *reportdoc.Document, _ bool) []reportSection {
			return []reportSection{breakdownSection("accountability", "Accountability by level", "Accountability", levelNames(doc), doc.Accountability)}
		}, nil},
		{readinessSections, readinessChart},
		{closestSections, nil},
		{directionsSections, directionsChart},
		{providersSections, nil},
		{studyLoadSections, studyLoadChart},
		{rejectedSections, nil},
	}
}

// reportSections are the tables of every part, in order, shared by the
// text formats; the HTML page shows the same tables next to its charts.
func reportSections(doc *reportdoc.Document, bars bool) []reportSection {
	var secs []reportSection
	for _, p := range reportParts() {
		secs = append(secs, p.sections(doc, bars)...)
	}
	return secs
}

func levelNames(doc *reportdoc.Document) []string {
	names := make([]string, len(doc.Levels))
	for i, l := range doc.Levels {
		names[i] = l.Name
	}
	return names
}

// withBars adds a bar column to a section: each row's bar is its count of
// the largest.
func withBars(sec *reportSection, counts []int) {
	most := 0
	for _, n := range counts {
		most = max(most, n)
	}
	sec.Headers = append(sec.Headers, "")
	for i, n := range counts {
		sec.Rows[i] = append(sec.Rows[i], textBar(n, most))
	}
}

func levelsSections(doc *reportdoc.Document, bars bool) []reportSection {
	sec := reportSection{ID: "levels", Heading: "Level distribution", Headers: []string{"Level", "People", "Share"}}
	var counts []int
	for _, l := range doc.Levels {
		sec.Rows = append(sec.Rows, []string{l.Name, strconv.Itoa(l.People), percent(l.Share)})
		counts = append(counts, l.People)
	}
	if bars {
		withBars(&sec, counts)
	}
	return []reportSection{sec}
}

func levelsChart(doc *reportdoc.Document) *chart {
	var values [][]int
	for _, l := range doc.Levels {
		values = append(values, []int{l.People})
	}
	c := barChart("chart-levels", "People per level", nil, levelNames(doc), values)
	return &c
}

func groupsSections(doc *reportdoc.Document, _ bool) []reportSection {
	g := doc.Groups
	if g == nil {
		return nil
	}
	sec := reportSection{ID: "groups", Heading: "Levels per " + g.Column, Headers: append([]string{g.Column, "Rows", "Rejected"}, levelNames(doc)...)}
	if g.Other != nil {
		sec.Note = fmt.Sprintf("The %d largest values are shown; %d more are folded into \"other\".", len(g.Groups), g.OtherValues)
	}
	if !g.Exact {
		sec.Note += " The column has so many values that some were folded while reading, so the counts of a value cover its rows since then; the rest are in \"other\"."
	}
	for _, grp := range allGroups(g) {
		row := []string{groupName(grp.Name), strconv.Itoa(grp.Rows), strconv.Itoa(grp.Rejected)}
		for _, n := range grp.Levels {
			row = append(row, strconv.Itoa(n))
		}
		sec.Rows = append(sec.Rows, row)
	}
	return []reportSection{sec}
}

func groupsChart(doc *reportdoc.Document) *chart {
	g := doc.Groups
	if g == nil {
		return nil
	}
	var labels []string
	var values [][]int
	for _, grp := range allGroups(g) {
		labels, values = append(labels, groupName(grp.Name)), append(values, grp.Levels)
	}
	c := barChart("chart-groups", "Levels per "+g.Column, levelNames(doc), labels, values)
	return &c
}

func readinessSections(doc *reportdoc.Document, bars bool) []reportSection {
	sec := reportSection{ID: "readiness", Heading: "Readiness for the next level",
		Note:    fmt.Sprintf("Months until the next level's minimum years; %d already at the top level.", doc.Readiness.AtTop),
		Headers: []string{"Months", "People", "Also need wider accountability"}}
	var counts []int
	for _, b := range doc.Readiness.Buckets {
		sec.Rows = append(sec.Rows, []string{b.Name, strconv.Itoa(b.People), strconv.Itoa(b.NeedsAccountability)})
		counts = append(counts, b.People)
	}
	if bars {
		withBars(&sec, counts)
	}
	return []reportSection{sec}
}

func readinessChart(doc *reportdoc.Document) *chart {
	var labels []string
	var values [][]int
	for _, b := range doc.Readiness.Buckets {
		labels = append(labels, b.Name+" months")
		values = append(values, []int{b.People - b.NeedsAccountability, b.NeedsAccountability})
	}
	c := barChart("chart-readiness", "Months until the next level", []string{"years only", "also wider accountability"}, labels, values)
	return &c
}

func closestSections(doc *reportdoc.Document, _ bool) []reportSection {
	sec := reportSection{ID: "closest", Heading: "Closest to the next level", Headers: append(append([]string{"Row"}, doc.Inputs.LabelColumns...),
		"Level", "Next level", "Months", "Eligible from", "Wider accountability")}
	for _, c := range doc.Closest {
		row := append(append([]string{strconv.Itoa(c.Row)}, c.Labels...), c.Level.Name, c.NextLevel.Name, strconv.Itoa(c.Months), c.EligibleFrom, yesNo(c.NeedsAccountability))
		sec.Rows = append(sec.Rows, row)
	}
	return []reportSection{sec}
}

func directionsSections(doc *reportdoc.Document, _ bool) []reportSection {
	sec := reportSection{ID: "directions", Heading: "Direction demand", Headers: []string{"Direction", "Rank 1", "Rank 2"}}
	for _, d := range doc.Directions {
		sec.Rows = append(sec.Rows, []string{d.Name, strconv.Itoa(d.Rank1), strconv.Itoa(d.Rank2)})
	}
	return []reportSection{sec}
}

func directionsChart(doc *reportdoc.Document) *chart {
	var labels []string
	var values [][]int
	for _, d := range doc.Directions {
		labels, values = append(labels, d.Name), append(values, []int{d.Rank1, d.Rank2})
	}
	c := barChart("chart-directions", "Direction demand", []string{"rank 1", "rank 2"}, labels, values)
	return &c
}

func providersSections(doc *reportdoc.Document, _ bool) []reportSection {
	sec := reportSection{ID: "providers", Heading: "Provider demand", Note: "Each person counts once per provider of their first or second direction.", Headers: []string{"Provider", "People"}}
	for _, p := range doc.Providers {
		sec.Rows = append(sec.Rows, []string{p.Name, strconv.Itoa(p.People)})
	}
	return []reportSection{sec}
}

func studyLoadSections(doc *reportdoc.Document, bars bool) []reportSection {
	sec := reportSection{ID: "study-load", Heading: "Study load", Note: "People with at least one plan day in the month.", Headers: []string{"Month", "People"}}
	var counts []int
	for _, m := range doc.StudyLoad {
		sec.Rows = append(sec.Rows, []string{m.Month, strconv.Itoa(m.People)})
		counts = append(counts, m.People)
	}
	if bars {
		withBars(&sec, counts)
	}
	return []reportSection{sec}
}

func studyLoadChart(doc *reportdoc.Document) *chart {
	var labels []string
	var values [][]int
	for _, m := range doc.StudyLoad {
		labels, values = append(labels, m.Month), append(values, []int{m.People})
	}
	c := barChart("chart-study-load", "People studying per month", nil, labels, values)
	return &c
}

// rejectedSections are shown only when rows were rejected: the causes,
// then the rows.
func rejectedSections(doc *reportdoc.Document, _ bool) []reportSection {
	if doc.Rejected.Total == 0 {
		return nil
	}
	causes := reportSection{ID: "causes", Heading: "Rejected rows by cause", Headers: []string{"Column", "Value", "Rows"}}
	if !doc.Rejected.CausesExact {
		causes.Note = "So many different causes that the rarer ones were folded away while reading; the counts shown are lower bounds."
	}
	for _, c := range doc.Rejected.Causes {
		causes.Rows = append(causes.Rows, []string{columnOrShape(c.Column), c.Value, strconv.Itoa(c.Rows)})
	}
	rejected := reportSection{ID: "rejected", Heading: "Rejected rows", Headers: append(append([]string{"Row"}, doc.Inputs.LabelColumns...), "Column", "Value", "Reason")}
	if len(doc.Rejected.Rows) < doc.Rejected.Total {
		rejected.Note = fmt.Sprintf("The first %d of %d rejected rows; `careerpath batch` lists them all.", len(doc.Rejected.Rows), doc.Rejected.Total)
	}
	for _, r := range doc.Rejected.Rows {
		rejected.Rows = append(rejected.Rows, append(append([]string{strconv.Itoa(r.Row)}, r.Labels...), columnOrShape(r.Column), r.Value, reasons(r)))
	}
	return []reportSection{causes, rejected}
}
