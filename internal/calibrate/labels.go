package calibrate

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// DefaultLabels are the columns that name a person in the records when
// no --label is given: the first present in either file.
var DefaultLabels = []string{"name", "employee_id", "id"}

// MaxLabelBytes bounds what a record keeps of one label cell: a label
// names a person for a reader, and a cell of a megabyte kept for each of
// a million rows would be the join's memory. A longer cell is cut at a
// character boundary and ends in "…".
const MaxLabelBytes = 256

// labelStore keeps one side's label cells, per rows label cells each
// row, in one arena: a row's label is a slice of its text, with no string
// header or allocation of its own.
type labelStore struct {
	perRow int
	arena  textArena
	// starts are where each cell starts in arena, and after the last
	// one, the arena's end.
	starts blocks[uint32]
}

func newLabelStore(perRow int) labelStore {
	s := labelStore{perRow: perRow}
	s.starts.add(0)
	return s
}

// add keeps a row's label cells, cut to MaxLabelBytes; a missing cell is
// kept empty.
func (s *labelStore) add(cells []string) error {
	for i := range s.perRow {
		var cell string
		if i < len(cells) {
			cell = boundedLabel(strings.TrimSpace(cells[i]))
		}
		start, ok := s.arena.add(cell)
		if !ok {
			return fmt.Errorf("the --label cells add up to more than %d bytes, which is more than calibrate holds; split the files", maxArenaBytes)
		}
		*s.starts.at(s.starts.len() - 1) = start
		s.starts.add(s.arena.end())
	}
	return nil
}

// cell returns label i of the side's row n.
func (s *labelStore) cell(row, i int) string {
	c := row*s.perRow + i
	return s.arena.text(*s.starts.at(c), *s.starts.at(c + 1))
}

// boundedLabel cuts a cell longer than MaxLabelBytes at a character
// boundary and marks the cut.
func boundedLabel(cell string) string {
	if len(cell) <= MaxLabelBytes {
		return cell
	}
	const mark = "…"
	cut := MaxLabelBytes - len(mark)
	for cut > 0 && !utf8.RuneStart(cell[cut]) {
		cut--
	}
	return cell[:cut] + mark
}
