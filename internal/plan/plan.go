// Package plan keeps one person's career path on disk and follows it: the
// saved path (one JSON file, replaced atomically), the changes made to it
// (an append-only JSON Lines log: done, undo, note, replan), the schedule
// the two give on a day, and the status on that day. It reads and writes
// plan files; it does not format them (render does) and it knows no flags
// (cli does).
package plan

import (
	"fmt"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
)

// SchemaVersion is the version of the saved plan file and of the status
// and schedule documents (`careerpath schema plan-status`).
const SchemaVersion = "1.0"

// DefaultName is the name of a plan saved without --name.
const DefaultName = "default"

// Saved is a plan file: the path as `careerpath path --json` gives it on
// the day the plan started, with the catalog's and the title map's names,
// versions and sha256, so the plan keeps its own texts whatever catalog is
// active later.
type Saved struct {
	SchemaVersion string `json:"schema_version"`
	// ID is random, made when the plan starts: the start line of the log
	// names it, and the calendar's event UIDs are built on it, so they stay
	// the same across replans.
	ID      string        `json:"id"`
	Name    string        `json:"name"`
	Created time.Time     `json:"created"`
	Path    *advisor.Path `json:"path"`
}

// Change kinds, as the log's "change" field holds them.
const (
	ChangeStart  = "start"
	ChangeDone   = "done"
	ChangeUndo   = "undo"
	ChangeNote   = "note"
	ChangeReplan = "replan"
)

// Change is one line of a plan's log.
type Change struct {
	Seq  int       `json:"seq"`
	Time time.Time `json:"time"`
	Kind string    `json:"change"`
	// Plan is the saved plan's ID (start only): the changes after it apply
	// to that plan, so starting again with --force only appends.
	Plan string `json:"plan,omitempty"`
	// Phase is the phase marked done, by number ("2.3").
	Phase string `json:"phase,omitempty"`
	// Text is a note's text.
	Text string `json:"text,omitempty"`
	// From is the day a replan starts the first phase not done on.
	From string `json:"from,omitempty"`
	// Undoes is the seq of the change an undo takes back.
	Undoes int `json:"undoes,omitempty"`
	// TornLine is set when this change was appended after a line a crash
	// cut off: that line's number, which readers then skip.
	TornLine int `json:"torn_line,omitempty"`
}

// Describe says what a change did, in words.
func (c Change) Describe() string {
	switch c.Kind {
	case ChangeStart:
		return "plan started"
	case ChangeDone:
		return "done " + c.Phase
	case ChangeUndo:
		return fmt.Sprintf("undid change %d", c.Undoes)
	case ChangeNote:
		return "note: " + c.Text
	case ChangeReplan:
		return "replanned from " + c.From
	}
	return c.Kind
}

// Item kinds of a schedule.
const (
	KindPhase = "phase"
	// KindWait is the time between a step's plan end and the next step's
	// eligibility: never done, never moved before the eligibility date.
	KindWait = "wait"
)

// Item is one dated entry of a schedule: a phase of a step's plan, or a
// wait before a step opens.
type Item struct {
	// ID is "STEP.PHASE" for a phase ("2.3") and "wait-STEP" for the wait
	// before STEP opens.
	ID    string           `json:"id"`
	Kind  string           `json:"kind"`
	Step  int              `json:"step"`
	Phase int              `json:"phase"`
	Level advisor.LevelRef `json:"level"`
	Title string           `json:"title"`
	// Activity is what the phase asks of the person; for a wait, what to
	// work on while waiting, when the path says.
	Activity string `json:"activity"`
	Days     int    `json:"days"`
	Start    string `json:"start"`
	End      string `json:"end"`
	// PlannedStart and PlannedEnd are the dates of the saved path, before
	// any replan.
	PlannedStart string `json:"planned_start"`
	PlannedEnd   string `json:"planned_end"`
	Done         bool   `json:"done"`
	// DoneAt is when the phase was marked done.
	DoneAt *time.Time `json:"done_at,omitempty"`
}

// Schedule is a plan's dates after its changes.
type Schedule struct {
	Items []Item `json:"items"`
	// Start and End are the first and last day of the phases; PlannedEnd
	// is the saved path's last day.
	Start      string `json:"start"`
	End        string `json:"end"`
	PlannedEnd string `json:"planned_end"`
	// Sequence counts the changes that may move or mark an event (done,
	// undo, replan); it only rises, so a calendar that imports the plan
	// again replaces its events.
	Sequence int `json:"sequence"`
	// Notes are the notes not undone, oldest first.
	Notes []Note `json:"notes"`
	// LastReplan is the day the last replan (not undone) started from;
	// empty when none.
	LastReplan string `json:"last_replan"`
}

// Note is a note with its time.
type Note struct {
	Time time.Time `json:"time"`
	Text string    `json:"text"`
}

func parseDay(s string) time.Time {
	d, err := time.Parse(advisor.DateLayout, s)
	if err != nil {
		// The dates come from a saved path that was checked when read.
		panic(fmt.Sprintf("plan: bad date %q in a checked path", s))
	}
	return d
}

func formatDay(t time.Time) string { return t.Format(advisor.DateLayout) }

// daysBetween is the number of days from a to b (b - a).
func daysBetween(a, b time.Time) int {
	return int(b.Sub(a).Hours() / 24)
}
