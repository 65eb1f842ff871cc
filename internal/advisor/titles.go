package advisor

import (
	"cmp"
	"slices"
	"strings"

	"github.com/careerpath/careerpath/internal/catalog"
)

// TitleSuggestion is one line of a title map to start from: a distinct
// role answer of a staff list, how often it occurs, and the role it most
// plausibly means.
type TitleSuggestion struct {
	Title string `json:"title"`
	// Role is the role's name for a certain match (exact, alias,
	// title-words or title-map), catalog.OutOfScope for a title the map
	// marks out of scope, and empty otherwise: a map used before it is
	// reviewed then applies no guess.
	Role string `json:"role"`
	// Suggestion is the did-you-mean's role for MatchGuess, for a person
	// to copy into Role, and empty otherwise.
	Suggestion string `json:"suggestion"`
	Count      int    `json:"count"`
	// Match is a RoleMatch's How, MatchGuess or MatchNone.
	Match string `json:"match"`
}

// TitleTally counts the role answers of a staff list, each distinct
// answer (after Key's normalisation) once, under its first spelling, and
// its accountability answers when asked to.
type TitleTally struct {
	counts map[string]*TitleSuggestion
	accs   map[string]*TitleSuggestion
}

// NewTitleTally returns an empty tally.
func NewTitleTally() *TitleTally {
	return &TitleTally{counts: map[string]*TitleSuggestion{}, accs: map[string]*TitleSuggestion{}}
}

// AddAccountability counts one accountability answer; an empty one is
// counted too, since a map may say what it means.
func (t *TitleTally) AddAccountability(answer string) {
	count(t.accs, catalog.Key(answer), answer)
}

// count counts answer under key, spelled as first met.
func count(tally map[string]*TitleSuggestion, key, answer string) {
	s, ok := tally[key]
	if !ok {
		s = &TitleSuggestion{Title: strings.TrimSpace(answer)}
		tally[key] = s
	}
	s.Count++
}

// SuggestAccountability returns the accountability answers tallied, with
// the answer each certainly means (the map's, or the catalog's by id,
// name or alias) or none: there is no guess for accountability. Most
// frequent first, then by value; never nil.
func (a *Advisor) SuggestAccountability(t *TitleTally) []TitleSuggestion {
	out := make([]TitleSuggestion, 0, len(t.accs))
	for key, s := range t.accs {
		s.Role, s.Match = a.accountabilityMatch(key, s.Title)
		out = append(out, *s)
	}
	sortSuggestions(out)
	return out
}

// accountabilityMatch is the accountability an answer certainly means,
// and how it was found.
func (a *Advisor) accountabilityMatch(key, answer string) (name, how string) {
	if a.titles != nil {
		if acc, ok := a.titles.FindAccountability(answer); ok {
			return acc.Name, MatchTitleMap
		}
	}
	acc, ok := a.cat.FindAccountability(answer)
	switch {
	case !ok:
		return "", MatchNone
	case key == catalog.Key(acc.ID) || key == catalog.Key(acc.Name):
		return acc.Name, MatchExact
	default:
		return acc.Name, MatchAlias
	}
}

func sortSuggestions(out []TitleSuggestion) {
	slices.SortFunc(out, func(x, y TitleSuggestion) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), strings.Compare(x.Title, y.Title))
	})
}

// Add counts one answer; empty answers name no title and are not counted.
func (t *TitleTally) Add(answer string) {
	if key := catalog.Key(answer); key != "" {
		count(t.counts, key, answer)
	}
}

// Suggest returns the tally with a role for each title, most frequent
// first (then by title), never nil.
func (a *Advisor) Suggest(t *TitleTally) []TitleSuggestion {
	out := make([]TitleSuggestion, 0, len(t.counts))
	for _, s := range t.counts {
		m := a.SuggestRole(s.Title)
		s.Match = m.How
		switch {
		case m.How == MatchOutOfScope:
			s.Role = catalog.OutOfScope
		case m.How == MatchGuess:
			s.Suggestion = m.Role.Name
		case m.Role != nil:
			s.Role = m.Role.Name
		}
		out = append(out, *s)
	}
	sortSuggestions(out)
	return out
}
