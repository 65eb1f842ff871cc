package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
)

// checkDates refuses a saved path whose dates do not read, so that the
// schedule can trust them.
func checkDates(p *advisor.Path) error {
	if p == nil || len(p.Steps) == 0 {
		return fmt.Errorf("it holds no path")
	}
	for _, st := range p.Steps {
		dates := []string{st.EligibleFrom}
		for _, ph := range st.Plan.Phases {
			if ph.Days < 1 {
				return fmt.Errorf("step %d phase %q has %d days", st.Step, ph.Title, ph.Days)
			}
			dates = append(dates, ph.Start, ph.End)
		}
		for _, d := range dates {
			if _, err := time.Parse(advisor.DateLayout, d); err != nil {
				return fmt.Errorf("step %d has the date %q, which is not YYYY-MM-DD", st.Step, d)
			}
		}
	}
	return nil
}

// phaseItems lists a path's phases, in order, with their saved dates.
func phaseItems(p *advisor.Path) []Item {
	var items []Item
	for _, st := range p.Steps {
		for i, ph := range st.Plan.Phases {
			items = append(items, Item{
				ID: fmt.Sprintf("%d.%d", st.Step, i+1), Kind: KindPhase, Step: st.Step, Phase: i + 1,
				Level: st.Level, Title: ph.Title, Activity: ph.Activity, Days: ph.Days,
				Start: ph.Start, End: ph.End, PlannedStart: ph.Start, PlannedEnd: ph.End,
			})
		}
	}
	return items
}

// own returns the plan's own changes, start lines left out: those after a
// start line with its ID and before any other plan's start line. A log
// can hold several plans of one name (plan start --force), and a plan file
// restored from a backup finds its own changes again.
func own(s *Saved, log []Change) []Change {
	var out []Change
	ours := false
	for _, c := range log {
		switch {
		case c.Kind == ChangeStart:
			ours = c.Plan == s.ID
		case ours:
			out = append(out, c)
		}
	}
	return out
}

// Effective returns the plan's own changes that no later undo took back,
// in order.
func Effective(s *Saved, log []Change) []Change {
	var out []Change
	for _, c := range own(s, log) {
		if c.Kind == ChangeUndo {
			out = slices.DeleteFunc(out, func(d Change) bool { return d.Seq == c.Undoes })
			continue
		}
		out = append(out, c)
	}
	return out
}

// lastStartIsOwn reports whether the log's last start line is the plan's:
// else the plan's next change needs one before it.
func lastStartIsOwn(s *Saved, log []Change) bool {
	for i := len(log) - 1; i >= 0; i-- {
		if log[i].Kind == ChangeStart {
			return log[i].Plan == s.ID
		}
	}
	return false
}

// Build gives the plan's schedule after the changes in its log.
func Build(s *Saved, log []Change) *Schedule {
	items := phaseItems(s.Path)
	sched := &Schedule{PlannedEnd: s.Path.End, Notes: []Note{}}
	for _, c := range own(s, log) {
		if c.Kind != ChangeNote {
			sched.Sequence++
		}
	}
	for _, c := range Effective(s, log) {
		switch c.Kind {
		case ChangeDone:
			if i := slices.IndexFunc(items, func(it Item) bool { return it.ID == c.Phase }); i >= 0 {
				at := c.Time
				items[i].Done, items[i].DoneAt = true, &at
			}
		case ChangeNote:
			sched.Notes = append(sched.Notes, Note{Time: c.Time, Text: c.Text})
		case ChangeReplan:
			replan(s.Path, items, parseDay(c.From))
			sched.LastReplan = c.From
		}
	}
	sched.Items = withWaits(s.Path, items)
	sched.Start, sched.End = items[0].Start, items[0].End
	for _, it := range items {
		if it.Start < sched.Start {
			sched.Start = it.Start
		}
		if it.End > sched.End {
			sched.End = it.End
		}
	}
	return sched
}

// replan moves the phases not done: the first starts on from, and the rest
// follow back to back with their own lengths. None starts before its
// step's eligibility date or before its saved start, so a replan never
// makes the plan shorter than the path allows; done phases keep their
// dates.
func replan(p *advisor.Path, items []Item, from time.Time) {
	next := from
	for i := range items {
		it := &items[i]
		if it.Done {
			continue
		}
		start := next
		for _, bound := range []time.Time{eligibleFrom(p, it.Step), parseDay(it.PlannedStart)} {
			if bound.After(start) {
				start = bound
			}
		}
		end := start.AddDate(0, 0, it.Days-1)
		it.Start, it.End = formatDay(start), formatDay(end)
		next = end.AddDate(0, 0, 1)
	}
}

func eligibleFrom(p *advisor.Path, step int) time.Time {
	return parseDay(p.Steps[step-1].EligibleFrom)
}

// withWaits puts a wait item before each step whose first phase starts more
// than a month after the previous step's last phase ends: the time to wait
// for the step's eligibility.
func withWaits(p *advisor.Path, items []Item) []Item {
	out := make([]Item, 0, len(items)+len(p.Steps))
	lastEnd := time.Time{}
	for _, it := range items {
		if it.Phase == 1 && it.Step > 1 {
			start := parseDay(it.Start)
			if advisor.AddMonths(lastEnd, 1).Before(start) {
				out = append(out, waitItem(p, it.Step, lastEnd.AddDate(0, 0, 1), start.AddDate(0, 0, -1)))
			}
		}
		if end := parseDay(it.End); end.After(lastEnd) {
			lastEnd = end
		}
		out = append(out, it)
	}
	return out
}

// waitItem is the wait from first to last before step opens. Its dates
// are the schedule's, which a replan moves; what to work on while waiting
// is the saved path's (the wait on the step before), in the catalog's words.
func waitItem(p *advisor.Path, step int, first, last time.Time) Item {
	st := p.Steps[step-1]
	days := daysBetween(first, last) + 1
	return Item{
		ID: fmt.Sprintf("wait-%d", step), Kind: KindWait, Step: step, Level: st.Level,
		Title:    fmt.Sprintf("Until %s opens on %s", st.Level.Name, st.EligibleFrom),
		Activity: waitActivity(p.Steps[step-2].Wait),
		Days:     days, Start: formatDay(first), End: formatDay(last),
		PlannedStart: formatDay(first), PlannedEnd: formatDay(last),
	}
}

// waitActivity is what the path says to work on during a wait: the finished
// level's "what to pursue next" and the top direction with its providers.
// A path saved without a wait there (no gap of over a month when it was
// made, or saved before paths had waits) says nothing.
func waitActivity(w *advisor.Wait) string {
	if w == nil {
		return ""
	}
	var b strings.Builder
	if len(w.PursueNext) > 0 {
		fmt.Fprintf(&b, "Pursue next: %s.", strings.Join(w.PursueNext, "; "))
	}
	if d := w.Direction; d.Name != "" {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "Direction: %s (%s)", d.Name, strings.TrimSuffix(d.Focus, "."))
		names := make([]string, len(d.Providers))
		for i, pr := range d.Providers {
			names[i] = pr.Name
		}
		if len(names) > 0 {
			fmt.Fprintf(&b, ", with %s", strings.Join(names, ", "))
		}
		b.WriteString(".")
	}
	return b.String()
}

// FindPhase finds a phase by its number ("2.3") or its title (ignoring
// case); a title two phases share is refused with their numbers.
func FindPhase(sched *Schedule, ref string) (*Item, error) {
	ref = strings.TrimSpace(ref)
	var byTitle []*Item
	for i := range sched.Items {
		it := &sched.Items[i]
		if it.ID == ref || strings.EqualFold(it.Title, ref) {
			if it.ID == ref {
				if it.Kind == KindWait {
					return nil, fmt.Errorf("%s is a wait, not a phase; a wait ends by itself on %s", ref, it.End)
				}
				return it, nil
			}
			if it.Kind == KindPhase {
				byTitle = append(byTitle, it)
			}
		}
	}
	switch len(byTitle) {
	case 1:
		return byTitle[0], nil
	case 0:
		return nil, fmt.Errorf("no phase %q in the plan; give a phase's number (such as %s) or its title, as 'careerpath plan status' lists them",
			ref, sched.Items[0].ID)
	}
	ids := make([]string, len(byTitle))
	for i, it := range byTitle {
		ids[i] = it.ID
	}
	return nil, fmt.Errorf("phase title %q is that of phases %s; give the number of the one you mean", ref, strings.Join(ids, ", "))
}

// Current is the first phase not done, nil when every phase is done.
func Current(sched *Schedule) *Item {
	for i := range sched.Items {
		if it := &sched.Items[i]; it.Kind == KindPhase && !it.Done {
			return it
		}
	}
	return nil
}
