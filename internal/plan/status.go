package plan

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
)

// Status is a plan on a day, as `careerpath plan status` shows it.
type Status struct {
	SchemaVersion  string            `json:"schema_version"`
	Name           string            `json:"name"`
	Today          string            `json:"today"`
	Catalog        catalog.Source    `json:"catalog"`
	Input          advisor.Input     `json:"input"`
	Role           advisor.RoleRef   `json:"role"`
	Accountability advisor.AnswerRef `json:"accountability"`
	// ActiveCatalog is the catalog careerpath would use now, when its
	// sha256 differs from the plan's; the plan keeps its own texts.
	ActiveCatalog *catalog.Source `json:"active_catalog,omitempty"`
	// Current is the first phase not done; nil when all are done.
	Current  *Position `json:"current"`
	Progress Progress  `json:"progress"`
	// Overdue are the phases that ended before today and are not done.
	Overdue []Item `json:"overdue"`
	Start   string `json:"start"`
	End     string `json:"end"`
	// PlannedEnd is the saved path's end; it differs from End after a
	// replan.
	PlannedEnd      string       `json:"planned_end"`
	LastReplan      string       `json:"last_replan"`
	NextEligibility *Eligibility `json:"next_eligibility"`
	// NextDates are the next three dates from today on: phases not done
	// starting or ending, and steps opening.
	NextDates []Date    `json:"next_dates"`
	Notes     []Note    `json:"notes"`
	Schedule  *Schedule `json:"schedule"`
}

// Position is where the person is: a phase and its step.
type Position struct {
	Step  int              `json:"step"`
	Steps int              `json:"steps"`
	Level advisor.LevelRef `json:"level"`
	Phase Item             `json:"phase"`
	// DaysLeft counts the phase's days from today (or its start, if
	// later) to its end, both included; 0 once it has ended.
	DaysLeft int `json:"days_left"`
	// StartsIn is the days until the phase starts, 0 once it has.
	StartsIn int `json:"starts_in"`
	// DaysOverdue is how many days ago the phase ended, 0 if it has not.
	DaysOverdue int `json:"days_overdue"`
	// Waiting is the wait today falls in, if any.
	Waiting *Item `json:"waiting,omitempty"`
}

// Progress counts the phases done (waits are not counted).
type Progress struct {
	Done    int `json:"done"`
	Total   int `json:"total"`
	Percent int `json:"percent"`
}

// Eligibility is the next step that opens after today.
type Eligibility struct {
	Date     string                `json:"date"`
	Step     int                   `json:"step"`
	Level    advisor.LevelRef      `json:"level"`
	Requires []advisor.Requirement `json:"requires"`
	Assumes  string                `json:"assumes"`
}

// Date is one date to come.
type Date struct {
	Date string `json:"date"`
	// What says what happens, such as "phase 1.2 starts".
	What string `json:"what"`
	Item string `json:"item"`
}

// StatusOn gives the plan's status on today; active is the catalog in use
// now.
func StatusOn(s *Saved, log []Change, today time.Time, active catalog.Source) *Status {
	sched := Build(s, log)
	day := formatDay(today)
	p := s.Path
	st := &Status{
		SchemaVersion: SchemaVersion, Name: s.Name, Today: day,
		Catalog: p.Catalog, Input: p.Input, Role: p.Role, Accountability: p.Accountability,
		Overdue: []Item{}, Start: sched.Start, End: sched.End, PlannedEnd: sched.PlannedEnd,
		LastReplan: sched.LastReplan, NextDates: []Date{}, Notes: sched.Notes, Schedule: sched,
	}
	if active.SHA256 != p.Catalog.SHA256 {
		st.ActiveCatalog = &active
	}
	for _, it := range sched.Items {
		if it.Kind != KindPhase {
			continue
		}
		st.Progress.Total++
		if it.Done {
			st.Progress.Done++
		} else if it.End < day {
			st.Overdue = append(st.Overdue, it)
		}
	}
	st.Progress.Percent = st.Progress.Done * 100 / st.Progress.Total
	if cur := Current(sched); cur != nil {
		st.Current = position(p, sched, cur, today)
	}
	for _, step := range p.Steps[1:] {
		if step.EligibleFrom > day {
			st.NextEligibility = &Eligibility{Date: step.EligibleFrom, Step: step.Step, Level: step.Level,
				Requires: step.Requires, Assumes: step.Assumes}
			break
		}
	}
	st.NextDates = nextDates(p, sched, day, 3)
	return st
}

func position(p *advisor.Path, sched *Schedule, cur *Item, today time.Time) *Position {
	start, end := parseDay(cur.Start), parseDay(cur.End)
	pos := &Position{Step: cur.Step, Steps: len(p.Steps), Level: cur.Level, Phase: *cur}
	switch {
	case today.After(end):
		pos.DaysOverdue = daysBetween(end, today)
	case today.Before(start):
		pos.StartsIn = daysBetween(today, start)
		pos.DaysLeft = cur.Days
	default:
		pos.DaysLeft = daysBetween(today, end) + 1
	}
	day := formatDay(today)
	for _, it := range sched.Items {
		if it.Kind == KindWait && it.Start <= day && day <= it.End {
			w := it
			pos.Waiting = &w
		}
	}
	return pos
}

// nextDates lists the first n dates from day on.
func nextDates(p *advisor.Path, sched *Schedule, day string, n int) []Date {
	var dates []Date
	add := func(date, what, item string) {
		if date >= day {
			dates = append(dates, Date{Date: date, What: what, Item: item})
		}
	}
	for _, it := range sched.Items {
		if it.Kind == KindPhase && !it.Done {
			add(it.Start, fmt.Sprintf("phase %s starts: %s", it.ID, it.Title), it.ID)
			add(it.End, fmt.Sprintf("phase %s ends: %s", it.ID, it.Title), it.ID)
		}
	}
	for _, step := range p.Steps[1:] {
		add(step.EligibleFrom, fmt.Sprintf("eligible for %s (level %d)", step.Level.Name, step.Level.Order), fmt.Sprintf("step-%d", step.Step))
	}
	slices.SortStableFunc(dates, func(a, b Date) int { return cmp.Compare(a.Date, b.Date) })
	if len(dates) > n {
		dates = dates[:n]
	}
	if dates == nil {
		dates = []Date{}
	}
	return dates
}
