// Package reportdoc is the team report's document: the JSON contract of
// `careerpath report --format json`. It stands apart from package report,
// which builds it from batch rows, so that internal/render (which batch
// itself uses) can write it without an import cycle.
package reportdoc

import "github.com/careerpath/careerpath/internal/catalog"

// SchemaVersion is the version of the report's JSON contract; fields may be
// added under the same major version.
const SchemaVersion = "1.0"

// Document is the report: the stable JSON contract of `careerpath report
// --format json`, published as `careerpath schema report`.
type Document struct {
	SchemaVersion  string            `json:"schema_version"`
	Catalog        catalog.Source    `json:"catalog"`
	Inputs         Inputs            `json:"inputs"`
	Rows           Rows              `json:"rows"`
	Levels         []LevelCount      `json:"levels"`
	Groups         *Groups           `json:"groups"`
	Roles          []Breakdown       `json:"roles"`
	Accountability []Breakdown       `json:"accountability"`
	Readiness      Readiness         `json:"readiness"`
	Closest        []Candidate       `json:"closest"`
	Directions     []DirectionDemand `json:"directions"`
	Providers      []ProviderDemand  `json:"providers"`
	StudyLoad      []MonthLoad       `json:"study_load"`
	Rejected       Rejected          `json:"rejected"`
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
}

// Breakdown is the advised people of one role or accountability answer
// per catalog level.
type Breakdown struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	People int    `json:"people"`
	Levels []int  `json:"levels"`
}

// Readiness buckets people below the top level by the months until they
// meet the next level's minimum years.
type Readiness struct {
	Buckets []Bucket `json:"buckets"`
	// AtTop counts the people already at the catalog's top level.
	AtTop int `json:"at_top"`
}

// Bucket is a range of months until the next level; NeedsAccountability
// counts those of its people who also need a wider accountability.
type Bucket struct {
	Name                string `json:"name"`
	MinMonths           int    `json:"min_months"`
	MaxMonths           *int   `json:"max_months"`
	People              int    `json:"people"`
	NeedsAccountability int    `json:"needs_accountability"`
}

// Candidate is a person close to the next level.
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
// month (YYYY-MM).
type MonthLoad struct {
	Month  string `json:"month"`
	People int    `json:"people"`
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

// Cause is a culprit column and value, and how many rejected rows had it.
type Cause struct {
	Column string `json:"column"`
	Value  string `json:"value"`
	Rows   int    `json:"rows"`
}
