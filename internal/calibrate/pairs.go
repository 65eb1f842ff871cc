package calibrate

// Reading a pair's matched rows for its records in the order they are
// written: SELF's rows in order, each matched MANAGER row wherever its
// file had it.

// rowSet is a set of one side's rows, by position.
type rowSet []uint64

func newRowSet(rows int) rowSet { return make(rowSet, (rows+63)/64) }

func (s rowSet) add(row int) { s[row/64] |= 1 << (row % 64) }

func (s rowSet) has(row int) bool { return s[row/64]&(1<<(row%64)) != 0 }

// pairManagers marks the MANAGER rows written with their SELF row, so
// that the MANAGER rows after SELF's are told from those left to write
// without looking their people up, each at random when the files list
// their people in different orders.
func (j *Join) pairManagers() {
	j.paired = newRowSet(j.rows[1].len())
	for p := range j.found.len() {
		if f := j.found.at(p); f.count == [2]int32{1, 1} {
			j.paired.add(int(f.manager))
		}
	}
}

// managersAhead are the MANAGER rows matched with a run of SELF rows, read
// before their records are made: read a record at a time, each waited for
// memory when the files list their people in different orders, where the
// processor fetches a run's rows at once.
type managersAhead struct {
	run      int // how many SELF rows to read at once
	end      int // the position after the last record to make
	from, to int // the SELF rows read
	at       []int32
	rows     []heldRow
}

// aheadRows is how many SELF rows' MANAGER rows are read at once when
// making records in order.
const aheadRows = 256

func newManagersAhead(run, end int) *managersAhead {
	return &managersAhead{run: run, end: end, at: make([]int32, run), rows: make([]heldRow, run)}
}

// of returns SELF row i's matched MANAGER row, read-only, and its
// position, or nil and -1.
func (a *managersAhead) of(j *Join, i int) (*heldRow, int) {
	if i < a.from || i >= a.to {
		a.read(j, i, min(i+a.run, a.end, j.rows[0].len()))
	}
	k := i - a.from
	if a.at[k] < 0 {
		return nil, -1
	}
	return &a.rows[k], int(a.at[k])
}

func (a *managersAhead) read(j *Join, from, to int) {
	a.from, a.to = from, to
	for i := from; i < to; i++ {
		k := i - from
		a.at[k] = -1
		if self := j.rows[0].at(i); j.matched(self) {
			m := j.found.at(int(self.person)).manager
			a.at[k], a.rows[k] = m, *j.rows[1].at(int(m))
		}
	}
}
