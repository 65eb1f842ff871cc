package advisor

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/careerpath/careerpath/internal/catalog"
)

// Answer fields, as named in errors, flags and batch columns.
const (
	FieldRole           = "role"
	FieldYears          = "years"
	FieldAccountability = "accountability"
	FieldStart          = "start"
)

// MaxYears bounds the experience answer, as it bounds a level's
// min_years.
const MaxYears = catalog.MaxYears

// InputError is an answer that cannot be used, with what to do instead.
type InputError struct {
	Field   string
	Value   string
	Message string
}

func (e *InputError) Error() string { return e.Message }

// Answers are the three questions as the person answered them.
type Answers struct {
	Role           string
	Years          string
	Accountability string
}

// Query is a set of answers resolved against the catalog.
type Query struct {
	Input          Input
	Role           *catalog.Role
	Accountability *catalog.Accountability
	// Match says how the role answer found Role.
	Match RoleMatch
	// YearsAtLeast is true for an answer such as "5+".
	YearsAtLeast bool
}

// AnswersError is a set of answers with more than one unusable answer;
// each is an *InputError, in the order of the questions.
type AnswersError struct {
	Problems []*InputError
}

func (e *AnswersError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d answers cannot be used:", len(e.Problems))
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p.Message)
	}
	return b.String()
}

// Unwrap gives errors.As the problems, so the first one stands for all.
func (e *AnswersError) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}

// Problems returns every *InputError in err: one, or an AnswersError's.
func Problems(err error) []*InputError {
	switch e := err.(type) { // the usual cases, without errors.As's allocation
	case *InputError:
		return []*InputError{e}
	case *AnswersError:
		return e.Problems
	}
	var many *AnswersError
	if errors.As(err, &many) {
		return many.Problems
	}
	var one *InputError
	if errors.As(err, &one) {
		return []*InputError{one}
	}
	return nil
}

// Combine joins the errors of separately checked answers, nils skipped:
// nil, the one *InputError, or an *AnswersError holding them all.
func Combine(errs ...error) error {
	var problems []*InputError
	for _, err := range errs {
		if err != nil {
			problems = append(problems, Problems(err)...)
		}
	}
	switch len(problems) {
	case 0:
		return nil
	case 1:
		return problems[0]
	default:
		return &AnswersError{Problems: problems}
	}
}

// Resolve matches the answers against the catalog; every unusable answer
// is named, as an *InputError for one and an *AnswersError for more.
func (a *Advisor) Resolve(ans Answers) (Query, error) {
	match, roleErr := a.ResolveRole(ans.Role)
	years, yearsErr := ReadYears(ans.Years)
	if _, out := roleErr.(*OutOfScopeError); out {
		return Query{}, roleErr // the other answers do not matter
	}
	acc, accErr := a.ResolveAccountability(ans.Accountability)
	if err := Combine(roleErr, yearsErr, accErr); err != nil {
		return Query{}, err
	}
	return Query{
		Input:          Input{Role: ans.Role, Years: years.Value, Accountability: ans.Accountability},
		Role:           match.Role,
		Accountability: acc,
		Match:          match,
		YearsAtLeast:   years.AtLeast,
	}, nil
}

// ResolveAccountability matches an accountability answer: the answer
// map's accountability lines first (an organisation's own words win),
// then the catalog's ids, names and aliases. An empty answer is rejected
// on its own reason unless the map maps empty cells: no default is
// invented.
func (a *Advisor) ResolveAccountability(answer string) (*catalog.Accountability, error) {
	if a.titles != nil {
		if acc, ok := a.titles.FindAccountability(answer); ok {
			return acc, nil
		}
	}
	if acc, ok := a.cat.FindAccountability(answer); ok {
		return acc, nil
	}
	valid := make([]string, len(a.cat.Accountability))
	for i, acc := range a.cat.Accountability {
		valid[i] = fmt.Sprintf("%s (%s)", acc.ID, acc.Description)
	}
	msg := fmt.Sprintf("unknown accountability %q", answer)
	if strings.TrimSpace(answer) == "" {
		// The list of answers ends the message, as every answer error's
		// does: the report says it once per column and cuts it here.
		msg = "the accountability is empty; if your organisation decides what an empty cell means, map it in the answer map (--titles) with a line accountability,,ANSWER"
	}
	return nil, &InputError{
		Field:   FieldAccountability,
		Value:   answer,
		Message: msg + "; use one of: " + strings.Join(valid, ", "),
	}
}

// Years is a years-of-experience answer.
type Years struct {
	Value float64
	// AtLeast is true for "5+": the person has 5 years or more.
	AtLeast bool
}

// yearUnits are the units people type after the number, longest first.
var yearUnits = []string{"years", "year", "yrs", "yr", "y"}

// ReadYears reads years of experience: a decimal number from 0 to
// MaxYears, such as 4 or 6.5, optionally followed by "+" (at least) and a
// unit: 5 years, 5 yrs, 5y, 5+.
func ReadYears(s string) (Years, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	bad := func(why string) (Years, error) {
		return Years{}, &InputError{Field: FieldYears, Value: s, Message: fmt.Sprintf("years %s %s; give a number from 0 to %d, such as 4, 6.5, 5 years or 5+", quoteShort(s), why, MaxYears)}
	}
	if t == "" {
		return bad("is empty")
	}
	for _, unit := range yearUnits {
		if rest, ok := strings.CutSuffix(t, unit); ok && rest != "" {
			t = strings.TrimRight(rest, " ")
			break
		}
	}
	t, atLeast := strings.CutSuffix(t, "+")
	if !isDecimal(t) {
		if strings.HasPrefix(t, "-") && isDecimal(t[1:]) {
			return bad("is negative")
		}
		return bad("is not a number")
	}
	y, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return bad("is not a number")
	}
	if y > MaxYears {
		return bad("is more than " + strconv.Itoa(MaxYears))
	}
	return Years{Value: y, AtLeast: atLeast}, nil
}

// The years a plan may start in, and every date careerpath writes falls
// in: they keep the four-digit year that DateLayout and iCalendar dates
// need. Recommend and PathFor refuse a start whose dates run past them.
const (
	MinStartYear = 1900
	MaxStartYear = 2999
)

// ParseDate reads a plan's first day, written YYYY-MM-DD, as a civil date
// (midnight UTC, so that day arithmetic never meets a clock change).
func ParseDate(s string) (time.Time, error) {
	bad := func(why string) (time.Time, error) {
		return time.Time{}, &InputError{Field: FieldStart, Value: s,
			Message: fmt.Sprintf("start date %q %s; give a date as YYYY-MM-DD from %d to %d, such as 2027-01-04", s, why, MinStartYear, MaxStartYear)}
	}
	d, err := time.Parse(DateLayout, strings.TrimSpace(s))
	if err != nil {
		return bad("is not a date")
	}
	if y := d.Year(); y < MinStartYear || y > MaxStartYear {
		return bad("is out of range")
	}
	return d, nil
}

// isDecimal accepts digits with at most one decimal point between digits;
// strconv alone would also take "1e3", "0x10", "Inf" and "NaN".
func isDecimal(s string) bool {
	before, after, hasPoint := strings.Cut(s, ".")
	if !allDigits(before) || (hasPoint && !allDigits(after)) {
		return false
	}
	return before != "" && (!hasPoint || after != "")
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
