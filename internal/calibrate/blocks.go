package calibrate

// blocks is a growing list kept in blocks of a fixed length, so that
// adding never copies what is there: a slice of a million entries grows
// by a quarter at a time, copying itself each time, which for the join's
// tables came to several times their size in garbage, all of it made
// while the readers wait for the join's lock.
type blocks[T any] struct {
	list [][]T
	n    int
}

// blockLen is the entries a block holds: 1.8 MB of held rows.
const blockLen = 1 << 16

func (b *blocks[T]) len() int { return b.n }

func (b *blocks[T]) add(v T) {
	if b.n%blockLen == 0 {
		b.list = append(b.list, make([]T, 0, blockLen))
	}
	last := &b.list[len(b.list)-1]
	*last = append(*last, v)
	b.n++
}

// at returns entry i, which must be below len.
func (b *blocks[T]) at(i int) *T { return &b.list[i/blockLen][i%blockLen] }
