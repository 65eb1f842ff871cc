package calibrate

// Numbering the keys kept since the merge stopped, once both files are
// read: a hash join partitioned by the keys' hashes, so that each
// partition's table and keys stay in a core's cache.

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// partitionBits are the top bits of a key's hash that pick its partition:
// 256 partitions, so that two files of a million rows each make
// partitions of some 8,000 keys, whose table, entries and text take a few
// hundred KB, within a core's cache; fewer streams into them keep the
// reading and the numbering in the cache too.
const partitionBits = 8

const partitions = 1 << partitionBits

// A partition's number is a uint8 (partitioned.of): this does not compile
// with more partitions than that holds.
const _ = uint8(partitions - 1)

// The sources of a partition's keys, in the order the join takes them: the
// people the merge numbered, then each side's rows' keys since.
const (
	fromMerge = iota
	fromSelf
	fromManager
	sources
)

// keyList are the keys of one source in one partition, as they came: for
// each its entry, and in text its record: the key's length and whether it
// was cut (cutLength), its bytes and, when cut (keptCell), its whole
// value's hash. Two keys are one when their records are equal.
//
// An entry is 4 bytes, as the lists hold two million: the person, for a
// key the merge numbered, else the row's position in its side, and once
// told, a row's person in the join. A key's hash is worked out again from
// its record when joined: kept in the entries, it took 8 MB more for a
// million rows a side.
type keyList struct {
	entries []uint32
	text    []byte
}

// maxListText bounds a keyList's text, whose records localPerson finds
// by 30-bit offsets.
const maxListText = 1 << 30

// keyPartition are the lists of the keys whose hashes start with one
// partition's bits, by source.
type keyPartition [sources]*keyList

// localPerson is a key found in a partition.
type localPerson struct {
	// record is where its first record is: its source above 30 bits of
	// offset in that source's text.
	record uint32
	person int32 // its number in the join, or -1 before it has one
	rows   personRows
	self   int32 // its first SELF row, or -1
}

// partitioned are the keys the join resolves once both files are read.
type partitioned struct {
	// lists are each source's keys by partition, made when the merge
	// stops; a side's lists are apart from the other's, whose reader
	// adds to them on the other core.
	lists [sources][]keyList
	// of are each pending row's partition, by side.
	of [2]blocks[uint8]
}

// pending reports whether keys wait for resolve.
func (ps *partitioned) pending() bool { return ps.of[0].len()+ps.of[1].len() > 0 }

// add keeps a key of a source, kept as keptCell cuts it, with the hash of
// the key or, when cut, of its whole value.
func (ps *partitioned) add(source int, kept string, hash uint64, cut bool, ref int32) error {
	p := hash >> (64 - partitionBits)
	list := &ps.lists[source][p]
	if len(list.text)+len(kept)+maxRecordOverhead > maxListText {
		return keysTooLong()
	}
	list.entries = append(list.entries, uint32(ref))
	list.text = binary.AppendUvarint(list.text, cutLength(len(kept), cut))
	list.text = append(list.text, kept...)
	if cut {
		list.text = binary.LittleEndian.AppendUint64(list.text, hash)
	}
	if source != fromMerge {
		ps.of[source-fromSelf].add(uint8(p))
	}
	return nil
}

// cutLength is a record's first field: the key's length, and in its
// lowest bit whether it was cut, so that a cut key's record and another
// key's differ.
func cutLength(n int, cut bool) uint64 {
	if cut {
		return uint64(n)<<1 | 1
	}
	return uint64(n) << 1
}

// maxRecordOverhead is the most a record takes beyond its key's bytes.
const maxRecordOverhead = binary.MaxVarintLen64 + 8

// record returns the record starting at offset at of the list's text: the
// whole of it, the key in it, and whether the key was cut.
func (list *keyList) record(at uint32) (record, key []byte, cut bool) {
	n, size := binary.Uvarint(list.text[at:])
	from := at + uint32(size)
	to := from + uint32(n>>1)
	end := to
	if cut = n&1 != 0; cut {
		end += 8
	}
	return list.text[at:end], list.text[from:to], cut
}

// joining is what a core keeps between the partitions it joins: a table,
// and the people of the partition it joined last.
type joining struct {
	keys   *keyIndex // which hashes the keys
	table  []int32
	people []localPerson
}

// join finds the partition's distinct keys, its people, in a table, and
// sets each entry's local to its person among them.
func (part keyPartition) join(jn *joining, local localPeople) {
	n := 0
	for _, list := range part {
		n += len(list.entries)
	}
	size := 16
	for size < 2*n {
		size *= 2
	}
	if cap(jn.table) < size {
		jn.table = make([]int32, size)
	}
	table := jn.table[:size]
	clear(table)
	mask := uint32(size - 1)
	jn.people = jn.people[:0]
	for source, list := range part {
		var at uint32
		for e, ref := range list.entries {
			record, key, cut := list.record(at)
			l := int32(-1)
			i := uint32(jn.hashOf(record, key, cut)) & mask
			for ; table[i] != 0; i = (i + 1) & mask {
				if c := table[i] - 1; part.is(&jn.people[c], record) {
					l = c
					break
				}
			}
			if l < 0 {
				l = int32(len(jn.people))
				table[i] = l + 1
				jn.people = append(jn.people, localPerson{record: uint32(source)<<30 | at, person: -1,
					rows: personRows{manager: -1}, self: -1})
			}
			at += uint32(len(record))
			jn.people[l].found(source, ref)
			local[source][e] = uint32(l)
		}
	}
}

// localPeople are each entry's person among its partition's people, by
// source.
type localPeople [sources][]uint32

func newLocalPeople(part keyPartition) localPeople {
	var local localPeople
	for source, list := range part {
		local[source] = make([]uint32, len(list.entries))
	}
	return local
}

// recount finds the partition's people again from its entries' locals,
// with no table: n of them.
func (part keyPartition) recount(jn *joining, local localPeople, n int) {
	jn.people = slices.Grow(jn.people[:0], n)[:n]
	for l := range jn.people {
		jn.people[l] = localPerson{person: -1, rows: personRows{manager: -1}, self: -1}
	}
	for source, list := range part {
		for e, ref := range list.entries {
			jn.people[local[source][e]].found(source, ref)
		}
	}
}

// hashOf returns the hash of a record's key: its whole value's, kept after
// it, when it was cut.
func (jn *joining) hashOf(record, key []byte, cut bool) uint64 {
	if cut {
		return binary.LittleEndian.Uint64(record[len(record)-8:])
	}
	return jn.keys.hashBytes(key)
}

// found counts an entry of a source as the person's.
func (lp *localPerson) found(source int, ref uint32) {
	switch source {
	case fromMerge:
		lp.person = int32(ref)
	case fromSelf:
		if lp.self < 0 {
			lp.self = int32(ref)
		}
		lp.rows.count[0]++
	case fromManager:
		if lp.rows.manager < 0 {
			lp.rows.manager = int32(ref)
		}
		lp.rows.count[1]++
	}
}

// is reports whether a person's key has a record.
func (part keyPartition) is(lp *localPerson, record []byte) bool {
	at := lp.record
	text := part[at>>30].text[at&(maxListText-1):]
	return len(record) <= len(text) && bytes.Equal(record, text[:len(record)])
}

// unkeptKey is a row's key that the merge left, before it is kept.
type unkeptKey struct {
	key string
	row int32
}

// keepUnkept keeps a side's unkept keys for resolve.
func (j *Join) keepUnkept(s int) error {
	defer func() {
		clear(j.unkept[s])
		j.unkept[s] = j.unkept[s][:0]
	}()
	for _, u := range j.unkept[s] {
		if err := j.people.keep(s, u.key, u.row); err != nil {
			return err
		}
	}
	return nil
}

// settle numbers the pending keys, once, before the first record.
func (j *Join) settle() error {
	j.resolved.Do(func() {
		if j.resolveErr = j.resolve(); j.resolveErr == nil {
			j.pairManagers()
		}
	})
	return j.resolveErr
}

// resolve numbers the keys kept since the merge stopped and sets their
// rows' people and the people's rows, as Add does for the merge's.
//
// The partitions are joined on every core. The new people are numbered
// in the order of their first rows, SELF's first, as the merge numbers
// them, so that the records, written in that order, read the people in
// order: the join marks each new person's first row (firstRows), and a
// person's number is how many marked rows come before its own, so each
// partition then numbers its people and tells its entries on its own.
// Between the two, a partition keeps its entries' people among its own
// (localPeople, 4 bytes an entry), from which it finds its people again,
// with no table, rather than every partition holding its people (some 26
// MB for a million rows a side).
// Then each side's rows read their people from the partitions in the
// rows' order, each partition's entries in theirs, and each new person's
// key is kept as its first row comes.
func (j *Join) resolve() error {
	ps := &j.people.pending
	if !ps.pending() {
		return nil
	}
	first := newFirstRows(j.rows[0].len() + j.rows[1].len())
	locals := make([]localPeople, partitions)
	people := make([]int, partitions)
	ps.eachPartition(&j.people, func(p int, part keyPartition, jn *joining) {
		locals[p] = newLocalPeople(part)
		part.join(jn, locals[p])
		for l := range jn.people {
			if lp := &jn.people[l]; lp.person < 0 {
				first.add(j.firstRow(lp))
			}
		}
		people[p] = len(jn.people)
	})
	first.count()
	merged := j.people.people()
	if merged+first.len() > maxPeople {
		return fmt.Errorf("the files name more than %d people, which is more than calibrate holds; split the files", maxPeople)
	}
	for range first.len() {
		j.found.add(personRows{})
	}
	ps.eachPartition(&j.people, func(p int, part keyPartition, jn *joining) {
		part.recount(jn, locals[p], people[p])
		for l := range jn.people {
			lp := &jn.people[l]
			if lp.person >= 0 { // numbered by the merge
				j.addRows(lp.person, lp.rows)
				continue
			}
			lp.person = int32(merged + first.before(j.firstRow(lp)))
			*j.found.at(int(lp.person)) = lp.rows
		}
		part.tell(jn.people, locals[p])
		locals[p] = localPeople{}
	})
	// SELF's rows keep the keys of the people they come first for, and
	// MANAGER's, at the same time, those of the people only they have,
	// numbered after all of those.
	var managers keyIndex
	managers.starts.add(0)
	var errs [2]error
	var wg sync.WaitGroup
	wg.Go(func() { errs[0] = j.setPeople(ps, 0, &j.people, 0) })
	wg.Go(func() { errs[1] = j.setPeople(ps, 1, &managers, merged+first.before(j.rows[0].len())) })
	wg.Wait()
	*ps = partitioned{}
	if err := cmp.Or(errs[0], errs[1]); err != nil {
		return err
	}
	return j.people.append(&managers)
}

// maxPeople is the most people a join numbers: a person is an int32.
const maxPeople = 1<<31 - 1

// firstRow is a new person's first row, SELF's rows first: its position
// among both sides' rows.
func (j *Join) firstRow(lp *localPerson) int {
	if lp.self >= 0 {
		return int(lp.self)
	}
	return j.rows[0].len() + int(lp.rows.manager)
}

// eachPartition calls f for every partition of keys on every core, each
// core with its own joining.
func (ps *partitioned) eachPartition(keys *keyIndex, f func(p int, part keyPartition, jn *joining)) {
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			jn := joining{keys: keys}
			for p := w * partitions / workers; p < (w+1)*partitions/workers; p++ {
				f(p, keyPartition{&ps.lists[fromMerge][p], &ps.lists[fromSelf][p], &ps.lists[fromManager][p]}, &jn)
			}
		})
	}
	wg.Wait()
}

// addRows adds rows found later to a person's.
func (j *Join) addRows(p int32, rows personRows) {
	found := j.found.at(int(p))
	found.count[0] += rows.count[0]
	found.count[1] += rows.count[1]
	if found.manager < 0 {
		found.manager = rows.manager
	}
}

// tell sets each row's entry to its person in the join, by its local.
func (part keyPartition) tell(people []localPerson, local localPeople) {
	for source, list := range part[fromSelf:] {
		for e, l := range local[fromSelf+source] {
			list.entries[e] = uint32(people[l].person)
		}
	}
}

// setPeople sets the person of each of a side's pending rows, in order,
// from its next entry in its partition, and keeps in keys the key of each
// new person whose first row it is, keys' first person being number base.
func (j *Join) setPeople(ps *partitioned, s int, keys *keyIndex, base int) error {
	next := make([]int, partitions)    // each partition's next entry
	text := make([]uint32, partitions) // and where its record starts
	i := 0                             // the pending rows' count so far
	for r := range j.rows[s].len() {
		row := j.rows[s].at(r)
		if row.person != unresolved {
			continue
		}
		p := *ps.of[s].at(i)
		i++
		list := &ps.lists[fromSelf+s][p]
		person := int32(list.entries[next[p]])
		record, key, _ := list.record(text[p])
		next[p]++
		text[p] += uint32(len(record))
		if int(person) == base+keys.people() { // its first row
			if _, err := keys.add(string(key)); err != nil {
				return err
			}
		}
		row.person = person
	}
	return nil
}

// firstRows are the first rows of the new people, as positions among
// both sides' rows, in a bitmap: a person's number is the count of those
// before its own.
type firstRows struct {
	bits []uint64
	// preceding are how many bits are set before each word of bits.
	preceding []int
}

func newFirstRows(rows int) firstRows { return firstRows{bits: make([]uint64, (rows+63)/64)} }

// add marks a row; the cores may add at the same time.
func (f *firstRows) add(row int) { atomic.OrUint64(&f.bits[row/64], 1<<(row%64)) }

// count counts the rows added, for before.
func (f *firstRows) count() {
	f.preceding = make([]int, len(f.bits)+1)
	for w, b := range f.bits {
		f.preceding[w+1] = f.preceding[w] + bits.OnesCount64(b)
	}
}

// len is how many rows were added.
func (f *firstRows) len() int { return f.preceding[len(f.bits)] }

// before is how many rows added come before row, which may be the one
// after the last.
func (f *firstRows) before(row int) int {
	w := row / 64
	if w == len(f.bits) {
		return f.len()
	}
	return f.preceding[w] + bits.OnesCount64(f.bits[w]&(1<<(row%64)-1))
}
