package calibrate

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/advisor"
)

// The table is a map of first appearances: cells that share a cache
// entry, cells met again after their entry was taken, the empty cell, and
// enough cells to grow the hash table many times over.
func TestCellTableIsAMapOfFirstAppearances(t *testing.T) {
	var cells []string
	for i := range 20_000 { // far more cells than entries, so many share one
		cells = append(cells, fmt.Sprintf("%d.%d", i/10, i%10), fmt.Sprintf("Role %d", i))
	}
	cells = append(cells, "", "a", "ab", "Team", "team", "TEAM", "é…")
	table := newCellTable()
	want := map[string]int32{}
	rng := rand.New(rand.NewPCG(5, 6))
	taken := 0
	for range 200_000 {
		cell := cells[rng.IntN(len(cells))]
		if rng.IntN(2) == 0 {
			cell = cells[rng.IntN(8)] // a few common ones, as a column has
		}
		w, ok := want[cell]
		if !ok {
			w = int32(len(want))
			want[cell] = w
		}
		if e := table.recent[glance(cell)] - 1; e >= 0 && table.at(e) != cell {
			taken++
		}
		got, err := table.of(cell)
		if err != nil || got != w {
			t.Fatalf("of(%q) = %d, %v; want %d", cell, got, err, w)
		}
	}
	if taken == 0 {
		t.Error("no cell found its entry taken by another: the test missed the table")
	}
	for cell, i := range want {
		if got := table.at(i); got != cell {
			t.Fatalf("at(%d) = %q, want %q", i, got, cell)
		}
	}
}

// A cell longer than MaxCellBytes is kept as its first bytes and told
// from another by its whole value: two long cells alike but for their
// last byte are two cells, and a cell equal to one's kept text is a
// third.
func TestCellTableKeepsABoundedPrefixOfLongCells(t *testing.T) {
	table := newCellTable()
	long := strings.Repeat("Chief ", 40_000) // 240 KB
	a, b := long+"A", long+"B"
	ia, _ := table.of(a)
	ib, _ := table.of(b)
	ia2, _ := table.of(a)
	if ia == ib || ia != ia2 {
		t.Errorf("numbers %d, %d and again %d: want two cells, the first found again", ia, ib, ia2)
	}
	kept := table.at(ia)
	if len(kept) > MaxCellBytes || !strings.HasPrefix(kept, "Chief Chief") || !strings.HasSuffix(kept, "…") {
		t.Errorf("kept %d bytes ending %q", len(kept), kept[len(kept)-10:])
	}
	if ik, _ := table.of(kept); ik == ia || ik == ib {
		t.Errorf("the kept text of a long cell is the long cell (%d)", ik)
	}
	var text int
	for _, c := range table.chunks {
		text += c.Len()
	}
	if text > 4*MaxCellBytes {
		t.Errorf("%d bytes of text kept for three cells", text)
	}
}

// A message's quoted cell is taken out and put back exactly, whatever the
// cell holds; a message without it is kept whole.
func TestMessageTemplatesPutTheCellBack(t *testing.T) {
	for _, c := range []struct {
		message string
		answers advisor.Answers
		shared  bool // the template does not hold the cell
	}{
		{`unknown role "Sorcerer". Valid roles: SRE`, advisor.Answers{Role: "Sorcerer"}, true},
		{`years "x" is not a number`, advisor.Answers{Role: "SRE", Years: "x"}, true},
		{`unknown accountability "a \"b\"\n\x00"; did you mean "team"?`, advisor.Answers{Accountability: "a \"b\"\n\x00"}, true},
		{"the row has 4 fields and the header 6", advisor.Answers{Role: "SRE"}, false},
		{"a mark \x00 in the message", advisor.Answers{Role: "mark"}, false},
		{`role "" is empty, "" twice`, advisor.Answers{}, true},
	} {
		tmpl, quoted := messageTemplate(c.message, c.answers)
		if got := messageOf(tmpl, quoted, c.answers); got != c.message {
			t.Errorf("%q: template %q gives back %q", c.message, tmpl, got)
		}
		if shared := tmpl != c.message; shared != c.shared {
			t.Errorf("%q: template %q; want the cell taken out: %v", c.message, tmpl, c.shared)
		}
	}
	one, _ := messageTemplate(`unknown role "Engineer 1". Valid roles: SRE`, advisor.Answers{Role: "Engineer 1"})
	two, _ := messageTemplate(`unknown role "Engineer 2". Valid roles: SRE`, advisor.Answers{Role: "Engineer 2"})
	if one != two {
		t.Errorf("two rows' templates differ: %q and %q", one, two)
	}
}
