package calibrate

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

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
		if e := table.recent[glance(cell)]; e.number != noRecent && e.text != cell {
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
	// The cache in front of the table is no way round that: a long cell
	// and its kept text that share a glance are still two cells.
	for i := 0; i < 1<<20; i++ {
		cell := fmt.Sprintf("%s%s%d", long, strings.Repeat(" ", i%512), i)
		kept, _ := keptText(cell)
		if glance(cell) != glance(kept) {
			continue
		}
		ic, _ := table.of(cell)
		if ik, _ := table.of(kept); ik == ic {
			t.Errorf("the kept text of a long cell sharing its glance is the long cell (%d)", ik)
		}
		return
	}
	t.Error("found no long cell sharing its kept text's glance")
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

// A column whose cells nearly all differ is kept unnumbered once it has
// numbered spillAfter cells: new cells get negative numbers and read back
// exactly, a cell met again at once gets its number again, the numbered
// ones keep theirs, and a long cell is kept cut. A column whose every
// cell comes twice keeps numbering.
func TestCellTableKeepsDistinctCellsUnnumbered(t *testing.T) {
	table := newCellTable()
	numbers := map[string]int32{}
	for i := range spillAfter + 1000 {
		cell := fmt.Sprintf("4.%07d", i)
		n, err := table.of(cell)
		if err != nil {
			t.Fatal(err)
		}
		numbers[cell] = n
		if i < spillAfter {
			continue // each looked up once while the table numbers
		}
		if again, _ := table.of(cell); again != n {
			t.Fatalf("%q numbered %d, then %d", cell, n, again)
		}
	}
	if table.slots != nil || table.len() != spillAfter {
		t.Fatalf("%d cells numbered, hash table kept: %v; want %d and none", table.len(), table.slots != nil, spillAfter)
	}
	unnumbered := 0
	for cell, n := range numbers {
		if got := table.at(n); got != cell {
			t.Fatalf("at(%d) = %q, want %q", n, got, cell)
		}
		if n < 0 {
			unnumbered++
		} else if n >= spillAfter {
			t.Fatalf("%q numbered %d after the table stopped numbering", cell, n)
		}
	}
	if unnumbered != 1000 {
		t.Errorf("%d cells unnumbered, want 1000", unnumbered)
	}
	long := strings.Repeat("é", MaxCellBytes) // 1,024 bytes
	n, err := table.of(long)
	if kept := table.at(n); err != nil || n >= 0 || len(kept) > MaxCellBytes || !strings.HasSuffix(kept, "…") || !utf8.ValidString(kept) || !table.cut(n) {
		t.Errorf("a long cell kept as %d, %d bytes, %v, cut %v", n, len(kept), err, table.cut(n))
	}
	padded := "  4.5" + strings.Repeat(" ", MaxCellBytes)
	if n, _ := table.of(padded); table.at(n) != "4.5" || table.cut(n) {
		t.Errorf("a padded cell kept as %q, cut %v; want 4.5 whole", table.at(n), table.cut(n))
	}

	repeating := newCellTable()
	for i := range 3 * spillAfter {
		if _, err := repeating.of(fmt.Sprintf("Role %d", i/2)); err != nil {
			t.Fatal(err)
		}
	}
	if repeating.slots == nil {
		t.Error("a column whose every cell comes twice stopped numbering")
	}
}
