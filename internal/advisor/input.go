package advisor

import (
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

// MaxYears bounds the experience answer.
const MaxYears = 60

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
}

// Resolve matches the answers against the catalog; the first unusable
// answer is returned as an *InputError.
func (a *Advisor) Resolve(ans Answers) (Query, error) {
	role, err := a.ResolveRole(ans.Role)
	if err != nil {
		return Query{}, err
	}
	years, err := ParseYears(ans.Years)
	if err != nil {
		return Query{}, err
	}
	acc, err := a.ResolveAccountability(ans.Accountability)
	if err != nil {
		return Query{}, err
	}
	return Query{
		Input:          Input{Role: ans.Role, Years: years, Accountability: ans.Accountability},
		Role:           role,
		Accountability: acc,
	}, nil
}

// ResolveRole matches a role by id, name or alias.
func (a *Advisor) ResolveRole(answer string) (*catalog.Role, error) {
	if r, ok := a.cat.FindRole(answer); ok {
		return r, nil
	}
	names := make([]string, len(a.cat.Roles))
	candidates := make([][]string, len(a.cat.Roles))
	for i, r := range a.cat.Roles {
		names[i] = r.Name
		candidates[i] = append([]string{r.ID, r.Name}, r.Policy.Aliases...)
	}
	msg := fmt.Sprintf("unknown role %q", answer)
	if strings.TrimSpace(answer) == "" {
		msg = "the role is empty"
	} else if best := closest(answer, candidates); best >= 0 {
		msg += fmt.Sprintf("; did you mean %q?", names[best])
	}
	msg += " Valid roles: " + strings.Join(names, ", ")
	return nil, &InputError{Field: FieldRole, Value: answer, Message: msg}
}

// ResolveAccountability matches an accountability answer by id, name or alias.
func (a *Advisor) ResolveAccountability(answer string) (*catalog.Accountability, error) {
	if acc, ok := a.cat.FindAccountability(answer); ok {
		return acc, nil
	}
	valid := make([]string, len(a.cat.Accountability))
	for i, acc := range a.cat.Accountability {
		valid[i] = fmt.Sprintf("%s (%s)", acc.ID, acc.Description)
	}
	msg := fmt.Sprintf("unknown accountability %q", answer)
	if strings.TrimSpace(answer) == "" {
		msg = "the accountability is empty"
	}
	return nil, &InputError{
		Field:   FieldAccountability,
		Value:   answer,
		Message: msg + "; use one of: " + strings.Join(valid, ", "),
	}
}

// ParseYears reads years of experience: a plain decimal number from 0 to
// MaxYears, such as 4 or 6.5.
func ParseYears(s string) (float64, error) {
	t := strings.TrimSpace(s)
	bad := func(why string) (float64, error) {
		return 0, &InputError{Field: FieldYears, Value: s, Message: fmt.Sprintf("years %q %s; give a number from 0 to %d, such as 4 or 6.5", s, why, MaxYears)}
	}
	if t == "" {
		return bad("is empty")
	}
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
	return y, nil
}

// The years a plan may start in: every date of a plan that starts in them
// keeps the four-digit year that DateLayout and iCalendar dates need.
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

// closest returns the index of the entry whose spellings come nearest to
// answer by edit distance, or -1 when there are none.
func closest(answer string, entries [][]string) int {
	key := catalog.Key(answer)
	best, bestDist := -1, 0
	for i, spellings := range entries {
		for _, s := range spellings {
			d := nameDistance(key, catalog.Key(s))
			if best < 0 || d < bestDist {
				best, bestDist = i, d
			}
		}
	}
	return best
}

// nameDistance is the edit distance to a name or, one worse, to the name's
// start, so that a typo in the first word of a long name suggests that
// name rather than whichever short name happens to be fewer edits away.
func nameDistance(answer, name string) int {
	d := editDistance(answer, name)
	if len(name) > len(answer) {
		d = min(d, editDistance(answer, name[:len(answer)])+1)
	}
	return d
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
