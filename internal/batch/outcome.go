package batch

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
)

// outcome is what a row's answers come to, encoded once for the output
// format and reused for every row with the same answers.
type outcome struct {
	// problems say why a rejected row could not be advised, every one of
	// them: the role, years and accountability are each checked.
	problems []Problem
	// encoded is the Output's cached part of the row, and says whether the
	// row was rejected.
	encoded Encoded
	// rec is the recommendation of an advised row, for Visit, and derived
	// what Options.Derive made of it.
	rec     *advisor.Recommendation
	derived any
	// band is the years' Band of an advised row's outcome, which gives
	// each row's words (advisor.Advisor.Words), and eligible its next
	// level's eligible_from, for an Output's holes.
	band     advisor.Band
	eligible []byte
}

// class is what the rows of one role match, accountability, start and
// years band but for the months to the next level share: a
// recommendation's every part but its years (see advisor.Template).
type class struct {
	// rec is the template: for an Output written with the marks, for
	// Options.Derive with the first row's years.
	rec     *advisor.Recommendation
	encoded Encoded // the Output's part of rec
	day     time.Time
	column  string // the start's column name, "" for the run's start
	// rejected is the outcome of every row of the class when its answers
	// or start cannot be used.
	rejected *outcome
}

// Problem is one reason a row is rejected: Column is the header name of
// the culprit, or empty for the row's shape.
type Problem struct {
	Column, Message string
}

// maxCached bounds each cache, so that a file of all-different answers
// cannot grow memory with its length.
const maxCached = 1 << 12

// decisionKey is everything a recommendation depends on besides the
// spelling of the answers. It holds no string, so that looking it up
// hashes a few words rather than the answers' text.
type decisionKey struct {
	// match numbers the role's match (see matchKey), which the
	// recommendation names.
	match uint64
	acc   uint64 // numbers the accountability
	// years is the years' Band (bandKey), or for Visit's recommendations
	// numbers the years' value.
	years uint64
	// start numbers the row's start cell; 0 without a start column.
	start uint64
}

type roleAnswer struct {
	match advisor.RoleMatch
	id    uint64 // the match's number, for decisionKey
	err   error
}

// bandKey is a Band as decisionKey's years: bandBit set, so that it
// differs from every number of a years value.
func bandKey(b advisor.Band) uint64 {
	k := uint64(b.Level)<<40 | uint64(b.Months)<<2 | bandBit
	if b.Short {
		k |= 2
	}
	if b.AtLeast {
		k |= 1
	}
	return k
}

// matchKey is a role match by value, numbered once per distinct match
// however many spellings find it; a match whose trace quotes the
// spelling (RoleMatch.QuotesAnswer) is numbered per spelling instead.
type matchKey struct {
	role *catalog.Role
	how  string
}

type accAnswer struct {
	acc *catalog.Accountability
	id  uint64 // acc's number, for decisionKey
	err error
}

type yearsAnswer struct {
	years advisor.Years
	id    uint64 // the value's number, for decisionKey
	json  []byte // the value as encoding/json writes it
	err   error
}

// outcomes advises rows through caches at two levels: each answer's
// spelling to its catalog entry, then the resolved answers to an encoded
// outcome. A staff list repeats a few thousand distinct answers, so most
// rows cost a few map lookups. Each worker has its own, so there is no
// locking; every cache is cleared when it reaches maxCached.
type outcomes struct {
	adv    *advisor.Advisor
	layout *layout
	enc    RowEncoder // nil for Visit, which keeps recommendations
	start  time.Time
	// derive, for Visit, is Options.Derive: outcomes then keep its
	// results instead of recommendations.
	derive func(*advisor.Recommendation) any

	roles *spellings[roleAnswer]
	accs  *spellings[accAnswer]
	years *spellings[yearsAnswer]
	// The numbers that make a decisionKey: lastID numbers matches,
	// accountabilities, years values and start cells from 1. Numbers are
	// never reused, so a cache cleared to bound memory costs misses, never
	// a wrong hit.
	matches map[matchKey]uint64
	accIDs  map[*catalog.Accountability]uint64
	values  map[advisor.Years]uint64
	starts  *spellings[uint64]
	lastID  uint64
	decided *decisions
	derived map[any]*outcome       // outcomes by their Options.Derive value
	classes map[decisionKey]*class // by their decisionKey with Months 0
	// maxDecided bounds decided: bandMaxDecided, or visitMaxDecided for
	// Visit's whole recommendations.
	maxDecided int
	rejected   map[rejectedKey]*outcome
	outOfScope map[error]*outcome // by the role cache's error, one per spelling
}

func newOutcomes(adv *advisor.Advisor, l *layout, enc RowEncoder, start time.Time) *outcomes {
	return &outcomes{adv: adv, layout: l, enc: enc, start: start, maxDecided: bandMaxDecided,
		roles: newSpellings[roleAnswer](), accs: newSpellings[accAnswer](), years: newSpellings[yearsAnswer](),
		matches: map[matchKey]uint64{}, accIDs: map[*catalog.Accountability]uint64{},
		values: map[advisor.Years]uint64{}, starts: newSpellings[uint64](),
		decided: newDecisions(), derived: map[any]*outcome{}, classes: map[decisionKey]*class{}, rejected: map[rejectedKey]*outcome{},
		outOfScope: map[error]*outcome{}}
}

// of returns the outcome of a row with as many fields as the header, and
// its years answer.
//
// Rows whose role match, accountability and start are the same and whose
// years fall in one advisor.Band share an outcome, which an Output writes
// each row's years into (RowEncoder.Advised) and Options.Derive works out
// from the first of them: so a staff list whose years all differ costs as
// few advisings as one of whole years. Visit's recommendations, handed on
// whole, are shared only between rows of the same years value.
func (o *outcomes) of(fields [][]byte) (*outcome, *yearsAnswer) {
	ix := o.layout.index
	role := o.role(fields[ix[roleAt]])
	years := o.yearsOf(fields[ix[yearsAt]])
	acc := o.acc(fields[ix[accountabilityAt]])
	var start []byte
	if ix[startAt] >= 0 {
		start = fields[ix[startAt]]
	}
	if out, ok := role.err.(*advisor.OutOfScopeError); ok {
		return o.outOfScopeOf(out), nil // the other answers do not matter
	}
	if role.err != nil || acc.err != nil || years.err != nil {
		return o.rejectedOf(rejectedKey{role.err, years.err, acc.err}), nil
	}
	k := decisionKey{match: role.id, acc: acc.id, years: years.id}
	var band advisor.Band
	if o.enc != nil || o.derive != nil {
		band = o.adv.BandOf(o.adv.Reached(role.match.Role, acc.acc), years.years)
		k.years = bandKey(band)
	}
	if start != nil {
		k.start = o.startID(start)
	}
	out := o.decided.get(k)
	if out == nil {
		if k.years&bandBit != 0 {
			out = o.banded(k, band, fields, start, years.years)
		} else {
			out = o.advise(fields, start)
		}
		o.decided.put(k, out, o.maxDecided)
	}
	return out, years
}

// banded is the outcome of answers of a Band: its class's, with the
// band's dates. Only they depend on the months to the next level, which
// take a class's rows to some ninety decisions.
func (o *outcomes) banded(k decisionKey, band advisor.Band, fields [][]byte, start []byte, years advisor.Years) *outcome {
	ck := k
	ck.years = bandKey(advisor.Band{Level: band.Level, Short: band.Short, AtLeast: band.AtLeast})
	c := o.classes[ck]
	if c == nil {
		c = o.newClass(band, fields, start, years)
		bounded(o.classes)
		o.classes[ck] = c
	}
	if c.rejected != nil {
		return c.rejected
	}
	eligible, err := o.adv.BandDates(band, c.day)
	if err != nil {
		return o.reject(Problem{Column: c.column, Message: err.Error()})
	}
	if o.enc != nil {
		return &outcome{encoded: c.encoded, band: band, eligible: []byte(eligible)}
	}
	rec := *c.rec
	rec.Input.Years = years.Value
	if rec.NextLevel != nil {
		next := *rec.NextLevel
		next.EligibleFrom = eligible
		rec.NextLevel = &next
	}
	return o.derivedOutcome(&rec)
}

// newClass works out the class of a row's answers of a Band.
func (o *outcomes) newClass(band advisor.Band, fields [][]byte, start []byte, years advisor.Years) *class {
	q, err := o.adv.Resolve(o.answers(fields))
	if err != nil {
		return &class{rejected: o.rejection(err)}
	}
	c := &class{day: o.start}
	if strings.TrimSpace(string(start)) != "" {
		t, err := advisor.ParseDate(string(start))
		if err != nil {
			return &class{rejected: o.reject(Problem{Column: o.layout.columnName(startAt), Message: err.Error() + ", or leave it empty for the default"})}
		}
		c.day, c.column = t, o.layout.columnName(startAt)
	}
	if o.enc == nil {
		c.rec = o.adv.Template(q, c.day, o.adv.Words(band, years))
		return c
	}
	c.rec = o.adv.Template(q, c.day, advisor.YearsWords{Given: GivenMark, Short: ShortMark})
	if c.rec.NextLevel != nil {
		c.rec.NextLevel.EligibleFrom = EligibleMark
	}
	c.encoded = o.enc.Advised(c.rec)
	return c
}

// bandBit marks a decisionKey's years as a Band.
const bandBit = 1 << 63

func bounded[K comparable, V any](m map[K]V) {
	if len(m) >= maxCached {
		clear(m)
	}
}

func (o *outcomes) role(b []byte) *roleAnswer {
	return o.roles.of(b, func(answer string) (r roleAnswer) {
		r.match, r.err = o.adv.ResolveRole(answer)
		r.err = kept(r.err)
		switch {
		case r.err != nil:
		case r.match.QuotesAnswer():
			// The trace names the spelling: it is a match of its own.
			o.lastID++
			r.id = o.lastID
		default:
			r.id = numbered(o, o.matches, matchKey{role: r.match.Role, how: r.match.How})
		}
		return r
	})
}

func (o *outcomes) acc(b []byte) *accAnswer {
	return o.accs.of(b, func(answer string) (a accAnswer) {
		a.acc, a.err = o.adv.ResolveAccountability(answer)
		a.err = kept(a.err)
		if a.err == nil {
			a.id = numbered(o, o.accIDs, a.acc)
		}
		return a
	})
}

func (o *outcomes) yearsOf(b []byte) *yearsAnswer {
	return o.years.of(b, func(answer string) (y yearsAnswer) {
		y.years, y.err = advisor.ReadYears(answer)
		y.err = kept(y.err)
		if y.err == nil {
			y.id = numbered(o, o.values, y.years)
		}
		y.json, _ = json.Marshal(y.years.Value) // a number from 0 to MaxYears always encodes
		return y
	})
}

// kept is an answer's error as its cache keeps it: an *InputError's Value,
// which batch never shows, cut to keyPrefix bytes, so that a cached error
// does not keep a long cell alive (its Message quotes a cut of it).
func kept(err error) error {
	ie, ok := err.(*advisor.InputError)
	if !ok || len(ie.Value) <= keyPrefix {
		return err
	}
	cut := *ie
	cut.Value = strings.Clone(ie.Value[:keyPrefix])
	return &cut
}

// numbered is v's number in numbers, a new one if it has none.
func numbered[K comparable](o *outcomes, numbers map[K]uint64, v K) uint64 {
	id, ok := numbers[v]
	if !ok {
		o.lastID++
		id = o.lastID
		bounded(numbers)
		numbers[v] = id
	}
	return id
}

func (o *outcomes) startID(b []byte) uint64 {
	return *o.starts.of(b, func(string) uint64 {
		o.lastID++
		return o.lastID
	})
}

// advise runs the core advisor on a row, exactly as `careerpath advise`
// does.
func (o *outcomes) advise(fields [][]byte, start []byte) *outcome {
	q, err := o.adv.Resolve(o.answers(fields))
	if err != nil {
		return o.rejection(err)
	}
	day, column := o.start, "" // the run's start, which no column holds
	if strings.TrimSpace(string(start)) != "" {
		t, err := advisor.ParseDate(string(start))
		if err != nil {
			return o.reject(Problem{Column: o.layout.columnName(startAt), Message: err.Error() + ", or leave it empty for the default"})
		}
		day, column = t, o.layout.columnName(startAt)
	}
	rec, err := o.adv.Recommend(q, day)
	if err != nil {
		return o.reject(Problem{Column: column, Message: err.Error()})
	}
	return &outcome{rec: rec}
}

// derivedOutcome is the outcome of a recommendation under Options.Derive.
func (o *outcomes) derivedOutcome(rec *advisor.Recommendation) *outcome {
	out := &outcome{derived: o.derive(rec)}
	if out.derived == nil {
		return out
	}
	// Decisions whose derivations are equal (report's Derive hands out one
	// shared value for equal ones; calibrate's, a new pointer each time,
	// never is) share one outcome, so that the rows touch a few outcomes,
	// which stay in the processor's caches, rather than one per decision.
	if shared, ok := o.derived[out.derived]; ok {
		return shared
	}
	bounded(o.derived)
	o.derived[out.derived] = out
	return out
}

func (o *outcomes) answers(fields [][]byte) advisor.Answers {
	ix := o.layout.index
	return advisor.Answers{
		Role:           string(fields[ix[roleAt]]),
		Years:          string(fields[ix[yearsAt]]),
		Accountability: string(fields[ix[accountabilityAt]]),
	}
}

// rejectedOf is the outcome of answers that do not resolve, naming every
// unusable answer. It is cached by the answers' errors, which the answer
// caches keep one of per spelling (so no two spellings share a key), and a
// file of all-different wrong answers costs one lookup a row.
func (o *outcomes) rejectedOf(k rejectedKey) *outcome {
	if out, ok := o.rejected[k]; ok {
		return out
	}
	out := o.rejection(advisor.Combine(k.role, k.years, k.acc))
	bounded(o.rejected)
	o.rejected[k] = out
	return out
}

// outOfScopeOf is the outcome of a row whose title the map marks out of
// scope: neither advised nor rejected, with a problem that says so.
func (o *outcomes) outOfScopeOf(err *advisor.OutOfScopeError) *outcome {
	if out, ok := o.outOfScope[err]; ok {
		return out
	}
	p := Problem{Column: o.layout.columnName(roleAt), Message: err.Error()}
	out := &outcome{problems: []Problem{p}, encoded: Encoded{OutOfScope: true}}
	if o.enc != nil {
		out.encoded.Head = o.enc.OutOfScope(p)
	}
	bounded(o.outOfScope)
	o.outOfScope[err] = out
	return out
}

// rejectedKey is the errors of a row's answers, nil for a usable one.
type rejectedKey struct{ role, years, acc error }

func (o *outcomes) rejection(err error) *outcome {
	inputs := advisor.Problems(err)
	if len(inputs) == 0 {
		return o.reject(Problem{Message: err.Error()})
	}
	problems := make([]Problem, len(inputs))
	for i, ie := range inputs {
		problems[i] = Problem{Column: o.layout.columnName(answerAt(ie.Field)), Message: ie.Message}
	}
	return o.reject(problems...)
}

func (o *outcomes) reject(problems ...Problem) *outcome {
	out := &outcome{problems: problems, encoded: Encoded{Rejected: true}}
	if o.enc != nil {
		out.encoded.Head = o.enc.Rejected(problems)
	}
	return out
}

// answerAt is where the layout keeps the column of an answer field.
func answerAt(field string) int {
	switch field {
	case advisor.FieldRole:
		return roleAt
	case advisor.FieldYears:
		return yearsAt
	default:
		return accountabilityAt
	}
}

// shapeMessage says why a row whose field count differs from the
// header's is rejected.
func shapeMessage(got, want int) string {
	noun := "fields"
	if got == 1 {
		noun = "field"
	}
	msg := fmt.Sprintf("the row has %d %s and the header %d; look for a missing or extra delimiter or an unclosed quote", got, noun, want)
	if got > want {
		msg += fmt.Sprintf(" (only the first %d are copied)", want)
	}
	return msg
}
