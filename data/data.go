// Package data embeds the default catalog and the published schemas, which
// live outside internal/ so that go:embed can reach them from one place.
package data

import (
	"embed"
	"fmt"
	"strings"
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
)

// SchemaNames lists the published JSON Schemas.
func SchemaNames() []string {
	return []string{RecommendationSchema, PathSchema, CatalogSchema, ReportSchema, CalibrationSchema}
}

// SchemaFile is the file name a schema is published under; it is also the
// last part of the schema's $id, so one schema can $ref another by it.
func SchemaFile(name string) string {
	return name + ".schema.json"
}

// Schema returns the JSON Schema (2020-12) with the given name.
func Schema(name string) ([]byte, error) {
	raw, err := schemas.ReadFile("schema/" + SchemaFile(name))
	if err != nil {
		return nil, fmt.Errorf("unknown schema %q; use one of: %s", name, strings.Join(SchemaNames(), ", "))
	}
	return raw, nil
}
