package calibrate

import "strings"

// textArena keeps strings one after another in chunks that are never
// grown, so keeping one never copies what is kept: a strings.Builder that
// doubles copied the whole of the keys and labels of a million rows a
// side, and touched their pages twice, under the join's lock. A string is
// found by its address (chunk number above arenaChunkBits bits of offset)
// and the next string's address, or end after the last: a string ends
// there or, when the next starts a new chunk, at the end of its own, as
// no string spans two chunks.
type textArena struct {
	chunks []*strings.Builder // each at most arenaChunk bytes
}

const (
	arenaChunkBits = 20
	arenaChunk     = 1 << arenaChunkBits
	// maxArenaChunks keeps every address, and the address after a full
	// last chunk, below 1<<32.
	maxArenaChunks  = 1<<(32-arenaChunkBits) - 1
	firstArenaChunk = 4 << 10
	// maxArenaBytes is what an arena holds at most.
	maxArenaBytes = maxArenaChunks * arenaChunk
)

// end is the address after the last string kept, where the next one
// starts unless it needs a new chunk.
func (a *textArena) end() uint32 {
	if len(a.chunks) == 0 {
		return 0
	}
	last := len(a.chunks) - 1
	return uint32(last)<<arenaChunkBits + uint32(a.chunks[last].Len())
}

// add keeps s, at most arenaChunk bytes long, and returns its address;
// ok is false when the arena is full.
func (a *textArena) add(s string) (start uint32, ok bool) {
	last := len(a.chunks) - 1
	// A chunk's offsets are arenaChunkBits bits, whatever capacity the
	// allocator gave it.
	if last < 0 || a.chunks[last].Len()+len(s) > min(a.chunks[last].Cap(), arenaChunk) {
		if len(a.chunks) == maxArenaChunks {
			return 0, false
		}
		// The first chunks are small, each twice the last, so that a few
		// strings do not hold a megabyte.
		size := firstArenaChunk
		if last >= 0 {
			size = min(arenaChunk, 2*a.chunks[last].Cap())
		}
		b := &strings.Builder{}
		b.Grow(size)
		a.chunks = append(a.chunks, b)
	}
	start = a.end()
	a.chunks[len(a.chunks)-1].WriteString(s)
	return start, true
}

// text returns the string kept at address start, given the address of
// the string after it, or end() after the last.
func (a *textArena) text(start, end uint32) string {
	c := a.chunks[start>>arenaChunkBits].String()
	if end>>arenaChunkBits != start>>arenaChunkBits {
		end = start&^(arenaChunk-1) + uint32(len(c))
	}
	return c[start&(arenaChunk-1) : end-start&^(arenaChunk-1)]
}

// size is the bytes the arena holds, for the tests.
func (a *textArena) size() int {
	n := 0
	for _, c := range a.chunks {
		n += c.Len()
	}
	return n
}
