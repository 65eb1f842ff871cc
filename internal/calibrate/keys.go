package calibrate

import (
	"fmt"
	"hash/maphash"
	"math"
)

// keyIndex numbers the distinct keys of both files. The keys live in one
// arena and the map is keyed by their 64-bit hash, so nothing in it holds
// a pointer: the collector has nothing to scan however many people there
// are, and a person costs some 40 bytes instead of a string map's 80.
// Keys whose hashes collide are chained through next.
type keyIndex struct {
	hash   func(string) uint64
	first  map[uint64]int32 // the first person with a hash
	next   []int32          // the next person with the same hash; -1 at the end
	arena  []byte
	starts []uint32 // where each person's key starts in arena; ends at the next
}

// maxKeyBytes bounds the arena, whose offsets are 32 bits.
const maxKeyBytes = math.MaxUint32

func newKeyIndex() keyIndex {
	seed := maphash.MakeSeed()
	return newKeyIndexHashing(func(key string) uint64 { return maphash.String(seed, key) })
}

// newKeyIndexHashing lets the tests make every key collide.
func newKeyIndexHashing(hash func(string) uint64) keyIndex {
	return keyIndex{hash: hash, first: map[uint64]int32{}, starts: []uint32{0}}
}

// key returns a person's key.
func (k *keyIndex) key(p int32) string { return string(k.bytes(p)) }

func (k *keyIndex) bytes(p int32) []byte { return k.arena[k.starts[p]:k.starts[p+1]] }

// of returns the person with a key, numbering it if it is new.
func (k *keyIndex) of(key string) (person int32, err error) {
	h := k.hash(key)
	p, ok := k.first[h]
	if ok {
		for ; p >= 0; p = k.next[p] {
			if string(k.bytes(p)) == key {
				return p, nil
			}
		}
	}
	if len(k.arena)+len(key) > maxKeyBytes {
		return 0, fmt.Errorf("the keys add up to more than %d bytes, which is more than calibrate holds; split the files", maxKeyBytes)
	}
	person = int32(len(k.next))
	k.arena = append(k.arena, key...)
	k.starts = append(k.starts, uint32(len(k.arena)))
	if ok {
		k.next = append(k.next, k.first[h]) // the new person heads the chain
	} else {
		k.next = append(k.next, -1)
	}
	k.first[h] = person
	return person, nil
}
