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
	// Ignored are the title words left out (MatchTitleWords, and
	// MatchTitleMap for a map line found with title words added).
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
// map and the catalog without the catalog's title words. A title the map
// marks out of scope is an *OutOfScopeError; an unknown answer is an
// *InputError with a did-you-mean when one is plausible.
func (a *Advisor) ResolveRole(answer string) (RoleMatch, error) {
	if m, ok := a.matchRole(answer); ok {
		if m.OutOfScope {
			return RoleMatch{}, a.outOfScope(answer)
		}
		return m.RoleMatch, nil
	}
	msg := "the role is empty. Valid roles: " + a.roleNames
	if strings.TrimSpace(answer) != "" {
		msg = "unknown role " + quoteShort(answer) + a.bracketHint(answer) + ". Valid roles: " + a.roleNames
		if best := a.suggestRole(answer); best != nil {
			msg = "unknown role " + quoteShort(answer) + "; did you mean " + strconv.Quote(best.Name) + "? Valid roles: " + a.roleNames
		}
	}
	return RoleMatch{}, &InputError{Field: FieldRole, Value: answer, Message: msg}
}

// bracketHint says why a part in brackets was not left out, for an
// answer whose part holds more than title words (AnswerWords).
func (a *Advisor) bracketHint(answer string) string {
	if !strings.ContainsRune(answer, '(') {
		return "" // the usual unknown answer: no work
	}
	_, dropped := catalog.TitleWords(answer)
	if _, left := a.cat.AnswerWords(answer); dropped == "" || left != "" {
		return ""
	}
	return " (" + quoteShort(dropped) + " holds more than title words, so it may name another trade; a title map can say what the title is)"
}

// OutOfScopeError is a role answer that the title map marks as outside
// the catalog's track (role "-"): its row is neither advised nor
// rejected. It wraps an *InputError, so that where one answer is all
// there is (advise) it is an invalid answer.
type OutOfScopeError struct{ Input *InputError }

func (e *OutOfScopeError) Error() string { return e.Input.Message }
func (e *OutOfScopeError) Unwrap() error { return e.Input }

func (a *Advisor) outOfScope(answer string) error {
	return &OutOfScopeError{Input: &InputError{Field: FieldRole, Value: answer,
		Message: quoteShort(answer) + " is out of scope in the title map " + a.titles.Source.Name + " (role -): careerpath advises only the catalog's track"}}
}

// MatchRole is ResolveRole without the message for an unknown answer, for
// callers that ask often (a prompt's filter, on every key). A title the
// map marks out of scope is no match.
func (a *Advisor) MatchRole(answer string) (RoleMatch, bool) {
	m, ok := a.matchRole(answer)
	return m.RoleMatch, ok && !m.OutOfScope
}

// mapMatch is a RoleMatch, or a title the map marks out of scope.
type mapMatch struct {
	RoleMatch
	OutOfScope bool
}

// matchRole finds the answer in order: the map's lines as written, the
// catalog's ids, names and aliases, the map's lines with title words
// added, the catalog's with title words added. So a map line that
// matches exactly wins over one matched after title words are left out.
func (a *Advisor) matchRole(answer string) (mapMatch, bool) {
	r, alias, ok := a.cat.FindRoleSpelling(answer)
	if a.titles != nil {
		// The map wins; a line that agrees with the catalog is no news.
		if mapped, found := a.titles.Find(answer); found && (!ok || mapped.Role != r) {
			return mapMatch{RoleMatch{Role: mapped.Role, How: MatchTitleMap}, mapped.OutOfScope}, true
		}
	}
	if ok {
		how := MatchExact
		if alias {
			how = MatchAlias
		}
		return mapMatch{RoleMatch: RoleMatch{Role: r, How: how}}, true
	}
	if a.titles != nil {
		if mapped, ignored, found := a.titles.FindByTitleWords(answer); found {
			return mapMatch{RoleMatch{Role: mapped.Role, How: MatchTitleMap, Ignored: ignored}, mapped.OutOfScope}, true
		}
	}
	if m, ok := a.cat.MatchTitleWords(answer); ok {
		return mapMatch{RoleMatch: RoleMatch{Role: m.Role, How: MatchTitleWords, Ignored: m.Ignored}}, true
	}
	return mapMatch{}, false
}

// SuggestRole is the role a title most plausibly means, and how it was
// found: a RoleMatch's How, or MatchGuess for the did-you-mean, or
// MatchNone with no role.
func (a *Advisor) SuggestRole(title string) RoleMatch {
	if m, ok := a.matchRole(title); ok {
		if m.OutOfScope {
			return RoleMatch{How: MatchOutOfScope}
		}
		return m.RoleMatch
	}
	if r := a.suggestRole(title); r != nil {
		return RoleMatch{Role: r, How: MatchGuess}
	}
	return RoleMatch{How: MatchNone}
}

// Kinds of SuggestRole beyond the matches.
const (
	MatchGuess      = "guess" // the did-you-mean, for a person to confirm
	MatchNone       = "none"
	MatchOutOfScope = "out-of-scope" // the title map marks it outside the track
)

// maxSuggestRunes bounds the did-you-mean, so that an unknown answer
// costs about what a known one does however long it is: a longer answer
// gets no suggestion.
const maxSuggestRunes = 64

// suggestRole is the did-you-mean, strict on purpose: its guess goes
// before a person, who may accept it without much thought, and a wrong
// role for a real person is worse than none. Once title words and any
// part in brackets of title words alone are left out, the answer must be one spelling of a
// role (id, name or alias) with a typo in its words: as many words, each
// within a few edits of the spelling's word in its place (none for words
// of under four letters), or the same letters with other spaces ("Dev Ops
// Engineer"). So a word that other trades share ("Cloud Physicist",
// "Build Engineer", "Plant Reliability Engineer") is never enough. Nil
// when no role, or more than one equally close, fits.
func (a *Advisor) suggestRole(answer string) *catalog.Role {
	if len(answer) > 4*maxSuggestRunes || utf8.RuneCountInString(answer) > maxSuggestRunes {
		return nil
	}
	words := a.nameWords(answer)
	if len(words) == 0 {
		return nil
	}
	joined := strings.Join(words, "")
	var runes [][]rune // made once a spelling has as many words
	var scratch []int
	best, bestDist, tie := -1, 0, false
	for _, s := range a.spellings {
		d, ok := 0, false
		if len(s.runes) == len(words) {
			if runes == nil {
				runes, scratch = make([][]rune, len(words)), make([]int, 3*(a.longestWord+1))
				for i, w := range words {
					runes[i] = []rune(w)
				}
			}
			d, ok = wordsDistance(runes, s.runes, scratch)
		}
		if !ok && joined == s.joined {
			d, ok = 1, true
		}
		switch {
		case !ok:
		case best < 0 || d < bestDist:
			best, bestDist, tie = s.role, d, false
		case d == bestDist && s.role != best:
			tie = true
		}
	}
	if best < 0 || tie {
		return nil
	}
	return &a.cat.Roles[best]
}

// nameWords are the words of an answer that may name a role: its words,
// split as AnswerWords splits, without the title words, which name no
// role (so "Senior Engineer" is no typo of "DevOps Engineer", nor
// "Engineering Manager (Civil)" of Engineering Manager).
func (a *Advisor) nameWords(answer string) []string {
	words, _ := a.cat.AnswerWords(answer)
	kept := words[:0]
	for _, w := range words {
		if !a.cat.IsTitleWord(w) {
			kept = append(kept, w)
		}
	}
	return kept
}

// wordsDistance is the sum of the edits between answer's words and a
// spelling's, word by word; ok is false when the counts differ or a word
// is more than wordEdits from its counterpart.
func wordsDistance(answer, spelling [][]rune, scratch []int) (int, bool) {
	if len(answer) != len(spelling) {
		return 0, false
	}
	total := 0
	for i, a := range answer {
		b := spelling[i]
		d, ok := boundedDistance(a, b, wordEdits(min(len(a), len(b))), scratch)
		if !ok {
			return 0, false
		}
		total += d
	}
	return total, true
}

// wordEdits is how many edits still read as a typo of an n-letter word:
// none under four letters ("SER" is no typo of "SRE" for certain), one up
// to seven, two up to eleven, and so on.
func wordEdits(n int) int { return n / 4 }

// spelling is a role's id, name or alias as the did-you-mean compares
// it: split into words as TitleWords splits answers, and the words joined
// without spaces.
type spelling struct {
	role   int
	runes  [][]rune
	joined string
}

// suggestIndex prepares the did-you-mean: each spelling's words, less
// the title words, as answers are compared.
func (a *Advisor) suggestIndex() []spelling {
	var spellings []spelling
	for i, r := range a.cat.Roles {
		for _, s := range append([]string{r.ID, r.Name}, r.Policy.Aliases...) {
			words := a.nameWords(s)
			if len(words) == 0 {
				continue
			}
			sp := spelling{role: i, joined: strings.Join(words, "")}
			for _, w := range words {
				sp.runes = append(sp.runes, []rune(w))
				a.longestWord = max(a.longestWord, len(sp.runes[len(sp.runes)-1]))
			}
			spellings = append(spellings, sp)
		}
	}
	return spellings
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
