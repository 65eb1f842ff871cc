package batch

import (
	"bytes"
	"hash/maphash"
)

// spellings caches what each spelling of an answer comes to. It does what
// a map[string]V does, for the three lookups every row makes: a staff list
// spells each answer a few dozen ways, and a Go map spends most of a
// lookup's time on its general machinery (a third of a report's run went
// to those lookups), where this one hashes the cell, looks at one slot and
// compares. Open addressing with linear probing, at most half full;
// cleared, like the other caches, when it reaches maxCached entries.
//
// A slot keeps no more of its cell than keyPrefix bytes, in the slot
// itself: a cell up to that long is compared whole, a longer one by its
// length, its prefix and a second hash of the whole, so 128 bits of hash
// in all. So the cache's memory does not grow with the cells' length
// (4,096 keys of 250 KB roles took 1 GB), and a lookup reads one slot,
// where a key kept as a string cost a second read from elsewhere in
// memory (with tenure's thousands of distinct years, a miss of the
// processor's cache on most rows).
type spellings[V any] struct {
	seed, longSeed maphash.Seed
	slots          []spellingSlot[V]
	n              int
}

// keyPrefix is how many bytes of a cell a slot keeps: a role's name or a
// date fits.
const keyPrefix = 32

type spellingSlot[V any] struct {
	hash   uint64
	long   uint64 // the second hash, of a cell longer than keyPrefix
	length int    // the cell's; -1 for a free slot
	prefix [keyPrefix]byte
	value  V
}

func newSpellings[V any]() *spellings[V] {
	s := &spellings[V]{seed: maphash.MakeSeed(), longSeed: maphash.MakeSeed()}
	s.slots = freeSlots[V](64)
	return s
}

func freeSlots[V any](n int) []spellingSlot[V] {
	slots := make([]spellingSlot[V], n)
	for i := range slots {
		slots[i].length = -1
	}
	return slots
}

// get returns the value cached for b, nil if none; it is valid until the
// next put.
func (s *spellings[V]) get(b []byte) *V {
	h := maphash.Bytes(s.seed, b)
	var long uint64
	if len(b) > keyPrefix {
		long = maphash.Bytes(s.longSeed, b)
	}
	mask := uint64(len(s.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		slot := &s.slots[i]
		if slot.length < 0 {
			return nil
		}
		if slot.hash == h && slot.length == len(b) && slot.long == long &&
			bytes.Equal(slot.prefix[:min(len(b), keyPrefix)], b[:min(len(b), keyPrefix)]) {
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
	return s.put(b, v)
}

// put caches v for b, which get has just missed, and returns where.
func (s *spellings[V]) put(b []byte, v V) *V {
	if s.n >= maxCached {
		clear(s.slots)
		for i := range s.slots {
			s.slots[i].length = -1
		}
		s.n = 0
	}
	if 2*(s.n+1) > len(s.slots) {
		s.grow()
	}
	slot := spellingSlot[V]{hash: maphash.Bytes(s.seed, b), length: len(b), value: v}
	if len(b) > keyPrefix {
		slot.long = maphash.Bytes(s.longSeed, b)
	}
	copy(slot.prefix[:], b)
	s.n++
	return s.insert(slot)
}

func (s *spellings[V]) insert(slot spellingSlot[V]) *V {
	mask := uint64(len(s.slots) - 1)
	i := slot.hash & mask
	for s.slots[i].length >= 0 {
		i = (i + 1) & mask
	}
	s.slots[i] = slot
	return &s.slots[i].value
}

func (s *spellings[V]) grow() {
	old := s.slots
	s.slots = freeSlots[V](2 * len(old))
	for _, slot := range old {
		if slot.length >= 0 {
			s.insert(slot)
		}
	}
}
