package calibrate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// StatusSet is a set of statuses, for --status; the zero set holds none.
type StatusSet uint8

// AllStatuses holds every status.
func AllStatuses() StatusSet {
	var s StatusSet
	for _, st := range Statuses {
		s = s.With(st)
	}
	return s
}

// ParseStatusSet reads --status: status names, each of which may be a
// comma-separated list. None is every status.
func ParseStatusSet(values []string) (StatusSet, error) {
	var set StatusSet
	for _, v := range values {
		for name := range strings.SplitSeq(v, ",") {
			name = strings.ToLower(strings.TrimSpace(name))
			i := slices.Index(Statuses, Status(name))
			if i < 0 {
				return 0, fmt.Errorf("invalid --status %q: use a comma-separated list of %s, such as --status manager-higher,self-higher",
					name, strings.Join(StatusNames(), ", "))
			}
			set = set.With(Statuses[i])
		}
	}
	if set == 0 {
		return AllStatuses(), nil
	}
	return set, nil
}

// StatusNames lists the statuses' names in summary order.
func StatusNames() []string {
	names := make([]string, len(Statuses))
	for i, st := range Statuses {
		names[i] = string(st)
	}
	return names
}

// With returns the set with st added.
func (s StatusSet) With(st Status) StatusSet { return s | 1<<statusIndex(st) }

// Has reports whether st is in the set.
func (s StatusSet) Has(st Status) bool { return s&(1<<statusIndex(st)) != 0 }

// List is the set's statuses in summary order.
func (s StatusSet) List() []Status {
	var list []Status
	for _, st := range Statuses {
		if s.Has(st) {
			list = append(list, st)
		}
	}
	return list
}

func statusIndex(st Status) int { return slices.Index(Statuses, st) }

// Distance is how far apart a record's two levels are: the delta's size,
// or -1 when the record was not compared.
func (r *Record) Distance() int {
	if !r.Status.Complete() {
		return -1
	}
	return max(r.Delta, -r.Delta)
}

// Ordered calls each for the records whose status is in keep, the two
// levels furthest apart first (records not compared last), then by
// status in summary order, then in Records' order: the order a reader
// looks for the disagreements in. It holds 8 bytes per record kept.
func (j *Join) Ordered(keep StatusSet, each func(*Record) error) error {
	type ranked struct{ rank, position int32 }
	var order []ranked
	err := j.walk(0, j.Positions(), false, func(position int, r *Record) error {
		if keep.Has(r.Status) {
			// Larger distances first: 64 - distance keeps the rank positive.
			rank := int32((64-r.Distance())*len(Statuses) + statusIndex(r.Status))
			order = append(order, ranked{rank, int32(position)})
		}
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(order, func(a, b ranked) int { return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.position, b.position)) })
	recs := newRecommender(j.adv, false)
	var rec Record
	ahead := newManagersAhead(1, j.Positions()) // the records come at random
	for _, o := range order {
		if _, err := j.recordAt(int(o.position), &rec, recs, ahead); err != nil {
			return err
		}
		if err := each(&rec); err != nil {
			return err
		}
	}
	return nil
}
