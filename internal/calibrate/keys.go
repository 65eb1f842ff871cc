package calibrate

import (
	"fmt"
	"hash/maphash"
	"strings"
)

// keyIndex numbers the distinct keys of both files.
//
// While each file's keys only increase (an export sorted by employee id),
// it merges the two: each side keeps the people it numbered, in order, and
// a cursor in the other side's, so a key is found or known to be new by
// comparing it with the next few keys of the other side, read in order,
// with no hashing and no table. The first key of a side that does not
// follow its last one (a file in another order, or a key repeated) ends
// the merge for good: the keys so far, and every later one, are only kept,
// each in the partition its hash picks (partitioned), and numbered once
// both files are read (Join.resolve), a partition at a time. Finding each
// key as it came in a table of a million people waited for memory on
// nearly every row, under the lock the two readers share.
type keyIndex struct {
	// seed hashes a key, the whole of it when it is longer than
	// MaxCellBytes: such a key is kept cut (keptCell) and told from
	// others by that hash. testHash, when set, hashes keys instead.
	seed     maphash.Seed
	testHash func(string) uint64
	// arena keeps the keys' text, so that a key is a slice of it,
	// written in a record with no copy of its own.
	arena textArena
	// starts are where each person's key starts in arena, and after the
	// last one, the arena's end.
	starts blocks[uint32]

	merging bool
	// last is each side's last key's person, -1 before its first key,
	// and lastKey that key, a view of arena.
	last    [2]int32
	lastKey [2]string
	// numbered are the people each side numbered, in order; cursor is
	// where each side is in the other's.
	numbered [2]blocks[int32]
	cursor   [2]int

	// pending are the keys since the merge stopped, and the merge's.
	pending partitioned
}

// minSlots is a hash table's smallest size, a power of two.
const minSlots = 1 << 10

// unresolved is the person of a row whose key is pending.
const unresolved = -2

func newKeyIndex() keyIndex { return newKeyIndexHashing(nil) }

// newKeyIndexHashing lets the tests make every key collide.
func newKeyIndexHashing(hash func(string) uint64) keyIndex {
	k := keyIndex{seed: maphash.MakeSeed(), testHash: hash, merging: true, last: [2]int32{-1, -1}}
	k.starts.add(0)
	return k
}

func (k *keyIndex) hash(key string) uint64 {
	if k.testHash != nil {
		return k.testHash(key)
	}
	return maphash.String(k.seed, key)
}

// hashBytes is hash, for a key in a partition's records.
func (k *keyIndex) hashBytes(key []byte) uint64 {
	if k.testHash != nil {
		return k.testHash(string(key))
	}
	return maphash.Bytes(k.seed, key)
}

// people is how many keys are numbered.
func (k *keyIndex) people() int { return k.starts.len() - 1 }

// key returns a person's key.
func (k *keyIndex) key(p int32) string {
	return k.arena.text(*k.starts.at(int(p)), *k.starts.at(int(p) + 1))
}

// of returns the person with a key, found on side s (0 or 1), numbering
// it if it is new; once the merge has stopped, it returns unresolved, and
// the key is for keep.
func (k *keyIndex) of(key string, side int) (person int32, err error) {
	if k.merging {
		// A key longer than MaxCellBytes, kept cut, would not keep the
		// merge's order.
		if len(key) <= MaxCellBytes && (k.last[side] < 0 || k.lastKey[side] < key) {
			if person, err = k.merge(key, side); err != nil {
				return 0, err
			}
			k.last[side], k.lastKey[side] = person, k.key(person)
			return person, nil
		}
		if err := k.stopMerging(); err != nil {
			return 0, err
		}
	}
	return unresolved, nil
}

// keep keeps for resolve a key that of left unresolved: side s's, at
// position row of its side. Each side's keys go to lists of their own, so
// the two sides may keep keys at the same time; the merge's state is left
// alone.
func (k *keyIndex) keep(side int, key string, row int32) error {
	kept, _, cut := keptCell(key, k.seed)
	return k.pending.add(fromSelf+side, kept, k.hash(key), cut, row)
}

// stopMerging ends the merge and puts the people it numbered in the
// partitions.
func (k *keyIndex) stopMerging() error {
	k.merging = false
	k.numbered = [2]blocks[int32]{}
	for source := range k.pending.lists {
		k.pending.lists[source] = make([]keyList, partitions)
	}
	for p := range int32(k.people()) {
		key := k.key(p)
		if err := k.pending.add(fromMerge, key, k.hash(key), false, p); err != nil {
			return err
		}
	}
	return nil
}

// keysTooLong is the error for keys beyond what calibrate holds.
func keysTooLong() error {
	return fmt.Errorf("the keys add up to more than %d bytes, which is more than calibrate holds; split the files", maxArenaBytes)
}

// merge finds a key greater than its side's last among the people the
// other side numbered, from where that side's search last stopped; it is
// there if the other side has come to it, and otherwise new.
func (k *keyIndex) merge(key string, side int) (int32, error) {
	other := &k.numbered[1-side]
	c := k.cursor[side]
	for ; c < other.len(); c++ {
		p := *other.at(c)
		if order := strings.Compare(k.key(p), key); order >= 0 {
			k.cursor[side] = c
			if order == 0 {
				return p, nil
			}
			break
		}
	}
	k.cursor[side] = c
	p, err := k.add(key)
	if err != nil {
		return 0, err
	}
	k.numbered[side].add(p)
	return p, nil
}

// add numbers a new key.
func (k *keyIndex) add(key string) (int32, error) {
	start, ok := k.arena.add(key)
	if !ok {
		return 0, keysTooLong()
	}
	*k.starts.at(k.starts.len() - 1) = start
	k.starts.add(k.arena.end())
	return int32(k.people() - 1), nil
}

// append numbers the keys of other after its own.
func (k *keyIndex) append(other *keyIndex) error {
	if len(k.arena.chunks)+len(other.arena.chunks) > maxArenaChunks {
		return keysTooLong()
	}
	// Whole chunks move: every address moves by the same.
	shift := uint32(len(k.arena.chunks)) << arenaChunkBits
	k.arena.chunks = append(k.arena.chunks, other.arena.chunks...)
	for p := range other.people() {
		*k.starts.at(k.starts.len() - 1) = *other.starts.at(p) + shift
		k.starts.add(*other.starts.at(p + 1) + shift)
	}
	return nil
}
