package report

import (
	"slices"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
)

// derived is what the report needs of a recommendation, worked out once
// for all the rows that share it.
type derived struct {
	level, role, acc int
	hasNext          bool
	next             int
	wait             int // months until the next level's minimum years
	needsAcc         bool
	// kind is the readiness kind (reportdoc.KindTime...), "" at the top.
	kind         string
	eligibleFrom string
	// beyond is how many years pass the next level's minimum, for the
	// scope kind; neededAcc the accountability that reaches that level.
	beyond       float64
	neededAcc    string
	start        string // the plan's first day
	rows         int    // advised rows with it, not yet handed to the views
	rank1, rank2 int    // direction positions, -1 when absent
	providers    []int  // of the rank 1 and 2 directions, once each
	months       []int  // month indexes with a plan day
}

// maxPending bounds the pending derivations; each is one per worker's
// cached recommendation, so this just has to outgrow those caches.
const maxPending = 1 << 14

// Derive is what the report needs of a recommendation, for
// batch.Options.Derive; Add works it out itself for a row without it. It
// is safe for concurrent use: the builder's tables are only read, and
// equal derivations are shared (see shared).
func (b *Builder) Derive(rec *advisor.Recommendation) any {
	d := b.derive(rec)
	k := derivedKey{level: d.level, role: d.role, acc: d.acc, next: -1, wait: d.wait, needsAcc: d.needsAcc, kind: d.kind,
		beyond: d.beyond, eligibleFrom: d.eligibleFrom, rank1: d.rank1, rank2: d.rank2, start: rec.Plan.Start, end: rec.Plan.End}
	if d.hasNext {
		k.next = d.next
	}
	b.shared.Lock()
	defer b.shared.Unlock()
	if s, ok := b.shared.m[k]; ok {
		return s
	}
	if len(b.shared.m) >= maxShared {
		clear(b.shared.m)
	}
	b.shared.m[k] = d
	return d
}

// derivedKey is a derivation's value: the providers follow from the
// directions, and the months from the plan's first and last days.
type derivedKey struct {
	level, role, acc, next, wait int
	needsAcc                     bool
	kind                         string
	beyond                       float64
	eligibleFrom                 string
	rank1, rank2                 int
	start, end                   string
}

// maxShared bounds the shared derivations; a staff list of one start date
// has a few thousand (roles x answers x years to the next level).
const maxShared = 1 << 14

func (b *Builder) derive(rec *advisor.Recommendation) *derived {
	d := &derived{level: b.sheet.cat.LevelPos(rec.Level.ID), role: b.rolePos[rec.Role.ID], acc: b.accPos[rec.Accountability.ID],
		rank1: -1, rank2: -1}
	if rec.NextLevel != nil {
		d.hasNext = true
		d.next = b.sheet.cat.LevelPos(rec.NextLevel.ID)
		d.wait = advisor.MonthsUntil(rec.Input.Years, b.sheet.cat.Levels[d.next].Policy.MinYears)
		d.eligibleFrom = rec.NextLevel.EligibleFrom // by the same rule, from the plan's start
		d.kind, d.neededAcc = readinessKind(rec.NextLevel.Missing)
		d.needsAcc = d.kind != reportdoc.KindTime
		if d.kind == reportdoc.KindScope {
			d.beyond = rec.Input.Years - b.sheet.cat.Levels[d.next].Policy.MinYears
		}
	}
	d.start = rec.Plan.Start
	for _, s := range rec.Specialisations {
		pos, ok := b.dirPos[s.ID]
		if !ok || s.Rank > 2 {
			continue
		}
		if s.Rank == 1 {
			d.rank1 = pos
		} else {
			d.rank2 = pos
		}
		for _, p := range s.Providers {
			if at, ok := b.providerPos[p.ID]; ok && !slices.Contains(d.providers, at) {
				d.providers = append(d.providers, at)
			}
		}
	}
	d.months = planMonths(rec.Plan)
	return d
}

// readinessKind is what keeps a person from the next level, by what the
// advisor says is missing there, and the accountability that would reach
// it. The rule lowers a level only for want of years, so a person held
// below the level their role or accountability reach lacks years alone,
// and one at that level lacks the accountability (and maybe years).
func readinessKind(missing []advisor.Requirement) (kind, neededAcc string) {
	years, acc := false, false
	for _, r := range missing {
		switch r.Kind {
		case advisor.NeedYears:
			years = true
		case advisor.NeedAccountability:
			acc, neededAcc = true, r.Needed
		}
	}
	switch {
	case years && acc:
		return reportdoc.KindTimeAndScope, neededAcc
	case acc:
		return reportdoc.KindScope, neededAcc
	default:
		return reportdoc.KindTime, ""
	}
}

// planMonths lists the calendar months from the plan's first day to its
// last: the phases run back to back, so every one of them has a plan day.
func planMonths(p advisor.Plan) []int {
	first, err1 := time.Parse(advisor.DateLayout, p.Start)
	last, err2 := time.Parse(advisor.DateLayout, p.End)
	if err1 != nil || err2 != nil || last.Before(first) {
		return nil
	}
	var months []int
	for m := monthIndex(first); m <= monthIndex(last); m++ {
		months = append(months, m)
	}
	return months
}

func monthIndex(t time.Time) int { return t.Year()*12 + int(t.Month()) - 1 }
