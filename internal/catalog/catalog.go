// Package catalog holds the career catalog: its types, strict loading and
// validation. The catalog is the policy: levels, roles, accountability
// answers, directions and providers are data, never code.
package catalog

// Catalog is one organisation's career ladder.
type Catalog struct {
	Name           string           `yaml:"name" json:"name"`
	Version        string           `yaml:"version" json:"version"`
	Programme      Programme        `yaml:"programme" json:"programme"`
	Levels         []Level          `yaml:"levels" json:"levels"`
	Accountability []Accountability `yaml:"accountability" json:"accountability"`
	Roles          []Role           `yaml:"roles" json:"roles"`
	Directions     []Direction      `yaml:"directions" json:"directions"`
	CareerGrowth   []CareerGrowth   `yaml:"career_growth" json:"career_growth"`
	Providers      []Provider       `yaml:"providers" json:"providers"`
	Policy         CatalogPolicy    `yaml:"policy,omitempty" json:"policy,omitempty"`
}

// CatalogPolicy is what the rule needs of the catalog as a whole.
type CatalogPolicy struct {
	// TitleWords are the seniority and grade words of job titles ("senior",
	// "II"): a role answer that matches no role is matched again without
	// them.
	TitleWords []string `yaml:"title_words,omitempty" json:"title_words,omitempty"`
}

// Programme describes the certification programme behind the ladder.
type Programme struct {
	Name       string `yaml:"name" json:"name"`
	Operator   string `yaml:"operator,omitempty" json:"operator,omitempty"`
	Evaluation string `yaml:"evaluation,omitempty" json:"evaluation,omitempty"`
}

// Level is one rung of the ladder, with its stage details.
type Level struct {
	ID               string          `yaml:"id" json:"id"`
	Name             string          `yaml:"name" json:"name"`
	Order            int             `yaml:"order" json:"order"`
	Track            string          `yaml:"track" json:"track"`
	IntendedAudience string          `yaml:"intended_audience" json:"intended_audience"`
	PriorExperience  string          `yaml:"prior_experience" json:"prior_experience"`
	KeyEmphasis      string          `yaml:"key_emphasis" json:"key_emphasis"`
	Reference        string          `yaml:"reference" json:"reference"`
	Stage            string          `yaml:"stage" json:"stage"`
	Purpose          string          `yaml:"purpose" json:"purpose"`
	BestSuitedFor    string          `yaml:"best_suited_for" json:"best_suited_for"`
	Capabilities     []string        `yaml:"capabilities" json:"capabilities"`
	PracticalResults []string        `yaml:"practical_results" json:"practical_results"`
	PreparationPlan  PreparationPlan `yaml:"preparation_plan" json:"preparation_plan"`
	CommonMistakes   []string        `yaml:"common_mistakes" json:"common_mistakes"`
	PursueNext       []string        `yaml:"pursue_next" json:"pursue_next"`
	Policy           LevelPolicy     `yaml:"policy" json:"policy"`
}

// LevelPolicy is what the rule needs of a level beyond the source text.
type LevelPolicy struct {
	// MinYears is the experience a person needs to be placed at this level.
	MinYears float64 `yaml:"min_years" json:"min_years"`
	// NextDirection is the direction this level's "what to pursue next" names.
	NextDirection string `yaml:"next_direction,omitempty" json:"next_direction,omitempty"`
}

// PreparationPlan is a level's study plan: phases run back to back.
type PreparationPlan struct {
	Text   string  `yaml:"text" json:"text"`
	Phases []Phase `yaml:"phases" json:"phases"`
}

// Days is how long the plan takes, its phases back to back.
func (p PreparationPlan) Days() int {
	days := 0
	for _, ph := range p.Phases {
		days += ph.Days
	}
	return days
}

// Phase is one block of the preparation plan.
type Phase struct {
	Title    string `yaml:"title" json:"title"`
	Activity string `yaml:"activity" json:"activity"`
	Duration string `yaml:"duration,omitempty" json:"duration,omitempty"`
	Days     int    `yaml:"days" json:"days"`
}

// Accountability is one answer to "what are you accountable for?".
type Accountability struct {
	ID          string        `yaml:"id" json:"id"`
	Name        string        `yaml:"name" json:"name"`
	Description string        `yaml:"description" json:"description"`
	Level       string        `yaml:"level" json:"level"`
	Policy      AliasesPolicy `yaml:"policy,omitempty" json:"policy,omitempty"`
}

// AliasesPolicy lists other spellings an answer is accepted under.
type AliasesPolicy struct {
	Aliases []string `yaml:"aliases,omitempty" json:"aliases,omitempty"`
}

// Role is one row of the role-based recommendations table.
type Role struct {
	ID             string     `yaml:"id" json:"id"`
	Name           string     `yaml:"name" json:"name"`
	SuggestedLevel string     `yaml:"suggested_level" json:"suggested_level"`
	Level          LevelRange `yaml:"level" json:"level"`
	Policy         RolePolicy `yaml:"policy" json:"policy"`
}

// LevelRange is a role's table level; To is empty unless it is a range.
type LevelRange struct {
	From string `yaml:"from" json:"from"`
	To   string `yaml:"to,omitempty" json:"to,omitempty"`
}

// RolePolicy is what the rule needs of a role beyond the source text.
type RolePolicy struct {
	PrimaryDirection string   `yaml:"primary_direction" json:"primary_direction"`
	Aliases          []string `yaml:"aliases,omitempty" json:"aliases,omitempty"`
}

// Direction is a post-certification specialisation.
type Direction struct {
	ID        string   `yaml:"id" json:"id"`
	Name      string   `yaml:"name" json:"name"`
	Focus     string   `yaml:"focus" json:"focus"`
	Providers []string `yaml:"providers" json:"providers"`
}

// CareerGrowth is one way to grow after completing the track.
type CareerGrowth struct {
	ID   string `yaml:"id" json:"id"`
	Name string `yaml:"name" json:"name"`
	Text string `yaml:"text" json:"text"`
}

// Provider is a training provider.
type Provider struct {
	ID      string `yaml:"id" json:"id"`
	Name    string `yaml:"name" json:"name"`
	Summary string `yaml:"summary" json:"summary"`
}
