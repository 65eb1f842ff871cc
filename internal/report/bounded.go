package report

import (
	"hash/fnv"
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
	h := fnv.New64a()
	h.Write([]byte(cell))
	return valueKey{prefix: prefixOf(cell), hash: h.Sum64(), truncated: len(cell) > maxValueBytes}
}

// foldedKeyOf is the key of a cell compared ignoring case and runs of
// white space, as people see two spellings of one answer.
func foldedKeyOf(cell string) valueKey {
	h := fnv.New64a()
	var buf [utf8.UTFMax]byte
	space := false
	for _, r := range strings.TrimSpace(cell) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			h.Write([]byte{' '})
			space = false
		}
		n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
		h.Write(buf[:n])
	}
	return valueKey{hash: h.Sum64()}
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
