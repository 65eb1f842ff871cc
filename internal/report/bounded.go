package report

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxValueBytes is how much of a cell a group or a cause keeps: its
// identity is a hash of the whole cell, so memory does not grow with the
// cell's length while two long cells that differ past the prefix stay
// apart.
const maxValueBytes = 256

// valueKey identifies a cell by its first maxValueBytes (cut on a rune
// boundary) and a hash of all of it; the prefix orders keys and names them.
type valueKey struct {
	prefix    string
	hash      uint64
	truncated bool
}

// keyOf is the key of a cell, which it aliases until own copies it.
func keyOf(cell string) valueKey {
	h := uint64(fnvOffset)
	for i := 0; i < len(cell); i++ {
		h = (h ^ uint64(cell[i])) * fnvPrime
	}
	return valueKey{prefix: prefixOf(cell), hash: h, truncated: len(cell) > maxValueBytes}
}

// FNV-1a, 64 bits (hash/fnv's), written out over the string: hash/fnv
// would take a []byte copy of every cell, on every row.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// foldedKeyOf is the key of a cell compared ignoring case and runs of
// white space, as people see two spellings of one answer.
func foldedKeyOf(cell string) valueKey {
	h := uint64(fnvOffset)
	add := func(r rune) { h = (h ^ uint64(r)) * fnvPrime }
	space := false
	for _, r := range strings.TrimSpace(cell) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			add(' ')
			space = false
		}
		add(unicode.ToLower(r))
	}
	return valueKey{hash: h}
}

// prefixOf cuts cell to at most maxValueBytes on a rune boundary.
func prefixOf(cell string) string {
	if len(cell) <= maxValueBytes {
		return cell
	}
	cut := maxValueBytes
	for cut > 0 && !utf8.RuneStart(cell[cut]) {
		cut--
	}
	return cell[:cut]
}

// bounded is a copy of a cell's first maxValueBytes, ending in an ellipsis
// when cut: what the report keeps of a label or a rejected cell.
func bounded(cell string) string {
	if len(cell) > maxValueBytes {
		return prefixOf(cell) + "…" // a new string: no alias of the input
	}
	return strings.Clone(cell)
}

// own copies a key's prefix out of the chunk of input it aliases.
func (k valueKey) own() valueKey {
	k.prefix = strings.Clone(k.prefix)
	return k
}

// display is the value for people: a cut one ends in an ellipsis.
func (k valueKey) display() string {
	if k.truncated {
		return k.prefix + "…"
	}
	return k.prefix
}

func compareKeys(a, b valueKey) int {
	if c := strings.Compare(a.prefix, b.prefix); c != 0 {
		return c
	}
	switch {
	case a.hash < b.hash:
		return -1
	case a.hash > b.hash:
		return 1
	}
	return 0
}
