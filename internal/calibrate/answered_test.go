package calibrate

import (
	"math/rand/v2"
	"testing"
)

// The table answers as a map would, as its dense part widens and once
// sets spill out of it.
func TestAnswerTableIsAMap(t *testing.T) {
	tab := newAnswerTable()
	want := map[[4]int32]int32{}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 20_000 {
		// Indexes mostly small, as a staff list's; some past what the
		// dense part holds.
		var k [4]int32
		for d := range k {
			k[d] = int32(rng.IntN(40))
		}
		if n%100 == 0 {
			k[n/100%4] = int32(rng.IntN(1 << 21))
		}
		if got, ok := tab.get(k); ok != (want[k] != 0) || ok && got != want[k]-1 {
			t.Fatalf("get(%v) = %d, %v; want %d, %v", k, got, ok, want[k]-1, want[k] != 0)
		}
		o := int32(rng.IntN(1000))
		tab.put(k, o)
		want[k] = o + 1
	}
	if len(tab.spill) == 0 || len(tab.dense) < 1<<12 {
		t.Errorf("%d sets spilled, %d dense: the test missed a path", len(tab.spill), len(tab.dense))
	}
	for k, o := range want {
		if got, ok := tab.get(k); !ok || got != o-1 {
			t.Errorf("get(%v) = %d, %v; want %d", k, got, ok, o-1)
		}
	}
}
