//go:build !embedgen

package catalog

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/careerpath/careerpath/data"
)

// The generator loads catalog.yaml through this package, with the
// embedgen tag that leaves this file and the generated one out of it.
//go:generate go run -tags embedgen ./embedgen ../../data/catalog.yaml embedded_gen.go

// embeddedOrigin names the embedded catalog in errors.
const embeddedOrigin = "(embedded)"

// Default returns the embedded catalog: data/catalog.yaml as Go source
// (embedded_gen.go), generated from the YAML so that a run neither parses
// YAML nor validates a catalog that was valid at build time. A test checks
// that Default gives exactly what Parse gives for the YAML, validation
// included. The Source's sha256 is still that of the YAML file, which is
// what ships and what `catalog export` prints.
func Default() (*Loaded, error) {
	c := embeddedCatalog()
	sum := sha256.Sum256(data.CatalogYAML)
	return &Loaded{
		Catalog: c,
		Source:  Source{Name: c.Name, Version: c.Version, SHA256: hex.EncodeToString(sum[:])},
		index:   buildIndex(c),
	}, nil
}
