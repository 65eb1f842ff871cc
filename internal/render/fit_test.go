package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

// At every width from 30 to 200 columns a listing fits (as a wrapped
// table, or as records when its longest words cannot sit side by side),
// and no word is cut.
func TestListingsFitEveryWidth(t *testing.T) {
	l := Listing{
		Headers: []string{"Order", "ID", "Level", "Intended audience", "Prior experience", "Key emphasis", "Min years", "Plan"},
		Rows: [][]string{
			{"1", "foundation", "Foundation", "New managers, senior engineers", "DevOps exposure", "Culture, metrics, flow", "0", "104 days"},
			{"2", "professional", "Professional", "Engineering managers", "", "Scaling, reliability", "3", "104 days"},
		},
	}
	words := map[string]bool{}
	for _, row := range append([][]string{l.Headers}, l.Rows...) {
		for _, cell := range row {
			for _, w := range strings.Fields(cell) {
				words[strings.TrimSuffix(w, ",")] = true
			}
		}
	}
	for width := 30; width <= 200; width++ {
		var out bytes.Buffer
		if err := WriteListing(&out, Table, l, width); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(out.String(), "\n") {
			if n := runewidth.StringWidth(line); n > width {
				t.Fatalf("width %d: line %q is %d wide", width, line, n)
			}
		}
		for w := range words {
			if !strings.Contains(out.String(), w) {
				t.Fatalf("width %d: %q was cut:\n%s", width, w, out.String())
			}
		}
	}
}
