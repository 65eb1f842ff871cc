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

// reportSection is one table of the report, which every format shows.
type reportSection struct {
	ID      string // the HTML table's id, which the browser test reads
	Heading string
	Note    string
	Headers []string
	Rows    [][]string
}

func breakdownSection(doc *reportdoc.Document, id, heading, what string, rows []reportdoc.Breakdown) reportSection {
	sec := reportSection{ID: id, Heading: heading, Headers: append([]string{what, "People"}, levelNames(doc)...), Note: privacyNote(doc, id)}
	for _, b := range rows {
		if b.Suppressed != "" {
			row := []string{b.Name, suppressedText(doc, b.Suppressed)}
			for range doc.Levels {
				row = append(row, "")
			}
			sec.Rows = append(sec.Rows, row)
			continue
		}
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
	outOfScope := ""
	if doc.Rows.OutOfScope > 0 {
		outOfScope = fmt.Sprintf(", %d out of scope (their job titles are outside the track in the title map)", doc.Rows.OutOfScope)
	}
	out.line("%d rows read: %d advised, %d rejected%s", doc.Rows.Read, doc.Rows.Advised, doc.Rows.Rejected, outOfScope)
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
