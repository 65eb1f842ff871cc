package batch

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestSpellingsIsAMap: whatever is put is got back, nothing else is, and
// the cache empties at maxCached entries as the maps it replaced did.
func TestSpellingsIsAMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := newSpellings[int]()
	want := map[string]int{}
	for i := range 3 * maxCached {
		key := strconv.Itoa(rng.IntN(5 * maxCached))
		if i%7 == 0 {
			key = "" // the empty cell is a spelling too
		}
		got := s.get([]byte(key))
		w, ok := want[key]
		switch {
		case ok && (got == nil || *got != w):
			t.Fatalf("get(%q) = %v, want %d", key, got, w)
		case !ok && got != nil:
			t.Fatalf("get(%q) = %d, never put", key, *got)
		case !ok:
			if len(want) >= maxCached {
				clear(want)
			}
			want[key] = i
			s.put([]byte(key), i)
		}
		if len(s.entries) != len(want) {
			t.Fatalf("%d entries, want %d", len(s.entries), len(want))
		}
	}
}

// TestDecisionsIsAMap: the decision cache gives back what was put, under
// keys that differ in any one number, and empties at its limit.
func TestDecisionsIsAMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	d := newDecisions()
	want := map[decisionKey]*outcome{}
	const limit = 3000
	for range 4 * limit {
		k := decisionKey{match: rng.Uint64N(20), acc: rng.Uint64N(5), years: rng.Uint64N(70), start: rng.Uint64N(3)}
		got := d.get(k)
		if w, ok := want[k]; ok != (got != nil) || ok && got != w {
			t.Fatalf("get(%+v) = %p, want %p", k, got, w)
		}
		if got == nil {
			if len(want) >= limit {
				clear(want)
			}
			want[k] = &outcome{}
			d.put(k, want[k], limit)
		}
		if d.n != len(want) {
			t.Fatalf("%d outcomes, want %d", d.n, len(want))
		}
	}
}
