package calibrate

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestTextArenaKeepsWhatABuilderKeeps checks the arena against the path it
// replaced, one growing string whose slices are the strings: over several
// chunks, with empty strings, strings that fill a chunk to its last byte,
// and strings that do not fit in what is left of one.
func TestTextArenaKeepsWhatABuilderKeeps(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var a textArena
	var starts []uint32 // as the key index and label store keep them
	starts = append(starts, 0)
	var want []string
	add := func(s string) {
		start, ok := a.add(s)
		if !ok {
			t.Fatal("the arena is full")
		}
		starts[len(starts)-1] = start
		starts = append(starts, a.end())
		want = append(want, s)
	}
	for len(a.chunks) < 8 {
		switch rng.IntN(8) {
		case 0:
			add("")
		case 1: // fill the chunk to its last byte
			c := a.chunks
			if len(c) > 0 {
				if left := c[len(c)-1].Cap() - c[len(c)-1].Len(); left <= MaxCellBytes {
					add(strings.Repeat("f", left))
					continue
				}
			}
			add("x")
		default:
			n := rng.IntN(MaxCellBytes + 1)
			b := make([]byte, n)
			for i := range b {
				b[i] = byte('a' + rng.IntN(26))
			}
			add(string(b))
		}
	}
	whole := strings.Join(want, "")
	if a.size() != len(whole) {
		t.Fatalf("the arena holds %d bytes, want %d", a.size(), len(whole))
	}
	at := 0
	for i, s := range want {
		if got := a.text(starts[i], starts[i+1]); got != s || got != whole[at:at+len(s)] {
			t.Fatalf("string %d of %d is %q, want %q", i, len(want), got, s)
		}
		at += len(s)
	}
	for i := 1; i < len(a.chunks); i++ {
		if a.chunks[i].Cap() > arenaChunk || a.chunks[i].Cap() < a.chunks[i-1].Cap() {
			t.Errorf("chunk %d holds %d bytes after one of %d", i, a.chunks[i].Cap(), a.chunks[i-1].Cap())
		}
	}
}

// TestTextArenaEndOfAFullChunk checks the address after a chunk filled to
// its last byte, which is the next chunk's first address.
func TestTextArenaEndOfAFullChunk(t *testing.T) {
	var a textArena
	a.chunks = append(a.chunks, &strings.Builder{})
	a.chunks[0].Grow(arenaChunk)
	first, _ := a.add(strings.Repeat("a", a.chunks[0].Cap()-3))
	second, _ := a.add("end")
	if a.end() != arenaChunk && a.chunks[0].Cap() == arenaChunk {
		t.Fatalf("end %#x, want %#x", a.end(), arenaChunk)
	}
	if got := a.text(second, a.end()); got != "end" {
		t.Errorf("last string %q", got)
	}
	third, _ := a.add("next")
	if got := a.text(second, third); got != "end" {
		t.Errorf("string before a new chunk %q", got)
	}
	if got := a.text(third, a.end()); got != "next" || third>>arenaChunkBits != 1 {
		t.Errorf("first string of the next chunk %q at %#x", got, third)
	}
	if got := a.text(first, second); len(got) != a.chunks[0].Cap()-3 {
		t.Errorf("first string %d bytes", len(got))
	}
}
