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
//
// Numbering pays while cells repeat. A column that has numbered
// spillAfter cells, more than three quarters of the cells looked up, is
// one whose cells nearly all differ (a file of free text, or of tenure to seven
// decimals): from then on the table keeps each new cell unnumbered, its
// text behind a 2-byte length in the chunks, and hands out a negative
// number that is the cell's address. Such a cell costs its text and 2
// bytes, not 14 more, and no hash; the cache still finds a cell met
// again at once. Numbered cells keep their numbers.
type cellTable struct {
	seed   maphash.Seed
	chunks []*strings.Builder // up to cellChunk bytes each, never grown
	refs   blocks[cellRef]
	// long are the whole values' hashes of the cells that were cut.
	long map[int32]uint64
	// slots are 0 when empty, else a cell's number plus 1; a cell's probe
	// starts at its hash and goes up. nil once cells are kept unnumbered.
	slots []uint32
	// looked counts the cells looked up.
	looked int
	// recent is the cell last seen at each glance.
	recent [256]recentCell
}

// recentCell is a cache entry: a cell kept whole, its number and its
// text in the chunks, which one comparison with a cell looked up finds
// equal; number is noRecent in an entry that holds none.
type recentCell struct {
	number int32
	text   string
}

// noRecent marks a cache entry that holds no cell: no number is this low.
const noRecent = math.MinInt32

// spillAfter is how many cells a table numbers before it may find that
// its column's cells nearly all differ.
const spillAfter = 1 << 16

// cellRef is where a cell's kept text is: its address (chunk number and
// offset in cellChunkBits bits) and length, whose top bit says the cell
// was cut.
type cellRef struct{ addr, n uint32 }

const (
	cellChunkBits = 20
	cellChunk     = 1 << cellChunkBits
	cutBit        = 1 << 31
	// maxChunks keeps every address below 1<<31, so that an unnumbered
	// cell's number, -1 less its address, is an int32.
	maxChunks  = 1 << (31 - cellChunkBits)
	firstChunk = 4 << 10
)

func newCellTable() *cellTable {
	c := &cellTable{seed: maphash.MakeSeed(), long: map[int32]uint64{}, slots: make([]uint32, minSlots)}
	for i := range c.recent {
		c.recent[i].number = noRecent
	}
	return c
}

// len is how many cells the table numbered.
func (c *cellTable) len() int { return c.refs.len() }

// at returns cell i as kept: a cut cell ends in "…". It is read-only.
func (c *cellTable) at(i int32) string {
	if i < 0 {
		addr := uint32(-1 - i)
		chunk := c.chunks[addr>>cellChunkBits].String()[addr&(cellChunk-1):]
		return chunk[2:][:c.unnumberedLength(i)&^unnumberedCut]
	}
	r := *c.refs.at(int(i))
	n := r.n &^ cutBit
	return c.chunks[r.addr>>cellChunkBits].String()[r.addr&(cellChunk-1):][:n]
}

// of returns a cell's number, numbering it if it is new; once the table
// keeps cells unnumbered, a new cell's number is negative.
func (c *cellTable) of(cell string) (int32, error) {
	c.looked++
	h := glance(cell)
	if r := &c.recent[h]; r.number != noRecent && r.text == cell {
		return r.number, nil
	}
	if c.slots == nil {
		i, err := c.addUnnumbered(cell)
		if err == nil {
			c.remember(h, i)
		}
		return i, err
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
			c.remember(h, i)
			return i, nil
		}
	}
	i, err := c.add(kept, cut, whole)
	if err != nil {
		return 0, err
	}
	c.slots[s] = uint32(i) + 1
	switch {
	case c.len() >= spillAfter && 4*c.len() > 3*c.looked:
		c.slots = nil // the column's cells nearly all differ
	case 4*c.len() > 3*len(c.slots):
		c.rehash()
	}
	c.remember(h, i)
	return i, nil
}

// remember puts cell i in the cache at glance h, where it replaces the
// cell there. A numbered cut cell is left out: a cell looked up that
// equals its kept text is another cell, which the table tells apart by
// the whole value's hash. An unnumbered one is not: the two are written
// alike, and unnumbered cells are not told apart anyway.
func (c *cellTable) remember(h uint8, i int32) {
	if i < 0 || !c.cut(i) {
		c.recent[h] = recentCell{number: i, text: c.at(i)}
	}
}

// keptCell is what the table keeps of a cell: the cell itself, or when it
// is longer than MaxCellBytes, keptText of it and the whole value's hash.
func keptCell(cell string, seed maphash.Seed) (kept string, whole uint64, cut bool) {
	if kept, cut = keptText(cell); cut {
		whole = maphash.String(seed, cell)
	}
	return kept, whole, cut
}

// keptText is a cell as the table keeps it. A cell longer than
// MaxCellBytes loses the spaces around it first, so that an answer padded
// out is kept whole and means what it meant; one still too long is cut at
// a character boundary to end in "…" within MaxCellBytes.
func keptText(cell string) (kept string, cut bool) {
	if len(cell) <= MaxCellBytes {
		return cell, false
	}
	if kept = strings.TrimSpace(cell); len(kept) <= MaxCellBytes {
		return kept, false
	}
	const mark = "…"
	end := MaxCellBytes - len(mark)
	for end > 0 && !utf8.RuneStart(kept[end]) {
		end--
	}
	return kept[:end] + mark, true
}

// Cut reports whether cell i was kept cut: it is not the answer read.
func (c *cellTable) cut(i int32) bool {
	if i < 0 {
		return c.unnumberedLength(i)&unnumberedCut != 0
	}
	return c.refs.at(int(i)).n&cutBit != 0
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
	addr, err := c.write(len(kept))
	if err != nil {
		return 0, err
	}
	c.chunks[addr>>cellChunkBits].WriteString(kept)
	ref := cellRef{addr: addr, n: uint32(len(kept))}
	i := int32(c.len())
	if cut {
		ref.n |= cutBit
		c.long[i] = whole
	}
	c.refs.add(ref)
	return i, nil
}

// addUnnumbered keeps a cell behind its length, and returns its number:
// -1 less its address.
func (c *cellTable) addUnnumbered(cell string) (int32, error) {
	kept, cut := keptText(cell)
	addr, err := c.write(2 + len(kept))
	if err != nil {
		return 0, err
	}
	n := len(kept)
	if cut {
		n |= unnumberedCut
	}
	b := c.chunks[addr>>cellChunkBits]
	b.WriteByte(byte(n))
	b.WriteByte(byte(n >> 8))
	b.WriteString(kept)
	return -1 - int32(addr), nil
}

// unnumberedCut marks a cut cell in an unnumbered cell's 2-byte length,
// which is at most MaxCellBytes.
const unnumberedCut = 1 << 15

// unnumberedLength is the 2-byte length kept before unnumbered cell i.
func (c *cellTable) unnumberedLength(i int32) int {
	addr := uint32(-1 - i)
	chunk := c.chunks[addr>>cellChunkBits].String()[addr&(cellChunk-1):]
	return int(chunk[0]) | int(chunk[1])<<8
}

// write finds room for n bytes in the last chunk, or a new one, and
// returns their address.
func (c *cellTable) write(n int) (uint32, error) {
	last := len(c.chunks) - 1
	if last < 0 || c.chunks[last].Len()+n > c.chunks[last].Cap() {
		if len(c.chunks) == maxChunks {
			return 0, fmt.Errorf("a column's distinct cells add up to more than %d bytes, which is more than calibrate holds; split the files", maxChunks*cellChunk)
		}
		// The first chunks are small, each twice the last, so that a
		// column of a few cells does not hold a megabyte.
		size := firstChunk
		if last >= 0 {
			size = min(cellChunk, 2*c.chunks[last].Cap())
		}
		b := &strings.Builder{}
		b.Grow(max(size, n))
		c.chunks = append(c.chunks, b)
		last++
	}
	return uint32(last)<<cellChunkBits | uint32(c.chunks[last].Len()), nil
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
