package batch

import (
	"fmt"
	"slices"
	"strings"
)

// layout is where a file keeps its answers, read from its header.
type layout struct {
	header [][]byte // the header cells as read
	width  int
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
	for k, key := range ColumnKeys {
		names := defaultHeaders(key)
		if name, ok := columns[key]; ok {
			names = []string{normalHeader(name)}
		}
		found := []int{}
		for i, h := range l.header {
			if slices.Contains(names, normalHeader(string(h))) {
				found = append(found, i)
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

// normalHeader is how header names are compared: trimmed, in lower case.
func normalHeader(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// maxListed bounds how many header cells an error lists.
const maxListed = 20

// quotedColumns lists the header cells at the given positions (all of
// them for nil), quoted and cut to a readable length.
func (l *layout) quotedColumns(at []int) string {
	if at == nil {
		for i := range l.header {
			at = append(at, i)
		}
	}
	names := make([]string, 0, min(len(at), maxListed+1))
	for _, p := range at[:min(len(at), maxListed)] {
		names = append(names, quoteCut(l.header[p]))
	}
	if len(at) > maxListed {
		names = append(names, fmt.Sprintf("and %d more", len(at)-maxListed))
	}
	return strings.Join(names, ", ")
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
