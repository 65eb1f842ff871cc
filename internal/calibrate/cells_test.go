package calibrate

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// The cache in front of the map never changes an answer: cells that share
// an entry, cells met again after their entry was taken, and the empty
// cell get the index a plain map of first appearances gives.
func TestCellInternerIsAMapOfFirstAppearances(t *testing.T) {
	var cells []string
	for i := range 2000 { // far more cells than entries, so many share one
		cells = append(cells, fmt.Sprintf("%d.%d", i/10, i%10), fmt.Sprintf("Role %d", i))
	}
	cells = append(cells, "", "a", "ab", "Team", "team", "TEAM")
	in := newCellInterner()
	want := map[string]int32{}
	rng := rand.New(rand.NewPCG(5, 6))
	taken := 0
	for range 50_000 {
		cell := cells[rng.IntN(len(cells))]
		if rng.IntN(2) == 0 {
			cell = cells[rng.IntN(8)] // a few common ones, as a column has
		}
		w, ok := want[cell]
		if !ok {
			w = int32(len(want))
			want[cell] = w
		}
		if e := in.recent[glance(cell)] - 1; e >= 0 && in.values[e] != cell {
			taken++
		}
		if got := in.of(cell); got != w {
			t.Fatalf("of(%q) = %d, want %d", cell, got, w)
		}
	}
	if taken == 0 {
		t.Error("no cell found its entry taken by another: the test missed the map")
	}
}
