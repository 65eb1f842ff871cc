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
	// years numbers the years' value.
	years uint64
	// start numbers the row's start cell; 0 without a start column.
	start uint64
}

type roleAnswer struct {
	match advisor.RoleMatch
	id    uint64 // the match's number, for decisionKey
	err   error
}

// matchKey is a role match by value, numbered once per distinct match
// however many spellings find it.
type matchKey struct {
	role         *catalog.Role
	how, ignored string // ignored: the match's Ignored words, joined
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
	starts  map[string]uint64
	lastID  uint64
	decided *decisions
	derived map[any]*outcome // outcomes by their Options.Derive value
	// maxDecided bounds decided. For Visit its outcomes hold whole
	// recommendations, or the small values Options.Derive makes of them,
	// so run sets a bound for each (visitMaxDecided, derivedMaxDecided).
	maxDecided int
	rejected   map[rejectedKey]*outcome
	outOfScope map[error]*outcome // by the role cache's error, one per spelling
}

func newOutcomes(adv *advisor.Advisor, l *layout, enc RowEncoder, start time.Time) *outcomes {
	return &outcomes{adv: adv, layout: l, enc: enc, start: start, maxDecided: maxCached,
		roles: newSpellings[roleAnswer](), accs: newSpellings[accAnswer](), years: newSpellings[yearsAnswer](),
		matches: map[matchKey]uint64{}, accIDs: map[*catalog.Accountability]uint64{},
		values: map[advisor.Years]uint64{}, starts: map[string]uint64{},
		decided: newDecisions(), derived: map[any]*outcome{}, rejected: map[rejectedKey]*outcome{},
		outOfScope: map[error]*outcome{}}
}

// of returns the outcome of a row with as many fields as the header, and
// its years as JSON.
func (o *outcomes) of(fields [][]byte) (*outcome, []byte) {
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
	if start != nil {
		k.start = o.startID(start)
	}
	out := o.decided.get(k)
	if out == nil {
		out = o.advise(fields, start)
		o.decided.put(k, out, o.maxDecided)
	}
	return out, years.json
}

func bounded[K comparable, V any](m map[K]V) {
	if len(m) >= maxCached {
		clear(m)
	}
}

func (o *outcomes) role(b []byte) *roleAnswer {
	return o.roles.of(b, func(answer string) (r roleAnswer) {
		r.match, r.err = o.adv.ResolveRole(answer)
		if r.err == nil {
			r.id = numbered(o, o.matches, matchKey{role: r.match.Role, how: r.match.How, ignored: strings.Join(r.match.Ignored, "\x00")})
		}
		return r
	})
}

func (o *outcomes) acc(b []byte) *accAnswer {
	return o.accs.of(b, func(answer string) (a accAnswer) {
		a.acc, a.err = o.adv.ResolveAccountability(answer)
		if a.err == nil {
			a.id = numbered(o, o.accIDs, a.acc)
		}
		return a
	})
}

func (o *outcomes) yearsOf(b []byte) *yearsAnswer {
	return o.years.of(b, func(answer string) (y yearsAnswer) {
		y.years, y.err = advisor.ReadYears(answer)
		if y.err == nil {
			y.id = numbered(o, o.values, y.years)
		}
		y.json, _ = json.Marshal(y.years.Value) // a number from 0 to MaxYears always encodes
		return y
	})
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
	if id, ok := o.starts[string(b)]; ok {
		return id
	}
	return numbered(o, o.starts, string(b))
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
	switch {
	case o.enc != nil:
		return &outcome{encoded: o.enc.Advised(rec)}
	case o.derive == nil:
		return &outcome{rec: rec}
	}
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
