// Package data embeds the default catalog and the published schemas, which
// live outside internal/ so that go:embed can reach them from one place.
package data

import _ "embed"

// CatalogYAML is the default catalog, taken from the source article.
//
//go:embed catalog.yaml
var CatalogYAML []byte
