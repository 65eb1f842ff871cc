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

// CatalogForm is catalog.yaml in the compact binary form internal/catalog
// reads without reflection, made at build time so that a run need not
// parse YAML; a test in internal/catalog keeps it equal to catalog.yaml.
// It is a string so that the catalog's text can point into it.
//
//go:generate go run ../internal/catalog/embedgen catalog.yaml catalog.gen.bin
//go:embed catalog.gen.bin
var CatalogForm string

//go:embed schema/*.schema.json
var schemas embed.FS

// Schema names, as `careerpath schema NAME` takes them.
const (
	RecommendationSchema = "recommendation"
	CatalogSchema        = "catalog"
	PathSchema           = "path"
	ReportSchema         = "report"
	CalibrationSchema    = "calibration"
)

// SchemaNames lists the published JSON Schemas.
func SchemaNames() []string {
	return []string{RecommendationSchema, PathSchema, CatalogSchema, ReportSchema, CalibrationSchema}
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
