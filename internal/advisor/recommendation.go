package advisor

import "github.com/careerpath/careerpath/internal/catalog"

// SchemaVersion is the version of the JSON contract. Fields may be added
// under the same major version; a rename or removal bumps the major.
const SchemaVersion = "1.1"

// DateLayout is how every date in a recommendation is written (ISO 8601).
const DateLayout = "2006-01-02"

// Recommendation is the advisor's answer: the stable JSON contract.
type Recommendation struct {
	SchemaVersion    string           `json:"schema_version"`
	Catalog          catalog.Source   `json:"catalog"`
	Input            Input            `json:"input"`
	Role             RoleRef          `json:"role"`
	Accountability   AnswerRef        `json:"accountability"`
	Level            LevelRef         `json:"level"`
	Trace            []Step           `json:"trace"`
	NextLevel        *NextLevel       `json:"next_level"`
	Plan             Plan             `json:"plan"`
	Capabilities     []string         `json:"capabilities"`
	PracticalResults []string         `json:"practical_results"`
	CommonMistakes   []string         `json:"common_mistakes"`
	PursueNext       []string         `json:"pursue_next"`
	Specialisations  []Specialisation `json:"specialisations"`
}

// Input echoes the answers as they were given.
type Input struct {
	Role           string  `json:"role"`
	Years          float64 `json:"years"`
	Accountability string  `json:"accountability"`
}

// RoleRef is the role the answer matched.
type RoleRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Match says how the answer found the role: exact, alias, title-words
	// or title-map.
	Match      string     `json:"match"`
	TableLevel TableLevel `json:"table_level"`
}

// TableLevel is the role table's suggestion: a level, or a range From..To.
type TableLevel struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label"`
}

// AnswerRef is the accountability answer the input matched.
type AnswerRef struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// LevelRef names a level.
type LevelRef struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Order int    `json:"order"`
}

// Step is one applied step of the level rule, in order.
type Step struct {
	Rule   string `json:"rule"`
	Effect string `json:"effect"`
	Level  string `json:"level"`
	Detail string `json:"detail"`
}

// Rule ids and effects written into the trace.
const (
	RuleRoleTable      = "role-table"
	RuleAccountability = "accountability"
	RuleExperience     = "experience"
	RuleTitleMap       = "title-map"
	RuleTitleWords     = "title-words"

	EffectStart = "start"
	EffectRaise = "raise"
	EffectKeep  = "keep"
	EffectLower = "lower"
	EffectMatch = "match"
)

// NextLevel is the level above the suggestion and what stands in the way.
type NextLevel struct {
	ID      string        `json:"id"`
	Name    string        `json:"name"`
	Order   int           `json:"order"`
	Missing []Requirement `json:"missing"`
	// EligibleFrom is the first day the years requirement of the level is
	// met, counting from the plan's start: the start when it is met already.
	EligibleFrom string `json:"eligible_from"`
}

// Requirement is one thing missing to reach the next level.
type Requirement struct {
	Kind    string `json:"kind"`
	Needed  string `json:"needed"`
	Current string `json:"current"`
	Detail  string `json:"detail"`
	// NeededYears and CurrentYears are Needed and Current as numbers; only
	// a years requirement has them.
	NeededYears  *float64 `json:"needed_years,omitempty"`
	CurrentYears *float64 `json:"current_years,omitempty"`
}

// Requirement kinds.
const (
	NeedYears          = "years"
	NeedAccountability = "accountability"
)

// Plan is the dated study plan; dates are inclusive.
type Plan struct {
	Start  string      `json:"start"`
	End    string      `json:"end"`
	Phases []PlanPhase `json:"phases"`
}

// PlanPhase is one phase of the plan with its dates.
type PlanPhase struct {
	Title    string `json:"title"`
	Activity string `json:"activity"`
	Days     int    `json:"days"`
	Start    string `json:"start"`
	End      string `json:"end"`
}

// Specialisation is a ranked post-certification direction.
type Specialisation struct {
	Rank      int           `json:"rank"`
	ID        string        `json:"id"`
	Name      string        `json:"name"`
	Focus     string        `json:"focus"`
	Providers []ProviderRef `json:"providers"`
	Reason    string        `json:"reason"`
}

// ProviderRef is a training provider for a direction.
type ProviderRef struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Summary string `json:"summary"`
}
