package calibrate

import (
	"fmt"
	"hash/maphash"
)

// keyIndex numbers the distinct keys of both files, in the order they
// first come.
//
// While each file's keys only increase (an export sorted by employee id),
// it merges the two: each side keeps the people it numbered, in order, and
// a cursor in the other side's, so a key is found or known to be new by
// comparing it with the next few keys of the other side, read in order,
// with no hashing and no table. The first key of a side that does not
// follow its last one (a file in another order, or a key repeated) ends
// the merge for good: every key so far goes into the hash table, and all
// later ones are looked up there.
//
// The hash table is an open-addressed array of 64-bit slots, each a
// person and 32 bits of its key's hash, so nothing in it holds a pointer
// (the collector has nothing to scan however many people there are) and
// a lookup costs one probe of a flat array and, on a match, one key
// comparison. Its probes are where it costs: a table of a million people
// is far larger than the processor's caches, so nearly every new key's
// probe waits for memory, which is what the merge saves.
type keyIndex struct {
	hash func(string) uint64
	// seed hashes the whole of a key longer than MaxCellBytes, which is
	// kept cut (keptCell) and told from others by that hash, in long.
	seed maphash.Seed
	long map[int32]uint64
	// arena keeps the keys' text, so that a key is a slice of it,
	// written in a record with no copy of its own.
	arena textArena
	// starts are where each person's key starts in arena, and after the
	// last one, the arena's end.
	starts blocks[uint32]

	merging bool
	// last is each side's last key's person, -1 before its first key.
	last [2]int32
	// numbered are the people each side numbered, in order; cursor is
	// where each side is in the other's.
	numbered [2]blocks[int32]
	cursor   [2]int

	// slots are nil while merging; then 0 when empty, else the hash's
	// low 32 bits above the person's number plus 1; a key's probe starts
	// at its hash and goes up.
	slots []uint64
}

// minSlots is the table's smallest size, a power of two.
const minSlots = 1 << 10

func newKeyIndex() keyIndex {
	seed := maphash.MakeSeed()
	return newKeyIndexHashing(func(key string) uint64 { return maphash.String(seed, key) })
}

// newKeyIndexHashing lets the tests make every key collide.
func newKeyIndexHashing(hash func(string) uint64) keyIndex {
	k := keyIndex{hash: hash, seed: maphash.MakeSeed(), long: map[int32]uint64{}, merging: true, last: [2]int32{-1, -1}}
	k.starts.add(0)
	return k
}

// people is how many keys are numbered.
func (k *keyIndex) people() int { return k.starts.len() - 1 }

// key returns a person's key.
func (k *keyIndex) key(p int32) string {
	return k.arena.text(*k.starts.at(int(p)), *k.starts.at(int(p) + 1))
}

// of returns the person with a key, found on side s (0 or 1), numbering
// it if it is new. guess is the person the key likely has, or any number:
// two files exported from one system often list their people in the same
// order, and comparing one key in the arena, which is read in order then,
// costs much less than a probe of the table.
func (k *keyIndex) of(key string, side int, guess int32) (person int32, err error) {
	if len(key) > MaxCellBytes {
		return k.ofLong(key)
	}
	if k.merging {
		if last := k.last[side]; last < 0 || k.key(last) < key {
			person, err = k.merge(key, side)
			k.last[side] = person
			return person, err
		}
		k.stopMerging()
	}
	if guess >= 0 && int(guess) < k.people() && k.key(guess) == key && !k.isLong(guess) {
		return guess, nil
	}
	return k.find(key, uint32(k.hash(key)), func(p int32) bool { return k.key(p) == key && !k.isLong(p) })
}

// ofLong returns the person with a key longer than MaxCellBytes: kept
// cut, found by its whole value's hash. Such a key ends the merge, whose
// order a cut key would not keep.
func (k *keyIndex) ofLong(key string) (int32, error) {
	if k.merging {
		k.stopMerging()
	}
	kept, whole, _ := keptCell(key, k.seed)
	p, err := k.find(kept, uint32(whole), func(p int32) bool { return k.isLong(p) && k.long[p] == whole && k.key(p) == kept })
	if err == nil {
		k.long[p] = whole
	}
	return p, err
}

func (k *keyIndex) isLong(p int32) bool {
	if len(k.long) == 0 { // the common case, without a lookup
		return false
	}
	_, ok := k.long[p]
	return ok
}

// find looks a key up in the hash table by its hash h, and numbers it
// when no person is the key.
func (k *keyIndex) find(key string, h uint32, is func(p int32) bool) (int32, error) {
	mask := uint32(len(k.slots) - 1)
	i := h & mask
	for ; k.slots[i] != 0; i = (i + 1) & mask {
		s := k.slots[i]
		if uint32(s>>32) == h {
			if p := int32(uint32(s) - 1); is(p) {
				return p, nil
			}
		}
	}
	person, err := k.add(key)
	if err != nil {
		return 0, err
	}
	k.slots[i] = slot(h, person)
	if 4*k.people() > 3*len(k.slots) {
		k.slots = k.rehash(2 * len(k.slots))
	}
	return person, nil
}

// merge finds a key greater than its side's last among the people the
// other side numbered, from where that side's search last stopped; it is
// there if the other side has come to it, and otherwise new.
func (k *keyIndex) merge(key string, side int) (int32, error) {
	other := &k.numbered[1-side]
	c := k.cursor[side]
	for c < other.len() && k.key(*other.at(c)) < key {
		c++
	}
	k.cursor[side] = c
	if c < other.len() {
		if p := *other.at(c); k.key(p) == key {
			return p, nil
		}
	}
	p, err := k.add(key)
	if err != nil {
		return 0, err
	}
	k.numbered[side].add(p)
	return p, nil
}

// stopMerging puts every key so far in the hash table.
func (k *keyIndex) stopMerging() {
	k.merging = false
	k.numbered = [2]blocks[int32]{}
	n := minSlots
	for 4*k.people() > 3*n {
		n *= 2
	}
	k.slots = k.rehash(n)
}

// add numbers a new key.
func (k *keyIndex) add(key string) (int32, error) {
	start, ok := k.arena.add(key)
	if !ok {
		return 0, fmt.Errorf("the keys add up to more than %d bytes, which is more than calibrate holds; split the files", maxArenaBytes)
	}
	*k.starts.at(k.starts.len() - 1) = start
	k.starts.add(k.arena.end())
	return int32(k.people() - 1), nil
}

func slot(h uint32, person int32) uint64 { return uint64(h)<<32 | uint64(person+1) }

// rehash returns a table of n slots holding every person. A table that
// doubles is placed again by the hash bits its slots keep, so no key is
// hashed twice; the first table hashes the keys the merge numbered.
func (k *keyIndex) rehash(n int) []uint64 {
	slots := make([]uint64, n)
	mask := uint32(n - 1)
	place := func(s uint64) {
		i := uint32(s>>32) & mask
		for slots[i] != 0 {
			i = (i + 1) & mask
		}
		slots[i] = s
	}
	if k.slots == nil {
		for p := range int32(k.people()) {
			place(slot(uint32(k.hash(k.key(p))), p))
		}
		return slots
	}
	for _, s := range k.slots {
		if s != 0 {
			place(s)
		}
	}
	return slots
}
