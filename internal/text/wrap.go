package text

import (
	"io"
	"strings"

	"github.com/mattn/go-runewidth"
)

// Wrap returns text after prefix, wrapped at word boundaries to width
// columns (when width > 0) with the following lines indented under the
// text. A word wider than the line is kept whole, never cut.
func Wrap(prefix, text string, width int) string {
	if width <= 0 {
		return prefix + text
	}
	var b strings.Builder
	indent := strings.Repeat(" ", runewidth.StringWidth(prefix))
	b.WriteString(prefix)
	used := runewidth.StringWidth(prefix)
	for i, word := range strings.Fields(text) {
		w := runewidth.StringWidth(word)
		switch {
		case i > 0 && used+1+w > width:
			b.WriteString("\n" + indent)
			used = len(indent)
		case i > 0:
			b.WriteString(" ")
			used++
		}
		b.WriteString(word)
		used += w
	}
	return b.String()
}

// WriteRecords writes each row as lines of "Header: value" (empty cells
// left out), values wrapped under one another and rows apart by a blank line, for a table too wide
// for the terminal even with its cells wrapped. Cells are written as they
// are: escape them first (see Sanitize).
func WriteRecords(w io.Writer, width int, headers []string, rows [][]string) error {
	labelWidth := 0
	for _, h := range headers {
		labelWidth = max(labelWidth, runewidth.StringWidth(h))
	}
	longestWord := 0
	for _, row := range rows {
		for _, cell := range row {
			for _, word := range strings.Fields(cell) {
				longestWord = max(longestWord, runewidth.StringWidth(word))
			}
		}
	}
	// Too narrow for labels beside values: each value goes under its label.
	stacked := labelWidth+2+longestWord > width
	var b strings.Builder
	for r, row := range rows {
		if r > 0 {
			b.WriteString("\n")
		}
		for i, h := range headers {
			if i >= len(row) || strings.TrimSpace(row[i]) == "" {
				continue // an empty cell says nothing in a record
			}
			value := row[i]
			if stacked {
				b.WriteString(h + ":\n" + Wrap("  ", value, width) + "\n")
				continue
			}
			label := h + ":" + strings.Repeat(" ", labelWidth-runewidth.StringWidth(h)+1)
			b.WriteString(Wrap(label, value, width) + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
