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
		if s.n != len(want) {
			t.Fatalf("%d entries, want %d", s.n, len(want))
		}
	}
}
