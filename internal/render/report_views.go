package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/careerpath/careerpath/internal/privacy"

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
			return []reportSection{breakdownSection(doc, "roles", "Role by level", "Role", doc.Roles)}
		}, nil},
		{func(doc *reportdoc.Document, _ bool) []reportSection {
			return []reportSection{breakdownSection(doc, "accountability", "Accountability by level", "Accountability", doc.Accountability)}
		}, nil},
		{readinessSections, readinessChart},
		{nextByTimeSections, nil},
		{scopeBoundSections, nil},
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
	return barChartOrNil("chart-levels", "People per level", nil, levelNames(doc), values)
}

// barChartOrNil is barChart, or nil when every value is 0: a chart of
// nothing would be an empty box (the section's table or note says so).
func barChartOrNil(id, title string, series, labels []string, values [][]int) *chart {
	for _, v := range values {
		if sum(v) > 0 {
			c := barChart(id, title, series, labels, values)
			return &c
		}
	}
	return nil
}

// suppressedText stands for a hidden group's figures: fewer than
// --min-group people, or hidden with a smaller group.
func suppressedText(doc *reportdoc.Document, why string) string {
	if why == privacy.Complementary {
		return "hidden with a smaller group"
	}
	return fmt.Sprintf("fewer than %d", doc.Privacy.MinGroup)
}

// privacyNote says which of a view's groups were hidden and why.
func privacyNote(doc *reportdoc.Document, view string) string {
	small, complementary := 0, 0
	for _, s := range doc.Privacy.Suppressed {
		if s.View != view {
			continue
		}
		if s.Reason == privacy.Complementary {
			complementary++
		} else {
			small++
		}
	}
	if small == 0 {
		return ""
	}
	note := fmt.Sprintf("Groups of fewer than %d people are shown without their figures (--min-group).", doc.Privacy.MinGroup)
	if complementary > 0 {
		note += " The next smallest group is hidden too, so that the hidden one cannot be worked out from the total."
	}
	return note
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
	sec.Note = strings.TrimSpace(sec.Note + " " + privacyNote(doc, "groups"))
	for _, grp := range allGroups(g) {
		if grp.Suppressed != "" {
			row := []string{groupName(grp.Name), suppressedText(doc, grp.Suppressed), ""}
			for range doc.Levels {
				row = append(row, "")
			}
			sec.Rows = append(sec.Rows, row)
			continue
		}
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
		if grp.Suppressed != "" {
			continue
		}
		// A group's rejected rows are a segment of their own, so that a
		// group whose rows were all rejected shows as such, not as 0.
		labels, values = append(labels, groupName(grp.Name)), append(values, append(slices.Clone(grp.Levels), grp.Rejected))
	}
	return barChartOrNil("chart-groups", "Levels per "+g.Column, append(levelNames(doc), "rejected"), labels, values)
}

func readinessSections(doc *reportdoc.Document, bars bool) []reportSection {
	r := doc.Readiness
	sec := reportSection{ID: "readiness", Heading: "Readiness for the next level",
		Note: fmt.Sprintf("Time-bound: the role or accountability already reach the next level; only years are missing. "+
			"Scope-bound: the years are there; a wider accountability is missing. %d already at the top level.", r.AtTop),
		Headers: []string{"Kind", "People"}}
	if len(r.Kinds) > 0 {
		for _, b := range r.Kinds[0].Buckets {
			sec.Headers = append(sec.Headers, b.Name)
		}
	}
	var counts []int
	for _, k := range r.Kinds {
		row := []string{k.Name, strconv.Itoa(k.People)}
		for i := range len(sec.Headers) - 2 {
			if i < len(k.Buckets) {
				row = append(row, strconv.Itoa(k.Buckets[i].People))
			} else {
				row = append(row, "-")
			}
		}
		sec.Rows = append(sec.Rows, row)
		counts = append(counts, k.People)
	}
	if bars {
		withBars(&sec, counts)
	}
	return []reportSection{sec}
}

func readinessChart(doc *reportdoc.Document) *chart {
	r := doc.Readiness
	if len(r.Kinds) == 0 {
		return nil
	}
	var series []string
	for _, b := range r.Kinds[0].Buckets {
		series = append(series, b.Name)
	}
	series = append(series, "years met")
	var labels []string
	var values [][]int
	for _, k := range r.Kinds {
		row := make([]int, len(series))
		if len(k.Buckets) == 0 {
			row[len(series)-1] = k.People
		}
		for i, b := range k.Buckets {
			row[i] = b.People
		}
		labels, values = append(labels, k.Name), append(values, row)
	}
	return barChartOrNil("chart-readiness", "What keeps people from the next level", series, labels, values)
}

// peopleNote is the note of a list of people left out under --no-people.
func peopleNote(doc *reportdoc.Document, note string) string {
	if doc.Privacy.NoPeople {
		return "Left out (--no-people)."
	}
	return note
}

func nextByTimeSections(doc *reportdoc.Document, _ bool) []reportSection {
	sec := reportSection{ID: "next-by-time", Heading: "Next by time",
		Note:    peopleNote(doc, fmt.Sprintf("Time-bound people, fewest months first (at most %d).", doc.Inputs.Top)),
		Headers: append(append([]string{"Row"}, doc.Inputs.LabelColumns...), "Level", "Next level", "Months", "Eligible from")}
	for _, p := range doc.NextByTime {
		sec.Rows = append(sec.Rows, append(append([]string{strconv.Itoa(p.Row)}, p.Labels...), p.Level.Name, p.NextLevel.Name, strconv.Itoa(p.Months), p.EligibleFrom))
	}
	return []reportSection{sec}
}

func scopeBoundSections(doc *reportdoc.Document, _ bool) []reportSection {
	sec := reportSection{ID: "scope-bound", Heading: "Scope-bound",
		Note:    peopleNote(doc, fmt.Sprintf("People whose years meet the next level's minimum, most years beyond it first (at most %d): to consider for a wider accountability.", doc.Inputs.Top)),
		Headers: append(append([]string{"Row"}, doc.Inputs.LabelColumns...), "Level", "Next level", "Years", "Years beyond", "Accountability needed")}
	for _, p := range doc.ScopeBound {
		sec.Rows = append(sec.Rows, append(append([]string{strconv.Itoa(p.Row)}, p.Labels...), p.Level.Name, p.NextLevel.Name,
			formatYears(p.Years), formatYears(p.YearsBeyond), p.Accountability))
	}
	return []reportSection{sec}
}

func formatYears(y float64) string { return strconv.FormatFloat(y, 'f', -1, 64) }

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
	return barChartOrNil("chart-directions", "Direction demand", []string{"rank 1", "rank 2"}, labels, values)
}

func providersSections(doc *reportdoc.Document, _ bool) []reportSection {
	sec := reportSection{ID: "providers", Heading: "Provider demand", Note: "Each person counts once per provider of their first or second direction.", Headers: []string{"Provider", "People"}}
	for _, p := range doc.Providers {
		sec.Rows = append(sec.Rows, []string{p.Name, strconv.Itoa(p.People)})
	}
	return []reportSection{sec}
}

func studyLoadSections(doc *reportdoc.Document, bars bool) []reportSection {
	sec := reportSection{ID: "study-load", Heading: "Study load", Note: "People with at least one day of their own plan in the month, by the level of their plan.",
		Headers: append([]string{"Month", "People"}, levelNames(doc)...)}
	if oneStart(doc) {
		sec.Note += fmt.Sprintf(" Every plan starts on %s, so the plans of a level all run over the same months: the load follows the level distribution, and shows when the plans overlap rather than who studies when; give each row its own start (a start column) to see more.", doc.StudyStarts.First)
	}
	var counts []int
	for _, m := range doc.StudyLoad {
		row := []string{m.Month, strconv.Itoa(m.People)}
		for _, n := range m.Levels {
			row = append(row, strconv.Itoa(n))
		}
		sec.Rows = append(sec.Rows, row)
		counts = append(counts, m.People)
	}
	if bars {
		withBars(&sec, counts)
	}
	return []reportSection{sec}
}

// oneStart reports whether every plan starts on the same day.
func oneStart(doc *reportdoc.Document) bool {
	return doc.StudyStarts != nil && doc.StudyStarts.First != "" && doc.StudyStarts.First == doc.StudyStarts.Last
}

// studyLoadChart stacks each month's people by level; with one start for
// everyone it would only draw the level distribution again as equal
// bars, so the section's note says so instead.
func studyLoadChart(doc *reportdoc.Document) *chart {
	if oneStart(doc) {
		return nil
	}
	var labels []string
	var values [][]int
	for _, m := range doc.StudyLoad {
		labels, values = append(labels, m.Month), append(values, m.Levels)
	}
	return barChartOrNil("chart-study-load", "People studying per month, by level", levelNames(doc), labels, values)
}

// rejectedSections are shown only when rows were rejected: the causes,
// then the rows.
func rejectedSections(doc *reportdoc.Document, _ bool) []reportSection {
	if doc.Rejected.Total == 0 {
		return nil
	}
	causes := reportSection{ID: "causes", Heading: "Rejected rows by cause", Headers: []string{"Column", "Value", "Rows", "Spellings"},
		Note: "Values that differ only in case or spaces are one cause, shown by the first spelling met."}
	if !doc.Rejected.CausesExact {
		causes.Note += " So many different causes that the rarer ones were folded away while reading; the counts shown are lower bounds."
	}
	for _, a := range doc.Rejected.Allowed {
		causes.Note += fmt.Sprintf(" Valid %s values: %s.", a.Column, a.Values)
	}
	for _, c := range doc.Rejected.Causes {
		causes.Rows = append(causes.Rows, []string{columnOrShape(c.Column), c.Value, strconv.Itoa(c.Rows), strconv.Itoa(c.Spellings)})
	}
	rejected := reportSection{ID: "rejected", Heading: "Rejected rows", Headers: append(append([]string{"Row"}, doc.Inputs.LabelColumns...), "Column", "Value", "Reason")}
	if doc.Privacy.NoPeople {
		rejected.Note = "Left out (--no-people); `careerpath batch` lists them."
	} else if len(doc.Rejected.Rows) < doc.Rejected.Total {
		rejected.Note = fmt.Sprintf("The first %d of %d rejected rows; `careerpath batch` lists them all.", len(doc.Rejected.Rows), doc.Rejected.Total)
	}
	for _, r := range doc.Rejected.Rows {
		rejected.Rows = append(rejected.Rows, append(append([]string{strconv.Itoa(r.Row)}, r.Labels...), columnOrShape(r.Column), r.Value, reasons(r)))
	}
	return []reportSection{causes, rejected}
}
