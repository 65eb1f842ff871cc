package calibrate

import "strings"

// cellInterner keeps each distinct cell of a column once, with a small
// cache in front of its map. A column of a staff list is spelled a few
// dozen ways, which a table of 256 entries indexed by a hash of five of a
// cell's bytes and its length finds with one comparison, where the map
// hashes every byte and probes: some 50 ns a row over three columns. A
// cell whose entry holds another cell goes to the map, and takes the
// entry.
type cellInterner struct {
	interner[string]
	recent [256]int32 // the index plus 1 of the cell last seen at each hash; 0 for none
}

func newCellInterner() *cellInterner {
	return &cellInterner{interner: newInterner(strings.Clone)}
}

func (c *cellInterner) of(cell string) int32 {
	h := glance(cell)
	if i := c.recent[h] - 1; i >= 0 && c.values[i] == cell {
		return i
	}
	i := c.interner.of(cell)
	c.recent[h] = i + 1
	return i
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
