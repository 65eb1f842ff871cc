package batch

import "hash/maphash"

// spellings caches what each spelling of an answer comes to. It does what
// a map[string]V does, for the three lookups every row makes: a staff list
// spells each answer a few dozen ways, and a Go map spends most of a
// lookup's time on its general machinery (a third of a report's run went
// to those lookups), where this one hashes the cell, looks at one slot and
// compares. Open addressing with linear probing, at most half full;
// cleared, like the other caches, when it reaches maxCached entries.
type spellings[V any] struct {
	seed  maphash.Seed
	slots []spellingSlot[V]
	n     int
}

type spellingSlot[V any] struct {
	hash  uint64
	used  bool
	key   string
	value V
}

func newSpellings[V any]() *spellings[V] {
	return &spellings[V]{seed: maphash.MakeSeed(), slots: make([]spellingSlot[V], 64)}
}

// get returns the value cached for b, nil if none; it is valid until the
// next put.
func (s *spellings[V]) get(b []byte) *V {
	h := maphash.Bytes(s.seed, b)
	mask := uint64(len(s.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		slot := &s.slots[i]
		if !slot.used {
			return nil
		}
		if slot.hash == h && slot.key == string(b) {
			return &slot.value
		}
	}
}

// of returns what b comes to: the cached value, or on a miss what resolve
// makes of it, cached.
func (s *spellings[V]) of(b []byte, resolve func(string) V) *V {
	if v := s.get(b); v != nil {
		return v
	}
	v := resolve(string(b))
	s.put(b, v)
	return &v
}

// put caches v for b, which get has just missed.
func (s *spellings[V]) put(b []byte, v V) {
	if s.n >= maxCached {
		clear(s.slots)
		s.n = 0
	}
	if 2*(s.n+1) > len(s.slots) {
		s.grow()
	}
	s.insert(maphash.Bytes(s.seed, b), string(b), v)
	s.n++
}

func (s *spellings[V]) insert(h uint64, key string, v V) {
	mask := uint64(len(s.slots) - 1)
	i := h & mask
	for s.slots[i].used {
		i = (i + 1) & mask
	}
	s.slots[i] = spellingSlot[V]{hash: h, used: true, key: key, value: v}
}

func (s *spellings[V]) grow() {
	old := s.slots
	s.slots = make([]spellingSlot[V], 2*len(old))
	for _, slot := range old {
		if slot.used {
			s.insert(slot.hash, slot.key, slot.value)
		}
	}
}
