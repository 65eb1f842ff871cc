package golden

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// context is how many equal lines a hunk shows around its changes.
const context = 3

// maxEditWork bounds the shortest-edit search, in edit steps times lines
// (its time; its memory is about the square of the steps); past it, the
// differing middle is shown as removed and then added in whole, which is
// still a correct diff, only not the shortest.
const maxEditWork = 1 << 22

// Diff returns a unified diff from want (named wantName) to got (gotName),
// with three lines of context, or "" when they are equal. A line holding a
// control character, trailing white space or invalid UTF-8 is shown
// quoted, after the sign, so that what differs shows.
func Diff(wantName, gotName, want, got string) string {
	if want == got {
		return ""
	}
	ops := lineEdits(splitLines(want), splitLines(got))
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", wantName, gotName)
	for _, h := range hunks(ops) {
		writeHunk(&b, ops[h[0]:h[1]])
	}
	return b.String()
}

// splitLines splits s after each newline; a last line without one is kept.
func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// edit is one line of an edit script: kept (' '), removed ('-') or
// added ('+'), with the line's number in want and in got (1-based, the
// number of the next line where it has none there).
type edit struct {
	op          byte
	line        string
	wantN, gotN int
}

// lineEdits turns a into b with the fewest removed and added lines
// (Myers' O(ND) algorithm), after setting aside the lines both begin and
// end with.
func lineEdits(a, b []string) []edit {
	prefix := 0
	for prefix < len(a) && prefix < len(b) && a[prefix] == b[prefix] {
		prefix++
	}
	suffix := 0
	for suffix < len(a)-prefix && suffix < len(b)-prefix && a[len(a)-1-suffix] == b[len(b)-1-suffix] {
		suffix++
	}
	var ops []byte
	ops = append(ops, strings.Repeat(" ", prefix)...)
	ops = append(ops, middleEdits(a[prefix:len(a)-suffix], b[prefix:len(b)-suffix])...)
	ops = append(ops, strings.Repeat(" ", suffix)...)

	edits := make([]edit, len(ops))
	i, j := 0, 0
	for n, op := range ops {
		e := edit{op: op, wantN: i + 1, gotN: j + 1}
		switch op {
		case ' ':
			e.line = a[i]
			i++
			j++
		case '-':
			e.line = a[i]
			i++
		case '+':
			e.line = b[j]
			j++
		}
		edits[n] = e
	}
	return edits
}

// middleEdits is the shortest edit script from a to b as ops (' ', '-',
// '+'), or all of a removed and all of b added when finding it would take
// more than maxEditWork.
func middleEdits(a, b []string) []byte {
	n, m := len(a), len(b)
	offset := n + m + 1
	v := make([]int, 2*offset+1)
	var trace [][]int
	for d := 0; d <= n+m; d++ {
		if d*(n+m) > maxEditWork {
			return []byte(strings.Repeat("-", n) + strings.Repeat("+", m))
		}
		// Step d reads diagonals -d-1 to d+1 of the step before.
		trace = append(trace, append([]int(nil), v[offset-d-1:offset+d+2]...))
		for k := -d; k <= d; k += 2 {
			x := v[offset+k-1] + 1 // a removal from diagonal k-1
			if k == -d || (k != d && v[offset+k-1] < v[offset+k+1]) {
				x = v[offset+k+1] // an addition from diagonal k+1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[offset+k] = x
			if x >= n && y >= m {
				return backtrack(trace, n, m)
			}
		}
	}
	panic("unreachable: n+m steps always reach the end")
}

// backtrack reads the edit script off the search's trace, from the end;
// trace[d] holds diagonals -d-1 to d+1 before step d.
func backtrack(trace [][]int, x, y int) []byte {
	var ops []byte
	for d := len(trace) - 1; d > 0; d-- {
		v := trace[d]
		at := func(k int) int { return v[k+d+1] }
		k := x - y
		prev := k - 1
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			prev = k + 1
		}
		prevX := at(prev)
		prevY := prevX - prev
		for x > prevX && y > prevY {
			ops = append(ops, ' ')
			x--
			y--
		}
		if prev == k+1 {
			ops = append(ops, '+')
			y--
		} else {
			ops = append(ops, '-')
			x--
		}
	}
	for ; x > 0; x-- {
		ops = append(ops, ' ')
	}
	for i, j := 0, len(ops)-1; i < j; i, j = i+1, j-1 {
		ops[i], ops[j] = ops[j], ops[i]
	}
	return ops
}

// hunks returns the [start, end) ranges of edits to show: each change with
// up to context equal lines around it, two changes closer than twice that
// in one hunk.
func hunks(edits []edit) [][2]int {
	var out [][2]int
	for i, e := range edits {
		if e.op == ' ' {
			continue
		}
		start, end := max(i-context, 0), min(i+1+context, len(edits))
		if n := len(out); n > 0 && start <= out[n-1][1] {
			out[n-1][1] = end
			continue
		}
		out = append(out, [2]int{start, end})
	}
	return out
}

func writeHunk(b *strings.Builder, edits []edit) {
	wantLines, gotLines := 0, 0
	for _, e := range edits {
		if e.op != '+' {
			wantLines++
		}
		if e.op != '-' {
			gotLines++
		}
	}
	fmt.Fprintf(b, "@@ -%s +%s @@\n", hunkRange(edits[0].wantN, wantLines), hunkRange(edits[0].gotN, gotLines))
	for _, e := range edits {
		line, newline := strings.CutSuffix(e.line, "\n")
		if needsQuoting(line) {
			line = strconv.Quote(line)
		}
		fmt.Fprintf(b, "%c%s\n", e.op, line)
		if !newline {
			b.WriteString("\\ No newline at end of file\n")
		}
	}
}

// hunkRange is a hunk's "start,count"; an empty range starts at the line
// before it, as diff -u writes it.
func hunkRange(start, count int) string {
	if count == 0 {
		start--
	}
	if count == 1 {
		return strconv.Itoa(start)
	}
	return fmt.Sprintf("%d,%d", start, count)
}

func needsQuoting(line string) bool {
	if !utf8.ValidString(line) || strings.TrimRight(line, " \t") != line {
		return true
	}
	return strings.ContainsFunc(line, func(r rune) bool { return unicode.IsControl(r) && r != '\t' })
}
