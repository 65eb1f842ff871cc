package render

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/careerpath/careerpath/internal/advisor"

	"github.com/careerpath/careerpath/internal/text"
)

// Recommendation writes one recommendation in the chosen format.
func Recommendation(w io.Writer, f Format, rec *advisor.Recommendation, opt Options) error {
	switch f {
	case JSON:
		return WriteJSON(w, rec)
	case YAML:
		return WriteYAML(w, rec)
	case Markdown:
		return recommendationText(w, rec, opt, markdownStyle{})
	case ICS:
		return WriteICS(w, rec, opt.Stamp)
	default:
		return recommendationText(w, rec, opt, terminalStyle{color: opt.Color})
	}
}

// style is the difference between the terminal and Markdown views: how a
// title, a heading and a list item look.
type style interface {
	title(s string) string
	heading(s string) string
	// text makes text from the catalog or the answers safe to show.
	text(s string) string
	bullet() string
	markdown() bool
}

type terminalStyle struct{ color bool }

func (t terminalStyle) title(s string) string {
	if t.color {
		return "\x1b[1m" + text.Sanitize(s) + "\x1b[0m"
	}
	return text.Sanitize(s)
}
func (terminalStyle) text(s string) string      { return text.Sanitize(s) }
func (t terminalStyle) heading(s string) string { return t.title(s) }
func (terminalStyle) bullet() string            { return "  - " }
func (terminalStyle) markdown() bool            { return false }

type markdownStyle struct{}

func (markdownStyle) title(s string) string   { return "# " + MarkdownText(s) }
func (markdownStyle) heading(s string) string { return "## " + MarkdownText(s) }
func (markdownStyle) text(s string) string    { return MarkdownText(s) }
func (markdownStyle) bullet() string          { return "- " }
func (markdownStyle) markdown() bool          { return true }

// textWriter writes a human format in a style: tables fit width on a
// terminal, and Markdown is never wrapped, as whatever renders it reflows
// it.
func textWriter(w io.Writer, s style, width int) *errWriter {
	if s.markdown() {
		width = 0
	}
	return &errWriter{w: w, width: width, escape: s.text}
}

// errWriter keeps the first write error so the layout code stays linear.
type errWriter struct {
	w      io.Writer
	err    error
	width  int                 // for tables; see Options.Width
	escape func(string) string // for paragraphs; see style.text
}

func (e *errWriter) line(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format+"\n", args...)
	}
}

// para writes text after prefix, wrapped at word boundaries to the width
// (when there is one) with the following lines indented under the text.
func (e *errWriter) para(prefix, s string) {
	e.line("%s", text.Wrap(prefix, e.escape(s), e.width))
}

func (e *errWriter) table(md bool, headers []string, rows [][]string) {
	if e.err == nil {
		e.err = writeTable(e.w, md, e.width, headers, rows)
	}
}

// recommendationText writes the answer first, so that at 80 columns it
// fits the first 24 lines of a terminal: the level, why in one line, the
// next level with its date and where to go from here, the plan's dates
// and the top three specialisations. The stage texts follow.
func recommendationText(w io.Writer, rec *advisor.Recommendation, opt Options, s style) error {
	out := textWriter(w, s, opt.Width)
	out.line("%s", s.title(fmt.Sprintf("Suggested level: %s (level %d)", rec.Level.Name, rec.Level.Order)))
	if s.markdown() {
		out.line("")
	}
	out.para("", whyText(rec, opt.LevelNames))
	out.line("")
	out.para(s.bullet(), fmt.Sprintf("Role: %s (role table: %s)", rec.Role.Name, rec.Role.TableLevel.Label))
	out.para(s.bullet(), "Experience: "+yearsText(rec.Input.Years))
	out.para(s.bullet(), fmt.Sprintf("Accountability: %s (%s)", rec.Accountability.Name, rec.Accountability.Description))
	out.para(s.bullet(), "Next level: "+nextLevelText(rec.NextLevel))
	out.para(s.bullet(), "Whole path: careerpath path; to keep and track it: careerpath plan start")

	section(out, s, fmt.Sprintf("Study plan: %s to %s", rec.Plan.Start, rec.Plan.End))
	if s.markdown() {
		out.table(true, []string{"#", "Start", "End", "Days", "Activity"}, phaseRows(rec.Plan))
	} else {
		for i, ph := range rec.Plan.Phases {
			out.para(fmt.Sprintf("  %d. ", i+1), fmt.Sprintf("%s to %s  %s (%d days)", ph.Start, ph.End, ph.Title, ph.Days))
		}
	}
	section(out, s, "Top specialisations")
	for _, sp := range rec.Specialisations[:min(3, len(rec.Specialisations))] {
		out.para(fmt.Sprintf("%s%d. ", strings.Repeat(" ", len(s.bullet())-2), sp.Rank), sp.Name+": "+providerNames(sp.Providers))
	}

	if opt.Explain {
		section(out, s, "Why this level")
		for i, st := range rec.Trace {
			out.para(fmt.Sprintf("%d. ", i+1), fmt.Sprintf("[%s] %s", st.Rule, st.Detail))
		}
	}
	if !s.markdown() { // Markdown's plan table has them already
		section(out, s, "Study plan activities")
		for i, ph := range rec.Plan.Phases {
			out.para(fmt.Sprintf("  %d. ", i+1), ph.Activity)
		}
	}
	list(out, s, "Capabilities gained", rec.Capabilities)
	list(out, s, "Practical results", rec.PracticalResults)
	list(out, s, "Common mistakes to avoid", rec.CommonMistakes)
	list(out, s, "What to pursue next", rec.PursueNext)

	section(out, s, "Specialisations")
	rows := make([][]string, len(rec.Specialisations))
	for i, sp := range rec.Specialisations {
		rows[i] = []string{strconv.Itoa(sp.Rank), sp.Name, sp.Focus, providerNames(sp.Providers), sp.Reason}
	}
	out.table(s.markdown(), []string{"Rank", "Direction", "Focus", "Providers", "Why"}, rows)
	return out.err
}

// whyText is the level rule in one line: the level after each of its
// steps (the role table, the accountability, the years), or that a step
// kept it. --explain shows each step in full.
func whyText(rec *advisor.Recommendation, names map[string]string) string {
	name := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		return id
	}
	parts := []string{}
	years, keep := yearsText(rec.Input.Years), " keep it"
	if rec.Input.Years == 1 {
		keep = " keeps it"
	}
	for _, st := range rec.Trace {
		switch {
		case st.Rule == advisor.RuleRoleTable:
			parts = append(parts, "role table "+name(st.Level))
		case st.Rule == advisor.RuleAccountability && st.Effect == advisor.EffectRaise:
			parts = append(parts, "accountability "+name(st.Level))
		case st.Rule == advisor.RuleAccountability:
			parts = append(parts, "accountability keeps it")
		case st.Rule == advisor.RuleExperience && st.Effect == advisor.EffectKeep:
			parts = append(parts, years+keep)
		case st.Rule == advisor.RuleExperience && st.Effect == advisor.EffectLower:
			// Each year short lowers one level: the last lowering says where.
			if last := parts[len(parts)-1]; strings.HasPrefix(last, years+" ") {
				parts = parts[:len(parts)-1]
			}
			parts = append(parts, years+" "+name(st.Level))
		}
	}
	return "Why: " + strings.Join(parts, ", ")
}

func section(out *errWriter, s style, heading string) {
	out.line("")
	out.line("%s", s.heading(heading))
	if s.markdown() {
		out.line("")
	}
}

func list(out *errWriter, s style, heading string, items []string) {
	section(out, s, heading)
	for _, it := range items {
		out.para(s.bullet(), it)
	}
}

// nextLevelText says when the next level opens and what it needs:
// "Advanced, eligible from 2028-01-04: needs multi-team accountability and
// 1 more year". A level whose years are met has no date to wait for.
func nextLevelText(n *advisor.NextLevel) string {
	if n == nil {
		return "none, this is the top level"
	}
	needs := make([]string, 0, len(n.Missing))
	waits := false
	for _, r := range n.Missing {
		switch {
		case r.Kind == advisor.NeedYears && r.NeededYears != nil && r.CurrentYears != nil:
			more := math.Round((*r.NeededYears-*r.CurrentYears)*100) / 100
			needs = append(needs, fmt.Sprintf("%s more %s", formatNumber(more), yearWord(more)))
			waits = true
		case r.Kind == advisor.NeedAccountability && r.Needed != "":
			needs = append(needs, r.Needed+" accountability")
		case r.Kind == advisor.NeedAccountability:
			needs = append(needs, "an accountability no answer of this catalog gives")
		default:
			needs = append(needs, r.Detail)
		}
	}
	text := n.Name
	if waits {
		text += ", eligible from " + n.EligibleFrom
	}
	if len(needs) == 0 {
		return text
	}
	return text + ": needs " + strings.Join(needs, " and ")
}

// yearsText writes a number of years: "1 year", "6.5 years".
func yearsText(n float64) string { return formatNumber(n) + " " + yearWord(n) }

func yearWord(n float64) string {
	if n == 1 {
		return "year"
	}
	return "years"
}

func providerNames(ps []advisor.ProviderRef) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}
