// Package calibrate joins two assessments of the same people, the
// person's own and the manager's, by a key, and compares the levels the
// advisor gives each side. Read advises both staff lists through batch
// and joins their rows; records go out through a callback or, encoded by
// a format's RecordEncoder, to a writer (Stream). It opens no files and
// knows no flags or formats: the command hands it open inputs.
//
// The join holds both sides compactly (per row: its line, its key and
// indexes into tables of distinct answer cells, outcomes and groups),
// never whole rows:
// a key repeated within one file must reject every row that has it, the
// first included, so no record can be written before both files are read.
package calibrate

import (
	"cmp"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
)

// Side names one of the two files.
type Side string

// The two sides, SELF first.
const (
	Self    Side = "self"
	Manager Side = "manager"
)

// Status is how the two assessments of a person compare.
type Status string

// The statuses, in the order summaries list them.
const (
	Agree         Status = "agree"
	ManagerHigher Status = "manager-higher"
	SelfHigher    Status = "self-higher"
	OnlySelf      Status = "only-self"
	OnlyManager   Status = "only-manager"
	Rejected      Status = "rejected"
	// OutOfScope: the title map marks a side's job title as outside the
	// catalog's track (role -); the person is neither compared nor
	// rejected.
	OutOfScope Status = "out-of-scope"
)

// Statuses lists every status in summary order.
var Statuses = []Status{Agree, ManagerHigher, SelfHigher, OnlySelf, OnlyManager, Rejected, OutOfScope}

// Complete reports whether a record was matched and advised on both sides.
func (s Status) Complete() bool { return s == Agree || s == ManagerHigher || s == SelfHigher }

// Row is one advised row of either file, as the join needs it.
type Row struct {
	Line  int
	Key   string // the key cell as read; the join trims it
	Group string // the --by cell, "" without --by
	// Labels are the row's cells of the label columns (Config.Labels),
	// "" for a column its file lacks.
	Labels  []string
	Answers advisor.Answers
	// Decided is what the join keeps of the row's recommendation (see
	// Derive), nil when the row was rejected.
	Decided         *Decided
	Column, Message string // why the row was rejected, or is out of scope
	// OutOfScope says the title map marks the row's job title as outside
	// the catalog's track.
	OutOfScope bool
}

// Decided is a recommendation's level, resolved role and accountability
// and plan start: all the join keeps of it. The readers hand one to every
// row of a decision (rows whose years differ within a band share it, see
// batch.Options.Derive), so the join numbers it the first time it sees it
// and finds its outcome by that number, where hashing what it holds, or
// the answer cells, took most of a pair's time when every row's years
// differ. A Decided belongs to the join it was first added to.
type Decided struct {
	Level         advisor.LevelRef
	Role, Account string // catalog ids
	Start         string

	join    *Join // the join that numbered it
	outcome int32 // its outcome in join
}

// Derive is what a row's recommendation comes to for the join, for
// batch.Options.Derive: the readers' workers work it out once for each
// decision they cache, and keep it instead of the recommendation.
func Derive(rec *advisor.Recommendation) any {
	return &Decided{Level: rec.Level, Role: rec.Role.ID, Account: rec.Accountability.ID, Start: rec.Plan.Start}
}

// Config says what the join's messages name.
type Config struct {
	// Files names each side's input in messages (SELF first).
	Files [2]string
	// KeyColumns is the key's header name in each file (SELF first).
	KeyColumns [2]string
	// Labels are the header names of the columns that name a person in
	// the records (--label), in either file or both.
	Labels []string
}

// Join pairs the rows of two files by key.
type Join struct {
	adv    *advisor.Advisor
	config Config
	rows   [2]blocks[heldRow]
	// labels are each side's rows' label cells, by the row's position.
	labels [2]labelStore
	people keyIndex           // trimmed key -> person
	found  blocks[personRows] // by person
	// unkept are each side's keys left to resolve not yet kept in people
	// (keepUnkept).
	unkept [2][]unkeptKey
	// resolved numbers the keys pending in people once (settle), and
	// marks the MANAGER rows paired with SELF rows.
	resolved   sync.Once
	resolveErr error
	paired     rowSet
	// cells are each answer's distinct cells (role, years and
	// accountability), which a row keeps as three indexes: a staff list
	// spells its answers in a few dozen ways each, whose tables (and the
	// caches in front of them) stay in the processor's cache, where the
	// sets of three run to tens of thousands. A file whose every cell
	// differs costs each cell's text, at most MaxCellBytes, and a few
	// bytes (cellTable).
	cells [3]*cellTable
	// years are the values of cells[1]'s numbered years cells, by number
	// (NaN for a cell that is no number), which the differences compare.
	years    []float64
	outcomes interner[outcome]
	// templates are the outcomes of recent rejections (rejectedOutcome).
	templates map[templateKey]int32
	groups    *cellTable
	// rowGroups are each side's rows' groups, by position, up to its last
	// row with one: a join without --by keeps none.
	rowGroups [2]blocks[int32]
}

// heldRow is what the join keeps of a row: 24 bytes, whatever the row
// holds, and with --by its group's number (Join.rowGroups). The answer cells, outcome and group repeat across a staff list,
// so the join keeps each distinct one once.
type heldRow struct {
	line    int32
	person  int32    // -1 for an empty key, unresolved until settled
	answers [3]int32 // role, years and accountability, in the join's cells
	outcome int32
}

// personRows are where a person's key was found.
type personRows struct {
	count [2]int32 // rows per side
	// manager is the person's first MANAGER row; -1 for none.
	manager int32
}

// outcome is what a row's answers came to.
type outcome struct {
	// For an advised row: its level, resolved answers and plan start.
	level         advisor.LevelRef
	role, account string
	start         string
	// For a rejected row: why, its message a template (messageTemplate)
	// that quotes the answer quoted, or whole when that is -1. An
	// out-of-scope row is neither rejected nor advised.
	rejected, outOfScope bool
	column, message      string
	quoted               int8
}

// New returns an empty join; adv re-advises rows for Records.
func New(adv *advisor.Advisor, config Config) *Join {
	j := &Join{adv: adv, config: config, people: newKeyIndex(),
		cells:    [3]*cellTable{newCellTable(), newCellTable(), newCellTable()},
		outcomes: newInterner(cloneOutcome), templates: map[templateKey]int32{}, groups: newCellTable(),
		labels: [2]labelStore{newLabelStore(len(config.Labels)), newLabelStore(len(config.Labels))}}
	_, _ = j.groups.of(noGroup) // index 0, which the empty table gives
	return j
}

// noGroup is the group of every row without --by: index 0.
const noGroup = ""

// cloneOutcome, like strings.Clone for cells, copies the strings the join
// keeps: a row's cells may pin a whole chunk of input.
func cloneOutcome(o outcome) outcome {
	o.column, o.message = strings.Clone(o.column), strings.Clone(o.message)
	return o
}

// MaxLine is the last input line a row may start on: rows are kept with
// 32-bit line numbers, which is over a hundred times what the join's memory
// allows anyway.
const MaxLine = math.MaxInt32

// Add keeps a row of one side; each side's rows come in input order, all
// before the first record is asked for. A row starting after MaxLine is an
// error.
func (j *Join) Add(side Side, r Row) error {
	if err := j.add(side, &r); err != nil {
		return err
	}
	return j.keepUnkept(sideIndex(side))
}

func (j *Join) add(side Side, r *Row) error {
	if r.Line > MaxLine {
		return fmt.Errorf("line %d: calibrate keeps rows up to line %d; split the files", r.Line, MaxLine)
	}
	s := sideIndex(side)
	if err := j.labels[s].add(r.Labels); err != nil {
		return err
	}
	held := heldRow{line: int32(r.Line), person: -1}
	var err error
	if held.answers[0], err = j.cells[0].of(r.Answers.Role); err != nil {
		return err
	}
	if held.answers[1], err = j.yearsOf(r.Answers.Years); err != nil {
		return err
	}
	if held.answers[2], err = j.cells[2].of(r.Answers.Accountability); err != nil {
		return err
	}
	held.outcome = j.outcomeOf(r)
	if r.Group != noGroup {
		if err := j.addGroup(s, r.Group); err != nil {
			return err
		}
	}
	if key := strings.TrimSpace(r.Key); key != "" {
		p, err := j.people.of(key, s)
		if err != nil {
			return err
		}
		held.person = p
		if p == unresolved {
			j.unkept[s] = append(j.unkept[s], unkeptKey{key, int32(j.rows[s].len())})
		} else {
			if int(p) == j.found.len() {
				j.found.add(personRows{manager: -1})
			}
			found := j.found.at(int(p))
			if found.count[s]++; side == Manager && found.manager < 0 {
				found.manager = int32(j.rows[s].len())
			}
		}
	}
	j.rows[s].add(held)
	return nil
}

// addGroup keeps the group of the side's next row.
func (j *Join) addGroup(s int, group string) error {
	g, err := j.groups.of(strings.TrimSpace(group))
	if err != nil {
		return err
	}
	for j.rowGroups[s].len() < j.rows[s].len() {
		j.rowGroups[s].add(0) // the rows before it had none
	}
	j.rowGroups[s].add(g)
	return nil
}

// yearsOf interns a years cell, and its value the first time it is
// numbered.
func (j *Join) yearsOf(cell string) (int32, error) {
	i, err := j.cells[1].of(cell)
	if err != nil {
		return 0, err
	}
	if int(i) == len(j.years) {
		j.years = append(j.years, yearsValue(cell))
	}
	return i, nil
}

// yearsAt is the value of the years cell i.
func (j *Join) yearsAt(i int32) float64 {
	if i >= 0 {
		return j.years[i]
	}
	return yearsValue(j.cells[1].at(i)) // unnumbered: read when compared
}

// yearsValue is a years cell's value, NaN for a cell that is no number.
func yearsValue(cell string) float64 {
	y, err := advisor.ReadYears(cell)
	if err != nil {
		return math.NaN()
	}
	return y.Value
}

// outcomeOf returns the outcome of a row.
func (j *Join) outcomeOf(r *Row) int32 {
	d := r.Decided
	switch {
	case d == nil:
		// A row of the wrong shape is rejected whatever its answers.
		return j.rejectedOutcome(r)
	case d.join != j:
		d.join, d.outcome = j, j.outcomes.of(outcome{level: d.Level, role: d.Role, account: d.Account, start: d.Start})
	}
	return d.outcome
}

// rejectedOutcome returns the outcome of a rejected row. Rows rejected
// alike come with one message, whose template is made once.
func (j *Join) rejectedOutcome(r *Row) int32 {
	key := templateKey{r.Column, r.Message, r.OutOfScope}
	if id, ok := j.templates[key]; ok {
		return id
	}
	o := outcome{rejected: !r.OutOfScope, outOfScope: r.OutOfScope, column: r.Column}
	o.message, o.quoted = messageTemplate(r.Message, r.Answers)
	id := j.outcomes.of(o)
	if len(r.Message) <= maxTemplateKey { // bounded: a message quotes its cell
		if len(j.templates) >= maxCached {
			clear(j.templates)
		}
		j.templates[templateKey{strings.Clone(r.Column), strings.Clone(r.Message), r.OutOfScope}] = id
	}
	return id
}

// maxTemplateKey bounds the messages templates remembers.
const maxTemplateKey = 1 << 10

// templateKey is a rejection as the readers give it.
type templateKey struct {
	column, message string
	outOfScope      bool
}

// CellCount is how many distinct cells of an answer (0 role, 1 years, 2
// accountability) the join numbered, from 0 (see Assessment.Cells).
func (j *Join) CellCount(answer int) int { return j.cells[answer].len() }

// Cell is an answer's distinct cell i (Assessment.Cells), as kept: a cell
// longer than MaxCellBytes is cut. It is read-only.
func (j *Join) Cell(answer int, i int32) string { return j.cells[answer].at(i) }

// Labels are the header names of the label columns whose cells records
// carry (Record.Labels).
func (j *Join) Labels() []string { return j.config.Labels }

// answersOf returns a held row's answer cells.
func (j *Join) answersOf(h *heldRow) advisor.Answers {
	return advisor.Answers{Role: j.cells[0].at(h.answers[0]), Years: j.cells[1].at(h.answers[1]),
		Accountability: j.cells[2].at(h.answers[2])}
}

func sideIndex(s Side) int {
	if s == Manager {
		return 1
	}
	return 0
}

// Record is one person, or one row that cannot be paired.
type Record struct {
	Key string
	// Labels are the record's cells of the label columns (Config.Labels),
	// each from SELF's row, else MANAGER's: a person's own file names
	// them. A cell is cut at MaxLabelBytes.
	Labels []string
	Group  string // from MANAGER's row, else SELF's
	Status Status
	// Self and Manager are the person's row in each file, nil when absent.
	Self, Manager *Assessment
	// Delta is the manager's level order minus the person's own, when
	// Status.Complete().
	Delta       int
	Differences []Difference
	Errors      []Rejection

	own *[2]Assessment // where Self and Manager point, reused: not copied with each record
}

// Assessment is one side's row of a record.
type Assessment struct {
	Row     int
	Answers advisor.Answers
	// Cells are the numbers of Answers' role, years and accountability
	// among the join's distinct cells (Join.Cell), so that a writer can
	// encode each distinct cell once. A negative number is a cell kept
	// unnumbered, in a column whose cells nearly all differ: one to
	// encode as it comes.
	Cells [3]int32
	Level *advisor.LevelRef // nil when the row was rejected; read-only
	// Rec is the full recommendation, set by Records when asked for and
	// the row was advised.
	Rec *advisor.Recommendation
}

// Difference is an answer the two sides resolve differently, with both
// values as given.
type Difference struct {
	Answer        string
	Self, Manager string
}

// Rejection is why one side's row of a record was not compared.
type Rejection struct {
	Side            Side
	Row             int
	Column, Message string
}

// Records calls each for every record: SELF's rows in input order, then
// MANAGER's rows that matched no SELF row, in theirs. With recommendations,
// every advised Assessment carries its full recommendation. The record is
// reused between calls.
func (j *Join) Records(recommendations bool, each func(*Record) error) error {
	return j.RecordsIn(0, j.Positions(), recommendations, each)
}

// Positions is how many rows the join holds, SELF's then MANAGER's; a
// position is a record but for a MANAGER row written with its SELF row.
func (j *Join) Positions() int { return j.rows[0].len() + j.rows[1].len() }

// RecordsIn calls each, as Records does, for the records at the positions
// from up to to. Calls for spans that do not overlap may run at the same
// time without recommendations: the join is then only read.
func (j *Join) RecordsIn(from, to int, recommendations bool, each func(*Record) error) error {
	return j.walk(from, to, recommendations, func(_ int, r *Record) error { return each(r) })
}

// walk is RecordsIn, handing each the record's position too.
func (j *Join) walk(from, to int, recommendations bool, each func(position int, r *Record) error) error {
	if err := j.settle(); err != nil {
		return err
	}
	recs := newRecommender(j.adv, recommendations)
	var rec Record
	ahead := newManagersAhead(aheadRows, to)
	for i := from; i < to; i++ {
		ok, err := j.recordAt(i, &rec, recs, ahead)
		if err != nil {
			return err
		}
		if !ok {
			continue // a matched MANAGER row, written with its SELF row
		}
		if err := each(i, &rec); err != nil {
			return err
		}
	}
	return nil
}

// recordAt fills rec with the record at a position, if there is one,
// reading SELF rows' MANAGER rows through ahead.
func (j *Join) recordAt(i int, rec *Record, recs *recommender, ahead *managersAhead) (bool, error) {
	var self, mgr *heldRow
	selfAt, mgrAt := -1, -1 // the rows' positions in their sides
	if i < j.rows[0].len() {
		selfAt, self = i, j.rows[0].at(i)
		mgr, mgrAt = ahead.of(j, i)
	} else {
		mgrAt = i - j.rows[0].len()
		if j.paired.has(mgrAt) {
			return false, nil
		}
		mgr = j.rows[1].at(mgrAt)
	}
	if err := j.fill(rec, self, mgr, recs); err != nil {
		return false, err
	}
	rec.Group = j.group(selfAt, mgrAt)
	j.label(rec, selfAt, mgrAt)
	return true, nil
}

// matched reports whether a row's person has one row in each file.
func (j *Join) matched(h *heldRow) bool {
	return h.person >= 0 && j.found.at(int(h.person)).count == [2]int32{1, 1}
}

// fill makes the record of a SELF row, a MANAGER row, or a matched pair.
func (j *Join) fill(rec *Record, self, mgr *heldRow, recs *recommender) error {
	own := rec.own
	if own == nil {
		own = new([2]Assessment)
	}
	*rec = Record{Labels: rec.Labels[:0], Differences: rec.Differences[:0], Errors: rec.Errors[:0], own: own}
	var err error
	if rec.Self, err = j.assess(&rec.own[0], Self, self, recs); err != nil {
		return err
	}
	if rec.Manager, err = j.assess(&rec.own[1], Manager, mgr, recs); err != nil {
		return err
	}
	if h := cmp.Or(self, mgr); h.person >= 0 {
		rec.Key = j.people.key(h.person)
	}
	j.reject(rec, Self, self, recs)
	j.reject(rec, Manager, mgr, recs)
	switch {
	case len(rec.Errors) > 0:
		rec.Status = Rejected
	case j.outOfScope(self) || j.outOfScope(mgr):
		rec.Status = OutOfScope
	case mgr == nil:
		rec.Status = OnlySelf
	case self == nil:
		rec.Status = OnlyManager
	default:
		j.compare(rec, self, mgr)
	}
	return nil
}

// label sets a record's labels from its rows at these positions of
// each side, -1 for none.
func (j *Join) label(rec *Record, selfAt, mgrAt int) {
	for i := range j.config.Labels {
		var cell string
		if selfAt >= 0 {
			cell = j.labels[0].cell(selfAt, i)
		}
		if cell == "" && mgrAt >= 0 {
			cell = j.labels[1].cell(mgrAt, i)
		}
		rec.Labels = append(rec.Labels, cell)
	}
}

// outOfScope reports whether a held row's title is outside the track.
func (j *Join) outOfScope(h *heldRow) bool {
	return h != nil && j.outcomes.at(h.outcome).outOfScope
}

// group is a record's group, from its rows at these positions of each
// side, -1 for none: MANAGER's, else SELF's.
func (j *Join) group(selfAt, mgrAt int) string {
	s, at := 1, mgrAt
	if mgrAt < 0 {
		s, at = 0, selfAt
	}
	if at >= j.rowGroups[s].len() {
		return noGroup
	}
	return j.groups.at(*j.rowGroups[s].at(at))
}

// assess fills a, the record's own storage, from a held row.
func (j *Join) assess(a *Assessment, side Side, h *heldRow, recs *recommender) (*Assessment, error) {
	if h == nil {
		return nil, nil
	}
	o := j.outcomes.at(h.outcome)
	*a = Assessment{Row: int(h.line), Answers: j.answersOf(h), Cells: h.answers}
	if o.rejected || o.outOfScope {
		return a, nil
	}
	a.Level = &o.level
	if !recs.on {
		return a, nil
	}
	var err error
	if a.Rec, err = recs.of(h, j.advisedAnswers(h, o, a.Answers), o.start); err != nil {
		return nil, fmt.Errorf("%s line %d: %w", j.config.Files[sideIndex(side)], h.line, err)
	}
	return a, nil
}

// advisedAnswers are the answers that give an advised row's
// recommendation again: its cells, but for a role or accountability cell
// kept cut, which may not mean what the whole cell did: that answer is
// the catalog's id of what the whole cell resolved to.
func (j *Join) advisedAnswers(h *heldRow, o *outcome, ans advisor.Answers) advisor.Answers {
	if j.cells[0].cut(h.answers[0]) {
		ans.Role = o.role
	}
	if j.cells[2].cut(h.answers[2]) {
		ans.Accountability = o.account
	}
	return ans
}

// reject adds why a row cannot be compared: its own rejection, an empty
// key, or a key found more than once in either file.
func (j *Join) reject(rec *Record, side Side, h *heldRow, recs *recommender) {
	if h == nil {
		return
	}
	s := sideIndex(side)
	add := func(column, message string) {
		rec.Errors = append(rec.Errors, Rejection{Side: side, Row: int(h.line), Column: column, Message: message})
	}
	if h.person < 0 {
		add(j.config.KeyColumns[s], fmt.Sprintf("the key is empty, so this row matches nobody in %s; give every row its person's key", j.config.Files[1-s]))
	} else {
		counts := j.found.at(int(h.person)).count
		for _, t := range [2]int{s, 1 - s} {
			if counts[t] > 1 {
				add(j.config.KeyColumns[s], fmt.Sprintf("key %q is on %d rows of %s, so no row with it is matched; keep one row per person in each file",
					j.people.key(h.person), counts[t], j.config.Files[t]))
			}
		}
	}
	if o := j.outcomes.at(h.outcome); o.rejected {
		add(o.column, recs.message(h, o, j.answersOf(h)))
	}
}

// compare sets the status, delta and differences of a matched pair.
func (j *Join) compare(rec *Record, selfRow, mgrRow *heldRow) {
	self, mgr := j.outcomes.at(selfRow.outcome), j.outcomes.at(mgrRow.outcome)
	rec.Delta = mgr.level.Order - self.level.Order
	switch {
	case rec.Delta > 0:
		rec.Status = ManagerHigher
	case rec.Delta < 0:
		rec.Status = SelfHigher
	default:
		rec.Status = Agree
	}
	sa, ma := rec.Self.Answers, rec.Manager.Answers
	if self.role != mgr.role {
		rec.Differences = append(rec.Differences, Difference{advisor.FieldRole, sa.Role, ma.Role})
	}
	if j.yearsAt(selfRow.answers[1]) != j.yearsAt(mgrRow.answers[1]) {
		rec.Differences = append(rec.Differences, Difference{advisor.FieldYears, sa.Years, ma.Years})
	}
	if self.account != mgr.account {
		rec.Differences = append(rec.Differences, Difference{advisor.FieldAccountability, sa.Accountability, ma.Accountability})
	}
}

// recommender re-advises held rows for the JSON formats. The join keeps no
// recommendations, whose number could grow with the file; it keeps each
// row's answers and plan start, which give the same recommendation again.
type recommender struct {
	adv   *advisor.Advisor
	on    bool
	cache map[[4]int32]*advisor.Recommendation // by answer cells and outcome
	// messages are recent rejection messages, by outcome and the cell its
	// template quotes: rows rejected alike share one, made once.
	messages map[[2]int32]string
}

// message is a rejected row's message, its cell put back in its
// outcome's template.
func (r *recommender) message(h *heldRow, o *outcome, ans advisor.Answers) string {
	if o.quoted < 0 {
		return o.message
	}
	key := [2]int32{h.outcome, h.answers[o.quoted]}
	if m, ok := r.messages[key]; ok {
		return m
	}
	m := messageOf(o.message, o.quoted, ans)
	if len(r.messages) >= maxCached {
		clear(r.messages)
	}
	r.messages[key] = m
	return m
}

// maxCached bounds the join's caches.
const maxCached = 1 << 12

func newRecommender(adv *advisor.Advisor, on bool) *recommender {
	return &recommender{adv: adv, on: on, cache: map[[4]int32]*advisor.Recommendation{}, messages: map[[2]int32]string{}}
}

// of is an advised row's recommendation, from a recommender that is on.
func (r *recommender) of(h *heldRow, ans advisor.Answers, start string) (*advisor.Recommendation, error) {
	key := [4]int32{h.answers[0], h.answers[1], h.answers[2], h.outcome}
	if rec, ok := r.cache[key]; ok {
		return rec, nil
	}
	day, err := time.Parse(advisor.DateLayout, start)
	if err != nil {
		return nil, err
	}
	rec, err := r.adv.Advise(ans, day)
	if err != nil {
		return nil, err
	}
	if len(r.cache) >= maxCached {
		clear(r.cache)
	}
	r.cache[key] = rec
	return rec, nil
}

// interner keeps each distinct value once, copied by clone, and hands out
// its index.
type interner[T comparable] struct {
	index  map[T]int32
	values []T
	clone  func(T) T
}

func newInterner[T comparable](clone func(T) T) interner[T] {
	return interner[T]{index: map[T]int32{}, clone: clone}
}

func (in *interner[T]) of(v T) int32 {
	i, ok := in.index[v]
	if !ok {
		v = in.clone(v)
		i = int32(len(in.values))
		in.index[v] = i
		in.values = append(in.values, v)
	}
	return i
}

// at returns the value of an index; it is read-only.
func (in *interner[T]) at(i int32) *T { return &in.values[i] }
