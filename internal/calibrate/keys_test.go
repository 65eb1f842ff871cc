package calibrate

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestKeyIndexNumbersKeysEvenWhenHashesCollide(t *testing.T) {
	for name, k := range map[string]keyIndex{
		"maphash":        newKeyIndex(),
		"all colliding":  newKeyIndexHashing(func(string) uint64 { return 7 }),
		"two hash heads": newKeyIndexHashing(func(s string) uint64 { return uint64(len(s) % 2) }),
	} {
		t.Run(name, func(t *testing.T) {
			// "E10" after "E2" ends the merge: the rest is the hash table's.
			keys := []string{"E1", "E2", "E10", "", "e1", "E1 ", "E2"}
			want := []int32{0, 1, 2, 3, 4, 5, 1}
			for i, key := range keys {
				p, err := k.of(key, 0, int32(i)) // the next person: right only for new keys
				if err != nil {
					t.Fatal(err)
				}
				if p != want[i] {
					t.Errorf("of(%q) = %d, want %d", key, p, want[i])
				}
				if got := k.key(p); got != key {
					t.Errorf("key(%d) = %q, want %q", p, got, key)
				}
			}
			if k.merging {
				t.Fatal("still merging after keys out of order: the test missed the hash table")
			}
			for i, key := range keys {
				for _, guess := range []int32{-1, 0, want[i], want[i] + 1, 1 << 20} {
					if p, err := k.of(key, 1, guess); err != nil || p != want[i] {
						t.Errorf("of(%q, %d) = %d, %v; want %d", key, guess, p, err, want[i])
					}
				}
			}
		})
	}
}

// The index numbers keys as a map of first appearances does, whether both
// sides stay in order (the merge), one of them leaves it part way (the
// switch to the hash table), or neither was ever in order.
func TestKeyIndexIsAMapOfFirstAppearances(t *testing.T) {
	for _, c := range []struct {
		name       string
		breakAfter int // a side's keys go out of order after this many; -1 never
		wantMerge  bool
	}{
		{"both sides in order", -1, true},
		{"one side leaves order part way", 300, false},
		{"out of order from the start", 0, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(3, 4))
			var sides [2][]string
			for s := range sides {
				// Two overlapping ranges of ids, each side missing some.
				for i := s * 100; i < 1000+s*100; i++ {
					if rng.IntN(10) > 0 {
						sides[s] = append(sides[s], fmt.Sprintf("E%05d", i))
					}
				}
			}
			if c.breakAfter >= 0 {
				tail := sides[1][c.breakAfter:]
				rng.Shuffle(len(tail), func(i, j int) { tail[i], tail[j] = tail[j], tail[i] })
				// A repeated key, which only the hash table may find.
				sides[1] = append(sides[1], sides[1][len(sides[1])/2])
			}
			k := newKeyIndexHashing(func(s string) uint64 { return uint64(len(s)) * 31 }) // few heads: long probes
			first := map[string]int32{}
			var at [2]int
			var last [2]int32
			for at[0] < len(sides[0]) || at[1] < len(sides[1]) {
				// Runs of a few rows from either side, as the readers hand them over.
				s := rng.IntN(2)
				for range rng.IntN(20) {
					if at[s] == len(sides[s]) {
						break
					}
					key := sides[s][at[s]]
					at[s]++
					want, seen := first[key]
					if !seen {
						want = int32(len(first))
						first[key] = want
					}
					got, err := k.of(key, s, last[s]+1)
					if err != nil {
						t.Fatal(err)
					}
					if got != want {
						t.Fatalf("side %d, key %q: person %d, want %d", s, key, got, want)
					}
					last[s] = got
				}
			}
			if k.merging != c.wantMerge {
				t.Errorf("merging at the end = %v, want %v", k.merging, c.wantMerge)
			}
			keys := make([]string, k.people())
			for p := range keys {
				keys[p] = k.key(int32(p))
			}
			for key, p := range first {
				if keys[p] != key {
					t.Errorf("key(%d) = %q, want %q", p, keys[p], key)
				}
			}
			if len(keys) != len(first) || slices.Contains(keys, "") {
				t.Errorf("%d people numbered, want %d", len(keys), len(first))
			}
		})
	}
}

// A key longer than MaxCellBytes is kept cut and found by its whole
// value: the same long key in both files pairs, two alike in their kept
// bytes do not, nor does a short key equal to a long one's kept text.
func TestLongKeysAreKeptCutAndToldByTheirWholeValue(t *testing.T) {
	j, adv := newJoin(t)
	long := strings.Repeat("k", 100_000)
	a, b := long+"A", long+"B"
	add(t, j, Self, row(t, adv, 2, "E1", "", "SRE", "6", "team"))
	add(t, j, Self, row(t, adv, 3, a, "", "SRE", "6", "team"))
	add(t, j, Self, row(t, adv, 4, b, "", "SRE", "6", "team"))
	add(t, j, Manager, row(t, adv, 2, b, "", "SRE", "6", "team"))
	add(t, j, Manager, row(t, adv, 3, "E1", "", "SRE", "6", "team"))
	kept := j.people.key(1)
	add(t, j, Manager, row(t, adv, 4, kept, "", "SRE", "6", "team"))
	var got []string
	for _, r := range records(t, j, false) {
		if len(r.Key) > MaxCellBytes {
			t.Fatalf("a key of %d bytes kept", len(r.Key))
		}
		got = append(got, fmt.Sprintf("%d %s", len(r.Key), r.Status))
	}
	want := []string{"2 agree", fmt.Sprintf("%d only-self", len(kept)), fmt.Sprintf("%d agree", len(kept)), fmt.Sprintf("%d only-manager", len(kept))}
	if !slices.Equal(got, want) {
		t.Errorf("records %q, want %q", got, want)
	}
	if text := j.people.arena.size(); text > 4*MaxCellBytes {
		t.Errorf("%d bytes of keys kept", text)
	}
}
