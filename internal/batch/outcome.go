package batch

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
	"github.com/careerpath/careerpath/internal/catalog"
)

// outcome is what a row's answers come to, encoded once for the output
// format and reused for every row with the same answers.
type outcome struct {
	rejected bool
	// column and message say why a rejected row could not be advised;
	// column is the header name of the culprit, or empty for the row's shape.
	column, message string
	// encoded is the format's cached part of the row; a JSON recommendation
	// is split around its "input" member, which echoes each row's spelling
	// (see jsonEncoder).
	encoded, afterInput []byte
}

// maxCached bounds each cache, so that a file of all-different answers
// cannot grow memory with its length.
const maxCached = 1 << 12

// decisionKey is everything a recommendation depends on besides the
// spelling of the answers.
type decisionKey struct {
	role  *catalog.Role
	acc   *catalog.Accountability
	years float64
	start string
}

type yearsAnswer struct {
	value float64
	json  []byte // the value as encoding/json writes it
	ok    bool
}

// outcomes advises rows through caches at two levels: each answer's
// spelling to its catalog entry, then the resolved answers to an encoded
// outcome. A staff list repeats a few thousand distinct answers, so most
// rows cost a few map lookups. Each worker has its own, so there is no
// locking; every cache is cleared when it reaches maxCached.
type outcomes struct {
	adv    *advisor.Advisor
	layout *layout
	enc    encoder
	start  time.Time

	roles    map[string]*catalog.Role // nil: unknown
	accs     map[string]*catalog.Accountability
	years    map[string]yearsAnswer
	starts   map[string]string // interned start cells
	decided  map[decisionKey]*outcome
	rejected map[string]*outcome // by the answers' spelling
	key      []byte
}

func newOutcomes(adv *advisor.Advisor, l *layout, enc encoder, start time.Time) *outcomes {
	return &outcomes{adv: adv, layout: l, enc: enc, start: start,
		roles: map[string]*catalog.Role{}, accs: map[string]*catalog.Accountability{}, years: map[string]yearsAnswer{},
		starts: map[string]string{}, decided: map[decisionKey]*outcome{}, rejected: map[string]*outcome{}}
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
	if role == nil || acc == nil || !years.ok {
		return o.rejectedOf(fields, start), nil
	}
	k := decisionKey{role: role, acc: acc, years: years.value}
	if start != nil {
		k.start = o.intern(start)
	}
	out, ok := o.decided[k]
	if !ok {
		out = o.advise(fields, start)
		bounded(o.decided)
		o.decided[k] = out
	}
	return out, years.json
}

func bounded[K comparable, V any](m map[K]V) {
	if len(m) >= maxCached {
		clear(m)
	}
}

func (o *outcomes) role(b []byte) *catalog.Role {
	r, ok := o.roles[string(b)]
	if !ok {
		r, _ = o.adv.ResolveRole(string(b))
		bounded(o.roles)
		o.roles[string(b)] = r
	}
	return r
}

func (o *outcomes) acc(b []byte) *catalog.Accountability {
	a, ok := o.accs[string(b)]
	if !ok {
		a, _ = o.adv.ResolveAccountability(string(b))
		bounded(o.accs)
		o.accs[string(b)] = a
	}
	return a
}

func (o *outcomes) yearsOf(b []byte) yearsAnswer {
	y, ok := o.years[string(b)]
	if !ok {
		v, err := advisor.ParseYears(string(b))
		y = yearsAnswer{value: v, ok: err == nil}
		y.json, _ = json.Marshal(v) // a number from 0 to MaxYears always encodes
		bounded(o.years)
		o.years[string(b)] = y
	}
	return y
}

func (o *outcomes) intern(b []byte) string {
	s, ok := o.starts[string(b)]
	if !ok {
		s = string(b)
		bounded(o.starts)
		o.starts[s] = s
	}
	return s
}

// advise runs the core advisor on a row, exactly as `careerpath advise`
// does.
func (o *outcomes) advise(fields [][]byte, start []byte) *outcome {
	q, err := o.adv.Resolve(o.answers(fields))
	if err != nil {
		return o.rejection(err)
	}
	day := o.start
	if strings.TrimSpace(string(start)) != "" {
		t, err := advisor.ParseDate(string(start))
		if err != nil {
			return o.reject(o.layout.columnName(startAt), err.Error()+", or leave it empty for the default")
		}
		day = t
	}
	return o.enc.advised(o.adv.Recommend(q, day))
}

func (o *outcomes) answers(fields [][]byte) advisor.Answers {
	ix := o.layout.index
	return advisor.Answers{
		Role:           string(fields[ix[roleAt]]),
		Years:          string(fields[ix[yearsAt]]),
		Accountability: string(fields[ix[accountabilityAt]]),
	}
}

// rejectedOf is the outcome of answers that do not resolve; advisor.Resolve
// names the first bad one, as `careerpath advise` would.
func (o *outcomes) rejectedOf(fields [][]byte, start []byte) *outcome {
	ix := o.layout.index
	// Each answer is prefixed with its length: a separator byte could
	// occur in a cell and make two rows' keys equal.
	o.key = o.key[:0]
	for _, at := range []int{roleAt, yearsAt, accountabilityAt} {
		o.key = binary.AppendUvarint(o.key, uint64(len(fields[ix[at]])))
		o.key = append(o.key, fields[ix[at]]...)
	}
	if out, ok := o.rejected[string(o.key)]; ok {
		return out
	}
	out := o.advise(fields, start)
	bounded(o.rejected)
	o.rejected[string(o.key)] = out
	return out
}

func (o *outcomes) rejection(err error) *outcome {
	var ie *advisor.InputError
	if !errors.As(err, &ie) {
		return o.reject("", err.Error())
	}
	return o.reject(o.layout.columnName(answerAt(ie.Field)), ie.Message)
}

func (o *outcomes) reject(column, message string) *outcome {
	return &outcome{rejected: true, column: column, message: message, encoded: o.enc.rejected(column, message)}
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

// shapeOutcome rejects a row whose field count differs from the header's.
func shapeOutcome(enc encoder, got, want int) *outcome {
	noun := "fields"
	if got == 1 {
		noun = "field"
	}
	msg := fmt.Sprintf("the row has %d %s and the header %d; look for a missing or extra delimiter or an unclosed quote", got, noun, want)
	if got > want {
		msg += fmt.Sprintf(" (only the first %d are copied)", want)
	}
	return &outcome{rejected: true, message: msg, encoded: enc.rejected("", msg)}
}
