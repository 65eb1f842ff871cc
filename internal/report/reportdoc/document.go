// Package reportdoc is the team report's document: the JSON contract of
// `careerpath report --format json`. It stands apart from package report,
// which builds it from batch rows, so that internal/render (which batch
// itself uses) can write it without an import cycle.
package reportdoc

import "github.com/careerpath/careerpath/internal/catalog"

// SchemaVersion is the version of the report's JSON contract; fields may be
// added under the same major version.
const SchemaVersion = "1.1"

// Document is the report: the stable JSON contract of `careerpath report
// --format json`, published as `careerpath schema report`.
type Document struct {
	SchemaVersion  string         `json:"schema_version"`
	Catalog        catalog.Source `json:"catalog"`
	Inputs         Inputs         `json:"inputs"`
	Rows           Rows           `json:"rows"`
	Levels         []LevelCount   `json:"levels"`
	Groups         *Groups        `json:"groups"`
	Roles          []Breakdown    `json:"roles"`
	Accountability []Breakdown    `json:"accountability"`
	Readiness      Readiness      `json:"readiness"`
	NextByTime     []TimeBound    `json:"next_by_time"`
	ScopeBound     []ScopeBound   `json:"scope_bound"`
	// Closest is next_by_time in the shape of schema 1.0, kept so that
	// readers of 1.0 go on working; deprecated.
	Closest    []Candidate       `json:"closest"`
	Directions []DirectionDemand `json:"directions"`
	Providers  []ProviderDemand  `json:"providers"`
	StudyLoad  []MonthLoad       `json:"study_load"`
	// StudyStarts says whether the plans start on one day or on several:
	// with one start for everyone, every plan of a level runs over the
	// same months and the study load only repeats the level distribution.
	StudyStarts *StudyStarts `json:"study_starts"`
	Rejected    Rejected     `json:"rejected"`
	Privacy     Privacy      `json:"privacy"`
}

// Inputs are what made the report, so that a stored report says so.
type Inputs struct {
	File         string            `json:"file"`
	Start        string            `json:"start"`
	By           string            `json:"by"`
	LabelColumns []string          `json:"label_columns"`
	Top          int               `json:"top"`
	Delimiter    string            `json:"delimiter"`
	Columns      map[string]string `json:"columns"`
}

// Rows counts the data rows: read = advised + rejected + out of scope
// (rows whose title the title map marks as outside the track, which no
// other part of the report counts).
type Rows struct {
	Read       int `json:"read"`
	Advised    int `json:"advised"`
	Rejected   int `json:"rejected"`
	OutOfScope int `json:"out_of_scope"`
}

// LevelRef names a catalog level.
type LevelRef struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Order int    `json:"order"`
}

// LevelCount is how many advised people a level has, and their share of
// the advised rows.
type LevelCount struct {
	LevelRef
	People int     `json:"people"`
	Share  float64 `json:"share"`
}

// Groups is the level distribution per value of the --by column.
type Groups struct {
	Column string  `json:"column"`
	Groups []Group `json:"groups"`
	// Other holds the values beyond the largest MaxGroups, folded into one
	// group; nil when none were.
	Other *Group `json:"other"`
	// OtherValues is how many values were folded into Other.
	OtherValues int `json:"other_values"`
	// Exact is false when the file had so many distinct values that some
	// were folded while streaming (see Builder): a value's counts then
	// cover only its rows since its last fold, the rest being in Other.
	Exact bool `json:"exact"`
}

// Group is one value of the --by column. Levels holds the advised people
// per catalog level, in the order of the document's levels.
type Group struct {
	Name     string `json:"name"`
	Rows     int    `json:"rows"`
	Advised  int    `json:"advised"`
	Rejected int    `json:"rejected"`
	Levels   []int  `json:"levels"`
	// Suppressed says why a group is hidden under --min-group, "" when it
	// is shown: "small" or "complementary" (see Privacy). A hidden group's
	// counts are 0 and its levels empty.
	Suppressed string `json:"suppressed"`
}

// Breakdown is the advised people of one role or accountability answer
// per catalog level.
type Breakdown struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	People int    `json:"people"`
	Levels []int  `json:"levels"`
	// Suppressed is as a Group's.
	Suppressed string `json:"suppressed"`
}

// Readiness sorts the advised people below the top level by what holds
// them from the next level (see Kinds); the buckets are schema 1.0's
// months until the next level's minimum years, kept for its readers.
type Readiness struct {
	// Kinds are the time-bound, the scope-bound and the time-and-scope
	// people, always these three in this order.
	Kinds []ReadinessKind `json:"kinds"`
	// Buckets are deprecated: every person of the "now" bucket needs a
	// wider accountability, by the level rule, so they say little.
	Buckets []Bucket `json:"buckets"`
	// AtTop counts the people already at the catalog's top level.
	AtTop int `json:"at_top"`
}

// The readiness kinds.
const (
	// KindTime is a person whom the role table or the accountability
	// already place at the next level: only years are missing.
	KindTime = "time"
	// KindScope is a person whose years already meet the next level's
	// minimum: a wider accountability is missing.
	KindScope = "scope"
	// KindTimeAndScope is a person who lacks both.
	KindTimeAndScope = "time-and-scope"
)

// ReadinessKind counts the people of one kind; the two kinds that wait on
// years have month buckets, the scope kind none.
type ReadinessKind struct {
	Kind    string        `json:"kind"`
	Name    string        `json:"name"`
	People  int           `json:"people"`
	Buckets []MonthBucket `json:"buckets"`
}

// MonthBucket is a range of months until the next level's minimum years.
type MonthBucket struct {
	Name      string `json:"name"`
	MinMonths int    `json:"min_months"`
	MaxMonths *int   `json:"max_months"`
	People    int    `json:"people"`
}

// Bucket is schema 1.0's range of months until the next level;
// NeedsAccountability counts those of its people who also need a wider
// accountability.
type Bucket struct {
	Name                string `json:"name"`
	MinMonths           int    `json:"min_months"`
	MaxMonths           *int   `json:"max_months"`
	People              int    `json:"people"`
	NeedsAccountability int    `json:"needs_accountability"`
}

// TimeBound is a person whom only years keep from the next level.
type TimeBound struct {
	Row          int      `json:"row"`
	Labels       []string `json:"labels"`
	Level        LevelRef `json:"level"`
	NextLevel    LevelRef `json:"next_level"`
	Months       int      `json:"months"`
	EligibleFrom string   `json:"eligible_from"`
}

// ScopeBound is a person whose years meet the next level's minimum: one
// to consider for a wider accountability.
type ScopeBound struct {
	Row       int      `json:"row"`
	Labels    []string `json:"labels"`
	Level     LevelRef `json:"level"`
	NextLevel LevelRef `json:"next_level"`
	Years     float64  `json:"years"`
	// YearsBeyond is how far the years pass the next level's minimum.
	YearsBeyond float64 `json:"years_beyond"`
	// Accountability is the narrowest answer that reaches the next level,
	// "" when no answer of the catalog does.
	Accountability string `json:"accountability"`
}

// Candidate is schema 1.0's person close to the next level.
type Candidate struct {
	Row                 int      `json:"row"`
	Labels              []string `json:"labels"`
	Level               LevelRef `json:"level"`
	NextLevel           LevelRef `json:"next_level"`
	Months              int      `json:"months"`
	EligibleFrom        string   `json:"eligible_from"`
	NeedsAccountability bool     `json:"needs_accountability"`
}

// DirectionDemand counts the people for whom a direction is the first or
// the second recommendation.
type DirectionDemand struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Rank1 int    `json:"rank1"`
	Rank2 int    `json:"rank2"`
}

// ProviderDemand counts each person once per provider of their first or
// second direction.
type ProviderDemand struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	People int    `json:"people"`
}

// MonthLoad is how many people have at least one plan day in a calendar
// month (YYYY-MM), in all and per level of their plan.
type MonthLoad struct {
	Month  string `json:"month"`
	People int    `json:"people"`
	// Levels are the people per catalog level, in the order of levels.
	Levels []int `json:"levels"`
}

// StudyStarts are the first and the last plan start, equal when every
// plan starts on the same day; "" without advised rows.
type StudyStarts struct {
	First string `json:"first"`
	Last  string `json:"last"`
}

// Rejected lists the rows that could not be advised and what they have
// in common.
type Rejected struct {
	Total int `json:"total"`
	// Rows are the first MaxRejectedRows rejected rows, in input order.
	Rows []RejectedRow `json:"rows"`
	// Causes groups the rejected rows by culprit column and value, most
	// frequent first.
	Causes      []Cause `json:"causes"`
	CausesExact bool    `json:"causes_exact"`
	// Allowed says, once per column, what the columns of the causes
	// accept.
	Allowed []Allowed `json:"allowed"`
}

// RejectedRow is one row that could not be advised. Column is "" when the
// row's shape was wrong; Value is the culprit cell.
type RejectedRow struct {
	Row     int      `json:"row"`
	Labels  []string `json:"labels"`
	Column  string   `json:"column"`
	Value   string   `json:"value"`
	Message string   `json:"message"`
	// Problems are every problem of the row; the first is Column, Value
	// and Message again.
	Problems []Problem `json:"problems"`
}

// Problem is one reason a row was rejected.
type Problem struct {
	Column  string `json:"column"`
	Value   string `json:"value"`
	Message string `json:"message"`
}

// Cause is a culprit column and value, and how many rejected rows had
// it. Values are one cause when they are equal ignoring case and runs of
// spaces; Value is the first spelling met.
type Cause struct {
	Column string `json:"column"`
	Value  string `json:"value"`
	Rows   int    `json:"rows"`
	// Spellings is how many different spellings of the value the rows
	// had (each told apart by a hash of the whole cell).
	Spellings int `json:"spellings"`
	// Truncated is true when Value is only the first bytes of a longer
	// cell (report keeps a bounded prefix of each value).
	Truncated bool `json:"truncated"`
}

// Allowed is what a column accepts, said once for the rejected rows
// rather than in each row's reason.
type Allowed struct {
	Column string `json:"column"`
	Values string `json:"values"`
}

// Privacy says what the report leaves out to protect people.
type Privacy struct {
	// MinGroup is --min-group: a group of fewer people is shown without its
	// figures; 1 shows every group.
	MinGroup int `json:"min_group"`
	// NoPeople is --no-people: the lists of people (next_by_time,
	// scope_bound, closest, rejected rows) are left empty.
	NoPeople bool `json:"no_people"`
	// Suppressed are the groups shown without their figures.
	Suppressed []Suppressed `json:"suppressed"`
}

// Suppressed is one group hidden under MinGroup.
type Suppressed struct {
	// View is the table: "groups", "roles" or "accountability".
	View  string `json:"view"`
	Group string `json:"group"`
	// Reason is "small" (fewer than min_group people) or "complementary"
	// (the next smallest, hidden so that a lone hidden group cannot be
	// worked out from the total).
	Reason string `json:"reason"`
}
