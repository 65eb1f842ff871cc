package advisor

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/careerpath/careerpath/internal/catalog"
)

// How a role answer was matched, as the recommendation's role.match says.
const (
	MatchExact      = "exact"       // a role's id or name
	MatchAlias      = "alias"       // one of a role's aliases
	MatchTitleWords = "title-words" // a role once the catalog's title words are ignored
	MatchTitleMap   = "title-map"   // the organisation's title map
)

// RoleMatch is a role answer resolved against the catalog.
type RoleMatch struct {
	Role *catalog.Role
	How  string
	// Ignored are the title words left out (MatchTitleWords only).
	Ignored []string
}

// QuotesAnswer reports whether a recommendation's trace quotes the role
// answer as it was spelled (a title map's or title words' match says
// which title it matched), so that two spellings of the match are advised
// differently.
func (m RoleMatch) QuotesAnswer() bool {
	return m.How == MatchTitleMap || m.How == MatchTitleWords
}

// ResolveRole matches a role answer: the title map first (an
// organisation's own words win), then ids, names and aliases, then the
// same without the catalog's title words. An unknown answer is an
// *InputError with a did-you-mean when one is plausible.
func (a *Advisor) ResolveRole(answer string) (RoleMatch, error) {
	if m, ok := a.MatchRole(answer); ok {
		return m, nil
	}
	msg := "the role is empty. Valid roles: " + a.roleNames
	if strings.TrimSpace(answer) != "" {
		msg = "unknown role " + quoteShort(answer) + ". Valid roles: " + a.roleNames
		if best := a.suggestRole(answer); best != nil {
			msg = "unknown role " + quoteShort(answer) + "; did you mean " + strconv.Quote(best.Name) + "? Valid roles: " + a.roleNames
		}
	}
	return RoleMatch{}, &InputError{Field: FieldRole, Value: answer, Message: msg}
}

// MatchRole is ResolveRole without the message for an unknown answer, for
// callers that ask often (a prompt's filter, on every key).
func (a *Advisor) MatchRole(answer string) (RoleMatch, bool) {
	r, alias, ok := a.cat.FindRoleSpelling(answer)
	if a.titles != nil {
		// The map wins; a line that agrees with the catalog is no news.
		if mapped, found := a.titles.Find(answer); found && (!ok || mapped != r) {
			return RoleMatch{Role: mapped, How: MatchTitleMap}, true
		}
	}
	if ok {
		how := MatchExact
		if alias {
			how = MatchAlias
		}
		return RoleMatch{Role: r, How: how}, true
	}
	if m, ok := a.cat.MatchTitleWords(answer); ok {
		return RoleMatch{Role: m.Role, How: MatchTitleWords, Ignored: m.Ignored}, true
	}
	return RoleMatch{}, false
}

// SuggestRole is the role a title most plausibly means, and how it was
// found: a RoleMatch's How, or MatchGuess for the did-you-mean, or
// MatchNone with no role.
func (a *Advisor) SuggestRole(title string) RoleMatch {
	if m, ok := a.MatchRole(title); ok {
		return m
	}
	if r := a.suggestRole(title); r != nil {
		return RoleMatch{Role: r, How: MatchGuess}
	}
	return RoleMatch{How: MatchNone}
}

// Kinds of SuggestRole beyond the matches.
const (
	MatchGuess = "guess" // the did-you-mean, for a person to confirm
	MatchNone  = "none"
)

// Bounds on the did-you-mean, so that an unknown answer costs about what
// a known one does however long it is or however many spellings the
// catalog has: an answer longer than maxSuggestRunes gets no suggestion,
// and only the first maxSuggestSpellings spellings are compared.
const (
	maxSuggestRunes     = 64
	maxSuggestSpellings = 256
)

// suggestRole is the did-you-mean: the role one of whose spellings is a
// few edits from the answer (or from its start), for its length; else the
// only role that shares a word with the answer that no other role has.
// Nil when nothing is plausibly meant.
func (a *Advisor) suggestRole(answer string) *catalog.Role {
	if len(answer) > 4*maxSuggestRunes || utf8.RuneCountInString(answer) > maxSuggestRunes {
		return nil
	}
	key := []rune(a.withoutTitleWords(catalog.Key(answer)))
	if len(key) == 0 {
		return nil
	}
	var scratch []int // made once a name passes the cheap bound
	best, bestDist := -1, 0
	for _, s := range a.spellings {
		limit := plausibleEdits(min(len(key), len(s.runes)))
		if best >= 0 {
			limit = min(limit, bestDist-1)
		}
		if s.chars.missing(key) > limit {
			continue // more letters foreign to the name than edits allowed
		}
		if scratch == nil {
			scratch = make([]int, 3*(a.longestSpelling+1))
		}
		if d, ok := nameDistance(key, s.runes, limit, scratch); ok {
			best, bestDist = s.role, d
		}
	}
	if best >= 0 {
		return &a.cat.Roles[best]
	}
	return a.sharedWordRole(string(key))
}

// withoutTitleWords drops the title words from a normalised answer: they
// name no role, so "Senior Engineer" is not a typo of "DevOps Engineer".
func (a *Advisor) withoutTitleWords(key string) string {
	if !strings.Contains(key, " ") && !a.cat.IsTitleWord(key) {
		return key // one word, the usual unknown answer: no allocation
	}
	kept := make([]string, 0, 4)
	for w := range strings.FieldsSeq(key) {
		if !a.cat.IsTitleWord(w) {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// plausibleEdits is how many edits still read as a typo of an n-letter
// name: about one in three letters, at least one.
func plausibleEdits(n int) int { return max(1, n/3) }

// sharedWordRole is the one role owning a word of the answer, if exactly
// one does.
func (a *Advisor) sharedWordRole(key string) *catalog.Role {
	found := -1
	for w := range strings.FieldsSeq(key) {
		if r, ok := a.distinctWords[w]; ok {
			if found >= 0 && found != r {
				return nil
			}
			found = r
		}
	}
	if found < 0 {
		return nil
	}
	return &a.cat.Roles[found]
}

// spelling is a role's id, name or alias as the did-you-mean compares it.
type spelling struct {
	role  int
	runes []rune
	chars charSet
}

// charSet is the set of ASCII characters of a name, and whether it has
// others. It gives a lower bound on the edit distance at the cost of a
// pass over the answer: every character of the answer that the name does
// not hold needs an edit of its own.
type charSet struct {
	ascii    [2]uint64
	nonASCII bool
}

func newCharSet(runes []rune) charSet {
	var c charSet
	for _, r := range runes {
		if r < 128 {
			c.ascii[r>>6] |= 1 << (r & 63)
		} else {
			c.nonASCII = true
		}
	}
	return c
}

// missing counts the characters of answer that the set lacks; a
// non-ASCII character counts only when the name has none.
func (c charSet) missing(answer []rune) int {
	n := 0
	for _, r := range answer {
		if r < 128 {
			if c.ascii[r>>6]&(1<<(r&63)) == 0 {
				n++
			}
		} else if !c.nonASCII {
			n++
		}
	}
	return n
}

// suggestIndex prepares the did-you-mean: each spelling's normal form, and
// the words only one role uses (title words excepted, since they name no
// role).
func suggestIndex(cat *catalog.Loaded) (spellings []spelling, distinct map[string]int) {
	owners := map[string]int{}
	titleWord := map[string]bool{}
	for _, w := range cat.Policy.TitleWords {
		titleWord[strings.ToLower(w)] = true
	}
	for i, r := range cat.Roles {
		for _, s := range append([]string{r.ID, r.Name}, r.Policy.Aliases...) {
			k := catalog.Key(s)
			if len(spellings) < maxSuggestSpellings {
				runes := []rune(k)
				spellings = append(spellings, spelling{role: i, runes: runes, chars: newCharSet(runes)})
			}
			for _, w := range strings.Fields(k) {
				if prev, seen := owners[w]; seen && prev != i {
					owners[w] = -1
				} else if !seen {
					owners[w] = i
				}
			}
		}
	}
	distinct = map[string]int{}
	for w, r := range owners {
		if r >= 0 && !titleWord[w] && len([]rune(w)) >= 3 {
			distinct[w] = r
		}
	}
	return spellings, distinct
}

// nameDistance is the edit distance to a name or, one worse, to its
// first words (for answers of three letters or more), so that a typo in
// the first word of a long name suggests that name, but "engineer" is no
// typo of "engineering manager"; ok is false beyond limit.
func nameDistance(answer, name []rune, limit int, scratch []int) (int, bool) {
	d, ok := boundedDistance(answer, name, limit, scratch)
	if len(answer) < 3 || limit == 0 {
		return d, ok
	}
	prefixLimit := min(limit-1, plausibleEdits(len(answer)))
	for end, r := range name {
		if r != ' ' || abs(end-len(answer)) > prefixLimit {
			continue
		}
		if p, pok := boundedDistance(answer, name[:end], prefixLimit, scratch); pok && (!ok || p+1 < d) {
			d, ok = p+1, true
		}
	}
	return d, ok
}

// boundedDistance is the optimal string alignment distance (edits and
// swaps of neighbours) between a and b, computed only as far as limit:
// ok is false when it is larger. The work is len(a) times 2*limit+1.
//
// scratch is working memory, reused across calls; it is grown as needed.
func boundedDistance(a, b []rune, limit int, scratch []int) (int, bool) {
	if limit < 0 || abs(len(a)-len(b)) > limit {
		return 0, false
	}
	const far = 1 << 30
	width := len(b) + 1
	if len(scratch) < 3*width {
		scratch = make([]int, 3*width)
	}
	rows := [3][]int{scratch[:width], scratch[width : 2*width], scratch[2*width : 3*width]}
	for j := range width {
		rows[1][j] = far
		if j <= limit {
			rows[1][j] = j
		}
	}
	for i := 1; i <= len(a); i++ {
		prev2, prev, cur := rows[0], rows[1], rows[2]
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		for j := range width {
			cur[j] = far
		}
		if i <= limit {
			cur[0] = i
		}
		rowMin := cur[0]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return 0, false
		}
		rows[0], rows[1], rows[2] = prev, cur, prev2
	}
	d := rows[1][len(b)]
	return d, d <= limit
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// quoteShort quotes an answer for a message, cut to a readable length.
func quoteShort(s string) string {
	const maxQuoted = 80
	if len(s) <= maxQuoted || utf8.RuneCountInString(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	runes := []rune(s[:min(len(s), 4*maxQuoted)])
	return fmt.Sprintf("%q… (%d bytes)", string(runes[:min(len(runes), maxQuoted)]), len(s))
}
