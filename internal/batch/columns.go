package batch

import (
	"fmt"
	"slices"
	"strings"
)

// OutputColumns are the columns the CSV output adds after the input's;
// one whose name an input column has gets a "careerpath_" prefix.
// next_level_eligible_from came after error in schema 1.1, and status
// (advised, rejected or out-of-scope) after it with the title map's
// out-of-scope lines: appending keeps the columns before them where they
// were.
var OutputColumns = []string{"level", "level_order", "next_level", "plan_start", "plan_end", "specialisations", "error", "next_level_eligible_from", "status"}

// The values of the CSV output's status column.
const (
	StatusAdvised    = "advised"
	StatusRejected   = "rejected"
	StatusOutOfScope = "out-of-scope"
)

// layout is where a file keeps its answers, read from its header.
type layout struct {
	header [][]byte // the header cells as read
	// names are the input columns' names in the output, each unique.
	names []string
	width int
	// index holds the position of each column key (in ColumnKeys order) in
	// a row, or -1 for an absent optional column.
	index [4]int
}

const (
	roleAt = iota
	yearsAt
	accountabilityAt
	startAt
)

// newLayout finds the column keys in a header; a required key that is
// absent or found twice is a *HeaderError naming the columns found.
func newLayout(header [][]byte, columns map[string]string) (*layout, error) {
	l := &layout{width: len(header)}
	for _, h := range header {
		l.header = append(l.header, append([]byte(nil), h...))
	}
	l.names = uniqueNames(l.header)
	for k, key := range ColumnKeys {
		tiers := defaultHeaders(key)
		if name, ok := columns[key]; ok {
			tiers = [][]string{{normalHeader(name)}}
		}
		var names []string // every name looked for, for the error
		found := []int{}
		for _, tier := range tiers {
			names = append(names, tier...)
			for i, h := range l.header {
				if slices.Contains(tier, normalHeader(string(h))) {
					found = append(found, i)
				}
			}
			if len(found) > 0 {
				break
			}
		}
		switch {
		case len(found) == 1:
			l.index[k] = found[0]
		case len(found) > 1:
			return nil, &HeaderError{Message: fmt.Sprintf("the %s column is ambiguous: the header has %s; pass --column %s=NAME to choose one",
				key, l.quotedColumns(found), key)}
		case key == ColumnStart:
			l.index[k] = -1
		default:
			return nil, &HeaderError{Message: fmt.Sprintf("no %s column: looked for %s, and the header has %s; pass --column %s=NAME to name it",
				key, quoteAll(names), l.quotedColumns(nil), key)}
		}
	}
	return l, nil
}

// uniqueNames names the input columns in the output: a header name keeps
// its spelling the first time; a repeat becomes name_N, N its column
// number, with _2, _3... added while the header has that name too.
func uniqueNames(header [][]byte) []string {
	taken := make(map[string]bool, len(header))
	for _, h := range header {
		taken[string(h)] = true
	}
	seen := make(map[string]bool, len(header))
	names := make([]string, len(header))
	for i, h := range header {
		name := string(h)
		if seen[name] {
			base := fmt.Sprintf("%s_%d", name, i+1)
			name = base
			for k := 2; taken[name]; k++ {
				name = fmt.Sprintf("%s_%d", base, k)
			}
			taken[name] = true
		}
		seen[name] = true
		names[i] = name
	}
	return names
}

// addedPrefix marks a column the batch adds whose name an input column
// already has.
const addedPrefix = "careerpath_"

// addedNames are the names of the CSV output's added columns: those of
// OutputColumns, each prefixed with addedPrefix as often as it takes to
// differ from every input column's name, compared as header names are.
func (l *layout) addedNames() []string {
	taken := make(map[string]bool, len(l.names))
	for _, n := range l.names {
		taken[normalHeader(n)] = true
	}
	names := make([]string, len(OutputColumns))
	for i, name := range OutputColumns {
		for taken[normalHeader(name)] {
			name = addedPrefix + name
		}
		names[i] = name
	}
	return names
}

// normalHeader is how header names are compared: trimmed, in lower case.
func normalHeader(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// maxListed bounds how many header cells an error lists.
const maxListed = 20

// HeaderIndex is where the column called name is in header, its names
// compared as batch compares them (normalHeader): the first one when the
// name is repeated, -1 when there is none. It is for the commands that
// find columns of their own (report's --by, calibrate's --key).
func HeaderIndex(header []string, name string) int {
	return slices.IndexFunc(header, func(h string) bool { return normalHeader(h) == normalHeader(name) })
}

// QuotedHeader lists header cells for an error, as batch's own errors do:
// quoted, each cut to a readable length, and at most maxListed of them.
func QuotedHeader(header []string) string {
	names := make([]string, 0, min(len(header), maxListed+1))
	for _, h := range header[:min(len(header), maxListed)] {
		names = append(names, quoteCut([]byte(h)))
	}
	if len(header) > maxListed {
		names = append(names, fmt.Sprintf("and %d more", len(header)-maxListed))
	}
	return strings.Join(names, ", ")
}

// quotedColumns lists the header cells at the given positions (all of
// them for nil) as QuotedHeader does.
func (l *layout) quotedColumns(at []int) string {
	if at == nil {
		for i := range l.header {
			at = append(at, i)
		}
	}
	names := make([]string, len(at))
	for i, p := range at {
		names[i] = string(l.header[p])
	}
	return QuotedHeader(names)
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quoteCut([]byte(n))
	}
	return strings.Join(q, ", ")
}

// columnName is the header name of the column a key was found in.
func (l *layout) columnName(at int) string {
	return string(l.header[l.index[at]])
}

// ColumnPositions returns where a header keeps each column key, in
// ColumnKeys order, -1 for an absent optional one, for callers of Visit
// that read answers from a row's cells; its error is the *HeaderError Run
// and Visit give for the same header.
func ColumnPositions(header []string, columns map[string]string) ([]int, error) {
	cells := make([][]byte, len(header))
	for i, h := range header {
		cells[i] = []byte(h)
	}
	l, err := newLayout(cells, columns)
	if err != nil {
		return nil, err
	}
	return l.index[:], nil
}
