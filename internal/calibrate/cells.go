package calibrate

import (
	"fmt"
	"hash/maphash"
	"math"
	"strings"
	"unicode/utf8"
)

// MaxCellBytes bounds what the join keeps of one answer or group cell: a
// longer cell is kept as its first bytes, cut at a character boundary and
// ending in "…", and told from other long cells by its whole value's
// hash. A staff list whose every row holds a distinct 200 KB role would
// otherwise keep it all until the output is written.
const MaxCellBytes = 512

// cellTable keeps each distinct cell of a column once and numbers it in
// the order cells first come. The text is kept in fixed chunks with no
// pointers (the collector has nothing to scan), each cell found by one
// 8-byte reference, and the hash table is 4 bytes a slot: a column whose
// every cell differs costs its text and some 14 bytes a cell, where a Go
// map of strings cost over 80.
//
// A small cache sits in front of the table: a column of a staff list is
// spelled a few dozen ways, which a table of 256 entries indexed by a
// hash of five of a cell's bytes and its length finds with one
// comparison, where the table hashes every byte and probes: some 50 ns a
// row over three columns. A cell whose entry holds another cell goes to
// the table, and takes the entry.
type cellTable struct {
	seed   maphash.Seed
	chunks []*strings.Builder // up to cellChunk bytes each, never grown
	refs   blocks[cellRef]
	// long are the whole values' hashes of the cells that were cut.
	long map[int32]uint64
	// slots are 0 when empty, else a cell's number plus 1; a cell's probe
	// starts at its hash and goes up.
	slots  []uint32
	recent [256]int32 // the number plus 1 of the cell last seen at each glance; 0 for none
}

// cellRef is where a cell's kept text is: its address (chunk number and
// offset in cellChunkBits bits) and length, whose top bit says the cell
// was cut.
type cellRef struct{ addr, n uint32 }

const (
	cellChunkBits = 20
	cellChunk     = 1 << cellChunkBits
	cutBit        = 1 << 31
	maxChunks     = 1 << (32 - cellChunkBits)
	firstChunk    = 4 << 10
)

func newCellTable() *cellTable {
	return &cellTable{seed: maphash.MakeSeed(), long: map[int32]uint64{}, slots: make([]uint32, minSlots)}
}

// len is how many distinct cells the table holds.
func (c *cellTable) len() int { return c.refs.len() }

// at returns cell i as kept: a cut cell ends in "…". It is read-only.
func (c *cellTable) at(i int32) string {
	r := *c.refs.at(int(i))
	n := r.n &^ cutBit
	return c.chunks[r.addr>>cellChunkBits].String()[r.addr&(cellChunk-1):][:n]
}

// of returns a cell's number, numbering it if it is new.
func (c *cellTable) of(cell string) (int32, error) {
	h := glance(cell)
	if i := c.recent[h] - 1; i >= 0 && c.refs.at(int(i)).n&cutBit == 0 && c.at(i) == cell {
		return i, nil
	}
	kept, whole, cut := keptCell(cell, c.seed)
	hash := whole
	if !cut {
		hash = maphash.String(c.seed, kept)
	}
	mask := uint64(len(c.slots) - 1)
	s := hash & mask
	for ; c.slots[s] != 0; s = (s + 1) & mask {
		i := int32(c.slots[s] - 1)
		if c.matches(i, kept, cut, whole) {
			c.recent[h] = i + 1
			return i, nil
		}
	}
	i, err := c.add(kept, cut, whole)
	if err != nil {
		return 0, err
	}
	c.slots[s] = uint32(i) + 1
	if 4*c.len() > 3*len(c.slots) {
		c.rehash()
	}
	c.recent[h] = i + 1
	return i, nil
}

// keptCell is what the table keeps of a cell: the cell itself, or when it
// is longer than MaxCellBytes, its first bytes ending in "…" and the
// whole value's hash.
func keptCell(cell string, seed maphash.Seed) (kept string, whole uint64, cut bool) {
	if len(cell) <= MaxCellBytes {
		return cell, 0, false
	}
	const mark = "…"
	end := MaxCellBytes - len(mark)
	for end > 0 && !utf8.RuneStart(cell[end]) {
		end--
	}
	return cell[:end] + mark, maphash.String(seed, cell), true
}

func (c *cellTable) matches(i int32, kept string, cut bool, whole uint64) bool {
	r := c.refs.at(int(i))
	if (r.n&cutBit != 0) != cut || int(r.n&^cutBit) != len(kept) || c.at(i) != kept {
		return false
	}
	return !cut || c.long[i] == whole
}

// add numbers a new cell.
func (c *cellTable) add(kept string, cut bool, whole uint64) (int32, error) {
	if c.len() >= math.MaxInt32-1 {
		return 0, fmt.Errorf("a column holds more than %d distinct cells, which is more than calibrate holds; split the files", math.MaxInt32-1)
	}
	last := len(c.chunks) - 1
	if last < 0 || c.chunks[last].Len()+len(kept) > c.chunks[last].Cap() {
		if len(c.chunks) == maxChunks {
			return 0, fmt.Errorf("a column's distinct cells add up to more than %d bytes, which is more than calibrate holds; split the files", maxChunks*cellChunk)
		}
		// The first chunks are small, each twice the last, so that a
		// column of a few cells does not hold a megabyte.
		size := cellChunk
		if last >= 0 {
			size = min(cellChunk, 2*c.chunks[last].Cap())
		} else {
			size = firstChunk
		}
		b := &strings.Builder{}
		b.Grow(max(size, len(kept)))
		c.chunks = append(c.chunks, b)
		last++
	}
	b := c.chunks[last]
	ref := cellRef{addr: uint32(last)<<cellChunkBits | uint32(b.Len()), n: uint32(len(kept))}
	b.WriteString(kept)
	i := int32(c.len())
	if cut {
		ref.n |= cutBit
		c.long[i] = whole
	}
	c.refs.add(ref)
	return i, nil
}

// rehash doubles the hash table.
func (c *cellTable) rehash() {
	slots := make([]uint32, 2*len(c.slots))
	mask := uint64(len(slots) - 1)
	for i := range int32(c.len()) {
		hash, ok := c.long[i]
		if !ok {
			hash = maphash.String(c.seed, c.at(i))
		}
		s := hash & mask
		for slots[s] != 0 {
			s = (s + 1) & mask
		}
		slots[s] = uint32(i) + 1
	}
	c.slots = slots
}

// glance hashes a cell's length and its first, second, middle,
// second-to-last and last bytes, which tell the spellings of a column
// apart ("12.5" from "13.5", "Team" from "team") in five loads, however
// long the cell.
func glance(s string) uint8 {
	n := len(s)
	h := uint32(n) * 0x9e3779b1
	if n > 0 {
		h = (h ^ uint32(s[0])) * 0x01000193
		h = (h ^ uint32(s[n/2])) * 0x01000193
		h = (h ^ uint32(s[n-1])) * 0x01000193
	}
	if n > 2 {
		h = (h ^ uint32(s[1])) * 0x01000193
		h = (h ^ uint32(s[n-2])) * 0x01000193
	}
	return uint8(h >> 24)
}
