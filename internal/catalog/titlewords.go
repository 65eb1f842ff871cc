package catalog

import (
	"fmt"
	"strings"
	"unicode"
)

// titleWordSeparators are the characters a title word may not hold: they
// split a job title into words (see TitleWords).
const titleWordSeparators = " \t\r\n-_.,()"

// titleWords checks policy.title_words: each entry one word, listed once.
func (v *validator) titleWords(c *Catalog) {
	seen := map[string]int{}
	for i, w := range c.Policy.TitleWords {
		path := fmt.Sprintf("policy.title_words[%d]", i)
		key := strings.ToLower(w)
		switch {
		case strings.TrimSpace(w) == "":
			v.add(path, "must not be empty")
			continue
		case strings.ContainsAny(w, titleWordSeparators):
			v.add(path, "%q is not one word; list each word on its own, without spaces, '-', '_', '.', ',' or brackets", w)
			continue
		}
		if first, dup := seen[key]; dup {
			v.add(path, "%q is listed twice (also policy.title_words[%d]); remove one", w, first)
			continue
		}
		seen[key] = i
	}
}

// TitleWords splits a job title into the words title-word matching
// compares: Key's normalisation, with '.' and ',' also separating words.
// A parenthesised part such as "(EMEA)" is dropped and returned as
// dropped, so that it can be named. An answer's words are AnswerWords,
// which drops such a part only when it holds title words alone.
func TitleWords(title string) (words []string, dropped string) {
	if title != "" && !strings.ContainsAny(title, titleWordSeparators+"()") {
		return []string{strings.ToLower(title)}, "" // one word, the usual unknown answer
	}
	var kept strings.Builder
	depth, start := 0, 0
	for i, r := range title {
		switch {
		case r == '(':
			if depth == 0 {
				start = i
			}
			depth++
		case r == ')' && depth > 0:
			depth--
			if depth == 0 {
				dropped = joinDropped(dropped, title[start:i+1])
			}
		case depth == 0:
			kept.WriteRune(r)
		}
	}
	if depth > 0 { // an unclosed bracket runs to the end
		dropped = joinDropped(dropped, title[start:])
	}
	return splitTitleWords(kept.String()), dropped
}

// AnswerWords are an answer's words as role matching compares them:
// TitleWords, but a part in brackets is dropped only when its words are
// all title words ("(Contract)", "(EMEA)" in the default catalog). A
// part such as "(Civil)" may name another trade, so its words are kept,
// after the others, and the answer must match with them: "Engineering
// Manager (Civil)" is no Engineering Manager, where a rejection with a
// clear reason is better than a wrong level.
func (l *Loaded) AnswerWords(answer string) (words []string, dropped string) {
	words, dropped = TitleWords(answer)
	if dropped == "" {
		return words, ""
	}
	inside := splitTitleWords(dropped)
	for _, w := range inside {
		if !l.titleWord[w] && hasLetterOrDigit(w) {
			return append(words, inside...), ""
		}
	}
	return words, dropped
}

// hasLetterOrDigit reports whether w could be a word at all: a byte of
// another encoding, or a stray mark, names no trade.
func hasLetterOrDigit(w string) bool {
	return strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// splitTitleWords is a title's words in lower case, brackets and all.
func splitTitleWords(title string) []string {
	return strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
		return strings.ContainsRune(titleWordSeparators, r)
	})
}

func joinDropped(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}

// TitleMatch is a role found once title words are ignored.
type TitleMatch struct {
	Role *Role
	// Ignored are the title words left out, as normalised, in the order
	// of the answer, then any parenthesised part as written.
	Ignored []string
}

// MatchTitleWords matches an answer that names a role (by id, name or
// alias) once the catalog's title words, wherever they stand, and any
// parenthesised part of title words alone are left out (AnswerWords). A role whose own name holds a title
// word keeps it: the answer's words must contain the spelling's words in
// order, and every other word must be a title word. When several roles
// fit, the one that leaves out fewest words wins; a tie matches none.
func (l *Loaded) MatchTitleWords(answer string) (TitleMatch, bool) {
	if !strings.ContainsRune(answer, '(') && !l.hasTitleWord(answer) {
		return TitleMatch{}, false // nothing to leave out
	}
	words, dropped := l.AnswerWords(answer)
	if len(words) == 0 {
		return TitleMatch{}, false
	}
	var best []string
	bestRole, tie := -1, false
	for _, s := range l.titleSpellings {
		ignored, ok := l.ignoredWords(words, s.words)
		if !ok || (len(ignored) == 0 && dropped == "") {
			continue
		}
		switch {
		case bestRole < 0 || len(ignored) < len(best):
			best, bestRole, tie = ignored, s.role, false
		case len(ignored) == len(best) && s.role != bestRole:
			tie = true
		}
	}
	if bestRole < 0 || tie {
		return TitleMatch{}, false
	}
	if dropped != "" {
		best = append(best, dropped)
	}
	return TitleMatch{Role: &l.Roles[bestRole], Ignored: best}, true
}

// hasTitleWord is a quick look for a title word in answer, which costs
// no allocation for the answers that have none.
func (l *Loaded) hasTitleWord(answer string) bool {
	for w := range strings.FieldsFuncSeq(answer, func(r rune) bool { return strings.ContainsRune(titleWordSeparators, r) }) {
		for _, t := range l.Policy.TitleWords {
			if strings.EqualFold(w, t) {
				return true
			}
		}
	}
	return false
}

// ignoredWords returns the title words answer adds to spelling, or false
// when answer is not spelling with title words added.
func (l *Loaded) ignoredWords(answer, spelling []string) ([]string, bool) {
	j := 0
	ignored := []string{}
	for _, w := range answer {
		switch {
		case j < len(spelling) && w == spelling[j]:
			j++
		case l.titleWord[w]:
			ignored = append(ignored, w)
		default:
			return nil, false
		}
	}
	return ignored, j == len(spelling)
}

// IsTitleWord reports whether a word, in lower case, is a title word.
func (l *Loaded) IsTitleWord(word string) bool { return l.titleWord[word] }

// titleSpelling is one id, name or alias of a role, split as TitleWords
// splits answers.
type titleSpelling struct {
	role  int
	words []string
}

// FindRoleSpelling is FindRole, also saying whether the answer is one of
// the role's aliases rather than its id or name.
func (l *Loaded) FindRoleSpelling(answer string) (r *Role, alias, ok bool) {
	k := Key(answer)
	i, ok := l.rolePos[k]
	if !ok {
		return nil, false, false
	}
	return &l.Roles[i], l.roleAlias[k], true
}

// buildMatchIndex indexes what role matching needs beyond rolePos.
func buildMatchIndex(c *Catalog, ix *index) {
	ix.roleAlias = map[string]bool{}
	for _, r := range c.Roles {
		for _, a := range r.Policy.Aliases {
			if k := Key(a); k != Key(r.ID) && k != Key(r.Name) {
				ix.roleAlias[k] = true
			}
		}
	}
	ix.titleWord = map[string]bool{}
	for _, w := range c.Policy.TitleWords {
		ix.titleWord[strings.ToLower(w)] = true
	}
	if len(ix.titleWord) == 0 {
		return
	}
	for i, r := range c.Roles {
		for _, s := range append([]string{r.ID, r.Name}, r.Policy.Aliases...) {
			if words, _ := TitleWords(s); len(words) > 0 {
				ix.titleSpellings = append(ix.titleSpellings, titleSpelling{role: i, words: words})
			}
		}
	}
}
