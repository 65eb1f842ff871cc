// Package data embeds the default catalog and the published schemas, which
// live outside internal/ so that go:embed can reach them from one place.
package data

import (
	"embed"
)

// CatalogYAML is the default catalog, taken from the source article.
//
//go:embed catalog.yaml
var CatalogYAML []byte

//go:embed schema/*.schema.json
var schemas embed.FS

// Schema names, as `careerpath schema NAME` takes them.
const (
	RecommendationSchema = "recommendation"
	CatalogSchema        = "catalog"
	PathSchema           = "path"
	ReportSchema         = "report"
	CalibrationSchema    = "calibration"
	PlanStatusSchema     = "plan-status"
)

// SchemaNames lists the published JSON Schemas.
func SchemaNames() []string {
	return []string{RecommendationSchema, PathSchema, CatalogSchema, ReportSchema, CalibrationSchema, PlanStatusSchema}
}

// SchemaFile is the file name a schema's source is kept under in schema/;
// another source refers to its definitions by it.
func SchemaFile(name string) string {
	return name + ".schema.json"
}

// Schema returns the JSON Schema (2020-12) with the given name, standalone:
// the definitions it takes from other schema files are bundled in.
func Schema(name string) ([]byte, error) {
	return bundle(name)
}
