package calibrate

import (
	"fmt"
	"hash/maphash"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/careerpath/careerpath/internal/advisor"
)

// The join finds each row's person as a map of the trimmed keys does,
// whether both sides stay in order (the merge), one of them leaves it part
// way (the merge's people and pending keys joined), or neither was ever in
// order; with keys repeated on one side or both, empty keys, long keys
// alike in their kept bytes, and hashes that collide in every way.
func TestJoinFindsPeopleAsAMapDoes(t *testing.T) {
	seed := maphash.MakeSeed()
	hashed := func(s string) uint64 { return maphash.String(seed, s) }
	for name, c := range map[string]struct {
		hash func(string) uint64
		rows int // per side
	}{
		"maphash, many partitions": {hashed, 20_000},
		"all colliding":            {func(string) uint64 { return 7 }, 1_500},
		"few heads":                {func(s string) uint64 { return uint64(len(s)) * 31 }, 1_500},
		// The partition bits spread, the table's are all alike.
		"only top bits": {func(s string) uint64 { return hashed(s) &^ (1<<48 - 1) }, 20_000},
	} {
		for _, order := range []struct {
			name       string
			breakAfter int // MANAGER's keys go out of order after this many; -1 never
		}{{"both in order", -1}, {"one leaves order part way", c.rows / 3}, {"out of order from the start", 0}} {
			t.Run(name+"/"+order.name, func(t *testing.T) {
				sides := randomKeySides(c.rows, order.breakAfter)
				j, adv := newJoin(t)
				j.people = newKeyIndexHashing(c.hash)
				addKeysInRuns(t, j, adv, sides)
				if got := j.people.merging; got != (order.breakAfter < 0) {
					t.Fatalf("merging at the end = %v: the test missed the path it is for", got)
				}
				if err := j.settle(); err != nil {
					t.Fatal(err)
				}
				checkPeople(t, j, sides, c.hash)
			})
		}
	}
}

// randomKeySides are two sides' keys over overlapping ranges of ids, each
// side missing some, with keys repeated, empty, padded with spaces, and
// long ones that differ only after MaxCellBytes; MANAGER's are shuffled
// after breakAfter keys unless it is -1.
func randomKeySides(rows, breakAfter int) [2][]string {
	rng := rand.New(rand.NewPCG(3, 4))
	long := strings.Repeat("x", MaxCellBytes)
	var sides [2][]string
	for s := range sides {
		for i := s * rows / 10; len(sides[s]) < rows; i++ {
			switch n := rng.IntN(100); {
			case n < 10: // missing from this side
			case n < 12 && breakAfter >= 0: // repeated, out of order
				sides[s] = append(sides[s], sides[s][rng.IntN(len(sides[s])+1)/2])
			case n < 14:
				sides[s] = append(sides[s], "")
			case n < 16:
				sides[s] = append(sides[s], fmt.Sprintf(" E%07d ", i))
			case n < 18 && breakAfter >= 0:
				sides[s] = append(sides[s], fmt.Sprintf("%sE%07d", long, i%50))
			case n < 19 && breakAfter >= 0: // the text a long key is kept as
				kept, _, _ := keptCell(long+"E", maphash.MakeSeed())
				sides[s] = append(sides[s], kept)
			default:
				sides[s] = append(sides[s], fmt.Sprintf("E%07d", i))
			}
		}
	}
	if breakAfter >= 0 {
		tail := sides[1][breakAfter:]
		rng.Shuffle(len(tail), func(i, j int) { tail[i], tail[j] = tail[j], tail[i] })
	}
	return sides
}

// addKeysInRuns adds a row per key, in runs of a few rows from either
// side, as the readers hand them over.
func addKeysInRuns(t *testing.T, j *Join, adv *advisor.Advisor, sides [2][]string) {
	rng := rand.New(rand.NewPCG(5, 6))
	r := row(t, adv, 0, "", "", "SRE", "6", "team")
	var at [2]int
	for at[0] < len(sides[0]) || at[1] < len(sides[1]) {
		s := rng.IntN(2)
		for range rng.IntN(20) {
			if at[s] == len(sides[s]) {
				break
			}
			r.Line, r.Key = at[s]+2, sides[s][at[s]]
			add(t, j, []Side{Self, Manager}[s], r)
			at[s]++
		}
	}
}

// checkPeople checks each row's person against a map of the trimmed keys
// (a long key's identity its kept text and the hash of its whole value):
// one person per distinct key and none other, its kept key, its rows per
// side and its first MANAGER row.
func checkPeople(t *testing.T, j *Join, sides [2][]string, hash func(string) uint64) {
	t.Helper()
	type want struct {
		person int32
		rows   personRows
	}
	people := map[string]*want{}
	keys := map[int32]string{}
	for s, keys := range sides {
		for i, key := range keys {
			key = strings.TrimSpace(key)
			if kept, _, cut := keptCell(key, maphash.MakeSeed()); cut {
				key = fmt.Sprintf("%s %d", kept, hash(key))
			}
			got := j.rows[s].at(i).person
			if key == "" {
				if got != -1 {
					t.Fatalf("side %d row %d: person %d for an empty key", s, i, got)
				}
				continue
			}
			w := people[key]
			if w == nil {
				w = &want{person: got, rows: personRows{manager: -1}}
				people[key] = w
			}
			if got != w.person {
				t.Fatalf("side %d row %d, key %q: person %d, want %d", s, i, key, got, w.person)
			}
			if w.rows.count[s]++; s == 1 && w.rows.manager < 0 {
				w.rows.manager = int32(i)
			}
		}
	}
	if j.people.people() != len(people) || j.found.len() != len(people) {
		t.Fatalf("%d people numbered and %d found, want %d", j.people.people(), j.found.len(), len(people))
	}
	for key, w := range people {
		if other, ok := keys[w.person]; ok {
			t.Fatalf("keys %q and %q are both person %d", key, other, w.person)
		}
		keys[w.person] = key
		kept, _, _ := keptCell(key, maphash.MakeSeed())
		if k, _, cut := strings.Cut(key, " "); cut {
			kept = k
		}
		if got := j.people.key(w.person); got != kept {
			t.Errorf("key(%d) = %q, want %q", w.person, got, kept)
		}
		if got := *j.found.at(int(w.person)); got != w.rows {
			t.Errorf("key %q: rows %+v, want %+v", key, got, w.rows)
		}
	}
}

// A key longer than MaxCellBytes is kept cut and found by its whole
// value: the same long key in both files pairs, two alike in their kept
// bytes do not, nor does a short key equal to a long one's kept text.
func TestLongKeysAreKeptCutAndToldByTheirWholeValue(t *testing.T) {
	j, adv := newJoin(t)
	long := strings.Repeat("k", 100_000)
	a, b := long+"A", long+"B"
	add(t, j, Self, row(t, adv, 2, "E1", "", "SRE", "6", "team"))
	add(t, j, Self, row(t, adv, 3, a, "", "SRE", "6", "team"))
	add(t, j, Self, row(t, adv, 4, b, "", "SRE", "6", "team"))
	add(t, j, Manager, row(t, adv, 2, b, "", "SRE", "6", "team"))
	add(t, j, Manager, row(t, adv, 3, "E1", "", "SRE", "6", "team"))
	kept, _, _ := keptCell(a, maphash.MakeSeed())
	add(t, j, Manager, row(t, adv, 4, kept, "", "SRE", "6", "team"))
	var got []string
	for _, r := range records(t, j, false) {
		if len(r.Key) > MaxCellBytes {
			t.Fatalf("a key of %d bytes kept", len(r.Key))
		}
		got = append(got, fmt.Sprintf("%d %s", len(r.Key), r.Status))
	}
	want := []string{"2 agree", fmt.Sprintf("%d only-self", len(kept)), fmt.Sprintf("%d agree", len(kept)), fmt.Sprintf("%d only-manager", len(kept))}
	if !slices.Equal(got, want) {
		t.Errorf("records %q, want %q", got, want)
	}
	if text := j.people.arena.size(); text > 4*MaxCellBytes {
		t.Errorf("%d bytes of keys kept", text)
	}
}

// The records of a pair are those of a join by a map of the keys, whether
// the keys are merged or joined in partitions: SELF's rows in order, each
// with the MANAGER row of its key when the key is on one row of each file,
// then the MANAGER rows left, in theirs; a key empty or repeated in either
// file rejects its rows.
func TestRecordsAreAMapJoins(t *testing.T) {
	for name, hash := range map[string]func(string) uint64{
		"maphash":       nil,
		"all colliding": func(string) uint64 { return 7 },
	} {
		for _, breakAfter := range []int{-1, 500, 0} {
			t.Run(fmt.Sprintf("%s/break after %d", name, breakAfter), func(t *testing.T) {
				sides := randomKeySides(1_500, breakAfter)
				j, adv := newJoin(t)
				j.people = newKeyIndexHashing(hash)
				addKeysInRuns(t, j, adv, sides)
				var got []string
				for _, r := range records(t, j, false) {
					got = append(got, recordRows(r))
				}
				if want := mapJoin(sides, j.people.hash); !slices.Equal(got, want) {
					t.Errorf("%d records, want %d", len(got), len(want))
					for i := range min(len(got), len(want)) {
						if got[i] != want[i] {
							t.Fatalf("record %d: %s, want %s", i, got[i], want[i])
						}
					}
				}
			})
		}
	}
}

// recordRows is a record's key, status and rows' lines.
func recordRows(r Record) string {
	line := func(a *Assessment) int {
		if a == nil {
			return 0
		}
		return a.Row
	}
	return fmt.Sprintf("%.12q %s %d %d", r.Key, r.Status, line(r.Self), line(r.Manager))
}

// mapJoin is the records of rows a side's keys name (lines from 2, every
// row advised alike), joined through a map.
func mapJoin(sides [2][]string, hash func(string) uint64) []string {
	identity := func(key string) string {
		if kept, _, cut := keptCell(key, maphash.MakeSeed()); cut {
			return fmt.Sprintf("%s %d", kept, hash(key))
		}
		return key
	}
	rows := map[string][2][]int{}
	for s, keys := range sides {
		for i, key := range keys {
			if key = strings.TrimSpace(key); key != "" {
				r := rows[identity(key)]
				r[s] = append(r[s], i)
				rows[identity(key)] = r
			}
		}
	}
	record := func(s, i int) (string, bool) {
		key := strings.TrimSpace(sides[s][i])
		kept, _, _ := keptCell(key, maphash.MakeSeed())
		lines := [2]int{}
		lines[s] = i + 2
		status := []Status{OnlySelf, OnlyManager}[s]
		r := rows[identity(key)]
		switch {
		case key == "" || len(r[0]) > 1 || len(r[1]) > 1:
			status = Rejected
		case len(r[0]) == 1 && len(r[1]) == 1:
			if s == 1 {
				return "", false // written with its SELF row
			}
			status, lines[1] = Agree, r[1][0]+2
		}
		return recordRows(Record{Key: kept, Status: status, Self: lineOf(lines[0]), Manager: lineOf(lines[1])}), true
	}
	var out []string
	for s, keys := range sides {
		for i := range keys {
			if r, ok := record(s, i); ok {
				out = append(out, r)
			}
		}
	}
	return out
}

func lineOf(line int) *Assessment {
	if line == 0 {
		return nil
	}
	return &Assessment{Row: line}
}
