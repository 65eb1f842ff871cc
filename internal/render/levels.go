package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
)

// LevelComparison writes two levels side by side: a row for each text,
// then for each list what only A has, only B has and both have. A text
// both levels have alike (their track, often) shows once, under Both.
func LevelComparison(w io.Writer, f Format, c *advisor.LevelComparison, width int) error {
	var rows [][]string
	pair := func(name, a, b string) {
		switch {
		case a == "" && b == "":
		case a == b:
			rows = append(rows, []string{name, "", "", a})
		default:
			rows = append(rows, []string{name, a, b, ""})
		}
	}
	list := func(name string, l advisor.ListCompared) {
		rows = append(rows, []string{name, strings.Join(l.OnlyA, "; "), strings.Join(l.OnlyB, "; "), strings.Join(l.Both, "; ")})
	}
	pair("Track", c.Track.A, c.Track.B)
	pair("Intended audience", c.IntendedAudience.A, c.IntendedAudience.B)
	pair("Prior experience", c.PriorExperience.A, c.PriorExperience.B)
	pair("Key emphasis", c.KeyEmphasis.A, c.KeyEmphasis.B)
	pair("Minimum years", formatNumber(c.MinYears.A), formatNumber(c.MinYears.B))
	pair("Purpose", c.Purpose.A, c.Purpose.B)
	pair("Best suited for", c.BestSuitedFor.A, c.BestSuitedFor.B)
	list("Capabilities", c.Capabilities)
	list("Practical results", c.PracticalResults)
	list("Common mistakes", c.CommonMistakes)
	list("What to pursue next", c.PursueNext)
	list("Plan phases", c.PlanPhases)
	pair("Plan length", fmt.Sprintf("%d days", c.PlanDays.A), fmt.Sprintf("%d days", c.PlanDays.B))
	headers := []string{"", fmt.Sprintf("%s (level %d)", c.A.Name, c.A.Order), fmt.Sprintf("%s (level %d)", c.B.Name, c.B.Order), "Both"}
	return WriteListing(w, f, Listing{Headers: headers, Rows: rows, Data: c}, width)
}

// LevelStage writes one level's whole stage text; JSON and YAML write the
// catalog's level entry.
func LevelStage(w io.Writer, f Format, l *catalog.Level, width int) error {
	switch f {
	case JSON:
		return WriteJSON(w, l)
	case YAML:
		return WriteYAML(w, l)
	}
	var s style = terminalStyle{}
	if f == Markdown {
		s = markdownStyle{}
	}
	out := textWriter(w, s, width)
	out.line("%s", s.title(fmt.Sprintf("%s (level %d)", l.Name, l.Order)))
	if l.Stage != "" {
		out.line("")
		out.para("", l.Stage)
	}
	out.line("")
	for _, f := range [][2]string{
		{"Track", l.Track}, {"Intended audience", l.IntendedAudience}, {"Prior experience", l.PriorExperience},
		{"Key emphasis", l.KeyEmphasis}, {"Minimum years", formatNumber(l.Policy.MinYears)},
		{"Purpose", l.Purpose}, {"Best suited for", l.BestSuitedFor},
	} {
		if f[1] != "" {
			out.para(s.bullet(), f[0]+": "+f[1])
		}
	}
	list(out, s, "Capabilities", l.Capabilities)
	list(out, s, "Practical results", l.PracticalResults)
	section(out, s, "Preparation plan")
	if l.PreparationPlan.Text != "" {
		out.para("", l.PreparationPlan.Text)
		out.line("")
	}
	rows := make([][]string, len(l.PreparationPlan.Phases))
	for i, p := range l.PreparationPlan.Phases {
		rows[i] = []string{strconv.Itoa(i + 1), p.Title, strconv.Itoa(p.Days), p.Activity}
	}
	out.table(s.markdown(), []string{"#", "Phase", "Days", "Activity"}, rows)
	list(out, s, "Common mistakes", l.CommonMistakes)
	list(out, s, "What to pursue next", l.PursueNext)
	return out.err
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
