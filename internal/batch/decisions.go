package batch

// decisions caches outcomes by decisionKey. It does what a
// map[decisionKey]*outcome does, for the lookup every advised row makes,
// without a Go map's general hashing of a struct key: the key's numbers
// are mixed by two multiplications. Open addressing with linear probing,
// at most half full.
type decisions struct {
	slots []decisionSlot
	n     int
}

type decisionSlot struct {
	key decisionKey
	out *outcome // nil: the slot is free
}

func newDecisions() *decisions { return &decisions{slots: make([]decisionSlot, 64)} }

// hash mixes the key's numbers; each is small and distinct per kind.
func (k decisionKey) hash() uint64 {
	h := (k.match*0x9e3779b97f4a7c15 ^ k.acc) * 0xff51afd7ed558ccd
	h = (h ^ k.years*0xc4ceb9fe1a85ec53 ^ k.start) * 0x9e3779b97f4a7c15
	return h ^ h>>29
}

func (d *decisions) get(k decisionKey) *outcome {
	mask := uint64(len(d.slots) - 1)
	for i := k.hash() & mask; ; i = (i + 1) & mask {
		slot := &d.slots[i]
		if slot.out == nil || slot.key == k {
			return slot.out
		}
	}
}

// put caches out for k, which get has just missed, after emptying the
// cache if it holds limit outcomes.
func (d *decisions) put(k decisionKey, out *outcome, limit int) {
	if d.n >= limit {
		clear(d.slots)
		d.n = 0
	}
	if 2*(d.n+1) > len(d.slots) {
		old := d.slots
		d.slots = make([]decisionSlot, 2*len(old))
		for _, s := range old {
			if s.out != nil {
				d.insert(s.key, s.out)
			}
		}
	}
	d.insert(k, out)
	d.n++
}

func (d *decisions) insert(k decisionKey, out *outcome) {
	mask := uint64(len(d.slots) - 1)
	i := k.hash() & mask
	for d.slots[i].out != nil {
		i = (i + 1) & mask
	}
	d.slots[i] = decisionSlot{key: k, out: out}
}
