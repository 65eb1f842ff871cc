package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// MarkDone marks a phase done: ref is its number or title, or empty for
// the current phase (the first not done).
func MarkDone(ref string) func(*Saved, []Change) (Change, error) {
	return func(s *Saved, log []Change) (Change, error) {
		sched := Build(s, log)
		var it *Item
		if strings.TrimSpace(ref) == "" {
			if it = Current(sched); it == nil {
				return Change{}, inputErrorf("every phase of plan %q is done; nothing to mark", s.Name)
			}
		} else {
			var err error
			if it, err = FindPhase(sched, ref); err != nil {
				return Change{}, &InputError{Err: err}
			}
		}
		if it.Done {
			return Change{}, inputErrorf("phase %s (%s) is already done, since %s; 'careerpath plan undo' takes back the last change",
				it.ID, it.Title, it.DoneAt.Format(time.DateOnly))
		}
		return Change{Kind: ChangeDone, Phase: it.ID}, nil
	}
}

// AddNote adds a note.
func AddNote(text string) func(*Saved, []Change) (Change, error) {
	return func(*Saved, []Change) (Change, error) {
		if strings.TrimSpace(text) == "" {
			return Change{}, inputErrorf("the note is empty; give its text, such as: careerpath plan note \"read chapter 3\"")
		}
		return Change{Kind: ChangeNote, Text: text}, nil
	}
}

// Replan starts the first phase not done on from (see replan).
func Replan(from time.Time) func(*Saved, []Change) (Change, error) {
	return func(s *Saved, log []Change) (Change, error) {
		if Current(Build(s, log)) == nil {
			return Change{}, inputErrorf("every phase of plan %q is done; nothing to replan", s.Name)
		}
		return Change{Kind: ChangeReplan, From: formatDay(from)}, nil
	}
}

// Undo takes back the last change not already taken back.
func Undo(s *Saved, log []Change) (Change, error) {
	eff := Effective(s, log)
	if len(eff) == 0 {
		return Change{}, inputErrorf("plan %q has no change to undo", s.Name)
	}
	return Change{Kind: ChangeUndo, Undoes: eff[len(eff)-1].Seq}, nil
}

// Undone finds the change an undo took back.
func Undone(log []Change, undo Change) (Change, bool) {
	i := slices.IndexFunc(log, func(c Change) bool { return c.Seq == undo.Undoes })
	if i < 0 {
		return Change{}, false
	}
	return log[i], true
}

// Last is the log's last change; the caller knows the log is not empty.
func Last(log []Change) Change { return log[len(log)-1] }

// Describe names an item for messages: "1.2 (Title)".
func (it *Item) Describe() string { return fmt.Sprintf("%s (%s)", it.ID, it.Title) }
