package render

import (
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/olekukonko/tablewriter/tw"
)

// cellPadding is the space tablewriter puts either side of a cell; its
// per-column widths include it.
const cellPadding = 2

// fitColumns chooses column widths (padding included) for a table to fit
// width terminal columns, or returns nil when it fits as it is. Each
// column keeps at least its longest word, since tablewriter cuts a word
// that does not fit; the space left is shared in proportion to how much
// each column would still like. ok is false when the longest words alone
// are too wide to sit side by side.
func fitColumns(width int, headers []string, rows [][]string) (widths tw.Mapper[int, int], ok bool) {
	n := len(headers)
	natural, least := make([]int, n), make([]int, n)
	for _, row := range append([][]string{headers}, rows...) {
		for i := 0; i < n && i < len(row); i++ {
			natural[i] = max(natural[i], runewidth.StringWidth(row[i])+cellPadding)
			for _, word := range strings.Fields(row[i]) {
				least[i] = max(least[i], runewidth.StringWidth(word)+cellPadding)
			}
		}
	}
	avail := width - (n + 1) // one border between and around the columns
	if sum(natural) <= avail {
		return nil, true
	}
	spare, wanted := avail-sum(least), sum(natural)-sum(least)
	if spare < 0 {
		return nil, false
	}
	widths = tw.NewMapper[int, int]()
	for i := range n {
		share := 0
		if spare > 0 && wanted > 0 {
			share = spare * (natural[i] - least[i]) / wanted
		}
		widths.Set(i, least[i]+share)
	}
	return widths, true
}

func sum(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}
