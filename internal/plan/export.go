package plan

import (
	"strconv"
	"strings"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
)

// Export is the schedule `careerpath plan export` writes.
type Export struct {
	SchemaVersion string `json:"schema_version"`
	Name          string `json:"name"`
	// ID is the plan's; the calendar's event UIDs are built on it.
	ID             string            `json:"id"`
	Catalog        catalog.Source    `json:"catalog"`
	Role           advisor.RoleRef   `json:"role"`
	Accountability advisor.AnswerRef `json:"accountability"`
	// Steps gives each step's eligibility, which the calendar shows as an
	// event of its own.
	Steps    []ExportStep `json:"steps"`
	Schedule *Schedule    `json:"schedule"`
}

// ExportStep is a step's level and the day it opens.
type ExportStep struct {
	Step         int                   `json:"step"`
	Level        advisor.LevelRef      `json:"level"`
	EligibleFrom string                `json:"eligible_from"`
	Requires     []advisor.Requirement `json:"requires"`
}

// NewExport gives the plan's current schedule for export.
func NewExport(s *Saved, log []Change) *Export {
	e := &Export{SchemaVersion: SchemaVersion, Name: s.Name, ID: s.ID, Catalog: s.Path.Catalog,
		Role: s.Path.Role, Accountability: s.Path.Accountability, Schedule: Build(s, log)}
	for _, st := range s.Path.Steps {
		e.Steps = append(e.Steps, ExportStep{Step: st.Step, Level: st.Level, EligibleFrom: st.EligibleFrom, Requires: st.Requires})
	}
	return e
}

// ParseRemind reads --remind: 0 for no reminder, or a whole number of
// minutes, hours, days or weeks (30m, 2h, 1d, 1w).
func ParseRemind(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "0" {
		return 0, nil
	}
	units := map[string]time.Duration{"m": time.Minute, "h": time.Hour, "d": 24 * time.Hour, "w": 7 * 24 * time.Hour}
	bad := inputErrorf("--remind %q is not a time before a phase starts; give 0 (no reminder) or a whole number with m, h, d or w, such as 1d or 2h", s)
	if len(s) < 2 {
		return 0, bad
	}
	unit, ok := units[s[len(s)-1:]]
	n, err := strconv.Atoi(s[:len(s)-1])
	if !ok || err != nil || n < 0 || n > 365*24*60 || strings.HasPrefix(s, "+") {
		return 0, bad
	}
	if d := time.Duration(n) * unit; d <= 366*24*time.Hour {
		return d, nil
	}
	return 0, inputErrorf("--remind %q is more than a year; give at most 52w", s)
}

// State names a schedule item's state on day: done, overdue, due (today
// falls in its dates), waiting, or empty for one to come.
func (it *Item) State(day string) string {
	switch {
	case it.Done:
		return "done"
	case it.Kind == KindWait && it.Start <= day && day <= it.End:
		return "waiting"
	case it.Kind == KindWait:
		return ""
	case it.End < day:
		return "overdue"
	case it.Start <= day:
		return "due"
	}
	return ""
}
