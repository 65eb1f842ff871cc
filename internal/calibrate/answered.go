package calibrate

// answerTable maps a row's role, years, accountability and start cells,
// by their indexes in the join's tables, to the outcome they came to. A
// staff list spells each answer a few dozen ways, so the table is mostly
// dense: one array indexed by the four indexes' bits side by side, some
// 256 KB for docs/performance.md's million-row files, which stays in the cache
// where a map of their 28,000 sets of answers did not. A dimension
// doubles when an index outgrows it; sets the dense array cannot hold
// within maxDenseBits go to a map, cleared at maxSpilled.
type answerTable struct {
	bits  [4]uint8 // each index's bits
	dense []int32  // the outcome plus 1; 0 when not seen yet
	spill map[[4]int32]int32
}

// maxDenseBits bounds the dense array to 4 MB.
const maxDenseBits = 20

// maxSpilled bounds the spilled sets to some 2 MB.
const maxSpilled = 1 << 16

func newAnswerTable() answerTable {
	return answerTable{dense: make([]int32, 1), spill: map[[4]int32]int32{}}
}

// index is where a set is in dense, if it fits.
func (t *answerTable) index(k [4]int32) (int, bool) {
	i := 0
	for d, id := range k {
		if id >= 1<<t.bits[d] {
			return 0, false
		}
		i = i<<t.bits[d] | int(id)
	}
	return i, true
}

// get returns the outcome of a set, if known.
func (t *answerTable) get(k [4]int32) (int32, bool) {
	if i, ok := t.index(k); ok {
		o := t.dense[i]
		return o - 1, o != 0
	}
	o, ok := t.spill[k]
	return o, ok
}

// put keeps the outcome of a set.
func (t *answerTable) put(k [4]int32, outcome int32) {
	if _, ok := t.index(k); !ok {
		t.widen(k)
	}
	if i, ok := t.index(k); ok {
		t.dense[i] = outcome + 1
		return
	}
	if len(t.spill) >= maxSpilled {
		clear(t.spill)
	}
	t.spill[k] = outcome
}

// widen grows dense until k fits, unless it would outgrow maxDenseBits.
func (t *answerTable) widen(k [4]int32) {
	bits, total := t.bits, 0
	for d, id := range k {
		for id >= 1<<bits[d] {
			bits[d]++
		}
		total += int(bits[d])
	}
	if total > maxDenseBits {
		return
	}
	old, oldBits := t.dense, t.bits
	t.bits, t.dense = bits, make([]int32, 1<<total)
	for i, o := range old {
		if o == 0 {
			continue
		}
		var k [4]int32
		for d := len(k) - 1; d >= 0; d-- {
			k[d] = int32(i & (1<<oldBits[d] - 1))
			i >>= oldBits[d]
		}
		j, _ := t.index(k)
		t.dense[j] = o
	}
}
