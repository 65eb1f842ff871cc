package report

import (
	"fmt"
	"sync"

	"github.com/careerpath/careerpath/internal/batch"
	"github.com/careerpath/careerpath/internal/catalog"
	"github.com/careerpath/careerpath/internal/report/reportdoc"
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
	// DefaultTop is the length of each of the next_by_time and
	// scope_bound lists.
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
	// Top is the length of each of the next_by_time and scope_bound
	// lists.
	Top int
	// MinGroup hides the figures of a group of fewer people (see package
	// privacy); 0 or 1 hides none.
	MinGroup int
	// NoPeople leaves out every list of people: next_by_time, scope_bound
	// and the rejected rows.
	NoPeople bool
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
// grow with the number of rows. Each part of the document is a view's
// (see views); the builder hands them the rows.
type Builder struct {
	sheet *sheet
	rows  reportdoc.Rows
	views []view
	// rowViews are the views that see each row; the others see each
	// derivation once per run of rows that share it (see flush).
	rowViews []rowView
	// pending are the derivations with rows not yet added to the views.
	pending []*derived

	// The tables Derive looks catalog ids up in.
	rolePos, accPos     map[string]int
	dirPos, providerPos map[string]int
	// shared holds one derivation for each value Derive meets. The
	// workers' caches hold one per distinct answers, thousands more, and
	// the views' counts on each would miss the processor's caches on
	// every row.
	shared struct {
		sync.Mutex
		m map[derivedKey]*derived
	}
}

// sheet is what the views share: the catalog, the options, and where
// the header put the columns they read (set by Begin, before any row).
type sheet struct {
	cat  *catalog.Loaded
	opts Options

	header   []string
	byAt     int // -1 without --by
	labelsAt []int
	labels   []string // the label columns' header names
}

// New returns a builder for rows advised under cat.
func New(cat *catalog.Loaded, opts Options) *Builder {
	if opts.Top < 0 {
		opts.Top = 0
	}
	opts.Inputs.By = opts.By // the report echoes the grouping it made
	b := &Builder{sheet: &sheet{cat: cat, opts: opts, byAt: -1},
		rolePos: map[string]int{}, accPos: map[string]int{}, dirPos: map[string]int{}, providerPos: map[string]int{}}
	b.shared.m = map[derivedKey]*derived{}
	for _, v := range newViews(b.sheet) {
		if v == nil {
			continue
		}
		b.views = append(b.views, v)
		if rv, ok := v.(rowView); ok {
			b.rowViews = append(b.rowViews, rv)
		}
	}
	for i, r := range cat.Roles {
		b.rolePos[r.ID] = i
	}
	for i, a := range cat.Accountability {
		b.accPos[a.ID] = i
	}
	for i, d := range cat.Directions {
		b.dirPos[d.ID] = i
	}
	for i, p := range cat.Providers {
		b.providerPos[p.ID] = i
	}
	return b
}

// Begin finds the --by and --label columns in the header, compared as
// batch compares header names: trimmed, ignoring case.
func (b *Builder) Begin(header []string) error {
	s := b.sheet
	s.header = header
	find := func(name string) int { return batch.HeaderIndex(header, name) }
	if s.opts.By != "" {
		if s.byAt = find(s.opts.By); s.byAt < 0 {
			return &ColumnError{Flag: "by", Name: s.opts.By, Header: header}
		}
	}
	for _, name := range s.opts.Labels {
		at := find(name)
		if at < 0 {
			return &ColumnError{Flag: "label", Name: name, Header: header}
		}
		s.labelsAt, s.labels = append(s.labelsAt, at), append(s.labels, header[at])
	}
	if len(s.opts.Labels) == 0 {
		for _, name := range DefaultLabelColumns {
			if at := find(name); at >= 0 {
				s.labelsAt, s.labels = []int{at}, []string{header[at]}
				break
			}
		}
	}
	return nil
}

// Add counts one row; rows must come in input order.
func (b *Builder) Add(row batch.AdvisedRow) error {
	b.rows.Read++
	if row.OutOfScope {
		b.rows.OutOfScope++ // one line of the report, no view's business
		return nil
	}
	var d *derived
	if row.Rejected() {
		b.rows.Rejected++
	} else {
		b.rows.Advised++
		var ok bool
		if d, ok = row.Derived.(*derived); !ok {
			d = b.derive(row.Rec)
		}
		if d.rows == 0 {
			if len(b.pending) >= maxPending {
				b.flush()
			}
			b.pending = append(b.pending, d)
		}
		d.rows++ // the views count it when flush hands them d
	}
	for _, v := range b.rowViews {
		v.addRow(row, d)
	}
	return nil
}

// flush hands the views the rows of the pending derivations: one
// addition per distinct recommendation instead of several per row.
func (b *Builder) flush() {
	for _, d := range b.pending {
		n := d.rows
		d.rows = 0
		for _, v := range b.views {
			v.addShared(d, n)
		}
	}
	clear(b.pending)
	b.pending = b.pending[:0]
}

// Report returns the document of the rows added, and ends the builder
// (it folds the small groups away). sum is the pipeline's count, which
// the builder's own must equal.
func (b *Builder) Report(sum batch.Summary) (*reportdoc.Document, error) {
	b.flush()
	if sum.Read != b.rows.Read || sum.Advised != b.rows.Advised || sum.Rejected != b.rows.Rejected || sum.OutOfScope != b.rows.OutOfScope {
		return nil, fmt.Errorf("report: the pipeline counted %+v and the report %+v", sum, b.rows)
	}
	s := b.sheet
	inputs := s.opts.Inputs
	inputs.LabelColumns = nonNil(s.labels)
	inputs.Top = s.opts.Top
	if inputs.Columns == nil {
		inputs.Columns = map[string]string{}
	}
	source := s.opts.Source
	if source.SHA256 == "" {
		source = s.cat.Source
	}
	doc := &reportdoc.Document{SchemaVersion: reportdoc.SchemaVersion, Catalog: source, Inputs: inputs, Rows: b.rows}
	for _, v := range b.views {
		v.fill(doc)
	}
	return doc, nil
}

func (s *sheet) labelsOf(row batch.AdvisedRow) []string {
	labels := make([]string, len(s.labelsAt))
	for i, at := range s.labelsAt {
		labels[i] = bounded(row.Fields[at]) // a field aliases its whole chunk
	}
	return labels
}

func (s *sheet) levelRef(pos int) reportdoc.LevelRef {
	l := s.cat.Levels[pos]
	return reportdoc.LevelRef{ID: l.ID, Name: l.Name, Order: l.Order}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
