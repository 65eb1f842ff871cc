package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/careerpath/careerpath/internal/report/reportdoc"
)

// ReportFormats lists the formats of `careerpath report`.
var ReportFormats = []Format{Table, Markdown, JSON, HTML}

// ReportFormatNames returns the report format names, for help and
// completion.
func ReportFormatNames() []string { return formatNames(ReportFormats) }

// ParseReportFormat checks a report's --format value.
func ParseReportFormat(s string) (Format, error) { return parseFormat(s, ReportFormats) }

// Report writes a team report.
func Report(w io.Writer, f Format, doc *reportdoc.Document, opt Options) error {
	switch f {
	case JSON:
		return WriteJSON(w, doc)
	case HTML:
		return reportHTML(w, doc)
	case Markdown:
		return reportText(w, doc, 0, markdownStyle{})
	default:
		return reportText(w, doc, opt.Width, terminalStyle{color: opt.Color})
	}
}

// barWidth is the longest text bar, in cells.
const barWidth = 24

// textBar draws n of most as a bar of full and partial blocks.
func textBar(n, most int) string {
	if most == 0 || n == 0 {
		return ""
	}
	eighths := n * barWidth * 8 / most
	bar := strings.Repeat("█", eighths/8)
	if rest := eighths % 8; rest > 0 {
		bar += string([]rune("▏▎▍▌▋▊▉")[rest-1])
	}
	return bar
}

func percent(share float64) string { return strconv.FormatFloat(share*100, 'f', 1, 64) + "%" }

// reportSections are the report's tables, in order, shared by the text
// formats; the HTML page shows the same tables next to its charts.
type reportSection struct {
	ID      string // the HTML table's id, which the browser test reads
	Heading string
	Note    string
	Headers []string
	Rows    [][]string
}

func reportSections(doc *reportdoc.Document, bars bool) []reportSection {
	var secs []reportSection
	levelNames := make([]string, len(doc.Levels))
	most := 0
	for i, l := range doc.Levels {
		levelNames[i] = l.Name
		most = max(most, l.People)
	}
	levels := reportSection{ID: "levels", Heading: "Level distribution", Headers: []string{"Level", "People", "Share"}}
	if bars {
		levels.Headers = append(levels.Headers, "")
	}
	for _, l := range doc.Levels {
		row := []string{l.Name, strconv.Itoa(l.People), percent(l.Share)}
		if bars {
			row = append(row, textBar(l.People, most))
		}
		levels.Rows = append(levels.Rows, row)
	}
	secs = append(secs, levels)

	if g := doc.Groups; g != nil {
		sec := reportSection{ID: "groups", Heading: "Levels per " + g.Column, Headers: append([]string{g.Column, "Rows", "Rejected"}, levelNames...)}
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
		secs = append(secs, sec)
	}
	secs = append(secs, breakdownSection("roles", "Role by level", "Role", levelNames, doc.Roles),
		breakdownSection("accountability", "Accountability by level", "Accountability", levelNames, doc.Accountability))

	ready := reportSection{ID: "readiness", Heading: "Readiness for the next level",
		Note:    fmt.Sprintf("Months until the next level's minimum years; %d already at the top level.", doc.Readiness.AtTop),
		Headers: []string{"Months", "People", "Also need wider accountability"}}
	most = 0
	for _, b := range doc.Readiness.Buckets {
		most = max(most, b.People)
	}
	if bars {
		ready.Headers = append(ready.Headers, "")
	}
	for _, b := range doc.Readiness.Buckets {
		row := []string{b.Name, strconv.Itoa(b.People), strconv.Itoa(b.NeedsAccountability)}
		if bars {
			row = append(row, textBar(b.People, most))
		}
		ready.Rows = append(ready.Rows, row)
	}
	secs = append(secs, ready)

	closest := reportSection{ID: "closest", Heading: "Closest to the next level", Headers: append(append([]string{"Row"}, doc.Inputs.LabelColumns...),
		"Level", "Next level", "Months", "Eligible from", "Wider accountability")}
	for _, c := range doc.Closest {
		row := append(append([]string{strconv.Itoa(c.Row)}, c.Labels...), c.Level.Name, c.NextLevel.Name, strconv.Itoa(c.Months), c.EligibleFrom, yesNo(c.NeedsAccountability))
		closest.Rows = append(closest.Rows, row)
	}
	secs = append(secs, closest)

	dirs := reportSection{ID: "directions", Heading: "Direction demand", Headers: []string{"Direction", "Rank 1", "Rank 2"}}
	for _, d := range doc.Directions {
		dirs.Rows = append(dirs.Rows, []string{d.Name, strconv.Itoa(d.Rank1), strconv.Itoa(d.Rank2)})
	}
	provs := reportSection{ID: "providers", Heading: "Provider demand", Note: "Each person counts once per provider of their first or second direction.", Headers: []string{"Provider", "People"}}
	for _, p := range doc.Providers {
		provs.Rows = append(provs.Rows, []string{p.Name, strconv.Itoa(p.People)})
	}
	load := reportSection{ID: "study-load", Heading: "Study load", Note: "People with at least one plan day in the month.", Headers: []string{"Month", "People"}}
	most = 0
	for _, m := range doc.StudyLoad {
		most = max(most, m.People)
	}
	if bars {
		load.Headers = append(load.Headers, "")
	}
	for _, m := range doc.StudyLoad {
		row := []string{m.Month, strconv.Itoa(m.People)}
		if bars {
			row = append(row, textBar(m.People, most))
		}
		load.Rows = append(load.Rows, row)
	}
	secs = append(secs, dirs, provs, load)

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
	if doc.Rejected.Total > 0 {
		secs = append(secs, causes, rejected)
	}
	return secs
}

func breakdownSection(id, heading, what string, levelNames []string, rows []reportdoc.Breakdown) reportSection {
	sec := reportSection{ID: id, Heading: heading, Headers: append([]string{what, "People"}, levelNames...)}
	for _, b := range rows {
		row := []string{b.Name, strconv.Itoa(b.People)}
		for _, n := range b.Levels {
			row = append(row, strconv.Itoa(n))
		}
		sec.Rows = append(sec.Rows, row)
	}
	return sec
}

func columnOrShape(column string) string {
	if column == "" {
		return "(row shape)"
	}
	return column
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// reportText writes the report for a terminal (width > 0 fits its
// tables) or as Markdown; writeTable and the style escape every text from
// the CSV or the catalog.
func reportText(w io.Writer, doc *reportdoc.Document, width int, s style) error {
	out := textWriter(w, s, width)
	out.line("%s", s.title("Team report"))
	out.line("")
	out.para("", fmt.Sprintf("%s %s (sha256 %s), plans from %s, input %s",
		doc.Catalog.Name, doc.Catalog.Version, doc.Catalog.SHA256, doc.Inputs.Start, doc.Inputs.File))
	out.line("")
	out.line("%d rows read: %d advised, %d rejected", doc.Rows.Read, doc.Rows.Advised, doc.Rows.Rejected)
	for _, sec := range reportSections(doc, !s.markdown()) {
		out.line("")
		out.line("%s", s.heading(sec.Heading))
		out.line("")
		if sec.Note != "" {
			out.para("", sec.Note)
			out.line("")
		}
		if len(sec.Rows) == 0 {
			out.line("(none)")
			continue
		}
		out.table(s.markdown(), sec.Headers, sec.Rows)
	}
	return out.err
}

// reasons is a rejected row's every problem: the first one's message, then
// each further one with its column and value.
func reasons(r reportdoc.RejectedRow) string {
	parts := []string{r.Message}
	for _, p := range r.Problems[min(1, len(r.Problems)):] {
		parts = append(parts, fmt.Sprintf("%s %q: %s", columnOrShape(p.Column), p.Value, p.Message))
	}
	return strings.Join(parts, "; ")
}

// allGroups are a report's groups and, when the column had more values
// than the report keeps apart, "other" last.
func allGroups(g *reportdoc.Groups) []reportdoc.Group {
	if g.Other == nil {
		return g.Groups
	}
	return append(g.Groups[:len(g.Groups):len(g.Groups)], *g.Other)
}
