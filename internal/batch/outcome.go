package batch

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/careerpath/careerpath/internal/advisor"
)

// outcome is what a row's answers come to, encoded once for the output
// format and reused for every row with the same answers.
type outcome struct {
	rejected bool
	// column and message say why a rejected row could not be advised;
	// column is the header name of the culprit, or empty for the row's shape.
	column, message string
	// encoded is the format's cached part of the row (see encoder).
	encoded []byte
}

// maxCached bounds each worker's cache, so that a file of all-different
// answers cannot grow memory with its length.
const maxCached = 1 << 14

// outcomes advises answers through a bounded cache. Each worker has its
// own, so there is no locking on the hot path.
type outcomes struct {
	adv    *advisor.Advisor
	layout *layout
	enc    encoder
	start  time.Time
	cache  map[string]*outcome
	key    []byte
}

func newOutcomes(adv *advisor.Advisor, l *layout, enc encoder, start time.Time) *outcomes {
	return &outcomes{adv: adv, layout: l, enc: enc, start: start, cache: map[string]*outcome{}}
}

// of returns the outcome of a row with as many fields as the header.
func (o *outcomes) of(fields [][]byte) *outcome {
	ix := o.layout.index
	o.key = append(o.key[:0], fields[ix[roleAt]]...)
	o.key = append(o.key, 0)
	o.key = append(o.key, fields[ix[yearsAt]]...)
	o.key = append(o.key, 0)
	o.key = append(o.key, fields[ix[accountabilityAt]]...)
	if ix[startAt] >= 0 {
		o.key = append(o.key, 0)
		o.key = append(o.key, fields[ix[startAt]]...)
	}
	if out, ok := o.cache[string(o.key)]; ok {
		return out
	}
	out := o.advise(fields)
	if len(o.cache) >= maxCached {
		clear(o.cache)
	}
	o.cache[string(o.key)] = out
	return out
}

// advise runs the core advisor, exactly as `careerpath advise` does.
func (o *outcomes) advise(fields [][]byte) *outcome {
	ix := o.layout.index
	q, err := o.adv.Resolve(advisor.Answers{
		Role:           string(fields[ix[roleAt]]),
		Years:          string(fields[ix[yearsAt]]),
		Accountability: string(fields[ix[accountabilityAt]]),
	})
	if err != nil {
		var ie *advisor.InputError
		if !errors.As(err, &ie) {
			return o.reject("", err.Error())
		}
		return o.reject(o.layout.columnName(answerAt(ie.Field)), ie.Message)
	}
	start := o.start
	if ix[startAt] >= 0 {
		if s := strings.TrimSpace(string(fields[ix[startAt]])); s != "" {
			t, err := time.ParseInLocation(advisor.DateLayout, s, time.Local)
			if err != nil {
				return o.reject(o.layout.columnName(startAt), fmt.Sprintf("start %q is not a date; use YYYY-MM-DD, such as 2027-01-04, or leave it empty for the default", s))
			}
			start = t
		}
	}
	return &outcome{encoded: o.enc.advised(o.adv.Recommend(q, start))}
}

func (o *outcomes) reject(column, message string) *outcome {
	return &outcome{rejected: true, column: column, message: message, encoded: o.enc.rejected(column, message)}
}

// shapeOutcome rejects a row whose field count differs from the header's.
func shapeOutcome(enc encoder, got, want int) *outcome {
	msg := fmt.Sprintf("the row has %d fields and the header %d; look for a missing or extra delimiter or an unclosed quote", got, want)
	if got > want {
		msg += fmt.Sprintf(" (only the first %d are copied)", want)
	}
	return &outcome{rejected: true, message: msg, encoded: enc.rejected("", msg)}
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
