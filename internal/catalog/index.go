package catalog

// index answers the lookups the advisor makes on every recommendation.
type index struct {
	levelPos     map[string]int
	rolePos      map[string]int
	answerPos    map[string]int
	directionPos map[string]int
	providerPos  map[string]int
	// roleAlias holds the keys of role aliases; titleWord and
	// titleSpellings serve MatchTitleWords.
	roleAlias      map[string]bool
	titleWord      map[string]bool
	titleSpellings []titleSpelling
}

func buildIndex(c *Catalog) index {
	ix := index{
		levelPos:     map[string]int{},
		rolePos:      map[string]int{},
		answerPos:    map[string]int{},
		directionPos: map[string]int{},
		providerPos:  map[string]int{},
	}
	for i, l := range c.Levels {
		ix.levelPos[l.ID] = i
	}
	for i, r := range c.Roles {
		for _, k := range append([]string{r.ID, r.Name}, r.Policy.Aliases...) {
			ix.rolePos[Key(k)] = i
		}
	}
	for i, a := range c.Accountability {
		for _, k := range append([]string{a.ID, a.Name}, a.Policy.Aliases...) {
			ix.answerPos[Key(k)] = i
		}
	}
	for i, d := range c.Directions {
		ix.directionPos[d.ID] = i
	}
	for i, p := range c.Providers {
		ix.providerPos[p.ID] = i
	}
	buildMatchIndex(c, &ix)
	return ix
}

// LevelPos returns the position of a level id in Levels (its order - 1).
func (l *Loaded) LevelPos(id string) int {
	return l.levelPos[id]
}

// FindRole matches an answer against role ids, names and aliases.
func (l *Loaded) FindRole(answer string) (*Role, bool) {
	i, ok := l.rolePos[Key(answer)]
	if !ok {
		return nil, false
	}
	return &l.Roles[i], true
}

// FindAccountability matches an answer against accountability ids, names
// and aliases.
func (l *Loaded) FindAccountability(answer string) (*Accountability, bool) {
	i, ok := l.answerPos[Key(answer)]
	if !ok {
		return nil, false
	}
	return &l.Accountability[i], true
}

// Direction returns the direction with the given id; validation guarantees
// that every id a catalog refers to exists.
func (l *Loaded) Direction(id string) *Direction {
	return &l.Directions[l.directionPos[id]]
}

// Provider returns the provider with the given id.
func (l *Loaded) Provider(id string) *Provider {
	return &l.Providers[l.providerPos[id]]
}
