package report

import (
	"cmp"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
	"slices"
)

// foldingCounter counts per key in bounded memory. While the keys fit in
// its capacity every count is exact. When a new key finds it full, the
// smaller half of the keys (by weight) is folded into one "other" value
// and forgotten: a lossy-counting scheme that keeps the heavy keys, since
// a key must gather as many rows as the keys around it to survive a fold.
// Nothing is lost: a folded key's counts are in other, so the keys and
// other always add up to the totals.
type foldingCounter[K comparable, V any] struct {
	capacity int
	values   map[K]*V
	merge    func(into *V, from V)
	weight   func(V) int // what ranks a key: a group's rows, a cause's count
	// own copies a new key's strings, which alias the input's chunk and
	// would keep all of it alive.
	own    func(K) K
	other  V
	folded int // keys folded, counted once per fold
	exact  bool
}

func newFoldingCounter[K comparable, V any](capacity int, merge func(into *V, from V), weight func(V) int, own func(K) K) *foldingCounter[K, V] {
	return &foldingCounter[K, V]{capacity: capacity, values: map[K]*V{}, merge: merge, weight: weight, own: own, exact: true}
}

// at returns the value of key, made by fresh when the key is new.
func (c *foldingCounter[K, V]) at(key K, fresh func() V) *V {
	if v, ok := c.values[key]; ok {
		return v
	}
	if len(c.values) >= c.capacity {
		c.foldSmallest(c.capacity/2, nil)
		c.exact = false
	}
	v := fresh()
	c.values[c.own(key)] = &v
	return &v
}

type entry[K comparable, V any] struct {
	key   K
	value *V
}

// foldSmallest keeps the keep heaviest keys by weight (ties by key order
// under less, for a stable result) and folds the rest into other. It
// returns the kept entries, heaviest first.
func (c *foldingCounter[K, V]) foldSmallest(keep int, less func(a, b K) int) []entry[K, V] {
	entries := make([]entry[K, V], 0, len(c.values))
	for k, v := range c.values {
		entries = append(entries, entry[K, V]{k, v})
	}
	slices.SortFunc(entries, func(a, b entry[K, V]) int {
		if w := cmp.Compare(c.weight(*b.value), c.weight(*a.value)); w != 0 || less == nil {
			return w
		}
		return less(a.key, b.key)
	})
	for _, e := range entries[min(keep, len(entries)):] {
		c.merge(&c.other, *e.value)
		delete(c.values, e.key)
		c.folded++
	}
	return entries[:min(keep, len(entries))]
}

func addGroup(into *reportdoc.Group, from reportdoc.Group) {
	into.Rows += from.Rows
	into.Advised += from.Advised
	into.Rejected += from.Rejected
	if into.Levels == nil {
		into.Levels = make([]int, len(from.Levels))
	}
	for i, n := range from.Levels {
		into.Levels[i] += n
	}
}

func groupRows(g reportdoc.Group) int { return g.Rows }
