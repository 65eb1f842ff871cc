package report

import (
	"fmt"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/catalog"
)

// Limits that keep the report's memory flat however long the file is.
const (
	// MaxGroups is how many --by values the report shows; the rest are
	// folded into one "other" group.
	MaxGroups = 1000
	// maxTracked is how many distinct --by values (and rejection causes)
	// are counted exactly; see foldingCounter.
	maxTracked = 20 * MaxGroups
	// MaxRejectedRows is how many rejected rows the report lists; the
	// causes and the total cover them all.
	MaxRejectedRows = 1000
	// MaxCauses is how many rejection causes the report lists.
	MaxCauses = 100
	// DefaultTop is the length of the "closest to the next level" list.
	DefaultTop = 20
)

// DefaultLabelColumns are the columns that identify a person when
// --label is not given: the first one present.
var DefaultLabelColumns = []string{"employee_id", "id", "name"}

// Options say how to group and label the rows.
type Options struct {
	// By is the header name of the column to group by, or "".
	By string
	// Labels are the header names of the columns that identify a person;
	// empty means the first of DefaultLabelColumns present, else none (the
	// row number identifies the person).
	Labels []string
	// Top is the length of the "closest to the next level" list.
	Top int
	// Inputs are echoed into the document; New sets their By from By.
	Inputs reportdoc.Inputs
	// Source is the provenance the document states: the catalog and the
	// title map the rows were advised with (advisor.Source); the zero value
	// means the catalog alone.
	Source catalog.Source
}

// ColumnError is a --by or --label column that the header lacks.
type ColumnError struct {
	Flag, Name string
	Header     []string
}

func (e *ColumnError) Error() string {
	return fmt.Sprintf("--%s %q: the header has no such column; it has %s; pass one of those (compared ignoring case and surrounding spaces)",
		e.Flag, e.Name, batch.QuotedHeader(e.Header))
}

// Builder adds up advised rows, in input order, in memory that does not
// grow with the number of rows.
type Builder struct {
	cat  *catalog.Loaded
	opts Options

	header   []string
	byAt     int // -1 without --by
	labelsAt []int
	labels   []string // the label columns' header names

	rows                  reportdoc.Rows
	levels                []int
	roles, accs           [][]int
	rolePos, accPos       map[string]int
	dirPos, providerPos   map[string]int
	rank1, rank2, provide []int
	buckets               []reportdoc.Bucket
	atTop                 int
	closest               candidates
	months                map[int]int // month index (year*12 + month-1) to people
	groups                *foldingCounter[string, reportdoc.Group]
	causes                *foldingCounter[causeKey, int]
	rejected              []reportdoc.RejectedRow
	// pending are the derivations with rows not yet added to the counts.
	pending []*derived
	// shared holds one derivation for each value Derive meets. The
	// workers' caches hold one per distinct answers, thousands more, and
	// Add's count on each would miss the processor's caches on every row.
	shared struct {
		sync.Mutex
		m map[derivedKey]*derived
	}
}

// New returns a builder for rows advised under cat.
func New(cat *catalog.Loaded, opts Options) *Builder {
	if opts.Top < 0 {
		opts.Top = 0
	}
	opts.Inputs.By = opts.By // the report echoes the grouping it made
	b := &Builder{cat: cat, opts: opts, byAt: -1,
		levels: make([]int, len(cat.Levels)), rolePos: map[string]int{}, accPos: map[string]int{},
		dirPos: map[string]int{}, providerPos: map[string]int{},
		rank1: make([]int, len(cat.Directions)), rank2: make([]int, len(cat.Directions)), provide: make([]int, len(cat.Providers)),
		buckets: newBuckets(), months: map[int]int{},
		causes: newFoldingCounter[causeKey](maxTracked, func(into *int, from int) { *into += from }, func(n int) int { return n },
			func(k causeKey) causeKey { return causeKey{strings.Clone(k.column), strings.Clone(k.value)} }),
	}
	b.shared.m = map[derivedKey]*derived{}
	for i, r := range cat.Roles {
		b.rolePos[r.ID] = i
		b.roles = append(b.roles, make([]int, len(cat.Levels)))
	}
	for i, a := range cat.Accountability {
		b.accPos[a.ID] = i
		b.accs = append(b.accs, make([]int, len(cat.Levels)))
	}
	for i, d := range cat.Directions {
		b.dirPos[d.ID] = i
	}
	for i, p := range cat.Providers {
		b.providerPos[p.ID] = i
	}
	return b
}

// newBuckets are the readiness buckets, in months until the next level.
func newBuckets() []reportdoc.Bucket {
	upTo := func(n int) *int { return &n }
	return []reportdoc.Bucket{
		{Name: "now", MinMonths: 0, MaxMonths: upTo(0)},
		{Name: "1-6", MinMonths: 1, MaxMonths: upTo(6)},
		{Name: "7-12", MinMonths: 7, MaxMonths: upTo(12)},
		{Name: "13-24", MinMonths: 13, MaxMonths: upTo(24)},
		{Name: "over 24", MinMonths: 25},
	}
}

func bucketOf(months int) int {
	switch {
	case months == 0:
		return 0
	case months <= 6:
		return 1
	case months <= 12:
		return 2
	case months <= 24:
		return 3
	default:
		return 4
	}
}

// Begin finds the --by and --label columns in the header, compared as
// batch compares header names: trimmed, ignoring case.
func (b *Builder) Begin(header []string) error {
	b.header = header
	find := func(name string) int { return batch.HeaderIndex(header, name) }
	if b.opts.By != "" {
		if b.byAt = find(b.opts.By); b.byAt < 0 {
			return &ColumnError{Flag: "by", Name: b.opts.By, Header: header}
		}
		b.groups = newFoldingCounter[string](maxTracked, addGroup, groupRows, strings.Clone)
	}
	for _, name := range b.opts.Labels {
		at := find(name)
		if at < 0 {
			return &ColumnError{Flag: "label", Name: name, Header: header}
		}
		b.labelsAt, b.labels = append(b.labelsAt, at), append(b.labels, header[at])
	}
	if len(b.opts.Labels) == 0 {
		for _, name := range DefaultLabelColumns {
			if at := find(name); at >= 0 {
				b.labelsAt, b.labels = []int{at}, []string{header[at]}
				break
			}
		}
	}
	return nil
}

// Add counts one row; rows must come in input order.
func (b *Builder) Add(row batch.AdvisedRow) error {
	b.rows.Read++
	var g *reportdoc.Group
	if b.groups != nil {
		g = b.groups.at(row.Fields[b.byAt], func() reportdoc.Group { return reportdoc.Group{Levels: make([]int, len(b.levels))} })
		g.Rows++
	}
	if row.Rejected() {
		b.rows.Rejected++
		if g != nil {
			g.Rejected++
		}
		b.reject(row)
		return nil
	}
	b.rows.Advised++
	d, ok := row.Derived.(*derived)
	if !ok {
		d = b.derive(row.Rec)
	}
	if d.rows == 0 {
		if len(b.pending) >= maxPending {
			b.flush()
		}
		b.pending = append(b.pending, d)
	}
	d.rows++ // the rest of its counts are added by flush
	if g != nil {
		g.Advised++
		g.Levels[d.level]++
	}
	if d.hasNext {
		b.consider(row, d)
	}
	return nil
}

// flush adds the rows of the pending derivations to the counts: one
// addition per distinct recommendation instead of several per row.
func (b *Builder) flush() {
	for _, d := range b.pending {
		n := d.rows
		d.rows = 0
		b.levels[d.level] += n
		b.roles[d.role][d.level] += n
		b.accs[d.acc][d.level] += n
		for _, p := range d.providers {
			b.provide[p] += n
		}
		if d.rank1 >= 0 {
			b.rank1[d.rank1] += n
		}
		if d.rank2 >= 0 {
			b.rank2[d.rank2] += n
		}
		for _, m := range d.months {
			b.months[m] += n
		}
		if !d.hasNext {
			b.atTop += n
			continue
		}
		bucket := &b.buckets[bucketOf(d.wait)]
		bucket.People += n
		if d.needsAcc {
			bucket.NeedsAccountability += n
		}
	}
	clear(b.pending)
	b.pending = b.pending[:0]
}

// derived is what the report needs of a recommendation, worked out once
// for all the rows that share it.
type derived struct {
	level, role, acc int
	hasNext          bool
	next             int
	wait             int // months until the next level's minimum years
	needsAcc         bool
	eligibleFrom     string
	rows             int   // advised rows with it, not yet added to the counts
	rank1, rank2     int   // direction positions, -1 when absent
	providers        []int // of the rank 1 and 2 directions, once each
	months           []int // month indexes with a plan day
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
	k := derivedKey{level: d.level, role: d.role, acc: d.acc, next: -1, wait: d.wait, needsAcc: d.needsAcc,
		eligibleFrom: d.eligibleFrom, rank1: d.rank1, rank2: d.rank2, start: rec.Plan.Start, end: rec.Plan.End}
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
	eligibleFrom                 string
	rank1, rank2                 int
	start, end                   string
}

// maxShared bounds the shared derivations; a staff list of one start date
// has a few thousand (roles x answers x years to the next level).
const maxShared = 1 << 14

func (b *Builder) derive(rec *advisor.Recommendation) *derived {
	d := &derived{level: b.cat.LevelPos(rec.Level.ID), role: b.rolePos[rec.Role.ID], acc: b.accPos[rec.Accountability.ID],
		rank1: -1, rank2: -1}
	if rec.NextLevel != nil {
		d.hasNext = true
		d.next = b.cat.LevelPos(rec.NextLevel.ID)
		d.wait = advisor.MonthsUntil(rec.Input.Years, b.cat.Levels[d.next].Policy.MinYears)
		d.eligibleFrom = rec.NextLevel.EligibleFrom // by the same rule, from the plan's start
		d.needsAcc = slices.ContainsFunc(rec.NextLevel.Missing, func(r advisor.Requirement) bool { return r.Kind == advisor.NeedAccountability })
	}
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

func (b *Builder) labelsOf(row batch.AdvisedRow) []string {
	labels := make([]string, len(b.labelsAt))
	for i, at := range b.labelsAt {
		labels[i] = strings.Clone(row.Fields[at]) // a field aliases its whole chunk
	}
	return labels
}

// reject counts a rejected row once, under the cause of its first
// problem, and lists it with every problem.
func (b *Builder) reject(row batch.AdvisedRow) {
	*b.causes.at(causeKey{row.Column, b.culprit(row, row.Column)}, func() int { return 0 }) += 1
	if len(b.rejected) >= MaxRejectedRows {
		return
	}
	problems := make([]reportdoc.Problem, len(row.Problems))
	for i, p := range row.Problems {
		problems[i] = reportdoc.Problem{Column: p.Column, Value: strings.Clone(b.culprit(row, p.Column)), Message: p.Message}
	}
	b.rejected = append(b.rejected, reportdoc.RejectedRow{Row: row.Line, Labels: b.labelsOf(row), Column: row.Column,
		Value: strings.Clone(b.culprit(row, row.Column)), Message: row.Message, Problems: problems})
}

// culprit is the cell of a problem's column, or "" for the row's shape.
func (b *Builder) culprit(row batch.AdvisedRow, column string) string {
	if at := slices.Index(b.header, column); column != "" && at >= 0 {
		return row.Fields[at]
	}
	return ""
}

type causeKey struct{ column, value string }
