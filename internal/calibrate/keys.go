package calibrate

import (
	"fmt"
	"hash/maphash"
	"math"
	"strings"
)

// keyIndex numbers the distinct keys of both files. The keys live in one
// arena and the table is an open-addressed array of 64-bit slots, each a
// person and 32 bits of its key's hash, so nothing in it holds a pointer
// (the collector has nothing to scan however many people there are) and
// a lookup costs one probe of a flat array and, on a match, one key
// comparison, where a map of hashes cost a directory, a group and a slot.
// A person costs some 20 bytes.
type keyIndex struct {
	hash func(string) uint64
	// slots are 0 when empty, else the hash's low 32 bits above the
	// person's number plus 1; a key's probe starts at its hash and goes up.
	slots  []uint64
	people int
	// arena is a Builder so that a key is a slice of its text, written
	// in a record with no copy of its own.
	arena  strings.Builder
	starts blocks[uint32] // where each person's key starts in arena; ends at the next
}

// maxKeyBytes bounds the arena, whose offsets are 32 bits.
const maxKeyBytes = math.MaxUint32

// minSlots is the table's first size, a power of two.
const minSlots = 1 << 10

func newKeyIndex() keyIndex {
	seed := maphash.MakeSeed()
	return newKeyIndexHashing(func(key string) uint64 { return maphash.String(seed, key) })
}

// newKeyIndexHashing lets the tests make every key collide.
func newKeyIndexHashing(hash func(string) uint64) keyIndex {
	k := keyIndex{hash: hash, slots: make([]uint64, minSlots)}
	k.starts.add(0)
	return k
}

// key returns a person's key.
func (k *keyIndex) key(p int32) string {
	return k.arena.String()[*k.starts.at(int(p)):*k.starts.at(int(p) + 1)]
}

// of returns the person with a key, numbering it if it is new. guess is
// the person the key likely has, or any number: two files exported from
// one system often list their people in the same order, and comparing
// one key in the arena, which is read in order then, costs much less
// than a probe of the table, which is a cache miss once it is large.
func (k *keyIndex) of(key string, guess int32) (person int32, err error) {
	if guess >= 0 && int(guess) < k.people && k.key(guess) == key {
		return guess, nil
	}
	h := uint32(k.hash(key))
	mask := uint32(len(k.slots) - 1)
	i := h & mask
	for ; k.slots[i] != 0; i = (i + 1) & mask {
		s := k.slots[i]
		if uint32(s>>32) == h {
			if p := int32(uint32(s) - 1); k.key(p) == key {
				return p, nil
			}
		}
	}
	if k.arena.Len()+len(key) > maxKeyBytes {
		return 0, fmt.Errorf("the keys add up to more than %d bytes, which is more than calibrate holds; split the files", maxKeyBytes)
	}
	person = int32(k.people)
	k.people++
	if k.arena.Cap()-k.arena.Len() < len(key) {
		// Grow doubles the arena where WriteString would add a quarter,
		// copying it more often.
		k.arena.Grow(len(key))
	}
	k.arena.WriteString(key)
	k.starts.add(uint32(k.arena.Len()))
	k.slots[i] = slot(h, person)
	if 4*k.people > 3*len(k.slots) {
		k.grow()
	}
	return person, nil
}

func slot(h uint32, person int32) uint64 { return uint64(h)<<32 | uint64(person+1) }

// grow doubles the table, placing each slot again by the hash bits it
// keeps, so no key is hashed twice.
func (k *keyIndex) grow() {
	old := k.slots
	k.slots = make([]uint64, 2*len(old))
	mask := uint32(len(k.slots) - 1)
	for _, s := range old {
		if s == 0 {
			continue
		}
		i := uint32(s>>32) & mask
		for k.slots[i] != 0 {
			i = (i + 1) & mask
		}
		k.slots[i] = s
	}
}
