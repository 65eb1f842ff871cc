package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	ics "github.com/arran4/golang-ical"

	"github.com/careerpath/careerpath/internal/advisor"
)

// icsProductID names careerpath as the calendar's maker (RFC 5545 PRODID).
const icsProductID = "-//careerpath//careerpath study plan//EN"

// WriteICS writes the recommendation's plan as an RFC 5545 calendar: one
// all-day event per phase. stamp is when the calendar is made (DTSTAMP).
func WriteICS(w io.Writer, rec *advisor.Recommendation, stamp time.Time) error {
	cal := newCalendar(fmt.Sprintf("%s study plan", rec.Level.Name))
	uid := planUID(rec.Role.ID, rec.Input.Years, rec.Accountability.ID, rec.Plan.Start)
	if err := addPhaseEvents(cal, uid+"-phase-", rec.Level, rec.Plan, stamp); err != nil {
		return err
	}
	return serialize(w, cal)
}

// WritePathICS writes every step's plan of a career path as all-day phase
// events, plus an all-day event on each later step's eligibility day. The
// first step's events have the UIDs advise gives the same plan, so
// importing both does not add copies.
func WritePathICS(w io.Writer, p *advisor.Path, stamp time.Time) error {
	cal := newCalendar(fmt.Sprintf("Career path to %s", p.Steps[len(p.Steps)-1].Level.Name))
	uid := planUID(p.Role.ID, p.Input.Years, p.Accountability.ID, p.Start)
	for i, st := range p.Steps {
		prefix := uid + "-phase-"
		if i > 0 {
			prefix = fmt.Sprintf("%s-step-%d-phase-", uid, st.Step)
			day, err := time.Parse(advisor.DateLayout, st.EligibleFrom)
			if err != nil {
				return fmt.Errorf("step %d eligible from: %w", st.Step, err)
			}
			allDayEvent(cal, fmt.Sprintf("%s-step-%d-eligible@careerpath", uid, st.Step), stamp, day, day,
				fmt.Sprintf("Eligible for %s", st.Level.Name),
				fmt.Sprintf("%s (level %d) requires %s.", st.Level.Name, st.Level.Order, requiresText(st.Requires)))
		}
		if err := addPhaseEvents(cal, prefix, st.Level, st.Plan, stamp); err != nil {
			return err
		}
		if st.Wait != nil {
			if err := addWaitEvent(cal, fmt.Sprintf("%s-step-%d-wait@careerpath", uid, st.Step), st, stamp); err != nil {
				return err
			}
		}
	}
	return serialize(w, cal)
}

// addWaitEvent adds the wait after a step as an all-day event of its own,
// with the catalog's words for what to work on during it.
func addWaitEvent(cal *ics.Calendar, uid string, st advisor.PathStep, stamp time.Time) error {
	w := st.Wait
	first, err := time.Parse(advisor.DateLayout, w.From)
	if err != nil {
		return fmt.Errorf("step %d wait from: %w", st.Step, err)
	}
	last, err := time.Parse(advisor.DateLayout, w.Until)
	if err != nil {
		return fmt.Errorf("step %d wait until: %w", st.Step, err)
	}
	var desc strings.Builder
	fmt.Fprintf(&desc, "%d days until %s (level %d) is eligible.\n\n%s's what to pursue next:\n", w.Days, w.Next.Name, w.Next.Order, st.Level.Name)
	for _, item := range w.PursueNext {
		fmt.Fprintf(&desc, "- %s\n", item)
	}
	fmt.Fprintf(&desc, "\nYour top direction: %s: %s\n", w.Direction.Name, w.Direction.Focus)
	for _, p := range w.Direction.Providers {
		fmt.Fprintf(&desc, "- %s\n", p.Summary)
	}
	allDayEvent(cal, uid, stamp, first, last, fmt.Sprintf("Before %s: %s", w.Next.Name, w.Direction.Name), strings.TrimSuffix(desc.String(), "\n"))
	return nil
}

func newCalendar(name string) *ics.Calendar {
	cal := ics.NewCalendar()
	cal.SetProductId(icsProductID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName(icsText(name))
	return cal
}

// addPhaseEvents adds one all-day event per phase of a level's plan; each
// UID is uidPrefix and the phase's number.
func addPhaseEvents(cal *ics.Calendar, uidPrefix string, level advisor.LevelRef, plan advisor.Plan, stamp time.Time) error {
	for i, ph := range plan.Phases {
		start, err := time.Parse(advisor.DateLayout, ph.Start)
		if err != nil {
			return fmt.Errorf("phase %d start: %w", i+1, err)
		}
		last, err := time.Parse(advisor.DateLayout, ph.End)
		if err != nil {
			return fmt.Errorf("phase %d end: %w", i+1, err)
		}
		allDayEvent(cal, fmt.Sprintf("%s%d@careerpath", uidPrefix, i+1), stamp, start, last, ph.Title,
			fmt.Sprintf("%s\n\nLevel: %s (level %d); phase %d of %d, %d days.",
				ph.Activity, level.Name, level.Order, i+1, len(plan.Phases), ph.Days))
	}
	return nil
}

// allDayEvent adds an event from first to last, both inclusive.
func allDayEvent(cal *ics.Calendar, uid string, stamp, first, last time.Time, summary, description string) *ics.VEvent {
	ev := cal.AddEvent(uid)
	ev.SetDtStampTime(stamp)
	ev.SetAllDayStartAt(first)
	// RFC 5545 3.6.1: an all-day event's DTEND is the day after its last day.
	ev.SetAllDayEndAt(last.AddDate(0, 0, 1))
	ev.SetSummary(icsText(summary))
	ev.SetDescription(icsText(description))
	// Study time is planned, not a meeting: do not show the days as busy.
	ev.SetTimeTransparency(ics.TransparencyTransparent)
	return ev
}

// serialize writes the calendar. The library folds lines at 75 octets
// without splitting a UTF-8 sequence, but writes bare LF on Unix unless
// told otherwise, so CRLF is asked for.
func serialize(w io.Writer, cal *ics.Calendar) error {
	return cal.SerializeTo(w, ics.WithNewLineWindows)
}

// planUID is the same for the same answers (in any accepted spelling) and
// start date, so importing a plan again updates its events rather than
// adding copies.
func planUID(roleID string, years float64, accountabilityID, start string) string {
	key := strings.Join([]string{roleID, formatNumber(years), accountabilityID, start}, "\x00")
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:10])
}

// icsText keeps catalog text inside RFC 5545 TEXT: line breaks become LF
// (which the library escapes as \n), other control characters, which a
// TEXT value may not hold, are dropped, and strings.Map turns bytes that are
// not UTF-8 into U+FFFD.
func icsText(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}
