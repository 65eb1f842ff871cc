package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/plan"
)

// PlanStatusFormats are the formats of `plan status`.
var PlanStatusFormats = []Format{Table, JSON, Markdown}

// PlanExportFormats are the formats of `plan export`.
var PlanExportFormats = []Format{ICS, JSON, Markdown}

// ParsePlanStatusFormat checks plan status's --format.
func ParsePlanStatusFormat(s string) (Format, error) { return parseFormat(s, PlanStatusFormats) }

// ParsePlanExportFormat checks plan export's --format.
func ParsePlanExportFormat(s string) (Format, error) { return parseFormat(s, PlanExportFormats) }

// PlanStatusFormatNames and PlanExportFormatNames are for help and
// completion.
func PlanStatusFormatNames() []string { return formatNames(PlanStatusFormats) }
func PlanExportFormatNames() []string { return formatNames(PlanExportFormats) }

// PlanStatus writes a plan's status on a day.
func PlanStatus(w io.Writer, f Format, st *plan.Status, opt Options) error {
	switch f {
	case JSON:
		return WriteJSON(w, st)
	case Markdown:
		return planStatusText(w, st, opt, markdownStyle{})
	default:
		return planStatusText(w, st, opt, terminalStyle{color: opt.Color})
	}
}

func planStatusText(w io.Writer, st *plan.Status, opt Options, s style) error {
	out := textWriter(w, s, opt.Width)
	out.line("%s", s.title(fmt.Sprintf("Plan %q on %s", st.Name, st.Today)))
	out.line("")
	out.para(s.bullet(), fmt.Sprintf("%s, %s years, %s", st.Role.Name, formatNumber(st.Input.Years), st.Accountability.Name))
	if st.ActiveCatalog != nil {
		out.para(s.bullet(), fmt.Sprintf("Catalog: the plan was made with %s, which differs from the active catalog (%s); the plan keeps its own texts",
			catalogText(st.Catalog.Name, st.Catalog.Version, st.Catalog.SHA256), catalogText(st.ActiveCatalog.Name, st.ActiveCatalog.Version, st.ActiveCatalog.SHA256)))
	}
	out.para(s.bullet(), "Now: "+currentText(st.Current))
	out.para(s.bullet(), fmt.Sprintf("Progress: %d of %d phases done (%d%%)", st.Progress.Done, st.Progress.Total, st.Progress.Percent))
	out.para(s.bullet(), "Overdue: "+overdueText(st.Overdue))
	end := fmt.Sprintf("End: %s", st.End)
	switch {
	case st.End != st.PlannedEnd:
		end += fmt.Sprintf(" (was %s before the replan from %s)", st.PlannedEnd, st.LastReplan)
	case st.LastReplan != "":
		end += fmt.Sprintf(" (as planned; the replan from %s kept it)", st.LastReplan)
	}
	out.para(s.bullet(), end)
	out.para(s.bullet(), "Next eligibility: "+eligibilityText(st.NextEligibility))

	section(out, s, "Next dates")
	rows := make([][]string, len(st.NextDates))
	for i, d := range st.NextDates {
		rows[i] = []string{d.Date, d.What}
	}
	if len(rows) == 0 {
		out.para("", "none: the plan is over")
	} else {
		out.table(s.markdown(), []string{"Date", "What"}, rows)
	}

	section(out, s, "Schedule")
	out.table(s.markdown(), []string{"#", "Phase", "Start", "End", "Days", "State"}, scheduleRows(st.Schedule, st.Today))
	if len(st.Notes) > 0 {
		section(out, s, "Notes")
		for _, n := range st.Notes {
			out.para(s.bullet(), n.Time.Format(time.DateOnly)+": "+n.Text)
		}
	}
	return out.err
}

func catalogText(name, version, sha string) string {
	return fmt.Sprintf("%s %s (sha256 %s)", name, version, sha[:min(12, len(sha))])
}

func currentText(p *plan.Position) string {
	if p == nil {
		return "every phase is done"
	}
	ph := p.Phase
	where := fmt.Sprintf("step %d of %d, %s (level %d); phase %s, %s, %s to %s", p.Step, p.Steps, p.Level.Name, p.Level.Order,
		ph.ID, ph.Title, ph.Start, ph.End)
	switch {
	case p.DaysOverdue > 0:
		return fmt.Sprintf("%s: ended %s ago", where, days(p.DaysOverdue))
	case p.Waiting != nil:
		return fmt.Sprintf("waiting until %s opens on %s; then %s", p.Waiting.Level.Name, ph.Start, where)
	case p.StartsIn > 0:
		return fmt.Sprintf("%s: starts in %s", where, days(p.StartsIn))
	}
	return fmt.Sprintf("%s: %s left", where, days(p.DaysLeft))
}

func overdueText(items []plan.Item) string {
	if len(items) == 0 {
		return "none"
	}
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = fmt.Sprintf("%s %s (ended %s)", it.ID, it.Title, it.End)
	}
	return strings.Join(parts, "; ")
}

func eligibilityText(e *plan.Eligibility) string {
	if e == nil {
		return "none: every step of the path is open"
	}
	text := fmt.Sprintf("%s (level %d) from %s, which needs %s", e.Level.Name, e.Level.Order, e.Date, requiresText(e.Requires))
	if e.Assumes != "" {
		text += "; " + e.Assumes
	}
	return text
}

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}

func scheduleRows(sched *plan.Schedule, day string) [][]string {
	rows := make([][]string, len(sched.Items))
	for i, it := range sched.Items {
		id := it.ID
		if it.Kind == plan.KindWait {
			id = "-"
		}
		rows[i] = []string{id, it.Title, it.Start, it.End, strconv.Itoa(it.Days), it.State(day)}
	}
	return rows
}

// PlanExport writes a plan's current schedule. remind is how long before
// each phase starts the calendar reminds, 0 for no reminder.
func PlanExport(w io.Writer, f Format, e *plan.Export, remind time.Duration, opt Options) error {
	switch f {
	case JSON:
		return WriteJSON(w, e)
	case Markdown:
		return planExportMarkdown(w, e)
	default:
		return writePlanICS(w, e, remind, opt.Stamp)
	}
}

func planExportMarkdown(w io.Writer, e *plan.Export) error {
	s := markdownStyle{}
	out := textWriter(w, s, 0)
	sched := e.Schedule
	out.line("%s", s.title(fmt.Sprintf("Plan %q: %s to %s", e.Name, sched.Start, sched.End)))
	out.line("")
	out.para(s.bullet(), fmt.Sprintf("%s, %s", e.Role.Name, e.Accountability.Name))
	if sched.End != sched.PlannedEnd {
		out.para(s.bullet(), fmt.Sprintf("Replanned from %s; the saved path ended on %s", sched.LastReplan, sched.PlannedEnd))
	}
	out.para(s.bullet(), "Catalog: "+catalogText(e.Catalog.Name, e.Catalog.Version, e.Catalog.SHA256))
	out.line("")
	rows := make([][]string, len(sched.Items))
	for i, it := range sched.Items {
		state := ""
		if it.Done {
			state = "done"
		}
		id := it.ID
		if it.Kind == plan.KindWait {
			id = "-"
		}
		rows[i] = []string{id, it.Title, it.Start, it.End, strconv.Itoa(it.Days), state, it.Activity}
	}
	out.table(true, []string{"#", "Phase", "Start", "End", "Days", "Done", "Activity"}, rows)
	if len(sched.Notes) > 0 {
		section(out, s, "Notes")
		for _, n := range sched.Notes {
			out.para(s.bullet(), n.Time.Format(time.DateOnly)+": "+n.Text)
		}
	}
	return out.err
}

// writePlanICS writes one all-day event per phase and wait, and one on
// each later step's eligibility day. Each UID is the plan's ID and the
// item's, so it stays the same across replans, and every event carries
// the schedule's SEQUENCE, which rises with each change that may move an
// event: a calendar that imports the file again moves its events instead
// of adding copies.
func writePlanICS(w io.Writer, e *plan.Export, remind time.Duration, stamp time.Time) error {
	sched := e.Schedule
	cal := newCalendar(fmt.Sprintf("Career plan %s", e.Name))
	for _, it := range sched.Items {
		description := it.Activity
		if it.Kind == plan.KindWait && description == "" {
			description = fmt.Sprintf("%s (level %d) opens on %s.", it.Level.Name, it.Level.Order,
				parseDate(it.End).AddDate(0, 0, 1).Format(advisor.DateLayout))
		}
		if it.Kind == plan.KindPhase {
			description = fmt.Sprintf("%s\n\nPlan %s, phase %s: %s (level %d), %s.", it.Activity, e.Name, it.ID, it.Level.Name, it.Level.Order, days(it.Days))
			if it.Done {
				description += " Done."
			}
		}
		ev := allDayEvent(cal, fmt.Sprintf("%s-%s@careerpath", e.ID, it.ID), stamp, parseDate(it.Start), parseDate(it.End),
			it.Title, strings.TrimSpace(description))
		ev.SetSequence(sched.Sequence)
		if remind > 0 && it.Kind == plan.KindPhase && !it.Done {
			alarm := ev.AddAlarm()
			alarm.SetAction(ics.ActionDisplay)
			alarm.SetTrigger("-" + isoDuration(remind))
			alarm.SetProperty(ics.ComponentPropertyDescription, icsText(fmt.Sprintf("Phase %s starts: %s", it.ID, it.Title)))
		}
	}
	for _, st := range e.Steps[1:] {
		day := parseDate(st.EligibleFrom)
		ev := allDayEvent(cal, fmt.Sprintf("%s-step-%d-eligible@careerpath", e.ID, st.Step), stamp, day, day,
			fmt.Sprintf("Eligible for %s", st.Level.Name),
			fmt.Sprintf("%s (level %d) requires %s.", st.Level.Name, st.Level.Order, requiresText(st.Requires)))
		ev.SetSequence(sched.Sequence)
	}
	return serialize(w, cal)
}

// parseDate reads a date of a checked plan.
func parseDate(s string) time.Time {
	d, _ := time.Parse(advisor.DateLayout, s)
	return d
}

// isoDuration writes d as an RFC 5545 duration: whole weeks, days, or
// hours and minutes.
func isoDuration(d time.Duration) string {
	day := 24 * time.Hour
	switch {
	case d%(7*day) == 0:
		return fmt.Sprintf("P%dW", d/(7*day))
	case d%day == 0:
		return fmt.Sprintf("P%dD", d/day)
	case d%time.Hour == 0:
		return fmt.Sprintf("PT%dH", d/time.Hour)
	}
	return fmt.Sprintf("PT%dM", d/time.Minute)
}

// PlanLog writes a plan's log as a table: each line's number, time (UTC)
// and change, with the lines an undo took back and those of another plan
// of the same name marked.
func PlanLog(w io.Writer, saved *plan.Saved, log []plan.Change, width int) error {
	effective := map[int]bool{}
	for _, c := range plan.Effective(saved, log) {
		effective[c.Seq] = true
	}
	current := false
	rows := make([][]string, len(log))
	for i, c := range log {
		if c.Kind == plan.ChangeStart {
			current = c.Plan == saved.ID
		}
		state := ""
		switch {
		case !current:
			state = "another plan"
		case c.Kind != plan.ChangeStart && c.Kind != plan.ChangeUndo && !effective[c.Seq]:
			state = "undone"
		}
		rows[i] = []string{strconv.Itoa(c.Seq), c.Time.UTC().Format(time.RFC3339), c.Describe(), state}
	}
	return writeTable(w, false, width, []string{"#", "Time", "Change", "State"}, rows)
}

// PlanListEntry is one plan of `plan list`.
type PlanListEntry struct {
	Saved    *plan.Saved
	Schedule *plan.Schedule
}

// PlanList writes the saved plans as a table.
func PlanList(w io.Writer, plans []PlanListEntry, width int) error {
	rows := make([][]string, len(plans))
	for i, p := range plans {
		done, total := 0, 0
		for _, it := range p.Schedule.Items {
			if it.Kind == plan.KindPhase {
				total++
				if it.Done {
					done++
				}
			}
		}
		path := p.Saved.Path
		rows[i] = []string{p.Saved.Name, path.Role.Name, pathLevels(path), fmt.Sprintf("%d of %d", done, total), p.Schedule.End}
	}
	return writeTable(w, false, width, []string{"Name", "Role", "Levels", "Done", "End"}, rows)
}

func pathLevels(p *advisor.Path) string {
	first, last := p.Steps[0].Level.Name, p.Steps[len(p.Steps)-1].Level.Name
	if first == last {
		return first
	}
	return first + " to " + last
}
