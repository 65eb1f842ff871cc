package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/careerpath/careerpath/internal/advisor"
)

// Path writes a career path in the chosen format.
func Path(w io.Writer, f Format, p *advisor.Path, opt Options) error {
	switch f {
	case JSON:
		return WriteJSON(w, p)
	case YAML:
		return WriteYAML(w, p)
	case Markdown:
		return pathText(w, p, opt, markdownStyle{})
	case ICS:
		return WritePathICS(w, p, opt.Stamp)
	default:
		return pathText(w, p, opt, terminalStyle{color: opt.Color})
	}
}

func pathText(w io.Writer, p *advisor.Path, opt Options, s style) error {
	out := textWriter(w, s, opt.Width)
	out.line("%s", s.title(pathTitle(p)))
	out.line("")
	out.para(s.bullet(), fmt.Sprintf("Role: %s (role table: %s)", p.Role.Name, p.Role.TableLevel.Label))
	out.para(s.bullet(), fmt.Sprintf("Experience: %s on %s", yearsText(p.Input.Years), p.Start))
	out.para(s.bullet(), fmt.Sprintf("Accountability: %s (%s)", p.Accountability.Name, p.Accountability.Description))
	for _, st := range p.Steps {
		section(out, s, fmt.Sprintf("Step %d: %s (level %d)", st.Step, st.Level.Name, st.Level.Order))
		if st.Stage != "" {
			out.para("", st.Stage)
			out.line("")
		}
		if st.Purpose != "" {
			out.para(s.bullet(), "Purpose: "+st.Purpose)
		}
		if st.BestSuitedFor != "" {
			out.para(s.bullet(), "Best suited for: "+st.BestSuitedFor)
		}
		out.para(s.bullet(), "Eligible from: "+st.EligibleFrom)
		out.para(s.bullet(), "Requires: "+requiresText(st.Requires))
		if st.Assumes != "" {
			out.para(s.bullet(), "Assumes: "+st.Assumes)
		}
		out.para(s.bullet(), fmt.Sprintf("Plan: %s to %s; %s can be completed on %s", st.Plan.Start, st.Plan.End, st.Level.Name, st.Plan.End))
		if s.markdown() {
			out.line("")
		}
		out.table(s.markdown(), []string{"#", "Start", "End", "Days", "Activity"}, phaseRows(st.Plan))
		if st.Wait != nil {
			waitText(out, s, st.Wait, st.Level)
		}
	}
	last := p.Steps[len(p.Steps)-1]
	list(out, s, "What to pursue next", last.PursueNext)
	if len(last.CareerGrowth) > 0 {
		section(out, s, "Career growth after completion")
		for _, g := range last.CareerGrowth {
			out.para(s.bullet(), g.Name+": "+g.Text)
		}
	}
	return out.err
}

// waitText shows the wait after a step as a period of its own, with the
// catalog's words for what to work on during it.
func waitText(out *errWriter, s style, w *advisor.Wait, finished advisor.LevelRef) {
	section(out, s, fmt.Sprintf("Wait: %s to %s (%d days), until %s is eligible", w.From, w.Until, w.Days, w.Next.Name))
	out.para(s.bullet(), fmt.Sprintf("%s's what to pursue next: %s", finished.Name, strings.Join(w.PursueNext, "; ")))
	out.para(s.bullet(), fmt.Sprintf("Your top direction: %s: %s", w.Direction.Name, w.Direction.Focus))
	out.para(s.bullet(), "Providers: "+providerSummaries(w.Direction.Providers))
}

// providerSummaries gives each provider in the catalog's words, its
// summary, which names it.
func providerSummaries(ps []advisor.ProviderRef) string {
	texts := make([]string, len(ps))
	for i, p := range ps {
		texts[i] = p.Summary
	}
	return strings.Join(texts, " ")
}

// pathTitle names the levels the path goes through and its dates. A path
// always ends at the top level, so one of a single step starts there.
func pathTitle(p *advisor.Path) string {
	levels := fmt.Sprintf("%s to %s", p.Steps[0].Level.Name, p.Steps[len(p.Steps)-1].Level.Name)
	if len(p.Steps) == 1 {
		levels = p.Steps[0].Level.Name + " (top level)"
	}
	return fmt.Sprintf("Career path: %s, %s to %s", levels, p.Start, p.End)
}

func requiresText(reqs []advisor.Requirement) string {
	if len(reqs) == 0 {
		return "nothing more"
	}
	parts := make([]string, len(reqs))
	for i, r := range reqs {
		parts[i] = r.Detail
	}
	return strings.Join(parts, " and ")
}

func phaseRows(plan advisor.Plan) [][]string {
	rows := make([][]string, len(plan.Phases))
	for i, p := range plan.Phases {
		rows[i] = []string{strconv.Itoa(i + 1), p.Start, p.End, strconv.Itoa(p.Days), p.Activity}
	}
	return rows
}
