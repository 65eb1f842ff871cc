package calibrate

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// heapAfter is the live heap after build, less the one before it, with
// what build returns kept alive.
func heapAfter(build func() any) int64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	kept := build()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(kept)
	return int64(after.HeapAlloc) - int64(before.HeapAlloc)
}

// The join's memory does not grow with cell length, and stays some 120
// bytes a row when every answer, label and group differs: issue 20's
// bound (300 MiB for 1,000,000 rows a side whose every answer differs)
// at a smaller scale. Past spillAfter such cells a column keeps them
// unnumbered, which the short cells' rows measure. The rows are rejected (unknown roles), each
// message quoting its own cell.
func TestJoinMemoryIsBoundedWhenEveryCellDiffers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds joins of thousands of rows")
	}
	_, adv := newJoin(t)
	template := row(t, adv, 0, "", "", "Sorcerer", "6", "team")
	rows := func(n, cellBytes int) [2][]Row {
		var sides [2][]Row
		for s := range sides {
			for i := range n {
				pad := strings.Repeat("x", max(0, cellBytes-12))
				role := fmt.Sprintf("Role %d%d %s", s, i, pad)
				r := template
				r.Line, r.Key = i+2, fmt.Sprintf("E%07d", i)
				r.Answers.Role, r.Answers.Years, r.Answers.Accountability = role, fmt.Sprintf("6.%d%d%s", s, i, pad), fmt.Sprintf("acc %d%d %s", s, i, pad)
				r.Group, r.Labels = fmt.Sprintf("group %d%d %s", s, i, pad), []string{fmt.Sprintf("Person %d%d %s", s, i, pad)}
				r.Message = fmt.Sprintf("unknown role %q. Valid roles: DevOps Engineer, SRE, Platform Engineer, Cloud Engineer, Security Engineer, Data Engineer, FinOps Practitioner, Engineering Manager", role)
				sides[s] = append(sides[s], r)
			}
		}
		return sides
	}
	join := func(sides [2][]Row) int64 {
		defer runtime.KeepAlive(sides) // counted before, so after too
		return heapAfter(func() any {
			j := New(adv, Config{Labels: []string{"name"}})
			for s, side := range []Side{Self, Manager} {
				for _, r := range sides[s] {
					if err := j.Add(side, r); err != nil {
						t.Fatal(err)
					}
				}
			}
			return j
		})
	}
	// What each row adds, from a join of n rows a side to one of 3n: the
	// tables' first blocks, whose size is fixed, drop out. Both stay within
	// one block of each table.
	perRow := func(n, cellBytes int) int64 {
		return (join(rows(3*n, cellBytes)) - join(rows(n, cellBytes))) / int64(4*n)
	}
	short := perRow(40_000, 0)
	if short > 150 {
		t.Errorf("%d bytes a row kept for short cells that all differ, want at most 150", short)
	}
	// Cells of 8 KB: the join keeps 512 bytes of each answer and group
	// cell and 256 of a label, and messages no cell.
	long := perRow(1_000, 8<<10)
	if long > 3000 {
		t.Errorf("%d bytes a row kept for 8 KB cells, want at most 3000: memory grows with cell length", long)
	}
	t.Logf("bytes a row: %d with short cells, %d with 8 KB cells", short, long)
}
