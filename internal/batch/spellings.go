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
// An entry keeps no more of its cell than keyPrefix bytes, in itself: a
// cell up to that long is compared whole, a longer one by its length, its
// prefix and a second hash of the whole, so 128 bits of hash in all. So the cache's memory does not grow with the cells' length
// (4,096 keys of 250 KB roles took 1 GB), and a lookup reads a slot and
// its entry, where a key kept as a string cost a read from elsewhere in
// memory too.
type spellings[V any] struct {
	seed, longSeed maphash.Seed
	// slots index entries: 16 bytes each, so that the table a lookup
	// probes stays small enough for the processor's cache even with
	// thousands of spellings (a staff list's tenure has 2,501 at two
	// decimals), and only the entry it finds is read besides.
	slots   []spellingSlot
	entries []spellingEntry[V]
}

// keyPrefix is how many bytes of a cell an entry keeps: a role's name or
// a date fits.
const keyPrefix = 32

type spellingSlot struct {
	hash  uint64
	entry int32 // the entry's index plus 1; 0 for a free slot
	_     int32
}

type spellingEntry[V any] struct {
	long   uint64 // the second hash, of a cell longer than keyPrefix
	length int    // the cell's
	prefix [keyPrefix]byte
	value  V
}

func newSpellings[V any]() *spellings[V] {
	return &spellings[V]{seed: maphash.MakeSeed(), longSeed: maphash.MakeSeed(), slots: make([]spellingSlot, 64)}
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
		if slot.entry == 0 {
			return nil
		}
		if slot.hash != h {
			continue
		}
		e := &s.entries[slot.entry-1]
		if e.length == len(b) && e.long == long && bytes.Equal(e.prefix[:min(len(b), keyPrefix)], b[:min(len(b), keyPrefix)]) {
			return &e.value
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
	if len(s.entries) >= maxCached {
		clear(s.slots)
		clear(s.entries)
		s.entries = s.entries[:0]
	}
	if 2*(len(s.entries)+1) > len(s.slots) {
		s.grow()
	}
	e := spellingEntry[V]{length: len(b), value: v}
	if len(b) > keyPrefix {
		e.long = maphash.Bytes(s.longSeed, b)
	}
	copy(e.prefix[:], b)
	s.entries = append(s.entries, e)
	s.insert(spellingSlot{hash: maphash.Bytes(s.seed, b), entry: int32(len(s.entries))})
	return &s.entries[len(s.entries)-1].value
}

func (s *spellings[V]) insert(slot spellingSlot) {
	mask := uint64(len(s.slots) - 1)
	i := slot.hash & mask
	for s.slots[i].entry != 0 {
		i = (i + 1) & mask
	}
	s.slots[i] = slot
}

func (s *spellings[V]) grow() {
	old := s.slots
	s.slots = make([]spellingSlot, 2*len(old))
	for _, slot := range old {
		if slot.entry != 0 {
			s.insert(slot)
		}
	}
}
